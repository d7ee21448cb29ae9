"""A lone time of day in a sentence ("The office closes at 5pm", "Einlass beginnt um 10:30
Uhr", "Ouverture à 9 h", "La reunión empieza a las 10:00", "Приём начинается в 10:00") is a
fact: its change alerts as a rewrite, reason `time`. A clock widget or a stamp's time ("London:
09:16", "Stand: 14:05 Uhr", "Mis à jour à 14:05", a time in its capture's own hour) stays
noise."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from cli_helpers import page_pairs_store, source_changes, tracker

from tracker import dates

PAGES = Path(__file__).parent / "pages" / "times"
FACTS = {
    "office-en": ("5pm", "3pm"),
    "einlass-de": ("10:30", "11:00"),
    "ouverture-fr": ("9", "10"),
    "reunion-es": ("10:00", "11:00"),
    "priem-ru": ("10:00", "11:00"),
    # opening hours: a range of times, also beside a view count that moved
    "hours-en": ("17:00", "16:00"),
    "sprechzeiten-de": ("12:00", "11:00"),
    # a label, but the sentence goes on after the time; a date and time whose day stayed
    "konzert-de": ("19:30", "20:00"),
    "komisja-pl": ("10:00", "12:30"),
}
CLOCKS = ["clock-en", "stand-de", "maj-fr", "actualizado-es", "obnovleno-ru"]
CAPTURES = ("2024-05-02T07:13:00Z", "2024-05-03T07:13:00Z")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    names = [*FACTS, *CLOCKS]
    store = tmp_path_factory.mktemp("times") / "snaps"
    return page_pairs_store(store, PAGES, names, dict.fromkeys(names, CAPTURES))


@pytest.mark.parametrize("name", FACTS)
def test_a_time_in_a_sentence_is_a_fact(store, name):
    [c] = source_changes(store, name)
    assert (c["kind"], c.get("reason")) == ("rewritten", "time"), c
    old, new = FACTS[name]
    assert old in c["old"] and new in c["new"] and {"-", "+"} <= {op for op, _ in c["edits"]}
    done = tracker("check", "--store", str(store), "--source", name)
    assert done.code == 1, done.out + done.err


@pytest.mark.parametrize("name", CLOCKS)
def test_a_clock_or_a_stamp_stays_noise(store, name):
    assert [(c["kind"], c.get("reason")) for c in source_changes(store, name)] == [
        ("volatile", "clock")
    ]
    done = tracker("check", "--store", str(store), "--source", name)
    assert done.code == 0, done.out + done.err


T0 = datetime(2024, 5, 2, 7, 13, tzinfo=UTC)
T1 = datetime(2024, 5, 3, 7, 13, tzinfo=UTC)


@pytest.mark.parametrize(
    "old, new, fact",
    [
        ("Doors open 7pm", "Doors open 8pm", True),
        ("La riunione inizia alle 10:00", "La riunione inizia alle 11:00", True),
        ("O atendimento começa às 9h30", "O atendimento começa às 10h30", True),
        ("Прийом починається о 10:00", "Прийом починається о 11:00", True),
        # a clock: a label, a stamp's words, or a time in the capture's own hour
        ("Die Versammlung beginnt um 19:00 Uhr", "Die Versammlung beginnt um 20:00 Uhr", True),
        (
            "Départ du car : 8 h 42 devant la mairie.",
            "Départ du car : 8 h 55 devant la mairie.",
            True,
        ),
        ("08:42 | Station Centraal | Ziekenhuis", "08:47 | Station Centraal | Ziekenhuis", True),
        ("Hearing: 12 March 2025 at 10:00", "Hearing: 12 March 2025 at 14:00", True),
        # a date widget's time, a stamp's: noise
        ("vendredi 3 février 2023, 16:40", "vendredi 3 février 2023, 17:05", False),
        ("Опубликовано 3 июня 2023 в 09:20", "Опубликовано 3 июня 2023 в 10:25", False),
        ("Today at 10:15", "Today at 11:15", False),
        ("Moscow 10:13", "Moscow 10:14", False),
        ("Dernière mise à jour à 14h05", "Dernière mise à jour à 09h12", False),
        ("Последнее обновление в 14:05", "Последнее обновление в 09:12", False),
        ("Letzte Änderung um 14:05 Uhr", "Letzte Änderung um 09:12 Uhr", False),
        ("Last updated at 14:05", "Last updated at 09:12", False),
        ("Aktualisiert um 14:05 Uhr", "Aktualisiert um 09:12 Uhr", False),
        ("The page was built at 07:05", "The page was built at 07:10", False),
        ("09:16", "10:16", False),
        # a relative time is a stamp
        ("Posted 3 hours ago", "Posted 5 hours ago", False),
        # the time of a reading, a label before its value
        ("River level at 06:00: 2.34 m", "River level at 09:45: 2.34 m", False),
        ("Stand um 14:00 Uhr: 12 Fälle", "Stand um 16:00 Uhr: 12 Fälle", False),
        ("Température à 6 h : 21 °C", "Température à 8 h : 21 °C", False),
        ("Уровень воды в 06:00: 312 см", "Уровень воды в 09:00: 312 см", False),
    ],
)
def test_moved_time(old, new, fact):
    assert dates.moved_time(old, new, T0, T1) is fact
    assert not dates.moved_time(old, new, None, T1)  # a capture time unknown: today's answer
