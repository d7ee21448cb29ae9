"""`tracker run` on many hosts: the global limit's default and checks shared over two cores.

Each "host" is a server on its own port of 127.0.0.1. One gate counts the requests in flight
across all of them and holds each request until as many as the run may send are in flight
(or a moment has passed), so the peak it records is the run's real limit, not a race.
"""

from __future__ import annotations

import json
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cli_helpers import tracker, tracker_process


class Hosts:
    """`count` servers sharing one count of requests in flight (and each its own)."""

    def __init__(self, count: int, hold_until: int):
        self.hold_until, self.in_flight, self.peak, self.reached = hold_until, 0, 0, False
        self.per_host: dict[int, int] = {}
        self.host_peak: dict[int, int] = {}
        self.versions: dict[str, int] = {}
        self.cond = threading.Condition()
        self.servers = [self._serve() for _ in range(count)]

    def _serve(self) -> ThreadingHTTPServer:
        hosts = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                port = self.server.server_address[1]
                with hosts.cond:
                    hosts.in_flight += 1
                    hosts.per_host[port] = hosts.per_host.get(port, 0) + 1
                    hosts.host_peak[port] = max(hosts.host_peak.get(port, 0),
                                                hosts.per_host[port])
                    hosts.peak = max(hosts.peak, hosts.in_flight)
                    hosts.reached |= hosts.in_flight >= hosts.hold_until
                    hosts.cond.notify_all()
                    hosts.cond.wait_for(lambda: hosts.reached, timeout=1.0)
                    hosts.in_flight -= 1
                    hosts.per_host[port] -= 1
                version = hosts.versions.get(self.path, 0)
                body = (
                    f"<html><body><main><h1>{self.path}</h1><p>Version {version} of the page."
                    f"</p><p>Call +44 20 7946 {version:04d}.</p></main></body></html>"
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        httpd.daemon_threads = True
        # shutdown() waits for the loop to look again: at the default 0.5 s, 20 servers took
        # seconds to stop
        threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return httpd

    def urls(self) -> list[str]:
        return [f"http://127.0.0.1:{s.server_address[1]}/p{i}" for i, s in enumerate(self.servers)]

    def close(self) -> None:
        stops = [threading.Thread(target=httpd.shutdown) for httpd in self.servers]
        for stop in stops:  # all at once: each waits up to a poll interval
            stop.start()
        for stop, httpd in zip(stops, self.servers, strict=True):
            stop.join()
            httpd.server_close()


@pytest.fixture
def hosts():
    made = Hosts(20, hold_until=16)
    yield made
    made.close()


def watching(tmp_path, urls: list[str]):
    store = tmp_path / "store"
    store.mkdir()
    subprocess.run(["git", "init", "-q", str(store)], check=True)
    (store / "tracker.toml").write_text(
        "".join(f'[sources."s{i:02d}"]\nurl = "{u}"\n' for i, u in enumerate(urls))
    )
    return store


def run(store, *args, process=False):
    """`tracker run`; in its own process when the forked checks are the point (a process with
    threads, as pytest's with its web server, never forks)."""
    call = tracker_process if process else tracker
    r = call("run", "--store", str(store), "--delay", "0", "--retries", "0",
             "--format", "json", *args)
    assert r.out, r.err
    return r, {s["source"]: s for s in json.loads(r.out)["sources"]}


def test_default_limit_is_sixteen_requests_across_hosts_one_per_host(tmp_path, git_env, hosts):
    store = watching(tmp_path, hosts.urls())
    r, runs = run(store)
    assert r.code == 0, r.err
    assert all(s["outcome"] == "new" for s in runs.values()) and len(runs) == 20
    assert hosts.peak == 16  # 20 hosts due: 16 requests at once (it was 8)
    assert set(hosts.host_peak.values()) == {1}  # still one at a time per host

    hosts.peak, hosts.reached, hosts.hold_until = 0, False, 3
    r, _ = run(store, "--concurrency", "3")
    assert r.code == 0, r.err
    assert hosts.peak == 3


def test_many_changed_sources_each_get_their_own_check(tmp_path, git_env, hosts):
    """Enough changed pages for the checks to be shared with a second process: each source's
    result is its own (its new phone number, its capture), none lost or swapped."""
    hosts.hold_until = 1
    store = watching(tmp_path, hosts.urls())
    r, _ = run(store)
    assert r.code == 0, r.err
    changed = {f"/p{i}": 100 + i for i in range(0, 20, 2)}
    hosts.versions.update(changed)
    r, runs = run(store, "--concurrency", "4", process=True)
    assert r.code == 1, r.err
    new = {name for name, s in runs.items() if s["outcome"] == "new"}
    assert new == {f"s{i:02d}" for i in range(0, 20, 2)}
    for name in new:
        check = runs[name]["check"]
        assert check["source"] == name and check["to"]["id"] == runs[name]["capture"]
        number = f"+44207946{100 + int(name[1:]):04d}"
        alerts = [a for a in check["alerts"] if a["kind"] == "contact"]
        assert [a["new"] for a in alerts] == [number], (name, alerts)
        assert runs[name]["alert"]
    assert all(runs[n]["check"] is None for n in runs if n not in new)


def test_early_checks_stopped_before_the_commit_leave_every_check_to_the_run(tmp_path):
    """When the spool cannot be written, the forked checker is stopped and its folder removed;
    finishing then hands every page back to be checked after the commit, instead of failing."""
    from tracker.watch import EarlyChecks

    early = EarlyChecks(None, tmp_path / "spool-removed", {"s00": "0" * 64})
    early.stop()
    assert early.finish(None, None, {"s00": "20240101000000"}, None) == {}
