"""Git-scraping histories: each commit that changed the file is one capture."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from cli_helpers import tracker

from tracker.capture.gitscrape import list_changes, read_history
from tracker.errors import TrackerError


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Scraper", GIT_AUTHOR_EMAIL="s@example.org",
               GIT_COMMITTER_NAME="Scraper", GIT_COMMITTER_EMAIL="s@example.org")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(["git", "-C", str(repo), *args], env=env, check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture
def history(tmp_path):
    repo = tmp_path / "scraper"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    versions = [
        ("page.txt", "Old news\n", "2021-09-20T08:00:00+01:00"),
        ("other.txt", "unrelated\n", "2021-09-21T08:00:00+01:00"),
        ("page.txt", "New news\n", "2021-10-26T09:30:00+01:00"),
        ("page.txt", "20 September 2021\nMoscow: 10:59\nLondon: 08:59\n\nShown time\n",
         "2021-11-01T09:30:00+00:00"),
    ]
    for name, content, date in versions:
        (repo / name).write_text(content)
        git(repo, "add", name)
        git(repo, "commit", "-q", "-m", f"update {name}", date=date)
    return repo


def test_each_commit_that_changed_the_file_is_a_capture(history):
    captures = list(read_history(history, "page.txt"))
    assert [c.data for c in captures][:2] == [b"Old news\n", b"New news\n"]
    assert len(captures) == 3
    first, second, shown = captures
    assert first.time_source == "commit"
    assert first.captured_at == datetime(2021, 9, 20, 8, tzinfo=timezone(timedelta(hours=1)))
    assert first.captured_at.astimezone(UTC).hour == 7
    commits = git(history, "log", "--reverse", "--format=%H", "--", "page.txt").split()
    assert [c.extra["commit"] for c in captures] == commits
    assert first.media_type == "text/plain" and first.original_name == "page.txt"
    assert shown.time_source == "page"
    assert shown.captured_at.isoformat() == "2021-09-20T10:59:00+03:00"


def test_html_versions_and_deletions(history):
    (history / "index.html").write_text("<html><body><p>v1</p></body></html>")
    git(history, "add", "index.html")
    git(history, "commit", "-q", "-m", "v1", date="2022-01-01T00:00:00Z")
    git(history, "rm", "-q", "index.html")
    git(history, "commit", "-q", "-m", "gone", date="2022-01-02T00:00:00Z")
    (history / "index.html").write_text("<html><body><p>v2</p></body></html>")
    git(history, "add", "index.html")
    git(history, "commit", "-q", "-m", "v2", date="2022-01-03T00:00:00Z")
    captures = list(read_history(history, "index.html"))
    assert [c.media_type for c in captures] == ["text/html", "text/html"]
    assert [c.captured_at.day for c in captures] == [1, 3]
    assert len(list_changes(history, "index.html")) == 2


def test_one_cat_file_process_for_the_whole_history(history, monkeypatch):
    import git.cmd

    started = []
    real = git.cmd.safer_popen

    def counting(*args, **kw):
        started.append(args[0])
        return real(*args, **kw)

    monkeypatch.setattr(git.cmd, "safer_popen", counting)
    assert len(list(read_history(history, "page.txt"))) == 3
    verbs = [cmd[1] for cmd in started if cmd[0] == "git"]
    assert verbs == ["log", "cat-file"]  # two processes, whatever the length of the history


def test_errors_are_clear(history, tmp_path):
    with pytest.raises(TrackerError, match="no commit"):
        list(read_history(history, "missing.txt"))
    with pytest.raises(TrackerError, match="git"):
        list(read_history(tmp_path / "nowhere", "page.txt"))
    (history / "dir").mkdir()
    (history / "dir" / "a.txt").write_text("a")
    (history / "dir" / "b.txt").write_text("b")
    git(history, "add", "dir")
    git(history, "commit", "-q", "-m", "dir")
    with pytest.raises(TrackerError, match="folder"):
        list(read_history(history, "dir"))


def test_import_git_history(history, tmp_path):
    store = tmp_path / "snapshots"
    done = tracker("import", "--git", history, "--path", "page.txt", "--source", "embassy",
                   env={"TRACKER_STORE": str(store)})
    assert done.code == 0, done.err
    assert len(list((store / "embassy").glob("*.txt"))) == 3
