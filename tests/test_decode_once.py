"""Each command decodes and extracts each capture once (issue #12: HTML was decoded two or three
times by one command). Counted in-process through the CLI: every call of the decoder, of the
extraction pass and of the CSS selection, by the page it was given; each command starts with
an empty disk cache, so nothing is read back from an earlier command."""

from __future__ import annotations

import functools
import hashlib
import io
import shutil
import subprocess
import sys
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cli_helpers import tracker as tracker_cli

import tracker.capture.decode
import tracker.capture.html

PAGES = Path(__file__).resolve().parent / "pages" / "links"
BEFORE, AFTER = PAGES / "annual-report-before.html", PAGES / "annual-report-after.html"


@pytest.fixture(autouse=True)
def env(git_env):
    """The harness's git identity and isolation (tests/conftest.py) for every test here."""
    return git_env


@pytest.fixture
def calls(monkeypatch) -> Counter:
    """(function, sha256 of what it was given) -> calls, for the decoder (wherever a module
    bound it), the extraction pass and the selection."""
    counts: Counter = Counter()

    def digest(value) -> str:
        return hashlib.sha256(value if isinstance(value, bytes) else value.encode()).hexdigest()

    def counting(name, original):
        @functools.wraps(original)
        def wrapper(first, *args, **kwargs):
            counts[name, digest(first)] += 1
            return original(first, *args, **kwargs)

        return wrapper

    for module, name in (
        (tracker.capture.decode, "decode"),
        (tracker.capture.html, "_parse"),
        (tracker.capture.html, "select_html"),
    ):
        original = getattr(module, name)
        wrapper = counting(name, original)
        for loaded in list(sys.modules.values()):
            if getattr(loaded, "__name__", "").startswith("tracker") and (
                getattr(loaded, name, None) is original
            ):
                monkeypatch.setattr(loaded, name, wrapper)
    return counts


def run(*args: str) -> None:
    result = tracker_cli(*args)
    assert result.code in (0, 1), result.err


def cold(store: Path) -> None:
    """No disk cache: the command must work each capture out itself."""
    shutil.rmtree(store / ".git" / "tracker", ignore_errors=True)


def assert_once(calls: Counter) -> None:
    assert calls, "nothing was decoded: the counters are not in the path"
    assert max(calls.values()) == 1, sorted(calls.items())


@pytest.fixture
def store(tmp_path) -> Path:
    store = tmp_path / "snaps"
    for day, page in (("2024-01-01", BEFORE), ("2024-02-01", AFTER)):
        run("import", "--store", str(store), "--source", "p", "--at", day, str(page))
    return store


def test_import_of_html_files(tmp_path, calls):
    store = tmp_path / "snaps"
    run("import", "--store", str(store), "--source", "p", "--at", "2024-01-01", str(BEFORE))
    assert_once(calls)
    assert calls["decode", hashlib.sha256(BEFORE.read_bytes()).hexdigest()] == 1


@pytest.mark.parametrize(
    "command",
    [("diff",), ("diff", "first", "latest", "--format", "json"), ("check",), ("log",)],
)
def test_diff_check_and_log(store, calls, command):
    cold(store)
    run(*command, "--store", str(store))
    assert_once(calls)
    assert len([k for k in calls if k[0] == "decode"]) == 2  # both captures, each once


@pytest.mark.parametrize("command", ["diff", "check", "log"])
def test_with_selectors(store, calls, command):
    """The whole page (its status) and the selected part (the diff): one decode, one selection,
    one pass over each."""
    (store / "tracker.toml").write_text('[sources.p]\nselect = ["main", "body"]\n')
    cold(store)
    run(command, "--store", str(store))
    assert_once(calls)
    assert len([k for k in calls if k[0] == "select_html"]) == 2


def test_import_of_a_warc_without_charset(tmp_path, calls):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "a.warc.gz"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            "https://www.example.org/",
            "response",
            payload=io.BytesIO(BEFORE.read_bytes()),
            http_headers=http,
            warc_headers_dict={"WARC-Date": "2021-09-20T07:59:00Z"},
        )
        writer.write_record(record)
    run("import", "--store", str(tmp_path / "snaps"), str(path))
    assert_once(calls)


def test_import_of_a_git_scraped_html_file(tmp_path, calls):
    repo = tmp_path / "scraper"
    repo.mkdir()
    (repo / "page.html").write_bytes(BEFORE.read_bytes())
    for args in (("init", "-q"), ("add", "page.html"), ("commit", "-q", "-m", "scrape")):
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)
    store = tmp_path / "snaps"
    run("import", "--store", str(store), "--git", str(repo), "--path", "page.html", "--source", "p")
    assert_once(calls)


def test_capture_url(tmp_path, calls):
    body = BEFORE.read_bytes()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/page"
        run("capture", "--store", str(tmp_path / "snaps"), url)
    finally:
        server.shutdown()
        server.server_close()
    assert_once(calls)
