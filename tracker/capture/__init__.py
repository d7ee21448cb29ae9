"""Turning inputs into captures, and stored captures back into text.

Kept import-light: `text_of` loads the HTML module only when it is asked for HTML.
"""

from __future__ import annotations

from pathlib import Path

from tracker.models import CaptureInfo


def text_of(info: CaptureInfo, data: bytes, *, cache_dir: Path | None = None) -> str:
    """The text a capture shows: HTML rendered to visible text, anything else decoded."""
    if info.media_type == "text/html":
        from tracker.capture.html import html_to_text

        if cache_dir is None:
            return html_to_text(data, encoding=info.encoding)
        return html_to_text(data, encoding=info.encoding, cache_dir=cache_dir)
    return data.decode(info.encoding or "utf-8", errors="replace")
