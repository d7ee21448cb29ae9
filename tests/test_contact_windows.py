"""Only number-like stretches that can be phones are handed to phonenumbers."""

from __future__ import annotations

from tracker.differ import diff
from tracker.differ.contacts import windows_at


def phone_windows(text: str) -> list[str]:
    return [w for w, _ in windows_at(text)]


def test_dates_and_date_ranges_are_not_phone_candidates():
    assert phone_windows("20.05.2022 - Embassy comment") == []
    assert phone_windows("16.04.2018 - 17.04.2018 Exhibition") == []
    assert phone_windows("Call +44 (0) 203 668 7474 today") != []


def test_a_changed_date_range_is_no_contact_change():
    old = "Exhibition\n\n16.04.2018 - 17.04.2018 at the embassy"
    new = "Exhibition\n\n16.04.2019 - 17.04.2019 at the embassy"
    report = diff(old, new, options=None)
    assert not report.of_kind("contact")
