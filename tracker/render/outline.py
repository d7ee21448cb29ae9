"""The shape of a report as a careful reader would tell it, shared by every renderer.

Contacts first, then counters, then what the page published: an article replaced, news items
added and dropped (by title), headings and other paragraphs, rewrites with their word diff,
moves; noise in one line. Terminal and Markdown only decide how each line looks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.differ.items import groups, item_date, role
from tracker.differ.model import Change, Report
from tracker.render import phrases

TITLE_WIDTH = 160  # a title longer than this is shortened; a terminal crops to its width
LISTED = 3  # paragraphs of a collapsed group listed under its line (all with `full`)


@dataclass
class Line:
    mark: str  # "+", "-", "~", "↕", "!", "✓", "✗", "#"
    text: str
    detail: str = ""  # dim trailing words: "(+11 paragraphs)"
    change: Change | None = None  # for word diffs and colours
    listed: list[str] = field(default_factory=list)  # a collapsed group's other paragraphs
    more: int = 0  # paragraphs not listed ("+N more")


@dataclass
class Section:
    title: str
    lines: list[Line] = field(default_factory=list)


def _own(c: Change) -> str:
    return str((c.old if c.kind == "removed" else c.new) or c.old or "")


def under(c: Change, shown: str | None = None) -> str:
    """'under "Fees"': the heading a line sits under, when the line shows the block's own text
    (a news item is already named by its title, an article by its headline) and the heading is
    not that text."""
    if not c.section or c.title not in (None, _own(c)):
        return ""
    if c.kind == "rewritten" and c.title is not None:  # a news item's own title line
        return ""
    if " ".join(c.section.split()) == " ".join((shown or _own(c)).split()):
        return ""
    return f'under "{phrases.shorten(c.section, 60)}"'


def _group_line(group: list[Change], mark: str, full: bool = False, listed: bool = True) -> Line:
    """One line for a run of blocks: its title, and how many paragraphs it holds; then the
    first few of its other paragraphs (all with `full`; an article's only with `full`)."""
    n = len(group)
    title = phrases.shorten(phrases.block_title(group[0]), TITLE_WIDTH)
    where = under(group[0], phrases.block_title(group[0], 10**9)) if listed else ""
    detail = " ".join(d for d in (where, f"({n} paragraphs)" if n > 1 else "") if d)
    line = Line(mark, title, detail, group[0])
    if n > 1 and (listed or full):
        rest = [c for c in group if _own(c) != phrases.block_title(group[0], 10**9)]
        shown = rest if full else rest[:LISTED]
        line.listed = [phrases.shorten(_own(c), TITLE_WIDTH) for c in shown]
        line.more = len(rest) - len(shown)
    return line


def _news_line(group: list[Change], mark: str) -> Line:
    date = item_date(group[0])
    title = phrases.shorten(group[0].title or phrases.block_title(group[0]), TITLE_WIDTH)
    return Line(mark, f"{date} {title}" if date else title, change=group[0])


def outline(report: Report, full: bool = False) -> list[Section]:
    """`full`: list every paragraph of collapsed groups, articles too."""
    ordered = phrases.ordered(report)
    sections: list[Section] = []

    status = [c for c in ordered if c.kind == "status"]
    if status:
        sections.append(
            Section("Status", [Line("!", phrases.status_phrase(c), change=c) for c in status])
        )
    contacts = [c for c in ordered if c.kind == "contact"]
    if contacts:
        sections.append(
            Section("Contacts", [Line("!", phrases.contact_phrase(c), change=c) for c in contacts])
        )
    counters = [c for c in ordered if c.kind == "counter"]
    if counters:
        lines = []
        for c in counters:
            verdict = phrases.counter_verdict(c)
            mark = "#" if not verdict else "✓" if c.on_schedule else "✗"
            since = f"(counting from {c.since})" if c.since else ""
            text = (
                f"{c.old} → {c.new} ({phrases.signed(c.delta)}{', ' + verdict if verdict else ''})"
            )
            lines.append(Line(mark, f"{text}  {phrases.counter_label(c)}", since, change=c))
        sections.append(Section("Counters", lines))

    added = groups([c for c in report.changes if c.kind == "added"])
    removed = groups([c for c in report.changes if c.kind == "removed"])
    by_role = {
        (kind, r): [g for g in runs if role(g) == r]
        for kind, runs in (("added", added), ("removed", removed))
        for r in ("article", "news", "text")
    }
    old_art, new_art = by_role["removed", "article"], by_role["added", "article"]
    if old_art or new_art:
        title = "Article replaced" if old_art and new_art else "Article"
        lines = [_group_line(g, "-", full, listed=False) for g in old_art]
        lines += [_group_line(g, "+", full, listed=False) for g in new_art]
        sections.append(Section(title, lines))
    news_new, news_old = by_role["added", "news"], by_role["removed", "news"]
    if news_new or news_old:
        counts = [f"{len(news_new)} added"] if news_new else []
        counts += [f"{len(news_old)} dropped"] if news_old else []
        lines = [_news_line(g, "+") for g in news_new] + [_news_line(g, "-") for g in news_old]
        sections.append(Section(f"News items ({', '.join(counts)})", lines))
    for name, key, mark in (("Added", "added", "+"), ("Removed", "removed", "-")):
        if by_role[key, "text"]:
            lines = [_group_line(g, mark, full) for g in by_role[key, "text"]]
            sections.append(Section(name, lines))
    rewritten = [c for c in report.changes if c.kind == "rewritten"]
    if rewritten:
        sections.append(
            Section(
                "Rewritten",
                [Line("~", phrases.block_title(c), under(c), change=c) for c in rewritten],
            )
        )
    moved = groups([c for c in report.changes if c.kind == "moved"])
    if moved:
        sections.append(Section("Moved", [_group_line(g, "↕", full) for g in moved]))
    return sections
