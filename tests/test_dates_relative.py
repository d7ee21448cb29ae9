"""Relative times ("updated … ago") whose unit changes between captures: noise in any language,
never an alert ("3 hours ago" → "2 days ago", "just now" → "5 minutes ago", "Today at 10:15" →
"Yesterday at 10:15", "3h ago" → "1d ago"), while a count of days that stays in days is still a
day counter with a schedule, and a real change beside a stamp still alerts."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from cli_helpers import page_pairs_store, source_changes, tracker
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import dates
from tracker.differ import DiffOptions, diff, normalize, rebuild

PAGES = Path(__file__).parent / "pages" / "reltime"
NOISE = ["forum-en", "verein-de", "actualites-fr", "noticias-es", "novosti-ru"]
PAGE = "Bulletin\n\n{}\n\nThe river is falling at every gauge."


# --- the grammar -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, reason",
    [
        # the unit changes: the coarser unit names the reason
        ("Aktualisiert vor 3 Stunden", "Aktualisiert vor 2 Tagen", "date"),
        ("Updated 3 hours ago", "Updated 2 days ago", "date"),
        ("il y a 5 minutes", "il y a 1 heure", "clock"),  # read before too: kept
        ("hace 2 horas", "hace 3 días", "date"),
        ("5 минут назад", "2 часа назад", "clock"),
        ("1 week ago", "2 months ago", "date"),
        ("yesterday", "3 days ago", "date"),
        ("3 days ago", "2 weeks ago", "date"),
        ("a day ago", "2 days ago", "date"),
        ("Updated an hour ago", "Updated 2 days ago", "date"),
        ("Aktualisiert vor einer Stunde", "Aktualisiert vor 2 Tagen", "date"),
        ("Mis à jour il y a une heure", "Mis à jour il y a 2 jours", "date"),
        ("Actualizado hace una hora", "Actualizado hace 3 días", "date"),
        ("Обновлено час назад", "Обновлено 2 дня назад", "date"),
        ("Aggiornato 3 ore fa", "Aggiornato 2 giorni fa", "date"),
        ("Atualizado há 3 horas", "Atualizado há 2 dias", "date"),
        ("Bijgewerkt 3 uur geleden", "Bijgewerkt 2 dagen geleden", "date"),
        ("Zaktualizowano 2 godz. temu", "Zaktualizowano 3 dni temu", "date"),
        ("Оновлено 5 хв тому", "Оновлено 2 дні тому", "date"),
        ("il y a 1 an", "il y a 2 ans", "date"),
        # "just now" in every language the grammar reads
        ("just now", "5 minutes ago", "clock"),
        ("à l'instant", "il y a 5 minutes", "clock"),
        ("gerade eben", "vor 5 Minuten", "clock"),
        ("только что", "5 минут назад", "clock"),
        ("hace un momento", "hace 10 minutos", "clock"),
        ("Updated just now", "Updated 2 days ago", "date"),
        # the same stamp elsewhere in a line
        ("Posted by Anna · 3 hours ago · 12 comments", "Posted by Anna · 2 days ago · 12 comments",
         "date"),
        # abbreviated forms (CLDR's short and narrow ones, with or without their dots)
        ("Posted by Anna · 3h ago · 12 comments", "Posted by Anna · 1d ago · 12 comments", "date"),
        ("Updated 5 min ago", "Updated 2 hrs ago", "clock"),
        ("Updated 5 min. ago", "Updated 1 hr ago", "clock"),
        ("Edited 45m ago", "Edited 2w ago", "date"),
        ("Edited 3mo ago", "Edited 1y ago", "date"),
        ("Aktualisiert vor 5 Min.", "Aktualisiert vor 2 Std.", "clock"),
        ("Aktualisiert vor 2 Wo.", "Aktualisiert vor 3 Std.", "date"),
        ("Mis à jour il y a 3 h", "Mis à jour il y a 2 j", "date"),
        ("Actualizado hace 5 min", "Actualizado hace 2 h", "clock"),
        ("Обновлено 3 ч назад", "Обновлено 2 дн. назад", "date"),
        # "today" / "yesterday" and a time (read before too: kept), either apostrophe
        ("Today at 10:15", "Yesterday at 10:15", "date"),
        ("Heute um 10:15", "Gestern um 10:15", "date"),
        ("Сегодня в 10:15", "Вчера в 10:15", "date"),
        ("Aujourd’hui à 10 h 15", "Hier à 10 h 15", "date"),
        ("Comment posted yesterday at 18:40", "Comment posted 3 days ago", "date"),
        # a few, several, last week (CLDR's relative words for the week, month, year before)
        ("Updated a few hours ago", "Updated 2 days ago", "date"),
        ("Updated several hours ago", "Updated 2 days ago", "date"),
        ("Mis à jour il y a quelques minutes", "Mis à jour il y a 2 jours", "date"),
        ("Обновлено несколько часов назад", "Обновлено 2 дня назад", "date"),
        ("Updated last week", "Updated 2 weeks ago", "date"),
        ("Aktualisiert letzte Woche", "Aktualisiert vor 2 Wochen", "date"),
        ("Mis à jour la semaine dernière", "Mis à jour il y a 2 semaines", "date"),
        ("Обновлено на прошлой неделе", "Обновлено 2 недели назад", "date"),
        # a relative stamp that turns into a date after a week
        ("Posted by Anna · 6 days ago", "Posted by Anna · Mar 3", "date"),
    ],
)
def test_a_stamp_whose_unit_changes_is_noise(old, new, reason):
    assert dates.only_dates_differ(old, new) == reason


@pytest.mark.parametrize(
    "old, new",
    [
        ("Updated 3 days ago", "Updated 4 days ago"),  # a day counter: its schedule is checked
        ("Aktualisiert vor 3 Tagen", "Aktualisiert vor 4 Tagen"),
        ("Обновлено 3 дня назад", "Обновлено 5 дней назад"),
        ("1296 days have passed since the incident", "1332 days have passed since the incident"),
        # a real change beside a stamp
        ("Updated 3 hours ago. The bridge is open.", "Updated 2 days ago. The bridge is closed."),
        ("Posted by Anna · 3 hours ago", "Posted by Bob · 2 days ago"),
        ("Last year's report is online", "This year's report is online"),
        # no stamp: a film, a measure, a deadline
        ("Available in 3D", "Available in 2D"),
        ("Wall height: vor 3 m", "Wall height: vor 4 m"),
        ("Sale ends in 3 hours", "Sale ends in 2 days"),
    ],
)
def test_not_a_stamp_change(old, new):
    assert dates.only_dates_differ(old, new) is None


def test_a_count_of_days_alone_is_no_date_but_a_day_count():
    """`find` leaves "N days ago" to the counters (its number is a day counter); `day_counts`
    finds it in any language."""
    for text in ("5 days ago", "vor 5 Tagen", "il y a 5 jours", "5 дней назад", "5d ago"):
        assert dates.find(text) == []
        assert [e.text for e in dates.day_counts(text)] == [text]
    assert [e.text for e in dates.find("a day ago")] == ["a day ago"]  # no number to count


# --- the differ --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, reason",
    [
        ("Updated 3 hours ago", "Updated 2 days ago", "date"),
        ("3 hours ago", "2 days ago", "date"),  # a line alone: a clock widget became a date
        ("yesterday", "3 days ago", "date"),
        ("hace 2 horas", "hace 3 días", "date"),
        ("just now", "5 minutes ago", "clock"),
        ("Posted by Anna · 3 hours ago · 12 comments",
         "Posted by Anna · 2 days ago · 15 comments", "engagement"),
    ],
)
def test_the_differ_files_them_as_noise(old, new, reason):
    report = diff(PAGE.format(old), PAGE.format(new))
    assert [(c.kind, c.reason) for c in report.changes] == [("volatile", reason)]
    assert rebuild(PAGE.format(old), report) == normalize(PAGE.format(new))


@pytest.mark.parametrize(
    "old, new",
    [
        ("Aktualisiert vor 3 Tagen", "Aktualisiert vor 5 Tagen"),
        ("Обновлено 3 дня назад", "Обновлено 5 дней назад"),
        ("Edited 3d ago", "Edited 5d ago"),
        ("1 day ago", "3 days ago"),
    ],
)
def test_a_count_of_days_that_stays_in_days_is_a_day_counter(old, new):
    report = diff(PAGE.format(old), PAGE.format(new),
                  old_time=datetime(2024, 3, 4), new_time=datetime(2024, 3, 6))
    assert [(c.kind, c.on_schedule) for c in report.changes] == [("counter", True)]


@pytest.mark.parametrize(
    "old, new",
    [
        ("Mis à jour il y a 3 jours", "Mis à jour il y a 9 jours"),
        ("Updated 1 day ago", "Updated 2 days ago"),
        ("Updated 4 days ago", "Updated 2 days ago"),  # the page was updated again
        ("Обновлено 4 дня назад", "Обновлено 2 дня назад"),
        ("Actualizado hace 2 días", "Actualizado hace 6 días"),  # another item's stamp
    ],
)
def test_a_relative_count_of_days_off_its_schedule_is_a_renewed_stamp(old, new):
    """"N days ago" that went back or jumped is the page's stamp renewed, not a counter reset:
    noise (reason `date`), never an alert; "N days have passed since" stays a counter."""
    report = diff(PAGE.format(old), PAGE.format(new),
                  old_time=datetime(2024, 3, 4), new_time=datetime(2024, 3, 6))
    assert [(c.kind, c.reason) for c in report.changes] == [("volatile", "date")]
    counter = diff(PAGE.format("12 days have passed since the flood"),
                   PAGE.format("3 days have passed since the flood"),
                   old_time=datetime(2024, 3, 4), new_time=datetime(2024, 3, 6))
    assert [(c.kind, c.on_schedule) for c in counter.changes] == [("counter", False)]


def test_a_count_of_days_is_never_learned_away_in_any_language():
    """A block that changes in every capture is learned noise, but for a count of days: its
    schedule is the point of watching it ("vor 3 Tagen" as "N days have passed since")."""
    old = PAGE.format("Zuletzt geprüft vor 3 Tagen")
    new = PAGE.format("Zuletzt geprüft vor 4 Tagen")
    learned = DiffOptions(volatile_labels={"Zuletzt geprüft vor # Tagen"})
    report = diff(old, new, options=learned, old_time=datetime(2024, 3, 4),
                  new_time=datetime(2024, 3, 5))
    assert [(c.kind, c.on_schedule) for c in report.changes] == [("counter", True)]


def test_a_figure_beside_a_stamp_that_changed_form_is_still_a_figure():
    old = PAGE.format("Posted 5 min ago · Car park day ticket £5")
    new = PAGE.format("Posted yesterday · Car park day ticket £7")
    report = diff(old, new)
    assert [(c.kind, c.old, c.new) for c in report.changes] == [("counter", 5, 7)]
    assert rebuild(old, report) == normalize(new)


# --- the CLI -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """One source per page, captured on two consecutive days."""
    store = tmp_path_factory.mktemp("reltime") / "snaps"
    names = [p.name.removesuffix("-before.html") for p in sorted(PAGES.glob("*-before.html"))]
    return page_pairs_store(store, PAGES, names)


_changes = source_changes


@pytest.mark.parametrize("name", NOISE)
def test_stamps_that_change_unit_never_alert(store, name):
    done = tracker("check", "--store", str(store), "--source", name)
    assert done.code == 0, done.out + done.err  # was 1: "rewritten", "removed", "added"
    assert done.out.startswith("no alert:") and "noise ignored:" in done.out
    kinds = [(c["kind"], c.get("reason")) for c in _changes(store, name)]
    assert ("volatile", "date") in kinds and ("volatile", "clock") in kinds
    assert set(kinds) <= {("volatile", "date"), ("volatile", "clock")}, kinds


def test_a_real_change_beside_a_stamp_still_alerts(store):
    done = tracker("check", "--store", str(store), "--source", "bridge-en")
    assert done.code == 1, done.out + done.err
    assert "closed to pedestrians" in done.out and "£5 → £7" in done.out
    assert 'under "Page updated' not in done.out  # a stamp is no heading
    kinds = sorted((c["kind"], c.get("reason")) for c in _changes(store, "bridge-en"))
    assert kinds == [("counter", None), ("rewritten", None), ("volatile", "date")]


def test_counts_of_days_on_schedule_do_not_alert(store):
    """Captures a day apart, "vor 3 Tagen" → "vor 4 Tagen" and "vor 1 Tag" → "vor 2 Tagen":
    day counters on schedule (was: a changed figure and a rewrite, both alerting)."""
    done = tracker("check", "--store", str(store), "--source", "tage-de")
    assert done.code == 0, done.out + done.err
    found = [(c["kind"], c["old"], c["new"], c.get("on_schedule")) for c in
             _changes(store, "tage-de")]
    assert found == [("counter", 3, 4, True), ("counter", 1, 2, True)]


def test_stamps_of_days_the_page_renewed_do_not_alert(store):
    """Captures a day apart: the page's "Mis à jour il y a 4 jours" became "il y a 1 jour" (it
    was updated again) and an item's "il y a 6 jours" "il y a 2 jours": renewed stamps, noise
    (was: two counter anomalies, an alert); the third item's stamp moved on schedule."""
    done = tracker("check", "--store", str(store), "--source", "gazette-fr")
    assert done.code == 0, done.out + done.err
    found = [(c["kind"], c.get("reason"), c.get("on_schedule")) for c in
             _changes(store, "gazette-fr")]
    assert sorted(found, key=str) == sorted(
        [("volatile", "date", None), ("volatile", "date", None), ("counter", None, True)], key=str
    )


