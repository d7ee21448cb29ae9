"""Piped output never cuts a line: FORCE_COLOR asks for colour on a pipe, and gets it, but a
pipe has no width to fit, so each line stays whole (TTY_COMPATIBLE=1 declares a terminal:
tests/test_styled.py)."""

from __future__ import annotations

import re

import pytest
from cli_helpers import make_store, tracker

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return make_store(tmp_path_factory.mktemp("pipe"))


@pytest.mark.parametrize(
    "args",
    [("diff", "2021-09-20", "2021-10-26"), ("diff", "2021-10-26", "2022-05-21"), ("log",)],
)
@pytest.mark.parametrize("forced", [{"FORCE_COLOR": "1"}, {"FORCE_COLOR": "1", "TERM": "xterm"}])
def test_colour_forced_on_a_pipe_keeps_lines_whole(store, args, forced):
    plain = tracker(*args, "--store", str(store), env={"COLUMNS": "80"})
    coloured = tracker(*args, "--store", str(store), env={"COLUMNS": "80", **forced})
    assert plain.code == coloured.code == 0, coloured.err
    assert "\x1b[" in coloured.out and "…" not in coloured.out
    # the same lines as piped without colour (edits marked by colour, not brackets)
    lines = _ANSI.sub("", coloured.out).splitlines()
    assert len(lines) == len(plain.out.splitlines())
    assert max(map(len, lines)) > 80
    assert "Centenary of the Russian-British trade relations», 16 March 2021" in coloured.out
