"""Error pages in languages the first list lacked (Vietnamese, Indonesian, Thai, Hindi,
Persian, Swedish, Finnish, Czech, Romanian, Hungarian): a `status` change, not the whole page
rewritten; a page that only speaks of maintenance works in one of them stays content.
Pages: tests/pages/errorpages/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import tracker

PAGES = Path(__file__).parent / "pages" / "errorpages"

ERRORS = {
    "vi-thuvien": "not found",
    "id-pajak": "not found",
    "th-visa": "not found",
    "hi-bijli": "not found",
    "fa-gozarnameh": "not found",  # "صفحه‌ای": a zero-width non-joiner inside the phrase
    "sv-bygglov": "server error",
    "fi-kirjasto": "not found",
    "cs-odpady": "not found",
    "ro-taxe": "not found",
    "hu-parkolas": "server error",
}
CONTENT = ["sv-vagunderhall", "hu-uszoda"]


def _store(tmp_path: Path, name: str, sides=("before", "after")) -> str:
    store = str(tmp_path / "store")
    for day, side in enumerate(sides, start=1):
        page = PAGES / f"{name}-{side}.html"
        at = f"2024-05-0{day}T07:00Z"
        r = tracker("import", "--store", store, "--source", "site", "--at", at, str(page))
        assert r.code == 0, r.err
    return store


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_an_error_page_in_more_languages_is_a_status_change(tmp_path, name):
    store = _store(tmp_path, name)
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    changes = [(c["kind"], c["old"], c["new"]) for c in doc["changes"]]
    assert changes == [("status", "ok", f"error: {ERRORS[name]}")], changes


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_the_page_back_after_the_error_is_compared_with_the_last_good_capture(tmp_path, name):
    """page → error page → the same page: only the recovery, no whole-page rewrite."""
    store = _store(tmp_path, name, ("before", "after", "before"))
    r = tracker("diff", "latest~2", "latest", "--store", store, "--format", "json")
    doc = json.loads(r.out)
    assert [c["kind"] for c in doc["changes"]] == [], doc["changes"]
    check = tracker("check", "--store", store)
    assert "recovered" in check.out and "removed" not in check.out, check.out


@pytest.mark.parametrize("name", CONTENT)
def test_maintenance_works_in_more_languages_are_content(tmp_path, name):
    store = _store(tmp_path, name)
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    kinds = {c["kind"] for c in doc["changes"]}
    assert "status" not in kinds and kinds, doc["changes"]
    assert tracker("check", "--store", store).code == 1


@pytest.mark.parametrize(
    "title, body",
    [
        ("त्रुटि ४०४", "<p>क्षमा करें। संदर्भ संख्या: {ref}</p>"),  # Devanagari digits
        ("خطای ۵۰۰", "<p>لطفاً بعداً دوباره تلاش کنید. کد: {ref}</p>"),  # Persian digits
        ("Error ٤٠٤", "<p>Ref. {ref}</p>"),  # Arabic-Indic digits
    ],
)
def test_a_status_code_in_a_scripts_own_digits_names_an_error_page(tmp_path, title, body):
    """Two captures of one error page, its request reference changed: both error pages, so
    nothing to compare (the reference read as content alerted)."""
    store = str(tmp_path / "store")
    for day, ref in (("01", "7F3A-91C2"), ("02", "B210-4E77")):
        page = tmp_path / f"e{day}.html"
        html = f"<html><body><h1>{title}</h1>{body.format(ref=ref)}</body></html>"
        page.write_text(html, encoding="utf-8")
        r = tracker("import", "--store", store, "--source", "s", "--at", f"2024-05-{day}", page)
        assert r.code == 0, r.err
    r = tracker("check", "--store", store)
    assert r.code == 0 and "is an error page" in r.out, r.out
