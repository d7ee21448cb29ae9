"""The fixtures every test file shares: a git identity, the sample captures and a store of them,
the CLI (in-process, or in a subprocess where the process boundary is the point), and local
web servers on 127.0.0.1.

Tests marked `slow` (a fresh venv, thousands of captures, real timeouts) are left out by
`pytest -m "not slow"`; plain `pytest` runs everything.
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cli_helpers import Result, tracker, tracker_process
from samples import SAMPLES as SEEDS

SOURCE = "rusemb.org.uk"

# The shell that started pytest must not choose a test's store, notification URL, cache or
# debug output: only the TRACKER_* variables a test sets itself apply (samples.py has read
# TRACKER_SHARED by now).
for _name in [k for k in os.environ if k.startswith("TRACKER_")]:
    del os.environ[_name]


@pytest.fixture
def git_env(monkeypatch, tmp_path_factory) -> dict[str, str]:
    """A git identity in the environment and no user/system git config; returns the env."""
    config = tmp_path_factory.mktemp("gitconfig") / "config"
    config.write_text("[init]\n\tdefaultBranch = main\n")
    values = {
        "GIT_AUTHOR_NAME": "Test Author",
        "GIT_AUTHOR_EMAIL": "author@example.org",
        "GIT_COMMITTER_NAME": "Test Committer",
        "GIT_COMMITTER_EMAIL": "committer@example.org",
        "GIT_CONFIG_GLOBAL": str(config),
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "TRACKER_STORE"):
        monkeypatch.delenv(name, raising=False)
    return dict(os.environ)


@pytest.fixture
def seeds(tmp_path_factory) -> Path:
    """A folder holding only the five sample text captures of the embassy homepage."""
    files = sorted(SEEDS.glob("*.txt"))
    if len(files) != 5:
        pytest.skip(f"sample captures not found at {SEEDS}")
    folder = tmp_path_factory.mktemp("seeds")
    for i, path in enumerate(files):
        (folder / f"{i:03d}.txt").write_bytes(path.read_bytes())
    return folder


@pytest.fixture
def sample_store(tmp_path, git_env, seeds):
    """A store (its own new git repository) holding the five samples as source rusemb.org.uk."""
    from tracker.capture.text import TextReader
    from tracker.store import Store

    store = Store.open(tmp_path / "snapshots", create=True)
    reader = TextReader()
    captures = [c for path in sorted(seeds.iterdir()) for c in reader.read(path)]
    store.add(captures, source=SOURCE)
    return store


# -- the CLI ------------------------------------------------------------------------------------


@dataclass
class Cli:
    """`cli("diff", "a", "b")` -> Result(code, out, err), run in-process from `cwd` (the test's
    tmp_path unless given); `cli.process(...)` is the same in a subprocess; `env` is added to
    the test environment (git identity, no TRACKER_* or NO_COLOR of the caller's shell)."""

    cwd: Path
    env: dict = field(default_factory=dict)

    def __call__(self, *args, cwd=None, env=None, input=None) -> Result:
        return tracker(*args, cwd=cwd or self.cwd, env={**self.env, **(env or {})}, input=input)

    def process(self, *args, cwd=None, env=None, input=None, timeout=300) -> Result:
        return tracker_process(*args, cwd=cwd or self.cwd, env={**self.env, **(env or {})},
                               input=input, timeout=timeout)

    def json(self, *args, **kw):
        """The JSON document of `ARGS --format json` (exit 0 or 1: 1 means "changes")."""
        return self(*args, "--format", "json", **kw).json()


@pytest.fixture
def cli(tmp_path, git_env) -> Cli:
    """The CLI in-process, run from tmp_path with an isolated git identity and config."""
    return Cli(cwd=tmp_path)


# -- local web servers ---------------------------------------------------------------------------


@dataclass
class Request:
    method: str
    path: str
    headers: dict
    body: bytes
    at: float  # time.monotonic() when it arrived


class Site:
    """A web server on 127.0.0.1 whose answers the test sets and edits between requests.

    `routes[path]` (the path with its query, else without) is `(status, headers, body)`, a dict
    with those keys (plus `delay` seconds, `chunked`), or a callable taking the `Request` and
    returning either (or None: no answer); anything else is a 404 page. Every request is kept
    in `requests`; `max_in_flight` is the most requests it ever served at once (`latency`:
    seconds each one takes, so that overlapping requests show).
    """

    def __init__(self, latency: float = 0.0):
        self.routes: dict = {}
        self.requests: list[Request] = []
        self.latency = latency
        self.in_flight = self.max_in_flight = 0
        lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                request = Request(self.command, self.path, dict(self.headers),
                                  self.rfile.read(length) if length else b"", time.monotonic())
                with lock:
                    site.requests.append(request)
                    site.in_flight += 1
                    site.max_in_flight = max(site.max_in_flight, site.in_flight)
                try:
                    self.send(site.route(request))
                finally:
                    with lock:
                        site.in_flight -= 1

            do_GET = do_POST = do_HEAD = answer  # noqa: N815 (http.server's names)

            def send(self, route):
                if route is None:
                    return  # a callable's None: the connection closes with no answer
                if isinstance(route, tuple):
                    route = dict(zip(("status", "headers", "body"), route, strict=True))
                body = route.get("body", b"")
                body = body.encode() if isinstance(body, str) else body
                time.sleep(route.get("delay", 0) + site.latency)
                self.send_response(route["status"])
                headers = {"Content-Type": "text/html; charset=utf-8", **route.get("headers", {})}
                for key, value in headers.items():
                    self.send_header(key, value)
                if route.get("chunked"):
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for i in range(0, len(body), 1000):
                        part = body[i : i + 1000]
                        self.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
                    self.wfile.write(b"0\r\n\r\n")
                    return
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def log_message(self, *args):
                pass

        class Quiet(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # a client giving up mid-answer (timeout, size limit) is a test's point

        self.httpd = Quiet(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def route(self, request: Request):
        for key in (request.path, request.path.partition("?")[0]):
            if key in self.routes:
                route = self.routes[key]
                return route(request) if callable(route) else route
        return (404, {}, b"<html><body><h1>404 Not Found</h1></body></html>")

    def url(self, path: str = "/") -> str:
        return self.base + path

    @property
    def hits(self) -> list[tuple[str, float]]:
        """(path, time) of each GET."""
        return [(r.path, r.at) for r in self.requests if r.method == "GET"]

    @property
    def posts(self) -> list[bytes]:
        return [r.body for r in self.requests if r.method == "POST"]

    def json_posts(self) -> list:
        return [json.loads(body or b"null") for body in self.posts]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve():
    """`serve()` starts a `Site` (as many as the test needs); all are stopped after the test."""
    started: list[Site] = []

    def start(**kw) -> Site:
        started.append(Site(**kw))
        return started[-1]

    yield start
    for site in started:
        site.close()


@pytest.fixture
def http_server(serve) -> Site:
    """One local web server (see `Site`)."""
    return serve()
