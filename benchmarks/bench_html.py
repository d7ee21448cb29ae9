"""HTML to text: BeautifulSoup (html.parser, lxml) beside tracker's streaming lxml extractor.

    .venv/bin/python benchmarks/bench_html.py [--repeat 5]

Corpus: the 16 real pages of the gov-pairs corpus (`--corpus`, default
../shared/corpora/gov-pairs beside the clone; 20-155 KB). Time: best of
--repeat runs over all 16 pages, decoded text in memory. "bs4 + get_text" is the parse plus
BeautifulSoup's own text walk (a lower bound for a bs4-based extractor, which must also walk
block structure); "tracker" is `tracker.capture.html.extract` (parse + blocks + cleanup).
Then stress inputs: 100,000 nested divs and a ~10 MB page, with tracemalloc's peak.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tracker.capture.html import extract, html_to_text  # noqa: E402

PAIRS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "gov-pairs"


def best(fn, docs, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for doc in docs:
            fn(doc)
        times.append(time.perf_counter() - start)
    return min(times)


def peak(fn, arg):
    tracemalloc.start()
    start = time.perf_counter()
    fn(arg)
    elapsed = time.perf_counter() - start
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, top


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=PAIRS, help="folder of .html pages")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"bench_html: no corpus at {args.corpus} (give --corpus DIR)")
    from bs4 import BeautifulSoup

    raw = [p.read_bytes() for p in sorted(args.corpus.glob("*.html"))]
    docs = [d.decode("utf-8") for d in raw]
    total = sum(len(d) for d in raw) / 1e6
    print(f"gov-pairs: {len(docs)} pages, {total:.2f} MB, best of {args.repeat}")
    rows = [
        ("bs4 + html.parser (parse + get_text)",
         lambda d: BeautifulSoup(d, "html.parser").get_text("\n")),
        ("bs4 + lxml (parse + get_text)", lambda d: BeautifulSoup(d, "lxml").get_text("\n")),
        ("tracker streaming lxml (extract)", extract),
        ("tracker html_to_text (decode + extract)", None),
    ]
    for name, fn in rows:
        if fn is None:
            seconds = best(html_to_text, raw, args.repeat)
        else:
            seconds = best(fn, docs, args.repeat)
        print(f"  {name:42s} {seconds * 1000:8.1f} ms  ({seconds * 1000 / len(docs):6.2f} ms/page)")

    depth = 100_000
    nested = "<body>" + "<div>" * depth + "deep" + "</div>" * depth + "</body>"
    big = "<html><body>" + "".join(docs[i % len(docs)] for i in range(80)) + "</body></html>"
    for name, doc in ((f"{depth:,} nested divs", nested), (f"{len(big) / 1e6:.1f} MB page", big)):
        seconds, top = peak(extract, doc)
        print(f"  tracker on {name:22s} {seconds * 1000:8.1f} ms, peak {top / 1e6:6.1f} MB "
              f"(input {len(doc) / 1e6:.1f} MB)")
        seconds, top = peak(lambda d: BeautifulSoup(d, "lxml").get_text("\n"), doc)
        print(f"  bs4+lxml on {name:21s} {seconds * 1000:8.1f} ms, peak {top / 1e6:6.1f} MB")


if __name__ == "__main__":
    main()
