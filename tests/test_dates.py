"""Dates and times inside a line (issue #9, point 1): the one date grammar (`tracker.dates`), and
what the differ makes of a block whose only difference is a date or a time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from cli_helpers import tracker
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import dates
from tracker.capture.timefind import find_time
from tracker.differ import diff, normalize, rebuild
from tracker.differ.counters import counter_changes
from tracker.differ.hints import hints_of

ROOT = Path(__file__).resolve().parents[1]
PAGES = Path(__file__).resolve().parent / "pages" / "dates"
DATE_ONLY = ["en-news", "ru-bulletin", "fr-avis", "de-lage", "es-aviso"]


# --- the grammar -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expression, clock",
    [
        ("Page updated: Friday, 3 February 2023, 16:40", "Friday, 3 February 2023, 16:40", False),
        ("Today: 1 December 2025, 10:15", "Today: 1 December 2025, 10:15", False),
        ("Figures as of May 9", "May 9", False),
        ("Revised on June 14, 2023.", "June 14, 2023", False),
        ("Filed 14/06/2023", "14/06/2023", False),
        ("Filed 2023-06-14", "2023-06-14", False),
        ("Stand 14.06.2023", "14.06.2023", False),
        ("Generated 2023-06-14T16:40:00+02:00", "2023-06-14T16:40:00+02:00", False),
        ("Обновлено: 3 июня 2023, 09:20", "3 июня 2023, 09:20", False),
        ("Сводка за июнь 2023 г.", "июнь 2023 г.", False),
        ("Mis à jour le mardi 3 février 2023 à 16 h 40", "mardi 3 février 2023 à 16 h 40", False),
        ("Publié le 1er févr. 2023", "1er févr. 2023", False),
        ("3. Februar 2023, 16:40 Uhr", "3. Februar 2023, 16:40 Uhr", False),
        ("Stand: 3. Februar 2023", "3. Februar 2023", False),
        ("Actualizado: 3 de febrero de 2023", "3 de febrero de 2023", False),
        ("Aggiornato il 3 febbraio 2023", "3 febbraio 2023", False),
        ("Atualizado em 3 de fevereiro de 2023", "3 de fevereiro de 2023", False),
        ("Bijgewerkt op 3 februari 2023", "3 februari 2023", False),
        ("Zaktualizowano 3 lutego 2023 r.", "3 lutego 2023 r.", False),
        ("Оновлено 3 лютого 2023", "3 лютого 2023", False),
        ("Doors close at 16:40", "16:40", True),
        ("Briefing at 4:40 PM EDT", "4:40 PM EDT", True),
        ("Updated 5 minutes ago", "5 minutes ago", True),
        ("Posted an hour ago", "an hour ago", True),
        ("il y a 3 heures", "il y a 3 heures", True),
        ("vor 3 Stunden", "vor 3 Stunden", True),
        ("hace 3 horas", "hace 3 horas", True),
        ("3 часа назад", "3 часа назад", True),
        ("Опубликовано вчера", "вчера", False),
        ("Published yesterday", "yesterday", False),
    ],
)
def test_find_the_whole_expression(text, expression, clock):
    found = dates.find(text)
    assert [(e.text, e.clock) for e in found] == [(expression, clock)]


@pytest.mark.parametrize(
    "text",
    [
        "1296 days have passed since the Salisbury incident",  # a day counter, not a date
        "It happened 5 days ago.",  # "N days ago" is a day counter too
        "Version 3.2.1 is out",
        "Inflation 3.4% in the year",
        "Fee: £108.00",
        "Residents: 27 514",
        "Tel: 020 7229 3628",
        "May we help you?",
        "The hearing lasted over 3 hours",  # "over" is Dutch for "in": no mixing of languages
    ],
)
def test_not_a_date(text):
    assert dates.find(text) == []


@pytest.mark.parametrize(
    "old, new, reason",
    [
        ("Page updated: Friday, 3 February 2023, 16:40",
         "Page updated: Saturday, 4 February 2023, 09:15", "date"),
        ("Updated: 1 December 2025", "Updated: 2 January 2026", "date"),
        ("3 июня 2023, 09:20", "4 июня 2023, 11:05", "date"),
        ("Обновлено в 09:20", "Обновлено в 11:05", "clock"),
        ("Updated 5 minutes ago", "Updated 2 hours ago", "clock"),
        ("Комментарий: 3 часа назад", "Комментарий: 5 часов назад", "clock"),
        ("Stand: 3. Februar 2023", "Stand: 6. März 2023", "date"),
        # a date and a word: a real change
        ("Status at 3 February 2023: notice in force", "Status at 4 February 2023: notice lifted",
         None),
        ("Обновлено 3 июня: эвакуация продолжается", "Обновлено 4 июня: эвакуация завершена", None),
        # a news item whose date and title both changed is another item
        ("25.10.2021 - President Putin's telephone conversation",
         "26.10.2021 - Foreign Minister's interview", None),
        # a number that is no date
        ("Updated 3 June 2023: 1204 residents", "Updated 3 June 2023: 1377 residents", None),
        ("Same text", "Same text", None),
        # opening hours and periods are facts, not clocks
        ("Open from 9am to 5pm", "Open from 10am to 6pm", None),
        ("Hours: 9:00–17:00", "Hours: 9:00–18:00", None),
        ("Öffnungszeiten: 9 bis 17 Uhr", "Öffnungszeiten: 9 bis 18 Uhr", None),
        ("Приём с 9:00 до 18:00", "Приём с 10:00 до 18:00", None),
        ("Accueil de 9 h 00 à 17 h 00", "Accueil de 9 h 30 à 17 h 00", None),
        ("Exhibition 3 June – 5 July 2023", "Exhibition 3 June – 12 July 2023", None),
    ],
)
def test_only_dates_differ(old, new, reason):
    assert dates.only_dates_differ(old, new) == reason


def test_names_come_from_babel_in_every_form():
    months = dict(dates._load_names()["months"])
    # genitive and stand-alone (ru, uk, pl), abbreviated with or without a dot
    for name, no in [("июня", 6), ("июнь", 6), ("июн", 6), ("février", 2), ("févr", 2),
                     ("märz", 3), ("febrero", 2), ("lutego", 2), ("luty", 2), ("червня", 6)]:
        assert months[name] == no, name


@pytest.mark.parametrize(
    "line, day",
    [
        ("26 October 2021", date(2021, 10, 26)),
        ("September 20, 2021", date(2021, 9, 20)),
        ("3 июня 2023 г.", date(2023, 6, 3)),
        ("mardi 3 février 2023", date(2023, 2, 3)),
        ("Freitag, 3. Februar 2023", date(2023, 2, 3)),
        ("3 de febrero de 2023", date(2023, 2, 3)),
        ("2023-02-03", date(2023, 2, 3)),
        ("31 February 2023", None),
        ("Updated 3 June 2023", None),
    ],
)
def test_date_line(line, day):
    assert dates.parse_date_line(line) == day


def test_capture_time_from_a_russian_date_line():
    page = "3 июня 2023\nMoscow: 09:20\nLondon: 07:20\n\nОперативная информация"
    when, how = find_time(page)
    assert how == "page" and when.isoformat() == "2023-06-03T09:20:00+03:00"


@pytest.mark.parametrize(
    "text, hint",
    [
        ("3 июня 2023, 09:20", "date"),
        ("mardi 3 février 2023 à 16 h 40", "date"),
        ("3 hours ago", "clock"),
        ("Moscow: 00:03", "clock"),
        ("Open from 12pm to 4pm", None),
    ],
)
def test_widget_hints(text, hint):
    widgets = {"date", "clock"} & hints_of(text)
    assert widgets == ({hint} if hint else set())


def test_numbers_inside_dates_are_never_counters():
    made = counter_changes(
        "Updated 3 June 2023, 09:20: 1204 residents", "Updated 4 June 2023, 11:05: 1377 residents",
        None, None,
    )
    assert [(c.old, c.new) for c in made] == [(1204, 1377)]


# --- the differ --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new",
    [
        ("Today: 1 December 2025, 10:15", "Today: 2 December 2025, 11:40"),
        ("Updated: 1 December 2025", "Updated: 2 January 2026"),
        ("Figures as of May 9", "Figures as of May 16"),
        ("Revised on June 14", "Revised on June 21"),
        ("3 июня 2023, 09:20", "4 июня 2023, 11:05"),
        ("Page updated: Friday, 3 February 2023, 16:40",
         "Page updated: Saturday, 4 February 2023, 9:05 AM"),
    ],
)
def test_issue_examples_are_volatile_never_counters(old, new):
    page = "Emergency bulletin\n\n{}\n\nThe river is falling at every gauge."
    report = diff(page.format(old), page.format(new))
    assert [(c.kind, c.reason) for c in report.changes] in ([("volatile", "date")],
                                                             [("volatile", "clock")])
    assert not report.has_changes


def test_opening_hours_stay_a_real_change():
    report = diff("Library\n\nOpen from 9am to 5pm", "Library\n\nOpen from 10am to 6pm")
    assert report.changes and not report.of_kind("volatile")


def test_day_counters_stay_counters():
    report = diff("1296 days have passed since the Salisbury incident",
                  "1332 days have passed since the Salisbury incident",
                  old_time=datetime(2021, 9, 20), new_time=datetime(2021, 10, 26))
    assert [(c.kind, c.on_schedule) for c in report.changes] == [("counter", True)]


_PART = st.sampled_from(
    ["3 June 2023", "4 June 2023", "16:40", "09:15", "3 июня 2023, 09:20", "4 июня 2023",
     "mardi 3 février 2023 à 16 h 40", "3. Februar 2023", "3 hours ago", "5 минут назад",
     "2023-06-14", "14.06.2023", "yesterday", "вчера"]
)
_WORD = st.sampled_from(["Updated", "Обновлено", "Stand:", "the", "river", "level", "12", "—"])


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.one_of(_PART, _WORD), min_size=1, max_size=6), min_size=1,
                max_size=6), st.data())
def test_date_edits_keep_the_report_complete(paras, data):
    """Random pages of dates and words; each date swapped for another: complete, and noise."""
    old = "\n\n".join(" ".join(p) for p in paras)
    swapped = [[data.draw(_PART) if dates.whole(w) else w for w in p] for p in paras]
    new = "\n\n".join(" ".join(p) for p in swapped)
    report = diff(old, new)
    assert rebuild(old, report) == normalize(new)


# --- the CLI -----------------------------------------------------------------------------------


# When each page was captured: when its own stamp line says it was updated (a date that does
# not follow the captures is a fact: a moved deadline or event, see test_deadlines.py)
_CAPTURED = {
    "de-lage": ("2023-02-03T16:40:00+01:00", "2023-03-06T08:15:00+01:00"),
    "es-aviso": ("2023-02-03T16:40:00+01:00", "2023-03-06T08:15:00+01:00"),
    "ru-bulletin": ("2023-06-03T09:20:00+03:00", "2023-06-04T11:05:00+03:00"),
}


def _store(tmp_path: Path, name: str) -> Path:
    store = tmp_path / "snaps"
    before, after = _CAPTURED.get(
        name, ("2023-02-03T16:40:00+01:00", "2023-02-04T09:05:00+01:00")
    )
    times = {"before": before, "after": after}
    for side, at in times.items():
        done = tracker("import", "--store", str(store), "--source", "page.example", "--at", at,
                       str(PAGES / f"{name}-{side}.html"))
        assert done.code == 0, done.err
    return store


@pytest.mark.parametrize("name", DATE_ONLY)
def test_date_only_change_is_noise_through_the_cli(tmp_path, name):
    store = _store(tmp_path, name)
    done = tracker("check", "--store", str(store))
    assert done.code == 0, done.out + done.err
    assert done.out.startswith("no alert:") and "noise ignored:" in done.out
    report = json.loads(tracker("diff", "--store", str(store), "--format", "json").out)
    kinds = {(c["kind"], c.get("reason")) for c in report["changes"]}
    assert kinds and kinds <= {("volatile", "date"), ("volatile", "clock")}, kinds
    assert ("volatile", "date") in kinds
    text = tracker("diff", "--store", str(store), "--exit-code")
    assert text.code == 0, text.out


def test_a_date_and_a_fact_still_alert(tmp_path):
    store = _store(tmp_path, "en-notice")
    done = tracker("check", "--store", str(store))
    assert done.code == 1, done.out + done.err
    assert "lifted" in done.out
    report = json.loads(tracker("diff", "--store", str(store), "--format", "json").out)
    kinds = sorted((c["kind"], c.get("reason")) for c in report["changes"])
    assert kinds == [("rewritten", None), ("volatile", "date")]


# --- cost --------------------------------------------------------------------------------------


def _python(code: str, cache: Path) -> str:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_babel_is_read_once_then_cached(tmp_path):
    code = ("import sys; from tracker import dates; print(len(dates.find('3 июня 2023')), "
            "'babel' in sys.modules)")
    assert _python(code, tmp_path) == "1 True"  # first run: names read from Babel, kept
    assert list((tmp_path / "tracker").glob("cldr-dates-*.json"))
    assert _python(code, tmp_path) == "1 False"  # later runs: Babel is not even imported


def test_help_imports_neither_babel_nor_the_grammar(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "tracker", "--help"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert "babel" not in imported and "tracker.dates" not in imported


@pytest.mark.parametrize(
    "old,new",
    [
        ("© 2023 City of Springfield", "© 2024 City of Springfield"),
        ("Copyright (c) 2019-2023 ACME Ltd", "Copyright (c) 2019-2024 ACME Ltd"),
        ("© 2023 Ville de Lyon", "© 2024 Ville de Lyon"),
        ("© 2023 Посольство России", "© 2024 Посольство России"),
    ],
)
def test_a_copyright_year_is_a_date_not_a_figure(old, new):
    """A footer turning over the year must not alert as a changed figure."""
    from tracker.differ import diff

    report = diff(f"News\n\n{old}\n", f"News\n\n{new}\n")
    assert [(c.kind, c.reason) for c in report.changes] == [("volatile", "date")]
