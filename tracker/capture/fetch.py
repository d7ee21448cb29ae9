"""Fetch a URL now and turn the response into a capture, or refuse it clearly.

The body is streamed and capped (a page that grows without end must not fill the disk), the
redirect chain and a few useful headers are kept in `extra`, and a non-2xx answer is still a
capture (evidence that the page was down or blocked), flagged by its status.
"""

from __future__ import annotations

import ipaddress
import zlib
from contextlib import contextmanager
from datetime import UTC, datetime

from tracker import __version__
from tracker.capture.body import encoding_of
from tracker.capture.mediatype import PAGE_TYPES, sniff
from tracker.capture.mediatype import content_type as parse_content_type
from tracker.errors import TrackerError
from tracker.models import NewCapture
from tracker.names import check_url, source_name
from tracker.retry import RETRY_STATUSES

USER_AGENT = f"tracker/{__version__} (+https://github.com/tracker-project/tracker)"
KEPT_HEADERS = ("content-type", "date", "etag", "last-modified", "server", "cache-control")
MAX_BYTES = 20_000_000
# The whole answer (redirects, headers, body) must be in within this many times --timeout: a
# server that trickles bytes is never silent for --timeout, and must not hold a run forever.
TOTAL_FACTOR = 4
PIECE = 1 << 16  # at most this many bytes come out of one step of undoing a Content-Encoding
GZIP = 16 + zlib.MAX_WBITS


def source_for(url: str) -> str:
    """The default source of a URL: its host (no "www." or port), plus its path unless it is
    the root page (tracker.names)."""
    return source_name(url)


def media_type_of(content_type: str | None, body: bytes, url: str) -> tuple[str, str | None]:
    """("text/html" | "text/plain", charset or None) from a Content-Type; other types refused."""
    mime, charset = parse_content_type(content_type)
    if mime in PAGE_TYPES:
        return PAGE_TYPES[mime], charset
    if not mime:
        return sniff(body), charset
    raise TrackerError(f"{url}: the response is {mime}, not HTML or text", "capture an HTML page")


def fetch(
    url: str,
    *,
    timeout: float = 30.0,
    max_bytes: int = MAX_BYTES,
    source: str | None = None,
    transport=None,
    headers: dict | None = None,
) -> NewCapture:
    """GET `url` and return it as a capture at the time it was received (UTC); `headers`:
    extra request headers (a source's `headers` in tracker.toml). It is `fetch_async` on a
    client of its own: an event loop is what bounds the whole answer (a server that sends a
    byte a second is never silent for `timeout`)."""
    import asyncio

    import httpx

    async def one() -> NewCapture:
        async with httpx.AsyncClient(**client_options(), transport=transport) as client:
            capture, _ = await fetch_async(
                client, url, timeout=timeout, max_bytes=max_bytes, source=source,
                headers=headers,
            )
            return capture

    return asyncio.run(one())


