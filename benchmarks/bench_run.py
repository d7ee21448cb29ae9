"""`tracker run` beside urlwatch on the same pages: wall times and tracker's peak memory.

Usage: python benchmarks/bench_run.py [--pages 200] [--hosts 20] [--latency 0.1]
                                      [--concurrency 8] [--delay 0]

Needs urlwatch in the same virtualenv (`.venv/bin/pip install urlwatch`; a benchmark tool,
not a dependency of tracker). Local servers on 127.0.0.1 (one per "host", i.e. per port)
answer every request after --latency seconds; each page is ~12 KB of HTML shaped like a news
page. Each tool runs twice on the same pages: a first run (everything new) and a second after
10 % of the pages changed. tracker's figure is its whole run: fetch, one commit, check every
new capture, one report. urlwatch's is its own run with its default 10 workers (fetch, cache,
diff, report to stdout), config and cache in a temporary directory. Peak memory: max RSS of the
tracker process (`/usr/bin/time -f %M`; its git children are not counted).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

BIN = Path(sys.executable).parent
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


def timed(cmd: list[str], env: dict, cwd: Path | None = None) -> tuple[float, int, int]:
    """(wall seconds, peak RSS in MB of the process, exit code)."""
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], env=env, cwd=cwd,
                       capture_output=True, text=True)
    wall = time.perf_counter() - start
    peak = int(p.stderr.strip().splitlines()[-1]) // 1024
    return wall, peak, p.returncode


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--hosts", type=int, default=20)
    ap.add_argument("--latency", type=float, default=0.1)
    ap.add_argument("--concurrency", type=int, default=8, help="tracker's --concurrency")
    ap.add_argument("--delay", type=float, default=0.0,
                    help="tracker's --delay between two requests to one host")
    args = ap.parse_args()
    if not (BIN / "urlwatch").exists():
        sys.exit("urlwatch is not installed in this virtualenv: .venv/bin/pip install urlwatch")

    pages = Pages(args.pages)
    servers = [serve(pages, args.latency) for _ in range(args.hosts)]
    urls = [
        f"http://127.0.0.1:{servers[i % args.hosts].server_address[1]}/p/{i}"
        for i in range(args.pages)
    ]
    tmp = Path(tempfile.mkdtemp(prefix="bench-run-"))
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org",
           "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.org",
           "HOME": str(tmp), "XDG_CONFIG_HOME": str(tmp / "config"),
           "XDG_CACHE_HOME": str(tmp / "cache")}
    try:
        store = tmp / "store"
        store.mkdir()
        subprocess.run(["git", "init", "-q", str(store)], check=True)
        (store / "tracker.toml").write_text(
            "".join(f'[sources."p{i}"]\nurl = "{u}"\n' for i, u in enumerate(urls))
        )
        uw = tmp / "urlwatch"
        uw.mkdir()
        (uw / "urls.yaml").write_text("---\n".join(f"url: {u}\n" for u in urls))
        uw_cmd = [str(BIN / "urlwatch"), "--urls", str(uw / "urls.yaml"),
                  "--config", str(uw / "urlwatch.yaml"), "--cache", str(uw / "cache.db"),
                  "--hooks", str(uw / "hooks.py")]
        tr_cmd = [str(BIN / "tracker"), "run", "--store", str(store),
                  "--delay", str(args.delay), "--concurrency", str(args.concurrency),
                  "--format", "json"]
        rows = []
        for label in ("first run (all new)", "second run (10 % changed)"):
            if label.startswith("second"):
                for i in range(0, args.pages, 10):
                    pages.version[i] += 1
            t_wall, t_peak, t_code = timed(tr_cmd, env)
            u_wall, _, u_code = timed(uw_cmd, env)
            rows.append((label, t_wall, t_peak, t_code, u_wall, u_code))
        print(f"{args.pages} pages on {args.hosts} hosts, {args.latency * 1000:.0f} ms a "
              f"request; tracker --delay {args.delay:g} --concurrency {args.concurrency} (one "
              "request at a time per host), urlwatch 10 workers")
        print(f"{'run':28} {'tracker s':>10} {'peak MB':>8} {'exit':>5} {'urlwatch s':>11} "
              f"{'exit':>5} {'ratio':>6}")
        for label, t_wall, t_peak, t_code, u_wall, u_code in rows:
            print(f"{label:28} {t_wall:10.2f} {t_peak:8d} {t_code:5d} {u_wall:11.2f} "
                  f"{u_code:5d} {t_wall / u_wall:6.2f}")
    finally:
        for httpd in servers:
            httpd.shutdown()
            httpd.server_close()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
