"""The differ beside `git diff --no-index --word-diff`, on the sample pairs and on synthetic pages.

Synthetic pages are shaped like the samples (date/clock header, contact lines, two side-by-side
day counters, a featured article, dated news items with a body paragraph), built from the
samples' own paragraphs, at 100 KB, 1 MB and 10 MB; the new page has 1-5 % of its blocks
changed (words replaced, paragraphs added, removed and moved, counters moved on).

    .venv/bin/python benchmarks/bench_diff.py [--sizes 100k,1m,10m] [--repeat 3] [--no-memory]
    .venv/bin/python benchmarks/bench_diff.py --process 10m [--share 0.03] [--repeat 5]
    .venv/bin/python benchmarks/bench_diff.py --against ../base --sizes 1m,10m [--rounds 10]
    .venv/bin/python benchmarks/bench_diff.py --process samples --against ../base [--repeat 30]

Columns: pair, MB (old page), chgs (changes reported), ours ms, git ms, ratio (ours / git),
peakMB (the differ's peak traced allocation), gitRSS* (git's peak resident size).
Time: the median CPU time of --repeat runs of `diff(old, new)` (texts in memory) and of git (a
subprocess on the same two files). Memory: the differ's peak traced allocation (tracemalloc, a
separate untimed run) and git's peak RSS (getrusage of the children).

`--process SIZE`: whole processes side by side, as a user runs them. A synthetic pair of that
size (`--share` of its paragraphs changed) is imported into a temporary store (not timed), then
`tracker diff first latest --format json` (store, decoding, differ, JSON, writing) and
`git diff --no-index --word-diff` on the same two files run alternately `--repeat` times; the
medians of wall and CPU time (user + system, what to compare on a shared machine) and the
ratios are printed, with a third process beside them: `benchmarks/floor.py`, the least any
Python comparison of two stored captures costs (read, sha256, decode, split into paragraphs,
set difference, JSON; none of tracker's normalising, aligning or classifying). Python may
write its bytecode cache (a warm-up run of each comes first), as it does for an installed
tracker.

`--against CHECKOUT`: this tracker's differ beside another checkout's (e.g. a `git worktree` of
an older commit), same pairs, one worker process per side asked in turn, medians of CPU time:
the way to tell whether a change made the differ slower on a busy machine.

`--process samples --against CHECKOUT`: the whole `tracker diff 2021-09-20 2021-10-26` on the
bundled store, as a user runs it (text to a pipe, then `--format json`), this checkout's and the
other's taking turns `--repeat` times after a warm-up (which, like a user's first run, also fills
the caches of `$XDG_CACHE_HOME/tracker`: date names, compiled regular expressions); medians of CPU
time (user + system).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

# the tracker to measure: this checkout's, or another's (--against runs one of these per side)
sys.path.insert(0, os.environ.get("BENCH_TRACKER") or str(Path(__file__).resolve().parents[1]))

from tracker import dates  # noqa: E402
from tracker.differ import contacts, diff  # noqa: E402

# the five sample captures ship in the project (imported byte for byte from the seeds)
SEEDS = Path(__file__).resolve().parents[1] / "snapshots" / "rusemb.org.uk"
SIZES = {"100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}


def sample_paragraphs() -> list[str]:
    paras = []
    for path in sorted(SEEDS.glob("*.txt")):
        for p in path.read_text(encoding="utf-8").split("\n\n"):
            p = p.strip()
            if len(p) > 40 and "days have passed" not in p:
                paras.append(p)
    return paras


def synthetic_page(size: int, rng: random.Random, paras: list[str]) -> list[str]:
    """A page as a list of raw paragraphs, about `size` characters."""
    out = [
        "21 May 2022\nMoscow: 11:16\nLondon: 09:16",
        "Consular queries:\xa0 \xa0 \n+44 (0) 203 161 8868\xa0 \xa0 \n[email\xa0protected]",
        "1539 days have passed since the Salisbury incident"
        + "\xa0 " * 100
        + "1531 days have passed since the death of Nikolay Glushkov on British soil",
        "PRESS RELEASES AND NEWS",
    ]
    total = sum(map(len, out))
    day = 0
    while total < size:
        day += 1
        title = rng.choice(paras)[:120]
        body = rng.choice(paras)
        # make every paragraph distinct, as real pages mostly are
        item = f"{1 + day % 28:02d}.{1 + day % 12:02d}.{2000 + day // 336} - {title} #{day}"
        out += [item, f"{body} ({day})"]
        total += len(item) + len(body) + 12
    out.append("all messages")
    return out


def mutate(page: list[str], rng: random.Random, share: float) -> list[str]:
    new = list(page)
    n = max(1, int(len(new) * share))
    vocab = " ".join(new[: min(len(new), 200)]).split()
    for _ in range(n):
        k = rng.randrange(4, len(new) - 1)
        op = rng.random()
        if op < 0.45:  # words replaced inside a paragraph
            words = new[k].split(" ")
            for _ in range(rng.randint(1, 3)):
                words[rng.randrange(len(words))] = rng.choice(vocab)
            new[k] = " ".join(words)
        elif op < 0.65:
            new.insert(k, f"Inserted paragraph {k}: " + " ".join(rng.choices(vocab, k=40)))
        elif op < 0.85:
            del new[k]
        else:
            p = new.pop(k)
            new.insert(rng.randrange(4, len(new)), p)
    new[2] = new[2].replace("1539", "1546").replace("1531", "1538")
    return new


def median_cpu(fn, repeat: int) -> float:
    """The median CPU time (this process's and its children's) of `repeat` runs of `fn`: on
    a shared machine the wall clock also counts the other processes' turns."""
    times = []
    for _ in range(repeat):
        # each run parses its phones and reads its dates: no help from the last one
        contacts._phones.cache_clear()
        if hasattr(dates, "_find"):  # older trackers have no remembered dates
            dates._find.cache_clear()
        t = _cpu()
        fn()
        times.append(_cpu() - t)
    return statistics.median(times)


