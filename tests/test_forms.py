"""A form's visible controls are page content: a `<select>`'s options (an office removed or
marked closed) and a submit button's `value` change what a visitor can choose and do, and
alert. Hidden inputs (anti-forgery tokens, ASP.NET's view state), a text field's value and
placeholders (examples: "Ej.: 612 345 678") are not text: a new token or example is no change.
Pages: tests/pages/forms/ (a Spanish town hall's appointment form, a Polish ID card request)."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import tracker

PAGES = Path(__file__).parent / "pages" / "forms"


def _store(tmp_path: Path, before: str, after: str) -> str:
    tmp_path.mkdir(exist_ok=True)
    store = str(tmp_path / "store")
    times = ("2024-06-03T08:00Z", "2024-06-04T08:00Z")
    for at, side, text in zip(times, ("before", "after"), (before, after), strict=True):
        page = tmp_path / f"{side}.html"
        page.write_text(text, encoding="utf-8")
        r = tracker("import", "--store", store, "--source", "form", "--at", at, str(page))
        assert r.code == 0, r.err
    return store


def _page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def test_an_option_removed_or_renamed_is_a_change_that_alerts(tmp_path):
    store = _store(tmp_path, _page("cita-es-before.html"), _page("cita-es-after.html"))
    check = tracker("check", "--store", store)
    assert check.code == 1, check.out
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    found = {(c["kind"], c["old"], c["new"]) for c in doc["changes"]}
    assert ("removed", "Oficina de Vallecas (Avenida de la Albufera, 42)", None) in found, found
    # the renamed office: rewritten, or removed and added (how alike the two are is the differ's)
    olds = {c["old"] for c in doc["changes"] if c["old"]}
    news = {c["new"] for c in doc["changes"] if c["new"]}
    assert "Oficina de Tetuán (Calle Bravo Murillo, 120)" in olds, found
    assert "Oficina de Tetuán (cerrada por obras hasta el 30 de junio)" in news, found
    # the new token and view state are not text: nothing else changed
    assert olds | news == {
        "Oficina de Vallecas (Avenida de la Albufera, 42)",
        "Oficina de Tetuán (Calle Bravo Murillo, 120)",
        "Oficina de Tetuán (cerrada por obras hasta el 30 de junio)",
    }, doc["changes"]


def test_a_submit_buttons_new_label_alerts(tmp_path):
    before = _page("wniosek-pl-before.html")
    after = before.replace('value="Wyślij wniosek"', 'value="Zapisz wersję roboczą"')
    store = _store(tmp_path, before, after)
    assert tracker("check", "--store", store).code == 1
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    olds = {c["old"] for c in doc["changes"] if c["old"]}
    news = {c["new"] for c in doc["changes"] if c["new"]}
    assert (olds, news) == ({"Wyczyść Wyślij wniosek"}, {"Wyczyść Zapisz wersję roboczą"})
    both = _store(tmp_path / "both", before, _page("wniosek-pl-after.html"))
    text = tracker("diff", "--store", both).out
    assert "Zapisz wersję roboczą" in text and "Pobierz formularz (PDF)" in text


def test_new_tokens_and_placeholders_are_no_change(tmp_path):
    before = _page("wniosek-pl-before.html")
    after = before.replace("Xk2pQ9mV4tR7wL1sZ8nB", "Qa7Lm2Nx5Vp9Rt3Kw6Yz").replace(
        "np. 02070803628", "np. 44051401359"
    )
    store = _store(tmp_path, before, after)
    check = tracker("check", "--store", store)
    assert check.code == 0, check.out
    assert json.loads(tracker("diff", "--store", store, "--format", "json").out)["changes"] == []
    shown = tracker("show", "--store", store, "latest").out
    assert "Powód wydania dowodu" in shown and "Utrata lub uszkodzenie" in shown
    assert "Wyślij wniosek" in shown and "44051401359" not in shown and "Qa7Lm2" not in shown
