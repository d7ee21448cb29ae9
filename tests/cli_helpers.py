"""The `tracker` command as tests run it: in-process by default, in a subprocess on request.

`tracker(...)` runs the CLI's own entry point (`tracker.cli.main`: the same error handling and
exit codes as the script) through click's CliRunner, which costs milliseconds where a new
interpreter costs most of a second. `tracker_process(...)` runs `python -m tracker` for the
tests where the process boundary is the point: signals, what is imported at start-up, the
exit status a shell sees. Both return the same `Result`, and both give the command the same
environment: the test's, with a git identity and without NO_COLOR.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from samples import SAMPLES as SEEDS

IDENTITY = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
}


@dataclass
class Result:
    code: int
    out: str
    err: str
    raw: bytes = b""  # stdout as bytes (`show --raw`)

    # subprocess.CompletedProcess's names, and `code, out, err = ...`, so tests read either way
    @property
    def returncode(self) -> int:
        return self.code

    @property
    def stdout(self) -> str:
        return self.out

    @property
    def stderr(self) -> str:
        return self.err

    def __iter__(self):
        return iter((self.code, self.out, self.err))

    def json(self):
        assert self.code in (0, 1), self.err
        return json.loads(self.out)


def _overrides(env: dict | None) -> dict[str, str | None]:
    """The environment changes for one run (None: unset): a git identity, no colour setting.
    (conftest.py removes the TRACKER_* variables of the shell that started pytest, so only
    those a test sets itself reach the command.)"""
    changes: dict[str, str | None] = {"NO_COLOR": None, **IDENTITY}
    changes.update(env or {})
    return changes


class _Entry:
    """What CliRunner invokes: `tracker.cli.main`, the script's entry point (not the bare click
    group), so errors become the same one line and exit code as for a user."""

    name = "tracker"

    def main(self, args, prog_name=None, **extra):
        from tracker.cli import main

        main(list(args))


def _runner():
    from click.testing import CliRunner

    try:
        return CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        return CliRunner()  # click >= 8.2 keeps stderr apart always


def _reset() -> None:
    """Module state one command leaves behind that would change the next one's output."""
    from tracker import redact

    redact._registered.clear()


def tracker(
    *args: str | Path,
    cwd: Path | str | None = None,
    env: dict | None = None,
    input: str | bytes | None = None,
) -> Result:
    """`tracker ARGS` in this process, from `cwd`, with `env` on top of the test environment."""
    _reset()
    place = contextlib.chdir(cwd) if cwd is not None else contextlib.nullcontext()
    try:
        with place:
            r = _runner().invoke(
                _Entry(), [str(a) for a in args], input=input, env=_overrides(env),
                catch_exceptions=False,
            )
    finally:
        _reset()
    return Result(r.exit_code, r.stdout, r.stderr, r.stdout_bytes)


def tracker_process(
    *args: str | Path,
    cwd: Path | str | None = None,
    env: dict | None = None,
    input: str | bytes | None = None,
    timeout: float = 300,
) -> Result:
    """`python -m tracker ARGS` in a new process: for signals, start-up imports, exit status."""
    full_env = dict(os.environ)
    for name, value in _overrides(env).items():
        if value is None:
            full_env.pop(name, None)
        else:
            full_env[name] = value
    p = subprocess.run(
        [sys.executable, "-m", "tracker", *map(str, args)],
        cwd=cwd,
        env=full_env,
        input=input.encode() if isinstance(input, str) else input,
        capture_output=True,
        timeout=timeout,
    )
    out, err = (b.decode(errors="replace").replace("\r\n", "\n") for b in (p.stdout, p.stderr))
    return Result(p.returncode, out, err, p.stdout)


def tracker_json(*args: str, cwd: Path | str | None = None, env: dict | None = None) -> dict:
    """Run a command with `--format json` and return its document (it must succeed)."""
    r = tracker(*args, "--format", "json", cwd=cwd, env=env)
    assert r.code == 0, r.err
    return json.loads(r.out)


