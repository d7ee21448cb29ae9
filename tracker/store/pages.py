"""A source is one page: the name a page's source gets, and when two URLs are the same page.

A source remembers the page it follows through its captures' sidecars: the URL each was fetched
from (and where the fetch was redirected). Only fetched captures count (`tracker capture`,
WARC records, the Wayback Machine); a saved file's `<link rel=canonical>` is the page's claim
about itself, not where the bytes came from, so it neither defines nor limits a source.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote, urlsplit

from tracker.errors import TrackerError

FETCHED = frozenset({"http", "warc", "wayback"})  # time sources of captures fetched from a URL
_UNSAFE = re.compile(r"[^a-z0-9._-]+")
_MAX = 100  # sidecar.SLUG's length


def host_name(url: str) -> str:
    """The URL's host, lowercase, without "www." or a port: a root page's source name."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".").removeprefix("www.")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    if not host:
        raise TrackerError(f"no host name in {url!r}", "give a full URL, e.g. https://example.org/")
    return host


def source_name(url: str) -> str:
    """The default source of a page: its host, then its path and query when it is not the
    host's root page (`example.org`, `example.org-en-news`), as one safe slug."""
    host = host_name(url)
    parts = urlsplit(url)
    rest = quote(parts.path, safe="/%").strip("/") + (f"?{parts.query}" if parts.query else "")
    tail = _slug(rest)
    name = f"{_slug(host)}-{tail}" if tail else _slug(host)
    if len(name) > _MAX:  # long paths: cut, with a hash so two long paths stay apart
        digest = hashlib.sha1((page_key(url) or url).encode()).hexdigest()[:8]
        name = name[: _MAX - 9].rstrip("._-") + "-" + digest
    return name or "page"


def _slug(text: str) -> str:
    return re.sub(r"\.{2,}", ".", _UNSAFE.sub("-", text.lower())).strip("._-")


def page_key(url: str | None) -> str | None:
    """The page a URL names: scheme (http/https), a leading "www.", a default port, a trailing
    slash and the fragment do not matter; host, path and query do."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").lower().rstrip(".").removeprefix("www.")
    if not host:
        return None
    if port not in (None, 80, 443):
        host = f"{host}:{port}"
    query = f"?{parts.query}" if parts.query else ""
    return host + parts.path.rstrip("/") + query


def urls_of(url: str | None, extra: dict | None, time_source: str) -> dict[str, str]:
    """The pages a fetched capture is of ({page key: URL}): the URL asked for, and the URLs
    it was redirected through to its final one (http → https, www, a moved page)."""
    if time_source not in FETCHED or not url:
        return {}
    extra = extra or {}
    found = [url, extra.get("final_url")]
    found += [r.get("url") for r in extra.get("redirects") or () if isinstance(r, dict)]
    out: dict[str, str] = {}
    for each in found:
        key = page_key(each) if isinstance(each, str) else None
        if key is not None:
            out.setdefault(key, each)
    return out


def check_same_page(source: str, followed: dict[str, str], capture) -> None:
    """Refuse a capture fetched from another page than the one `source` follows (its
    `followed` pages); a capture of the page adds its URLs to `followed`."""
    mine = urls_of(capture.url, capture.extra, capture.time_source)
    if not mine:
        return
    if followed and not followed.keys() & mine.keys():
        page = next(iter(followed.values()))
        suggestion = source_name(capture.url)
        if suggestion == source:
            suggestion = f"{suggestion}-2"
        raise TrackerError(
            f"the source {source} follows {page}, not {capture.url}: one source is one page",
            f"give this page its own source, e.g. --source {suggestion}",
        )
    for key, url in mine.items():
        followed.setdefault(key, url)
