"""A page's bytes as text, by its media type: HTML read as a browser reads it (BOM, HTTP
charset, `<meta charset>`, then the bytes), anything else by tracker.capture.decode's rule."""

from __future__ import annotations

from tracker.capture.decode import decode
from tracker.capture.html import decode_html


def encoding_of(body: bytes, media_type: str, charset: str | None, name: str) -> str:
    """The encoding the body decodes with (refusing binary or empty bodies)."""
    return decode_body(body, media_type, charset, name)[1]


def decode_body(body: bytes, media_type: str, charset: str | None, name: str) -> tuple[str, str]:
    """(text, encoding) of a body (refusing binary or empty bodies), HTML read as a browser
    reads it: callers that also need the text keep it rather than decode the body again."""
    if media_type == "text/html":
        return decode_html(body, charset, name=name)
    return decode(body, charset, name=name)
