"""`tracker run` beside urlwatch on the same pages: wall times, CPU and tracker's peak memory.

Usage: python benchmarks/bench_run.py [--pages 200] [--hosts 20] [--latency 0.1]
                                      [--concurrency default|N ...] [--delay 0] [--repeat 3]

Needs urlwatch in the same virtualenv (`.venv/bin/pip install urlwatch`; a benchmark tool,
not a dependency of tracker). Local servers on 127.0.0.1 (one per "host", i.e. per port)
answer every request after --latency seconds; each page is ~12 KB of HTML shaped like a news
page; page i is on host i % hosts, for both tools. Each repeat starts from nothing (a new git
store, a new urlwatch cache) and runs every tool twice on the same pages: a first run
(everything new) and a second after 10 % of the pages changed; the tools take turns going
first, so a machine whose load drifts favours neither. tracker's figure is its whole run:
fetch, one commit, check every new capture, one report (at its default --concurrency unless
given; --delay 0 as urlwatch has no delay, one request at a time per host still). urlwatch's
is its own run with its defaults (10 workers: fetch, cache, diff, report to stdout), config
and cache in a temporary directory. One home directory for all repeats, as for a cron job: the
first repeat's tracker builds its one-off table of date words from CLDR (~/.cache/tracker).
Medians over the repeats; CPU is user + system of the process and its children; peak memory
is the largest RSS of tracker or of one of its git children (`/usr/bin/time`).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parent.parent
WORDS = ("minister statement embassy press release meeting council trade visit response news "
         "report conference interview cooperation security policy").split()


def page(i: int, version: int) -> bytes:
    rnd = random.Random(i * 1000 + version)
    items = "".join(
        f"<li><a href='/n/{i}/{k}'>{' '.join(rnd.choices(WORDS, k=12))}</a></li>"
        for k in range(40)
    )
    paras = "".join(f"<p>{' '.join(rnd.choices(WORDS, k=60))}</p>" for _ in range(8))
    return (
        f"<!DOCTYPE html><html><head><title>Page {i}</title></head><body>"
        f"<nav>Home · News · About</nav><main><h1>Page {i}</h1>{paras}<ul>{items}</ul></main>"
        f"<footer>Contact: +44 20 7946 {i:04d}</footer></body></html>"
    ).encode()


class Pages:
    def __init__(self, count: int):
        self.version = dict.fromkeys(range(count), 0)


def serve(pages: Pages, latency: float) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            time.sleep(latency)
            try:
                i = int(self.path.strip("/").split("/")[-1])
                body = page(i, pages.version[i])
                status = 200
            except (ValueError, KeyError):
                body, status = b"<html><body>not found</body></html>", 404
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def timed(cmd: list[str], env: dict) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, peak RSS in MB, exit code)."""
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", *cmd], env=env,
                       capture_output=True, text=True)
    wall = time.perf_counter() - start
    user, system, peak = p.stderr.strip().splitlines()[-1].split()
    return wall, float(user) + float(system), int(peak) // 1024, p.returncode


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--hosts", type=int, default=20)
    ap.add_argument("--latency", type=float, default=0.1)
    ap.add_argument("--concurrency", nargs="*", default=[None],
                    type=lambda v: None if v == "default" else int(v),
                    help="tracker's --concurrency, one tracker row each ('default': its own)")
    ap.add_argument("--delay", type=float, default=0.0,
                    help="tracker's --delay between two requests to one host")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if not (BIN / "urlwatch").exists():
        sys.exit("urlwatch is not installed in this virtualenv: .venv/bin/pip install urlwatch")

    pages = Pages(args.pages)
    servers = [serve(pages, args.latency) for _ in range(args.hosts)]
    urls = [
        f"http://127.0.0.1:{servers[i % args.hosts].server_address[1]}/p/{i}"
        for i in range(args.pages)
    ]
    # As a regular (non-editable) install would have it: tracker's modules byte-compiled once,
    # as pip did for urlwatch's, even where PYTHONDONTWRITEBYTECODE is set.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "tracker")], check=True)
    home = Path(tempfile.mkdtemp(prefix="bench-run-home-"))
    tools = [f"tracker {c}" if c else "tracker" for c in args.concurrency] + ["urlwatch"]
    labels = ("first run (all new)", "second run (10 % changed)")
    rows: dict[tuple[str, str], list[tuple[float, float, int, int]]] = {}
    try:
        for repeat in range(args.repeat):
            tmp = Path(tempfile.mkdtemp(prefix="bench-run-"))
            try:
                commands = _setup(tmp, urls, args)
                pages.version = dict.fromkeys(range(args.pages), 0)
                env = _env(home)
                order = tools if repeat % 2 == 0 else tools[::-1]
                for label in labels:
                    if label.startswith("second"):
                        for i in range(0, args.pages, 10):
                            pages.version[i] += 1
                    for tool in order:
                        rows.setdefault((label, tool), []).append(timed(commands[tool], env))
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
    finally:
        shutil.rmtree(home, ignore_errors=True)
        for httpd in servers:
            httpd.shutdown()
            httpd.server_close()
    _print(args, tools, labels, rows)


