"""Classification pieces: hints, numbers, counters, contacts, the word diff."""

from __future__ import annotations

from datetime import datetime

import pytest

from tracker.differ import contacts, numbers
from tracker.differ.counters import counter_changes
from tracker.differ.hints import days_counter_at, hints_of
from tracker.differ.words import new_text, old_text, word_diff


@pytest.mark.parametrize(
    "text, hint",
    [
        ("21 May 2022", "date"),
        ("2022-05-21", "date"),
        ("Monday, 21 May", "date"),
        ("May 21, 2022", "date"),
        ("Moscow: 11:16", "clock"),
        ("10:59", "clock"),
        ("London 09:16", "clock"),
        ("LATEST EVENTS", "heading"),
        ("20.05.2022 - Title", "dated_item"),
        ("16.04.2018", "item_date"),
    ],
)
def test_hints(text, hint):
    assert hint in hints_of(text)


@pytest.mark.parametrize("text", ["Consular queries:", "all messages", "Moscow is a city of 12"])
def test_no_widget_hints(text):
    assert not {"date", "clock"} & hints_of(text)


def test_number_values():
    assert [numbers.value(t) for t in ("1296", "1,296", "3.5", "3,5", "20.09.2017")] == [
        1296,
        1296,
        3.5,
        3.5,
        "20.09.2017",
    ]
    assert numbers.delta(0.1, 0.3) == 0.2 and numbers.delta("a", 1) is None


@pytest.mark.parametrize(
    "before, after, days",
    [
        ("", " days have passed since the incident", True),
        ("It happened ", " days ago.", False),  # a relative date: the grammar's day count
        ("This is day ", " of the siege", True),
        ("", " days since launch", True),
        ("We have ", " apples", False),
        ("", " days of rain in the forecast", False),
    ],
)
def test_days_counter(before, after, days):
    text = f"{before}1296{after}"
    assert days_counter_at(text, len(before), len(before) + 4) is days


def test_counter_changes_per_number():
    t1, t2 = datetime(2021, 9, 20, 10, 59), datetime(2021, 10, 26, 0, 3)
    out = counter_changes(
        "1296 days have passed since X; 40 visitors",
        "1332 days have passed since X; 1,041 visitors",
        t1,
        t2,
    )
    assert [(c.old, c.new, c.delta, c.expected, c.on_schedule, c.since) for c in out] == [
        (1296, 1332, 36, 36, True, "2018-03-04"),
        (40, 1041, 1001, None, None, None),
    ]
    assert out[0].label == "# days have passed since X; # visitors"


def test_contacts_find_and_normalise():
    found = contacts.find("Tel +44 (0) 203 668 7474, mail Info@RusEmb.org.uk, [email\xa0protected]")
    assert [(c.type, c.value) for c in found] == [
        ("phone", "+442036687474"),
        ("email", "info@rusemb.org.uk"),
        ("email", contacts.PLACEHOLDER),
    ]
    assert [(c.type, c.value) for c in contacts.find("020 3668 7474")] == [
        ("phone", "+442036687474")
    ]
    assert contacts.find("1296 days, 20.09.2017, 12345") == []


def _f(type_, value, block):
    return contacts.Found(contacts.Contact(type_, value, 0, 1), block)


def test_contacts_compare():
    old = [_f("phone", "+1", 0), _f("email", "a@x.org", 1), _f("email", "b@x.org", 2)]
    new = [_f("phone", "+2", 0), _f("email", contacts.PLACEHOLDER, 1), _f("email", "b@x.org", 5)]
    got = [
        (t, ch, a and a.contact.value, b and b.contact.value)
        for t, ch, a, b in contacts.compare(old, new)
    ]
    assert got == [
        ("phone", "changed", "+1", "+2"),
        ("email", "hidden", "a@x.org", contacts.PLACEHOLDER),
    ]
    assert [ch for _, ch, _, _ in contacts.compare([], [_f("email", contacts.PLACEHOLDER, 0)])] == [
        "hidden"
    ]
    assert [ch for _, ch, _, _ in contacts.compare([_f("email", "a@x.org", 0)], [])] == ["removed"]


def test_word_diff_cuts_at_words_and_round_trips():
    a = "The United Kingdom positions itself as the benchmark in promotion."
    b = "The United Kingdom positions itself as the leader in promotion!"
    edits, truncated = word_diff(a, b)
    assert not truncated
    assert ("-", "benchmark") in edits and ("+", "leader") in edits
    assert old_text(edits) == a and new_text(edits) == b


def test_word_diff_pure_python_fallback(monkeypatch):
    from tracker.differ import words

    monkeypatch.setattr(words, "_diff_counts", words._pure_counts)
    edits, _ = word_diff("one two three", "one 2 three")
    assert edits == [("=", "one "), ("-", "two"), ("+", "2"), ("=", " three")]


def test_word_diff_time_limit_is_marked(monkeypatch):
    import time

    from tracker.differ import words

    def slow(a, b, timeout):
        time.sleep(timeout)
        return [("-", len(a)), ("+", len(b))]

    monkeypatch.setattr(words, "_diff_counts", slow)
    edits, truncated = word_diff("a b c", "a x c", timeout=0.01)
    assert truncated and old_text(edits) == "a b c" and new_text(edits) == "a x c"
