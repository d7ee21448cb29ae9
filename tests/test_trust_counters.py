"""A count of days since an event, worded in any language the date grammar reads ("Прошло N
дней с момента…", "Seit N Tagen…", "N jours se sont écoulés depuis…"), is checked against the
days between the captures as the English "N days have passed since…" is: on schedule it is a
quiet counter, off schedule an anomaly that alerts."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import page_pairs_store, source_changes, tracker

from tracker.differ.hints import counts_days, is_days_counter

PAGES = Path(__file__).parent / "pages" / "daycounters"
NAMES = [f"vigil-{lang}" for lang in ("ru", "de", "fr", "es", "it", "uk")]
# the pages count 1296 → 1332 days: on schedule 36 days apart, off schedule one day apart
ON = {n: ("2021-09-20T09:00Z", "2021-10-26T09:00Z") for n in NAMES}
OFF = {n: ("2021-09-20T09:00Z", "2021-09-21T09:00Z") for n in NAMES}


@pytest.fixture(scope="module")
def on_schedule(tmp_path_factory) -> Path:
    return page_pairs_store(tmp_path_factory.mktemp("on") / "snaps", PAGES, NAMES, ON)


@pytest.fixture(scope="module")
def off_schedule(tmp_path_factory) -> Path:
    return page_pairs_store(tmp_path_factory.mktemp("off") / "snaps", PAGES, NAMES, OFF)


@pytest.mark.parametrize("name", NAMES)
def test_a_day_counter_on_schedule_is_quiet(on_schedule, name):
    [c] = source_changes(on_schedule, name)
    assert (c["kind"], c["old"], c["new"], c["on_schedule"]) == ("counter", 1296, 1332, True)
    assert c["expected"] == 36 and c["since"] == "2018-03-04"
    done = tracker("check", "--store", str(on_schedule), "--source", name)
    assert done.code == 0, done.out + done.err


@pytest.mark.parametrize("name", NAMES)
def test_a_day_counter_off_schedule_alerts(off_schedule, name):
    [c] = source_changes(off_schedule, name)
    assert (c["kind"], c["on_schedule"], c["expected"]) == ("counter", False, 1)
    done = tracker("check", "--store", str(off_schedule), "--source", name)
    assert done.code == 1, done.out + done.err
    assert "1332" in done.out


@pytest.mark.parametrize(
    "before, after",
    [
        ("Прошло ", " дней с момента инцидента"),
        ("", " дня прошло после аварии"),
        ("Seit ", " Tagen wartet die Familie"),
        ("", " Tage sind seit dem Unfall vergangen"),
        ("", " jours se sont écoulés depuis l'incident"),
        ("Han pasado ", " días desde el accidente"),
        ("Sono passati ", " giorni dalla scomparsa"),
        ("Já se passaram ", " dias desde o acidente"),
        ("Er zijn ", " dagen verstreken sinds de ramp"),
        ("Minęło ", " dni od katastrofy"),
        ("Минуло ", " днів з дня затримання"),
        # "day N of", in the languages read
        ("Day ", " of the siege"),
        ("Tag ", " des Krieges"),
        ("Jour ", " de la grève"),
        ("Día ", " de la huelga"),
        ("Giorno ", " della protesta"),
    ],
)
def test_days_since_in_each_language(before, after):
    assert is_days_counter(before, after) or counts_days(f"{before}1296{after}")


@pytest.mark.parametrize(
    "text",
    [
        "Die Ausstellung dauert 30 Tage.",  # a duration
        "Widerspruch innerhalb von 14 Tagen einlegen.",
        "Le délai de rétractation est de 14 jours.",
        "Plazo de 30 días hábiles.",
        "Срок рассмотрения — 30 дней.",
        "Consegna in 3 giorni lavorativi. Dal lunedì al venerdì.",  # "dal" in another clause
        "Wir haben 30 Tage der Woche geöffnet.",  # no day before the number
    ],
)
def test_a_count_of_days_that_is_no_time_since_is_a_figure(text):
    assert not counts_days(text)


@pytest.mark.parametrize(
    "text",
    [
        "Прошло 1296 дней с момента исчезновения Николая Сергеева",
        "Seit 1296 Tagen sitzt der Journalist in Haft",
        "Sono passati 1296 giorni dalla scomparsa",
    ],
)
def test_a_day_counter_is_never_learned_as_noise(text):
    """History learns a widget that changes on every capture as noise; a count of days since
    an event changes on every capture too, but its schedule is the point of watching it."""
    from tracker.history.noise import shapes

    assert shapes(f"Title\n\n{text}\n\nFooter") == {}
    assert shapes("Title\n\nViews: 1296 today\n\nFooter")  # a widget is looked at


COUNTDOWNS = Path(__file__).parent / "pages" / "countdowns"
DOWN = ["register-en", "wahl-de", "priem-ru", "elecciones-es", "scrutin-fr"]


@pytest.mark.parametrize(
    "times, quiet",
    [
        (("2024-05-27T09:00Z", "2024-05-28T09:00Z"), True),  # 12 → 11 days left in one day
        (("2024-05-20T09:00Z", "2024-05-28T09:00Z"), False),  # … in eight days: an anomaly
    ],
)
def test_a_countdown_of_days_is_scheduled_downwards(tmp_path, times, quiet):
    """ "Only 12 days left", "Noch 12 Tage bis zur Wahl", "осталось 12 дней": the days left to
    an event fall by the days between the captures."""
    store = page_pairs_store(tmp_path / "snaps", COUNTDOWNS, DOWN, dict.fromkeys(DOWN, times))
    days = 1 if quiet else 8
    for name in DOWN:
        [c] = source_changes(store, name)
        assert (c["kind"], c["delta"], c["expected"]) == ("counter", -1, -days), c
        assert c["on_schedule"] is quiet
        done = tracker("check", "--store", str(store), "--source", name)
        assert done.code == (0 if quiet else 1), done.out + done.err
