"""Large captures: a documented import limit that a flag raises, and `show` that streams.

Memory is measured as the peak of what Python allocated in the `tracker` process, never time.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import tracker, tracker_process


def _files(store: Path) -> list[str]:
    return sorted(str(p.relative_to(store)) for p in store.rglob("*")) if store.exists() else []


def test_import_refuses_a_file_over_the_default_limit(tmp_path):
    """50 MB by default, checked on the file's size before it is read: nothing is written."""
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(50_000_001)  # sparse: the limit is checked before a byte is read
    store = tmp_path / "store"
    r = tracker("import", "--store", str(store), "--at", "2024-01-01", str(big))
    assert r.code == 2
    assert r.err.startswith("tracker: error: ")
    assert "50,000,001 bytes, more than the import limit of 50,000,000" in r.err
    assert "--max-bytes 50000001" in r.err and "Traceback" not in r.err
    assert len(r.err.strip().splitlines()) == 1
    assert _files(store) == []


def test_max_bytes_lowers_and_raises_the_limit(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Hello\n\n" + "word " * 400 + "\n", encoding="utf-8")
    store = tmp_path / "store"
    args = ("import", "--store", str(store), "--source", "x", "--at", "2024-01-01", str(page))
    r = tracker(*args, "--max-bytes", "1000")
    assert r.code == 2 and "more than the import limit of 1,000" in r.err
    assert _files(store) == []
    r = tracker(*args, "--max-bytes", "10000")
    assert r.code == 0, r.err
    assert "1 added" in r.out


def _warc(path: Path, body: bytes) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                "https://example.org/",
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-01-01T00:00:00Z"},
            )
        )


def test_a_warc_record_over_the_limit_is_refused_unread(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    _warc(warc, b"<html><body>" + b"<p>a paragraph of text</p>" * 400 + b"</body></html>")
    store = tmp_path / "store"
    r = tracker("import", "--store", str(store), "--max-bytes", "5000", str(warc))
    assert r.code == 2
    assert "the record for https://example.org/ is" in r.err and "--max-bytes" in r.err
    assert _files(store) == []
    r = tracker("import", "--store", str(store), "--max-bytes", "50000", str(warc))
    assert r.code == 0, r.err
    assert "example.org/20240101000000.html" in r.out


_TRACED = """
import sys, tracemalloc
tracemalloc.start()
from tracker.cli import main
try:
    main(sys.argv[1:])
except SystemExit as e:
    assert not e.code, e.code
sys.stderr.write(str(tracemalloc.get_traced_memory()[1]))
"""


def _peak_mb(*args: str) -> float:
    """Peak memory Python allocated in one `tracker` process (tracemalloc), output discarded.
    (Not the child's peak RSS: that counts the parent's pages while it forks.)"""
    p = subprocess.run(
        [sys.executable, "-c", _TRACED, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert p.returncode == 0, p.stderr.decode()
    return int(p.stderr.decode().strip().splitlines()[-1]) / 2**20


@pytest.mark.slow
def test_show_streams_a_large_capture(tmp_path):
    """Printing a 30 MB capture must not hold its bytes, its text and their re-encoding: the
    process grows by a small part of the capture's size over printing a tiny one."""
    store = tmp_path / "store"
    line = "Stream me, please: a line of text that is printed as it is read\n"
    for name, repeat in (("tiny", 2), ("large", 30_000_000 // len(line))):
        page = tmp_path / f"{name}.txt"
        page.write_text(line * repeat, encoding="utf-8")
        r = tracker(
            "import", "--store", str(store), "--source", name, "--at", "2024-01-01", str(page)
        )
        assert r.code == 0, r.err
    tiny = _peak_mb("show", "--store", str(store), "--source", "tiny", "latest")
    large = _peak_mb("show", "--store", str(store), "--source", "large", "latest")
    assert large - tiny < 10, (tiny, large)  # 30 MB of text; it was 90 MB more
    shown = tracker_process("show", "--store", store, "--source", "large", "latest")
    assert shown.code == 0 and shown.raw == (tmp_path / "large.txt").read_bytes()


@pytest.mark.slow
def test_diff_memory_stays_a_small_multiple_of_the_captures(tmp_path):
    """Two 3.5 MB captures of 100,000 short paragraphs, one in a hundred changed: the diff no
    longer keeps a Block per paragraph walked for a title, nor the bytes beside the text (it
    peaked at 130 MB; now about 70 MB)."""
    import random

    rng = random.Random(1)
    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa".split()
    paras = [" ".join(rng.choices(words, k=5)) + f" {k}" for k in range(100_000)]
    new = [
        p.replace("alpha", "omega") + " (revised)" if k % 100 == 0 else p
        for k, p in enumerate(paras)
    ]
    store = tmp_path / "store"
    for day, ps in (("2024-01-01", paras), ("2024-01-02", new)):
        page = tmp_path / f"{day}.txt"
        page.write_text("\n\n".join(ps) + "\n", encoding="utf-8")
        r = tracker("import", "--store", str(store), "--source", "x", "--at", day, str(page))
        assert r.code == 0, r.err
    peak = _peak_mb("diff", "first", "latest", "--store", str(store), "--format", "json")
    assert peak < 100, peak
