"""Shared fixtures: an isolated git identity, the sample captures, and a store holding them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from samples import SAMPLES as SEEDS

SOURCE = "rusemb.org.uk"


@pytest.fixture
def git_env(monkeypatch, tmp_path_factory) -> dict[str, str]:
    """A git identity in the environment and no user/system git config; returns the env."""
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
    return dict(os.environ)


@pytest.fixture
def seeds(tmp_path_factory) -> Path:
    """A folder holding only the five sample text captures of the embassy homepage."""
    files = sorted(SEEDS.glob("*.txt"))
    if len(files) != 5:
        pytest.skip(f"sample captures not found at {SEEDS}")
    folder = tmp_path_factory.mktemp("seeds")
    for i, path in enumerate(files):
        (folder / f"{i:03d}.txt").write_bytes(path.read_bytes())
    return folder


@pytest.fixture
def sample_store(tmp_path, git_env, seeds):
    """A store (its own new git repository) holding the five samples as source rusemb.org.uk."""
    from tracker.capture.text import TextReader
    from tracker.store import Store

    store = Store.open(tmp_path / "snapshots", create=True)
    reader = TextReader()
    captures = [c for path in sorted(seeds.iterdir()) for c in reader.read(path)]
    store.add(captures, source=SOURCE)
    return store
