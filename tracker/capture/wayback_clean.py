"""Strip what the Wayback Machine adds to a page it plays back, before extracting text.

Two captures of the same page must never differ by the archive's own markup: its toolbar, its
scripts and styles, its trailing comments, and the `/web/<timestamp>/` prefix it puts on links.
The stored bytes keep all of it (captures are evidence); only the extracted text loses it.
"""

from __future__ import annotations

import re

_FLAGS = re.IGNORECASE | re.DOTALL

_TOOLBAR = re.compile(
    r"<!--\s*BEGIN WAYBACK TOOLBAR INSERT\s*-->.*?<!--\s*END WAYBACK TOOLBAR INSERT\s*-->", _FLAGS
)
_COMMENTS = re.compile(
    r"<!--\s*(?:FILE ARCHIVED ON|playback timings|End Wayback Rewrite JS Include)\b.*?-->", _FLAGS
)
_ARCHIVE_URL = r"""(?:https?:)?//(?:web-static\.)?archive\.org/|/_static/"""
_SCRIPTS = re.compile(
    rf"""<script\b[^>]*\bsrc\s*=\s*["']?[^"'\s>]*(?:{_ARCHIVE_URL})[^>]*>\s*</script\s*>""", _FLAGS
)
_LINKS = re.compile(rf"""<link\b[^>]*\bhref\s*=\s*["']?[^"'\s>]*(?:{_ARCHIVE_URL})[^>]*>""", _FLAGS)
_INLINE = re.compile(
    r"<script\b[^>]*>(?:(?!</script).)*?(?:__wm\.|archive_analytics|wbhack|WB_wombat)"
    r"(?:(?!</script).)*</script\s*>",
    _FLAGS,
)
_PREFIX = re.compile(r"(?:https?://web\.archive\.org)?/web/\d{14}(?:[a-z]{2}_)?/", re.IGNORECASE)

_SIGNS = ("WAYBACK", "archive.org", "/web/", "__wm", "FILE ARCHIVED")


def clean_wayback(html: str) -> str:
    """`html` without the Wayback Machine's additions; unchanged when it has none."""
    if not any(sign in html for sign in _SIGNS):
        return html
    for pattern in (_TOOLBAR, _COMMENTS, _SCRIPTS, _LINKS, _INLINE):
        html = pattern.sub("", html)
    return _PREFIX.sub("", html)
