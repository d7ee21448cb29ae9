"""Hostile import inputs: cut WARCs, git histories with merges and odd entries, captures timed
in the future, Wayback addresses and indexes, crawls saved as timestamped folders.

Each input is imported through the CLI: what is right is stored, what is not is refused with
one line (exit 2) and the store is left exactly as it was.
"""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
from pathlib import Path

import pytest
from cli_helpers import tracker
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def page(body: str) -> bytes:
    return f"<!DOCTYPE html><html><body><h1>News</h1><p>{body}</p></body></html>".encode()


def write_warc(path: Path, records, *, gz: bool = False) -> Path:
    """records: (url, WARC-Date, body), HTTP 200 text/html responses."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for url, date, body in records:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                    protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                               http_headers=http,
                                               warc_headers_dict={"WARC-Date": date})
            writer.write_record(record)
    return path


def state(store: Path):
    """HEAD, the index and every file of the store (None: no store at all)."""
    if not store.exists():
        return None
    head = subprocess.run(["git", "rev-parse", "-q", "--verify", "HEAD"], cwd=store,
                          capture_output=True, text=True).stdout
    index = subprocess.run(["git", "ls-files", "-s"], cwd=store, capture_output=True,
                           text=True).stdout
    files = {str(p.relative_to(store)): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(store.rglob("*")) if p.is_file() and ".git" not in p.parts}
    return head, index, files


def refused(store: Path, before, *args, words=()) -> str:
    r = tracker(*args)
    assert r.code == 2, (r.out, r.err)
    assert "Traceback" not in r.err and "internal error" not in r.err, r.err
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tracker: error: "), r.err
    for word in words:
        assert word in r.err, r.err
    assert state(store) == before
    return r.err


def stored(store: Path, source: str) -> list[bytes]:
    return [p.read_bytes() for p in sorted((store / source).glob("*.html"))] + [
        p.read_bytes() for p in sorted((store / source).glob("*.txt"))]


# -- WARC ------------------------------------------------------------------------------------


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_a_warc_cut_inside_a_record_is_refused_not_stored_cut(tmp_path, git_env, gz):
    """warcio hands out the part of a record the file holds without a word: a page cut in the
    middle would be stored as the page."""
    name = "crawl.warc.gz" if gz else "crawl.warc"
    whole = write_warc(tmp_path / f"whole-{name}", [
        ("https://example.org/", "2024-03-01T10:00:00Z", page("Opening hours " * 40)),
        ("https://example.org/", "2024-03-02T10:00:00Z",
         page(" ".join(f"Item {i * 7919 % 10007} closed." for i in range(400)))),
    ], gz=gz)
    data = whole.read_bytes()
    cut = tmp_path / name
    cut.write_bytes(data[: len(data) - 100])
    store = tmp_path / "store"
    refused(store, None, "import", "--store", store, cut, words=["cut short", name])
    # The complete file imports both pages whole.
    r = tracker("import", "--store", store, whole)
    assert r.code == 0, r.err
    assert len(stored(store, "example.org")) == 2
