"""Time `tracker import` of N synthetic captures against plain `git add` + `git commit`.

Usage: python benchmarks/bench_import.py [N ...]   (default: 1000 10000)

tracker writes two files per capture (the bytes and the JSON sidecar) into the work tree;
`git add` finds its files already there, so the table also times the `cp -r` that puts them
there, and gives the ratio both with and without it.

Each capture is shaped like the sample pages: a date line and a world clock (so the capture time
comes from the page), the two day counters, a contact block and news paragraphs. Both sides start
a fresh repository and run as subprocesses, process start included.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

REPEAT = int(os.environ.get("BENCH_REPEAT", 3))  # runs per N; the table shows medians
ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "embassy minister statement foreign affairs press release news london moscow british "
    "russian cooperation relations security council meeting ambassador interview visit trade "
    "sanctions conference information response authorities incident credible"
).split()


def page(i: int, rng: random.Random) -> str:
    moment = datetime(2018, 3, 20, tzinfo=UTC) + timedelta(minutes=37 * i + rng.randrange(30))
    moscow = moment.astimezone(ZoneInfo("Europe/Moscow"))
    london = moment.astimezone(ZoneInfo("Europe/London"))
    days1 = (moscow.date() - datetime(2018, 3, 4).date()).days
    days2 = (moscow.date() - datetime(2018, 3, 12).date()).days
    news = []
    for _ in range(rng.randrange(12, 24)):
        title = " ".join(rng.choice(WORDS) for _ in range(8)).capitalize()
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(40, 90)))
        news.append(f"{moscow.strftime('%d.%m.%Y')}\n\n{title}\n\n{body.capitalize()}.\n")
    return (
        f"{moscow.day} {moscow.strftime('%B %Y')}\n"
        f"Moscow: {moscow:%H:%M}\nLondon: {london:%H:%M}\n\n"
        "Consular queries:  \n+44 (0) 203 668 7474  \ninfo@rusemb.org.uk  \n\n"
        f"{days1} days have passed since the Salisbury incident{' ' * 60}"
        f"{days2} days have passed since Nikolay Glushkov's death\n\n" + "\n".join(news)
    )


def generate(folder: Path, n: int) -> int:
    rng = random.Random(n)
    total = 0
    for i in range(n):
        data = page(i, rng).encode()
        (folder / f"page_{i:06d}.txt").write_bytes(data)
        total += len(data)
    return total


def timed(cmd: list[str], cwd: Path, env: dict) -> float:
    os.sync()  # start each run with no dirty pages from the previous one (writeback stalls)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def run(n: int, work: Path) -> tuple[float, float, float, int]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), GIT_AUTHOR_NAME="bench",
               GIT_AUTHOR_EMAIL="bench@localhost", GIT_COMMITTER_NAME="bench",
               GIT_COMMITTER_EMAIL="bench@localhost")
    pages = work / f"pages{n}"
    pages.mkdir()
    size = generate(pages, n)
    results: dict[str, list[float]] = {"ours": [], "copy": [], "git": []}
    for round_ in range(REPEAT):
        # tracker: a fresh store, made a repository on first write.
        store = work / f"store{n}-{round_}"
        results["ours"].append(timed(
            [sys.executable, "-m", "tracker", "import", "--source", "bench", "--store",
             str(store), str(pages)], work, env,
        ))
        # git: the same files copied into a fresh repository (timed apart), then add + commit.
        repo = work / f"repo{n}-{round_}"
        repo.mkdir()
        subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
        results["copy"].append(timed(["cp", "-r", str(pages), str(repo / "bench")], repo, env))
        results["git"].append(
            timed(["sh", "-c", "git add -A && git commit -q -m import"], repo, env)
        )
    ours, copy, git = (statistics.median(results[k]) for k in ("ours", "copy", "git"))
    return ours, copy, git, size


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    print(
        f"{'N':>7} {'MB':>6} {'tracker import':>15} {'git add+commit':>15} {'cp -r':>7}"
        f" {'ratio':>6} {'ratio incl. cp':>15}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            ours, copy, git, size = run(n, Path(tmp))
            print(
                f"{n:>7} {size / 1e6:>6.1f} {ours:>14.2f}s {git:>14.2f}s {copy:>6.2f}s"
                f" {ours / git:>6.2f} {ours / (git + copy):>15.2f}"
            )


if __name__ == "__main__":
    main()
