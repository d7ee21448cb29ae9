"""Is a capture an error or block page rather than the page itself?

A capture of "503 Service Unavailable" or a Cloudflare challenge is evidence too, but diffing it
against the real page reports a whole-page rewrite that means nothing: comparisons skip it, and
the page's status (`PageStatus`) becoming an error, recovering or being redirected is reported
as a change of its own. Text patterns only count on short pages, so an
article that mentions "Access denied" is never taken for an error page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# (pattern, reason); matched against the start of a short page's text
_PATTERNS = [
    (r"attention required!? \| cloudflare|sorry, you have been blocked", "blocked by Cloudflare"),
    (
        r"just a moment\.\.\.|checking (?:if the site connection is secure|your browser before)"
        r"|enable javascript and cookies to continue|verify(?:ing)? you are (?:a )?human",
        "Cloudflare challenge",
    ),
    (r"\baccess denied\b|\b403 forbidden\b|you don't have permission to access", "access denied"),
    (r"\b404 not found\b|\bpage not found\b|\bnot found\b.{0,80}\bwas not found on this server",
     "not found"),
    (r"\b(?:503 )?service (?:temporarily )?unavailable\b", "service unavailable"),
    (r"\b502 bad gateway\b|\b504 gateway time-?out\b", "bad gateway"),
    (r"\b500 internal server error\b|\binternal server error\b", "server error"),
    (r"\btoo many requests\b|\brate limit(?:ed)?\b", "rate limited"),
]
_COMPILED = [(re.compile(p, re.IGNORECASE | re.DOTALL), reason) for p, reason in _PATTERNS]
_SHORT = 3000  # characters: error pages are short, real pages are not


def error_reason(info_extra: dict | None, text: str) -> str | None:
    """A short reason ("HTTP 503", "blocked by Cloudflare") for an error page, else None."""
    status = (info_extra or {}).get("status")
    if isinstance(status, str) and status.isdigit():
        status = int(status)
    if isinstance(status, int) and not 200 <= status < 300:
        return f"HTTP {status}"
    if len(text) > _SHORT and _stripped_length(text) > _SHORT:
        return None  # a real page: told without copying its (maybe 10 MB) text
    stripped = text.strip()
    if not stripped or len(stripped) > _SHORT:
        return None
    for pattern, reason in _COMPILED:
        if pattern.search(stripped):
            return reason
    return None


def _stripped_length(text: str) -> int:
    """`len(text.strip())`, from the spaces at its two ends (`strip` copies a text that ends
    with a newline, as most do)."""
    head, tail = text[:64], text[-64:]
    lead, trail = len(head) - len(head.lstrip()), len(tail) - len(tail.rstrip())
    if lead == len(head) or trail == len(tail):  # more space than that: count it all
        return len(text.strip())
    return len(text) - lead - trail


@dataclass(frozen=True)
class PageStatus:
    """What a capture says about the page's availability, from its sidecar and its text."""

    label: str  # "200 OK", "404 Not Found", "error: blocked by Cloudflare", "ok"
    error: bool  # an error or block page: its text is not the page's content
    code: int | None = None  # the HTTP status, when the capture came over HTTP
    final_url: str | None = None  # where a redirect ended, when it left the address asked for


def page_status(extra: dict | None, text: str, url: str | None = None) -> PageStatus:
    """The capture's status; plain files with no HTTP status are "ok" unless their text is an
    error page."""
    extra = extra or {}
    code = extra.get("status")
    if isinstance(code, str) and code.isdigit():
        code = int(code)
    code = code if isinstance(code, int) and not isinstance(code, bool) else None
    final = extra.get("final_url") if isinstance(extra.get("final_url"), str) else None
    final = final if final and url and final != url else None
    if code is None:
        head = "ok"
    else:
        from http import HTTPStatus  # an enum of 60 codes: only a fetched capture has one

        try:
            head = f"{code} {HTTPStatus(code).phrase}"
        except ValueError:
            head = f"HTTP {code}"
    reason = error_reason(extra, text)
    if reason is not None and (code is None or 200 <= code < 300):
        head = f"error: {reason}"
    label = f"{head}, redirected to {final}" if final else head
    return PageStatus(label, reason is not None, code, final)
