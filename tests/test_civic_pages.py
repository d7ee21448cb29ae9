"""Official and civic pages in many languages (consulates, consultations, tenders, municipal
directories): what a third red team found tracker misread on them, class by class."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import page_pairs_store, source_changes, source_check

PAGES = Path(__file__).parent / "pages" / "civic"
ONE_DAY = ("2024-05-01T10:00Z", "2024-05-02T10:00Z")
EIGHT_DAYS = ("2024-05-01T10:00Z", "2024-05-09T10:00Z")


# --- a count of days whose unit agrees with its number ("801 день" → "802 дні") -------------
INFLECT = ["inflect-uk", "inflect-ru", "inflect-uk-left"]


@pytest.mark.parametrize("times, quiet", [(ONE_DAY, True), (EIGHT_DAYS, False)])
def test_a_day_count_whose_unit_agrees_with_its_number_is_a_counter(tmp_path, times, quiet):
    """Slavic languages write a count's unit in the plural form its number takes ("801 день",
    "802 дні", "805 днів"; "5 дней", "4 дня"): the same counter, on or off its schedule, not a
    sentence rewritten (which alerts every day)."""
    store = page_pairs_store(tmp_path / "s", PAGES, INFLECT, dict.fromkeys(INFLECT, times))
    for name in INFLECT:
        [c] = source_changes(store, name)
        assert c["kind"] == "counter", c
        assert c["on_schedule"] is quiet, c
        assert source_check(store, name) == (0 if quiet else 1)


# --- a phone's extension, in any words and in brackets ("(доб. 101)", "内線204", "wew. 204") ---
@pytest.mark.parametrize(
    "name, old, new",
    [
        ("ext-ja", "+81312345678;ext=204", "+81312345678;ext=240"),
        ("ext-ko", "+8221234567;ext=204", "+8221234567;ext=205"),
    ],
)
def test_an_extension_that_changed_is_a_phone_changed(tmp_path, name, old, new):
    """An office's extension is its number as much as the switchboard's: "内線204" → "内線240"
    is a phone changed, however the page writes the extension."""
    store = page_pairs_store(tmp_path / "s", PAGES, [name], {name: ONE_DAY})
    [c] = source_changes(store, name)
    assert (c["kind"], c["type"], c["change"], c["old"], c["new"]) == (
        "contact", "phone", "changed", old, new,
    )
    assert source_check(store, name) == 1


@pytest.mark.parametrize("name", ["ext-pl", "ext-ru", "ext-en"])
def test_an_extension_written_another_way_is_no_change(tmp_path, name):
    """"доб. 101" → "(доб. 101)", "ext. 204" → "(extension 204)": the same extension of the
    same number, not a phone that lost its extension."""
    store = page_pairs_store(tmp_path / "s", PAGES, [name], {name: ONE_DAY})
    assert not [c for c in source_changes(store, name) if c["kind"] == "contact"]
    assert source_check(store, name) == 0


# --- CLDR's form of days to come ("endet in 12 Tagen", "через 12 дней", "12日後") counts down ---
AHEAD = ["ahead-de", "ahead-fr", "ahead-ru", "ahead-ja"]


@pytest.mark.parametrize("times, quiet", [(ONE_DAY, True), (EIGHT_DAYS, False)])
def test_a_number_of_days_to_come_counts_down(tmp_path, times, quiet):
    """"Die Angebotsfrist endet in 12 Tagen" is the days left to a deadline, as "Noch 12 Tage"
    is: one fewer a day is its schedule (quiet), any other move an anomaly."""
    store = page_pairs_store(tmp_path / "s", PAGES, AHEAD, dict.fromkeys(AHEAD, times))
    for name in AHEAD:
        [c] = source_changes(store, name)
        assert (c["kind"], c["delta"], c["on_schedule"]) == ("counter", -1, quiet), c
        assert source_check(store, name) == (0 if quiet else 1)


# --- Hindi and Persian: CLDR's names of their languages, and a view count in Persian ---------
def test_a_hindi_date_widget_is_noise_and_a_hindi_deadline_moved_is_not(tmp_path):
    """"आज की तारीख: ०१ मई २०२४" → "०२ मई २०२४" is today's date (CLDR's Hindi month names, in
    Devanagari digits); "अंतिम तिथि १५ जुलाई" → "३१ जुलाई" a deadline moved (a month name
    written with vowel signs is a name all the same)."""
    names = ["hi-today", "hi-due"]
    store = page_pairs_store(tmp_path / "s", PAGES, names, dict.fromkeys(names, ONE_DAY))
    [c] = source_changes(store, "hi-today")
    assert (c["kind"], c["reason"]) == ("volatile", "date")
    assert source_check(store, "hi-today") == 0
    [c] = source_changes(store, "hi-due")
    assert (c["kind"], c["reason"]) == ("rewritten", "date")
    assert source_check(store, "hi-due") == 1


def test_a_persian_view_count_is_noise(tmp_path):
    store = page_pairs_store(tmp_path / "s", PAGES, ["fa-views"], {"fa-views": ONE_DAY})
    [c] = source_changes(store, "fa-views")
    assert (c["kind"], c["reason"]) == ("volatile", "engagement")
    assert source_check(store, "fa-views") == 0


# --- the Indian numbering system's groups ("12,50,000": twelve lakh) -----------------------
def test_indian_grouping_is_read_as_a_value(tmp_path):
    """"Rs. 12,50,000" → "Rs. 1,250,000" and "४,५६,७८९" → "4,56,789" write one value another
    way (quiet); "12,50,000" → "15,20,000" is a figure that moved by 2,70,000."""
    names = ["lakh-en", "lakh-hi", "lakh-en-chg"]
    store = page_pairs_store(tmp_path / "s", PAGES, names, dict.fromkeys(names, ONE_DAY))
    for name in ("lakh-en", "lakh-hi"):
        assert {c["reason"] for c in source_changes(store, name)} == {"format"}, name
        assert source_check(store, name) == 0
    [c] = source_changes(store, "lakh-en-chg")
    assert (c["kind"], c["old"], c["new"], c["delta"]) == ("counter", 1250000, 1520000, 270000)
    assert source_check(store, "lakh-en-chg") == 1


# --- a date weeks behind its capture that moved by the captures' interval -------------------
def test_a_past_date_moved_by_the_interval_is_a_fact(tmp_path):
    """A school year's first day or a decision's date, two months back, corrected by a day
    between two daily captures is a fact; a labelled stamp ("Figures as of") as far back that
    moves with the captures is the page's stamp (a publication delay)."""
    names = ["past-ko", "past-de", "past-en-stamp"]
    store = page_pairs_store(tmp_path / "s", PAGES, names, dict.fromkeys(names, ONE_DAY))
    for name in ("past-ko", "past-de"):
        [c] = source_changes(store, name)
        assert (c["kind"], c["reason"]) == ("rewritten", "date"), c
        assert source_check(store, name) == 1
    [c] = source_changes(store, "past-en-stamp")
    assert c["kind"] == "volatile"
    assert source_check(store, "past-en-stamp") == 0


