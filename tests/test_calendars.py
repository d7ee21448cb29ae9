"""The other calendars' days are converted exactly, and a day a calendar lacks is none."""

from __future__ import annotations

from datetime import date

from tracker import calendars


def test_nowruz_and_the_last_day_of_a_solar_hijri_year():
    assert calendars.gregorian("persian", 1403, 1, 1) == date(2024, 3, 20)
    assert calendars.gregorian("persian", 1403, 12, 30) == date(2025, 3, 20)  # a leap year
    assert calendars.gregorian("persian", 1404, 1, 1) == date(2025, 3, 21)


def test_esfand_30_of_a_common_year_is_no_day():
    # 1402 is no leap year: its 30 Esfand would be 1 Farvardin 1403
    assert calendars.gregorian("persian", 1402, 12, 29) == date(2024, 3, 19)
    assert calendars.gregorian("persian", 1402, 12, 30) is None
