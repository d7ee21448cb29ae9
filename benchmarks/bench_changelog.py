"""Cold and warm `tracker log` (the changelog) over long synthetic histories, beside a shell
loop of `git diff --no-index --word-diff` on the same consecutive pairs.

Usage: python benchmarks/bench_changelog.py [N ...]   (default: 1000 10000)

The history evolves like the sample page: every capture is ~9 hours after the previous one, its
date line, clocks and day counters move, and now and then a news item is published at the top
of the list (the oldest one drops off) or the featured article is replaced. "Cold" runs with no
cache (every pair diffed); "warm" runs again with the cache the cold run left. Both are
`tracker log --format json` subprocesses, process start included. "git loop" runs one
`git diff --no-index --word-diff` process on each of the N-1 consecutive pairs of the same pages,
written out once before timing, as a shell loop would. Ratios are against the git loop of the
same run (goals: cold <= 0.5, warm <= 0.05).
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

WORDS = (
    "embassy minister statement foreign affairs press release news london moscow british "
    "russian cooperation relations security council meeting ambassador interview visit trade "
    "sanctions conference information response authorities incident credible"
).split()


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def history(n: int, folder: Path) -> None:
    rng = random.Random(n)
    moment = datetime(2019, 1, 1, 6, tzinfo=UTC)
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
        days = (moscow.date() - datetime(2018, 3, 4).date()).days
        text = (
            f"{moscow.day} {moscow:%B %Y}\nMoscow: {moscow:%H:%M}\nLondon: {london:%H:%M}\n\n"
            "Consular queries:\n+44 (0) 203 668 7474\ninfo@rusemb.org.uk\n\n"
            f"{days} days have passed since the Salisbury incident\n\n"
            + "\n\n".join(article)
            + "\n\nLATEST EVENTS\n\n"
            + "\n\n".join(f"{d} - {t}\n\n{b}." for d, t, b in news)
        )
        (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")


def tracker(*args: str, cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tracker", *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def git_loop(pages: Path) -> float:
    files = sorted(pages.iterdir())
    start = time.perf_counter()
    for old, new in zip(files, files[1:], strict=False):
        subprocess.run(
            ["git", "diff", "--no-index", "--word-diff", "--", str(old), str(new)],
            stdout=subprocess.DEVNULL,
            check=False,  # exit 1: the files differ
        )
    return time.perf_counter() - start


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
    print(
        f"{'captures':>9} {'KB/capture':>10} {'import s':>9} {'git loop s':>11} "
        f"{'cold log s':>11} {'warm log s':>11} {'cold/git':>9} {'warm/git':>9}"
    )
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            pages = work / "pages"
            pages.mkdir()
            history(n, pages)
            size = sum(f.stat().st_size for f in pages.iterdir()) / n / 1024
            imported = tracker("import", "--source", "bench", str(pages), cwd=work)
            git = git_loop(pages)
            shutil.rmtree(pages)
            cache = work / "snapshots" / ".git" / "tracker"
            shutil.rmtree(cache, ignore_errors=True)
            cold = tracker("log", "--format", "json", cwd=work)
            warm = tracker("log", "--format", "json", cwd=work)
        print(
            f"{n:>9} {size:>10.1f} {imported:>9.1f} {git:>11.2f} {cold:>11.2f} {warm:>11.2f} "
            f"{cold / git:>9.2f} {warm / git:>9.2f}",
            flush=True,
        )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS of the largest child process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
