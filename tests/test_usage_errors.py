"""Click's usage errors read like every other error: one line, `tracker: error: …`, exit 2."""

from __future__ import annotations

import pytest
from cli_helpers import tracker


@pytest.mark.parametrize(
    "args, line",
    [
        (
            ["diff", "--fromat", "json"],
            "tracker: error: no such option --fromat (did you mean --format?)",
        ),
        (
            ["check", "--exit-code"],
            "tracker: error: no such option --exit-code (see tracker check --help)",
        ),
        (["dif", "2021-09-20"], "tracker: error: no such command dif (did you mean diff?)"),
        (["frobnicate"], "tracker: error: no such command frobnicate (see tracker --help)"),
        (["show"], "tracker: error: missing argument 'REF' (see tracker show --help)"),
        (
            ["diff", "--format", "jsn"],
            "tracker: error: invalid value for '--format': 'jsn' is not one of 'text', 'json', "
            "'markdown', 'html' (see tracker diff --help)",
        ),
        (
            ["log", "--limit", "ten"],
            "tracker: error: invalid value for '--limit': 'ten' is not a valid integer range "
            "(see tracker log --help)",
        ),
        (
            ["check", "--alert-on"],
            "tracker: error: option '--alert-on' requires an argument (see tracker check --help)",
        ),
        (["--bogus"], "tracker: error: no such option --bogus (see tracker --help)"),
    ],
)
def test_a_usage_error_is_one_line(tmp_path, args, line):
    r = tracker(*args, cwd=tmp_path)
    assert r.code == 2
    assert r.err.splitlines() == [line]
    assert r.out == ""
    assert not (tmp_path / "snapshots").exists()


def test_a_usage_error_in_a_write_leaves_nothing(tmp_path):
    r = tracker("import", "--sorce", "x", "page.txt", cwd=tmp_path)
    assert r.err.splitlines() == [
        "tracker: error: no such option --sorce (did you mean --source or --store?)"
    ]
    assert r.code == 2
    assert list(tmp_path.iterdir()) == []


def test_help_is_unchanged():
    r = tracker("diff", "--help")
    assert r.code == 0
    assert r.out.startswith("Usage: tracker diff [OPTIONS] [OLD] [NEW]")
    assert "--format" in r.out and r.err == ""
    bare = tracker()
    assert "Usage: tracker [OPTIONS] COMMAND" in bare.out + bare.err
    assert "Commands:" in bare.out + bare.err
