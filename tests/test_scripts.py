"""Dates, relative times, view counts and countdowns in scripts beyond the European ones.

Chinese, Japanese and Korean dates ("2024年3月11日", "令和6年3月11日", "2024년 3월 11일",
"2024.03.11") and times ("14時05分"), relative times ("2時間前", "2小时前", "3시간 전", "منذ ٤
ساعات", "לפני 2 שעות", "2 saat önce", "πριν από 2 ώρες"), dates with Eastern Arabic digits,
Hebrew's "במרץ" and Greek genitive months, the ordinal "1.º": a stamp that moved with the
captures is noise, a deadline that moved a fact. View counts in those languages are
engagement noise. A count of days left ("20 days to go", "Il reste 15 jours", "8 gün kaldı") that
moved down by the days between the captures is a counter on schedule (`hints.days_countdown_at`,
its words for Turkish, Greek, Hebrew, Arabic and Korean); off it, an anomaly.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from cli_helpers import page_pairs_store, source_changes, source_check

from tracker import dates
from tracker.differ.hints import days_countdown_at

PAGES = Path(__file__).parent / "pages" / "scripts"
NAMES = sorted(p.name.removesuffix("-before.html") for p in PAGES.glob("*-before.html"))
DAYS = ("2024-03-11T09:00Z", "2024-03-12T09:00Z")

# pages whose only changes are stamps, relative times and view counts: noise
STAMPS = [
    "ar-latin", "ar-news", "el-anakoinosi", "es-ordinal", "he-news", "ja-era", "ja-library",
    "ja-time", "ko-notice", "pt-ordinal", "tr-duyuru", "zh-forum", "zh-notice",
]  # fmt: skip
# countdowns one day shorter a day later: on schedule
COUNTDOWNS = ["countdown-en", "countdown-es", "countdown-fr", "countdown-tr"]


# --- the grammar -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expression, day",
    [
        ("最終更新日：2024年3月11日", "2024年3月11日", date(2024, 3, 11)),
        ("掲載日：令和6年3月11日", "令和6年3月11日", date(2024, 3, 11)),
        ("令和元年5月1日に施行", "令和元年5月1日", date(2019, 5, 1)),
        ("平成31年4月30日", "平成31年4月30日", date(2019, 4, 30)),
        ("于2024年3月11日发布", "2024年3月11日", date(2024, 3, 11)),
        ("３月１１日（月）開催", "３月１１日（月）", date(2024, 3, 11)),
        ("작성일 2024년 3월 11일", "2024년 3월 11일", date(2024, 3, 11)),
        ("日期： 2024.03.11", "2024.03.11", date(2024, 3, 11)),
        ("آخر تحديث: ١١ مارس ٢٠٢٤", "١١ مارس ٢٠٢٤", date(2024, 3, 11)),
        ("تاريخ النشر: 11 مارس 2024", "11 مارس 2024", date(2024, 3, 11)),
        ("עודכן לאחרונה: 11 במרץ 2024", "11 במרץ 2024", date(2024, 3, 11)),
        ("Güncelleme: 11 Mart 2024", "11 Mart 2024", date(2024, 3, 11)),
        ("Τελευταία ενημέρωση: 11 Μαρτίου 2024", "11 Μαρτίου 2024", date(2024, 3, 11)),
        ("Publicado em 1.º de março de 2024", "1.º de março de 2024", date(2024, 3, 1)),
        ("Actualizado el 1.º de marzo de 2024", "1.º de marzo de 2024", date(2024, 3, 1)),
        ("開催日：2024年3月11日（月）", "2024年3月11日（月）", date(2024, 3, 11)),
        ("2024년 3월 11일 (월) 게시", "2024년 3월 11일 (월)", date(2024, 3, 11)),
        ("2024年3月11日 星期一发布", "2024年3月11日 星期一", date(2024, 3, 11)),
    ],
)
def test_dates_of_more_scripts_are_read_to_their_day(text, expression, day):
    [found] = dates.find(text)
    assert (found.text, found.clock, found.span) == (expression, False, False)
    assert [d.first for d in dates.calendar(found.text, date(2024, 3, 12))] == [day]


@pytest.mark.parametrize(
    "text, expression",
    [
        ("2024年3月12日 8時30分更新", "2024年3月12日 8時30分"),
        ("運行中（2時間前）", "2時間前"),
        ("最后回复：6小时前", "6小时前"),
        ("3시간 전", "3시간 전"),
        ("آخر تحديث منذ ٤ ساعات", "منذ ٤ ساعات"),
        ("לפני 2 שעות", "לפני 2 שעות"),
        ("2 saat önce", "2 saat önce"),
        ("πριν από 2 ώρες", "πριν από 2 ώρες"),
    ],
)
def test_times_and_relative_times_of_more_scripts(text, expression):
    [found] = dates.find(text)
    assert found.text == expression


def test_a_cjk_range_of_days_is_one_span():
    [found] = dates.find("休館日：3月11日(月)～3月13日(水)")
    assert (found.text, found.span) == ("3月11日(月)～3月13日(水)", True)


@pytest.mark.parametrize(
    "text",
    [
        "営業時間は9時から",  # an hour alone: "9時間" is nine hours
        "所要時間 3時間",
        "Version 2024.5.1",  # a version, not 2024.05.01
        "v2024.03.11",
        "成人票价：30元/次",
    ],
)
def test_not_a_date(text):
    assert dates.find(text) == []


@pytest.mark.parametrize(
    "text, counts",
    [
        ("Just 20 days to go until polling day.", True),
        ("Noch 30 Tage bis zum Anmeldeschluss", True),
        ("До выборов осталось 20 дней.", True),
        ("Il reste 15 jours pour vous inscrire", True),
        ("Başvuruların kapanmasına 8 gün kaldı.", True),
        ("Απομένουν 12 ημέρες για τις εκλογές", True),
        ("נותרו 12 ימים להרשמה", True),
        ("You have 30 days to appeal", False),  # a period, not a count down
        ("Open 7 days a week", False),
        ("Die Karte ist 30 Tage gültig", False),
    ],
)
def test_a_count_of_days_left(text, counts):
    number = next(i for i, c in enumerate(text) if c.isdigit())
    end = number
    while end < len(text) and text[end].isdigit():
        end += 1
    assert days_countdown_at(text, number, end) is counts


# --- through the CLI ---------------------------------------------------------------------------


def test_every_page_pair_is_used():
    assert sorted([*STAMPS, *COUNTDOWNS, "countdown-moved", "ja-deadline", "zh-fee"]) == NAMES


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("scripts") / "snaps"
    return page_pairs_store(store, PAGES, NAMES, dict.fromkeys(NAMES, DAYS))


@pytest.mark.parametrize("name", STAMPS)
def test_stamps_relative_times_and_views_are_noise(store, name):
    found = source_changes(store, name)
    assert found and {c["kind"] for c in found} == {"volatile"}, found
    assert {c["reason"] for c in found} <= {"date", "clock", "engagement"}, found
    assert source_check(store, name) == 0  # was an alert: changed figures


@pytest.mark.parametrize("name", COUNTDOWNS)
def test_a_countdown_on_schedule_is_quiet(store, name):
    [found] = source_changes(store, name)
    assert (found["kind"], found["delta"], found["expected"], found["on_schedule"]) == (
        "counter",
        -1,
        -1,
        True,
    )
    assert source_check(store, name) == 0  # was an alert: a changed figure


def test_a_countdown_off_schedule_alerts(store):
    [found] = source_changes(store, "countdown-moved")  # 20 days left, then 35: extended
    assert (found["kind"], found["delta"], found["on_schedule"]) == ("counter", 15, False)
    assert source_check(store, "countdown-moved") == 1


def test_a_moved_japanese_deadline_is_a_date_fact(store):
    [found] = source_changes(store, "ja-deadline")
    assert (found["kind"], found["reason"]) == ("rewritten", "date"), found
    assert source_check(store, "ja-deadline") == 1


def test_a_fee_beside_a_chinese_date_is_still_a_figure(store):
    [found] = source_changes(store, "zh-fee")
    assert (found["kind"], found["old"], found["new"]) == ("counter", 30, 40)
    assert source_check(store, "zh-fee") == 1


def test_capture_reads_a_date_line_in_eastern_arabic_digits():
    assert dates.parse_date_line("١١ مارس ٢٠٢٤") == date(2024, 3, 11)
    assert dates.parse_date_line("11 Mart 2024") == date(2024, 3, 11)
