"""News items and runs: give block changes a title and a group a renderer can speak of.

An item starts at "dd.mm.yyyy - Title" or at a bare "dd.mm.yyyy" followed by a title paragraph
(the featured article) and runs until the next item or heading. Adjacent block changes of one
kind form a group, cut where an item or a heading starts, so "featured article replaced: «old»
→ «new»" and "news items added: …" are one lookup away. A run outside any item takes its first
block as title when that block reads like one.
"""

from __future__ import annotations

from tracker.differ.hints import title_like
from tracker.differ.model import Change
from tracker.differ.pairing import heads_item
from tracker.differ.segment import Block

GROUPED = ("added", "removed", "rewritten", "moved")


LOOK_BACK = 500  # blocks searched backwards for an item's head


def title_at(blocks: list[Block], i: int, memo: dict[int, str | None] | None = None) -> str | None:
    """The title of the item block `i` belongs to (None outside items): the nearest head above
    it, unless a heading comes first. Looked up only for changed blocks (memoised along the
    way), so it stays cheap."""
    memo = {} if memo is None else memo
    get = getattr(blocks, "peek", blocks.__getitem__)  # walked blocks are not kept
    walked = []
    title = None
    for k in range(i, max(-1, i - LOOK_BACK), -1):
        if k in memo:
            title = memo[k]
            break
        walked.append(k)
        b = get(k)
        if "heading" in b.hints:
            break
        if b.item_title is not None:
            title = b.item_title
            break
        # heads_item(blocks, k), through `get`
        if "item_date" in b.hints and k + 1 < len(blocks) and title_like(get(k + 1).text):
            title = get(k + 1).text
            break
    for k in walked:
        memo[k] = title
    return title


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
    """Set `title` and `group` on the block changes (given in page order)."""
    sides = {0: old, 1: new}
    memos: dict[int, dict[int, str | None]] = {0: {}, 1: {}}
    group = 0
    prev: tuple | None = None
    members: dict[int, list[tuple[Change, int, int]]] = {}
    for c in changes:
        if c.kind not in GROUPED:
            continue
        side, idx = (0, c.old_block) if c.kind == "removed" else (1, c.new_block)
        blocks = sides[side]
        title = title_at(blocks, idx, memos[side])
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
            if title_like(first.text) or "heading" in first.hints:
                for c, _, _ in run:
                    c.title = first.text
