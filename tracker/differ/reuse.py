"""Segment two versions of a page at once: the new page's unchanged paragraphs cost a lookup.

A blank line is a block boundary whatever surrounds it, so once the characters are normalised
(`char_form`, whole-text C passes) the blocks of a paragraph depend on that paragraph alone. The
old page is segmented in full; each paragraph of the new page that the old page also has takes
its blocks from there (a run of paragraphs in the old page's order, one slice of its blocks),
and only the rest are looked at. The result is exactly `block_texts(old), block_texts(new)`
(tests/test_differ_fast.py checks it).
"""

from __future__ import annotations

from itertools import accumulate, compress, count, repeat
from operator import add, eq, ne

from tracker.differ.normalize import char_form, zero_width_in
from tracker.differ.segment import chunk_blocks, odd_chunks

_NEW = -2  # the index of a paragraph the old page lacks (never one more than another index)


def block_texts_pair(old: str, new: str) -> tuple[list[str], list[str]]:
    """(block_texts(old), block_texts(new)), the new side mostly from the old side's work."""
    zero_width = zero_width_in(old)  # probed once: `char_form` and `new_chunks` both ask
    text = char_form(old, zero_width=zero_width)
    chunks = text.split("\n\n")
    old_texts: list[str] = []
    sizes = [1] * len(chunks)  # blocks per paragraph
    prev = 0
    for k in odd_chunks(chunks):
        old_texts += chunks[prev:k]
        blocks = chunk_blocks(chunks[k])
        old_texts += blocks
        sizes[k] = len(blocks)
        prev = k + 1
    old_texts += chunks[prev:]
    first = [0, *accumulate(sizes)]  # where each paragraph's blocks start in old_texts
    where = dict(zip(chunks, count()))  # a paragraph -> one place of it in the old page

    # the new page: each run of paragraphs found in the old page, in its order, is one slice of
    # the old page's blocks (the very strings); a Python step only for the rest (the few
    # paragraphs that changed) and once per run
    chunks, at = new_chunks(new, where, zero_width)
    new_texts: list[str] = []
    runs = [0, *compress(count(1), map(ne, at[1:], map(add, at, repeat(1)))), len(at)]
    for s, e in zip(runs, runs[1:], strict=False):
        i = at[s]
        if i >= 0:
            new_texts += old_texts[first[i] : first[i + e - s]]
        elif _is_clean(chunks[s]):
            new_texts.append(chunks[s])
        else:
            new_texts += chunk_blocks(chunks[s])
    return old_texts, new_texts


def new_chunks(
    new: str, where: dict[str, int], old_zero_width: bool
) -> tuple[list[str], list[int]]:
    """`char_form(new).split("\n\n")`, and for each of those paragraphs its index among the
    old page's (`where`, its `char_form` paragraphs), or `_NEW`. `char_form` runs only over
    the paragraphs of `new` not in `where`: a paragraph of the old page is already in that
    form, so the new page's copy of it is too.

    That needs `char_form` to keep the paragraphs apart and to leave its own output alone: it
    does unless a text holds "\r" (line ends can make a blank line) or a zero-width character
    (its removal can make a blank line, or put a combining mark next to a letter, which NFC would
    then compose); such pages take the whole-text pass (`old_zero_width`: the old page held one)."""
    if "\r" in new or old_zero_width or zero_width_in(new):
        chunks = char_form(new).split("\n\n")
        return chunks, list(map(where.get, chunks, repeat(_NEW)))
    chunks = new.split("\n\n")
    at = list(map(where.get, chunks, repeat(_NEW)))
    odd = list(compress(count(), map(eq, at, repeat(_NEW))))
    if odd:
        fixed = char_form("\n\n".join(map(chunks.__getitem__, odd))).split("\n\n")
        for k, chunk in zip(odd, fixed, strict=True):
            chunks[k] = chunk
            at[k] = where.get(chunk, _NEW)
    return chunks, at


def _is_clean(chunk: str) -> bool:
    """One line, no double space, no edge space: a block as it stands (see `odd_chunks`)."""
    return bool(chunk) and "\n" not in chunk and "  " not in chunk and chunk.strip(" ") == chunk
