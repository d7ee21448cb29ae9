"""One way to do each thing (issue #12): commands that do the same work share one code path,
so they answer alike, and a fix made for one reaches the others."""

from __future__ import annotations

import ast
import html
import json
import re
import subprocess
from pathlib import Path

import pytest
from cli_helpers import make_store, tracker

from tracker.alert.notify import post_webhook
from tracker.capture.wayback import WaybackClient
from tracker.errors import TrackerError
from tracker.retry import RETRY_STATUSES

ROOT = Path(__file__).resolve().parent.parent


def git(store, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(store), *args], capture_output=True, text=True, check=True
    ).stdout


def test_add_on_a_store_path_that_is_a_file_says_so_like_every_command(tmp_path):
    """`add` opens the store as the other commands do: one line, exit 2, nothing written."""
    path = tmp_path / "file"
    path.write_text("not a store\n")
    added = tracker("add", "https://example.org/news", "--store", str(path))
    logged = tracker("log", "--store", str(path))
    assert logged.code == 2 and logged.err.startswith("tracker: error: the store path")
    assert (added.code, added.err) == (logged.code, logged.err)
    assert path.read_text() == "not a store\n"


@pytest.mark.parametrize("command", ["report", "feed"])
def test_a_write_error_is_reported_first_not_hidden_by_the_manifest(tmp_path, command):
    """The folder cannot take a source's pages, nor then the manifest: the first failure is
    the one line shown (exit 2), and the store is as it was."""
    store = make_store(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "rusemb.org.uk").write_text("a file where the source's folder goes\n")
    (out / ".tracker-report.json.tmp").mkdir()  # the manifest cannot be saved either
    before = git(store, "status", "--porcelain", "--ignored"), git(store, "rev-parse", "HEAD")
    r = tracker(command, "--store", str(store), "--out", str(out))
    assert r.code == 2, r.err
    assert r.err.startswith(f"tracker: error: cannot write the {command}")
    assert "rusemb.org.uk" in r.err and "internal error" not in r.err
    assert len(r.err.strip().splitlines()) == 1
    assert (git(store, "status", "--porcelain", "--ignored"), git(store, "rev-parse", "HEAD")) \
        == before


def test_a_manifest_that_cannot_be_saved_is_one_line(tmp_path):
    store = make_store(tmp_path)
    out = tmp_path / "out"
    (out / ".tracker-report.json.tmp").mkdir(parents=True)
    r = tracker("report", "--store", str(store), "--out", str(out))
    assert r.code == 2 and "internal error" not in r.err, r.err
    assert r.err.startswith("tracker: error: cannot write the report in") and ".tmp" in r.err


# -- which answers are worth asking again: one set for run, webhooks and the Wayback Machine --

RETRIED = (408, 425, 429, 500, 502, 503, 504)
NOT_RETRIED = (404, 501, 505, 511)


def _busy(status: int):
    def answer(request):
        return (status, {"Content-Type": "text/plain", "Retry-After": "0"}, b"busy, try later")

    return answer


def test_the_retried_answers_are_the_ones_named():
    assert sorted(RETRY_STATUSES) == list(RETRIED)


@pytest.mark.parametrize("status", RETRIED + NOT_RETRIED)
def test_run_asks_again_only_when_an_answer_may_change(tmp_path, serve, status):
    site = serve()
    site.routes["*"] = _busy(status)
    store = tmp_path / "s"
    assert tracker("add", site.url("/page"), "--name", "page", "--store", store).code == 0
    r = tracker("run", "--store", store, "--delay", "0", "--retries", "2")
    assert r.code in (0, 1, 2) and "internal error" not in r.err, r.err
    assert len(site.requests) == (3 if status in RETRIED else 1)


@pytest.mark.parametrize("status", RETRIED + NOT_RETRIED)
def test_webhooks_are_sent_again_only_when_an_answer_may_change(serve, status):
    site = serve()
    site.routes["*"] = _busy(status)
    with pytest.raises(TrackerError) as caught:
        post_webhook(site.url("/hook"), {"a": 1}, tries=3, sleep=lambda s: None)
    assert len(site.requests) == (3 if status in RETRIED else 1)
    assert ("failed after 3 tries" in str(caught.value)) == (status in RETRIED)


