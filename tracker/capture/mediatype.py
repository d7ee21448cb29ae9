"""Which HTTP bodies are captures, read once for live fetches, WARC records and the Wayback."""

from __future__ import annotations

# The media types tracker stores, and what it stores them as.
PAGE_TYPES = {
    "text/html": "text/html",
    "application/xhtml+xml": "text/html",
    "text/plain": "text/plain",
}


def content_type(value: str | None) -> tuple[str, str | None]:
    """(mime type in lower case, charset or None) from a Content-Type header."""
    mime, _, params = (value or "").partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'")
    return mime.strip().lower(), charset


def encoding_of(body: bytes, media_type: str, charset: str | None, name: str) -> str:
    """The encoding the body decodes with (refusing binary or empty bodies)."""
    return decode_body(body, media_type, charset, name)[1]


def decode_body(body: bytes, media_type: str, charset: str | None, name: str) -> tuple[str, str]:
    """(text, encoding) of a body (refusing binary or empty bodies), HTML read as a browser
    reads it: callers that also need the text keep it rather than decode the body again."""
    if media_type == "text/html":
        from tracker.capture.html import decode_html

        return decode_html(body, charset, name=name)
    from tracker.capture.decode import decode

    return decode(body, charset, name=name)
