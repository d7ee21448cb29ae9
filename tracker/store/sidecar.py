"""Names and sidecars: how a capture is laid out on disk, and read back.

`<source>/<id>.<txt|html>` holds the bytes; `<source>/<id>.json` what we know about them. The id
is the capture's UTC instant in 14 digits (as the Wayback Machine writes them), so a directory
listing is already in time order and the name alone says when.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from datetime import UTC, datetime

from tracker.errors import TrackerError
from tracker.models import AHEAD, TIME_SOURCES, CaptureInfo, NewCapture
from tracker.names import SLUG, check_source, public_url, reserved  # noqa: F401 (the store's API)

SCHEMA = "tracker.capture/1"
ID = re.compile(r"^(\d{14})(?:-([0-9a-f]{8,64}))?$")
EXTENSIONS = {"text/html": ".html", "text/plain": ".txt"}
CAPTURE_SUFFIXES = frozenset(EXTENSIONS.values())
SHA256 = re.compile(r"^[0-9a-f]{64}$")


def base_id(captured_at: datetime) -> str:
    return captured_at.astimezone(UTC).strftime("%Y%m%d%H%M%S")


# How each time source is named in a refusal.
_TIME_FROM = {"at": "--at", "page": "the date the page shows", "filename": "the time in its name",
              "warc": "its WARC-Date", "wayback": "its Wayback timestamp",
              "http": "this machine's clock", "commit": "its commit time"}
# Before the first web page was published, nothing was fetched from the web.
_FIRST_WEB_PAGE = datetime(1991, 8, 6, tzinfo=UTC)
_FETCHED = ("warc", "wayback", "http")


def check_time(new: NewCapture, now: datetime) -> None:
    """Refuse a capture timed where no capture can be: after `now` (a WARC writer's clock set
    wrong, a page showing an event's date), before the web for a fetched page (an unset clock's
    1970), or where its name would not be 14 digits (before the year 1000)."""
    when = new.captured_at.astimezone(UTC)
    if when > now + AHEAD:
        problem = "is in the future"
    elif new.time_source in _FETCHED and when < _FIRST_WEB_PAGE:
        problem = "is before the web existed"
    elif when.year < 1000:
        problem = "is before the year 1000"
    else:
        return
    origin = new.url or new.original_name or "a capture"
    if new.extra.get("commit"):
        origin = f"{origin} at commit {str(new.extra['commit'])[:10]}"
    how = _TIME_FROM.get(new.time_source, "its time")
    hint = "check --at" if new.time_source == "at" else "give its time with --at, or leave it out"
    raise TrackerError(f"{origin}: {how} {new.captured_at.isoformat()} {problem}", hint)


def extension(media_type: str) -> str:
    return EXTENSIONS.get(media_type, ".txt")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def info_for(new: NewCapture, source: str, capture_id: str, digest: str) -> CaptureInfo:
    if new.captured_at.tzinfo is None:
        raise TrackerError("internal: a capture time without a timezone", None)
    if new.time_source not in TIME_SOURCES:
        raise TrackerError(f"internal: unknown time source {new.time_source!r}", None)
    return CaptureInfo(
        source=source,
        id=capture_id,
        captured_at=new.captured_at,
        time_source=new.time_source,
        sha256=digest,
        size=len(new.data),
        media_type=new.media_type,
        encoding=new.encoding,
        path=f"{source}/{capture_id}{extension(new.media_type)}",
        original_name=new.original_name,
        url=public_url(new.url),
        extra=_public_extra(new.extra),
    )


def _public_extra(extra: dict) -> dict:
    """The URLs `extra` records (where a fetch ended, the redirects on its way) without
    credentials, as the capture's own URL."""
    out = dict(extra)
    if isinstance(out.get("final_url"), str):
        out["final_url"] = public_url(out["final_url"])
    if isinstance(out.get("redirects"), list):
        out["redirects"] = [
            {**r, "url": public_url(r["url"])} if isinstance(r, dict) and isinstance(
                r.get("url"), str) else r
            for r in out["redirects"]
        ]
    return out


def dumps(info: CaptureInfo) -> bytes:
    doc = {
        "schema": SCHEMA,
        "captured_at": info.captured_at.isoformat(),
        "time_source": info.time_source,
        "original_name": info.original_name,
        "url": info.url,
        "sha256": info.sha256,
        "size": info.size,
        "media_type": info.media_type,
        "encoding": info.encoding,
        "extra": info.extra,
    }
    return (json.dumps(doc, indent=2, ensure_ascii=False, default=str) + "\n").encode("utf-8")


def loads(raw: bytes, source: str, capture_id: str) -> CaptureInfo:
    """A sidecar read back; ValueError says what is wrong with one that is not ours."""
    doc = json.loads(raw)
    if not isinstance(doc, dict):
        raise ValueError(f"a JSON {type(doc).__name__}, not an object")
    media_type = doc.get("media_type") or "text/plain"
    encoding = doc.get("encoding") or "utf-8"
    digest, extra = doc.get("sha256"), doc.get("extra") or {}
    if not isinstance(encoding, str) or not _known_encoding(encoding):
        raise ValueError(f"unknown encoding {encoding!r}")
    if not isinstance(media_type, str) or not isinstance(digest, str) or not SHA256.match(digest):
        raise ValueError("media_type or sha256 is not what tracker writes")
    if not isinstance(extra, dict) or not isinstance(doc["captured_at"], str):
        raise ValueError("captured_at or extra is not what tracker writes")
    return CaptureInfo(
        source=source,
        id=capture_id,
        captured_at=datetime.fromisoformat(doc["captured_at"]),
        time_source=doc.get("time_source", "at"),
        sha256=digest,
        size=int(doc["size"]),
        media_type=media_type,
        encoding=encoding,
        path=f"{source}/{capture_id}{extension(media_type)}",
        original_name=doc.get("original_name"),
        url=doc.get("url"),
        extra=extra,
    )


def _known_encoding(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def sort_key(info: CaptureInfo) -> tuple[datetime, str]:
    return info.utc, info.id
