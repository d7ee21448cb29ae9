"""Date ranges, half ranges and more written forms of dates and times.

A range of days sharing a month ("3–5 June 2024", "du 3 au 5 juin", "vom 3. bis 5. Juni", "с 3
по 5 июня") and one date after a half-range word ("until 5 July", "bis zum 9. Juni", "до 15
августа", "jusqu'au 15 mai") are periods and deadlines: facts, whose change alerts. Forms that
are stamps ("12-05-2024", "06-May-2024", "at 6:00am on 7 May 2024", "14.05 uur", "Stand:
06.05., 14:05 Uhr", "le 6 mai 2024 à 14 h", "noon", "KW 19") are dates, whose change is noise,
not a changed figure. Phone numbers, codes, ranges of numbers and durations stay what they are.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import page_pairs_store, source_changes, source_check

from tracker import dates

PAGES = Path(__file__).parent / "pages" / "dateforms"
NAMES = sorted(p.name.removesuffix("-before.html") for p in PAGES.glob("*-before.html"))


# --- the grammar -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expression",
    [
        ("Open 3–5 June 2024", "3–5 June 2024"),
        ("Open 3-5 June", "3-5 June"),
        ("The fair runs 14 to 16 June 2024", "14 to 16 June 2024"),
        ("Ouvert du 3 au 5 juin 2024", "3 au 5 juin 2024"),
        ("Geöffnet vom 3. bis 5. Juni 2024", "3. bis 5. Juni 2024"),
        ("Geöffnet 3.–5. Juni 2024", "3.–5. Juni 2024"),
        ("Schließtage: 03.–05.06.2024", "03.–05.06.2024"),
        ("Выставка открыта с 3 по 5 июня 2024 г.", "3 по 5 июня 2024 г."),
        ("Abierta del 3 al 5 de junio de 2024", "3 al 5 de junio de 2024"),
        ("Aperta dal 4 al 6 ottobre 2024", "4 al 6 ottobre 2024"),
        ("Aberta de 4 a 6 de outubro", "4 a 6 de outubro"),
        ("Open van 4 t/m 6 oktober", "4 t/m 6 oktober"),
        ("Czynne od 2 do 17 maja", "2 do 17 maja"),
        ("Відкрито з 3 по 5 червня", "3 по 5 червня"),
        ("Closed 3 and 4 June", "3 and 4 June"),
        ("Open 03.05.–06.05.2024", "03.05.–06.05.2024"),
        ("The conference runs June 3–5, 2024.", "June 3–5, 2024"),
        ("Hearings May 9 to 12", "May 9 to 12"),
    ],
)
def test_a_range_of_days_sharing_a_month_is_one_span(text, expression):
    [found] = dates.find(text)
    assert (found.text, found.span, found.clock) == (expression, True, False)


@pytest.mark.parametrize(
    "text, expression",
    [
        ("Open until 5 July 2024", "5 July 2024"),
        ("New charges apply from 1 July 2024", "1 July 2024"),
        ("Verlängert bis 5. Juli 2024", "5. Juli 2024"),
        ("Zu sehen bis zum 9. Juni", "9. Juni"),
        ("Geöffnet ab 3. Juni", "3. Juni"),
        ("Продлена до 5 июля 2024 г.", "5 июля 2024 г."),
        ("Действует по 5 июля", "5 июля"),
        ("Fermé jusqu'au 15 mai 2024.", "15 mai 2024"),
        ("Fermé jusqu’au 15 mai", "15 mai"),
        ("À partir du 3 juin", "3 juin"),
        ("Abierto hasta el 10 de mayo de 2024", "10 de mayo de 2024"),
        ("Aberto até 10 de maio", "10 de maio"),
        ("Aperta fino al 10 maggio", "10 maggio"),
        ("Geopend t/m 10 mei", "10 mei"),
        ("Wnioski można składać do 17 maja 2024 r.", "do 17 maja 2024 r."),
    ],
)
def test_a_date_after_a_half_range_word_is_a_span(text, expression):
    [found] = dates.find(text)
    assert (found.text, found.span) == (expression, True)


@pytest.mark.parametrize(
    "text",
    [
        "Updated 5 July 2024",
        "Приказ от 5 июля 2024 г.",  # "от": the day a document is dated, no range
        "Version 2.3 – 5 June 2024",  # "3" belongs to a version, not a day
        "Page updated: Friday, 3 February 2023",
        "Revised on June 14, 2023.",
        "Doors open June 3 – 5 pm",  # a date and a time
    ],
)
def test_a_plain_date_is_no_span(text):
    [found] = dates.find(text)
    assert not found.span


@pytest.mark.parametrize(
    "text, expression, clock",
    [
        ("Laatst gewijzigd: 12-05-2024", "12-05-2024", False),
        ("Date: 06-05-2024", "06-05-2024", False),
        ("Updated 06-May-2024", "06-May-2024", False),
        ("Actualizado: 6-may-2024", "6-may-2024", False),
        ("Taken at 6:00am on 7 May 2024.", "6:00am on 7 May 2024", False),
        ("Reading taken at 06:00 on 6 May", "06:00 on 6 May", False),
        ("Relevé à 06:00 le 6 mai 2024", "06:00 le 6 mai 2024", False),
        ("Messung um 14:05 Uhr am 6. Mai 2024", "14:05 Uhr am 6. Mai 2024", False),
        ("Medido a las 14:00 el 6 de mayo", "14:00 el 6 de mayo", False),
        ("Rilevato alle 14:00 il 6 maggio", "14:00 il 6 maggio", False),
        ("Gemeten om 14:05 op 6 mei", "14:05 op 6 mei", False),
        ("Bijgewerkt: 6 mei 2024, 14.05 uur", "6 mei 2024, 14.05 uur", False),
        ("Laatste meting: 14.05 uur", "14.05 uur", True),
        ("Bijgewerkt om 17 uur", "17 uur", True),
        ("Stand: 06.05., 14:05 Uhr", "06.05., 14:05 Uhr", False),
        ("Mis à jour le 6 mai 2024 à 14 h", "6 mai 2024 à 14 h", False),
        ("Atualizado em 6 de maio de 2024, às 14h", "6 de maio de 2024, às 14h", False),
        ("Issued at noon, 6 May 2024", "noon, 6 May 2024", False),
        ("Issued at 12 noon", "12 noon", True),
        ("Publié à midi", "midi", True),
        ("Stand: Mitternacht", "Mitternacht", True),
        ("Actualizado el 6 de setiembre de 2024", "6 de setiembre de 2024", False),
        ("Mis à jour le 6 aout 2024", "6 aout 2024", False),
        ("Mis à jour le 6 fevrier 2024", "6 fevrier 2024", False),
        ("Aktualisiert in KW 19", "KW 19", False),
        ("Speiseplan KW 19/2024", "KW 19/2024", False),
        ("Speiseplan KW19", "KW19", False),
    ],
)
def test_more_written_forms(text, expression, clock):
    found = dates.find(text)
    assert [(e.text, e.clock, e.span) for e in found] == [(expression, clock, False)]


@pytest.mark.parametrize(
    "text",
    [
        "Helpline: 020-7946-0958",  # a phone number
        "Call 555-12-2024",
        "Order code AB-12-05-2024",  # a product code
        "Part 12-05-2024-7",
        "Ages 3-5",  # a range of numbers
        "Pages 12-15",
        "Inflation rose to 3.4.",  # a decimal ending a sentence: no day.month. without a time
        "Version 1.2.",
        "Délai de traitement : 12 h",  # "14 h" alone: a duration as likely as a time
        "Livraison en 24h",
        "Output: 19 kW",  # kilowatts, not a calendar week
        "KW 60",
    ],
)
def test_not_a_date(text):
    assert dates.find(text) == []


@pytest.mark.parametrize(
    "old, new, reason",
    [
        # a range or a deadline changed: a fact
        ("Open 3–5 June 2024", "Open 3–7 June 2024", None),
        ("Ouvert du 3 au 5 juin 2024", "Ouvert du 3 au 7 juin 2024", None),
        ("Geöffnet vom 3. bis 5. Juni", "Geöffnet vom 3. bis 7. Juni", None),
        ("Geöffnet 3.–5. Juni 2024", "Geöffnet 3.–7. Juni 2024", None),
        ("Открыта с 3 по 5 июня 2024 г.", "Открыта с 3 по 7 июня 2024 г.", None),
        ("Abierta del 3 al 5 de junio", "Abierta del 3 al 7 de junio", None),
        ("Open until 5 July 2024", "Open until 12 July 2024", None),
        ("Verlängert bis 5. Juli 2024", "Verlängert bis 12. Juli 2024", None),
        ("Продлена до 5 июля 2024 г.", "Продлена до 12 июля 2024 г.", None),
        ("Fermé jusqu'au 15 mai 2024.", "Fermé jusqu'au 22 mai 2024.", None),
        ("Accueil de 9 h à 17 h", "Accueil de 9 h à 18 h", None),
        ("Le 6 mai 2024, 9 h – 17 h", "Le 6 mai 2024, 10 h – 17 h", None),
        # a stamp in another form moved: noise
        ("Laatst gewijzigd: 12-05-2024", "Laatst gewijzigd: 13-05-2024", "date"),
        ("Updated 06-May-2024", "Updated 07-May-2024", "date"),
        ("Taken at 6:00am on 7 May 2024.", "Taken at 9:15am on 8 May 2024.", "date"),
        ("Relevé à 06:00 le 6 mai 2024", "Relevé à 09:15 le 7 mai 2024", "date"),
        ("Laatste meting: 14.05 uur", "Laatste meting: 09.40 uur", "clock"),
        ("Stand: 06.05., 14:05 Uhr", "Stand: 07.05., 09:40 Uhr", "date"),
        ("Le 6 mai 2024 à 14 h", "Le 7 mai 2024 à 9 h", "date"),
        ("Issued at noon, 6 May 2024", "Issued at 9am, 7 May 2024", "date"),
        ("Aktualisiert in KW 19", "Aktualisiert in KW 20", "date"),
        # no date at all
        ("Helpline: 020-7946-0958", "Helpline: 020-7946-0959", None),
        ("Ages 3-5", "Ages 3-6", None),
        ("Inflation rose to 3.4.", "Inflation rose to 3.6.", None),
    ],
)
def test_only_dates_differ(old, new, reason):
    assert dates.only_dates_differ(old, new) == reason


# --- the CLI: realistic page pairs -------------------------------------------------------------

# a period or a deadline changed: the changed day is reported as a counter (was volatile)
FACTS = {
    "fair-en": (16, 17),
    "festival-fr": (14, 15),
    "baustelle-de": (19, 26),
    "kurs-de": (12, 14),
    "priem-ru": (14, 17),
    "feria-es": (22, 29),
    "mostra-it": (6, 13),
    "consultation-en": (5, 19),
    "ausstellung-de": (9, 23),
    "zayavleniya-ru": (15, 30),
    "travaux-fr": (15, 29),
    "inscripciones-es": (10, 24),
    "wnioski-pl": (17, 31),
}
# a stamp in a newly read form moved: noise (was a changed figure)
STAMPS = [
    "gewijzigd-nl", "reviewed-en", "fecha-es", "gauge-en", "releve-fr", "pegel-de", "meting-nl",
    "stand-de", "maj-fr", "forecast-en", "setiembre-es", "aout-fr", "kw-de",
]
# no date: still a change that alerts
OTHERS = {"helpline-en": "contact", "ages-en": "counter", "delai-fr": "counter",
          "rate-en": "counter"}


def test_every_page_pair_is_used():
    assert sorted([*FACTS, *STAMPS, *OTHERS]) == NAMES


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """One source per page, captured on two consecutive days."""
    store = tmp_path_factory.mktemp("dateforms") / "snaps"
    # a stamp follows its page's captures (tracker.dates.moved_fact): these two show late-summer
    # days a week apart; the weekly menu moves a week, the others are stamped on the day
    days = {"setiembre-es": ("2024-09-06T09:00Z", "2024-09-13T09:00Z"),
            "aout-fr": ("2024-08-06T09:00Z", "2024-08-13T09:00Z"),
            "kw-de": ("2024-05-06T09:00Z", "2024-05-13T09:00Z"),
            "reviewed-en": ("2024-05-13T09:00Z", "2024-05-14T09:00Z"),
            "fecha-es": ("2024-05-08T09:00Z", "2024-05-09T09:00Z")}
    may = ("2024-05-06T09:00Z", "2024-05-07T09:00Z")
    return page_pairs_store(store, PAGES, NAMES, {name: days.get(name, may) for name in NAMES})


_changes = source_changes


@pytest.mark.parametrize("name", sorted(FACTS))
def test_a_changed_period_or_deadline_alerts(store, name):
    [found] = _changes(store, name)
    # was volatile (date); a period or deadline that moved reads as a date rewrite
    assert (found["kind"], found["reason"]) == ("rewritten", "date"), found
    removed = "".join(t for op, t in found["edits"] if op == "-")
    added = "".join(t for op, t in found["edits"] if op == "+")
    assert (removed, added) == tuple(map(str, FACTS[name])), found["edits"]
    assert source_check(store, name) == 1


@pytest.mark.parametrize("name", STAMPS)
def test_a_moved_stamp_is_noise(store, name):
    found = _changes(store, name)
    assert [(c["kind"], c["reason"]) for c in found] == [("volatile", "date")], found
    assert source_check(store, name) == 0  # was an alert: a changed figure


@pytest.mark.parametrize("name", sorted(OTHERS))
def test_numbers_that_are_no_dates_still_alert(store, name):
    found = _changes(store, name)
    assert [c["kind"] for c in found] == [OTHERS[name]], found
    assert source_check(store, name) == 1