def _cpu() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


def git_word_diff(a: Path, b: Path) -> None:
    r = subprocess.run(
        ["git", "diff", "--no-index", "--no-color", "--word-diff", str(a), str(b)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    if r.returncode not in (0, 1):
        raise RuntimeError(r.stderr.decode())


def peak_traced(fn) -> int:
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def row(name: str, old: str, new: str, tmp: Path, repeat: int, memory: bool) -> None:
    a, b = tmp / f"{name}-old.txt", tmp / f"{name}-new.txt"
    a.write_text(old, encoding="utf-8")
    b.write_text(new, encoding="utf-8")
    t_ours = median_cpu(lambda: diff(old, new), repeat)
    t_git = median_cpu(lambda: git_word_diff(a, b), repeat)
    git_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    report = diff(old, new)
    mem = f"{peak_traced(lambda: diff(old, new)) / 2**20:7.1f}" if memory else "      -"
    print(
        f"{name:>22} {len(old) / 1e6:7.2f} {len(report.changes):6d} "
        f"{t_ours * 1000:9.1f} {t_git * 1000:9.1f} {t_ours / t_git:6.2f} {mem} {git_rss:8.1f}"
    )


def process_times(cmd: list[str], env: dict, cwd: str | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of one whole process (CPU: user + system of the child)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    err = p.stderr.read().decode() if p.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{cmd[:4]}… failed: {err.strip()[:300]}")
    return wall, usage.ru_utime + usage.ru_stime


def process_rows(size_name: str, share: float, repeat: int, tmp: Path) -> None:
    """`tracker diff --format json` beside `git diff --no-index --word-diff`, whole processes."""
    rng = random.Random(f"{size_name}{share}")
    page = synthetic_page(SIZES[size_name], rng, sample_paragraphs())
    new = mutate(page, rng, share)
    a, b = tmp / "old.txt", tmp / "new.txt"
    a.write_text("\n\n".join(page), encoding="utf-8")
    b.write_text("\n\n".join(new), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.org")
    env.update(GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.org")
    tracker = [sys.executable, "-m", "tracker"]
    store = str(tmp / "store")
    for day, path in (("2024-01-01", a), ("2024-01-02", b)):
        subprocess.run(
            [*tracker, "import", "--store", store, "--source", "x", "--at", day]
            + ["--max-bytes", str(10**9), str(path)],
            check=True,
            capture_output=True,
            env=env,
        )
    ours = [*tracker, "diff", "first", "latest", "--store", store, "--format", "json"]
    git = ["git", "diff", "--no-index", "--no-color", "--word-diff", str(a), str(b)]
    stored = sorted(Path(store, "x").glob("*.txt"))  # the files tracker reads (its work tree)
    floor = [sys.executable, str(Path(__file__).with_name("floor.py")), *map(str, stored)]
    commands = {"tracker": ours, "git": git, "floor": floor}
    for cmd in commands.values():  # warm-up: bytecode cache, page cache
        process_times(cmd, env)
    runs: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
    for _ in range(repeat):
        for k, cmd in commands.items():
            runs[k].append(process_times(cmd, env))
    med = {
        k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
        for k, v in runs.items()
    }
    print(
        f"{size_name} pair, {share:.0%} of paragraphs changed, {len(a.read_bytes()) / 1e6:.1f} MB"
        f" per file, medians of {repeat}"
    )
    print(f"{'command':>44} {'wall s':>7} {'CPU s':>7}")
    print(
        f"{'tracker diff first latest --format json':>44} {med['tracker'][0]:7.3f} "
        f"{med['tracker'][1]:7.3f}"
    )
    print(f"{'git diff --no-index --word-diff':>44} {med['git'][0]:7.3f} {med['git'][1]:7.3f}")
    print(f"{'floor (benchmarks/floor.py)':>44} {med['floor'][0]:7.3f} {med['floor'][1]:7.3f}")
    for k in ("tracker", "floor"):
        print(
            f"{'ratio ' + k + ' / git':>44} {med[k][0] / med['git'][0]:7.2f} "
            f"{med[k][1] / med['git'][1]:7.2f}"
        )


def pairs(sizes: str) -> list[tuple[str, str, str]]:
    """(name, old, new): the sample pairs, then a 1 % and a 5 % synthetic pair per size."""
    out = []
    pages = {p.read_text(encoding="utf-8").split("\n", 1)[0]: p for p in SEEDS.glob("*.txt")}
    for old, new in [
        ("20 September 2021", "26 October 2021"),
        ("26 October 2021", "21 May 2022"),
        ("18 October 2018", "22 October 2018"),
    ]:
        if old in pages and new in pages:
            name = f"{old[-4:]}:{old[:6].strip()}→{new[:6].strip()}"
            out.append((name, pages[old].read_text("utf-8"), pages[new].read_text("utf-8")))
    paras = sample_paragraphs()
    for size_name in sizes.split(","):
        for share in (0.01, 0.05):
            rng = random.Random(f"{size_name}{share}")
            page = synthetic_page(SIZES[size_name], rng, paras)
            new = mutate(page, rng, share)
            out.append((f"synthetic {size_name} {share:.0%}", "\n\n".join(page), "\n\n".join(new)))
    return out


def worker(sizes: str) -> None:
    """--worker: read "index runs" lines, answer each with the CPU times of that many diffs."""
    import json

    todo = pairs(sizes)
    for line in sys.stdin:
        k, n = map(int, line.split())
        _, old, new = todo[k]
        times = []
        for _ in range(n):
            times.append(median_cpu(lambda: diff(old, new), 1))  # noqa: B023
        print(json.dumps(times), flush=True)


def against(other: str, sizes: str, rounds: int) -> None:
    """This tracker beside the one in checkout `other`, in the same run: one worker process
    each, asked in turn (a few diffs at a time, the first side alternating) so that both meet
    the same load on a shared machine; medians of CPU time."""
    import json

    here = str(Path(__file__).resolve().parents[1])
    sides = {"other": str(Path(other).resolve()), "this": here}
    procs = {
        side: subprocess.Popen(
            [sys.executable, __file__, "--worker", "--sizes", sizes],
            env={**os.environ, "BENCH_TRACKER": root, "PYTHONPATH": root},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for side, root in sides.items()
    }
    names = [name for name, _, _ in pairs(sizes)]
    times: dict[tuple[str, int], list[float]] = {}
    for r in range(rounds):
        for k, name in enumerate(names):
            n = 10 if name[0].isdigit() else 1 if "10m" in name else 2
            for side in list(sides)[:: 1 if r % 2 else -1]:
                procs[side].stdin.write(f"{k} {n}\n")
                procs[side].stdin.flush()
                times.setdefault((side, k), []).extend(json.loads(procs[side].stdout.readline()))
    for p in procs.values():
        p.stdin.close()
        p.wait()
    print(f"{'pair':>22} {other[-20:]:>20} {'this':>9} {'ratio':>6}   (ms, medians of CPU time)")
    for k, name in enumerate(names):
        a = statistics.median(times[("other", k)]) * 1000
        b = statistics.median(times[("this", k)]) * 1000
        print(f"{name:>22} {a:20.2f} {b:9.2f} {b / a:6.2f}")


def process_against(other: str, repeat: int) -> None:
    """Whole `tracker diff` processes on the samples, this checkout beside `other`: each round
    runs both formats of both sides, the first side alternating (a shared machine's slow spells
    then fall on both)."""
    here = Path(__file__).resolve().parents[1]
    sides = {"other": Path(other).resolve(), "this": here}
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    store = str(here / "snapshots")
    runs: dict[tuple[str, str], list[float]] = {}
    for r in range(repeat + 1):
        for fmt in ("text", "json"):
            cmd = [sys.executable, "-m", "tracker", "diff", "2021-09-20", "2021-10-26"]
            cmd += ["--store", store, "--format", fmt]
            for side in list(sides)[:: 1 if r % 2 else -1]:
                # run from elsewhere: `python -m` would import the tracker of the working folder
                cpu = process_times(cmd, {**env, "PYTHONPATH": str(sides[side])}, "/")[1]
                if r:  # the first round is a warm-up (bytecode cache, page cache)
                    runs.setdefault((fmt, side), []).append(cpu)
    for fmt in ("text", "json"):
        a, b = (statistics.median(runs[(fmt, s)]) * 1000 for s in sides)
        print(
            f"tracker diff (samples, {fmt}): {other[-20:]} {a:.1f} ms, this {b:.1f} ms, "
            f"ratio {b / a:.2f}  (CPU, medians of {repeat})"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="100k,1m,10m")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-memory", action="store_true")
    ap.add_argument("--process", metavar="SIZE", help="whole processes at this size (10m)")
    ap.add_argument("--share", type=float, default=0.03, help="with --process: share changed")
    ap.add_argument("--against", metavar="CHECKOUT", help="beside another checkout's tracker")
    ap.add_argument("--rounds", type=int, default=10, help="with --against")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return worker(args.sizes)
    if args.against and args.process == "samples":
        return process_against(args.against, args.repeat)
    if args.against:
        return against(args.against, args.sizes, args.rounds)
    if args.process:
        with tempfile.TemporaryDirectory() as d:
            process_rows(args.process, args.share, args.repeat, Path(d))
        return
    print(
        f"{'pair':>22} {'MB':>7} {'chgs':>6} {'ours ms':>9} {'git ms':>9} {'ratio':>6} "
        f"{'peakMB':>7} {'gitRSS*':>8}"
    )
    with tempfile.TemporaryDirectory() as d:
        for name, old, new in pairs(args.sizes):
            sample = name[0].isdigit()
            repeat = max(args.repeat, 20) if sample else args.repeat
            row(name, old, new, Path(d), repeat, not args.no_memory)
    print("* git's peak RSS so far in this run (getrusage of children: a running maximum)")


if __name__ == "__main__":
    main()
