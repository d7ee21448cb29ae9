"""Values that name nothing real are refused, the same way by every command: impossible dates in
`log --since/--until` as in `show`, a folder given to `import --git … --path`."""

from __future__ import annotations

import os
import subprocess

import pytest
from cli_helpers import make_store, tracker


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return make_store(tmp_path_factory.mktemp("validation"))


def state(store) -> tuple[str, str]:
    def git(*args):
        return subprocess.run(["git", *args], cwd=store, capture_output=True, text=True).stdout

    return git("rev-parse", "HEAD"), git("status", "--porcelain", "--untracked-files=all")


def one_line_error(r, *words: str) -> None:
    assert r.code == 2, (r.code, r.out, r.err)
    assert r.err.count("\n") == 1 and r.err.startswith("tracker: error: "), r.err
    for word in words:
        assert word in r.err, (word, r.err)


@pytest.mark.parametrize("value", ["2021-13-45", "2021-02-30", "2021-13", "2021-00"])
@pytest.mark.parametrize("option", ["--since", "--until"])
def test_log_refuses_impossible_dates_like_show(store, option, value):
    r = tracker("log", "--store", str(store), option, value)
    one_line_error(r, value, "not a valid date")
    assert r.out == ""
    if value.count("-") == 2:  # a day is also a REF: show says the same
        shown = tracker("show", "--store", str(store), value)
        assert shown.code == 2 and shown.err == r.err


@pytest.mark.parametrize("value", ["2021", "2021-09", "2021-09-20", "2021-02-28", "2020-02-29"])
def test_log_still_takes_real_years_months_and_days(store, value):
    r = tracker("log", "--store", str(store), "--since", value, "--captures")
    assert r.code == 0, r.err


def git(repo, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="s", GIT_AUTHOR_EMAIL="s@example.org",
               GIT_COMMITTER_NAME="s", GIT_COMMITTER_EMAIL="s@example.org")
    subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True)


@pytest.mark.parametrize("path", ["sub", "sub/", "./sub"])
def test_import_git_path_that_is_a_folder_is_refused(store, tmp_path, path):
    """One file of the folder changes per commit, so no single commit shows it is a folder."""
    repo = tmp_path / "scraper"
    (repo / "sub").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    for name, day in (("a.txt", "2024-01-01"), ("b.txt", "2024-01-02"), ("a.txt", "2024-01-03")):
        (repo / "sub" / name).write_text(f"Captured on {day}: {name}\n", encoding="utf-8")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", day, "--date", f"{day}T12:00:00Z")
    before = state(store)
    r = tracker("import", "--store", str(store), "--source", "scraped", "--git", str(repo),
                "--path", path)
    one_line_error(r, "is a folder", "sub/a.txt", "--path")
    assert state(store) == before
    assert not (store / "scraped").exists()


def test_import_git_path_of_a_file_in_a_folder_still_works(store, tmp_path):
    repo = tmp_path / "scraper"
    (repo / "sub").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    for day in ("2024-01-01", "2024-01-02"):
        (repo / "sub" / "page.txt").write_text(f"The page of {day}\n", encoding="utf-8")
        (repo / "sub" / "other.txt").write_text(f"Other file of {day}\n", encoding="utf-8")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", day, "--date", f"{day}T12:00:00Z")
    r = tracker("import", "--store", str(tmp_path / "s2"), "--source", "scraped", "--git",
                str(repo), "--path", "sub/page.txt")
    assert r.code == 0, r.err
    assert "0 already stored, 2 added" in r.out