@pytest.mark.parametrize("status", RETRIED + NOT_RETRIED)
def test_the_wayback_machine_is_asked_again_only_when_an_answer_may_change(
    serve, monkeypatch, status
):
    site = serve()
    site.routes["*"] = _busy(status)
    monkeypatch.setenv("TRACKER_WAYBACK_URL", site.base)
    with WaybackClient(rate=0, retries=2, sleep=lambda s: None) as client:
        with pytest.raises(TrackerError):
            client.snapshots("https://example.org/")
    assert len(site.requests) == (3 if status in RETRIED else 1)


def test_httpx_errors_are_mapped_in_one_place():
    """`fetch` and `fetch_async` once caught httpx's errors each in their own words."""
    text = (ROOT / "tracker" / "capture" / "fetch.py").read_text(encoding="utf-8")
    for name in ("TimeoutException", "TooManyRedirects", "ConnectError", "HTTPError"):
        assert text.count(f"except httpx.{name}") + text.count(f"(httpx.{name}") == 1, name


def test_the_readme_and_help_name_the_retried_answers():
    """They said "5xx": a 501 or 505 is not asked again, and the texts say which are."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `--retries N`"))
    helped = " ".join(tracker("run", "--help", env={"COLUMNS": "500"}).out.split())
    helped = helped.split("--retries N")[1].split("--timeout")[0]
    for text in (row, helped):
        assert "5xx" not in text
        named = re.search(r"HTTP ((?:\d{3}/)*\d{3})", text).group(1)
        assert [int(n) for n in named.split("/")] == list(RETRIED), text


# -- one way to notify: a check and a whole run go through the same sender -------------------


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_run_sends_an_email_channel_the_long_form_as_check_does(tmp_path, serve):
    """Apprise's email-like channels (here json://, posted to a local server) get the long
    summary from `run` too: not cut at the ten lines a chat message gets."""
    receiver = serve()
    receiver.routes["*"] = (200, {}, b"ok")
    store = tmp_path / "s"
    port = _closed_port()
    for n in range(8):
        url = f"http://127.0.0.1:{port}/down{n}"
        assert tracker("add", url, "--name", f"down{n}", "--store", store).code == 0
    hook = receiver.base.replace("http://", "json://") + "/notify"
    r = tracker("run", "--store", store, "--retries", "0", "--delay", "0", "--notify", hook)
    assert r.code == 2 and "tracker: error" not in r.err, r.err
    [sent] = receiver.json_posts()
    assert sent["title"].startswith("tracker run: 8 source(s)")
    assert "more lines" not in sent["message"]
    assert all(f"FAILED: down{n}" in sent["message"] for n in range(8))


# -- one check: `run` decides about a new capture exactly as `check` does --------------------


def test_run_checks_a_new_capture_exactly_as_check_does(tmp_path, serve):
    site = serve()

    def page(phone: str, clock: str) -> None:
        body = (f"<html><body><main><h1>Consulate</h1><p>Call us: {phone}</p>"
                f"<p>Updated at {clock}</p><p>Opening hours: 9:00 to 17:00</p></main>"
                "</body></html>")
        site.routes["/consulate"] = (200, {"Content-Type": "text/html"}, body.encode())

    store = tmp_path / "s"
    assert tracker("add", site.url("/consulate"), "--name", "consulate", "--store", store).code == 0
    with (store / "tracker.toml").open("a", encoding="utf-8") as f:
        f.write("\n[alert]\nkinds = ['contact', 'status']\n")
    page("+44 20 3668 7474", "10:15")
    first = tracker("run", "--store", store, "--delay", "0", "--format", "json")
    assert first.code == 0, first.err
    page("+44 20 3161 8868", "11:40")
    second = tracker("run", "--store", store, "--delay", "0", "--format", "json")
    assert second.code == 1, second.err
    ran = json.loads(second.out)["sources"][0]["check"]
    checked = tracker("check", "--store", store, "--format", "json")
    assert checked.code == 1, checked.err
    assert ran == json.loads(checked.out)
    assert [a["kind"] for a in ran["alerts"]] == ["contact"]


def test_the_report_says_what_check_says_about_the_latest_capture(tmp_path):
    store = make_store(tmp_path)
    checked = tracker("check", "--store", store)
    assert checked.code == 1, checked.err
    verdict = checked.out.splitlines()[0]
    assert verdict.startswith("ALERT: rusemb.org.uk")
    out = tmp_path / "out"
    assert tracker("report", "--store", store, "--out", out).code == 0
    index = html.unescape((out / "index.html").read_text(encoding="utf-8"))
    assert verdict in index


# -- the store's private parts stay the store's ---------------------------------------------


def _reaches_into_the_store(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            owner = ast.unparse(node.value)
            if owner == "store" or owner.endswith(".store"):
                found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tracker.store"):
            found += [f"{path.name}:{node.lineno}: {a.name}" for a in node.names
                      if a.name.startswith("_")]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "hasattr")
            and ast.unparse(node.args[0]).split(".")[-1] == "store"
        ):  # a probe for what a Store always has
            found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_module_reaches_into_the_store():
    """Outside tracker/store/, a Store is used through its public names: `followed`,
    `refusal`, `stand_in`, `note_checked`… and never probed for what it always has."""
    found = [
        hit
        for path in sorted((ROOT / "tracker").rglob("*.py"))
        if "store" not in path.relative_to(ROOT / "tracker").parts[:-1]
        for hit in _reaches_into_the_store(path)
    ]
    assert found == []


# -- capture: the command wires, the watch layer captures; tracker.toml read once, by the store --


def test_capture_refuses_a_store_path_that_is_a_file_before_fetching(tmp_path, serve):
    site = serve()
    site.routes["/page"] = (200, {"Content-Type": "text/html"}, b"<p>Hello</p>")
    path = tmp_path / "file"
    path.write_text("not a store\n")
    r = tracker("capture", site.url("/page"), "--store", path)
    assert r.code == 2 and r.err.startswith("tracker: error: the store path"), r.err
    assert site.requests == []  # nothing fetched for a store that cannot take it


def test_capture_uses_the_watched_sources_name_and_headers(tmp_path, serve):
    site = serve()
    site.routes["/page"] = (200, {"Content-Type": "text/html"}, b"<p>Hello</p>")
    store = tmp_path / "s"
    store.mkdir()
    (store / "tracker.toml").write_text(
        f'[sources.hello]\nurl = "{site.url("/page")}"\nheaders = {{ X-Token = "t1" }}\n'
    )
    r = tracker("capture", site.url("/page"), "--store", store)
    assert r.code == 0 and r.out.startswith("captured hello "), r.err
    assert site.requests[0].headers.get("X-Token") == "t1"
    source = (ROOT / "tracker" / "cli" / "capture.py").read_text(encoding="utf-8")
    assert "tracker.config" not in source and "load_config" not in source


def test_a_check_reads_each_of_its_two_captures_once(tmp_path, monkeypatch):
    """`check_pair` parses both pages first (their structure) and then compares them: one read
    of each capture serves both (was: each read twice, 20 MB for a 10 MB page). The noise
    learned from the history reads every capture once besides."""
    from collections import Counter

    from cli_helpers import make_store

    from tracker.alert.check import check_pair
    from tracker.store import Store

    monkeypatch.setenv("TRACKER_WORKERS", "1")  # every read in this process, where it is counted
    store = Store.open(make_store(tmp_path))
    source = store.resolve_source(None)
    old, new = store.captures(source)[-2:]
    reads: Counter = Counter()
    read_bytes = store.read_bytes

    def counted(info, *args, **kwargs):
        reads[info.path] += 1
        return read_bytes(info, *args, **kwargs)

    store.read_bytes = counted
    result = check_pair(store, source, old, new, store.config.rules.for_source(source))
    assert result.report is not None and result.report.changes
    other = store.captures(source)[0].path
    assert reads[other] == 1 and reads[old.path] == reads[new.path] == 2, reads
