"""One way to do each thing (issue #12): commands that do the same work share one code path,
so they answer alike, and a fix made for one reaches the others."""

from __future__ import annotations

import subprocess

import pytest
from cli_helpers import make_store, tracker


def git(store, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(store), *args], capture_output=True, text=True, check=True
    ).stdout


def test_add_on_a_store_path_that_is_a_file_says_so_like_every_command(tmp_path):
    """`add` opens the store as the other commands do: one line, exit 2, nothing written."""
    path = tmp_path / "file"
    path.write_text("not a store\n")
    added = tracker("add", "https://example.org/news", "--store", str(path))
    logged = tracker("log", "--store", str(path))
    assert logged.code == 2 and logged.err.startswith("tracker: error: the store path")
    assert (added.code, added.err) == (logged.code, logged.err)
    assert path.read_text() == "not a store\n"


@pytest.mark.parametrize("command", ["report", "feed"])
def test_a_write_error_is_reported_first_not_hidden_by_the_manifest(tmp_path, command):
    """The folder cannot take a source's pages, nor then the manifest: the first failure is
    the one line shown (exit 2), and the store is as it was."""
    store = make_store(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "rusemb.org.uk").write_text("a file where the source's folder goes\n")
    (out / ".tracker-report.json.tmp").mkdir()  # the manifest cannot be saved either
    before = git(store, "status", "--porcelain", "--ignored"), git(store, "rev-parse", "HEAD")
    r = tracker(command, "--store", str(store), "--out", str(out))
    assert r.code == 2, r.err
    assert r.err.startswith(f"tracker: error: cannot write the {command}")
    assert "rusemb.org.uk" in r.err and "internal error" not in r.err
    assert len(r.err.strip().splitlines()) == 1
    assert (git(store, "status", "--porcelain", "--ignored"), git(store, "rev-parse", "HEAD")) \
        == before


def test_a_manifest_that_cannot_be_saved_is_one_line(tmp_path):
    store = make_store(tmp_path)
    out = tmp_path / "out"
    (out / ".tracker-report.json.tmp").mkdir(parents=True)
    r = tracker("report", "--store", str(store), "--out", str(out))
    assert r.code == 2 and "internal error" not in r.err, r.err
    assert r.err.startswith("tracker: error: cannot write the report in") and ".tmp" in r.err
