"""User regexes (--ignore, --watch, ignore/watch/not_noise in tracker.toml) never hang a command:
they run with a time limit and a slow one fails with one line naming the rule; diff and check
accept and refuse the same patterns."""

from __future__ import annotations

import subprocess

import pytest
from cli_helpers import tracker

RUN = "a" * 30  # `(a|a)+$` backtracks 2**30 ways on this when the block does not end there
SLOW = "(a|a)+$"
NO_NOTIFY = {"TRACKER_NOTIFY": ""}


def page(n: int) -> str:
    return (
        "A page with a line that makes naive regexes backtrack.\n\n"
        f"{RUN} seen {n} times\n\n"
        + ("Closing words." if n < 4 else f"Closing words, rewritten: {RUN}.")
        + "\n"
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """Four captures: the `aaa… seen N times` block changes every time (learned noise), the
    last paragraph only in the last one (an alert)."""
    root = tmp_path_factory.mktemp("patterns")
    store = root / "snaps"
    for n in range(1, 5):
        f = root / f"p{n}.txt"
        f.write_text(page(n), encoding="utf-8")
        at = f"2024-01-0{n}"
        r = tracker("import", "--store", str(store), "--source", "s", "--at", at, str(f))
        assert r.code == 0, r.err
    return store


def state(store) -> tuple[str, str]:
    def git(*args):
        return subprocess.run(["git", *args], cwd=store, capture_output=True, text=True).stdout

    return git("rev-parse", "HEAD"), git("status", "--porcelain", "--untracked-files=all")


def rules(store, text: str) -> None:
    (store / "tracker.toml").write_text(text, encoding="utf-8")


def one_line_error(r, *words: str) -> None:
    assert r.code == 2, (r.code, r.out, r.err)
    assert r.err.count("\n") == 1 and r.err.startswith("tracker: error: "), r.err
    assert "Traceback" not in r.err
    for word in words:
        assert word in r.err, (word, r.err)


def test_nested_repeat_pattern_finishes(store):
    """`(a+)+$` hangs Python's re on a line of 30 `a`s; the engine with a limit answers."""
    r = tracker("diff", "--store", str(store), "--format", "json", "--ignore", "(a+)+$")
    assert r.code == 0, r.err
    assert '"reason": "rule"' in r.out or '"reason": "learned"' in r.out


@pytest.mark.slow
@pytest.mark.parametrize("command", ["diff", "check"])
def test_slow_ignore_flag_fails_naming_it(store, command):
    before = state(store)
    r = tracker(command, "--store", str(store), "--ignore", SLOW, env=NO_NOTIFY)
    one_line_error(r, "--ignore", repr(SLOW), "took over 1 s", "simplify")
    assert state(store) == before


@pytest.mark.slow
def test_slow_watch_flag_fails_naming_it(store):
    r = tracker("check", "--store", str(store), "--watch", SLOW, env=NO_NOTIFY)
    one_line_error(r, "--watch", repr(SLOW), "took over 1 s")


@pytest.mark.parametrize(
    "command, toml, key",
    [
        ("diff", f"[alert]\nignore = ['{SLOW}']\n", "alert.ignore"),
        ("check", f"[sources.s]\nignore = ['{SLOW}']\n", 'sources."s".ignore'),
        ("check", f"[sources.s]\nwatch = ['{SLOW}']\n", 'sources."s".watch'),
        ("diff", f"[alert]\nnot_noise = ['{SLOW}']\n", "alert.not_noise"),
        ("log", f"[alert]\nnot_noise = ['{SLOW}']\n", "alert.not_noise"),
    ],
    ids=["diff-ignore", "check-ignore", "check-watch", "diff-not_noise", "log-not_noise"],
)
@pytest.mark.slow
def test_slow_rule_in_tracker_toml_fails_naming_it(store, command, toml, key):
    rules(store, toml)
    try:
        r = tracker(command, "--store", str(store), env=NO_NOTIFY)
    finally:
        (store / "tracker.toml").unlink()
    one_line_error(r, "tracker.toml", key, repr(SLOW), "took over 1 s")


@pytest.mark.parametrize("pattern", ["x*", "(", "a|"])
def test_diff_validates_ignore_like_check(store, pattern):
    """One validator: a pattern check refuses is refused by diff too, with the same words."""
    d = tracker("diff", "--store", str(store), "--ignore", pattern)
    c = tracker("check", "--store", str(store), "--ignore", pattern, env=NO_NOTIFY)
    one_line_error(d, "--ignore", repr(pattern))
    one_line_error(c, "--ignore", repr(pattern))
    assert d.err == c.err
