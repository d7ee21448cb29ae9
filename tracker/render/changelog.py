"""The changelog in the terminal: one typed line (or a few) per capture, newest first.

Reads like a project changelog: the capture's time and distance from the previous one, then
what a reader must see (contacts, counter anomalies, the article replaced, news titles), and a
single dim line for a capture that changed nothing but noise.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from tracker.differ.model import Change
from tracker.history.changelog import Entry
from tracker.render import phrases
from tracker.render.terminal import when

TITLES_SHOWN = 3


def as_change(d: dict) -> Change:
    fields = Change.__dataclass_fields__
    return Change(**{k: v for k, v in d.items() if k in fields})


def _titles(items: list[dict], width: int = 60) -> str:
    shown = [
        f"«{phrases.shorten(d.get('title') or d.get('new') or d.get('old'), width)}»"
        for d in items[:TITLES_SHOWN]
    ]
    more = f" +{len(items) - TITLES_SHOWN} more" if len(items) > TITLES_SHOWN else ""
    return ", ".join(shown) + more


def entry_lines(entry: Entry) -> list[tuple[str, str, str]]:
    """(mark, text, style) lines for one capture; empty for the first capture or noise only."""
    hl = entry.highlights or []
    lines: list[tuple[str, str, str]] = []
    contacts = [as_change(d) for d in hl if d["kind"] == "contact"]
    if contacts:
        lines.append(("!", " · ".join(phrases.contact_phrase(c) for c in contacts), "bold magenta"))
    counters = [as_change(d) for d in hl if d["kind"] == "counter"]
    for c in counters:
        if c.is_anomaly:
            lines.append(("✗", phrases.describe(c, 70), "bold red"))
    fine = [c for c in counters if not c.is_anomaly]
    if fine:
        deltas = sorted({phrases.signed(c.delta) for c in fine})
        scheduled = all(c.on_schedule for c in fine)
        what = "on schedule" if scheduled else "changed"
        n = len(fine)
        lines.append(
            (
                "✓" if scheduled else "#",
                f"{n} counter{'s' if n > 1 else ''} {what} ({', '.join(deltas)})",
                "green",
            )
        )
    by = {
        (k, r): [d for d in hl if d["kind"] == k and d.get("role") == r]
        for k in ("added", "removed")
        for r in ("article", "news", "text")
    }
    old_art, new_art = by["removed", "article"], by["added", "article"]
    if old_art and new_art:
        lines.append(
            ("~", f"article replaced: {_titles(old_art, 50)} → {_titles(new_art, 50)}", "yellow")
        )
    elif new_art or old_art:
        verb = "added" if new_art else "removed"
        lines.append(
            (
                "+" if new_art else "-",
                f"article {verb}: {_titles(new_art or old_art)}",
                "green" if new_art else "red",
            )
        )
    if by["added", "news"]:
        n = len(by["added", "news"])
        lines.append(
            ("+", f"{n} news item{'s' if n > 1 else ''}: {_titles(by['added', 'news'])}", "green")
        )
    media = [as_change(d) for d in hl if d["kind"] in ("image", "link")]
    if media:
        shown = " · ".join(phrases.describe(c, 70) for c in media[:TITLES_SHOWN])
        more = f" +{len(media) - TITLES_SHOWN} more" if len(media) > TITLES_SHOWN else ""
        lines.append(("-", shown + more, "red"))
    rest = []
    for (kind, role), items in by.items():
        if items and role != "article" and (kind, role) != ("added", "news"):
            n = len(items)
            what = "news item" if role == "news" else "paragraph"
            verb = "dropped" if role == "news" else kind
            rest.append(f"{n} {what}{'s' if n > 1 else ''} {verb}")
    summary = entry.summary or {}
    for kind in ("rewritten", "moved"):
        if summary.get(kind):
            rest.append(f"{summary[kind]} {kind}")
    for kind in ("image", "link"):
        n = summary.get(kind, 0) - sum(1 for c in media if c.kind == kind)  # the quiet ones
        if n > 0:
            rest.append(f"{n} {kind}{'s' if n > 1 else ''} added or in page chrome")
    if rest:
        lines.append(("·", ", ".join(rest), ""))
    return lines


def render_changelog(
    entries: list[Entry], source: str, *, newest_first: bool = True, total: int | None = None
) -> Group:
    """`total`: the size of the whole history when `entries` is a selection of it."""
    parts: list = []
    if not entries:
        parts.append(Text(f"{source}: no capture matches."))
    else:
        first, last = entries[0].info, entries[-1].info
        count = f"{len(entries)} of {total} captures" if total else f"{len(entries)} captures"
        parts.append(Text.assemble((source, "bold"), f"  {count}, {first.day} → {last.day}"))
    for entry in reversed(entries) if newest_first else entries:
        head = Text()
        head.append(f"\n{when(entry.info)}", style="bold")
        if entry.previous is None:
            head.append("  first capture", style="dim")
        else:
            head.append(f"  +{entry.days} day{'s' if entry.days != 1 else ''}", style="cyan")
        head.append(f"  {entry.info.id}", style="dim")
        lines = entry_lines(entry)
        if entry.noise_only:
            head.append("  noise only", style="dim")
        parts.append(head)
        for note in entry.notes:
            parts.append(Text(f"  note: {note}", style="yellow"))
        for mark, text, style in lines:
            parts.append(
                Text.assemble((f"  {mark} ", style), text, no_wrap=True, overflow="ellipsis")
            )
    return Group(*parts)
