"""A month-only stamp ("Stand: Mai 2024" → "Juni 2024", "Updated: May 2024" → "June 2024") is
read by calendar months: naming the new capture's month or one beside it, it is a stamp (quiet)
as day stamps are, with captures a day apart as with captures a month apart; a month that
jumps away from the captures' months ("geplant für Juni 2024" → "Oktober 2024") is a fact."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from cli_helpers import page_pairs_store, source_changes, tracker

from tracker import dates

PAGES = Path(__file__).parent / "pages" / "months"
STAMPS = ["arbeitsmarkt-de", "figures-en", "chiffres-fr", "datos-es", "dannye-ru"]
FACTS = ["wahl-de", "works-en"]
LATE_MAY = ("2024-05-20T09:00:00+02:00", "2024-05-21T09:00:00+02:00")
EARLY_JUNE = ("2024-06-03T09:00:00+02:00", "2024-06-04T09:00:00+02:00")


def _store(root: Path, times) -> Path:
    names = [*STAMPS, *FACTS]
    return page_pairs_store(root / "snaps", PAGES, names, dict.fromkeys(names, times))


@pytest.fixture(scope="module")
def late_may(tmp_path_factory) -> Path:
    return _store(tmp_path_factory.mktemp("late-may"), LATE_MAY)


@pytest.fixture(scope="module")
def early_june(tmp_path_factory) -> Path:
    return _store(tmp_path_factory.mktemp("early-june"), EARLY_JUNE)


@pytest.mark.parametrize("when", ["late_may", "early_june"])
@pytest.mark.parametrize("name", STAMPS)
def test_a_month_stamp_beside_the_captures_is_quiet(request, when, name):
    store = request.getfixturevalue(when)
    assert [(c["kind"], c.get("reason")) for c in source_changes(store, name)] == [
        ("volatile", "date")
    ]
    done = tracker("check", "--store", str(store), "--source", name)
    assert done.code == 0, done.out + done.err


@pytest.mark.parametrize("name", FACTS)
def test_a_month_that_jumps_away_is_a_fact(late_may, name):
    assert [(c["kind"], c.get("reason")) for c in source_changes(late_may, name)] == [
        ("rewritten", "date")
    ]
    done = tracker("check", "--store", str(late_may), "--source", name)
    assert done.code == 1, done.out + done.err


@pytest.mark.parametrize(
    "old, new, old_day, new_day, fact",
    [
        ("Stand: Mai 2024", "Stand: Juni 2024", date(2024, 5, 20), date(2024, 5, 21), False),
        ("Stand: Mai 2024", "Stand: Juni 2024", date(2024, 7, 20), date(2024, 7, 21), False),
        # a month stamp far from the captures, or one that leaps months ahead of them
        ("Stand: Mai 2024", "Stand: Juni 2024", date(2024, 1, 10), date(2024, 1, 11), True),
        ("Stand: Mai 2024", "Stand: September 2024", date(2024, 5, 20), date(2024, 5, 21), True),
        ("Stand: Mai 2024", "Stand: März 2024", date(2024, 5, 20), date(2024, 5, 21), True),
        # moved by the captures' months, whenever they are
        (
            "Bulletin for June 2024",
            "Bulletin for August 2024",
            date(2024, 3, 20),
            date(2024, 5, 20),
            False,
        ),
    ],
)
def test_month_stamps_by_calendar_months(old, new, old_day, new_day, fact):
    assert dates.moved_fact(old, new, old_day, new_day) is fact
