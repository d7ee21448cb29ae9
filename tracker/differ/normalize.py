"""Text as compared, never as stored: the same page saved by two tools must compare equal.

`clean` keeps the lines (NFC, every Unicode space a plain space, runs collapsed, lines stripped,
blank-line runs collapsed). Items laid side by side on one line (4+ spaces between them in the
raw text, as the sample pages' two counters are) are put on separate paragraphs here, before the
spaces collapse and the evidence of the gap is lost.

`segment.normalize` is the canonical form the report is complete against: the blocks of
`segment` joined by one blank line. `rebuild(old, diff(old, new)) == normalize(new)` always
holds. This module imports no other stage: segment builds on it, never the reverse.
"""

from __future__ import annotations

import re
import unicodedata

# Space-like characters beyond ASCII's (they become a space); zero-width ones vanish, and so do
# the marks of writing direction (left-to-right, right-to-left, Arabic letter mark) that pages
# put around a number in right-to-left text ("‎+98 21 8876 5432"): invisible, they write nothing.
_SPACES = "\x0b\x0c\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(
    map(chr, range(0x2000, 0x200B))
)
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u061c"
# What becomes a space in an ASCII text, and in any other once it is NFC: NFC writes U+2000 and
# U+2001 as U+2002 and U+2003, so a whole-text probe for them would never find one.
_ASCII_SPACES = "\t\x0b\x0c"
_NFC_SPACES = "\t" + "".join(ch for ch in _SPACES if unicodedata.is_normalized("NFC", ch))
_GAP = re.compile(r" {4,}")
_RUNS = re.compile(r" {2,}")
_BLANKS = re.compile(r"\n{3,}")


def clean(text: str) -> str:
    """The line-preserving comparison form (see module docstring)."""
    return _BLANKS.sub("\n\n", _lines(text)).strip("\n")


def _lines(text: str) -> str:
    """`clean` without collapsing blank-line runs (the block splitter skips empty paragraphs)."""
    return line_form(char_form(text))


def char_form(text: str, *, zero_width: bool = True) -> str:
    """The character-level steps (line ends, NFC, spaces): whole-text `str.replace` and `in`
    tests are C loops, and none of them adds or removes a "\n" except the line ends, so a text
    can be cut into paragraphs after this step and each paragraph finished on its own.
    `zero_width=False`: the caller found none in `text` (`zero_width_in`), so no probe again."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    spaces = _ASCII_SPACES
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        spaces = _NFC_SPACES
        for ch in _ZERO_WIDTH if zero_width else ():
            if _has(text, ch):
                text = text.replace(ch, "")
    for ch in spaces:
        if _has(text, ch):
            text = text.replace(ch, " ")
    return text


def zero_width_in(text: str) -> bool:
    """Whether `text` holds a zero-width character (`char_form` removes them; NFC neither makes
    nor removes one)."""
    return any(_has(text, ch) for ch in _ZERO_WIDTH)


def _has(text: str, ch: str) -> bool:
    """`ch in text`, also fast for U+2000 and U+3000: `in` finds a character of a non-Latin-1
    text with memchr on its low byte, which for those is the 0 byte every ASCII character has
    (a slow loop, twice as slow as `count`)."""
    return text.count(ch) > 0 if ord(ch) & 0xFF == 0 else ch in text


def line_form(text: str) -> str:
    """The line-level steps on `char_form` text: strip, split side-by-side items, collapse runs.
    A regex runs only on the few lines that hold a run of spaces."""
    out = []
    for line in text.split("\n"):
        line = line.strip(" ")
        if "  " in line:
            if "    " in line:  # side by side: after the strip, every such run is inside the line
                line = _GAP.sub("\n\n", line)
            line = _RUNS.sub(" ", line)
        out.append(line)
    return "\n".join(out)
