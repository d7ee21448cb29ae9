"""A changed date is a stamp of the page when it follows the captures (the new date near the new
capture's day, or moved by the days between the captures; a time of day, a relative time, a
copyright year; capture times unknown): noise, as before. Any other changed date is a fact, a
deadline or an event's day that moved: a rewrite with reason `date`, alerting."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from cli_helpers import diff_pages, make_store, page_pairs_store, source_changes, tracker

from tracker import dates
from tracker.differ import diff

PAGES = Path(__file__).parent / "pages" / "deadlines"

# --- the decision ------------------------------------------------------------------------------

MAY_2, MAY_3 = date(2024, 5, 2), date(2024, 5, 3)


@pytest.mark.parametrize(
    "old, new",
    [
        ("Applications close on 15 June 2024.", "Applications close on 30 June 2024."),
        ("The hearing is scheduled for 12 March 2025 at 10:00.",
         "The hearing is scheduled for 15 April 2025 at 10:00."),
        ("Die Frist endet am 31. Mai 2024.", "Die Frist endet am 14. Juni 2024."),
        ("Le scrutin aura lieu le 9 juin 2024", "Le scrutin aura lieu le 16 juin 2024"),
        ("Plazo: hasta el 5 de mayo de 2024", "Plazo: hasta el 20 de mayo de 2024"),
        ("Приём документов до 1 июля 2024 г.", "Приём документов до 15 июля 2024 г."),
        ("Termin składania wniosków: 20 maja 2024", "Termin składania wniosków: 27 maja 2024"),
        ("Прийом документів до 1 липня 2024 р.", "Прийом документів до 15 липня 2024 р."),
        ("La scadenza è il 15 giugno 2024", "La scadenza è il 30 giugno 2024"),
        ("O prazo termina em 15 de junho de 2024", "O prazo termina em 30 de junho de 2024"),
        ("De termijn loopt af op 15 juni 2024", "De termijn loopt af op 30 juni 2024"),
        ("Die Sitzung findet am Dienstag, 14. Mai 2024 statt",
         "Die Sitzung findet am Mittwoch, 22. Mai 2024 statt"),
        ("Closing date: 14.06.2024", "Closing date: 28.06.2024"),
        ("Closing date: 2024-06-14", "Closing date: 2024-06-28"),
        ("Deadline: 06/14/2024", "Deadline: 06/28/2024"),  # month first: one reading only
        ("Submissions close June 14", "Submissions close June 28"),  # no year: the nearest
        ("The vote is expected in June 2024", "The vote is expected in September 2024"),
        # brought forward to the capture's day: the old date was ahead of its capture
        ("Applications close on 30 June 2024.", "Applications close on 3 May 2024."),
    ],
)
def test_a_moved_deadline_or_event_is_a_fact(old, new):
    # a deadline after a word that opens a half range ("hasta el", "до") is a period's end
    assert dates.moved_fact(old, new, MAY_2, MAY_3) or dates.date_change(old, new) == "period"


@pytest.mark.parametrize(
    "old, new, old_day, new_day",
    [
        # both past by the new capture, but the old one was ahead of its own capture
        ("Applications close on 15 June 2024.", "Applications close on 30 June 2024.",
         MAY_2, date(2024, 7, 30)),
        # a past event's day corrected: not between the captures
        ("The hearing was held on 12 March 2024.", "The hearing was held on 13 March 2024.",
         date(2024, 4, 2), date(2024, 5, 2)),
    ],
)
def test_a_fact_among_captures_far_apart(old, new, old_day, new_day):
    assert dates.moved_fact(old, new, old_day, new_day)


@pytest.mark.parametrize(
    "old, new, old_day, new_day",
    [
        # the new date near the new capture's day (a week before to a day after)
        ("Page last updated: 2 May 2024", "Page last updated: 3 May 2024", MAY_2, MAY_3),
        ("Stand: 19. April 2024", "Stand: 27. April 2024", date(2024, 4, 20), MAY_3),
        ("Обновлено: 1 мая 2024", "Обновлено: 4 мая 2024", MAY_2, MAY_3),  # a zone ahead
        ("Figures as of May 9", "Figures as of May 16", date(2024, 5, 9), date(2024, 5, 17)),
        ("Actualizado: 2024-05-02", "Actualizado: 2024-05-03", MAY_2, MAY_3),
        ("Data for April 2024", "Data for May 2024", date(2024, 4, 30), MAY_3),
        # the page was updated between two captures months apart
        ("Last reviewed: 1 March 2020", "Last reviewed: 15 June 2024", date(2024, 1, 10),
         date(2025, 1, 10)),
        # moved by the days between the captures: a rolling "next" date
        ("Prochain bulletin : 14/02/2023", "Prochain bulletin : 15/02/2023",
         date(2023, 2, 3), date(2023, 2, 4)),
        ("Nächste Lagemeldung: 6. Februar 2023", "Nächste Lagemeldung: 7. März 2023",
         date(2023, 2, 3), date(2023, 3, 6)),
        ("Bulletin for June 2024", "Bulletin for August 2024", date(2024, 5, 20),
         date(2024, 7, 20)),
        # the same day, written another way or at another time
        ("Hearing: 12 March 2025 at 10:00", "Hearing: 12 March 2025 at 14:00", MAY_2, MAY_3),
        ("Closing date: 15 Jun 2024", "Closing date: 15 June 2024", MAY_2, MAY_3),
        # a time of day, a relative time, a copyright year
        ("Updated at 16:40", "Updated at 09:05", MAY_2, MAY_3),
        ("Updated 3 weeks ago", "Updated 2 months ago", MAY_2, MAY_3),
        ("© 2019 Riverside Council", "© 2023 Riverside Council", MAY_2, MAY_3),
        # a numeric date that reads both ways: a stamp if one reading is
        ("Updated 05/01/2024", "Updated 05/02/2024", date(2024, 5, 1), MAY_2),
    ],
)
def test_a_date_that_follows_the_captures_is_a_stamp(old, new, old_day, new_day):
    assert not dates.moved_fact(old, new, old_day, new_day)


def test_with_a_capture_day_unknown_every_date_is_a_stamp():
    old, new = "Applications close on 15 June 2024.", "Applications close on 30 June 2024."
    assert dates.moved_fact(old, new, MAY_2, MAY_3)
    assert not dates.moved_fact(old, new, None, MAY_3)
    assert not dates.moved_fact(old, new, MAY_2, None)


@pytest.mark.parametrize(
    "text, near, day",
    [
        ("15 June 2024", MAY_2, date(2024, 6, 15)),
        ("Friday, 3 February 2023, 16:40", MAY_2, date(2023, 2, 3)),
        ("3. Februar 2023 um 16:40 Uhr", MAY_2, date(2023, 2, 3)),
        ("1er févr. 2023", MAY_2, date(2023, 2, 1)),
        ("3 de febrero de 2023", MAY_2, date(2023, 2, 3)),
        ("3 июня 2023 г.", MAY_2, date(2023, 6, 3)),
        ("June 14, 2023", MAY_2, date(2023, 6, 14)),
        ("14.06.2023", MAY_2, date(2023, 6, 14)),
        ("14.06.23", MAY_2, date(2023, 6, 14)),
        ("2023-06-14T16:40:00Z", MAY_2, date(2023, 6, 14)),
        # a weekday first, also one whose name is a month's too ("mar": martedì, March)
        ("mar 3 giugno 2025", MAY_2, date(2025, 6, 3)),
        ("Mar 3, 2025", MAY_2, date(2025, 3, 3)),
        ("segunda-feira, 3 de junho de 2024", MAY_2, date(2024, 6, 3)),
        # no year: the one that puts it nearest the capture
        ("December 30", date(2025, 1, 2), date(2024, 12, 30)),
        ("2 January", date(2024, 12, 30), date(2025, 1, 2)),
        ("May 9", MAY_2, date(2024, 5, 9)),
    ],
)
def test_the_calendar_day_of_an_expression(text, near, day):
    [found] = dates.find(text)
    assert [(d.first, d.last) for d in dates.calendar(found.text, near)] == [(day, day)]


def test_a_month_and_year_is_the_whole_month():
    [d] = dates.calendar("February 2024", MAY_2)
    assert (d.first, d.last, d.month) == (date(2024, 2, 1), date(2024, 2, 29), True)


# --- the differ --------------------------------------------------------------------------------

PAGE = "Notice\n\n{}\n\nSend your response to the Flood Team, Town Hall, Riverside."
T0 = datetime(2024, 5, 2, 9, tzinfo=UTC)
T1 = datetime(2024, 5, 3, 9, tzinfo=UTC)


def test_a_moved_deadline_is_a_rewrite_with_word_edits():
    report = diff(PAGE.format("Applications close on 15 June 2024."),
                  PAGE.format("Applications close on 30 June 2024."), old_time=T0, new_time=T1)
    [c] = report.changes
    assert (c.kind, c.reason) == ("rewritten", "date")
    assert c.edits == [("=", "Applications close on "), ("-", "15"), ("+", "30"),
                       ("=", " June 2024.")]
    assert report.has_changes


def test_without_capture_times_a_moved_date_stays_noise():
    report = diff(PAGE.format("Applications close on 15 June 2024."),
                  PAGE.format("Applications close on 30 June 2024."))
    assert [(c.kind, c.reason) for c in report.changes] == [("volatile", "date")]


def test_a_bare_date_line_is_read_too():
    """A date alone in its block (a widget to the pairing) is a fact when it does not follow."""
    page = "Closing date\n\n{}\n\nSend your response."
    moved = diff(page.format("15 June 2024"), page.format("30 June 2024"), old_time=T0, new_time=T1)
    assert [(c.kind, c.reason) for c in moved.changes] == [("rewritten", "date")]
    stamp = diff(page.format("2 May 2024"), page.format("3 May 2024"), old_time=T0, new_time=T1)
    assert [(c.kind, c.reason) for c in stamp.changes] == [("volatile", "date")]


def test_a_line_history_learned_is_noise_stays_noise():
    from tracker.differ.options import DiffOptions

    page = "Closing date\n\n{}\n\nSend your response."
    learned = DiffOptions(volatile_labels={"# June #"})
    report = diff(page.format("15 June 2024"), page.format("30 June 2024"), old_time=T0,
                  new_time=T1, options=learned)
    assert [(c.kind, c.reason) for c in report.changes] == [("volatile", "date")]


def test_the_date_lines_of_replaced_items_are_no_moved_date():
    """A news list whose items were replaced: their date lines pair for their likeness, but
    no one line moved its date (the titles around them are added and removed)."""
    old = ("News\n\nPlant licensed\n\nSeptember 29, 2017\n\nView article\n\n"
           "Grid rule proposed\n\nSeptember 28, 2017\n\nView article\n\nContact us")
    new = ("News\n\nResilience grants announced\n\nSeptember 12, 2017\n\nView article\n\n"
           "Small exports approved\n\nSeptember 1, 2017\n\nView article\n\nContact us")
    report = diff(old, new, old_time=datetime(2017, 9, 30), new_time=datetime(2017, 10, 5))
    kinds = {(c.kind, c.reason) for c in report.changes if c.reason}
    assert kinds == {("volatile", "date")}, report.changes
    # the same date line in place (its neighbours kept) is a moved date
    report = diff(old, old.replace("September 28", "October 20"),
                  old_time=datetime(2017, 9, 30), new_time=datetime(2017, 10, 5))
    assert [(c.kind, c.reason) for c in report.changes] == [("rewritten", "date")]


def test_counters_keep_their_behaviour():
    """A number outside the dates still makes a counter; a day counter keeps its schedule."""
    report = diff("News\n\nUpdated 3 June 2024: 1204 residents",
                  "News\n\nUpdated 4 June 2024: 1377 residents", old_time=T0, new_time=T1)
    assert [(c.kind, c.old, c.new) for c in report.changes] == [("counter", 1204, 1377)]
    report = diff("1296 days have passed since the Salisbury incident",
                  "1332 days have passed since the Salisbury incident",
                  old_time=datetime(2021, 9, 20), new_time=datetime(2021, 10, 26))
    assert [(c.kind, c.on_schedule) for c in report.changes] == [("counter", True)]


# --- the CLI -----------------------------------------------------------------------------------

# page: (captured before, captured after); the captures' days are those of the pages' own stamps
CAPTURES = {
    "consultation-en": ("2024-05-02T09:00:00+01:00", "2024-05-03T09:00:00+01:00"),
    "hearings-en": ("2025-03-03T17:10:00Z", "2025-03-04T17:10:00Z"),
    "scrutin-fr": ("2024-05-02T09:00:00+02:00", "2024-05-03T09:00:00+02:00"),
    "frist-de": ("2024-05-02T09:00:00+02:00", "2024-05-03T09:00:00+02:00"),
    "priem-ru": ("2024-05-02T09:00:00+03:00", "2024-05-03T09:00:00+03:00"),
    "updated-en": ("2025-12-01T08:00:00Z", "2025-12-08T08:00:00Z"),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("deadlines") / "snaps"
    return page_pairs_store(store, PAGES, CAPTURES, CAPTURES)


_changes = source_changes


@pytest.mark.parametrize(
    "name, old, new, stamp",
    [
        ("consultation-en", "15", "30", "Page last updated: 3 May 2024"),
        ("hearings-en", "12 March", "15 April", "List generated 4 March 2025, 16:58"),
        ("scrutin-fr", "9", "16", "Mis à jour le 3 mai 2024"),
        ("frist-de", "31", "14", "Stand: 3. Mai 2024"),
        ("priem-ru", "1", "15", "Обновлено: 3 мая 2024 г."),
    ],
)
def test_a_moved_date_alerts_and_the_stamp_stays_quiet(store, name, old, new, stamp):
    done = tracker("check", "--store", str(store), "--source", name)
    assert done.code == 1, done.out + done.err
    assert "1 rewritten" in done.out and "noise ignored: date" in done.out
    changes = _changes(store, name)
    assert [(c["kind"], c.get("reason")) for c in changes] == [
        ("rewritten", "date"), ("volatile", "date")
    ]
    fact, noise = changes
    assert ["-", old] in fact["edits"] and ["+", new] in fact["edits"]
    assert noise["new"] == stamp
    text = tracker("diff", "--store", str(store), "--source", name)
    assert f"[-{old}-]{{+{new}+}}" in text.out
    markdown = tracker("diff", "--store", str(store), "--source", name, "--format", "markdown")
    assert f"<del>{old}</del><ins>{new}</ins>" in markdown.out


def test_a_page_whose_stamps_follow_the_captures_stays_quiet(store):
    done = tracker("check", "--store", str(store), "--source", "updated-en")
    assert done.code == 0, done.out + done.err
    assert done.out.startswith("no alert:")
    changes = _changes(store, "updated-en")
    assert [(c["kind"], c.get("reason")) for c in changes] == [("volatile", "date")] * 3


def test_the_samples_date_line_stays_a_stamp(tmp_path):
    store = make_store(tmp_path)
    r = tracker("diff", "--store", str(store), "2021-09-20", "2021-10-26", "--format", "json")
    changes = json.loads(r.out)["changes"]
    line = [c for c in changes if c["old"] == "20 September 2021"]
    assert [(c["kind"], c.get("reason")) for c in line] == [("volatile", "date")]
    assert not [c for c in changes if c.get("reason") == "date" and c["kind"] != "volatile"]


@pytest.mark.parametrize(
    "old_date, new_date, kind",
    [("15 February 2024", "29 February 2024", "rewritten"),  # the deadline moved: a fact
     ("1 January 2024", "2 January 2024", "volatile")],  # the page's stamp: noise
)
def test_a_phone_written_anew_beside_a_date_does_not_hide_a_moved_deadline(
    tmp_path, old_date, new_date, kind
):
    """The phone rule reads a block whose contacts are equal and whose other text differs only
    in dates as a stamp; a deadline that moved there is still a fact (captured 1 and 2 Jan)."""
    page = (
        "Waste Services\n\nTelephone: {} · Applications close on {}.\n\n"
        "The Council has approved the new collection schedule for the northern districts."
    )
    doc = diff_pages(
        tmp_path, page.format("+44 1233 331111", old_date), page.format("01233 331111", new_date)
    )
    assert [c["kind"] for c in doc["changes"]] == [kind]


@pytest.mark.parametrize(
    "old, new, kinds",
    [
        # a deadline moved beside noise (a view count, a stamp, an amount written anew): the
        # deadline is not lost as that noise
        ("Hearing: 14 February 2024 · 1,204 views", "Hearing: 28 February 2024 · 1,310 views",
         [("rewritten", "date")]),
        ("Deadline 15 February 2024, fee £25", "Deadline 29 February 2024, fee £25.00",
         [("rewritten", "date")]),
        ("Submissions close 20 February 2024 (posted 3 hours ago)",
         "Submissions close 5 March 2024 (posted 2 days ago)", [("rewritten", "date")]),
        ("Scrutin le 9 février 2024 · 1 204 vues", "Scrutin le 16 février 2024 · 1 310 vues",
         [("rewritten", "date")]),
        # a phone that changed and a deadline that moved in one block: both are shown
        ("Hearing 14 February 2024 – enquiries +44 1233 331111",
         "Hearing 28 February 2024 – enquiries +44 1233 331112",
         [("contact", None), ("rewritten", "date")]),
        # the page's own stamp beside a view count: noise, as before
        ("Updated 1 January 2024 · 1,204 views", "Updated 2 January 2024 · 1,310 views",
         [("volatile", "engagement")]),
    ],
)
def test_a_moved_deadline_beside_other_changes_is_not_lost(tmp_path, old, new, kinds):
    page = (
        "Council news\n\nThe Council has approved the new collection schedule for the northern "
        "districts.\n\n{}\n\nResidents can find out more at the civic centre on weekdays."
    )
    doc = diff_pages(tmp_path, page.format(old), page.format(new))  # captured 1 and 2 Jan
    assert [(c["kind"], c.get("reason")) for c in doc["changes"]] == kinds


def test_an_event_postponed_by_the_captures_interval_alerts_a_rolling_date_does_not(tmp_path):
    """Weekly captures: the book fair weeks away moved by a week (postponed: a fact), while the
    next collection two days ahead moved by a week too (a rolling date) and the stamp follows."""
    store = page_pairs_store(
        tmp_path / "snaps",
        PAGES,
        ["aplazada-es"],
        {"aplazada-es": ("2024-05-01T09:00:00+02:00", "2024-05-08T09:00:00+02:00")},
    )
    done = tracker("check", "--store", str(store))
    assert done.code == 1, done.out + done.err
    changes = _changes(store, "aplazada-es")
    assert [(c["kind"], c.get("reason")) for c in changes] == [
        ("rewritten", "date"), ("volatile", "date"), ("volatile", "date")
    ]
    assert ["-", "15"] in changes[0]["edits"] and ["+", "22"] in changes[0]["edits"]
    assert {c["new"].split(":")[0] for c in changes[1:]} == {"Actualizado", "Próxima recogida"}


@pytest.mark.parametrize(
    "old, new, old_day, new_day",
    [
        ("The fair takes place on 15 June 2024.", "The fair takes place on 16 June 2024.",
         date(2024, 5, 1), MAY_2),
        ("Die Frist endet am 31. Mai 2024.", "Die Frist endet am 1. Juni 2024.",
         date(2024, 5, 1), MAY_2),
        ("Il consiglio si riunisce il 12 giugno 2024", "Il consiglio si riunisce il 12 luglio 2024",
         date(2024, 5, 1), date(2024, 5, 31)),
    ],
)
def test_a_far_date_moved_by_the_interval_is_a_fact(old, new, old_day, new_day):
    assert dates.moved_fact(old, new, old_day, new_day)


@pytest.mark.parametrize(
    "old, new",
    [
        ("Updated 6 Sept 2024", "Updated 7 Sept 2024"),
        ("Mis à jour le 6 août 2024", "Mis à jour le 7 août 2024"),
        ("Stand: 6. Mär. 2025", "Stand: 7. Mär. 2025"),
    ],
)
def test_a_labelled_stamp_that_moves_with_the_captures_stays_a_stamp_however_far(old, new):
    """A capture's or a page's clock may be wrong: the page's own stamp moving day by day with
    the captures is still its stamp, unlike an event weeks away moved by the interval."""
    assert not dates.moved_fact(old, new, date(2024, 5, 1), MAY_2)
