"""The changelog in the terminal: one typed line (or a few) per capture, newest first.

Reads like a project changelog: the capture's time and distance from the previous one, then
what a reader must see (contacts, counter anomalies, the article replaced, news titles), and a
single dim line for a capture that changed nothing but noise. Counters that do not alert (on
schedule) come after what alerts. Piped (`full`), titles are whole and no line is cut.
"""

from __future__ import annotations

from collections.abc import Callable

from tracker.differ.model import Change
from tracker.history.changelog import Entry, Highlight
from tracker.render import phrases
from tracker.render.styled import Text
from tracker.render.terminal import when

TITLES_SHOWN = 3


def _titles(items: list[Highlight], width: int | None = 60) -> str:
    shown = [
        f"«{phrases.shorten(h.title or h.change.new or h.change.old, width)}»"
        for h in items[:TITLES_SHOWN]
    ]
    more = f" +{len(items) - TITLES_SHOWN} more" if len(items) > TITLES_SHOWN else ""
    return ", ".join(shown) + more


def entry_lines(
    entry: Entry, *, full: bool = False, alerting: Callable[[Change], bool] | None = None
) -> list[tuple[str, str, str]]:
    """(mark, text, style) lines for one capture; empty for the first capture or noise only.
    `full`: titles whole; `alerting`: counters that do not alert go after what alerts."""
    hl = entry.highlights or []
    w50, w60, w70 = (None, None, None) if full else (50, 60, 70)
    lines: list[tuple[str, str, str]] = []
    for h in hl:
        if h.change.kind == "status":
            lines.append(("!", phrases.status_phrase(h.change), "bold magenta"))
    contacts = [h.change for h in hl if h.change.kind == "contact"]
    if contacts:
        lines.append(("!", " · ".join(phrases.contact_phrase(c) for c in contacts), "bold magenta"))
    counters = [h.change for h in hl if h.change.kind == "counter"]
    for c in counters:
        if c.is_anomaly:
            lines.append(("✗", phrases.describe(c, w70), "bold red"))
    fine = [c for c in counters if not c.is_anomaly]
    later: list[tuple[str, str, str]] = []  # lines that do not alert, printed last
    if fine:
        deltas = sorted({phrases.signed(c.delta) for c in fine})
        scheduled = all(c.on_schedule for c in fine)
        what = "on schedule" if scheduled else "changed"
        quiet = alerting is not None and not any(alerting(c) for c in fine)
        (later if quiet else lines).append(
            (
                "✓" if scheduled else "#",
                f"{phrases.plural(len(fine), 'counter')} {what} ({', '.join(deltas)})",
                "green",
            )
        )
    by = {
        (k, r): [h for h in hl if h.change.kind == k and h.role == r]
        for k in ("added", "removed")
        for r in ("article", "news", "text")
    }
    old_art, new_art = by["removed", "article"], by["added", "article"]
    if old_art and new_art:
        lines.append(
            ("~", f"article replaced: {_titles(old_art, w50)} → {_titles(new_art, w50)}", "yellow")
        )
    elif new_art or old_art:
        verb = "added" if new_art else "removed"
        lines.append(
            (
                "+" if new_art else "-",
                f"article {verb}: {_titles(new_art or old_art, w60)}",
                "green" if new_art else "red",
            )
        )
    if by["added", "news"]:
        n = phrases.plural(len(by["added", "news"]), "news item")
        lines.append(("+", f"{n}: {_titles(by['added', 'news'], w60)}", "green"))
    media = [h.change for h in hl if h.change.kind in ("image", "link")]
    if media:
        shown = " · ".join(phrases.describe(c, w70) for c in media[:TITLES_SHOWN])
        more = f" +{len(media) - TITLES_SHOWN} more" if len(media) > TITLES_SHOWN else ""
        lines.append(("-", shown + more, "red"))
    rest = []
    for (kind, role), items in by.items():
        if items and role != "article" and (kind, role) != ("added", "news"):
            what = "news item" if role == "news" else "paragraph"
            verb = "dropped" if role == "news" else kind
            rest.append(f"{phrases.plural(len(items), what)} {verb}")
    summary = entry.summary or {}
    for kind in ("rewritten", "moved"):
        if summary.get(kind):
            rest.append(f"{summary[kind]} {kind}")
    for kind in ("image", "link"):
        n = summary.get(kind, 0) - sum(1 for c in media if c.kind == kind)  # the quiet ones
        if n > 0:
            rest.append(f"{phrases.plural(n, kind)} added or in page chrome")
    if rest:
        lines.append(("·", ", ".join(rest), ""))
    return lines + later


def render_changelog(
    entries: list[Entry],
    source: str,
    *,
    newest_first: bool = True,
    total: int | None = None,
    full: bool = False,
    alerting: Callable[[Change], bool] | None = None,
) -> list[Text]:
    """`total`: the size of the whole history when `entries` is a selection of it; `full` and
    `alerting` as for entry_lines (`cli.common.show` prints the lines)."""
    parts: list[Text] = []
    if not entries:
        parts.append(Text(f"{source}: no capture matches."))
    else:
        first, last = entries[0].info, entries[-1].info
        count = f"{len(entries)} of {total} captures" if total else f"{len(entries)} captures"
        parts.append(Text(source, "bold").append(f"  {count}, {first.day} → {last.day}"))
    for entry in reversed(entries) if newest_first else entries:
        head = Text()
        head.append(f"\n{when(entry.info)}", style="bold")
        if entry.previous is None:
            head.append("  first capture", style="dim")
        else:
            head.append(f"  +{phrases.plural(entry.days, 'day')}", style="cyan")
        head.append(f"  {entry.info.id}", style="dim")
        lines = entry_lines(entry, full=full, alerting=alerting)
        if entry.noise_only:
            head.append("  noise only", style="dim")
        parts.append(head)
        for note in entry.notes:
            parts.append(Text(f"  note: {note}", style="yellow"))
        for mark, text, style in lines:
            parts.append(Text(f"  {mark} ", style, cut=True).append(text))
    return parts
