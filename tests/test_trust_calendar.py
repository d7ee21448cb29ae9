"""Every form the date grammar reads that names a day gives its calendar day (`dates.calendar`),
so a deadline written in it ("Bewerbungsschluss: 15-05-2024" → "31-05-2024", "KW 19" → "KW
23") is told from a stamp as any other date is: moved away from the captures, a fact."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from cli_helpers import page_pairs_store, source_changes, tracker

from tracker import dates

NEAR = date(2024, 5, 2)
D = date(2024, 5, 6)
# one text per form of the grammar that names a day, and the days it means
FORMS = [
    ("2024-05-06", D, D),
    ("2024-05-06T14:05:00Z", D, D),
    ("06.05.2024", D, D),
    ("06.05.24", D, D),
    ("06/05/2024", D, D),  # read both ways: 6 May (d/m) first
    ("2024/05/06", D, D),
    ("06-05-2024", D, D),
    ("15-05-2024", date(2024, 5, 15), date(2024, 5, 15)),
    ("06.05., 14:05 Uhr", D, D),
    ("06.05. um 14 Uhr", D, D),
    ("KW 19", D, date(2024, 5, 12)),
    ("KW 19/2024", D, date(2024, 5, 12)),
    ("6 May 2024", D, D),
    ("6 May", D, D),
    ("May 6, 2024", D, D),
    ("May 6", D, D),
    ("6th May 2024", D, D),
    ("06-May-2024", D, D),
    ("6-mai-2024", D, D),
    ("6. Mai 2024", D, D),
    ("6 de mayo de 2024", D, D),
    ("6 мая 2024 г.", D, D),
    ("6 травня 2024 р.", D, D),
    ("lundi 6 mai 2024 à 14 h", D, D),
    ("Montag, 6. Mai 2024, 14:05 Uhr", D, D),
    ("May 2024", date(2024, 5, 1), date(2024, 5, 31)),
]


@pytest.mark.parametrize("text, first, last", FORMS)
def test_every_form_the_grammar_reads_has_its_calendar_day(text, first, last):
    [found] = dates.find(text)
    assert found.text == text
    days = dates.calendar(found.text, NEAR)
    assert days and (days[0].first, days[0].last) == (first, last)


PAGES = Path(__file__).parent / "pages" / "calendar"
NAMES = ["bewerbung-de", "sperrung-de", "closing-en", "sitzung-de"]
CAPTURES = ("2024-05-02T09:00:00+02:00", "2024-05-03T09:00:00+02:00")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("calendar") / "snaps"
    return page_pairs_store(store, PAGES, NAMES, dict.fromkeys(NAMES, CAPTURES))


@pytest.mark.parametrize("name", NAMES)
def test_a_deadline_in_these_forms_that_moved_alerts(store, name):
    changes = source_changes(store, name)
    assert [(c["kind"], c.get("reason")) for c in changes] == [("rewritten", "date")]
    done = tracker("check", "--store", str(store), "--source", name)
    assert done.code == 1, done.out + done.err


@pytest.mark.parametrize(
    "old, new",
    [
        ("Stand: 01-05-2024", "Stand: 02-05-2024"),
        ("Stand: KW 17", "Stand: KW 18"),
        ("Updated 02-May-2024", "Updated 03-May-2024"),
    ],
)
def test_a_stamp_in_these_forms_stays_a_stamp(old, new):
    assert not dates.moved_fact(old, new, date(2024, 5, 2), date(2024, 5, 3))
