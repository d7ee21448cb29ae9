"""Where a whole `tracker diff first latest --format json` spends its CPU, stage by stage.

Each run is a fresh process that runs the command in-process with a CPU timer around each
stage (the store's reads, the differ's steps, the JSON writer); medians over `--repeat` runs.
`imports` is from the script's start (the interpreter's own start-up, ~15 ms, is not in it)
to the command's start; `other` is what no timer holds (click, the store's listing, the
status checks, writing). The store is one `bench_diff.py --process` builds, or any store.

    .venv/bin/python benchmarks/bench_stages.py STORE [--repeat 9]
"""

from __future__ import annotations

import argparse
import atexit
import json
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

T0 = time.process_time()
ROOT = Path(__file__).resolve().parents[1]

# (module, attribute, stage): a stage's functions, wrapped where the caller looks them up
STAGES = [
    ("tracker.store", "Store.read_bytes", "reading (file, sha256)"),
    ("tracker.store", "Store.read_text", "decoding"),
    ("tracker.differ.engine", "block_texts_pair", "segmenting"),
    ("tracker.differ.engine", "align", "alignment"),
    ("tracker.differ.engine", "gaps", "alignment"),
    ("tracker.differ.engine", "pair", "pairing"),
    ("tracker.differ.engine", "_changes_of", "classification, word diffs"),
    ("tracker.differ.engine", "_contacts_take_over", "contacts"),
    ("tracker.differ.engine", "annotate", "titles"),
    ("tracker.cli.diff", "dumps", "JSON"),
]


def one(store: str) -> None:
    """Run the command once in this process; print its stages' CPU ms as JSON on stderr."""
    import importlib

    sys.argv = ["tracker", "diff", "first", "latest", "--store", store, "--format", "json"]
    from tracker import cli

    spent: Counter = Counter()
    for module, attr, stage in STAGES:
        owner = importlib.import_module(module)
        holder, _, name = attr.rpartition(".")
        if holder:
            owner = getattr(owner, holder)
        fn = getattr(owner, name)

        def timed(*a, _fn=fn, _stage=stage, **k):
            start = time.process_time()
            try:
                return _fn(*a, **k)
            finally:
                spent[_stage] += time.process_time() - start

        setattr(owner, name, timed)
    spent["imports"] = time.process_time() - T0

    def report() -> None:  # the command ends the process itself, after the atexit handlers
        total = time.process_time() - T0
        spent["other"] = total - sum(spent.values())
        spent["total"] = total
        print(json.dumps({k: v * 1000 for k, v in spent.items()}), file=sys.stderr)

    atexit.register(report)
    cli.main()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("store")
    ap.add_argument("--repeat", type=int, default=9)
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        return one(args.store)
    runs = []
    for _ in range(args.repeat + 1):  # the first is a warm-up (bytecode, page cache)
        p = subprocess.run(
            [sys.executable, __file__, args.store, "--one"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=True,
        )
        runs.append(json.loads(p.stderr.strip().splitlines()[-1]))
    runs = runs[1:]
    print(f"CPU ms, medians of {args.repeat} runs of tracker diff first latest --format json")
    for stage in ["imports", *dict.fromkeys(s for _, _, s in STAGES), "other", "total"]:
        print(f"{statistics.median(r.get(stage, 0.0) for r in runs):8.1f}  {stage}")


if __name__ == "__main__":
    main()
