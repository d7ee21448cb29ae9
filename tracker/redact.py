"""Notification URLs are secrets (bot tokens, webhook keys, passwords): keep them out of output.

`redact` is the one way a URL is shown: its scheme, and for http(s) its host and port, nothing
else. `scrub` is the safety net for text tracker does not write itself (an exception from httpx
or Apprise, an internal error): the CLI registers the URLs it was given (`--notify`,
`TRACKER_NOTIFY`) and every error line passes through `scrub` before it is printed.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import quote, unquote

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")
_HOST_PORT = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?")
_PIECES = re.compile(r"[/:@?&=#;,]+")
_MIN_PIECE = 3  # shorter pieces ("T0", "v1") are not secrets and would match too much text
# Path words that are a URL's structure, not its secret, and also words of tracker's own messages
# ("tracker: error: notify https://host/…: failed"), which must stay readable.
_STRUCTURAL = frozenset(
    "api hook hooks webhook webhooks notify notification notifications services service alert "
    "alerts message messages send post error errors tracker json http https".split()
)

_registered: list[str] = []


def scheme_of(url: str) -> str:
    """The lower-cased scheme, or "" (never raises, unlike urlsplit on a malformed URL)."""
    m = _SCHEME.match(url.strip())
    return m.group(1).lower() if m else ""


def redact(url: str) -> str:
    """`https://hooks.slack.com/services/T0/B0/secret` -> `https://hooks.slack.com/…`;
    `tgram://123:token/456` -> `tgram://…` (in Apprise URLs even the "host" is a token)."""
    url = url.strip()
    m = _SCHEME.match(url)
    if not m:
        return "(a URL)"
    scheme = m.group(1).lower()
    host = _host(url) if scheme in ("http", "https") else None
    return f"{scheme}://{host}/…" if host else f"{scheme}://…"


def _host(url: str) -> str | None:
    """The host[:port] of an http(s) URL, or None when the authority is malformed (then
    nothing of it can be shown safely: `https://user:pa/ss@host/` has its password where the
    port should be)."""
    authority = re.split(r"[/?#]", _SCHEME.sub("", url, count=1), maxsplit=1)[0]
    host = authority.rpartition("@")[2]
    return host.lower() if _HOST_PORT.fullmatch(host) else None


def register(urls) -> None:
    """Remember URLs whose pieces must never be printed (see `scrub`)."""
    for url in urls:
        if url and url.strip() and url not in _registered:
            _registered.append(url)


def register_cli(argv: list[str], environ) -> None:
    """The notification URLs of a command line (`--notify URL`, `--notify=URL`) and of
    `TRACKER_NOTIFY`, registered before any of them can reach an error message."""
    urls = (environ.get("TRACKER_NOTIFY") or "").split()
    for i, arg in enumerate(argv):
        if arg == "--notify" and i + 1 < len(argv):
            urls.append(argv[i + 1])
        elif arg.startswith("--notify="):
            urls.append(arg.split("=", 1)[1])
    register(urls)


@cache  # a pure function of the URL: asked again at every compile and every scrub
def _secrets(url: str) -> set[str]:
    """Every piece of `url` that may be secret: the whole, the part after the scheme, and
    each piece between delimiters, except the scheme and an http(s) host that `redact` shows."""
    url = url.strip()
    m = _SCHEME.match(url)
    rest = url[m.end() :] if m else url
    shown = set()
    if m:
        shown.add(m.group(1).lower())
        host = _host(url)
        if host and m.group(1).lower() in ("http", "https"):
            shown.update({host, host.partition(":")[0], host.rpartition(":")[2]})
    pieces = {url, rest}
    for part in re.split(r"[?#]", rest):
        pieces.add(part)
        pieces.update(_PIECES.split(part))
    pieces.update(rest.split("@")[:-1])  # user:password, whatever its characters
    out = set()
    for piece in pieces:
        for form in (piece, unquote(piece), quote(piece, safe="")):
            if len(form) >= _MIN_PIECE and form.lower() not in shown | _STRUCTURAL:
                out.add(form)
    return frozenset(out)


def holds_secret(text: str) -> bool:
    """Whether `text` holds a piece of a registered URL (`scrub`'s own pattern does): such a
    text is never written anywhere, e.g. among the patterns the `tracker` process keeps."""
    pieces = {p for url in _registered for p in _secrets(url)}
    return any(p in text or re.escape(p) in text for p in pieces)


def scrub(text: str) -> str:
    """`text` with every registered URL replaced by its redacted form and every other piece of
    one by `***` (a piece only where it stands alone, so `hook` leaves `webhook` alone)."""
    if not _registered or not text:
        return text
    for url in _registered:
        if url in text:
            text = text.replace(url, redact(url))
    pieces = sorted({p for url in _registered for p in _secrets(url)}, key=len, reverse=True)
    alternatives = "|".join(re.escape(p) for p in pieces)
    pattern = re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])", re.IGNORECASE)
    return pattern.sub("***", text)
