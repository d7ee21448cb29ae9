"""`tracker capture` and `tracker run` against hostile servers on 127.0.0.1: each ends within
the timeouts the README promises, refuses with one line, and leaves the store as it was."""

from __future__ import annotations

import gzip
import os
import re
import socket
import struct
import subprocess
import sys
import threading
import zlib
from pathlib import Path

import pytest
from cli_helpers import IDENTITY

PAGE = (b"<!DOCTYPE html><html><head><title>Horaires</title></head><body>"
        b"<h1>Horaires d'ouverture</h1><p>Lundi-vendredi 9h-17h, 01 23 45 67 89</p></body></html>")


class RawServer:
    """A server on 127.0.0.1 whose `answer(conn)` writes whatever bytes it likes."""

    def __init__(self, answer):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/page"
        self.answer, self.stop, self.hits = answer, threading.Event(), 0
        threading.Thread(target=self.loop, daemon=True).start()

    def loop(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            if self.stop.is_set():
                conn.close()
                return
            threading.Thread(target=self.one, args=(conn,), daemon=True).start()

    def one(self, conn):
        self.hits += 1
        with conn:
            try:
                data = b""
                while b"\r\n\r\n" not in data:
                    data += conn.recv(4096) or b"\r\n\r\n"
                head, _, body = data.partition(b"\r\n\r\n")
                length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
                while length and len(body) < int(length[1]):  # a request body read in full:
                    body += conn.recv(4096) or b"x" * int(length[1])  # unread, close sends RST
                self.answer(conn, self.stop)
            except OSError:
                pass

    def close(self):
        """Shut down first: a thread blocked in accept() would otherwise live on and take
        the connections of the next socket given the same descriptor."""
        self.stop.set()
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()


@pytest.fixture
def raw():
    servers = []

    def start(answer) -> RawServer:
        servers.append(RawServer(answer))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def head(length: int, *extra: bytes) -> bytes:
    lines = [b"HTTP/1.1 200 OK", b"Content-Type: text/html; charset=utf-8", *extra,
             b"Content-Length: %d" % length, b"Connection: close"]
    return b"\r\n".join(lines) + b"\r\n\r\n"


def git(store: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(store), *args], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def store(tmp_path, git_env) -> Path:
    """A store with one commit, so that "nothing stored" is `git log` unchanged."""
    root = tmp_path / "store"
    root.mkdir()
    git(root, "init", "-q")
    (root / "notes.txt").write_text("mine\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start")
    return root


def untouched(store: Path, log: str) -> bool:
    return git(store, "status", "--porcelain") == "" and git(store, "log", "--oneline") == log


def refused(result) -> str:
    """The one error line of a refused command."""
    assert result.code == 2, (result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tracker: error: "), result.err
    return lines[0]


@pytest.mark.slow
def test_a_server_that_trickles_bytes_is_given_up_at_four_timeouts(raw, store, cli):
    """Never silent for --timeout, yet 100 bytes take 10 s: the whole answer's deadline
    (4 x --timeout) ends it, where each read's timeout never would."""

    def trickle(conn, stop):
        body = (PAGE * 2)[:100]
        conn.sendall(head(len(body)))
        for byte in body:
            if stop.wait(0.1):
                return
            conn.sendall(bytes([byte]))

    server, log = raw(trickle), git(store, "log", "--oneline")
    line = refused(cli("capture", server.url, "--store", str(store), "--timeout", "1"))
    assert "not complete within 4s (4 times the timeout); nothing stored" in line, line
    assert untouched(store, log)

    # `run`: the same deadline, and the same trickle is not asked for again
    (store / "tracker.toml").write_text(f'[sources."p"]\nurl = "{server.url}"\n')
    git(store, "add", "-A")
    git(store, "commit", "-qm", "watch")
    before = server.hits
    result = cli("run", "--store", str(store), "--timeout", "1", "--retries", "2")
    assert result.code == 2, result.err
    assert f"failed: {server.url}: the answer was not complete within 4s" in result.out, result.out
    assert server.hits == before + 1
    assert git(store, "status", "--porcelain") == ""


def gzip_of_zeros(chunks: int, size: int = 1 << 24) -> bytes:
    """A gzip of `chunks` x `size` zero bytes, built from one compressed chunk (a full flush
    makes every chunk compress to the same bytes): a gigabyte costs a fraction of a second."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = deflate.compress(bytes(size)) + deflate.flush(zlib.Z_FULL_FLUSH)
    end, crc, zeros = deflate.flush(), 0, bytes(size)
    for _ in range(chunks):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
    return header + block * chunks + end + struct.pack("<II", crc, chunks * size & 0xFFFFFFFF)


@pytest.mark.skipif(sys.platform == "win32", reason="an address-space limit is POSIX")
def test_a_gzip_bomb_is_refused_at_max_bytes_without_being_inflated(raw, store, git_env):
    """2 KB that inflate to 1 GB (gzip within gzip): refused at --max-bytes by a process that
    may not use 1 GB of memory, as the body is inflated in small steps, never in one call."""
    import resource

    body = gzip.compress(gzip_of_zeros(64), 9)
    server = raw(lambda conn, stop: conn.sendall(
        head(len(body), b"Content-Encoding: gzip, gzip") + body))
    log = git(store, "log", "--oneline")

    def limited():
        resource.setrlimit(resource.RLIMIT_AS, (1000 << 20, 1000 << 20))

    env = {**os.environ, **IDENTITY}
    done = subprocess.run([sys.executable, "-m", "tracker", "capture", server.url,
                           "--store", str(store)], capture_output=True, text=True, env=env,
                          preexec_fn=limited, timeout=300)
    assert done.returncode == 2, done.stderr
    assert "larger than 20,000,000 bytes; nothing stored" in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert untouched(store, log)


def test_a_gzip_body_cut_short_stores_nothing(raw, store, cli):
    """A compressed body that ends before its end is a partial page, whatever the server's
    Content-Length said."""
    body = gzip.compress(PAGE * 40)[:-40]
    server = raw(lambda conn, stop: conn.sendall(
        head(len(body), b"Content-Encoding: gzip") + body))
    log = git(store, "log", "--oneline")
    line = refused(cli("capture", server.url, "--store", str(store)))
    assert "cannot be decompressed" in line and "nothing stored" in line, line
    assert untouched(store, log)


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://ftp.example.org/pub/"])
def test_a_redirect_to_another_scheme_is_refused_by_name_and_not_retried(
        http_server, store, cli, target):
    http_server.routes["/page"] = (302, {"Location": target}, b"")
    url, log = http_server.url("/page"), git(store, "log", "--oneline")
    line = refused(cli("capture", url, "--store", str(store)))
    assert f"redirected to {target}, not an http(s) URL; nothing stored" in line, line
    assert untouched(store, log)

    (store / "tracker.toml").write_text(f'[sources."p"]\nurl = "{url}"\n')
    git(store, "add", "-A")
    git(store, "commit", "-qm", "watch")
    before = len(http_server.hits)
    result = cli("run", "--store", str(store), "--format", "json", "--retries", "2")
    assert result.code == 2, result.err
    assert len(http_server.hits) == before + 1  # the same answer again: not asked again
    assert git(store, "status", "--porcelain") == ""


def test_a_public_page_may_not_redirect_to_a_private_address(http_server, store, cli):
    """Through a proxy (this server), a page on a public address redirects to this machine:
    refused before it is fetched, where a private page's own redirects are followed."""
    secret = http_server.url("/secret")
    http_server.routes["http://1.1.1.1/page"] = (302, {"Location": secret}, b"")
    http_server.routes["/secret"] = (200, {}, PAGE)
    log = git(store, "log", "--oneline")
    env = {"HTTP_PROXY": http_server.base, "ALL_PROXY": "", "NO_PROXY": "",
           "http_proxy": http_server.base, "no_proxy": ""}
    line = refused(cli("capture", "http://1.1.1.1/page", "--store", str(store), env=env))
    assert f"redirected to {secret}, a private address, from a public page" in line, line
    assert not any(path == "/secret" or path == secret for path, _ in http_server.hits)
    assert untouched(store, log)


def test_a_page_on_a_private_address_follows_its_redirects_there(http_server, store, cli):
    port = http_server.base.rsplit(":", 1)[1]
    http_server.routes["/page"] = (301, {"Location": f"http://localhost:{port}/new"}, b"")
    http_server.routes["/new"] = (200, {}, PAGE)
    result = cli("capture", http_server.url("/page"), "--store", str(store))
    assert result.code == 0, result.err
    assert git(store, "status", "--porcelain") == ""


@pytest.mark.parametrize(("body", "reason"), [
    ("<html><head><title>Seite nicht gefunden</title></head><body><h1>Seite nicht gefunden</h1>"
     "<p>Die angeforderte Seite existiert leider nicht.</p></body></html>", "not found"),
    ("<html><head><title>Access Denied</title></head><body><h1>Access Denied</h1><p>You don't "
     "have permission to access this resource.</p></body></html>", "access denied"),
])
def test_a_200_whose_page_is_an_error_page_is_stored_with_a_warning(
        http_server, store, cli, body, reason):
    """Evidence, as a 404 is, and said as a 404 is: not "captured ... HTTP 200" alone."""
    http_server.routes["/page"] = (200, {}, body.encode())
    result = cli("capture", http_server.url("/page"), "--store", str(store))
    assert result.code == 0, result.err
    assert result.out.startswith("captured 127.0.0.1-page ")
    assert result.err.strip() == (f"tracker: warning: {http_server.url('/page')} answered HTTP "
                                  f"200 with an error page ({reason}); stored, flagged as an "
                                  "error")
    assert git(store, "status", "--porcelain") == ""


def cut(conn, stop):
    """Half the declared body, then a reset (RST) rather than a clean close."""
    body = PAGE * 20
    conn.sendall(head(len(body)) + body[: len(body) // 2])
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def short(conn, stop):
    """A Content-Length 5,000 bytes beyond the body, then a clean close."""
    conn.sendall(head(len(PAGE) + 5000) + PAGE)


def long_headers(conn, stop):
    """200 KB of headers: past any client's limit."""
    conn.sendall(head(len(PAGE), *[b"X-Trace-%d: %s" % (i, b"t" * 1000) for i in range(200)])
                 + PAGE)


@pytest.mark.parametrize(("answer", "said"), [
    (cut, "the connection broke off mid-answer"),
    (short, "the connection closed before the answer was complete"),
    (long_headers, "the answer's headers are longer than 100 KB"),
])
def test_a_broken_answer_is_one_line_saying_what_broke(raw, store, cli, answer, said):
    server, log = raw(answer), git(store, "log", "--oneline")
    line = refused(cli("capture", server.url, "--store", str(store)))
    assert f"{server.url}: {said} (" in line and "; nothing stored" in line, line
    assert untouched(store, log)


def test_a_gzip_body_in_two_members_is_stored_whole(raw, store, cli):
    """gzip allows members one after another (a server that compresses as it streams): all of
    them are the page, not just the first."""
    first, second = PAGE[:60], PAGE[60:]
    body = gzip.compress(first) + gzip.compress(second)
    server = raw(lambda conn, stop: conn.sendall(
        head(len(body), b"Content-Encoding: gzip") + body))
    result = cli("capture", server.url, "--store", str(store))
    assert result.code == 0, result.err
    stored = [p for p in (store / "127.0.0.1-page").iterdir() if p.suffix == ".html"]
    assert [p.read_bytes() for p in stored] == [PAGE]


def test_a_webhook_answer_is_not_read_past_its_status(raw, sample_store, cli):
    """A webhook that answers 200 and then streams without end (or as slowly as it likes):
    delivered is delivered, `check` ends with its own exit code without reading the rest."""
    finished = threading.Event()

    def endless(conn, stop):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        for _ in range(3):
            if stop.wait(3):
                return
            conn.sendall(b"%x\r\n%s\r\n" % (1 << 16, b"z" * (1 << 16)))
        conn.sendall(b"0\r\n\r\n")
        finished.set()

    server = raw(endless)
    result = cli("check", "--store", str(sample_store.root), "--notify", server.url)
    assert result.code == 1, result.err  # the samples alert; the notification went out
    assert server.hits == 1 and not finished.is_set()


def test_a_compression_not_asked_for_is_named_and_a_bogus_one_is_no_compression(
        http_server, store, cli):
    """tracker asks for gzip or deflate: a brotli body is refused by name (not "looks like a
    binary file"); "Content-Encoding: UTF-8", a server's mistake, is read as it is."""
    http_server.routes["/br"] = (200, {"Content-Encoding": "br"}, bytes(range(256)) * 4)
    http_server.routes["/page"] = (200, {"Content-Encoding": "UTF-8"}, PAGE)
    log = git(store, "log", "--oneline")
    line = refused(cli("capture", http_server.url("/br"), "--store", str(store)))
    assert "the body is encoded as 'br', which tracker does not read" in line, line
    assert untouched(store, log)
    assert "Accept-Encoding" in http_server.requests[-1].headers
    assert http_server.requests[-1].headers["Accept-Encoding"] == "gzip, deflate"
    result = cli("capture", http_server.url("/page"), "--store", str(store))
    assert result.code == 0, result.err
    assert (store / "127.0.0.1-page").is_dir()
