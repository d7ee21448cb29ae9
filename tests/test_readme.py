"""The README is part of the interface: its commands must work and its option list be complete."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import click
import pytest

from tracker.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _quick_start() -> list[str]:
    """The two commands of the README's first code block, in order."""
    block = re.search(r"```(?:sh|bash|console)?\n(.*?)```", README, re.S)
    assert block, "README must start with a code block holding the two commands"
    return [line for line in block.group(1).splitlines() if line and not line.startswith("#")]


def _options(command: click.Command) -> list[str]:
    names = []
    for param in command.params:
        if isinstance(param, click.Option):
            names += [o for o in param.opts if o.startswith("--")]
    return names


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_is_documented(name):
    command = cli.get_command(click.Context(cli), name)
    assert command is not None, f"tracker {name} is listed but cannot be loaded"
    section = re.search(rf"^### `tracker {name}\b.*?(?=^### |^## |\Z)", README, re.S | re.M)
    assert section, f"README has no '### `tracker {name}`' section"
    missing = [o for o in _options(command) if o not in section.group(0) and o != "--help"]
    assert not missing, f"tracker {name}: options missing from its README section: {missing}"


def test_ci_runs_the_readme_test_command():
    setup_and_run, setup_and_test = _quick_start()
    assert "tracker diff 2021-09-20 2021-10-26" in setup_and_run
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert setup_and_test in ci.splitlines(), ".ci/run must run the README's test command verbatim"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_first_readme_command_on_a_fresh_clone(tmp_path):
    """Clone the committed project, run the README's first command exactly, read its report."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    if not (clone / "snapshots").is_dir():
        pytest.skip("the sample snapshots are not committed yet")
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "TRACKER_STORE")}
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p
    )
    env.setdefault("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    command = _quick_start()[0]
    result = subprocess.run(
        ["bash", "-c", command], cwd=clone, env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    assert "36 days" in out
    assert "info@rusemb.org.uk" in out
    assert "1296 → 1332" in out and "on schedule" in out
