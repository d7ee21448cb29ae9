"""One reading of how a pair's dates changed (`dates.date_change`): a stamp (noise), a period
or deadline moved, opening hours moved, or none of these; the differ asks it once per pair."""

from __future__ import annotations

import pytest

from tracker import dates
from tracker.differ import diff


@pytest.mark.parametrize(
    "old, new, change",
    [
        ("Updated 3 June 2024", "Updated 4 June 2024", "date"),
        ("Moscow: 10:03", "Moscow: 10:05", "clock"),
        ("Exhibition 3–5 June, 12 rooms", "Exhibition 3–7 June, 12 rooms", "period"),
        ("Open Mon–Fri 9:00–17:00", "Open Mon–Fri 9:00–16:00", "hours"),
        ("12 people in the queue", "19 people in the queue", None),
        ("Same text", "Same text", None),
    ],
)
def test_how_a_pairs_dates_changed(old, new, change):
    assert dates.date_change(old, new) == change
    assert dates.only_dates_differ(old, new) == (change if change in ("date", "clock") else None)


@pytest.mark.parametrize(
    "old, new",
    [
        ("Welcome\n\n12 people in the queue", "Welcome\n\n19 people in the queue"),
        ("Welcome\n\nOpen 9:00–17:00, 3 desks", "Welcome\n\nOpen 9:00–16:00, 3 desks"),
    ],
)
def test_a_counter_pairs_dates_are_read_once(monkeypatch, old, new):
    """A counter pair asks whether only stamps, a period or opening hours changed: one reading
    of its changed expressions, not one per question."""
    calls = []
    real = dates._changed_expressions

    def counted(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(dates, "_changed_expressions", counted)
    report = diff(old, new)
    assert report.changes
    pair = (old.split("\n\n")[1], new.split("\n\n")[1])
    assert calls.count(pair) == 1, calls
