"""The Wayback Machine: list a page's captures (CDX API) and download each one raw.

Polite by construction: one request at a time, a delay between requests, and retries with
exponential backoff (and Retry-After) on the answers worth another try (RETRY_STATUSES). Raw
captures (`<ts>id_`) are the bytes the archive received, without its toolbar or rewritten links.
The base URL comes from $TRACKER_WAYBACK_URL so tests run against a local fake.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from tracker.capture.body import decode_body
from tracker.capture.fetch import USER_AGENT
from tracker.capture.mediatype import content_type, looks_like_html, page_type
from tracker.capture.warc import in_page_offset
from tracker.errors import TrackerError
from tracker.models import NewCapture
from tracker.names import archived_at
from tracker.retry import RETRY_STATUSES

DEFAULT_BASE = "https://web.archive.org"
BACKOFF = 2.0  # seconds before the first retry; doubles each time
TIME_SOURCE = "wayback"
_TS = re.compile(r"/web/(\d{14})")


def base_url() -> str:
    return os.environ.get("TRACKER_WAYBACK_URL", DEFAULT_BASE).rstrip("/")


def cdx_date(value: str | None, *, name: str) -> str | None:
    """A --from/--to value (2021, 2021-09, 2021-09-20, 20210920075900) as CDX digits."""
    if not value:
        return None
    digits = re.sub(r"[-:T ]", "", value.strip())
    if not re.fullmatch(r"\d{4}(?:\d{2}){0,5}", digits):
        hint = "e.g. 2021, 2021-09-20 or 20210920075900"
        raise TrackerError(f"{name} {value!r} is not a date", hint)
    return digits


def parse_timestamp(ts: str) -> datetime:
    when = archived_at(ts)
    if when is None:
        raise TrackerError(f"the Wayback Machine names a capture {ts!r}, not 14 digits", None)
    return when


class Refused(TrackerError):
    """An answer no retry will change (404, 403, 410…): for a capture the index lists, the
    archive cannot play that one back, which says nothing about the others."""

    def __init__(self, message: str, hint: str | None = None, *, status: int):
        super().__init__(message, hint)
        self.status = status


@dataclass(frozen=True)
class Snapshot:
    """One capture the Wayback Machine's CDX index lists."""

    timestamp: str  # 14 digits, UTC
    original: str  # the URL as archived
    mimetype: str


class WaybackClient:
    def __init__(
        self,
        base: str | None = None,
        *,
        rate: float = 1.0,
        retries: int = 4,
        backoff: float | None = None,
        timeout: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ):
        import httpx

        self.base = (base or base_url()).rstrip("/")
        self.rate, self.retries, self.sleep = rate, retries, sleep
        self.backoff = BACKOFF if backoff is None else backoff
        self.client = httpx.Client(
            timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}
        )
        self._last = 0.0

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> WaybackClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def snapshots(
        self,
        url: str,
        *,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> list[Snapshot]:
        """The page's distinct 200 captures (collapsed by digest), oldest first."""
        params = {
            "url": url,
            "output": "json",
            "filter": "statuscode:200",
            "collapse": "digest",
            "fl": "timestamp,original,mimetype,statuscode",
        }
        if since:
            params["from"] = since
        if until:
            params["to"] = until
        if limit:
            params["limit"] = str(limit)
        response = self._get(f"{self.base}/cdx/search/cdx", params=params)
        try:
            rows = response.json() if response.content.strip() else []
        except ValueError:
            hint = "try again later"
            raise TrackerError("the Wayback Machine's CDX answer is not JSON", hint) from None
        if not rows:
            return []
        header, *rows = rows
        index = {name: i for i, name in enumerate(header)}
        found: dict[tuple[str, str], Snapshot] = {}
        try:
            for r in rows:
                status = r[index["statuscode"]] if "statuscode" in index else "200"
                if status != "200":  # an index that ignored the filter: redirects, errors
                    continue
                snapshot = Snapshot(
                    r[index["timestamp"]],
                    r[index["original"]],
                    r[index["mimetype"]] if "mimetype" in index else "",
                )
                found.setdefault((snapshot.timestamp, snapshot.original), snapshot)  # once
        except (KeyError, IndexError, TypeError):
            raise TrackerError("unexpected CDX answer from the Wayback Machine", None) from None
        for timestamp, _ in found:
            if archived_at(timestamp) is None:
                raise TrackerError(
                    f"unexpected CDX answer from the Wayback Machine: a capture named "
                    f"{timestamp!r}, not a 14-digit timestamp",
                    "try again later; nothing was downloaded",
                )
        ordered = sorted(found.values(), key=lambda s: s.timestamp)
        return ordered[:limit] if limit else ordered

    def download(self, snapshot: Snapshot, *, source: str) -> NewCapture | None:
        """The raw capture, or None when it is not an HTML or text page."""
        response = self._get(f"{self.base}/web/{snapshot.timestamp}id_/{snapshot.original}")
        header = response.headers.get("content-type")
        media_type, charset = page_type(header)
        body = response.content
        if media_type is None and not content_type(header)[0] and looks_like_html(body):
            media_type = "text/html"  # no Content-Type: HTML by its bytes, as a browser sniffs
        if media_type is None or not body.strip():
            return None
        served = _TS.search(str(response.url))  # the archive may redirect to a nearby capture
        timestamp = served.group(1) if served else snapshot.timestamp
        text, encoding = decode_body(
            body, media_type, charset, f"{snapshot.original} at {timestamp}"
        )
        return NewCapture(
            data=body,
            captured_at=in_page_offset(
                parse_timestamp(timestamp), body, media_type, encoding, text=text
            ),
            time_source=TIME_SOURCE,
            media_type=media_type,
            encoding=encoding,
            source=source,
            url=snapshot.original,
            extra={"wayback_timestamp": timestamp, "status": response.status_code},
        )

    def _get(self, url: str, params: dict | None = None):
        import httpx

        problem = "no answer"
        for attempt in range(self.retries + 1):
            wait = self._last + self.rate - time.monotonic()
            if wait > 0:
                self.sleep(wait)
            self._last = time.monotonic()
            response = None
            try:
                response = self.client.get(url, params=params)
            except httpx.HTTPError as e:
                problem = f"{type(e).__name__}: {e}".splitlines()[0]
            else:
                if response.status_code < 400:
                    return response
                if response.status_code not in RETRY_STATUSES:
                    raise Refused(
                        f"the Wayback Machine answered HTTP {response.status_code} for {url}",
                        "check the URL",
                        status=response.status_code,
                    )
                problem = f"HTTP {response.status_code}"
            if attempt < self.retries:
                self.sleep(_delay(response, self.backoff * 2**attempt))
        raise TrackerError(
            f"the Wayback Machine keeps failing ({problem}) for {url}",
            "captures already stored are kept: run the same command later to resume",
        )


def _delay(response, default: float) -> float:
    """Retry-After when the server gives one (capped at 5 minutes), else `default`."""
    value = response.headers.get("retry-after", "") if response is not None else ""
    return min(float(value), 300.0) if value.isdigit() else default