# --- an address spelled out with the at and dot words of other languages --------------------
def test_an_address_spelled_in_other_languages_is_an_email(tmp_path):
    """"obraschenia собака mo-primer точка ru" (a Russian idiom, bare words) and
    "kosodate（アットマーク）town.example.lg.jp" are addresses: written plainly later they are
    the same contact (quiet), another local part is an email changed."""
    names = ["obf-ru", "obf-ja", "obf-ru-chg", "obf-pl-chg"]
    store = page_pairs_store(tmp_path / "s", PAGES, names, dict.fromkeys(names, ONE_DAY))
    for name in ("obf-ru", "obf-ja"):
        assert not [c for c in source_changes(store, name) if c["kind"] == "contact"], name
        assert source_check(store, name) == 0
    for name, old, new in [
        ("obf-ru-chg", "obraschenia@mo-primer.ru", "priemnaya@mo-primer.ru"),
        ("obf-pl-chg", "sekretariat@sp5-przyklad.pl", "dyrektor@sp5-przyklad.pl"),
    ]:
        [c] = source_changes(store, name)
        assert (c["kind"], c["change"], c["old"], c["new"]) == ("contact", "changed", old, new)
        assert source_check(store, name) == 1


# --- dates of the Solar Hijri and Hijri calendars ---------------------------------------------
@pytest.mark.parametrize("cal", ["fa", "ar", "he"])
def test_solar_hijri_hijri_and_hebrew_dates_are_dates(tmp_path, cal):
    """"تاریخ امروز: چهارشنبه ۱۲ اردیبهشت ۱۴۰۳" (1 May 2024) → "پنجشنبه ۱۳ اردیبهشت" is
    today's date, so is a Hijri or Hebrew date beside its Gregorian one ("٢٢ شوال ١٤٤٥ هـ
    الموافق ١ مايو ٢٠٢٤ م", "כ״ג בניסן תשפ״ד, 1 במאי 2024": one day, not a list of two); a
    deadline in each calendar moved by ten days is a fact."""
    names = [f"cal-{cal}-today", f"cal-{cal}-due"]
    store = page_pairs_store(tmp_path / "s", PAGES, names, dict.fromkeys(names, ONE_DAY))
    for name in names[:1]:
        [c] = source_changes(store, name)
        assert (c["kind"], c["reason"]) == ("volatile", "date"), c
        assert source_check(store, name) == 0
    for name in names[1:]:
        [c] = source_changes(store, name)
        assert (c["kind"], c["reason"]) == ("rewritten", "date"), c
        assert source_check(store, name) == 1


