"""Segment two versions of a page at once: the new page's unchanged paragraphs cost a lookup.

A blank line is a block boundary whatever surrounds it and normalisation never moves one, so the
blocks of a raw paragraph (the text between two "\\n\\n") depend on that paragraph alone. The
old page is segmented in full, remembering which blocks each raw paragraph gave; the new page is
cut into raw paragraphs and only those the old page did not have are normalised. The result is
exactly `block_texts(old), block_texts(new)` (tests/test_differ_fast.py checks it).
"""

from __future__ import annotations

from itertools import compress, count
from operator import ne

from tracker.differ.normalize import char_form
from tracker.differ.segment import block_texts, chunk_blocks, odd_chunks


def block_texts_pair(old: str, new: str) -> tuple[list[str], list[str]]:
    """(block_texts(old), block_texts(new)), the new side mostly from the old side's work."""
    raw = _line_ends(old)
    raw_chunks = raw.split("\n\n")
    text = char_form(raw)
    chunks = raw_chunks if text is raw else text.split("\n\n")
    if len(chunks) != len(raw_chunks):  # a zero-width line vanished: no 1:1 paragraph map
        return block_texts(old), block_texts(new)
    odd = odd_chunks(text, chunks)
    if text is not raw:  # a paragraph whose characters changed is not clean as it stands
        odd = sorted(set(odd).union(compress(count(), map(ne, raw_chunks, chunks))))
    old_texts: list[str] = []
    known: dict[str, list[str]] = {}  # raw paragraph -> its blocks, for the odd ones
    prev = 0
    for k in odd:
        old_texts += chunks[prev:k]
        blocks = known[raw_chunks[k]] = chunk_blocks(chunks[k])
        old_texts += blocks
        prev = k + 1
    old_texts += chunks[prev:]
    clean = set(raw_chunks).difference(known)  # raw paragraphs that are one block as they stand

    new_texts: list[str] = []
    append, extend = new_texts.append, new_texts.extend
    for chunk in _line_ends(new).split("\n\n"):
        if chunk in clean:
            append(chunk)
        else:
            blocks = known.get(chunk)
            if blocks is None:
                blocks = known[chunk] = block_texts(chunk)
            extend(blocks)
    return old_texts, new_texts


def _line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
