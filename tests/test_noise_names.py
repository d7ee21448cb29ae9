"""One name per kind of noise: `diff`'s noise line and `check`'s note read one table
(differ.model.NOISE_NAMES) and differ only in form ("1 date" in a line of counts, "date" in a
note)."""

from __future__ import annotations

import re

from cli_helpers import tracker

from tracker.differ.model import NOISE_NAMES


def _store(tmp_path) -> str:
    """Five captures where the queue length moves every time: learned noise, with a date and
    a clock that move too."""
    files = []
    for i in range(5):
        path = tmp_path / f"p{i}.txt"
        path.write_text(
            f"{18 + i} October 2018\nMoscow: 1{i}:00\nLondon: 0{8 + i}:00\n\nWelcome\n\n"
            f"{100 + 37 * i} people in the queue\n\n{10 + i} days have passed since the incident",
            encoding="utf-8",
        )
        files.append(str(path))
    store = str(tmp_path / "snaps")
    assert tracker("import", "--store", store, "--source", "ex", *files).code == 0
    return store


def _names(line: str) -> list[tuple[int, str]]:
    """'noise ignored: 1 date, 2 blocks' -> [(1, 'date'), (2, 'blocks')]; no number is one."""
    parts = line.split("noise ignored: ", 1)[1].split(", ")
    return [(int(m[1] or 1), m[2]) for m in (re.fullmatch(r"(?:(\d+) )?(.+)", p) for p in parts)]


def test_diff_and_check_call_each_noise_by_the_same_name(tmp_path):
    store = _store(tmp_path)
    shown = tracker("diff", "--store", store)
    checked = tracker("check", "--store", store)
    assert shown.code == 0 and checked.code == 0, (shown.err, checked.err)
    line = next(x for x in shown.out.splitlines() if x.startswith("noise ignored:"))
    note = next(x for x in checked.out.splitlines() if x.startswith("note: noise ignored:"))
    assert "1 date" in line and ", clock," in note  # the two forms: counted, and bare for one
    learned = NOISE_NAMES["learned"][1]
    assert f"2 {learned}" in line and f"2 {learned}" in note
    assert _names(line) == _names(note)


def test_every_noise_has_a_singular_and_a_plural_name():
    for reason, (one, many) in NOISE_NAMES.items():
        assert one and many and one != many, reason
