"""Bytes to text, or a clear refusal: never a mangled copy.

Order: a BOM, then the encoding the transport or the document declares, then strict UTF-8, then
charset-normalizer's detection. Bytes that are empty or look binary are refused.
"""

from __future__ import annotations

import codecs

from tracker.errors import TrackerError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB (UTF-16/32 have BOMs)."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(head) * 0.05


def decode(data: bytes, declared: str | None = None, *, name: str = "input") -> tuple[str, str]:
    """Return (text, encoding) or raise TrackerError naming `name`."""
    if not data.strip():
        raise TrackerError(f"{name}: the file is empty", "a capture must hold some text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    if looks_binary(data):
        raise TrackerError(
            f"{name}: looks like a binary file, not text or HTML", "give a text, HTML or WARC file"
        )
    candidates = [declared] if declared else []
    candidates.append("utf-8")
    for encoding in candidates:
        try:
            return data.decode(encoding), codecs.lookup(encoding).name
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise TrackerError(
            f"{name}: not valid UTF-8 and no other encoding fits",
            "convert it to UTF-8 (e.g. with iconv) and import it again",
        )
    return str(best), best.encoding
