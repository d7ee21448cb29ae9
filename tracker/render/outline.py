"""The shape of a report as a careful reader would tell it, shared by every renderer.

What alerts comes first: contacts, counter anomalies, then what the page published (an article
replaced, news items added and dropped by title, other paragraphs, rewrites with their word
diff); then what does not alert (counters on schedule, moves), in the same order; noise in one
line. Which changes alert is the alert module's decision, passed in as `alerting`. Terminal and
Markdown only decide how each line looks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tracker.differ.items import groups, item_date, role
from tracker.differ.model import Change, Report
from tracker.render import phrases

TITLE_WIDTH = 160  # a title longer than this is shortened; a terminal crops to its width
QUIET = " — not alerting"  # a section title's suffix when the same section also alerts
LISTED = 3  # paragraphs of a collapsed group listed under its line (all with `every`)

Alerting = Callable[[Change], bool]  # does this change alert? (tracker.alert.select.alerting)


@dataclass
class Line:
    """One line of a report outline, shared by the text and Markdown renderers."""

    mark: str  # "+", "-", "~", "↕", "!", "✓", "✗", "#"
    text: str
    detail: str = ""  # dim trailing words: "(+11 paragraphs)"
    change: Change | None = None  # for word diffs and colours
    listed: list[str] = field(default_factory=list)  # a collapsed group's other paragraphs
    more: int = 0  # paragraphs not listed ("+N more")


@dataclass
class Section:
    """A titled group of outline lines (contacts, counters, news, …)."""

    title: str
    lines: list[Line] = field(default_factory=list)
    key: str = ""  # which section it is, whatever its title says ("news", "counters", …)


def _own(c: Change) -> str:
    return str((c.old if c.kind == "removed" else c.new) or c.old or "")


def under(c: Change, shown: str | None = None) -> str:
    """'under "Fees"': the heading a line sits under, unless the line already says it (a news
    item's title, a heading itself)."""
    if not c.section:
        return ""
    if " ".join(c.section.split()) in (" ".join((shown or _own(c)).split()), c.title):
        return ""
    return f'under "{phrases.shorten(c.section, 60)}"'


def _group_line(
    group: list[Change],
    mark: str,
    width: int | None = TITLE_WIDTH,
    every: bool = False,
    listed: bool = True,
) -> Line:
    """One line for a run of blocks: its title, the heading it sits under and how many
    paragraphs it holds; then the first few of its other paragraphs (all with `every`; an
    article's, named by its headline, only with `every`)."""
    n = len(group)
    title = phrases.block_title(group[0], width)
    where = under(group[0], phrases.block_title(group[0], None)) if listed else ""
    count = f"({phrases.plural(n, 'paragraph')})" if n > 1 else ""
    line = Line(mark, title, " ".join(d for d in (where, count) if d), group[0])
    if n > 1 and (listed or every):
        rest = [c for c in group if _own(c) != phrases.block_title(group[0], None)]
        shown = rest if every else rest[:LISTED]
        line.listed = [phrases.shorten(_own(c), width) for c in shown]
        line.more = len(rest) - len(shown)
    return line


def _news_line(group: list[Change], mark: str, width: int | None = TITLE_WIDTH) -> Line:
    date = item_date(group[0])
    title = phrases.shorten(group[0].title or phrases.block_title(group[0], None), width)
    return Line(mark, f"{date} {title}" if date else title, change=group[0])


def outline(
    report: Report, *, alerting: Alerting | None = None, full: bool = False, every: bool = False
) -> list[Section]:
    """The sections in reading order. With `alerting`, the changes that alert come first and
    the rest follow in the same section order (a section present in both is marked as not
    alerting the second time); without it, one pass in section order. `full`: titles and
    labels are never shortened (piped output, Markdown files). `every`: list every paragraph
    of a collapsed group, not the first few (`--full`)."""
    width = None if full else TITLE_WIDTH
    if alerting is None:
        return _sections(report.changes, width, every)
    loud = [c for c in report.changes if alerting(c)]
    first = _sections(loud, width, every)
    chosen = {id(c) for c in loud}
    later = _sections([c for c in report.changes if id(c) not in chosen], width, every)
    keys = {s.key for s in first}
    for s in later:
        if s.key in keys:
            s.title += QUIET
    return first + later


def _sections(changes: list[Change], width: int | None, every: bool = False) -> list[Section]:
    ordered = phrases.ordered(changes)
    sections: list[Section] = []

    status = [c for c in ordered if c.kind == "status"]
    if status:
        sections.append(
            Section(
                "Status", [Line("!", phrases.status_phrase(c), change=c) for c in status], "status"
            )
        )
    contacts = [c for c in ordered if c.kind == "contact"]
    if contacts:
        sections.append(
            Section(
                "Contacts",
                [Line("!", phrases.contact_phrase(c), change=c) for c in contacts],
                "contacts",
            )
        )
    counters = [c for c in ordered if c.kind == "counter"]
    if counters:
        lines = []
        for c in counters:
            verdict = phrases.counter_verdict(c)
            mark = "#" if not verdict else "✓" if c.on_schedule else "✗"
            since = f"(counting from {c.since})" if c.since else ""
            text = (
                f"{phrases.counter_values(c)} "
                f"({phrases.signed(c.delta)}{', ' + verdict if verdict else ''})"
            )
            label = phrases.counter_label(c, None if width is None else 90)
            lines.append(Line(mark, f"{text}  {label}", since, change=c))
        sections.append(Section("Counters", lines, "counters"))

    added = groups([c for c in changes if c.kind == "added"])
    removed = groups([c for c in changes if c.kind == "removed"])
    by_role = {
        (kind, r): [g for g in runs if role(g) == r]
        for kind, runs in (("added", added), ("removed", removed))
        for r in ("article", "news", "text")
    }
    old_art, new_art = by_role["removed", "article"], by_role["added", "article"]
    if old_art or new_art:
        title = "Article replaced" if old_art and new_art else "Article"
        lines = [_group_line(g, "-", width, every, listed=False) for g in old_art]
        lines += [_group_line(g, "+", width, every, listed=False) for g in new_art]
        sections.append(Section(title, lines, "article"))
    news_new, news_old = by_role["added", "news"], by_role["removed", "news"]
    if news_new or news_old:
        counts = [f"{len(news_new)} added"] if news_new else []
        counts += [f"{len(news_old)} dropped"] if news_old else []
        lines = [_news_line(g, "+", width) for g in news_new]
        lines += [_news_line(g, "-", width) for g in news_old]
        sections.append(Section(f"News items ({', '.join(counts)})", lines, "news"))
    for name, key, mark in (("Added", "added", "+"), ("Removed", "removed", "-")):
        if by_role[key, "text"]:
            lines = [_group_line(g, mark, width, every) for g in by_role[key, "text"]]
            sections.append(Section(name, lines, key))
    rewritten = [c for c in changes if c.kind == "rewritten"]
    if rewritten:
        lines = [Line("~", phrases.block_title(c, width), under(c), change=c) for c in rewritten]
        sections.append(Section("Rewritten", lines, "rewritten"))
    moved = groups([c for c in changes if c.kind == "moved"])
    if moved:
        lines = [_group_line(g, "↕", width, every) for g in moved]
        sections.append(Section("Moved", lines, "moved"))
    media = [c for c in changes if c.kind in ("image", "link")]
    if media:
        mark = {"added": "+", "removed": "-"}
        lines = [
            Line(mark.get(c.action or "", "~"), phrases.media_phrase(c, width), change=c)
            for c in media
        ]
        sections.append(Section("Images and links", lines, "media"))
    for section in sections:  # say where the site's own chrome changed: it alerts only on request
        for line in section.lines:
            if line.change is not None and line.change.chrome:
                line.detail = f"{line.detail} (page chrome)".strip()
    return sections
