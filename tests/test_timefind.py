"""Capture time from the page's date line and world clock, else the file name (DESIGN §4)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from tracker.capture.timefind import find_time, parse_timestamp, time_in_name
from tracker.errors import TrackerError

MSK = timezone(timedelta(hours=3))

# The five samples: (first line of the page, capture time the page shows, id).
SAMPLES = {
    "18 October 2018": ("2018-10-18T10:29:00+03:00", "20181018072900"),
    "22 October 2018": ("2018-10-22T15:44:00+03:00", "20181022124400"),
    "20 September 2021": ("2021-09-20T10:59:00+03:00", "20210920075900"),
    "26 October 2021": ("2021-10-26T00:03:00+03:00", "20211025210300"),
    "21 May 2022": ("2022-05-21T11:16:00+03:00", "20220521081600"),
}


def test_all_five_samples_are_dated_by_the_page_at_moscow_offset(seeds):
    found = {}
    for path in sorted(seeds.iterdir()):
        text = path.read_text(encoding="utf-8")
        when, how = find_time(text, path.name)
        assert how == "page"
        found[text.splitlines()[0].strip()] = (
            when.isoformat(), when.astimezone(UTC).strftime("%Y%m%d%H%M%S")
        )
    assert found == SAMPLES


def test_the_date_belongs_to_the_clock_all_clocks_agree_with():
    when, how = find_time("26 October 2021\nMoscow: 00:03\nLondon: 22:03\n\nbody", None)
    assert (when, how) == (datetime(2021, 10, 26, 0, 3, tzinfo=MSK), "page")
    assert when.astimezone(UTC) == datetime(2021, 10, 25, 21, 3, tzinfo=UTC)
    assert when.utcoffset() == timedelta(hours=3)


def test_dst_decides_which_clock_owns_the_date():
    # London listed first, but on 31 Oct 2021 (BST ended) London 22:30 would make Moscow 01:30,
    # not 00:30: only Moscow owning the date fits both clocks.
    when, _ = find_time("31 October 2021\nLondon: 22:30\nMoscow: 00:30\n", None)
    assert when == datetime(2021, 10, 31, 0, 30, tzinfo=MSK)
    assert when.utcoffset() == timedelta(hours=3)


def test_when_several_clocks_fit_the_first_owns_the_date():
    when, _ = find_time("20 September 2021\nLondon: 08:59\nMoscow: 10:59\n", None)
    assert when.isoformat() == "2021-09-20T08:59:00+01:00"


def test_twelve_hour_clocks_and_other_date_styles():
    when, _ = find_time("Monday, September 20, 2021\nNew York: 3:59 AM\nTokyo: 4:59 PM\n", None)
    assert when.isoformat() == "2021-09-20T03:59:00-04:00"


def test_a_date_line_alone_means_noon_utc():
    assert find_time("20 September 2021\n\nNews of the day\n", None) == (
        datetime(2021, 9, 20, 12, 0, tzinfo=UTC), "page"
    )


def test_a_date_deep_in_the_body_is_not_the_capture_date():
    text = "\n".join(f"line {i}" for i in range(40)) + "\n20 September 2021\n"
    assert find_time(text, None) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("20210920075900.txt", "2021-09-20T07:59:00+00:00"),
        ("web.archive.org_20210920075900_page.html", "2021-09-20T07:59:00+00:00"),
        ("page-2021-09-20T10:59:00+03:00.txt", "2021-09-20T10:59:00+03:00"),
        ("page_2021-09-20_105900.txt", "2021-09-20T10:59:00+00:00"),
        ("2021-09-20.txt", "2021-09-20T12:00:00+00:00"),
    ],
)
def test_time_in_the_file_name(name, expected):
    assert time_in_name(name).isoformat() == expected
    assert find_time("no date here", name)[1] == "filename"


def test_the_page_wins_over_the_file_name():
    when, how = find_time("20 September 2021\nMoscow: 10:59\nLondon: 08:59\n", "20200101000000.txt")
    assert how == "page" and when.year == 2021


def test_no_time_anywhere_is_none():
    assert find_time("hello\nworld\n", "000_347da821e69120f5.txt") is None
    assert find_time("Moscow: 10:59\nLondon: 08:59\n", "page.txt") is None  # clocks, no date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-09-20T10:59:00+03:00", "2021-09-20T10:59:00+03:00"),
        ("2021-09-20T10:59Z", "2021-09-20T10:59:00+00:00"),
        ("2021-09-20T10:59", "2021-09-20T10:59:00+00:00"),
        ("2021-09-20", "2021-09-20T12:00:00+00:00"),
        ("20210920075900", "2021-09-20T07:59:00+00:00"),
    ],
)
def test_parse_timestamp(value, expected):
    assert parse_timestamp(value).isoformat() == expected


def test_parse_timestamp_refuses_nonsense():
    with pytest.raises(TrackerError, match="not a timestamp"):
        parse_timestamp("yesterday")
