"""Alerts in words: a verdict, one line per alerting item, and messages sized to where they go.

Lines come from the renderers' phrases (tracker.render.phrases), so a change reads the same in
the terminal, the job summary and a chat message. A news item whose paragraphs all changed is
one line, named by its title; a chat channel gets the most important lines, never a raw diff.
The alert module decides (which changes alert, which are urgent); this module only words that
decision, read from the result as data (`CheckView`), so `render` never imports `alert`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from tracker.differ.model import BLOCK_KINDS, Change, Report
from tracker.models import CaptureInfo
from tracker.render import phrases
from tracker.render.markdown import escape as _md
from tracker.render.markdown import render_markdown
from tracker.render.outline import under
from tracker.render.phrases import block_title, plural, shorten


class CheckView(Protocol):
    """What a renderer reads from a check (tracker.alert.result.CheckResult): the decision
    already made, as data and two questions about one change."""

    source: str
    old: CaptureInfo | None
    new: CaptureInfo | None
    report: Report | None
    alerts: list[Change]
    notes: list[str]
    region: str
    full: bool  # the Markdown report lists every paragraph of a group

    @property
    def alert(self) -> bool: ...

    def kind_of(self, change: Change) -> str | None: ...

    def is_urgent(self, change: Change) -> bool: ...


CHAT_LINES = 10
CHAT_CHARS = 2000

_COUNTS = {
    "status": ("status change", "status changes"),
    "contact": ("contact change", "contact changes"),
    "counter-anomaly": ("counter anomaly", "counter anomalies"),
    "figure": ("figure changed", "figures changed"),
    "counter": ("number change", "number changes"),
    "image": ("image change", "image changes"),
    "link": ("link change", "link changes"),
    "image-added": ("image added", "images added"),
    "link-added": ("link added", "links added"),
    "chrome": ("page chrome change", "page chrome changes"),
}


def e164(number: object, region: str = "GB") -> str | None:
    """The E.164 form of a phone number as written on a page, or None if it is not one."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(str(number), region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return f"{e164};ext={parsed.extension}" if parsed.extension else e164  # as the differ's


def describe(change: Change, region: str = "GB", width: int | None = None) -> str:
    """One line for one change; a phone written any other way also shows its E.164 form, so an
    alert can be searched for the canonical number. Whole unless `width` is given: a CI log or
    a grep must see the full title."""
    if change.kind == "contact" and change.type == "phone":
        change = replace(
            change, old=_with_e164(change.old, region), new=_with_e164(change.new, region)
        )
    return phrases.describe(change, width)


def _with_e164(value: object, region: str) -> object:
    if not isinstance(value, str):
        return value
    norm = e164(value, region)
    return f"{value} ({norm})" if norm and norm != value else value


def items(result: CheckView) -> list[list[Change]]:
    """The alerts as items: adjacent changes of one kind in one differ group (a news item, an
    article) go together; the order stays most important first."""
    out: list[list[Change]] = []
    for c in result.alerts:
        last = out[-1][0] if out else None
        if (
            last is not None
            and c.group is not None
            and (last.group, last.kind) == (c.group, c.kind)
        ):
            out[-1].append(c)
        else:
            out.append([c])
    return out


def item_line(result: CheckView, item: list[Change]) -> str:
    """ "! phone changed: …" for urgent items, "- removed: <title> (+14 paragraphs)" for others."""
    mark = "!" if any(result.is_urgent(c) for c in item) else "-"
    line = describe(item[0], result.region)
    if item[0].kind in BLOCK_KINDS:
        where = under(item[0], block_title(item[0], 10**9))
        line += f" {where}" if where else ""
    if len(item) > 1:
        line += f" (+{plural(len(item) - 1, 'paragraph')})"
    return f"{mark} {line}"


def alert_lines(result: CheckView) -> list[str]:
    return [item_line(result, item) for item in items(result)]


def span(result: CheckView) -> str:
    """ "rusemb.org.uk 2021-10-26 → 2022-05-21 (207 days)"."""
    if result.new is None:
        return result.source
    if result.old is None:
        return f"{result.source} {result.new.day}"
    days = result.report.days if result.report else None
    tail = f" ({plural(days, 'day')})" if days is not None else ""
    return f"{result.source} {result.old.day} → {result.new.day}{tail}"


def verdict(result: CheckView) -> str:
    """ "ALERT: <span>: 1 contact change, 11 removed, 15 added" or "no alert: <span>"."""
    if not result.alert:
        return f"no alert: {span(result)}"
    counts: dict[str, int] = {}
    for item in items(result):
        kind = result.kind_of(item[0]) or item[0].kind
        counts[kind] = counts.get(kind, 0) + 1
    parts = []
    for kind, n in counts.items():
        parts.append(plural(n, *_COUNTS.get(kind, (kind, kind))))
    return f"ALERT: {span(result)}: {', '.join(parts)}"


def render_text(result: CheckView) -> str:
    lines = [verdict(result)]
    lines += [f"  {line}" for line in alert_lines(result)]
    lines += [f"note: {note}" for note in result.notes]
    return "\n".join(lines) + "\n"


def render_chat(
    result: CheckView, *, max_lines: int = CHAT_LINES, max_chars: int = CHAT_CHARS
) -> tuple[str, str]:
    """(title, body) for a chat message: at most `max_lines` lines counting the title and
    `max_chars` characters, ending with "… and N more" when items were left out."""
    title = f"tracker: {verdict(result)}"
    lines = alert_lines(result) or [f"note: {n}" for n in result.notes]
    lines = [shorten(line, 300) for line in lines]
    budget = max_lines - 1  # the title is the first line
    body: list[str] = []
    used = len(title) + 1
    for i, line in enumerate(lines):
        left = len(lines) - i - 1  # after this one: keep room to say "… and N more"
        more = len(f"… and {left} more") + 1 if left else 0
        if len(body) + 1 + (1 if left else 0) > budget or used + len(line) + 1 + more > max_chars:
            body.append(f"… and {len(lines) - i} more")
            break
        body.append(line)
        used += len(line) + 1
    return title, "\n".join(body)


def render_check_markdown(result: CheckView) -> str:
    """A short Markdown summary (for $GITHUB_STEP_SUMMARY and --format markdown)."""
    head = "⚠️" if result.alert else "✅"
    lines = [f"### {head} tracker check: {_md(verdict(result))}", ""]
    for line in alert_lines(result):
        mark, text = line.split(" ", 1)
        lines.append(f"- **{_md(text)}**" if mark == "!" else f"- {_md(text)}")
    if result.alerts:
        lines.append("")
    lines += [f"> {_md(note)}  " for note in result.notes]
    full = _full_report(result)
    if full:
        lines += ["", "<details><summary>Full report</summary>", "", full.rstrip(), ""]
        lines.append("</details>")
    return "\n".join(lines).rstrip() + "\n"


def _full_report(result: CheckView) -> str | None:
    """The renderer's full Markdown report of the diff, under the alerts, when something alerts."""
    if not result.alert or result.report is None or result.old is None:
        return None
    chosen = {id(c) for c in result.alerts}
    return render_markdown(
        result.report,
        result.old,
        result.new,
        result.source,
        alerting=lambda c: id(c) in chosen,
        every=result.full,
    )
