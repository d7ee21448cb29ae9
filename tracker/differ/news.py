"""News items, runs and sections: give changes a title, a section and a group to speak of.

An item starts at "dd.mm.yyyy - Title" or at a bare "dd.mm.yyyy" followed by a title paragraph
(the featured article) and runs until the next item or heading. Adjacent block changes of one
kind form a group, cut where an item or a heading starts, so "featured article replaced: «old»
→ «new»" and "news items added: …" are one lookup away. A run outside any item takes its first
block as title when that block reads like one. Every change also gets the nearest heading above
it (`section`), found in one pass over each page up to its last changed block.
"""

from __future__ import annotations

from tracker.differ.hints import heading_text, title_like
from tracker.differ.model import Change
from tracker.differ.pairing import heads_item
from tracker.differ.segment import Block

GROUPED = ("added", "removed", "rewritten", "moved")


def block_titles(blocks, upto: int) -> tuple[list[str | None], list[str | None]]:
    """For blocks 0..upto, in one pass: the title of the news item each sits in (None outside
    items: an item runs from its head until the next item or an upper-case heading), and the
    nearest heading above it or itself (`heading_text`)."""
    get = getattr(blocks, "peek", blocks.__getitem__)  # a block store may not keep blocks
    n = len(blocks)
    items: list[str | None] = []
    sections: list[str | None] = []
    item = section = None
    nxt = get(0) if n and upto >= 0 else None
    for k in range(min(upto + 1, n)):
        b = nxt
        nxt = get(k + 1) if k + 1 < n else None
        after = nxt.text if nxt is not None else None
        if "heading" in b.hints:
            item = None
        elif b.item_title is not None:
            item = b.item_title
        elif "item_date" in b.hints and after is not None and title_like(after):
            item = after
        head = heading_text(b.text, b.hints, after)
        if head is not None:
            section = head
        items.append(item)
        sections.append(section)
    return items, sections


def starts_group(blocks: list[Block], i: int) -> bool:
    """Where a new group must begin: a heading, the block after one, an item's head."""
    b = blocks[i]
    return (
        "heading" in b.hints
        or (i > 0 and "heading" in blocks[i - 1].hints)
        or b.item_title is not None
        or heads_item(blocks, i)
    )


def annotate(changes: list[Change], old: list[Block], new: list[Block]) -> None:
    """Set `title`, `section` and `group` on the changes (block changes given in page order).

    `title` is the news item a block change belongs to, or the first block of a run of several
    that reads like a title (an article's headline); `section` is the nearest heading above
    any change's block (contacts, counters and noise too), so a line that occurs many times on
    the page ("Download") can be told apart."""
    sides = {0: old, 1: new}
    where = [_where(c) for c in changes]
    titles = {}
    for side in (0, 1):
        upto = max((idx for s_, idx in where if s_ == side and idx is not None), default=-1)
        titles[side] = block_titles(sides[side], upto)
    group = 0
    prev: tuple | None = None
    members: dict[int, list[tuple[Change, int, int]]] = {}
    for c, (side, idx) in zip(changes, where, strict=True):
        if idx is None:
            continue
        c.section = titles[side][1][idx]
        if c.kind not in GROUPED:
            c.title = c.title or titles[side][0][idx]
            continue
        blocks = sides[side]
        title = titles[side][0][idx]
        if (
            prev is None
            or prev[:2] != (c.kind, side)
            or prev[2] + 1 != idx
            or prev[3] != title
            or starts_group(blocks, idx)
        ):
            group += 1
        prev = (c.kind, side, idx, title)
        c.group = group
        c.title = title
        members.setdefault(group, []).append((c, side, idx))
    for run in members.values():
        if all(c.title is None for c, _, _ in run):
            _, side, idx = run[0]
            first = sides[side][idx]
            # a single block is not its own title: its section says where it is
            if "heading" in first.hints or (len(run) > 1 and title_like(first.text)):
                for c, _, _ in run:
                    c.title = first.text


def _where(c: Change) -> tuple[int, int | None]:
    """(side, block) a change sits at: the old page for what was removed, else the new."""
    if c.kind == "removed" or c.new_block is None:
        return 0, c.old_block
    return 1, c.new_block
