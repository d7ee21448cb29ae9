"""`tracker diff` reads and decodes each of its two captures once (issue #12 item 6: telling
whether the old capture is an error page read and decoded it a second time, 15 ms on a 10 MB
page). Counted in-process through the CLI, by capture file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from cli_helpers import tracker

from tracker.store import Store


@pytest.fixture(autouse=True)
def env(git_env):
    """The harness's git identity and isolation (tests/conftest.py) for every test here."""
    return git_env


def run(*args: str) -> str:
    result = tracker(*args)
    assert result.code in (0, 1), result.err
    return result.out


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_diff_reads_each_capture_once(tmp_path: Path, monkeypatch, fmt):
    store = tmp_path / "snaps"
    pages = {
        "2024-01-01": "News\n\nThe office is in London.\n\nCall +44 20 7946 0000.",
        "2024-01-02": "News\n\nThe office is in Leeds.\n\nCall +44 20 7946 0000.",
    }
    for day, text in pages.items():
        page = tmp_path / f"{day}.txt"
        page.write_text(text, encoding="utf-8")
        run("import", "--store", str(store), "--source", "p", "--at", day, str(page))
    reads: Counter = Counter()
    for name in ("read_bytes", "read_text"):
        original = getattr(Store, name)

        def counting(self, info, *args, _original=original, _name=name, **kwargs):
            reads[_name, info.path] += 1
            return _original(self, info, *args, **kwargs)

        monkeypatch.setattr(Store, name, counting)
    out = run("diff", "first", "latest", "--store", str(store), "--format", fmt)
    assert "Leeds" in out
    assert sorted(reads.values()) == [1, 1, 1, 1], sorted(reads.items())
