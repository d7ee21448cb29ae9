"""Hostile pages and large captures: time and peak memory must grow linearly with the input.

Each hostile pair of `hostile.py` (a paragraph of moving numbers, phone lines, emails on one
line, digit runs, `<p>` tags, a line without spaces) is stored at 1x, 2x and 4x its size and
compared with `tracker diff --format json` (a whole process: store, differ, JSON), beside
`git diff --no-index --word-diff` on the same two files. Columns: wall and CPU time and peak
RSS of each process, and the CPU time's ratio to the previous size (linear: about 2, <= 2.3).

    .venv/bin/python benchmarks/bench_hostile.py [--cases counters,phones] [--scales 1,2,4]
    .venv/bin/python benchmarks/bench_hostile.py --large 200   # MB: import, show, diff, WARC

`--large N` times the commands on an N MB text capture (and an N MB WARC record): import,
show, diff of two such captures (1 paragraph in 50 changed), and git's word diff of the files.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hostile  # noqa: E402

TRACKER = [sys.executable, "-m", "tracker"]
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
}


TIME = "/usr/bin/time"  # GNU time: a small parent, so the peak RSS is the command's own


def measure(cmd: list[str], stdout=subprocess.DEVNULL) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of one process. Through GNU time when there
    is one: os.wait4 from this process counts, in the child's peak, the pages of this (large)
    parent that the child shares until it execs. CPU time (user + system) is what to compare
    on a shared machine: the wall time there also counts the other processes' turns."""
    with tempfile.NamedTemporaryFile("r") as out:
        timed = [TIME, "-f", "%e %U %S %M", "-o", out.name, *cmd]
        timed = timed if os.path.exists(TIME) else cmd
        start = time.perf_counter()
        p = subprocess.Popen(timed, stdout=stdout, stderr=subprocess.PIPE, env=ENV)
        _, status, usage = os.wait4(p.pid, 0)
        wall, peak = time.perf_counter() - start, usage.ru_maxrss / 1024
        cpu = usage.ru_utime + usage.ru_stime
        if timed is not cmd:
            reported = out.read().split()
            if len(reported) >= 4:
                wall, cpu = float(reported[-4]), float(reported[-3]) + float(reported[-2])
                peak = int(reported[-1]) / 1024
    err = p.stderr.read().decode() if p.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1) and "exited with non-zero status 1" not in err:
        raise RuntimeError(f"{cmd[:4]}… failed ({code}): {err.strip()[:300]}")
    return wall, cpu, peak


def store_pair(tmp: Path, name: str, old: str, new: str, suffix: str) -> tuple[Path, Path, Path]:
    a, b = tmp / f"{name}-old{suffix}", tmp / f"{name}-new{suffix}"
    a.write_text(old, encoding="utf-8")
    b.write_text(new, encoding="utf-8")
    store = tmp / f"{name}-store"
    for day, path in (("2024-01-01", a), ("2024-01-02", b)):
        measure(
            [*TRACKER, "import", "--store", str(store), "--source", "x", "--at", day]
            + ["--max-bytes", str(10**10), str(path)]
        )
    return a, b, store


def hostile_rows(cases: list[str], scales: list[int], tmp: Path) -> None:
    print(
        f"{'case':>10} {'size':>16} {'MB':>6} {'wall s':>7} {'CPU s':>7} {'MB':>6} {'x prev':>6}"
        f" {'git CPU s':>9} {'MB':>6}"
    )
    for case in cases:
        make, base, unit = hostile.CASES[case]
        prev = None
        for scale in scales:
            n = base * scale
            old, new, suffix = make(n)
            size_mb = len(old) / 1e6
            a, b, store = store_pair(tmp, f"{case}{scale}", old, new, suffix)
            del old, new
            wall, cpu, mem = measure(
                [*TRACKER, "diff", "first", "latest", "--store", str(store), "--format", "json"]
            )
            _, gcpu, gmem = measure(
                ["git", "diff", "--no-index", "--no-color", "--word-diff", str(a), str(b)]
            )
            growth = f"{cpu / prev:6.2f}" if prev else "      "
            prev = cpu
            size = f"{n:,} {unit}"[:16]
            print(
                f"{case:>10} {size:>16} {size_mb:6.1f} {wall:7.2f} {cpu:7.2f} {mem:6.0f} {growth}"
                f" {gcpu:9.2f} {gmem:6.0f}",
                flush=True,
            )
            shutil.rmtree(store)


def large_rows(mb: int, tmp: Path) -> None:
    rng = random.Random(mb)
    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi".split()
    paras, total = [], 0
    while total < mb * 1_000_000:
        paras.append(" ".join(rng.choices(words, k=30)) + f" {len(paras)}")
        total += len(paras[-1]) + 2
    new = [p.replace("alpha", "ALPHA") + " x" if k % 50 == 0 else p for k, p in enumerate(paras)]
    a, b = tmp / "large-old.txt", tmp / "large-new.txt"
    a.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    b.write_text("\n\n".join(new) + "\n", encoding="utf-8")
    store, big = str(tmp / "large-store"), ["--max-bytes", str(10**10)]
    rows = [
        (
            "import (text)",
            [*TRACKER, "import", "--store", store, "--source", "x"]
            + ["--at", "2024-01-01", *big, str(a)],
        ),
        (
            "import (2nd)",
            [*TRACKER, "import", "--store", store, "--source", "x"]
            + ["--at", "2024-01-02", *big, str(b)],
        ),
        ("show", [*TRACKER, "show", "--store", store, "first"]),
        ("diff", [*TRACKER, "diff", "--store", store, "first", "latest"]),
        (
            "diff --format json",
            [*TRACKER, "diff", "--store", store, "first", "latest"] + ["--format", "json"],
        ),
        ("git diff --word-diff", ["git", "diff", "--no-index", "--word-diff", str(a), str(b)]),
    ]
    warc = tmp / "large.warc.gz"
    _write_warc(warc, ("<html><body>" + "".join(f"<p>{p}</p>" for p in paras)).encode())
    rows.append(
        ("import (WARC record)", [*TRACKER, "import", "--store", str(tmp / "w"), *big, str(warc)])
    )
    print(f"{'command':>22} {'wall s':>7} {'CPU s':>7} {'peak MB':>8}   ({mb} MB capture)")
    for name, cmd in rows:
        wall, cpu, mem = measure(cmd)
        print(f"{name:>22} {wall:7.2f} {cpu:7.2f} {mem:8.0f}", flush=True)


def _write_warc(path: Path, body: bytes) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            "https://example.org/",
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-01-01T00:00:00Z"},
        )
        writer.write_record(record)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", default=",".join(hostile.CASES))
    ap.add_argument("--scales", default="1,2,4")
    ap.add_argument("--large", type=int, metavar="MB", help="time import/show/diff at this size")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        if args.large:
            large_rows(args.large, Path(d))
        else:
            scales = [int(s) for s in args.scales.split(",")]
            hostile_rows(args.cases.split(","), scales, Path(d))


if __name__ == "__main__":
    main()