def client_options() -> dict:
    """What every client that fetches pages is built with (`capture` and `run`): redirects
    followed but guarded, our user agent, and only the encodings `_decoders` undo in bounded
    steps (httpx would inflate a whole chunk, or brotli, in one call: a bomb)."""
    return {
        "follow_redirects": True,
        "headers": {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
        "event_hooks": {"response": [_guard_redirect]},
    }


def _capture(url: str, response, body: bytes, received: datetime, source: str | None):
    """The capture of a response read in full: the checks `fetch` and `fetch_async` share."""
    media_type, charset = media_type_of(response.headers.get("content-type"), body, url)
    status = response.status_code
    if not body.strip():
        raise TrackerError(f"{url}: HTTP {status} with an empty body", "nothing to capture")
    extra = {
        "status": status,
        "final_url": str(response.url),
        "headers": {k: response.headers[k] for k in KEPT_HEADERS if k in response.headers},
        "redirects": [{"url": str(r.url), "status": r.status_code} for r in response.history],
    }
    return NewCapture(
        data=body,
        captured_at=received,
        time_source="http",
        media_type=media_type,
        encoding=encoding_of(body, media_type, charset, url),
        source=source or source_for(url),
        url=url,
        extra=extra,
    )


async def fetch_async(
    client,
    url: str,
    *,
    timeout: float = 30.0,
    max_bytes: int = MAX_BYTES,
    source: str | None = None,
    headers: dict | None = None,
):
    """`fetch` on a shared httpx.AsyncClient (`tracker run`): the same size limit, redirect
    and error handling, the same capture. Returns (capture, response) so the caller sees the
    status and Retry-After."""
    import asyncio

    check_url(url)
    total = timeout * TOTAL_FACTOR
    with _answer(url, timeout, total):
        async with asyncio.timeout(total), client.stream(
            "GET", url, headers=headers or None, timeout=timeout
        ) as response:
            body = _Body(url, response, max_bytes)
            layers = _decoders(url, response.headers.get("content-encoding"))
            async for raw in response.aiter_raw():
                for chunk in _through(layers, raw, url):
                    body.add(chunk)
            _finish(layers, url)
            body, received = body.bytes(), _received()
    try:
        return _capture(url, response, body, received, source), response
    except TrackerError as e:  # e.g. a 503 with an empty body: worth another try
        transient = response.status_code in RETRY_STATUSES
        raise FetchError(e.message, e.hint, transient=transient, response=response) from None



class FetchError(TrackerError):
    """A fetch that failed; `transient`: another try may succeed (`tracker run` retries it),
    `response`: the answer it failed on, if any (its Retry-After)."""

    def __init__(self, message: str, hint: str | None = None, *, transient: bool = False,
                 response=None):
        super().__init__(message, hint)
        self.transient, self.response = transient, response


@contextmanager
def _answer(url: str, timeout: float, total: float):
    """httpx's failures as one line each: the one mapping `fetch` and `fetch_async` share."""
    import httpx

    try:
        yield
    except httpx.TimeoutException:
        hint = "try again or raise --timeout"
        raise FetchError(f"{url}: no answer within {timeout:g}s", hint, transient=True) from None
    except TimeoutError:  # the whole answer's deadline: a server that sends, but too slowly
        raise FetchError(
            f"{url}: the answer was not complete within {total:g}s "
            f"({TOTAL_FACTOR} times the timeout); nothing stored",
            "the server sends too slowly; raise --timeout if it is really that slow",
        ) from None
    except httpx.TooManyRedirects:
        raise FetchError(f"{url}: too many redirects", "check the URL in a browser") from None
    except httpx.ConnectError as e:
        tls = "SSL" in str(e) or "CERTIFICATE" in str(e)  # a bad certificate stays bad
        hint = "check the URL and the network"
        raise FetchError(f"cannot connect to {url}: {_why(e)}", hint, transient=not tls) from None
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as e:  # e.g. a broken Location
        hint = "check the URL in a browser"
        raise FetchError(f"{url}: {_why(e)}; nothing stored", hint) from None
    except httpx.HTTPError as e:
        hint = "check the URL and try again"
        why = _why(e)
        what = _BROKEN.get(type(e).__name__)
        if why.lower().startswith(("peer closed", "server disconnected")):
            what = "the connection closed before the answer was complete"
        elif why == "Receive buffer too long":  # h11's words for headers past its limit
            what = "the answer's headers are longer than 100 KB"
        why = f"{what} ({why})" if what else why
        raise FetchError(f"{url}: {why}; nothing stored", hint, transient=True) from None


# What an httpx failure means to a reader, before the library's own words.
_BROKEN = {
    "ReadError": "the connection broke off mid-answer",
    "WriteError": "the connection broke off mid-request",
    "CloseError": "the connection broke off",
    "RemoteProtocolError": "the answer is not valid HTTP",
}


async def _guard_redirect(response) -> None:
    """Refuse, before it is followed, a redirect to anything but an http(s) page, and one from
    a public host to a private, loopback or link-local address (a public page must not make
    tracker fetch, and store, what only this machine's network can reach)."""
    if not response.has_redirect_location:
        return
    import httpx

    here, location = response.request.url, response.headers["location"]
    try:
        there = here.join(location)
    except (httpx.InvalidURL, ValueError):
        return  # httpx refuses it itself, as a broken Location
    why = None
    if there.scheme not in ("http", "https"):
        why = "not an http(s) URL"
    elif there.host != here.host and await _private(there.host):  # one host: no lookup
        if not await _private(here.host):
            why = "a private address, from a public page"
    if why:
        raise FetchError(
            f"{here}: redirected to {(location if ':' in location else str(there))[:200]}, "
            f"{why}; nothing stored",
            "check the URL in a browser; capture the target directly if it is meant",
        )


async def _private(host: str) -> bool:
    """Whether a host is, or resolves to, an address that is not on the public internet."""
    import asyncio

    try:
        return not ipaddress.ip_address(host.strip("[]")).is_global
    except ValueError:
        pass
    if host.lower() == "localhost" or host.lower().endswith(".localhost"):
        return True
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None)
    except OSError:
        return False  # unknown here: connecting will say so
    for info in infos:
        try:
            if not ipaddress.ip_address(info[4][0].partition("%")[0]).is_global:
                return True
        except ValueError:
            continue
    return False


