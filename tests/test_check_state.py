"""Where `check --since-last-check` keeps its memory (issue #8, part 4): a marker committed in the
store, alone in its commit, and live captures named so that two machines never collide."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from cli_helpers import make_store, tracker
from test_capture_url import PAGE

IDENTITY = {
    "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
}


def git(cwd, *args) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True,
        env={**os.environ, **IDENTITY},
    ).stdout


def test_the_state_commit_holds_only_its_marker_and_sweeps_nothing(tmp_path):
    store = make_store(tmp_path)
    repo = store  # the store became its own repository on the first import
    (store / "tracker.toml").write_text("[alert]\nkinds = ['contact']\n", encoding="utf-8")
    git(repo, "add", "tracker.toml")  # staged, not committed
    (store / "notes.txt").write_text("mine\n", encoding="utf-8")  # untracked
    env = {"TRACKER_STORE": str(store)}
    first = tracker("check", "--since-last-check", env=env)
    assert first.code == 1, first.err
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == [
        ".tracker/checked/rusemb.org.uk/20220521081600"
    ]
    assert "Checked-Capture: 20220521081600" in git(repo, "log", "-1", "--format=%B")
    status = git(repo, "status", "--porcelain")
    assert "A  tracker.toml" in status and "?? notes.txt" in status
    # nothing new: no second commit, and the store still reads and verifies as before
    head = git(repo, "rev-parse", "HEAD")
    again = tracker("check", "--since-last-check", env=env)
    assert again.code == 0 and "no new capture since the last check" in again.out
    assert git(repo, "rev-parse", "HEAD") == head
    assert tracker("verify", env=env).code == 0
    assert "rusemb.org.uk" in tracker("log", "--captures", env=env).out
    # a check with REFs, or without the flag, records nothing
    git(repo, "reset", "-q", "tracker.toml")
    assert tracker("check", "latest~1", env=env).code == 1
    assert tracker("check", env=env).code == 1
    assert git(repo, "rev-parse", "HEAD") == head


def test_a_fresh_clone_knows_what_was_checked(tmp_path):
    store = make_store(tmp_path)
    assert tracker("check", "--since-last-check", env={"TRACKER_STORE": str(store)}).code == 1
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(store), str(clone))
    done = tracker("check", "--since-last-check", env={"TRACKER_STORE": str(clone)})
    assert done.code == 0 and "no new capture since the last check" in done.out


def test_a_live_capture_is_named_by_its_second_and_a_hash(server, tmp_path):
    base, routes = server
    store = tmp_path / "snapshots"
    routes["/"] = {
        "status": 200,
        "headers": {"Content-Type": "text/html"},
        "body": PAGE.format(news="Ambassador meets the press").encode(),
    }
    done = tracker("capture", base + "/", "--source", "embassy", env={"TRACKER_STORE": str(store)})
    assert done.code == 0, done.err
    (sidecar,) = (store / "embassy").glob("*.json")
    assert re.fullmatch(r"\d{14}-[0-9a-f]{8}", sidecar.stem)
    shown = tracker("show", sidecar.stem[:14], env={"TRACKER_STORE": str(store)})
    assert shown.code == 0 and "Ambassador meets the press" in shown.out


@pytest.mark.slow
def test_the_same_bytes_captured_the_same_second_on_two_clones_merge(server, tmp_path):
    from test_workflow import WRAPPER

    base, routes = server
    routes["/"] = {
        "status": 200,
        "headers": {"Content-Type": "text/html"},
        "body": PAGE.format(news="Ambassador meets the press").encode(),
    }
    wrapper = tmp_path / "tracker-at"
    wrapper.write_text(WRAPPER.format(python=sys.executable))
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    clones = [tmp_path / "a", tmp_path / "b"]
    for clone in clones:
        git(tmp_path, "clone", "-q", str(remote), str(clone))
    for clone, at in zip(clones, ("05.100", "05.600"), strict=True):
        done = subprocess.run(
            [sys.executable, str(wrapper), "capture", base + "/", "--source", "embassy"],
            cwd=clone, capture_output=True, text=True,
            env={**os.environ, **IDENTITY, "TRACKER_STORE": "snapshots",
                 "TEST_RECEIVED_AT": f"2026-03-01T09:17:{at}+00:00"},
        )
        assert done.returncode == 0, done.stderr
    branch = git(clones[0], "symbolic-ref", "--short", "HEAD").strip()
    git(clones[0], "push", "-q", "origin", branch)
    pulled = subprocess.run(["git", "pull", "-q", "--rebase", "origin", branch], cwd=clones[1],
                            capture_output=True, text=True, env={**os.environ, **IDENTITY})
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    names = sorted(p.stem for p in (clones[1] / "snapshots" / "embassy").glob("*.html"))
    assert len(names) == 2 and {n[:14] for n in names} == {"20260301091705"}
