"""The Wayback Machine import, against a fake CDX + playback server on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from cli_helpers import Result, tracker

from tracker.capture.wayback import Snapshot, WaybackClient, cdx_date
from tracker.errors import TrackerError

URL = "https://www.rusemb.org.uk/"


def page(news: str) -> bytes:
    return f"<!DOCTYPE html><html><body><p>{news}</p></body></html>".encode()


class Archive:
    """A fake CDX + playback server's answers (a route of conftest's `http_server`)."""

    captures: dict = {}  # timestamp -> body
    hits: list = []
    failures: list = []  # statuses to answer before serving normally

    @classmethod
    def answer(cls, request):
        cls.hits.append(request.path)
        if cls.failures:
            return (cls.failures.pop(0), {"Content-Type": "text/plain", "Retry-After": "0"},
                    b"busy")
        parts = urlsplit(request.path)
        if parts.path == "/cdx/search/cdx":
            q = {k: v[0] for k, v in parse_qs(parts.query).items()}
            assert q["output"] == "json" and q["filter"] == "statuscode:200"
            assert q["collapse"] == "digest"
            rows = [["timestamp", "original", "mimetype"]]
            for ts in sorted(cls.captures):
                if q.get("from", "0") <= ts[: len(q.get("from", ""))] or not q.get("from"):
                    if not q.get("to") or ts[: len(q["to"])] <= q["to"]:
                        rows.append([ts, q["url"], "text/html"])
            body = json.dumps(rows if len(rows) > 1 else []).encode()
            return (200, {"Content-Type": "application/json"}, body)
        ts, _, original = parts.path.removeprefix("/web/").partition("/")
        ts = ts.removesuffix("id_")
        if ts in cls.captures:
            return (200, {}, cls.captures[ts])
        if ts.startswith("2099"):  # the archive redirects to the nearest capture
            nearest = sorted(cls.captures)[0]
            return (302, {"Location": f"/web/{nearest}id_/{original}"}, b"")
        return (404, {"Content-Type": "text/plain"}, b"not archived")


@pytest.fixture
def archive(monkeypatch, http_server):
    Archive.captures = {
        "20181018120000": page("October 2018"),
        "20210920075900": page("September 2021"),
        "20211025210300": page("October 2021"),
    }
    Archive.hits, Archive.failures = [], []
    http_server.routes["*"] = lambda request: Archive.answer(request)
    monkeypatch.setenv("TRACKER_WAYBACK_URL", http_server.base)
    return http_server.base


def test_snapshots_and_download(archive):
    with WaybackClient(rate=0) as client:
        snaps = client.snapshots(URL, since="2021", until="20211231")
        assert [s.timestamp for s in snaps] == ["20210920075900", "20211025210300"]
        capture = client.download(snaps[0], source="rusemb.org.uk")
    assert capture.data == page("September 2021")
    assert capture.captured_at.isoformat() == "2021-09-20T07:59:00+00:00"
    assert capture.extra["wayback_timestamp"] == "20210920075900"
    assert capture.url == URL and capture.media_type == "text/html"
    assert Archive.hits[-1] == f"/web/20210920075900id_/{URL}"


def test_a_redirect_to_a_nearby_capture_keeps_the_served_timestamp(archive):
    with WaybackClient(rate=0) as client:
        capture = client.download(Snapshot("20990101000000", URL, "text/html"), source="x")
    assert capture.extra["wayback_timestamp"] == "20181018120000"
    assert capture.captured_at.year == 2018


def test_retries_with_backoff_on_429_and_5xx(archive):
    Archive.failures = [429, 503]
    slept = []
    with WaybackClient(rate=0, backoff=1.5, sleep=slept.append) as client:
        assert len(client.snapshots(URL)) == 3
    assert slept == [0.0, 0.0]  # Retry-After: 0 from the server wins over the backoff
    Archive.failures = [503] * 10
    with WaybackClient(rate=0, retries=2, sleep=slept.append) as client:
        with pytest.raises(TrackerError, match="keeps failing"):
            client.snapshots(URL)


def test_requests_are_spaced_by_the_rate(archive):
    slept = []
    with WaybackClient(rate=5.0, sleep=slept.append) as client:
        client.snapshots(URL)
        client.snapshots(URL)
    assert len(slept) == 1 and 4.0 < slept[0] <= 5.0


def test_cdx_dates():
    assert cdx_date("2021-09-20", name="--from") == "20210920"
    assert cdx_date("20210920075900", name="--from") == "20210920075900"
    assert cdx_date(None, name="--from") is None
    with pytest.raises(TrackerError, match="--to"):
        cdx_date("last week", name="--to")


def run(*args: str, store: Path, check: bool = True) -> Result:
    done = tracker(*args, env={"TRACKER_STORE": str(store)})
    if check:
        assert done.code == 0, done.err
    return done


def test_wayback_command_imports_and_resumes(archive, tmp_path):
    store = tmp_path / "snapshots"
    first = run("wayback", URL, "--rate", "0", "--limit", "2", "--batch", "1", store=store)
    assert "2 added in 2 commits" in first.stdout
    folder = store / "rusemb.org.uk"
    assert sorted(p.name for p in folder.glob("*.html")) == ["20181018120000.html",
                                                             "20210920075900.html"]
    Archive.hits.clear()
    second = run("wayback", URL, "--rate", "0", store=store)
    assert "1 added" in second.stdout
    downloads = [h for h in Archive.hits if h.startswith("/web/")]
    assert downloads == [f"/web/20211025210300id_/{URL}"]  # stored ones never fetched again
    Archive.hits.clear()
    third = run("wayback", URL, "--rate", "0", store=store)
    assert "0 already stored, 0 added" in third.stdout
    assert not [h for h in Archive.hits if h.startswith("/web/")]
    sidecar = json.loads((folder / "20211025210300.json").read_text())
    assert "20211025210300" in json.dumps(sidecar)


def test_wayback_failure_keeps_what_was_stored(archive, tmp_path, monkeypatch):
    store = tmp_path / "snapshots"
    del Archive.captures["20211025210300"]
    Archive.captures["20211025210300"] = None  # listed by the CDX but gone from playback

    real = Archive.answer

    def flaky(request):
        if request.path.startswith("/web/20211025210300"):
            Archive.hits.append(request.path)
            return (404, {"Content-Type": "text/plain"}, b"gone")
        return real(request)

    monkeypatch.setattr(Archive, "answer", flaky)
    done = run("wayback", URL, "--rate", "0", store=store, check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "1 capture it would not play back: 20211025210300 (HTTP 404)" in done.stderr
    assert len(list((store / "rusemb.org.uk").glob("*.html"))) == 2
