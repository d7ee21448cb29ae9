"""A local web server for tests: pages, redirects, errors, slow or silent answers, webhooks.

Tests get one through conftest.py's `http_server` / `serve` fixtures.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Request:
    method: str
    path: str
    headers: dict
    body: bytes
    at: float  # time.monotonic() when it arrived


class Site:
    """A web server on 127.0.0.1 whose answers the test sets and edits between requests.

    `routes[path]` (the path with its query, else without; `routes["*"]` for any other path)
    is `(status, headers, body)`, a dict with those keys (plus `delay` seconds, `chunked`), or
    a callable taking the `Request` and returning either (or None: no answer); a path with no
    route gets a 404 page. Every request is kept in `requests`; `max_in_flight` is the most
    requests it ever served at once (`latency`: seconds each one takes, so that overlapping
    requests show).
    """

    def __init__(self, latency: float = 0.0):
        self.routes: dict = {}
        self.requests: list[Request] = []
        self.latency = latency
        self.in_flight = self.max_in_flight = 0
        self.closing = threading.Event()  # set on close: a route that hangs waits on it
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
                self.counted = True
                try:
                    self.send(site.route(request))
                finally:
                    self.done()

            def done(self):
                """The request leaves `in_flight` once it is answered, before its bytes are
                written: a client that read them may ask again before this thread goes on,
                and that is no overlap."""
                if self.counted:
                    self.counted = False
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
                self.done()
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
        for key in (request.path, request.path.partition("?")[0], "*"):
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
        self.closing.set()
        self.httpd.shutdown()
        self.httpd.server_close()
