"""`tracker report` over a long synthetic history: cold, warm caches, and incremental.

Usage: python benchmarks/bench_report.py [N ...]   (default: 1000)

The history is bench_changelog's (a capture every ~9 hours, news rotating, the article replaced
now and then). Four runs of `tracker report` (subprocesses, process start included):
  cold         no cache, no site: every pair diffed and every page written;
  warm caches  the history cache kept, the site deleted: every page rendered from cached
               changelog entries and diff fragments, none diffed;
  unchanged    the same again on the existing site: nothing rendered, nothing written;
  +1 capture   one new capture imported: its page and the pages that link to it rewritten.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_changelog import history  # noqa: E402


def tracker(*args: str, cwd: Path) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, what it wrote) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    p = subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, p.stdout.strip().rsplit(": ", 1)[-1]


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000]
    for name in ("AUTHOR", "COMMITTER"):
        os.environ.setdefault(f"GIT_{name}_NAME", "bench")
        os.environ.setdefault(f"GIT_{name}_EMAIL", "bench@example.org")
    print(f"{'captures':>9} {'run':<12} {'wall s':>7} {'CPU s':>6}  files")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            pages = work / "pages"
            pages.mkdir()
            history(n + 1, pages)
            last = sorted(pages.iterdir())[-1]
            extra = work / last.name
            last.rename(extra)
            subprocess.run(
                [sys.executable, "-m", "tracker", "import", "--source", "bench", str(pages)],
                cwd=work,
                check=True,
                capture_output=True,
            )
            shutil.rmtree(pages)
            shutil.rmtree(work / "snapshots" / ".git" / "tracker", ignore_errors=True)
            runs = [("cold", tracker("report", cwd=work))]
            shutil.rmtree(work / "report")
            runs.append(("warm caches", tracker("report", cwd=work)))
            runs.append(("unchanged", tracker("report", cwd=work)))
            subprocess.run(
                [sys.executable, "-m", "tracker", "import", "--source", "bench", str(extra)],
                cwd=work,
                check=True,
                capture_output=True,
            )
            runs.append(("+1 capture", tracker("report", cwd=work)))
            for label, (wall, cpu, files) in runs:
                print(f"{n:>9} {label:<12} {wall:>7.2f} {cpu:>6.2f}  {files}", flush=True)


if __name__ == "__main__":
    main()
