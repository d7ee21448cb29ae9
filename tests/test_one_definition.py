"""Concepts written once (issue 12, *One definition per concept*): what reviewers found written
twice stays written once. Each test reads the code for the second copy that was removed."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRACKER = ROOT / "tracker"


def _calls(path: Path) -> set[str]:
    """Dotted names called in a module (`os.fork`, `ProcessPoolExecutor`, ...)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            out.add(ast.unparse(node.func))
    return out


def test_only_tracker_fork_forks():
    """One module knows how to run work in a forked copy of the process and when it can:
    `run`'s checks and the changelog's workers both go through tracker/fork.py."""
    forking = {"os.fork", "ProcessPoolExecutor", "os.sched_getaffinity", "os.cpu_count"}
    found = [
        f"{path.relative_to(ROOT)}: {', '.join(sorted(_calls(path) & forking))}"
        for path in sorted(TRACKER.rglob("*.py"))
        if path.name != "fork.py" and _calls(path) & forking
    ]
    assert not found, found
