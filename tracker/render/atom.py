"""Atom (RFC 4287): one entry per capture that changed, its content the HTML diff fragment.

Built with ElementTree, which escapes every text it writes; characters XML 1.0 forbids (a
captured page may hold control characters) become U+FFFD, so a feed always parses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"
# tracker owns no domain: ids are tag: URIs (RFC 4151) under the reserved name tracker.invalid,
# minted from the source and the capture id only, so they never change between runs.
TAG = "tag:tracker.invalid,2026:"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def tag_id(*parts: str) -> str:
    return TAG + "/".join(parts)


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render_atom(
    *,
    feed_id: str,
    title: str,
    updated: str,
    entries: list[dict],
    self_href: str | None = None,
    alternate: str | None = None,
) -> bytes:
    """`entries`: dicts with id, title, updated (RFC 3339), content (an HTML fragment) and
    optionally link; newest first. `updated` is the newest entry's time, never "now", so a
    feed with no new entry is byte-identical (and not rewritten)."""
    ET.register_namespace("", ATOM)

    def sub(parent, name: str, text: str | None = None, **attrs: str):
        el = ET.SubElement(parent, f"{{{ATOM}}}{name}", attrs)
        if text is not None:
            el.text = _clean(text)
        return el

    feed = ET.Element(f"{{{ATOM}}}feed")
    sub(feed, "id", feed_id)
    sub(feed, "title", title)
    sub(feed, "updated", updated)
    author = sub(feed, "author")
    sub(author, "name", "tracker")
    sub(feed, "generator", "tracker")
    if self_href:
        sub(feed, "link", rel="self", href=self_href)
    if alternate:
        sub(feed, "link", rel="alternate", type="text/html", href=alternate)
    for e in entries:
        entry = sub(feed, "entry")
        sub(entry, "id", e["id"])
        sub(entry, "title", e["title"])
        sub(entry, "updated", e["updated"])
        if e.get("link"):
            sub(entry, "link", rel="alternate", type="text/html", href=e["link"])
        sub(entry, "content", e["content"], type="html")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