@pytest.mark.parametrize(
    "calendar, year, month, day, gregorian",
    [
        ("persian", 1403, 1, 1, "2024-03-20"),  # Nowruz, in a leap year of each calendar
        ("persian", 1404, 1, 1, "2025-03-21"),
        ("persian", 1403, 12, 30, "2025-03-20"),  # the 30th of Esfand of a leap year
        ("persian", 1403, 2, 12, "2024-05-01"),
        ("persian", 1399, 1, 1, "2020-03-20"),
        ("hijri", 1445, 9, 1, "2024-03-11"),  # 1 Ramadan 1445
        ("hijri", 1445, 10, 1, "2024-04-10"),  # Eid al-Fitr
    ],
)
def test_other_calendars_convert_to_the_gregorian_day(calendar, year, month, day, gregorian):
    from tracker.calendars import gregorian as convert

    assert convert(calendar, year, month, day).isoformat() == gregorian


@pytest.mark.parametrize(
    "year, month, day, gregorian",
    [
        ("תשפ״ד", "בניסן", "כ״ג", "2024-05-01"),
        ("ה׳תשפ״ה", "תשרי", "א׳", "2024-10-03"),  # Rosh Hashanah 5785
        ("תשפ״ד", "אדר ב׳", "י״ד", "2024-03-24"),  # Purim of a leap year
        ("תשפ״ה", "באדר", "י״ד", "2025-03-14"),  # … and of a common year
        ("תשפ״ה", "כסלו", "כ״ה", "2024-12-26"),  # Hanukkah
    ],
)
def test_hebrew_dates_convert_to_the_gregorian_day(year, month, day, gregorian):
    from tracker.calendars import hebrew

    assert hebrew(year, month, day).isoformat() == gregorian


# --- dates in Taiwan's Minguo years ("113-05-01" is 1 May 2024) --------------------------------
def test_minguo_dates_are_dates(tmp_path):
    """"發布日期：113-05-01" → "113-05-02" is the page's date stamp, not a figure "01 → 02";
    "申請截止日：113/06/30" → "113/07/15" a deadline moved."""
    names = ["roc-pub", "roc-due"]
    store = page_pairs_store(tmp_path / "s", PAGES, names, dict.fromkeys(names, ONE_DAY))
    [c] = source_changes(store, "roc-pub")
    assert (c["kind"], c["reason"]) == ("volatile", "date"), c
    assert source_check(store, "roc-pub") == 0
    [c] = source_changes(store, "roc-due")
    assert (c["kind"], c["reason"]) == ("rewritten", "date"), c
    assert source_check(store, "roc-due") == 1


# --- day counters of the languages written without spaces ------------------------------------
CJK = ["cjk-ja", "cjk-zh", "cjk-ko"]


@pytest.mark.parametrize("times, quiet", [(ONE_DAY, True), (EIGHT_DAYS, False)])
def test_cjk_day_counters_keep_their_schedule(tmp_path, times, quiet):
    """"侵攻開始から800日が経過しました", "已经失踪800天了" count the days since an event,
    "선거일까지 12일 남았습니다" the days left to one: their unit is one character at the head of
    a run of text with no spaces, their "since" and "left" words inside that run."""
    store = page_pairs_store(tmp_path / "s", PAGES, CJK, dict.fromkeys(CJK, times))
    for name in CJK:
        [c] = source_changes(store, name)
        assert (c["kind"], c["on_schedule"]) == ("counter", quiet), c
        assert source_check(store, name) == (0 if quiet else 1)


