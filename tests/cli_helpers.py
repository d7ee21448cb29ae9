"""Run the real `tracker` command in a subprocess, as a user or a CI job would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from samples import SAMPLES as SEEDS


@dataclass
class Result:
    code: int
    out: str
    err: str


def tracker(*args: str, cwd: Path | None = None, env: dict | None = None) -> Result:
    full_env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    full_env.pop("NO_COLOR", None)
    full_env.pop("TRACKER_STORE", None)
    full_env.update(env or {})
    p = subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Result(p.returncode, p.stdout, p.stderr)


def tracker_json(*args: str) -> dict:
    """Run a command with `--format json` and return its document (it must succeed)."""
    r = tracker(*args, "--format", "json")
    assert r.code == 0, r.err
    return json.loads(r.out)


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def make_store(root: Path) -> Path:
    """A store at root/snaps holding the five samples as source rusemb.org.uk."""
    store = root / "snaps"
    r = tracker(
        "import", "--store", str(store), "--source", "rusemb.org.uk", *map(str, seed_files())
    )
    assert r.code == 0, r.err
    return store