_STAMPS = (
    ["3 hours ago", "2 days ago", "3h ago", "1d ago", "5 min ago", "2 hrs ago", "just now",
     "yesterday", "Today at 10:15", "Yesterday at 10:15", "vor 3 Stunden", "vor 2 Tagen",
     "vor 1 Tag", "gerade eben", "il y a 2 j", "à l'instant", "hace 3 días", "только что",
     "3 дня назад", "5 дней назад", "час назад", "1 week ago", "2 months ago"]
)
_STAMP = st.sampled_from(_STAMPS)
_WORD = st.sampled_from(["Posted", "by", "Anna", "·", "12", "comments", "£5", "river", "Обновлено"])


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.one_of(_STAMP, _WORD), min_size=1, max_size=6), min_size=1,
                max_size=6), st.data())
def test_stamp_edits_keep_the_report_complete(paras, data):
    """Random pages of stamps and words, each stamp swapped for another: the report is complete
    (a stamp read as a counter pair's neighbour, or a day count's number, loses no text)."""
    old = "\n\n".join(" ".join(p) for p in paras)
    swapped = [[data.draw(_STAMP) if w in _STAMPS else w for w in p] for p in paras]
    new = "\n\n".join(" ".join(p) for p in swapped)
    report = diff(old, new)
    assert rebuild(old, report) == normalize(new)


def test_restamped_reads_one_stretch_around_a_stamp():
    """A stamp and a count side by side are read as a counter pair's; changes far apart in a
    long block are not read together (the grammar costs ~1 µs a character)."""
    near = dates.restamped("Posted 3 hours ago · 12 comments", "Posted 2 days ago · 15 comments")
    assert near == "Posted 2 days ago · 12 comments"
    filler = " and".join(["the river is falling"] * 80)
    far = dates.restamped(f"Posted 3 hours ago. {filler} 12", f"Posted 2 days ago. {filler} 15")
    assert far is None
