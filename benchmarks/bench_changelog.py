"""Cold and warm `tracker log` (the changelog) over long synthetic histories, beside a shell
loop of `git diff --no-index --word-diff` on the same consecutive pairs.

Usage: python benchmarks/bench_changelog.py [N ...]   (default: 1000 10000)

The history evolves like the sample page: every capture is ~9 hours after the previous one, its
date line, clocks and day counters move, and now and then a news item is published at the top
of the list (the oldest one drops off) or the featured article is replaced. "Cold" runs with no
cache (every pair diffed), on every core; "cold, 1 worker" the same with TRACKER_WORKERS=1;
"warm" runs again with the cache the cold run left (the median of WARM runs: one takes a
tenth of a second, so one late core on a shared machine would double it). All are
`tracker log --format json`
subprocesses, process start included, timed in wall and CPU seconds (the CPU of a process and
its workers does not depend on the load of a shared machine). "git loop" runs one
`git diff --no-index --word-diff` process on each of the N-1 consecutive pairs of the same pages,
written out once before timing, as a shell loop would. Ratios are against the git loop of the
same run (goals: cold <= 0.5, warm <= 0.05); "load" is the 1-minute load average before and
after each size (2 cores: above 1, the runs shared them).
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

WARM = 5

WORDS = (
    "embassy minister statement foreign affairs press release news london moscow british "
    "russian cooperation relations security council meeting ambassador interview visit trade "
    "sanctions conference information response authorities incident credible"
).split()


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def history(n: int, folder: Path) -> None:
    rng = random.Random(n)
    # A capture every ~9.5 hours from 2019, or from earlier for a history so long that it
    # would reach the future: tracker refuses a capture timed there.
    moment = min(datetime(2019, 1, 1, 6, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)
                 - timedelta(hours=10) * n)
    counted_from = moment.date() - timedelta(days=303)  # 2018-03-04 for a history from 2019
    news = [(moment.strftime("%d.%m.%Y"), sentence(rng, 9), sentence(rng, 60)) for _ in range(20)]
    article = [sentence(rng, 12)] + [sentence(rng, 80) for _ in range(8)]
    for i in range(n):
        moment += timedelta(hours=9, minutes=rng.randrange(60))
        moscow = moment.astimezone(ZoneInfo("Europe/Moscow"))
        london = moment.astimezone(ZoneInfo("Europe/London"))
        if rng.random() < 0.3:
            news = [(moscow.strftime("%d.%m.%Y"), sentence(rng, 9), sentence(rng, 60))] + news[:-1]
        if rng.random() < 0.05:
            article = [sentence(rng, 12)] + [sentence(rng, 80) for _ in range(8)]
        days = (moscow.date() - counted_from).days
        text = (
            f"{moscow.day} {moscow:%B %Y}\nMoscow: {moscow:%H:%M}\nLondon: {london:%H:%M}\n\n"
            "Consular queries:\n+44 (0) 203 668 7474\ninfo@rusemb.org.uk\n\n"
            f"{days} days have passed since the Salisbury incident\n\n"
            + "\n\n".join(article)
            + "\n\nLATEST EVENTS\n\n"
            + "\n\n".join(f"{d} - {t}\n\n{b}." for d, t, b in news)
        )
        (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")


def cpu() -> float:
    """CPU seconds of the finished child processes (and theirs): what the load of a shared
    machine does not change."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def tracker(*args: str, cwd: Path, env: dict | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of one tracker process."""
    start, used = time.perf_counter(), cpu()
    subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        cwd=cwd,
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    return time.perf_counter() - start, cpu() - used


def git_loop(pages: Path) -> tuple[float, float]:
    files = sorted(pages.iterdir())
    start, used = time.perf_counter(), cpu()
    for old, new in zip(files, files[1:], strict=False):
        subprocess.run(
            ["git", "diff", "--no-index", "--word-diff", "--", str(old), str(new)],
            stdout=subprocess.DEVNULL,
            check=False,  # exit 1: the files differ
        )
    return time.perf_counter() - start, cpu() - used


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    # timed as installed: with compiled bytecode, not every module compiled again per process
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    import tracker as package

    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(package.__file__).parent)], check=True
    )
    os.environ.setdefault("GIT_AUTHOR_NAME", "bench")
    os.environ.setdefault("GIT_AUTHOR_EMAIL", "bench@example.org")
    os.environ.setdefault("GIT_COMMITTER_NAME", "bench")
    os.environ.setdefault("GIT_COMMITTER_EMAIL", "bench@example.org")
    print("wall seconds (CPU seconds), ratios of wall times")
    print(
        f"{'captures':>9} {'KB/capture':>10} {'git loop':>15} {'cold log':>15} "
        f"{'cold, 1 worker':>15} {'warm log':>15} {'cold/git':>9} {'warm/git':>9} load"
    )
    for n in sizes:
        load = os.getloadavg()[0]
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            pages = work / "pages"
            pages.mkdir()
            history(n, pages)
            size = sum(f.stat().st_size for f in pages.iterdir()) / n / 1024
            tracker("import", "--source", "bench", str(pages), cwd=work)
            git = git_loop(pages)
            shutil.rmtree(pages)
            time.sleep(max(0.0, 2.1 - git[0]))  # files written under 2 s ago are not trusted
            cache = work / "snapshots" / ".git" / "tracker"
            shutil.rmtree(cache, ignore_errors=True)
            serial = tracker("log", "--format", "json", cwd=work, env={"TRACKER_WORKERS": "1"})
            shutil.rmtree(cache, ignore_errors=True)
            cold = tracker("log", "--format", "json", cwd=work)
            runs = [tracker("log", "--format", "json", cwd=work) for _ in range(WARM)]
            warm = min(runs, key=lambda r: abs(r[0] - statistics.median(w for w, _ in runs)))
        cells = " ".join(f"{w:>6.3f} ({c:>5.2f})" for w, c in (git, cold, serial, warm))
        after = os.getloadavg()[0]
        print(
            f"{n:>9} {size:>10.1f} {cells} {cold[0] / git[0]:>9.2f} {warm[0] / git[0]:>9.3f}"
            f" {load:>4.1f}-{after:.1f}",
            flush=True,
        )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS of the largest child process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
