"""A count of days is never learned noise: the history's learning and the differ's learned
labels read one rule (`hints.counts_days`), so what one never learns the other never quiets."""

from __future__ import annotations

import pytest

from tracker.differ import diff
from tracker.differ.hints import counts_days
from tracker.differ.numbers import mask
from tracker.differ.options import DiffOptions
from tracker.history.noise import shapes


@pytest.mark.parametrize(
    "old, new",
    [
        # "days … since" with no number before it: a count of days by its words
        (
            "Many days have passed since the flood: 12 homes rebuilt",
            "Many days have passed since the flood: 19 homes rebuilt",
        ),
        ("Day 12 of the siege: 40 families left", "Day 13 of the siege: 44 families left"),
        ("Noch 12 Tage bis zur Wahl, 3 Kandidaten", "Noch 11 Tage bis zur Wahl, 4 Kandidaten"),
    ],
)
def test_what_history_never_learns_the_differ_never_quiets(old, new):
    page = "Welcome\n\n{}\n\nNews"
    assert counts_days(old) and shapes(page.format(old)) == {}  # never learned from history
    taught = DiffOptions(volatile_labels={mask(old), mask(new)})
    changes = diff(page.format(old), page.format(new), options=taught).changes
    assert changes and not [c for c in changes if c.reason == "learned"], changes
