"""WARC archives: HTML/text responses become captures of their host, at their WARC-Date."""

from __future__ import annotations

import gzip
import io
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cli_helpers import tracker
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tracker.capture.warc import WarcReader, read_warc
from tracker.errors import TrackerError

ROOT = Path(__file__).resolve().parents[1]


def page(body: str) -> bytes:
    return f"<!DOCTYPE html><html><body><p>{body}</p></body></html>".encode()


def write_warc(path: Path, records, *, gz: bool = True) -> Path:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for url, date, status, ctype, body in records:
            http = StatusAndHeaders(
                f"{status} {'OK' if status == 200 else 'Other'}",
                [("Content-Type", ctype), ("ETag", '"e"')],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http,
                warc_headers_dict={"WARC-Date": date},
            )
            writer.write_record(record)
    return path


RECORDS = [
    ("https://www.example.org/", "2021-09-20T07:59:00Z", 200, "text/html; charset=utf-8",
     page("first")),
    ("https://www.example.org/logo.png", "2021-09-20T07:59:01Z", 200, "image/png", b"\x89PNG"),
    ("https://www.example.org/old", "2021-09-20T07:59:02Z", 301, "text/html", page("moved")),
    ("https://news.example.com/", "2021-09-21T10:00:00Z", 200, "text/plain", b"plain news\n"),
    ("https://www.example.org/", "2021-10-26T00:03:00Z", 503, "text/html", page("down")),
]


def test_records_become_captures(tmp_path):
    path = write_warc(tmp_path / "crawl.warc.gz", RECORDS)
    captures = list(read_warc(path))
    assert [(c.source, c.url) for c in captures] == [
        ("example.org", "https://www.example.org/"),
        ("news.example.com", "https://news.example.com/"),
        ("example.org", "https://www.example.org/"),
    ]
    first, news, down = captures
    assert first.data == page("first") and first.media_type == "text/html"
    assert first.captured_at == datetime(2021, 9, 20, 7, 59, tzinfo=UTC)
    assert first.time_source == "warc"
    assert first.extra["status"] == 200 and first.extra["headers"]["etag"] == '"e"'
    assert news.media_type == "text/plain" and news.data == b"plain news\n"
    assert down.extra["status"] == 503  # kept, flagged


def test_reader_is_chosen_by_name_or_content(tmp_path):
    gz = write_warc(tmp_path / "crawl.warc.gz", RECORDS[:1])
    plain = write_warc(tmp_path / "crawl.warc", RECORDS[:1], gz=False)
    hidden_gz = tmp_path / "archive.bin"
    hidden_gz.write_bytes(gz.read_bytes())
    hidden = tmp_path / "archive"
    hidden.write_bytes(plain.read_bytes())
    for path in (gz, plain, hidden_gz, hidden):
        assert WarcReader.matches(path, path.read_bytes()[:4096]), path
    # Through the registry too, WARC before HTML (a WARC holds "<html" in its first bytes).
    # Registry order follows import order in readers.py: only true in a fresh process.
    code = ("import sys; from pathlib import Path; from tracker.capture.readers import reader_for;"
            "print(type(reader_for(Path(sys.argv[1]))).__name__)")
    for path in (gz, hidden):
        done = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
        assert done.stdout.strip() == "WarcReader", done.stderr
    other = tmp_path / "x.gz"
    other.write_bytes(gzip.compress(b"not a warc"))
    assert not WarcReader.matches(other, other.read_bytes()[:4096])


def test_at_is_refused_and_broken_files_are_reported(tmp_path):
    path = write_warc(tmp_path / "crawl.warc.gz", RECORDS[:1])
    with pytest.raises(TrackerError, match="--at"):
        list(WarcReader().read(path, at=datetime(2021, 1, 1, tzinfo=UTC)))
    broken = tmp_path / "broken.warc"
    broken.write_bytes(b"WARC/1.0\r\nnonsense\r\n\r\n")
    with pytest.raises(TrackerError, match="no HTML or text"):
        list(read_warc(broken))
    truncated = tmp_path / "truncated.warc.gz"
    truncated.write_bytes(path.read_bytes()[:60])
    with pytest.raises(TrackerError, match="truncated.warc.gz"):
        list(read_warc(truncated))


def test_import_warc_gives_three_captures_of_two_sources(tmp_path):
    records = [RECORDS[0], RECORDS[3], ("https://www.example.org/", "2021-10-26T00:03:00Z", 200,
                                        "text/html", page("second"))]
    path = write_warc(tmp_path / "crawl.warc.gz", records)
    store = tmp_path / "snapshots"
    done = tracker("import", path, env={"TRACKER_STORE": str(store)})
    assert done.code == 0, done.err
    assert sorted(p.name for p in (store / "example.org").glob("*.html")) == [
        "20210920075900.html", "20211026000300.html"]
    assert [p.name for p in (store / "news.example.com").glob("*.txt")] == ["20210921100000.txt"]
    assert (store / "example.org" / "20210920075900.html").read_bytes() == page("first")


def test_page_clock_gives_the_offset_not_the_instant(tmp_path):
    pytest.importorskip("tracker.capture.timefind")
    body = page("x").replace(
        b"<p>x</p>", b"<div>26 October 2021</div><div>Moscow: 00:03</div><div>London: 22:03</div>"
    )
    record = ("https://www.rusemb.org.uk/", "2021-10-25T21:03:30Z", 200, "text/html", body)
    path = write_warc(tmp_path / "c.warc.gz", [record])
    (capture,) = read_warc(path)
    assert capture.captured_at == datetime(2021, 10, 25, 21, 3, 30, tzinfo=UTC)
    assert capture.captured_at.isoformat() == "2021-10-26T00:03:30+03:00"
    assert capture.time_source == "warc"
