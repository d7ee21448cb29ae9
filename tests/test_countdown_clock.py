"""A time left in hours and minutes ticks with the clock: a shop's "Deal ends in 5h 47m" that
went down by the time between the captures (or by that less whole days: a daily deadline) is
noise, reason `clock`, in every language its units are read in; one that moved otherwise, and
a journey's duration that changed, are figures that alert."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import page_pairs_store, source_changes, source_check

PAGES = Path(__file__).parent / "pages" / "countdowns"
NAMES = ["deal-en", "angebot-de", "rasprodazha-ru", "sale-ja"]
HALF_HOUR = ("2024-05-06T09:00Z", "2024-05-06T09:30Z")


@pytest.mark.parametrize("name", NAMES)
def test_a_countdown_that_went_down_by_the_time_between_captures_is_noise(tmp_path, name):
    store = page_pairs_store(tmp_path / "s", PAGES, [name], {name: HALF_HOUR})
    found = source_changes(store, name)
    assert [(c["kind"], c["reason"]) for c in found] == [("volatile", "clock")], found
    assert source_check(store, name) == 0


@pytest.mark.parametrize("name", NAMES)
def test_a_countdown_to_a_daily_deadline_is_noise_days_later(tmp_path, name):
    # two days and half an hour: the same daily deadline, half an hour nearer
    store = page_pairs_store(
        tmp_path / "s", PAGES, [name], {name: ("2024-05-06T09:00Z", "2024-05-08T09:30Z")}
    )
    assert source_check(store, name) == 0


@pytest.mark.parametrize("name", NAMES)
def test_a_countdown_off_the_clock_alerts(tmp_path, name):
    # a minute apart, the time left fell by half an hour: not the clock
    store = page_pairs_store(
        tmp_path / "s", PAGES, [name], {name: ("2024-05-06T09:00Z", "2024-05-06T09:01Z")}
    )
    found = source_changes(store, name)
    assert {c["kind"] for c in found} == {"counter"}, found
    assert source_check(store, name) == 1
