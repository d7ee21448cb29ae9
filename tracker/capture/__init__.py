"""Turning inputs into captures, and stored captures back into text.

Kept import-light: `text_of` loads the HTML module only when it is asked for HTML.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tracker.models import CaptureInfo

CHUNK = 1 << 20


def text_of(info: CaptureInfo, data: bytes, *, cache_dir: Path | None = None) -> str:
    """The text a capture shows: HTML rendered to visible text, anything else decoded."""
    if info.media_type == "text/html":
        from tracker.capture.html import html_to_text

        if cache_dir is None:
            return html_to_text(data, encoding=info.encoding)
        return html_to_text(data, encoding=info.encoding, cache_dir=cache_dir)
    text = data.decode(info.encoding or "utf-8", errors="replace")
    # NULs skipped as decode() reads them; a text holds one only where its bytes hold a 0 (asked
    # of the bytes first: `in` on a text of two-byte characters finds every ASCII one's 0 byte)
    if b"\x00" in data and "\x00" in text:
        return text.replace("\x00", "")
    return text


def iter_text(
    info: CaptureInfo, stream: BinaryIO, *, cache_dir: Path | None = None
) -> Iterator[str]:
    """`text_of`, in pieces: plain text is decoded as it is read, so printing a 200 MB capture
    holds a chunk, not the bytes, the text and its re-encoding at once. HTML is extracted whole
    (with its cache), then handed out in slices."""
    if info.media_type == "text/html":
        text = text_of(info, stream.read(), cache_dir=cache_dir)
        for k in range(0, len(text), CHUNK):
            yield text[k : k + CHUNK]
        return
    decoder = codecs.getincrementaldecoder(info.encoding or "utf-8")(errors="replace")
    while chunk := stream.read(CHUNK):
        text = decoder.decode(chunk)
        if text:
            yield text
    text = decoder.decode(b"", final=True)
    if text:
        yield text
