"""WARC archives: each HTML or text response record becomes a capture of its URL's host.

A crawl holds many pages at many times, so each record brings its own source (the host name),
time (WARC-Date) and URL. Error answers (4xx/5xx) are kept, flagged by `extra.status`, since a
page being down is part of its history; redirects, revisits and other media types are not pages.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tracker.capture.body import decode_body
from tracker.capture.fetch import KEPT_HEADERS, source_for
from tracker.capture.html import HEAD_CHARS, decode_html, head_text
from tracker.capture.mediatype import content_type, looks_like_html, page_type
from tracker.capture.readers import Reader, check_size, register
from tracker.capture.timefind import find_time
from tracker.errors import TrackerError
from tracker.models import NewCapture
from tracker.names import archived_at, archived_page


def _is_warc(path: Path, head: bytes) -> bool:
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz")) or head.startswith(b"WARC/1."):
        return True
    if head.startswith(b"\x1f\x8b"):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head).startswith(b"WARC/")
        except zlib.error:
            return False
    return False


def read_warc(path: Path, max_bytes: int | None = None) -> Iterator[NewCapture]:
    """Every HTML/text response (or resource) record of the WARC at `path`, in file order;
    records are read one at a time, a body larger than `max_bytes` refused unread."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    try:
        with open(path, "rb") as stream:
            for record in _records(ArchiveIterator(stream), path):
                capture = _capture(record, path, max_bytes)
                if capture is not None:
                    found += 1
                    yield capture
    except OSError as e:
        raise TrackerError(f"cannot read {path}: {e.strerror or e}", "check the path") from None
    except (ArchiveLoadFailed, zlib.error, EOFError, ValueError) as e:
        hint = "check that the file is complete"
        raise TrackerError(f"{path}: not a readable WARC ({e})", hint) from None
    if not found:
        raise TrackerError(
            f"{path}: no HTML or text response records in this WARC", "nothing to import from it"
        )


def _records(records, path: Path) -> Iterator:
    """warcio's records; whatever its parser raises on a malformed one (a response without
    WARC-Target-URI fails on None deep inside it) is an unreadable WARC, said in one line."""
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except OSError:
            raise
        except Exception as e:  # warcio's own parsing only: our code runs outside this call
            hint = "check that the file is a complete WARC"
            where = getattr(records, "offset", None)
            what = str(e) if isinstance(e, ValueError) else "a record it cannot parse"
            if where is not None:
                what += f", at byte {where:,}"
            raise TrackerError(f"{path}: not a readable WARC ({what})", hint) from None
        yield record


