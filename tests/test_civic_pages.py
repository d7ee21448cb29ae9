"""Official and civic pages in many languages (consulates, consultations, tenders, municipal
directories): what a third red team found tracker misread on them, class by class."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import page_pairs_store, source_changes, tracker

PAGES = Path(__file__).parent / "pages" / "civic"
ONE_DAY = ("2024-05-01T10:00Z", "2024-05-02T10:00Z")
EIGHT_DAYS = ("2024-05-01T10:00Z", "2024-05-09T10:00Z")


def _check(store: Path, name: str) -> int:
    done = tracker("check", "--store", str(store), "--source", name)
    assert done.code in (0, 1), done.err
    return done.code


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
        assert _check(store, name) == (0 if quiet else 1)
