"""One source is one page: the default source name comes from host and path, and a capture of
another page into an existing source is refused, while redirects of the same page are not."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from cli_helpers import tracker
from test_capture_url import html
from test_wayback import archive  # noqa: F401 (the fixture)
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tracker.store.pages import page_key


def run(store: Path, *args: str, code: int | None = 0):
    done = tracker(*args, env={"TRACKER_STORE": str(store), "NO_COLOR": "1"})
    if code is not None:
        assert done.code == code, (done.out, done.err)
    assert "Traceback" not in done.err
    return done


def state(store: Path) -> tuple[str, list[str]]:
    """HEAD and every file of the store: what "the store exactly as it was" means."""
    top = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=store, capture_output=True, text=True, check=True
    ).stdout.strip()
    return top, sorted(str(p.relative_to(store)) for p in store.rglob("*") if ".git" not in p.parts)


def test_two_pages_of_one_host_are_two_sources(server, tmp_path):
    base, routes = server
    store = tmp_path / "snapshots"
    routes["/page.html"] = html("Phone: +44 20 3668 7474 · press@example.org")
    routes["/other.html"] = html("Opening hours only")
    routes["/"] = html("Home")
    run(store, "capture", base + "/page.html")
    run(store, "capture", base + "/other.html")
    run(store, "capture", base + "/")
    assert sorted(p.name for p in store.iterdir() if not p.name.startswith(".")) == [
        "127.0.0.1",
        "127.0.0.1-other.html",
        "127.0.0.1-page.html",
    ]
    # The same page again, with a fragment: the same source.
    routes["/page.html"] = html("Phone: +44 20 3161 8868 · press@example.org")
    done = run(store, "capture", base + "/page.html#contacts")
    assert done.out.startswith("captured 127.0.0.1-page.html ")
    assert len(list((store / "127.0.0.1-page.html").glob("*.json"))) == 2


def test_another_page_into_a_source_is_refused_and_nothing_stored(server, tmp_path):
    base, routes = server
    store = tmp_path / "snapshots"
    routes["/page.html"] = html("Phone: +44 20 3668 7474")
    routes["/other.html"] = html("Opening hours only")
    run(store, "capture", base + "/page.html", "--source", "embassy")
    before = state(store)
    done = run(store, "capture", base + "/other.html", "--source", "embassy", code=2)
    lines = done.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tracker: error: ")
    assert f"{base}/page.html" in lines[0] and f"{base}/other.html" in lines[0]
    assert "--source 127.0.0.1-other.html" in lines[0]
    assert state(store) == before


def test_a_redirect_of_the_page_stays_the_same_page(server, tmp_path):
    base, routes = server
    store = tmp_path / "snapshots"
    routes["/page.html"] = html("Phone: +44 20 3668 7474")
    run(store, "capture", base + "/page.html", "--source", "embassy")
    # The page moved: the old address redirects to the new one.
    routes["/new/page.html"] = html("Phone: +44 20 3161 8868")
    routes["/page.html"] = {"status": 301, "headers": {"Location": "/new/page.html"}, "body": b""}
    run(store, "capture", base + "/page.html", "--source", "embassy")
    # Its final address is the page too now (the redirect was recorded).
    routes["/new/page.html"] = html("Phone: +44 20 3161 8868, fax +44 20 7229 5804")
    run(store, "capture", base + "/new/page.html", "--source", "embassy")
    assert len(list((store / "embassy").glob("*.json"))) == 3


def write_warc(path: Path, urls: list[str]) -> Path:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for i, url in enumerate(urls):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            body = f"<!DOCTYPE html><html><body><p>version {i}</p></body></html>".encode()
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": f"2021-09-{20 + i}T08:00:00Z"},
            )
            writer.write_record(record)
    return path


def test_warc_records_follow_their_page(tmp_path):
    store = tmp_path / "snapshots"
    # http → https, www or not, a default port: one page; a path is another page.
    same = ["http://www.example.org/news/", "https://example.org:443/news", "https://example.org/"]
    run(store, "import", str(write_warc(tmp_path / "a.warc.gz", same)))
    assert len(list((store / "example.org-news").glob("*.json"))) == 2
    assert len(list((store / "example.org").glob("*.json"))) == 1
    # Into a source that follows a page, a WARC's records of other pages are left out (said in
    # a note); into one that follows none yet, two pages are refused as a whole: nothing written.
    before = state(store)
    mixed = write_warc(
        tmp_path / "b.warc.gz", ["https://example.org/news", "https://example.org/x"]
    )
    done = run(store, "import", "--source", "example.org-news", str(mixed))
    assert "left out 1 capture(s) of other pages" in done.err
    assert "(https://example.org/x)" in done.err and "1 already stored, 0 added" in done.out
    assert state(store) == before
    done = run(store, "import", "--source", "fresh", str(mixed), code=2)
    assert "one source is one page" in done.err
    assert "import the WARC without --source (each page to its own source, this one to " \
        "example.org-x)" in done.err
    assert state(store) == before


def test_a_store_named_by_host_keeps_its_pages_source(server, tmp_path):
    """Before paths counted, `capture http://host/page.html` went to the source `host`: that
    source keeps following its page, with no --source needed."""
    base, routes = server
    store = tmp_path / "snapshots"
    routes["/page.html"] = html("Phone: +44 20 3668 7474")
    run(store, "capture", base + "/page.html", "--source", "127.0.0.1")
    routes["/page.html"] = html("Phone: +44 20 3161 8868")
    done = run(store, "capture", base + "/page.html")
    assert done.out.startswith("captured 127.0.0.1 ")
    routes["/other.html"] = html("Opening hours only")
    assert run(store, "capture", base + "/other.html").out.startswith("captured 127.0.0.1-other")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("http://example.org/news", "https://www.example.org/news/#top", True),
        ("https://example.org:443/", "http://example.org:80", True),
        ("https://Example.org/news", "https://example.org/News", False),
        ("https://example.org/news?id=1", "https://example.org/news?id=2", False),
        ("https://example.org:8443/", "https://example.org/", False),
    ],
)
def test_page_key(a, b, same):
    assert (page_key(a) == page_key(b)) is same


def test_wayback_names_the_source_after_the_page(archive, tmp_path):  # noqa: F811
    store = tmp_path / "snapshots"
    done = tracker(
        "wayback",
        "https://www.rusemb.org.uk/en/news/",
        "--rate",
        "0",
        "--limit",
        "1",
        env={"TRACKER_STORE": str(store), "TRACKER_WAYBACK_URL": archive},
    )
    assert done.code == 0, done.err
    assert [p.name for p in store.iterdir() if not p.name.startswith(".")] == [
        "rusemb.org.uk-en-news"
    ]