def _setup(tmp: Path, urls: list[str], args) -> dict[str, list[str]]:
    """A store per tracker column and a urlwatch directory, all fresh; each tool's command."""
    commands = {}
    for c in args.concurrency:
        store = tmp / f"store-{c}"
        store.mkdir()
        subprocess.run(["git", "init", "-q", str(store)], check=True)
        (store / "tracker.toml").write_text(
            "".join(f'[sources."p{i}"]\nurl = "{u}"\n' for i, u in enumerate(urls))
        )
        limit = ["--concurrency", str(c)] if c else []
        commands[f"tracker {c}" if c else "tracker"] = [
            str(BIN / "tracker"), "run", "--store", str(store), "--delay", str(args.delay),
            *limit, "--format", "json"]
    uw = tmp / "urlwatch"
    uw.mkdir()
    (uw / "urls.yaml").write_text("---\n".join(f"url: {u}\n" for u in urls))
    commands["urlwatch"] = [str(BIN / "urlwatch"), "--urls", str(uw / "urls.yaml"),
                            "--config", str(uw / "urlwatch.yaml"),
                            "--cache", str(uw / "cache.db"), "--hooks", str(uw / "hooks.py")]
    return commands


def _env(tmp: Path) -> dict:
    return {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org",
            "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.org",
            "HOME": str(tmp), "XDG_CONFIG_HOME": str(tmp / "config"),
            "XDG_CACHE_HOME": str(tmp / "cache")}


def _print(args, tools, labels, rows) -> None:
    from tracker.watch import DEFAULT_CONCURRENCY

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    limits = ", ".join(f"--concurrency {c or DEFAULT_CONCURRENCY}{'' if c else ' (default)'}"
                       for c in args.concurrency)
    print(f"{args.pages} pages on {args.hosts} hosts, {args.latency * 1000:.0f} ms a request, "
          f"{args.repeat} repeats (load average {load:.1f}, {os.cpu_count()} cores); tracker "
          f"--delay {args.delay:g}, {limits}, one request at a time per host; urlwatch "
          "10 workers")
    print(f"{'run':26} {'tool':12} {'wall s':>7} {'min s':>6} {'CPU s':>6} {'peak MB':>8} "
          f"{'exits':>6} {'vs urlwatch':>11}")
    for label in labels:
        base = statistics.median(r[0] for r in rows[(label, "urlwatch")])
        for tool in tools:
            got = rows[(label, tool)]
            wall = statistics.median(r[0] for r in got)
            print(f"{label:26} {tool:12} {wall:7.2f} {min(r[0] for r in got):6.2f} "
                  f"{statistics.median(r[1] for r in got):6.2f} {max(r[2] for r in got):8d} "
                  f"{','.join(sorted({str(r[3]) for r in got})):>6} {wall / base:11.2f}")


if __name__ == "__main__":
    main()
