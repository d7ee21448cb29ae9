"""A page as a list of blocks: the unit the differ aligns, pairs and classifies.

Blocks are the paragraphs of `clean` text, except that a paragraph made only of short lines (a
date/clock header, "Consular queries:" + phone + email) gives one block per line, and items laid
side by side on one line are separate blocks (`clean` already put them on their own paragraphs).
A block's text never holds a blank line, so `"\\n\\n".join` of the block texts is the canonical
normalised text and segmenting that text again gives the same blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from tracker.differ import hints as _hints
from tracker.differ import numbers
from tracker.differ.normalize import _lines

SHORT_LINE = 50  # a paragraph whose lines are all this short is a list of one-line blocks


def _digest(text: str) -> str:
    import hashlib  # OpenSSL's import costs ~10 ms: only when a fingerprint is asked for

    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


@dataclass(eq=False)
class Block:
    """One block; the derived fields are computed on first use (most blocks never need them)."""

    index: int
    text: str  # normalised

    @cached_property
    def fingerprint(self) -> str:
        """A stable 16-hex-digit hash of the text (stable across runs: the changelog caches it)."""
        return _digest(self.text)

    @cached_property
    def masked(self) -> str:
        """The text with every number replaced by "#": the same while a counter moves."""
        return numbers.mask(self.text)

    @cached_property
    def masked_fingerprint(self) -> str:
        return _digest(self.masked)

    @cached_property
    def hints(self) -> frozenset[str]:
        return _hints.hints_of(self.text)

    @cached_property
    def item_title(self) -> str | None:
        """The title of a dated news item ("20.05.2022 - Title"), else None."""
        return _hints.dated_item_title(self.text) if "dated_item" in self.hints else None


def block_texts(text: str) -> list[str]:
    """The normalised texts of the blocks of `text`, in page order."""
    out: list[str] = []
    for para in _lines(text).split("\n\n"):
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


def segment(text: str) -> list[Block]:
    return [Block(i, t) for i, t in enumerate(block_texts(text))]
