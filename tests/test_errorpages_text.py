"""Error pages told from their text in many languages (a soft 404, a page gone, a site down for
maintenance, a server error), as a `status` change, never as the whole page removed and a
contact lost; and pages that only speak of errors or of maintenance works (a news article about
a 404, a bridge or a tunnel closed, a pool's technical break, a water outage, a help page listing
error codes) are content whose changes are reported. Pages: tests/pages/errorpages/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import tracker

from tracker.capture.errorpage import error_reason

PAGES = Path(__file__).parent / "pages" / "errorpages"

ERRORS = {
    "it-anagrafe": "not found",  # in the site's template, with its nav and footer (a phone)
    "ja-gomi": "not found",
    "uk-poslugy": "not found",
    "zh-tongzhi": "not found",
    "nl-subsidie": "gone",
    "fr-boutique": "maintenance",
    "ru-kabinet": "maintenance",
    "es-becas": "server error",
}
CONTENT = ["en-article404", "en-bridge", "de-tunnel", "pl-basen", "ru-voda", "en-codes"]


def _store(tmp_path: Path, name: str) -> str:
    store = str(tmp_path / "store")
    for at, side in (("2024-05-06T07:00Z", "before"), ("2024-05-07T07:00Z", "after")):
        page = PAGES / f"{name}-{side}.html"
        r = tracker("import", "--store", store, "--source", "site", "--at", at, str(page))
        assert r.code == 0, r.err
    return store


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_an_error_page_in_any_language_is_a_status_change(tmp_path, name):
    store = _store(tmp_path, name)
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    changes = [(c["kind"], c["old"], c["new"], c["change"]) for c in doc["changes"]]
    gone = ERRORS[name] in ("not found", "gone")
    assert changes == [
        ("status", "ok", f"error: {ERRORS[name]}", "gone" if gone else "error")
    ], changes
    check = tracker("check", "--store", store)
    assert check.code == 1 and "page" in check.out


@pytest.mark.parametrize("name", CONTENT)
def test_a_page_about_errors_or_maintenance_works_is_content(tmp_path, name):
    store = _store(tmp_path, name)
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    kinds = {c["kind"] for c in doc["changes"]}
    assert "status" not in kinds and kinds, doc["changes"]
    assert tracker("check", "--store", store).code == 1


def test_a_line_that_only_names_the_error_is_a_title_a_headline_about_it_is_not():
    assert error_reason({}, "Page not found | City of Lindenau\n\nGo to the homepage") == (
        "not found"
    )
    assert error_reason({}, "Erreur 404 - Page introuvable") == "not found"
    assert error_reason({}, "404エラー\n\nトップページへ") == "not found"
    assert error_reason({}, "Page not found: how the ministry lost its archive\n\nText.") is None
    assert error_reason({}, "Rate limits\n\nThe API allows 100 requests a minute.") is None
    assert error_reason({}, "Access denied to the archives was debated on Monday.") is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Oops! That page can't be found.\n\nIt looks like nothing was found here.", "not found"),
        ("Fehler 404 – Seite nicht gefunden", "not found"),
        ("Hoppla! Diese Seite existiert nicht mehr.", "gone"),
        ("Página no encontrada\n\nLa página que buscas no existe.", "not found"),
        ("Nuestro sitio web está en mantenimiento. Volveremos pronto.", "maintenance"),
        ("Sito in manutenzione\n\nTorneremo presto online.", "maintenance"),
        ("Ops! Página não encontrada", "not found"),
        ("Błąd 404\n\nNie znaleziono strony.", "not found"),
        ("Website in onderhoud\n\nWe zijn zo weer terug.", "maintenance"),
        ("Упс! Страница не найдена", "not found"),
        ("Доступ заборонено", "access denied"),
        ("メンテナンス中です", "maintenance"),
        ("系统维护中", "maintenance"),
        ("Acceso denegado", "access denied"),
        ("We're sorry, but something went wrong.", "server error"),
        ("Le site est temporairement indisponible", "service unavailable"),
        ("Zu viele Anfragen", "rate limited"),
        # not error pages: an out-of-stock label, a film's title, a search with no result
        ("Temporarily unavailable\n\nAdd to wish list", None),
        ("Forbidden\n\nA film by Ana Ruiz, 2019.", None),
        ("Not found\n\nTry another search term.", None),
    ],
)
def test_error_names_in_many_languages(text, reason):
    assert error_reason({}, text) == reason


@pytest.mark.parametrize(
    "notice",
    [
        "The planning portal will be unavailable on Saturday for maintenance.",
        "Wegen Wartungsarbeiten ist das Online-Portal am Samstag von 8 bis 12 Uhr nicht"
        " erreichbar.",
        "En raison d'une opération de maintenance, le portail sera indisponible samedi matin.",
        "La página que busca no existe: los formularios antiguos se han retirado.",
    ],
)
def test_a_notice_above_a_page_of_content_is_no_error_page(notice):
    """A banner that names maintenance or a missing page, on a page with prose of its own."""
    page = "\n\n".join([
        "Home\nServices\nContact",
        "Planning applications",
        notice,
        "Applications can be viewed online or at the Town Hall reception during opening hours.",
        "Comments on an application must be made in writing and include your name and address.",
        "Planning Services, Town Hall, Riverside RV1 2AB",
    ])
    assert error_reason(None, page) is None
    # the same sentence alone in the site's template is the page
    alone = "\n\n".join(["Home\nServices\nContact", notice, "Return to the home page."])
    assert error_reason(None, alone) is not None
