"""News items, runs and sections: give changes a title, a section and a group to speak of.

An item starts at "dd.mm.yyyy - Title" or at a bare "dd.mm.yyyy" followed by a title paragraph
(the featured article) and runs until the next item or heading. Adjacent block changes of one
kind form a group, cut where an item or a heading starts, so "featured article replaced: «old»
→ «new»" and "news items added: …" are one lookup away. A run outside any item takes its first
block as title when that block reads like one. Every change also gets the nearest heading above
it (`section`), found in one pass over each page up to its last changed block. On an HTML page
that marks up headings, its `<h1>`-`<h6>`, its bold paragraphs shaped like headings and its
upper-case lines are its headings; elsewhere they are read from the text (`hints.heading_text`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import compress, count

from tracker.differ.hints import (
    DATED_ITEM,
    HEADING_MAX,
    ITEM_DATE,
    caps_heading,
    heading_shape,
    heading_text,
    stamp_line,
    title_like,
)
from tracker.differ.model import BLOCK_KINDS, Change
from tracker.differ.pairing import heads_item
from tracker.differ.segment import Block, block_texts

_KEEP = object()  # a block that neither starts nor ends a news item
_ITEM_HEAD = re.compile(DATED_ITEM.pattern.split(r"(\S.*)")[0] + r"(?=\S)")


def page_headings(page) -> frozenset[str] | None:
    """The block texts of an HTML page's own headings: its h1-h6, and its paragraphs wholly in
    bold that are shaped like a heading (`<p><strong>Survivor Impacts</strong></p>`, as many
    pages write them); None for a text capture or a page that marks up none, whose headings
    are guessed from its text."""
    if page is None or not (page.headings or page.bold):
        return None
    bold = [t for t in block_texts("\n\n".join(page.bold)) if heading_shape(t)]
    found = frozenset(block_texts("\n\n".join(page.headings))).union(bold)
    return found or None


def block_titles(
    blocks,
    wanted,
    headings: frozenset[str] | None = None,
    chrome: frozenset[str] = frozenset(),
) -> dict[int, tuple[str | None, str | None]]:
    """{block: (item title, section)} for the `wanted` blocks: the title of the news item each
    sits in (None outside items: an item runs from its head until the next item or an
    upper-case heading), and the nearest heading above it or itself (`heading_text`) for a
    block in no item; in an item, only a heading the walk to its item's head met (else None):
    a block is named by its item first, and the walk up to a heading is the long part of the
    reading.
    `headings`: the page's marked-up headings (`page_headings`), when it has them; `chrome`:
    the block texts of its chrome (nav, aside, footer), which title no content.

    One pass up the page, each block read at most once: from one wanted block to the next,
    the blocks between are read backwards from the later one only until its item head and its
    heading are found (what lies further up is known already), so a page costs the stretches
    between changes, not a scan per change."""
    texts = blocks.texts if hasattr(blocks, "texts") else [b.text for b in blocks]
    out: dict[int, tuple[str | None, str | None]] = {}
    short: list[int] | None = None
    done, item = -1, None  # the news item after block `done`
    sec_done, section = -1, None  # the nearest heading at or above block `sec_done`
    for i in sorted(set(wanted)):
        if i in out or not 0 <= i < len(texts):
            continue
        found_item, found_section = _KEEP, None
        k = i
        while k > done and found_item is _KEEP:  # up to the item's head, headings on the way
            mark, head = _marks(texts, k, headings, chrome)
            found_section = found_section or head
            found_item = mark
            k -= 1
        item = item if found_item is _KEEP else found_item
        done = i
        if found_section is None and item is not None:
            out[i] = (item, None)
            continue
        if found_section is None and k > sec_done:  # then only short blocks can be headings
            if short is None:  # their indexes, found in one C pass, not a Python step a block
                short = list(compress(count(), map(HEADING_MAX.__ge__, map(len, texts))))
            p = bisect_right(short, k)
            while p > 0 and short[p - 1] > sec_done and found_section is None:
                p -= 1
                found_section = _marks(texts, short[p], headings, chrome)[1]
        section = section if found_section is None else found_section
        sec_done = i
        out[i] = (item, section)
    return out


def _marks(
    texts: list[str],
    k: int,
    headings: frozenset[str] | None = None,
    chrome: frozenset[str] = frozenset(),
):
    """(what block k does to the news item: _KEEP, None (ends it) or the title it starts, the
    heading it is or None). A long paragraph not starting with a digit costs a length check.
    With the page's own `headings`, a block is a heading when it is one of them or upper case:
    a date line or a table row under an `<h2>` is no heading of its own. A block of the page's
    `chrome` is neither: a menu's or a sidebar's heading titles no content."""
    text = texts[k]
    if chrome and text in chrome:
        return _KEEP, None
    if text[:1].isdigit() and not caps_heading(text):
        m = _ITEM_HEAD.match(text)  # DATED_ITEM, without reading the title to its end
        if m:  # "20.05.2022 - Title"
            return text[m.end() :], None
        if len(text) <= 60 and ITEM_DATE.fullmatch(text):
            after = texts[k + 1] if k + 1 < len(texts) else None
            # a bare date above a title heads an item
            return (after if after is not None and title_like(after) else _KEEP), None
    elif len(text) > HEADING_MAX:
        return _KEEP, None
    if headings is not None:
        head = text if text in headings or (caps_heading(text) and " | " not in text) else None
    else:
        after = texts[k + 1] if k + 1 < len(texts) else None
        head = heading_text(text, after)
        if head is None and after is not None and k + 2 < len(texts) and stamp_line(after):
            head = heading_text(text, texts[k + 2])  # a title, its date line, its text
    if head is not None and head is text and caps_heading(text):
        return None, head  # an upper-case heading ends the news item above it
    return _KEEP, head


def starts_group(blocks: list[Block], i: int) -> bool:
    """Where a new group must begin: a heading, the block after one, an item's head."""
    b = blocks[i]
    return (
        "heading" in b.hints
        or (i > 0 and "heading" in blocks[i - 1].hints)
        or b.item_title is not None
        or heads_item(blocks, i)
    )