# --- a view count in a row of label and value ("Liczba odwiedzin: | 1234") --------------------
def test_a_view_count_in_the_cell_after_its_label_is_engagement(tmp_path):
    """A document's record table ("metryka" of a Polish BIP, a Russian "Просмотров" row) gives
    its view count a cell of its own after the label's: noise, while a fee in a row of the same
    table that changed is a figure."""
    names = ["cell-pl", "cell-ru", "cell-pl-fee"]
    store = page_pairs_store(tmp_path / "s", PAGES, names, dict.fromkeys(names, ONE_DAY))
    for name in ("cell-pl", "cell-ru"):
        [c] = source_changes(store, name)
        assert (c["kind"], c["reason"]) == ("volatile", "engagement"), c
        assert source_check(store, name) == 0
    [c] = source_changes(store, "cell-pl-fee")
    assert (c["kind"], c["old"], c["new"]) == ("counter", 17, 20)
    assert source_check(store, "cell-pl-fee") == 1


# --- a view count in a column headed "Views" ("번호 | 제목 | 작성일 | 조회") ----------------------
def test_a_count_in_a_views_column_is_engagement(tmp_path):
    """A board's listing counts each post's views in a column of its own, headed once: noise
    (Korean "조회", Russian "Просмотры"); a column of votes is a figure."""
    names = ["board-ko", "board-ru", "board-en-votes"]
    store = page_pairs_store(tmp_path / "s", PAGES, names, dict.fromkeys(names, ONE_DAY))
    for name in ("board-ko", "board-ru"):
        [c] = source_changes(store, name)
        assert (c["kind"], c["reason"]) == ("volatile", "engagement"), c
        assert source_check(store, name) == 0
    [c] = source_changes(store, "board-en-votes")
    assert (c["kind"], c["old"], c["new"]) == ("counter", 2024, 2042)
    assert source_check(store, "board-en-votes") == 1


# --- a weekday in brackets after any date; a month written with a leading zero ----------------
def test_a_date_with_its_weekday_after_it_is_one_date(tmp_path):
    """"2024. 5. 1.(수)", "2024/05/01(水)", "2024年05月01日 星期三": the page's date with its
    weekday, noise as it moves with the captures; a deadline so written moved a week is a
    fact."""
    names = ["wk-ko", "wk-zh", "wk-ja", "wk-ko-due"]
    store = page_pairs_store(tmp_path / "s", PAGES, names, dict.fromkeys(names, ONE_DAY))
    for name in names[:3]:
        [c] = source_changes(store, name)
        assert (c["kind"], c["reason"]) == ("volatile", "date"), c
        assert source_check(store, name) == 0
    [c] = source_changes(store, "wk-ko-due")
    assert (c["kind"], c["reason"]) == ("rewritten", "date"), c
    assert source_check(store, "wk-ko-due") == 1


def test_marks_of_writing_direction_write_nothing(tmp_path):
    """A right-to-left page marks a number left-to-right ("\\u200e+۹۸ ۲۱ ۸۸۷۶ ۵۴۳۲"): the mark is
    invisible, so the same number written plainly is no change."""
    store = page_pairs_store(tmp_path / "s", PAGES, ["bidi-fa"], {"bidi-fa": ONE_DAY})
    assert {c["reason"] for c in source_changes(store, "bidi-fa")} <= {"format"}
    assert source_check(store, "bidi-fa") == 0


# --- counts of days worded by a label before them, or by an idiom -----------------------------
WORDED = ["days-label-en", "days-label-de", "days-fr-fait", "days-es-llevamos"]


@pytest.mark.parametrize("times, quiet", [(ONE_DAY, True), (EIGHT_DAYS, False)])
def test_counts_of_days_worded_otherwise_keep_their_schedule(tmp_path, times, quiet):
    """"Days since last reportable incident: 45", "Tage seit dem letzten Unfall: 45" (the unit
    and "since" head the label), "Cela fait 800 jours que", "Llevamos 800 días sin": counters
    of days, on or off their schedule."""
    store = page_pairs_store(tmp_path / "s", PAGES, WORDED, dict.fromkeys(WORDED, times))
    for name in WORDED:
        [c] = source_changes(store, name)
        assert (c["kind"], c["on_schedule"]) == ("counter", quiet), c
        assert source_check(store, name) == (0 if quiet else 1)
