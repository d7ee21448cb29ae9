"""Cloudflare's email obfuscation, undone.

Cloudflare replaces each address with `[email protected]` and keeps it XOR-encoded in a
`data-cfemail` attribute or a `/cdn-cgi/l/email-protection#<hex>` link (key = the first byte).
Decoding it lets the text hold the real address, as a reader of the page sees it; the fact that
the page hid it stays knowable through `cloudflare_hidden`.
"""

from __future__ import annotations

import re

# What a page shows where Cloudflare hid an address (the HTML writes a no-break space): the
# extractor puts the address back in its place; a text capture keeps it, a slot the differ
# compares as a value of its own (PLACEHOLDER).
PLACEHOLDER = "[email protected]"
PLACEHOLDER_TEXT = re.compile(r"\[email\s*protected\]", re.I)

_ATTR = re.compile(rb"""data-cfemail\s*=\s*["']?([0-9a-fA-F]+)""")
_HREF = re.compile(rb"""/cdn-cgi/l/email-protection#([0-9a-fA-F]+)""")


def decode_cfemail(hexed: str) -> str | None:
    """The address hidden in Cloudflare's hex, or None when it is not valid."""
    if len(hexed) < 4 or len(hexed) % 2:
        return None
    try:
        raw = bytes.fromhex(hexed)
        decoded = bytes(b ^ raw[0] for b in raw[1:]).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    address = decoded.split("?", 1)[0].strip()  # an href may carry "?subject=..."
    if not address or not address.isprintable() or " " in address:
        return None
    return address


def href_address(href: str) -> str | None:
    """The address behind an `/cdn-cgi/l/email-protection#<hex>` link, else None."""
    marker = "/cdn-cgi/l/email-protection#"
    at = href.find(marker)
    return decode_cfemail(href[at + len(marker) :]) if at >= 0 else None


def cloudflare_hidden(data: bytes) -> set[str]:
    """Every address the page hid behind Cloudflare's email protection (in any encoding
    that keeps ASCII as ASCII, which is every encoding HTML pages use in practice)."""
    found = set()
    for pattern in (_ATTR, _HREF):
        for m in pattern.finditer(data):
            address = decode_cfemail(m.group(1).decode("ascii"))
            if address:
                found.add(address)
    return found
