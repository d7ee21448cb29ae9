"""Shop, listing and job pages in the languages of their markets: Swedish, Czech, Finnish,
Vietnamese, Indonesian, Thai and Hindi.

Their stamps ("Inlagd 11 mars 2024", "Aktualizováno úterý 12. března 2024", "11 มี.ค. 2567" in
Buddhist-era years) and relative times ("för 2 timmar sedan", "před 3 hodinami", "3 jam yang
lalu", "3 ชั่วโมงที่ผ่านมา", "3 घंटे पहले") are read from CLDR like the other languages' and are
noise; a deadline that moved is a fact. Their counts of reviews, ratings, downloads and views,
and every shop's counts of what sold or is left ("Đã bán 5,6k", "Terjual 1 rb+", "Only 4 left in
stock", "Poslední 4 kusy skladem", "เหลือ 6 ชิ้น"), move with every visitor and sale: engagement
noise; a rating that fell or a product sold out still alerts. Prices are read as these markets
write them: India's lakh grouping ("₹2,49,999"), a currency in letters glued to its amount or
not ("Rp 2.750.000", "Rp2.750.000"), every currency sign of Unicode ("฿", "₫"), a currency by
any of its CLDR names ("129,99 zł", "129,99 PLN").
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from cli_helpers import page_pairs_store, source_changes, source_check

from tracker import dates
from tracker.differ import numbers
from tracker.differ.engagement import is_engagement

PAGES = Path(__file__).parent / "pages" / "commerce"
NAMES = sorted(p.name.removesuffix("-before.html") for p in PAGES.glob("*-before.html"))
DAYS = ("2024-03-11T09:00Z", "2024-03-12T09:00Z")

# a listing's stamp and its seller's last activity moved: noise
STAMPS = [
    "cs-bazar", "fi-tori", "hi-vigyapan", "id-jual-beli", "sv-annons", "th-prakat", "vi-rao-vat",
]  # fmt: skip
# a stamp whose time follows the Nordic "klo" or "kl." ("klo 8.05", "kl. 09.15"): noise
STAMPS += ["fi-klo", "sv-kl"]
# the forms pages write beside CLDR's: Swedish "igår", "idag"; Indonesian "3 jam lalu"
STAMPS += ["id-lalu", "sv-igar"]
# an application deadline moved by weeks: a fact
DEADLINES = ["cs-deadline", "th-deadline"]
# a price written another way: noise
FORMATS = ["price-id-format", "price-in-format", "price-th-format"]
# a currency named by another of its CLDR names ("zł" → "PLN", "Kč" → "CZK"): noise
FORMATS += ["price-cs-code", "price-pl-code", "lone-pl-code"]
# the đồng as pages write it beside CLDR's "₫" and "VND": "đ", "VNĐ"
FORMATS += ["vi-dong"]
# reviews, ratings, sold and left counts moved: noise
COUNTS = [
    "shop-cs", "shop-de", "shop-en", "shop-es", "shop-fi", "shop-hi", "shop-id", "shop-sv",
    "shop-th", "shop-vi",
    # who is going to an event, how often a room was booked
    "event-en", "event-it", "hotel-booked",
    # what is left, its words agreeing with the new number ("2 seats" → "1 seat")
    "agree-en", "agree-it", "agree-pt",
]  # fmt: skip


@pytest.mark.parametrize(
    "text, day",
    [
        ("อัปเดตเมื่อ 11 มี.ค. 2567", date(2024, 3, 11)),  # Buddhist era: 2567 - 543
        ("รับสมัครถึงวันที่ 19 เมษายน 2567", date(2024, 4, 19)),
        ("31/03/2567", date(2024, 3, 31)),
        ("अपडेट: 19 अप्रैल 2024", date(2024, 4, 19)),
        ("Inlagd måndag 11 mars 2024", date(2024, 3, 11)),
        ("Đăng ngày 11 tháng 3, 2024", date(2024, 3, 11)),
    ],
)
def test_dates_of_the_added_languages_are_read_to_their_day(text, day):
    [found] = dates.find(text)
    assert [d.first for d in dates.calendar(found.text, date(2024, 3, 12))][:1] == [day]


@pytest.mark.parametrize(
    "text, expression",
    [
        ("Bijgewerkt om 17 uur", "17 uur"),  # Swedish "om" (in) is no prefix of Dutch "uur"
        ("Le marché des 12 communes", None),  # Indonesian "Des": no December here
        ("Vstupenka pro 2 osoby", None),  # Czech "pro" (for): no December either
        ("The fair runs 14 to 16 June 2024", "14 to 16 June 2024"),  # Finnish "to": Thursday
    ],
)
def test_short_names_of_the_added_languages_are_not_read_as_dates(text, expression):
    assert [e.text for e in dates.find(text)] == ([expression] if expression else [])


def test_every_page_pair_is_used():
    others = ["shop-cs-rating", "shop-fi-soldout", "price-in-changed", "sv-hours", *FORMATS]
    others += ["price-pl-code-changed", "duration-fr", "lone-pl-code-changed"]
    assert sorted([*STAMPS, *DEADLINES, *COUNTS, *others]) == NAMES


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("commerce") / "snaps"
    return page_pairs_store(store, PAGES, NAMES, dict.fromkeys(NAMES, DAYS))


@pytest.mark.parametrize("name", STAMPS)
def test_stamps_and_relative_times_are_noise(store, name):
    found = source_changes(store, name)
    assert found and {c["kind"] for c in found} == {"volatile"}, found
    assert {c["reason"] for c in found} <= {"date", "clock"}, found
    assert source_check(store, name) == 0  # was an alert: changed figures


@pytest.mark.parametrize(
    "text, expression, span",
    [
        ("Päivitetty 11.3.2024 klo 8.05", "11.3.2024 klo 8.05", False),
        ("Senast uppdaterad kl. 09.15", "09.15", False),
        ("Vardagar kl. 10.00–18.00", "10.00–18.00", True),
    ],
)
def test_a_time_after_klo_or_kl_is_a_time(text, expression, span):
    [found] = dates.find(text)
    assert (found.text, found.span) == (expression, span)


def test_a_decimal_is_no_time_without_klo():
    assert dates.find("Hinta 9.15 € · 10.00–18.00 kg") == []


def test_opening_hours_after_kl_that_changed_are_a_time_fact(store):
    [found] = source_changes(store, "sv-hours")
    assert (found["kind"], found["reason"]) == ("rewritten", "time"), found
    assert source_check(store, "sv-hours") == 1


@pytest.mark.parametrize("name", DEADLINES)
def test_a_moved_deadline_is_a_date_fact(store, name):
    [found] = source_changes(store, name)
    assert (found["kind"], found["reason"]) == ("rewritten", "date"), found
    assert source_check(store, name) == 1


@pytest.mark.parametrize("name", COUNTS)
def test_counts_of_reviews_sales_and_stock_are_engagement_noise(store, name):
    found = source_changes(store, name)
    assert found and {(c["kind"], c["reason"]) for c in found} == {("volatile", "engagement")}, (
        found
    )
    assert source_check(store, name) == 0  # was an alert: changed figures


def test_a_rating_that_fell_beside_its_review_count_alerts(store):
    [found] = source_changes(store, "shop-cs-rating")
    assert (found["kind"], found["old"], found["new"], found.get("reason")) == (
        "counter",
        4.6,
        3.8,
        None,
    )
    assert source_check(store, "shop-cs-rating") == 1


def test_a_product_sold_out_alerts(store):
    found = source_changes(store, "shop-fi-soldout")
    assert {c["kind"] for c in found} == {"added", "removed"}, found
    assert source_check(store, "shop-fi-soldout") == 1


@pytest.mark.parametrize(
    "before, after, counts",
    [
        ("Only ", " days left to enter", False),  # a countdown (hints), not stock
        ("Betyg ", " av 5 · 312 recensioner", False),  # the rating itself: a figure
        ("คะแนน ", " (1,234 รีวิว)", False),
        ("", " रिव्यू", False),
        ("(", " समीक्षाएं)", True),  # a word with vowel signs is read whole
        ("", " ulasan", True),
    ],
)
def test_what_is_an_engagement_count(before, after, counts):
    assert is_engagement(before, after) is counts


@pytest.mark.parametrize(
    "token, value",
    [
        ("1,23,456", 123456),
        ("12,34,56,789", 123456789),
        ("2,49,999.00", 249999.0),
        ("1,234,567", 1234567),
        ("1.23.456", "1.23.456"),  # India groups with commas: dots so are a version
        ("1,23,45", "1,23,45"),
    ],
)
def test_indian_grouping_is_read(token, value):
    assert numbers.value(token) == value


@pytest.mark.parametrize("name", FORMATS)
def test_a_price_written_another_way_is_noise(store, name):
    found = source_changes(store, name)
    assert found and {(c["kind"], c["reason"]) for c in found} == {("volatile", "format")}, found
    assert source_check(store, name) == 0  # was an alert


def test_a_price_in_lakh_grouping_that_changed_is_a_figure_with_its_delta(store):
    [found] = source_changes(store, "price-in-changed")
    assert (found["kind"], found["delta"], found["old_written"], found["new_written"]) == (
        "counter",
        -20000,
        "₹2,49,999",  # not the sign of the amount after it
        "₹2,29,999",
    )
    assert source_check(store, "price-in-changed") == 1


def test_an_amount_in_another_currency_alerts(store):
    [found] = source_changes(store, "price-pl-code-changed")  # zł → EUR
    assert found["kind"] == "rewritten", found
    assert source_check(store, "price-pl-code-changed") == 1
    found = source_changes(store, "lone-pl-code-changed")  # alone in its block
    assert {c["kind"] for c in found} == {"added", "removed"}, found
    assert source_check(store, "lone-pl-code-changed") == 1


@pytest.mark.parametrize(
    "a, b, same",
    [("zł", "PLN", True), ("Kč", "CZK", True), ("₹", "INR", True), ("R$", "BRL", True),
     ("₫", "VND", True), ("zł", "EUR", False), ("am", "pm", False)],
)  # fmt: skip
def test_names_of_one_currency(a, b, same):
    assert numbers.same_currency(a, b) is same


def test_a_journey_that_takes_longer_is_no_clock(store):
    """ "3 h 12 min" is a duration, not the time of day "3 h 12" (French "16 h 40")."""
    found = source_changes(store, "duration-fr")
    assert {c["kind"] for c in found} == {"counter"}, found
    assert source_check(store, "duration-fr") == 1  # was noise: a clock


@pytest.mark.parametrize("text", ["Durée du trajet : 3 h 12 min", "Trajet 2h30mn"])
def test_hours_and_minutes_of_a_duration_are_no_time(text):
    assert dates.find(text) == []
