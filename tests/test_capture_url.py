"""`tracker capture URL` against a real HTTP server on 127.0.0.1, and error-page detection."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from cli_helpers import tracker

from tracker.capture.errorpage import error_reason
from tracker.capture.fetch import USER_AGENT, fetch, source_for
from tracker.errors import TrackerError

ROOT = Path(__file__).resolve().parents[1]

PAGE = """<!DOCTYPE html><html><head><title>Embassy</title></head><body>
<div>20 September 2021</div><p>Consular queries: +44 (0) 203 668 7474</p>
<p>{news}</p></body></html>"""


def html(news: str, status: int = 200, **kw) -> dict:
    return {
        "status": status,
        "headers": {"Content-Type": "text/html; charset=utf-8", "ETag": '"v1"'},
        "body": PAGE.format(news=news).encode(),
        **kw,
    }


def test_fetch_builds_a_capture(server, http_server):
    base, routes = server
    routes["/"] = html("Old news")
    capture = fetch(base + "/")
    assert capture.data == PAGE.format(news="Old news").encode()
    assert capture.media_type == "text/html" and capture.encoding == "utf-8"
    assert capture.time_source == "http" and capture.captured_at.utcoffset().total_seconds() == 0
    assert capture.source == "127.0.0.1" and capture.url == base + "/"
    assert capture.extra["status"] == 200
    assert capture.extra["headers"]["etag"] == '"v1"'
    assert capture.extra["redirects"] == []
    assert http_server.requests[-1].headers["User-Agent"] == USER_AGENT


def test_redirects_are_followed_and_recorded(server):
    base, routes = server
    routes["/old"] = {"status": 301, "headers": {"Location": "/mid"}, "body": b""}
    routes["/mid"] = {"status": 302, "headers": {"Location": "/new"}, "body": b""}
    routes["/new"] = html("Moved news")
    capture = fetch(base + "/old")
    assert capture.url == base + "/old"
    assert capture.extra["final_url"] == base + "/new"
    assert [r["status"] for r in capture.extra["redirects"]] == [301, 302]
    assert b"Moved news" in capture.data


def test_non_2xx_is_kept_with_its_status(server):
    base, routes = server
    routes["/down"] = html("Service Unavailable", status=503)
    capture = fetch(base + "/down")
    assert capture.extra["status"] == 503
    assert error_reason(capture.extra, "anything") == "HTTP 503"


def test_header_charset_is_the_encoding(server):
    base, routes = server
    body = "<html><body><p>Привет</p></body></html>".encode("cp1251")
    routes["/ru"] = {
        "status": 200,
        "headers": {"Content-Type": "text/html; charset=windows-1251"},
        "body": body,
    }
    capture = fetch(base + "/ru")
    assert capture.encoding == "cp1251" and capture.data == body


def test_plain_text_and_gzip(server):
    base, routes = server
    routes["/t"] = {
        "status": 200,
        "body": gzip.compress(b"20 September 2021\nhello\n"),
        "headers": {"Content-Type": "text/plain", "Content-Encoding": "gzip"},
    }
    capture = fetch(base + "/t")
    assert capture.media_type == "text/plain" and capture.data == b"20 September 2021\nhello\n"


def test_other_media_types_are_refused(server):
    base, routes = server
    routes["/img"] = {"status": 200, "headers": {"Content-Type": "image/png"}, "body": b"\x89PNG"}
    with pytest.raises(TrackerError, match="image/png"):
        fetch(base + "/img")


@pytest.mark.parametrize("chunked", [False, True])
def test_size_limit(server, chunked):
    base, routes = server
    routes["/big"] = html("x" * 50_000, chunked=chunked)
    with pytest.raises(TrackerError, match="larger than 10,000 bytes"):
        fetch(base + "/big", max_bytes=10_000)


def test_timeout_and_refused_connection(server):
    base, routes = server
    routes["/slow"] = html("slow", delay=2)
    with pytest.raises(TrackerError, match="no answer within"):
        fetch(base + "/slow", timeout=0.2)
    with pytest.raises(TrackerError, match="cannot connect"):
        fetch("http://127.0.0.1:9/", timeout=2)
    with pytest.raises(TrackerError, match="not an http"):
        fetch("ftp://example.org/")


def test_source_for():
    assert source_for("https://www.RusEmb.org.uk:443/") == "rusemb.org.uk"  # a root page: host
    assert source_for("http://127.0.0.1:8000") == "127.0.0.1"
    assert source_for("https://www.RusEmb.org.uk:443/path/?q=1#top") == "rusemb.org.uk-path-q-1"
    from tracker.store.sidecar import check_source

    assert check_source(source_for("http://h.org/a/../b%2E%2E/новости"))  # a valid slug
    long = source_for("http://h.org/" + "x" * 300)
    assert len(long) == 100 and long != source_for("http://h.org/" + "x" * 299)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Attention Required! | Cloudflare\nSorry, you have been blocked", "blocked by Cloudflare"),
        ("Just a moment...\nEnable JavaScript and cookies to continue", "Cloudflare challenge"),
        ("Access Denied\nYou don't have permission to access / on this server.", "access denied"),
        ("404 Not Found\nnginx", "not found"),
        ("503 Service Temporarily Unavailable", "service unavailable"),
        ("20 September 2021\nMoscow: 10:59\nConsular queries", None),
    ],
)
def test_error_pages_by_text(text, reason):
    assert error_reason({}, text) == reason


def test_long_pages_mentioning_errors_are_not_error_pages():
    article = "Access denied to the archives was the subject of the debate. " * 100
    assert error_reason({"status": 200}, article) is None
    assert error_reason({"status": 404}, article) == "HTTP 404"


# -- the command, end to end -------------------------------------------------------------------


def run(*args: str, store: Path, check: bool = True):
    """`tracker ARGS` on `store` (TRACKER_STORE), no colour; must succeed unless `check=False`."""
    done = tracker(*args, env={"TRACKER_STORE": str(store), "NO_COLOR": "1"})
    if check:
        assert done.code == 0, done.err
    return done


def test_capture_twice_then_diff(server, tmp_path):
    base, routes = server
    store = tmp_path / "snapshots"
    routes["/"] = html("Ambassador meets the press")
    first = run("capture", base + "/", store=store)
    assert first.out.startswith("captured 127.0.0.1 ")
    routes["/"] = html("Ambassador addresses the centenary")
    run("capture", base + "/", store=store)  # usually the same second: ids must not collide
    again = run("capture", base + "/", store=store)
    assert "nothing stored" in again.out
    sidecars = sorted((store / "127.0.0.1").glob("*.json"))
    assert len(sidecars) == 2
    diff = run("diff", "latest~1", "latest", store=store, check=False)
    assert diff.code in (0, 1) and "Traceback" not in diff.err, diff.err
    assert "centenary" in diff.out and "meets the press" in diff.out


def test_capture_of_an_error_page_warns_and_stores(server, tmp_path):
    base, routes = server
    store = tmp_path / "snapshots"
    routes["/down"] = html("Service Unavailable", status=503)
    done = run("capture", base + "/down", "--source", "embassy", store=store)
    assert "HTTP 503" in done.err and "warning" in done.err
    (sidecar,) = (store / "embassy").glob("*.json")
    assert '"status": 503' in sidecar.read_text()


def test_capture_refusals_exit_2_and_store_nothing(server, tmp_path):
    base, routes = server
    store = tmp_path / "snapshots"
    routes["/big"] = html("x" * 50_000)
    done = run("capture", base + "/big", "--max-bytes", "1000", store=store, check=False)
    assert done.code == 2
    assert done.err.startswith("tracker: error:") and "Traceback" not in done.err
    assert not store.exists()


def test_an_error_page_is_said_not_diffed(server, tmp_path):
    import json

    base, routes = server
    store = tmp_path / "snapshots"
    routes["/"] = html("Ambassador meets the press")
    run("capture", base + "/", "--source", "embassy", store=store)
    routes["/"] = {
        "status": 503,
        "headers": {"Content-Type": "text/html"},
        "body": b"<html><body><h1>Service Unavailable</h1></body></html>",
    }
    run("capture", base + "/", "--source", "embassy", store=store)
    done = run("diff", "--format", "json", store=store)
    doc = json.loads(done.out)
    # not "the whole page was removed": the page's status changed, nothing else is claimed
    assert [(c["kind"], c["change"]) for c in doc["changes"]] == [("status", "error")]
    assert any("is an error page: HTTP 503" in note for note in doc["notes"])
    text = run("diff", store=store).out
    assert "note: the new capture" in text and "HTTP 503" in text
