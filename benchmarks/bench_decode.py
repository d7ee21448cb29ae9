"""Bytes to text (tracker.capture.decode): time against size, to show it stays linear.

    .venv/bin/python benchmarks/bench_decode.py [--sizes 1,10,100] [--repeat 3]

Inputs of each size (MB) built from the project's own texts: UTF-8 (the sample capture) with one
invalid byte in the middle, and Russian in windows-1251 and Japanese in Shift_JIS (only a sample
of these is scored against the legacy code pages). Best of --repeat runs, beside a plain
`bytes.decode("utf-8", errors="replace")` of the same bytes for scale.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tracker.capture.decode import decode  # noqa: E402

SAMPLE = ROOT / "snapshots" / "rusemb.org.uk" / "20210920075900.txt"
TEXTS = ROOT / "tests" / "texts"


def inputs(mb: int) -> dict[str, bytes]:
    size = mb * 1_000_000
    utf8 = SAMPLE.read_bytes()
    utf8 = utf8 * (size // len(utf8) + 1)
    ru = (TEXTS / "ru.txt").read_text(encoding="utf-8").encode("cp1251")
    ja = (TEXTS / "ja.txt").read_text(encoding="utf-8").encode("shift_jis")
    return {
        "utf-8, one bad byte": utf8[: size // 2] + b"\xff" + utf8[size // 2 : size],
        "windows-1251": (ru * (size // len(ru) + 1))[:size].rsplit(b"\n", 1)[0],
        "shift_jis": (ja * (size // len(ja) + 1))[:size].rsplit(b"\n", 1)[0],
    }


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1,10,100")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'input':<22} {'MB':>5} {'decode s':>9} {'encoding':<10} {'utf-8 replace s':>16}")
    for mb in (int(s) for s in args.sizes.split(",")):
        for name, data in inputs(mb).items():
            found = decode(data)[1]
            took = best(lambda data=data: decode(data), args.repeat)
            plain = best(lambda data=data: data.decode("utf-8", errors="replace"), args.repeat)
            print(f"{name:<22} {mb:>5} {took:>9.3f} {found:<10} {plain:>16.3f}")


if __name__ == "__main__":
    main()
