"""What a source is called: the name a page gets from its URL, the names a store accepts, and
when two URLs are the same page.

Capture (a fetched page's default source), the configuration (validating `[sources."NAME"]`)
and the store (its folders) all name sources the same way, so the rules live below all three.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from urllib.parse import quote, urlsplit

from tracker.errors import TrackerError

SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")
_UNSAFE = re.compile(r"[^a-z0-9._-]+")
_MAX = 100  # SLUG's length


def check_source(name: str) -> str:
    """A source name is one safe path segment: lowercase letters, digits, dot, dash, underscore;
    never a name the store keeps for itself (a source folder would replace that file)."""
    if not SLUG.match(name or "") or ".." in name:
        suggestion = re.sub(r"[^a-z0-9._-]+", "-", (name or "").lower()).strip(".-_") or "my-page"
        raise TrackerError(
            f"invalid source name {name!r}: use lowercase letters, digits, '.', '-' and '_'",
            f"e.g. --source {suggestion.replace('..', '.')}",
        )
    if reserved(name):
        raise TrackerError(
            f"the source name {name!r} is reserved: the store keeps its own files under "
            "'tracker' and 'tracker.*' names (e.g. tracker.toml)",
            "give the source another name with --source NAME",
        )
    return name


def reserved(name: str) -> bool:
    """Names the store uses or may use at its root; dot names are refused by SLUG already."""
    return name == "tracker" or name.startswith(("tracker.", "tracker-", "tracker_"))


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


def check_url(url: str) -> str:
    """`url` if tracker can fetch it (http or https, with a host), else a TrackerError: the
    configuration checks its pages' URLs without loading the fetching code."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError as e:
        raise TrackerError(f"not a valid URL: {url!r} ({e})", "give a full URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TrackerError(f"not an http(s) URL: {url!r}", "give a full URL, e.g. https://example.org/")
    return url


# The Wayback Machine's address of a capture: /web/<timestamp (0-14 digits)><mode_>/<page URL>.
_ARCHIVED = re.compile(
    r"^https?://(?:web\.)?archive\.org/web/(?P<ts>\d{0,14})\*?(?:[a-z]{2}_)?/+(?P<url>\S+)$",
    re.IGNORECASE,
)


def archived_page(url: str | None) -> tuple[str, str] | None:
    """(timestamp as written, the page's URL) when `url` is the Wayback Machine's address of a
    capture (`https://web.archive.org/web/20210920075900id_/https://example.org/`): the bytes
    served there are that page's, at that time, not a page of the archive's own."""
    m = _ARCHIVED.match((url or "").strip())
    if m is None:
        return None
    page = re.sub(r"^(https?):/+", r"\1://", m.group("url"), flags=re.IGNORECASE)
    if not re.match(r"https?://", page, re.IGNORECASE):
        page = f"http://{page}"  # the archive accepts a page without its scheme
    return m.group("ts"), page


def archived_at(timestamp: str) -> datetime | None:
    """The instant a Wayback timestamp names (UTC), or None unless it is 14 digits of a real
    date: a shorter one names no second (the archive redirects it to a capture near it)."""
    if not re.fullmatch(r"\d{14}", timestamp or ""):
        return None
    try:
        return datetime.strptime(timestamp, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def public_url(url: str | None) -> str | None:
    """`url` without its user name and password (`https://user:secret@host/` → `https://host/`):
    a store is a git repository, pushed and shared, so what it records of a URL must hold no
    credentials; the page it names is the same (page_key ignores them)."""
    if not url or "@" not in url:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
