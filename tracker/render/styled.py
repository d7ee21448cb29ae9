"""Styled text built without rich, so that a report sent to a pipe or a file never loads it.

rich's import and console cost ~20 ms, a fifth of a whole `tracker diff` on the samples, and a
pipe shows nothing rich adds (colour, lines cut to a terminal's width). The terminal renderers
build `Text` lines of (text, style) pieces; the CLI prints them through rich on a terminal and
as their `plain` text anywhere else, which is what rich prints there (tests/test_styled.py
holds the two side by side).
"""

from __future__ import annotations

# The control characters rich's Text drops from what it is given (bell, backspace, vertical
# tab, form feed, carriage return: they would move the cursor)
_DROPPED = dict.fromkeys((7, 8, 11, 12, 13))
TAB_SIZE = 8  # rich's default


class Text:
    """Pieces of text, each with a rich style ("" for none), maybe over several lines. `cut`:
    on a terminal, a line too long for it ends in an ellipsis instead of wrapping."""

    __slots__ = ("pieces", "cut")

    def __init__(self, text: str = "", style: str = "", *, cut: bool = False) -> None:
        self.pieces: list[tuple[str, str]] = [(text, style)] if text else []
        self.cut = cut

    def append(self, text: str, style: str = "") -> Text:
        if text:
            self.pieces.append((text, style))
        return self

    def extend(self, other: Text) -> Text:
        self.pieces += other.pieces
        return self

    @property
    def plain(self) -> str:
        """The text as rich prints it without a terminal: no style, no control character, tabs
        expanded."""
        text = "".join(text for text, _ in self.pieces).translate(_DROPPED)
        return text.expandtabs(TAB_SIZE) if "\t" in text else text

    def rich(self, full: bool = False):
        """The same text as a rich Text; `full`: never cut, even when `cut`."""
        from rich.text import Text as RichText

        t = (
            RichText(no_wrap=True, overflow="ignore" if full else "ellipsis")
            if self.cut
            else (RichText())
        )
        for text, style in self.pieces:
            t.append(text, style=style or None)
        return t


def plain_text(doc: list[Text]) -> str:
    """A document as a pipe gets it: each Text on its own line(s)."""
    return "".join(f"{t.plain}\n" for t in doc)
