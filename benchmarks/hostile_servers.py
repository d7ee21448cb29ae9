"""Hostile HTTP servers against `tracker capture URL` and `tracker run`.

Usage: python benchmarks/hostile_servers.py TRACKER_BIN [CASE...]
Prints `NAME cmd rc secs verdict` per case and command; verdict OK or FAIL(reasons).
Each case is a raw socket server on 127.0.0.1 answering with hostile bytes (trickled, endless,
compression bombs, broken HTTP, redirects off http or from a public page to this machine, via
the server as a proxy...). Each command runs under a 1 GB address-space limit and must end
within LIMIT seconds, with at most one `tracker: error:` line and no traceback or internal
error, the documented exit code, the store clean (`git status --porcelain` empty) and
`git log` unchanged when nothing was stored.
"""

from __future__ import annotations

import gzip
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zlib

PAGE = (b"<!DOCTYPE html><html><head><title>Notice</title></head><body>"
        b"<h1>Opening hours</h1><p>Mon-Fri 9:00-17:00, phone +44 20 7946 0000</p></body></html>")
TIMEOUT = 2  # --timeout given to tracker
MAX_BYTES = 200_000
LIMIT = 60  # seconds a command may take before it counts as a hang


def head(status=200, reason="OK", headers=(), length=None):
    lines = [f"HTTP/1.1 {status} {reason}".encode()]
    has_ct = any(k.lower() == b"content-type" for k, _ in headers)
    if not has_ct:
        lines.append(b"Content-Type: text/html; charset=utf-8")
    for k, v in headers:
        lines.append(k + b": " + v)
    if length is not None:
        lines.append(b"Content-Length: " + str(length).encode())
    lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n"


def ok(body=PAGE, headers=()):
    return head(headers=headers, length=len(body)) + body


def gzip_bomb(size):
    """A gzip of `size` zeros (a multiple of 16 MiB), from one compressed full-flushed block."""
    import struct
    ch = 1 << 24
    n = size // ch
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = co.compress(bytes(ch)) + co.flush(zlib.Z_FULL_FLUSH)
    end, crc = co.flush(), 0
    for _ in range(n):
        crc = zlib.crc32(bytes(ch), crc)
    return (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + block * n + end
            + struct.pack("<II", crc, n * ch & 0xFFFFFFFF))


BOMB_1G = None


def bomb():
    global BOMB_1G
    if BOMB_1G is None:
        BOMB_1G = gzip_bomb(64 << 24)
    return BOMB_1G


# Each case: handler(conn, path, base) writing raw bytes; `expect`: "fail" (exit 2, nothing
# stored), "stored" (exit 0 and one commit), "either" (0 with a commit or 2 without).
CASES = {}


EXTRA = {}  # name -> {"url": url template, "proxy": True, "stored": bytes expected}


def case(name, expect="fail", run=True, **extra):
    def deco(fn):
        CASES[name] = (fn, expect, run)
        EXTRA[name] = extra
        return fn
    return deco


def send(conn, data):
    try:
        conn.sendall(data)
    except OSError:
        pass


@case("slowloris_body")
def _(conn, path, base, stop):
    body = PAGE * 50
    send(conn, head(length=len(body)))
    for b in body:
        if stop.is_set():
            return
        send(conn, bytes([b]))
        time.sleep(0.5)


@case("slowloris_headers")
def _(conn, path, base, stop):
    data = head(length=len(PAGE)) + PAGE
    data = data.replace(b"\r\n\r\n", b"\r\nX-Pad: " + b"a" * 5000 + b"\r\n\r\n")
    for b in data:
        if stop.is_set():
            return
        send(conn, bytes([b]))
        time.sleep(0.5)


@case("silent_after_connect")
def _(conn, path, base, stop):
    stop.wait(LIMIT)


@case("endless_body_chunked")
def _(conn, path, base, stop):
    send(conn, head(headers=[(b"Transfer-Encoding", b"chunked")]))
    chunk = b"<p>" + b"x" * 4000 + b"</p>"
    while not stop.is_set():
        try:
            conn.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        except OSError:
            return


@case("endless_body_no_length")
def _(conn, path, base, stop):
    send(conn, head())
    while not stop.is_set():
        try:
            conn.sendall(b"<p>" + b"y" * 4000 + b"</p>")
        except OSError:
            return


@case("declared_too_large")
def _(conn, path, base, stop):
    send(conn, head(length=10_000_000_000) + PAGE)


@case("body_over_max_bytes")
def _(conn, path, base, stop):
    body = b"<html><body>" + b"<p>z</p>" * 100_000 + b"</body></html>"
    send(conn, ok(body))


