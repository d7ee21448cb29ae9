"""A single opening or closing time after a range word ("bis 18 Uhr", "hasta las 14:00",
"до 18:00", "until 5pm", "à partir de 9 h 30") is opening hours, a fact like a full range: its
change is reported, not filed as clock noise. A clock widget ("London: 12:03") stays noise."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import page_pairs_store, source_changes

PAGES = Path(__file__).parent / "pages" / "hours"
NAMES = sorted(p.name.removesuffix("-before.html") for p in PAGES.glob("*-before.html"))


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """One source per page, captured on two consecutive days."""
    store = tmp_path_factory.mktemp("hours") / "snaps"
    return page_pairs_store(store, PAGES, NAMES)


changes = source_changes


@pytest.mark.parametrize(
    "name, old, new",
    [
        ("bakery-de", 18, 20),
        ("library-de", 18, 20),
        ("pharmacy-es", 14, 20),
        ("office-ru", 18, 20),
        ("shop-en", "5pm", "7pm"),
        ("museum-fr", 9, 10),
    ],
)
def test_a_changed_opening_time_is_a_fact(store, name, old, new):
    [found] = changes(store, name)
    # was volatile (clock), then a figure: a time rewrite, as a moved period is a date one
    assert (found["kind"], found["reason"]) == ("rewritten", "time"), found
    removed = "".join(t for op, t in found["edits"] if op == "-")
    added = "".join(t for op, t in found["edits"] if op == "+")
    assert (removed, added) == (str(old), str(new)), found["edits"]


def test_a_clock_widget_stays_noise(store):
    found = changes(store, "clock-en")
    assert [c["kind"] for c in found] == ["volatile"], found
