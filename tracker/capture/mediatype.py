"""Which bodies are captures and of what type: HTTP bodies (live fetches, WARC records, the
Wayback) by their Content-Type, files and bodies without one by their name and first bytes."""

from __future__ import annotations

from pathlib import PurePath

# The media types tracker stores, and what it stores them as.
PAGE_TYPES = {
    "text/html": "text/html",
    "application/xhtml+xml": "text/html",
    "text/plain": "text/plain",
}
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def looks_like_html(head: bytes) -> bool:
    """An `<html>` tag or an HTML doctype in the first 4 KiB."""
    lowered = head[:4096].lower()
    return b"<html" in lowered or b"<!doctype html" in lowered


def sniff(head: bytes, name: str | None = None) -> str:
    """The media type of bytes that came without one, "text/html" or "text/plain": a file named
    as HTML, or HTML by its first bytes (a URL's path is not given: it says nothing of a body)."""
    if name is not None and PurePath(name).suffix.lower() in HTML_SUFFIXES:
        return "text/html"
    return "text/html" if looks_like_html(head) else "text/plain"


def content_type(value: str | None) -> tuple[str, str | None]:
    """(mime type in lower case, charset or None) from a Content-Type header."""
    mime, _, params = (value or "").partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'")
    return mime.strip().lower(), charset


def page_type(header: str | None) -> tuple[str | None, str | None]:
    """(the media type a body with this Content-Type is stored as, or None when it is not a
    page; its charset)."""
    mime, charset = content_type(header)
    return PAGE_TYPES.get(mime), charset
