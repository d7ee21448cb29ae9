"""Fetch a URL now and turn the response into a capture, or refuse it clearly.

The body is streamed and capped (a page that grows without end must not fill the disk), the
redirect chain and a few useful headers are kept in `extra`, and a non-2xx answer is still a
capture (evidence that the page was down or blocked), flagged by its status.
"""

from __future__ import annotations

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
    extra request headers (a source's `headers` in tracker.toml)."""
    import httpx

    check_url(url)
    with _answer(url, timeout), httpx.Client(
        follow_redirects=True,
        timeout=timeout,
        headers={"User-Agent": USER_AGENT},
        transport=transport,
    ) as client, client.stream("GET", url, headers=headers or None) as response:
        body = _Body(url, response, max_bytes)
        for chunk in response.iter_bytes():
            body.add(chunk)
        body, received = body.bytes(), _received()
    return _capture(url, response, body, received, source)


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
    with _answer(url, timeout):
        async with asyncio.timeout(timeout * 4), client.stream(
            "GET", url, headers=headers or None, timeout=timeout
        ) as response:
            body = _Body(url, response, max_bytes)
            async for chunk in response.aiter_bytes():
                body.add(chunk)
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
def _answer(url: str, timeout: float):
    """httpx's failures as one line each: the one mapping `fetch` and `fetch_async` share."""
    import httpx

    try:
        yield
    except (httpx.TimeoutException, TimeoutError):
        hint = "try again or raise --timeout"
        raise FetchError(f"{url}: no answer within {timeout:g}s", hint, transient=True) from None
    except httpx.TooManyRedirects:
        raise FetchError(f"{url}: too many redirects", "check the URL in a browser") from None
    except httpx.ConnectError as e:
        tls = "SSL" in str(e) or "CERTIFICATE" in str(e)  # a bad certificate stays bad
        hint = "check the URL and the network"
        raise FetchError(f"cannot connect to {url}: {_why(e)}", hint, transient=not tls) from None
    except httpx.HTTPError as e:
        hint = "check the URL and try again"
        raise FetchError(f"{url}: {_why(e)}", hint, transient=True) from None


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


def _why(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]