@case("gzip_bomb")
def _(conn, path, base, stop):
    data = bomb()
    send(conn, head(headers=[(b"Content-Encoding", b"gzip")], length=len(data)) + data)


@case("gzip_bomb_nested")
def _(conn, path, base, stop):
    data = gzip.compress(bomb(), 9)
    send(conn, head(headers=[(b"Content-Encoding", b"gzip, gzip")], length=len(data)) + data)


@case("deflate_bomb_raw")
def _(conn, path, base, stop):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = b"".join(c.compress(b"\0" * 1_000_000) for _ in range(500)) + c.flush()
    send(conn, head(headers=[(b"Content-Encoding", b"deflate")], length=len(data)) + data)


@case("redirect_loop")
def _(conn, path, base, stop):
    nxt = b"/a" if path != "/a" else b"/b"
    send(conn, head(302, "Found", [(b"Location", nxt)], 0))


@case("redirect_file_scheme")
def _(conn, path, base, stop):
    send(conn, head(302, "Found", [(b"Location", b"file:///etc/passwd")], 0))


@case("redirect_ftp_scheme")
def _(conn, path, base, stop):
    send(conn, head(301, "Moved", [(b"Location", b"ftp://ftp.example.org/pub/")], 0))


@case("redirect_garbage_location")
def _(conn, path, base, stop):
    send(conn, head(302, "Found", [(b"Location", b"http://[::1:bad/")], 0))


@case("huge_header")
def _(conn, path, base, stop):
    send(conn, head(headers=[(b"X-Huge", b"h" * 200_000)], length=len(PAGE)) + PAGE)


@case("endless_headers")
def _(conn, path, base, stop):
    send(conn, b"HTTP/1.1 200 OK\r\n")
    i = 0
    while not stop.is_set():
        try:
            conn.sendall(b"X-H%d: v\r\n" % i)
        except OSError:
            return
        i += 1


@case("malformed_header")
def _(conn, path, base, stop):
    send(conn, b"HTTP/1.1 200 OK\r\nContent-Type text/html\r\nbroken line\r\n\r\n" + PAGE)


@case("garbage_status_line")
def _(conn, path, base, stop):
    send(conn, b"ICY 200 OK\r\n\r\n" + PAGE)


@case("http09_no_headers")
def _(conn, path, base, stop):
    send(conn, PAGE)


@case("charset_header_vs_meta", expect="stored")
def _(conn, path, base, stop):
    body = ('<html><head><meta charset="windows-1251"></head><body><p>Café Привет</p>'
            '</body></html>').encode()
    send(conn, ok(body, [(b"Content-Type", b"text/html; charset=iso-8859-1")]))


@case("bogus_charset", expect="stored")
def _(conn, path, base, stop):
    send(conn, ok(PAGE, [(b"Content-Type", b"text/html; charset=x-no-such-charset")]))


@case("content_length_larger")
def _(conn, path, base, stop):
    send(conn, head(length=len(PAGE) + 5000) + PAGE)


@case("content_length_smaller", expect="stored")
def _(conn, path, base, stop):
    send(conn, head(length=len(PAGE) - 20) + PAGE)


