"""Stores for the report, feed and browser tests: the samples, and a hostile page."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import make_store, tracker

PAGES = Path(__file__).resolve().parent / "pages" / "report"
PWNED = "document.title='PWNED'"


def hostile_store(root: Path) -> Path:
    """Two captures of one page: the second rewrites a paragraph, changes the phone and the
    counter, and holds a <script>, an onerror= attribute and a javascript: link as text."""
    store = root / "hostile"
    for name, at in (
        ("hostile-before.txt", "2024-01-01T12:00Z"),
        ("hostile-after.txt", "2024-01-11T12:00Z"),
    ):
        r = tracker(
            "import",
            "--store",
            str(store),
            "--source",
            "example.org",
            "--at",
            at,
            str(PAGES / name),
        )
        assert r.code == 0, r.err
    return store


def build(store: Path, out: Path, *extra: str):
    r = tracker("report", "--store", str(store), "--out", str(out), *extra)
    assert r.code == 0, r.err
    return r


__all__ = ["PWNED", "build", "hostile_store", "make_store"]
