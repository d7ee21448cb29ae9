"""A page as a list of blocks: the unit the differ aligns, pairs and classifies.

Blocks are the paragraphs of `clean` text, except that a paragraph made only of short lines (a
date/clock header, "Consular queries:" + phone + email) gives one block per line, and items laid
side by side on one line are separate blocks (`clean` already put them on their own paragraphs).
A block's text never holds a blank line, so `"\\n\\n".join` of the block texts is the canonical
normalised text and segmenting that text again gives the same blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, count, repeat
from operator import contains, is_not, not_

from tracker import dates
from tracker.differ import hints as _hints
from tracker.differ import numbers
from tracker.differ.normalize import char_form, line_form

SHORT_LINE = 50  # a paragraph whose lines are all this short is a list of one-line blocks


def _digest(text: str) -> str:
    import hashlib  # OpenSSL's import costs ~10 ms: only when a fingerprint is asked for

    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


class _once:
    """`functools.cached_property` without its lock (Python 3.11 takes one on every first
    read): a Block is read by one thread, and the differ reads thousands of them."""

    def __init__(self, fn):
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


@dataclass(eq=False)
class Block:
    """One block; the derived fields are computed on first use (most blocks never need them)."""

    index: int
    text: str  # normalised

    @_once
    def fingerprint(self) -> str:
        """A stable 16-hex-digit hash of the text (stable across runs: the changelog caches it)."""
        return _digest(self.text)

    @_once
    def masked(self) -> str:
        """The text with every number replaced by "#": the same while a counter moves."""
        return numbers.mask(self.text)

    @_once
    def masked_fingerprint(self) -> str:
        return _digest(self.masked)

    @_once
    def hints(self) -> frozenset[str]:
        return _hints.hints_of(self.text, lambda: self.skeleton)

    @_once
    def skeleton(self) -> str:
        """Its words that no date holds (`dates.skeleton`): the widget test and the pairing's
        date step both read them."""
        return dates.skeleton(self.text)

    @_once
    def item_title(self) -> str | None:
        """The title of a dated news item ("20.05.2022 - Title"), else None."""
        return _hints.dated_item_title(self.text) if "dated_item" in self.hints else None


def block_texts(text: str) -> list[str]:
    """The normalised texts of the blocks of `text`, in page order.

    Paragraphs are cut before the line-level steps (a blank line is a block boundary whatever
    surrounds it), and most paragraphs of a page are already one clean line: those are blocks
    as they stand. Only the few that hold a line break, a double space or an edge space go
    through `line_form`, so a 10 MB page costs a few C passes, not a Python loop per line."""
    text = char_form(text)
    chunks = text.split("\n\n")
    odd = odd_chunks(chunks)
    if not odd:
        return chunks
    out: list[str] = []
    prev = 0
    for k in odd:
        out += chunks[prev:k]
        out += chunk_blocks(chunks[k])
        prev = k + 1
    out += chunks[prev:]
    return out


def odd_chunks(chunks: list[str]) -> list[int]:
    """Indexes of the paragraphs that are not one clean line: empty, several lines, a double
    space or an edge space (sorted). One `map` over a C method per test, no Python loop; a
    whole-text `find` is no faster on a page with non-Latin-1 text (no memchr for a needle
    longer than one character)."""
    odd = set(compress(count(), map(not_, chunks))) if "" in chunks else set()  # rare: find first
    odd.update(compress(count(), map(contains, chunks, repeat("\n"))))
    odd.update(compress(count(), map(contains, chunks, repeat("  "))))
    # `strip` gives back the very string when there is nothing to strip
    odd.update(compress(count(), map(is_not, map(str.strip, chunks, repeat(" ")), chunks)))
    return sorted(odd)


def chunk_blocks(chunk: str) -> list[str]:
    """Blocks of one `char_form` paragraph: its paragraphs once the lines are finished (a column
    gap makes more), a paragraph of short lines one block per line."""
    out: list[str] = []
    for para in line_form(chunk).split("\n\n"):
        if not para or para[0] == "\n" or para[-1] == "\n":
            para = para.strip("\n")
            if not para:
                continue
        if "\n" in para:
            lines = para.split("\n")
            if max(map(len, lines)) <= SHORT_LINE:
                out.extend(lines)
                continue
        out.append(para)
    return out


def normalize(text: str) -> str:
    """The canonical normalised text: the block texts joined by "\\n\\n"."""
    return "\n\n".join(block_texts(text))


def segment(text: str) -> list[Block]:
    return [Block(i, t) for i, t in enumerate(block_texts(text))]


class Blocks(Sequence):
    """`segment` made lazy: a Block is built when first asked for. The differ looks at the few
    blocks near a change; building all of them was a tenth of a large diff's time."""

    def __init__(self, texts: list[str]):
        self.texts = texts
        self._made: list[Block | None] = [None] * len(texts)  # a list: the pairing asks often

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, i: int) -> Block:  # type: ignore[override]
        b = self._made[i]
        if b is None:
            if i < 0:
                i += len(self.texts)
            b = self._made[i] = Block(i, self.texts[i])
        return b