@case("reset_mid_body")
def _(conn, path, base, stop):
    body = PAGE * 20
    send(conn, head(length=len(body)) + body[: len(body) // 2])
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    conn.close()


@case("reset_mid_chunked")
def _(conn, path, base, stop):
    send(conn, head(headers=[(b"Transfer-Encoding", b"chunked")]))
    send(conn, f"{len(PAGE):x}\r\n".encode() + PAGE + b"\r\n")
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    conn.close()


@case("bad_chunk_size")
def _(conn, path, base, stop):
    send(conn, head(headers=[(b"Transfer-Encoding", b"chunked")]) + b"zz\r\nhello\r\n0\r\n\r\n")


@case("gzip_header_not_gzip")
def _(conn, path, base, stop):
    send(conn, ok(PAGE, [(b"Content-Encoding", b"gzip")]))


@case("truncated_gzip")
def _(conn, path, base, stop):
    data = gzip.compress(PAGE * 20)[:-30]
    send(conn, ok(data, [(b"Content-Encoding", b"gzip")]))


@case("retry_after_429", expect="either")
def _(conn, path, base, stop):
    body = b"<html><body><h1>Too Many Requests</h1></body></html>"
    send(conn, head(429, "Too Many Requests", [(b"Retry-After", b"86400")], len(body)) + body)


@case("retry_after_503_empty")
def _(conn, path, base, stop):
    send(conn, head(503, "Service Unavailable", [(b"Retry-After", b"86400")], 0))


@case("error_page_200", expect="stored")
def _(conn, path, base, stop):
    body = (b"<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>"
            b"<p>The requested URL was not found on this server.</p></body></html>")
    send(conn, ok(body))


@case("not_modified_304")
def _(conn, path, base, stop):
    send(conn, head(304, "Not Modified", [(b"ETag", b'"x"')]))


@case("head_only_405", expect="either")
def _(conn, path, base, stop):
    body = b"<html><body>Method Not Allowed</body></html>"
    send(conn, head(405, "Method Not Allowed", [(b"Allow", b"HEAD")], len(body)) + body)


@case("nested_tags_deep", expect="either")
def _(conn, path, base, stop):
    n = 150_000
    body = b"<html><body>" + b"<div>" * n + b"deep" + b"</div>" * n + b"</body></html>"
    send(conn, ok(body))


@case("nested_tags_200mb", expect="either")
def _(conn, path, base, stop):
    n = 200_000_000 // 11 // 100_000
    send(conn, head(length=12 + n * 100_000 * 11 + 4 + 14) + b"<html><body>")
    for _ in range(n):
        send(conn, b"<div>" * 100_000)
    send(conn, b"deep")
    for _ in range(n):
        send(conn, b"</div>" * 100_000)
    send(conn, b"</body></html>")


@case("endless_100_continue")
def _(conn, path, base, stop):
    while not stop.is_set():
        try:
            conn.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
        except OSError:
            return
        time.sleep(0.2)


@case("slow_redirect_chain")
def _(conn, path, base, stop):
    n = int(path.rsplit("/", 1)[-1]) if path[-1].isdigit() else 0
    if stop.wait(1.5):
        return
    send(conn, head(302, "Found", [(b"Location", f"/hop/{n + 1}".encode())], 0))


@case("gzip_two_members", expect="stored", stored=PAGE)
def _(conn, path, base, stop):
    body = gzip.compress(PAGE[:70]) + gzip.compress(PAGE[70:])
    send(conn, ok(body, [(b"Content-Encoding", b"gzip")]))


@case("redirect_public_to_private", url="http://1.1.1.1/page", proxy=True)
def _(conn, path, base, stop):
    if path == "http://1.1.1.1/page":
        send(conn, head(302, "Found", [(b"Location", f"{base}/secret".encode())], 0))
    else:
        send(conn, ok(b"<html><body><p>internal admin panel</p></body></html>"))


@case("binary_as_html")
def _(conn, path, base, stop):
    body = os.urandom(5000)
    send(conn, ok(body))


@case("empty_200")
def _(conn, path, base, stop):
    send(conn, ok(b""))


@case("status_999", expect="either")
def _(conn, path, base, stop):
    send(conn, head(999, "Weird", length=len(PAGE)) + PAGE)


@case("duplicate_content_length")
def _(conn, path, base, stop):
    send(conn, head(length=len(PAGE)).replace(
        b"Connection", b"Content-Length: 5\r\nConnection") + PAGE)


@case("latin1_header_bytes", expect="stored")
def _(conn, path, base, stop):
    send(conn, ok(PAGE, [(b"Server", b"caf\xe9 \xff\xfe"), (b"ETag", b'"\xe9t\xe9"')]))


class Server:
    def __init__(self, handler):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.base = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.handler, self.stop, self.hits = handler, threading.Event(), 0
        threading.Thread(target=self.loop, daemon=True).start()

    def loop(self):
        while not self.stop.is_set():
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
        data = b""
        conn.settimeout(5)
        try:
            while b"\r\n\r\n" not in data:
                got = conn.recv(4096)
                if not got:
                    return
                data += got
            path = data.split(b" ", 2)[1].decode()
            self.handler(conn, path, self.base, self.stop)
        except OSError:
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def close(self):
        self.stop.set()
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()


def limit_memory():
    """1 GB of address space: a bomb inflated in one call fails, bounded steps do not."""
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def git(store, *args):
    r = subprocess.run(["git", "-C", store, *args], capture_output=True, text=True)
    return r.stdout if r.returncode == 0 else None


def judge(name, expect, cmd, rc, secs, err, store, log_before, out=""):
    bad = []
    if rc is None:
        bad.append("HANG")
    lines = [line for line in err.splitlines() if line.strip()]
    if "Traceback" in err:
        bad.append("traceback")
    if "internal error" in err or "Error: " in out:  # a bug's line, or run's "X: ..." of one
        bad.append("internal error")
    if rc not in (None, 0, 1, 2):
        bad.append(f"rc={rc}")
    errors = [line for line in lines if line.startswith("tracker: error:")]
    if rc == 2 and cmd == "capture" and (len(errors) != 1 or len(lines) != 1):
        bad.append(f"stderr={lines[:3]!r}")
    status = git(store, "status", "--porcelain")
    if status:
        bad.append(f"dirty={status.splitlines()[:3]}")
    log_after = git(store, "log", "--oneline")
    changed = log_after != log_before
    if cmd == "capture":
        if expect == "fail" and (rc != 2 or changed):
            bad.append(f"expected failure, rc={rc} stored={changed}")
        if expect == "stored" and (rc != 0 or not changed):
            bad.append(f"expected stored, rc={rc} stored={changed}")
        if expect == "either" and not ((rc == 0 and changed) or (rc == 2 and not changed)):
            bad.append(f"rc={rc} stored={changed}")
    else:  # run: a failed source exits 2 and stores its memory only
        if expect == "fail" and rc != 2:
            bad.append(f"expected failure rc=2, rc={rc}")
    return bad


def main():
    tracker = sys.argv[1]
    names = sys.argv[2:] or list(CASES)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e"}
    fails = 0
    for name in names:
        fn, expect, do_run = CASES[name]
        for cmd in ("capture", "run") if do_run else ("capture",):
            server = Server(fn)
            tmp = tempfile.mkdtemp(prefix="hostile-")
            store = os.path.join(tmp, "s")
            os.makedirs(store)
            subprocess.run(["git", "init", "-q", store], check=True)
            with open(os.path.join(store, "README"), "w") as f:
                f.write("x\n")
            subprocess.run(["git", "-C", store, "add", "-A"], check=True)
            subprocess.run(["git", "-C", store, "commit", "-qm", "init"], check=True, env=env)
            extra = EXTRA.get(name, {})
            url = extra.get("url", server.base + "/page")
            cenv = dict(env)
            if extra.get("proxy"):
                cenv.update(HTTP_PROXY=server.base, http_proxy=server.base, NO_PROXY="",
                            no_proxy="")
            max_bytes = 300_000_000 if "200mb" in name else MAX_BYTES
            if cmd == "capture":
                args = [tracker, "capture", url, "--store", store, "--timeout", str(TIMEOUT),
                        "--max-bytes", str(max_bytes)]
            else:
                with open(os.path.join(store, "tracker.toml"), "w") as f:
                    f.write(f'[sources."p"]\nurl = "{url}"\n')
                subprocess.run(["git", "-C", store, "add", "-A"], check=True)
                subprocess.run(["git", "-C", store, "commit", "-qm", "toml"], check=True, env=env)
                args = [tracker, "run", "--store", store, "--timeout", str(TIMEOUT),
                        "--max-bytes", str(max_bytes), "--retries", "1", "--delay", "0"]
            log_before = git(store, "log", "--oneline")
            start = time.monotonic()
            try:
                r = subprocess.run(args, capture_output=True, text=True, timeout=LIMIT, env=cenv,
                                   preexec_fn=None if "200mb" in name else limit_memory)
                rc, out, err = r.returncode, r.stdout, r.stderr
            except subprocess.TimeoutExpired as e:
                rc, out = None, ""
                err = e.stderr.decode() if isinstance(e.stderr, bytes) else (e.stderr or "")
            secs = time.monotonic() - start
            server.close()
            bad = judge(name, expect, cmd, rc, secs, err, store, log_before, out)
            if extra.get("stored") is not None:
                got = [open(os.path.join(d, f), "rb").read() for d, _, fs in os.walk(store)
                       if ".git" not in d for f in fs if f.endswith(".html")]
                if got != [extra["stored"]]:
                    bad.append(f"stored {[len(g) for g in got]} bytes, not the whole page")
            fails += bool(bad)
            verdict = "OK" if not bad else "FAIL(" + "; ".join(bad) + ")"
            first = (err.strip().splitlines() or out.strip().splitlines() or [""])
            print(f"{name:26} {cmd:7} rc={rc} {secs:5.1f}s {verdict}\n    {first[0][:160]}",
                  flush=True)
            if cmd == "run":
                report = [ln for ln in out.splitlines() if "127.0.0.1" in ln or "failed" in ln]
                print("    run: " + " | ".join(ln.strip() for ln in report)[:300], flush=True)
    print(f"{fails} FAIL")


if __name__ == "__main__":
    main()
