"""A relative stamp replaced by the absolute date it means ("Posted 3 hours ago" → "Posted on
6 May 2024", "вчера" → "5 мая 2024", "gestern" → "am 5. Mai 2024", "hoy" → "el 6 de mayo de
2024") is the same stamp: `volatile`, reason `date`. One replaced by a date far from the
captures is a fact."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from cli_helpers import page_pairs_store, source_changes, tracker

from tracker import dates

PAGES = Path(__file__).parent / "pages" / "restamp"
NAMES = [
    "posted-en",
    "yesterday-en",
    "vchera-ru",
    "sogodni-uk",
    "vchora-uk",
    "gestern-de",
    "hier-fr",
    "hoy-es",
]
# the first capture on 6 May 2024 ("today", "3 hours ago"; "yesterday" is 5 May), the next
# a day later, when the page writes the day out
CAPTURES = ("2024-05-06T15:00:00+02:00", "2024-05-07T09:00:00+02:00")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("restamp") / "snaps"
    return page_pairs_store(store, PAGES, NAMES, dict.fromkeys(NAMES, CAPTURES))


@pytest.mark.parametrize("name", NAMES)
def test_a_relative_stamp_written_out_is_the_same_stamp(store, name):
    assert [(c["kind"], c.get("reason")) for c in source_changes(store, name)] == [
        ("volatile", "date")
    ]
    done = tracker("check", "--store", str(store), "--source", name)
    assert done.code == 0, done.out + done.err


MAY_6, MAY_7 = date(2024, 5, 6), date(2024, 5, 7)


@pytest.mark.parametrize(
    "old, new, fact",
    [
        ("Posted 3 hours ago", "Posted on 6 May 2024", False),
        ("Posted on 6 May 2024", "Posted 2 hours ago", False),
        ("Posted yesterday", "Posted on 5 May 2024", False),
        ("Posted 2 days ago", "Posted on 4 May 2024", False),
        ("Обновлено сегодня", "Обновлено 6 мая 2024", False),
        ("Publié aujourd'hui", "Publié le 6 mai 2024", False),
        # written out as a day far from the captures: another date, a fact
        ("Posted yesterday", "Posted on 5 May 2021", True),
        ("Posted 3 hours ago", "Posted on 6 May 2020", True),
    ],
)
def test_relative_and_absolute_stamps(old, new, fact):
    assert dates.only_dates_differ(old, new) == "date"
    assert dates.moved_fact(old, new, MAY_6, MAY_7) is fact