def diff_pages(tmp_path: Path, old: str, new: str, *args: str) -> dict:
    """`tracker diff --format json` of two texts imported as two days' captures of one source."""
    store = tmp_path / "snaps"
    for day, text in (("2024-01-01", old), ("2024-01-02", new)):
        page = tmp_path / f"{day}.txt"
        page.write_text(text, encoding="utf-8")
        done = tracker("import", "--store", str(store), "--source", "x", "--at", day, str(page))
        assert done.code == 0, done.err
    done = tracker("diff", "--store", str(store), "--format", "json", *args)
    assert done.code in (0, 1), done.err
    return json.loads(done.out)


TWO_DAYS = ("2024-03-04T09:00Z", "2024-03-05T09:00Z")


def page_pairs_store(store: Path, pages: Path, names, times: dict | None = None) -> Path:
    """A store of one source per page pair (`NAME-before.html`, `NAME-after.html` in `pages`),
    each captured at `times[NAME]` (default: two consecutive days, TWO_DAYS)."""
    for name in names:
        for side, at in zip(("before", "after"), (times or {}).get(name, TWO_DAYS), strict=True):
            page = pages / f"{name}-{side}.html"
            r = tracker("import", "--store", str(store), "--source", name, "--at", at, str(page))
            assert r.code == 0, r.err
    return store


def source_check(store: Path, name: str) -> int:
    """`tracker check`'s exit code for one source of a store (0 or 1: anything else fails)."""
    done = tracker("check", "--store", str(store), "--source", name)
    assert done.code in (0, 1), done.err
    return done.code


def daily_store(tmp_path: Path, pages: list[str]) -> Path:
    """A store of one source "p" whose captures are `pages` (HTML), one a day from 1 May 2024."""
    store = tmp_path / "store"
    for day, html in enumerate(pages, start=1):
        page = tmp_path / f"p{day}.html"
        page.write_text(html, encoding="utf-8")
        r = tracker("import", "--store", store, "--source", "p", "--at", f"2024-05-0{day}", page)
        assert r.code == 0, r.err
    return store


def source_changes(store: Path, name: str) -> list[dict]:
    """The changes `tracker diff --format json` reports for one source's latest two captures."""
    return tracker_json("diff", "--store", str(store), "--source", name)["changes"]


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def make_store(root: Path) -> Path:
    """A store at root/snaps holding the five samples as source rusemb.org.uk: a copy of the
    one this process imported first with the same git settings, where it would be a new
    repository of its own (importing costs a dozen git calls, copying none)."""
    store = root / "snaps"
    key = _git_settings()
    if store.exists() or _in_repository(root):
        return _import_samples(store)
    if key not in _BUILT:
        _BUILT[key] = _import_samples(Path(tempfile.mkdtemp(prefix="tracker-tests-")) / "snaps")
        if len(_BUILT) == 1:
            atexit.register(lambda: [shutil.rmtree(p.parent, True) for p in _BUILT.values()])
    if not (_BUILT[key] / ".git").is_dir():  # it went into an enclosing repository
        return _import_samples(store)
    shutil.copytree(_BUILT[key], store, symlinks=True)
    return store


_BUILT: dict[tuple, Path] = {}


def _import_samples(store: Path) -> Path:
    r = tracker(
        "import", "--store", str(store), "--source", "rusemb.org.uk", *map(str, seed_files())
    )
    assert r.code == 0, r.err
    return store


def _git_settings() -> tuple:
    """What git and tracker read from the environment when making a store (the global git
    config by its content: its path is new in every test)."""
    env = {k: v for k, v in os.environ.items() if k.startswith(("GIT_", "TRACKER_"))}
    config = env.pop("GIT_CONFIG_GLOBAL", None)
    if config is not None:
        config = Path(config).read_bytes() if Path(config).is_file() else b""
    return (tuple(sorted(env.items())), config, os.environ.get("HOME"),
            os.environ.get("XDG_CONFIG_HOME"))


def _in_repository(path: Path) -> bool:
    """Whether a store made at `path` would go into an enclosing git repository."""
    return any((p / ".git").exists() for p in (Path(path).resolve(), *Path(path).resolve().parents))