def _capture(record, path: Path, max_bytes: int | None = None) -> NewCapture | None:
    if record.rec_type not in ("response", "resource"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    if not url.startswith(("http://", "https://")):
        return None
    http = record.http_headers
    status = None
    if record.rec_type == "response":
        if http is None:
            return None
        try:
            status = int(http.get_statuscode())
        except (TypeError, ValueError):
            return None
        if 300 <= status < 400 or status < 200 or status == 206:
            return None  # a redirect, or a range of the page (206 Partial Content)
        header = http.get_header("Content-Type")
    else:
        header = record.rec_headers.get_header("Content-Type")
    media_type, charset = page_type(header)
    if media_type is None and content_type(header)[0]:
        return None  # another media type
    what = f"{path}: the record for {url}"
    cut = record.rec_headers.get_header("WARC-Truncated")
    if cut is not None or record.rec_headers.get_header("WARC-Segment-Number"):
        why = f"its crawler cut it short (WARC-Truncated: {cut})" if cut is not None else (
            "it is one segment of a record split across several (WARC-Segment-Number)")
        raise TrackerError(
            f"{what} is not the whole page: {why}",
            "import a WARC that holds the page whole (e.g. crawl again with a larger size limit)",
        )
    if max_bytes is not None:
        check_size(what, record.length or 0, max_bytes)  # the record, before reading it
        body = record.content_stream().read(max_bytes + 1)  # a compressed body may grow
        check_size(what, len(body), max_bytes)
    else:
        body = record.content_stream().read()
    if _cut_short(record):
        raise TrackerError(
            f"{what} is cut short: the file ends inside it",
            "the WARC is incomplete (still being written, or its download was cut off): "
            "import a complete copy",
        )
    if not body.strip():
        return None
    if media_type is None:  # no Content-Type: HTML by its bytes, as a browser sniffs it
        if not looks_like_html(body):
            return None
        media_type = "text/html"
    text, encoding = decode_body(body, media_type, charset, f"{path} ({url})")
    extra: dict = {"warc_record_id": record.rec_headers.get_header("WARC-Record-ID")}
    copy = archived_page(url)
    if copy is not None:  # the Wayback Machine's copy: that page, at the archive's timestamp
        timestamp, url = copy
        archived, time_source = _wayback_time(timestamp, what), "wayback"
        extra["wayback_timestamp"] = timestamp
    else:
        archived = _warc_date(record.rec_headers.get_header("WARC-Date"), path, url)
        time_source = "warc"
    if status is not None:
        extra["status"] = status
        extra["headers"] = {k: http.get_header(k) for k in KEPT_HEADERS if http.get_header(k)}
    return NewCapture(
        data=body,
        captured_at=in_page_offset(archived, body, media_type, encoding, text=text),
        time_source=time_source,
        media_type=media_type,
        encoding=encoding,
        source=source_for(url),
        original_name=path.name,
        url=url,
        extra=extra,
    )


def _cut_short(record) -> bool:
    """Whether the file ended before the record's Content-Length: warcio hands out what there
    is without a word, and a cut page stored as a capture would be false evidence."""
    raw = record.raw_stream
    while raw.read(1 << 16):  # what the body left (a chunked payload's last CRLF)
        pass
    return getattr(raw, "limit", 0) > 0


def in_page_offset(
    archived: datetime, data: bytes, media_type: str, encoding: str, *, text: str | None = None
) -> datetime:
    """The archive's instant, in the UTC offset of the clock the page shows, when it agrees.

    The instant stays the archive's (exact); the offset makes the capture's day the day the page
    showed (DESIGN §4), which day counters are checked against. Pages whose clock disagrees by
    more than two hours, or that show a date alone, keep UTC. `text`: the decoded page, when
    the caller has it (a page is decoded once).
    """
    try:
        if media_type == "text/html":
            text = head_text(decode_html(data, encoding)[0] if text is None else text, HEAD_CHARS)
        else:
            text = data[: 4 * HEAD_CHARS].decode(encoding, errors="replace")
    except TrackerError:
        return archived
    found = find_time(text, None)
    if found is None or abs(found[0] - archived) > timedelta(hours=2):
        return archived
    return archived.astimezone(found[0].tzinfo)


def _wayback_time(timestamp: str, what: str) -> datetime:
    when = archived_at(timestamp)
    if when is None:
        raise TrackerError(
            f"{what} names a Wayback capture by the timestamp {timestamp or '(none)'}, not 14 "
            "digits: the time of its bytes is not known to the second",
            "import that page's captures with tracker wayback URL",
        )
    return when


def _warc_date(value: str | None, path: Path, url: str) -> datetime:
    try:
        when = datetime.fromisoformat((value or "").replace("Z", "+00:00"))
    except ValueError:
        raise TrackerError(f"{path}: record for {url} has no valid WARC-Date", None) from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


@register
class WarcReader(Reader):
    name = "warc"

    @classmethod
    def matches(cls, path: Path, head: bytes) -> bool:
        return _is_warc(path, head)

    def read(self, path: Path, *, at: datetime | None = None) -> Iterator[NewCapture]:
        if at is not None:
            raise TrackerError(
                f"{path}: --at does not apply to a WARC", "each record carries its own WARC-Date"
            )
        return read_warc(Path(path), self.max_bytes)
