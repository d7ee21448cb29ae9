"""Reader units in a report: runs of block changes that are one news item or one article.

The differ gives each block change a `title` and a `group`; this turns adjacent changes into
the units a person speaks of ("the featured article was replaced", "three news items added"),
for the terminal, the changelog and alerts alike.
"""

from __future__ import annotations

from tracker.differ.hints import DATED_ITEM, ITEM_DATE
from tracker.differ.model import Change


def groups(changes: list[Change]) -> list[list[Change]]:
    """Adjacent changes the differ put in one group (a news item, an article) go together, and
    so do adjacent blocks of the same kind that carry the same item title (a bare date line
    and the article it heads)."""
    out: list[list[Change]] = []
    for c in changes:
        if out and _same_group(out[-1][-1], c):
            out[-1].append(c)
        else:
            out.append([c])
    return out


def _same_group(a: Change, b: Change) -> bool:
    if a.kind != b.kind:
        return False
    if a.group is not None and a.group == b.group:
        return True
    pos_a = a.old_block if a.kind == "removed" else a.new_block
    pos_b = b.old_block if b.kind == "removed" else b.new_block
    adjacent = pos_a is not None and pos_b == pos_a + 1
    return adjacent and a.title is not None and a.title == b.title


def item_date(c: Change) -> str | None:
    text = str(c.old if c.kind == "removed" else c.new or "")
    m = DATED_ITEM.fullmatch(text)
    if m:
        return m.group(1)
    return text if ITEM_DATE.fullmatch(text) else None


PROSE = 120  # an article holds a paragraph this long; a run of short lines is no article


def is_article(group: list[Change]) -> bool:
    """Three or more paragraphs, prose among them, that are not one dated news item: a featured
    article (a run of short lines, such as the rows of a price list, is not one)."""
    first = str(group[0].old if group[0].kind == "removed" else group[0].new or "")
    return (
        len(group) >= 3
        and DATED_ITEM.fullmatch(first) is None
        and any(len(str(c.old if c.kind == "removed" else c.new or "")) >= PROSE for c in group)
    )


def role(group: list[Change]) -> str:
    """What a group of added/removed blocks is to a reader: "article", "news" or "text"."""
    if is_article(group):
        return "article"
    return "news" if item_date(group[0]) else "text"