def annotate(
    changes: list[Change],
    old: list[Block],
    new: list[Block],
    headings: tuple[frozenset[str] | None, frozenset[str] | None] = (None, None),
    chrome: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
) -> None:
    """Set `title`, `group` and `section` on the changes (block changes given in page order).

    `title` (what a renderer names a block change by) is the news item it belongs to, or the
    first block of its run when that reads like a title; `section` (the JSON `title`) is what
    any change's block sits under: its news item, else the nearest heading above it, so a line
    that occurs many times on the page ("Download") can be told apart. `headings`: each
    page's marked-up headings (`page_headings`); `chrome`: each page's chrome block texts
    (`media.chrome_texts`): a heading there titles only the chrome below it, never content."""
    sides = {0: old, 1: new}
    where = [_where(c) for c in changes]
    titles = {
        side: block_titles(
            sides[side],
            [i for s_, i in where if s_ == side and i is not None],
            headings[side],
            chrome[side],
        )
        for side in (0, 1)
    }
    for side in (0, 1):
        inside = [i for s_, i in where if s_ == side and i is not None and i in titles[side]]
        for i in inside:
            if sides[side].texts[i] in chrome[side]:
                heading = _chrome_heading(sides[side], i, headings[side], chrome[side])
                titles[side][i] = (None, heading)
    group = 0
    prev: tuple | None = None
    members: dict[int, list[tuple[Change, int, int]]] = {}
    for c, (side, idx) in zip(changes, where, strict=True):
        if idx is None:
            continue
        title, heading = titles[side][idx]
        c.section, c.located = title or heading, True
        if c.kind not in BLOCK_KINDS:
            continue
        blocks = sides[side]
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
                    if c.section is None and len(run) > 1:  # an article under its headline
                        c.section = first.text


def _chrome_heading(blocks, i: int, headings: frozenset[str] | None, chrome: frozenset[str]):
    """The heading of the chrome a chrome block sits in ("Contact us" over a footer's
    address): the nearest heading above it without leaving the chrome."""
    k = i
    while k >= 0 and (text := blocks.texts[k]) in chrome:
        if headings is not None:
            if text in headings or caps_heading(text):
                return text
        elif heading_text(text, blocks.texts[k + 1] if k + 1 < len(blocks) else None):
            return text
        k -= 1
    return None


def _where(c: Change) -> tuple[int, int | None]:
    """(side, block) a change sits at: the old page for what was removed, else the new."""
    if c.kind == "removed" or c.new_block is None:
        return 0, c.old_block
    return 1, c.new_block
