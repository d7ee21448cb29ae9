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


@dataclass
class Line:
    mark: str  # "+", "-", "~", "↕", "!", "✓", "✗", "#"
    text: str
    detail: str = ""  # dim trailing words: "(+11 paragraphs)"
    change: Change | None = None  # for word diffs and colours


@dataclass
class Section:
    title: str
    lines: list[Line] = field(default_factory=list)


def _group_line(group: list[Change], mark: str) -> Line:
    """One line for a run of blocks: its title, and how many paragraphs it holds."""
    n = len(group)
    title = phrases.shorten(phrases.block_title(group[0]), TITLE_WIDTH)
    return Line(mark, title, f"({n} paragraphs)" if n > 1 else "", group[0])


def _news_line(group: list[Change], mark: str) -> Line:
    date = item_date(group[0])
    title = phrases.shorten(group[0].title or phrases.block_title(group[0]), TITLE_WIDTH)
    return Line(mark, f"{date} {title}" if date else title, change=group[0])


def outline(report: Report) -> list[Section]:
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
                f"{phrases.counter_values(c)} "
                f"({phrases.signed(c.delta)}{', ' + verdict if verdict else ''})"
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
        lines = [_group_line(g, "-") for g in old_art] + [_group_line(g, "+") for g in new_art]
        sections.append(Section(title, lines))
    news_new, news_old = by_role["added", "news"], by_role["removed", "news"]
    if news_new or news_old:
        counts = [f"{len(news_new)} added"] if news_new else []
        counts += [f"{len(news_old)} dropped"] if news_old else []
        lines = [_news_line(g, "+") for g in news_new] + [_news_line(g, "-") for g in news_old]
        sections.append(Section(f"News items ({', '.join(counts)})", lines))
    for name, key, mark in (("Added", "added", "+"), ("Removed", "removed", "-")):
        if by_role[key, "text"]:
            sections.append(Section(name, [_group_line(g, mark) for g in by_role[key, "text"]]))
    rewritten = [c for c in report.changes if c.kind == "rewritten"]
    if rewritten:
        sections.append(
            Section("Rewritten", [Line("~", phrases.block_title(c), change=c) for c in rewritten])
        )
    moved = groups([c for c in report.changes if c.kind == "moved"])
    if moved:
        sections.append(Section("Moved", [_group_line(g, "↕") for g in moved]))
    return sections
