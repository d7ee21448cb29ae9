"""Segment two versions of a page at once: the new page's unchanged paragraphs cost a lookup.

A blank line is a block boundary whatever surrounds it, so once the characters are normalised
(`char_form`, whole-text C passes) the blocks of a paragraph depend on that paragraph alone. The
old page is segmented in full; each paragraph of the new page that the old page also has takes
its blocks from there, and only the rest are looked at. The result is exactly
`block_texts(old), block_texts(new)` (tests/test_differ_fast.py checks it).
"""

from __future__ import annotations

from itertools import compress, count
from operator import not_

from tracker.differ.normalize import _ZERO_WIDTH, _has, char_form
from tracker.differ.segment import chunk_blocks, odd_chunks


def block_texts_pair(old: str, new: str) -> tuple[list[str], list[str]]:
    """(block_texts(old), block_texts(new)), the new side mostly from the old side's work."""
    text = char_form(old)
    chunks = text.split("\n\n")
    old_texts: list[str] = []
    known: dict[str, list[str]] = {}  # paragraph -> its blocks, for those not clean as they stand
    prev = 0
    for k in odd_chunks(chunks):
        old_texts += chunks[prev:k]
        old_texts += known.setdefault(chunks[k], chunk_blocks(chunks[k]))
        prev = k + 1
    old_texts += chunks[prev:]
    seen = set(chunks)
    clean = seen.difference(known)  # paragraphs that are one block as they stand

    # the new page: its clean paragraphs the old page has are blocks as they stand, found by
    # one C pass; a Python step only for the rest (the few paragraphs that changed)
    chunks = new_chunks(new, seen, old)
    new_texts: list[str] = []
    prev = 0
    for k in compress(count(), map(not_, map(clean.__contains__, chunks))):
        new_texts += chunks[prev:k]
        chunk = chunks[k]
        if chunk in known:
            new_texts += known[chunk]
        elif _is_clean(chunk):
            new_texts.append(chunk)
        else:
            new_texts += chunk_blocks(chunk)
        prev = k + 1
    new_texts += chunks[prev:]
    return old_texts, new_texts


def new_chunks(new: str, seen: set[str], old: str) -> list[str]:
    """`char_form(new).split("\n\n")`, with `char_form` run only over the paragraphs of `new`
    that are not among `seen` (the old page's `char_form` paragraphs): a paragraph of the old
    page is already in that form, so the new page's copy of it is too.

    That needs `char_form` to keep the paragraphs apart and to leave its own output alone: it
    does unless a text holds "\r" (line ends can make a blank line) or a zero-width character
    (its removal can make a blank line, or put a combining mark next to a letter, which NFC would
    then compose); such pages take the whole-text pass."""
    if "\r" in new or any(_has(t, ch) for t in (new, old) for ch in _ZERO_WIDTH):
        return char_form(new).split("\n\n")
    chunks = new.split("\n\n")
    odd = list(compress(count(), map(not_, map(seen.__contains__, chunks))))
    if odd:
        fixed = char_form("\n\n".join(map(chunks.__getitem__, odd))).split("\n\n")
        for k, chunk in zip(odd, fixed, strict=True):
            chunks[k] = chunk
    return chunks


def _is_clean(chunk: str) -> bool:
    """One line, no double space, no edge space: a block as it stands (see `odd_chunks`)."""
    return bool(chunk) and "\n" not in chunk and "  " not in chunk and chunk.strip(" ") == chunk
