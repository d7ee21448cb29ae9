"""The fixtures every test file shares: a git identity, the sample captures and a store of them,
the CLI (in-process, or in a subprocess where the process boundary is the point), and local
web servers on 127.0.0.1.

Tests marked `slow` (a fresh clone's install, huge pages, real timeouts and retries, property
sweeps, most kill points of an import, the README's examples rerun) are left out by
`pytest -m "not slow" -n 2` (on two cores, with pytest-xdist: each worker is a process of its
own, with its own session fixtures); plain `pytest` runs everything.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from cli_helpers import Result, tracker, tracker_process
from http_helpers import Site
from samples import SAMPLES as SEEDS

SOURCE = "rusemb.org.uk"

# The shell that started pytest must not choose a test's store, notification URL, cache or
# debug output: only the TRACKER_* variables a test sets itself apply (TRACKER_SHARED, where
# the test data lives, is the tests' own); and a CI job's step summary is not the tests' to
# write.
for _name in [k for k in os.environ if k.startswith("TRACKER_") and k != "TRACKER_SHARED"]:
    del os.environ[_name]
os.environ.pop("GITHUB_STEP_SUMMARY", None)

# git copies a dozen sample hooks into every new repository, and the tests make hundreds of
# them: an empty template halves the files each test writes and pytest later deletes.
_TEMPLATE = tempfile.mkdtemp(prefix="tracker-tests-git-template-")
os.environ["GIT_TEMPLATE_DIR"] = _TEMPLATE
# Nor do throwaway repositories need git's fsync of every pack it writes (a disk shared with
# other work makes each one slow).
os.environ.update(GIT_CONFIG_COUNT="1", GIT_CONFIG_KEY_0="core.fsync", GIT_CONFIG_VALUE_0="none")


def pytest_unconfigure(config):
    shutil.rmtree(_TEMPLATE, ignore_errors=True)


def _isolate_git(monkeypatch, tmp_path_factory) -> None:
    """A git identity in the environment and no user/system git config."""
    config = tmp_path_factory.mktemp("gitconfig") / "config"
    config.write_text("[init]\n\tdefaultBranch = main\n")
    values = {
        "GIT_AUTHOR_NAME": "Test Author",
        "GIT_AUTHOR_EMAIL": "author@example.org",
        "GIT_COMMITTER_NAME": "Test Committer",
        "GIT_COMMITTER_EMAIL": "committer@example.org",
        "GIT_CONFIG_GLOBAL": str(config),
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "TRACKER_STORE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def git_env(monkeypatch, tmp_path_factory) -> dict[str, str]:
    """A git identity in the environment and no user/system git config; returns the env."""
    _isolate_git(monkeypatch, tmp_path_factory)
    return dict(os.environ)


@pytest.fixture
def seeds(tmp_path_factory) -> Path:
    """A folder holding only the five sample text captures of the embassy homepage."""
    return _seeds(tmp_path_factory)


def _seeds(tmp_path_factory) -> Path:
    files = sorted(SEEDS.glob("*.txt"))
    if len(files) != 5:
        pytest.skip(f"sample captures not found at {SEEDS}")
    folder = tmp_path_factory.mktemp("seeds")
    for i, path in enumerate(files):
        (folder / f"{i:03d}.txt").write_bytes(path.read_bytes())
    return folder


@pytest.fixture(scope="session")
def _built_sample_store(tmp_path_factory) -> Path:
    """The sample store, built once per session (per worker) for `sample_store` to copy."""
    from tracker.capture.text import TextReader
    from tracker.store import Store

    folder = _seeds(tmp_path_factory)
    root = tmp_path_factory.mktemp("sample-store") / "snapshots"
    with pytest.MonkeyPatch.context() as monkeypatch:
        _isolate_git(monkeypatch, tmp_path_factory)
        store = Store.open(root, create=True)
        reader = TextReader()
        store.add([c for path in sorted(folder.iterdir()) for c in reader.read(path)],
                  source=SOURCE)
    return root


@pytest.fixture
def sample_store(tmp_path, git_env, _built_sample_store):
    """A store (its own new git repository) holding the five samples as source rusemb.org.uk:
    a copy of one built once, as building it costs a dozen git calls and copying it none."""
    from tracker.store import Store

    shutil.copytree(_built_sample_store, tmp_path / "snapshots", symlinks=True)
    return Store.open(tmp_path / "snapshots")


# -- the CLI ------------------------------------------------------------------------------------


@dataclass
class Cli:
    """`cli("diff", "a", "b")` -> Result(code, out, err), run in-process from `cwd` (the test's
    tmp_path unless given); `cli.process(...)` is the same in a subprocess; `env` is added to
    the test environment (git identity, no TRACKER_* or NO_COLOR of the caller's shell)."""

    cwd: Path
    env: dict = field(default_factory=dict)

    def __call__(self, *args, cwd=None, env=None, input=None) -> Result:
        return tracker(*args, cwd=cwd or self.cwd, env={**self.env, **(env or {})}, input=input)

    def process(self, *args, cwd=None, env=None, input=None, timeout=300) -> Result:
        return tracker_process(*args, cwd=cwd or self.cwd, env={**self.env, **(env or {})},
                               input=input, timeout=timeout)

    def json(self, *args, **kw):
        """The JSON document of `ARGS --format json` (exit 0 or 1: 1 means "changes")."""
        return self(*args, "--format", "json", **kw).json()


@pytest.fixture
def cli(tmp_path, git_env) -> Cli:
    """The CLI in-process, run from tmp_path with an isolated git identity and config."""
    return Cli(cwd=tmp_path)


# -- local web servers ---------------------------------------------------------------------------


@pytest.fixture
def serve():
    """`serve()` starts a `Site` (as many as the test needs); all are stopped after the test."""
    started: list[Site] = []

    def start(**kw) -> Site:
        started.append(Site(**kw))
        return started[-1]

    yield start
    for site in started:
        site.close()


@pytest.fixture
def http_server(serve) -> Site:
    """One local web server (see `Site`)."""
    return serve()


@pytest.fixture
def server(http_server) -> tuple[str, dict]:
    """(base URL, routes) of one local web server: the tests of capture and error pages."""
    return http_server.base, http_server.routes