class _Inflate:
    """One gzip or deflate layer undone in steps of at most PIECE bytes, so that a small body
    that inflates to gigabytes is refused at --max-bytes without ever being in memory."""

    def __init__(self, wbits: int | None):
        self.wbits, self.d, self.head, self.over = wbits, None, b"", False

    def feed(self, data: bytes):
        if self.d is None:
            if self.wbits is None:  # deflate: zlib-wrapped (RFC 9110), or raw as many send it
                data = self.head = self.head + data
                if len(data) < 2:  # its first two bytes tell, and a server may send one
                    return
                wrapped = data[0] & 0x0F == 8 and int.from_bytes(data[:2], "big") % 31 == 0
                self.wbits, self.head = (zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS), b""
            self.d = zlib.decompressobj(self.wbits)
        while data and not self.over:
            if self.d.eof:  # bytes after the stream: a further gzip member, else ignored
                data = self.head = self.head + data
                if self.wbits == GZIP and len(data) < 2:
                    return
                self.head = b""
                if self.wbits != GZIP or not data.startswith(b"\x1f\x8b"):
                    self.over = True
                    return
                self.d = zlib.decompressobj(GZIP)
            out = self.d.decompress(data, PIECE)
            if out:
                yield out
            data = self.d.unused_data if self.d.eof else self.d.unconsumed_tail
            while len(out) == PIECE and not data and not self.d.eof:  # output still pending
                out = self.d.decompress(b"", PIECE)
                if out:
                    yield out
                data = self.d.unused_data if self.d.eof else self.d.unconsumed_tail

    def complete(self) -> bool:
        return self.d.eof if self.d is not None else not self.head  # a byte after: ignored


# Compressions a server may send though not asked for them; any other word ("utf-8",
# "none"...) is a mistake of the server's, and the body is read as it is, as browsers read it.
_UNREAD = frozenset({"br", "zstd", "compress", "x-compress", "dcb", "dcz"})


def _decoders(url: str, header: str | None) -> list:
    """The layers of a Content-Encoding, the last applied first."""
    layers = []
    for name in reversed([v.strip().lower() for v in (header or "").split(",")]):
        if name in ("gzip", "x-gzip"):
            layers.append(_Inflate(GZIP))
        elif name == "deflate":
            layers.append(_Inflate(None))
        elif name in _UNREAD:
            raise FetchError(
                f"{url}: the body is encoded as {name!r}, which tracker does not read "
                "(it asks for gzip or deflate); nothing stored",
                "the server ignores Accept-Encoding; report it to the site",
            )
    return layers


def _through(layers: list, data: bytes, url: str):
    """`data` through every layer, in bounded pieces."""
    if not layers:
        yield data
        return
    try:
        for piece in layers[0].feed(data):
            yield from _through(layers[1:], piece, url)
    except zlib.error as e:
        raise _damaged(url, str(e)) from None


def _finish(layers: list, url: str) -> None:
    """A compressed body that stops before its end is a partial page: nothing is stored."""
    if any(not layer.complete() for layer in layers):
        raise _damaged(url, "the compressed body ends before its end")


def _damaged(url: str, why: str) -> FetchError:
    return FetchError(f"{url}: the body cannot be decompressed ({why}); nothing stored",
                      "try again later; the server sends a damaged body", transient=True)


class _Body:
    """A response body read in chunks, refused (nothing stored) past `max_bytes`, whether the
    server declared its length or not: the one limit `fetch` and `fetch_async` share."""

    def __init__(self, url: str, response, max_bytes: int):
        self.url, self.max_bytes, self.size, self.chunks = url, max_bytes, 0, []
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise _too_big(url, max_bytes)

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.max_bytes:
            raise _too_big(self.url, self.max_bytes)
        self.chunks.append(chunk)

    def bytes(self) -> bytes:
        return b"".join(self.chunks)


def _received() -> datetime:
    """Now, kept to the millisecond: two captures of one second still sort in fetch order."""
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def _too_big(url: str, max_bytes: int) -> TrackerError:
    return TrackerError(
        f"{url}: the response is larger than {max_bytes:,} bytes; nothing stored",
        "raise --max-bytes if the page really is that large",
    )


def _why(error: BaseException) -> str:
    """The first words that say something of an error or of what caused it (an event loop's
    read error says nothing itself: its cause does)."""
    seen = error
    while seen is not None:
        text = str(seen).strip()
        if text:
            return text.splitlines()[0].rstrip(".")
        seen = seen.__cause__ or seen.__context__
    return type(error).__name__
