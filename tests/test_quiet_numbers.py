"""Numbers that change without a fact changing, through the CLI: the same amount written another
way (`60 €` → `60,00 €`, `1234,56` → `1 234,56`, `60 €` → `€ 60,-`) is `volatile` reason
`format`; engagement counts in more languages and forms (`1.234 visualizzazioni`, `Gefällt 87
Mal`, `1,2 тыс. просмотров`, `👁 1 234 · 💬 12`, `(123 reviews)`, `23 people are viewing this`)
are `volatile` reason `engagement`; items numbered with a label (`Schritt 2:`, `№ 2.`) renumbered
by an item added above are `volatile` reason `numbering`. Next to each, the same page with one
real change (a fee, a price) still alerts. Pages: tests/pages/quiet-numbers/, each imported
twice (`import --at`); the changed variants are made here from the `after` pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import tracker

PAGES = Path(__file__).parent / "pages" / "quiet-numbers"
FORMATS = ["fees-fr", "fees-de"]
ENGAGEMENT = [
    "views-it",
    "views-pt",
    "views-nl",
    "views-pl",
    "views-uk",
    "social-de",
    "video-ru",
    "shop-en",
]
STEPS = ["steps-de", "docs-ru"]
# one real change made in each `after` page: (as it stands, as changed)
REAL = {
    "views-it": ("Biglietto d'ingresso: 5 €", "Biglietto d'ingresso: 6 €"),
    "views-pt": ("Entrada: 3 €", "Entrada: 4 €"),
    "views-nl": ("Standplaats vrijmarkt: 12 euro", "Standplaats vrijmarkt: 15 euro"),
    "views-pl": ("Opłata startowa w biegu: 40 zł", "Opłata startowa w biegu: 50 zł"),
    "views-uk": ("Оренда будиночка: 500 грн", "Оренда будиночка: 650 грн"),
    "social-de": ("Eintritt: 3 €", "Eintritt: 4 €"),
    "video-ru": ("Размер субсидии: 12 000 руб.", "Размер субсидии: 9 500 руб."),
    "shop-en": ("Price: £89.00", "Price: £99.00"),
}


def _import(store: Path, source: str, before: Path, after: Path) -> None:
    for path, at in ((before, "2024-03-04T09:00Z"), (after, "2024-03-05T09:00Z")):
        r = tracker("import", "--store", str(store), "--source", source, "--at", at, str(path))
        assert r.code == 0, r.err


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """Each page as it is (source NAME) and with one real change (source NAME-real)."""
    root = tmp_path_factory.mktemp("quiet-numbers")
    store = root / "snaps"
    for name in FORMATS + ENGAGEMENT + STEPS:
        before, after = PAGES / f"{name}-before.html", PAGES / f"{name}-after.html"
        _import(store, name, before, after)
        if name in REAL:
            text = after.read_text(encoding="utf-8")
            was, now = REAL[name]
            assert was in text
            changed = root / f"{name}-real.html"
            changed.write_text(text.replace(was, now), encoding="utf-8")
            _import(store, f"{name}-real", before, changed)
    return store


def check(store: Path, source: str):
    r = tracker("check", "--store", str(store), "--source", source)
    assert r.code in (0, 1), r.err
    return r


def changes(store: Path, source: str) -> list[dict]:
    r = tracker("diff", "--store", str(store), "--source", source, "--format", "json")
    assert r.code == 0, r.err
    return json.loads(r.out)["changes"]


def alerts(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("  ")]


@pytest.mark.parametrize("name", FORMATS)
def test_the_same_amount_written_another_way_is_no_alert(store, name):
    r = check(store, name)
    assert r.code == 0, r.out
    assert "noise ignored: 3 values written another way" in r.out
    got = changes(store, name)
    assert [(c["kind"], c.get("reason")) for c in got] == [("volatile", "format")] * 3


def test_a_fee_that_changed_in_its_new_writing_alerts(store, tmp_path):
    after = (PAGES / "fees-fr-after.html").read_text(encoding="utf-8")
    changed = tmp_path / "fees.html"
    changed.write_text(after.replace("compétition : 45,00 €", "compétition : 48,00 €"), "utf-8")
    _import(store, "fees-fr-real", PAGES / "fees-fr-before.html", changed)
    r = check(store, "fees-fr-real")
    assert r.code == 1
    assert alerts(r.out) == ["  - 45 € → 48,00 € (+3.0): Licence compétition : N €"], r.out
    assert "noise ignored: 2 values written another way" in r.out
    counters = [c for c in changes(store, "fees-fr-real") if c["kind"] == "counter"]
    assert [(c["old"], c["new"], c["delta"]) for c in counters] == [(45, 48.0, 3.0)]


def test_a_changed_amount_in_the_other_writing_alerts(store, tmp_path):
    after = (PAGES / "fees-de-after.html").read_text(encoding="utf-8")
    changed = after.replace("Aufnahmegebühr: € 25,-", "Aufnahmegebühr: € 30,-")
    changed = changed.replace("<p>€ 90,-</p>", "<p>€ 95,-</p>")
    (tmp_path / "fees.html").write_text(changed, "utf-8")
    _import(store, "fees-de-real", PAGES / "fees-de-before.html", tmp_path / "fees.html")
    r = check(store, "fees-de-real")
    assert r.code == 1
    got = [(c["kind"], c.get("reason"), c["old"], c["new"]) for c in changes(store, "fees-de-real")]
    assert ("volatile", "format", "Jahresbeitrag: 60 €", "Jahresbeitrag: € 60,-") in got
    assert ("rewritten", None, "Aufnahmegebühr: 25 €", "Aufnahmegebühr: € 30,-") in got
    assert ("removed", None, "90 €", None) in got and ("added", None, None, "€ 95,-") in got


@pytest.mark.parametrize("name", ENGAGEMENT)
def test_engagement_counts_in_more_languages_and_forms_are_noise(store, name):
    r = check(store, name)
    assert r.code == 0, r.out
    assert "noise ignored: engagement count" in r.out
    got = changes(store, name)
    assert [(c["kind"], c.get("reason")) for c in got] == [("volatile", "engagement")]


@pytest.mark.parametrize("name", ENGAGEMENT)
def test_a_fact_beside_engagement_counts_alerts(store, name):
    r = check(store, f"{name}-real")
    assert r.code == 1, r.out
    assert len(alerts(r.out)) == 1 and "figure changed" in r.out.splitlines()[0], r.out
    got = changes(store, f"{name}-real")
    kinds = sorted((c["kind"], c.get("reason")) for c in got)
    assert kinds == [("counter", None), ("volatile", "engagement")]
    (counter,) = [c for c in got if c["kind"] == "counter"]
    was, now = REAL[name]
    assert counter["old_written"] in was and counter["new_written"] in now


@pytest.mark.parametrize("name", STEPS)
def test_items_numbered_with_a_label_renumber_quietly(store, name):
    r = check(store, name)
    assert r.code == 1
    (line,) = alerts(r.out)
    assert line.startswith("  - added: ")
    assert "noise ignored: 3 renumbered list items" in r.out
    got = [(c["kind"], c.get("reason")) for c in changes(store, name)]
    assert sorted(got) == [("added", None)] + [("volatile", "numbering")] * 3


@pytest.mark.parametrize(
    "name, was, now, line",
    [
        ("steps-de", "Gebühr von 30 €", "Gebühr von 35 €", "30 € → 35 € (+5): Schritt 3: Gebühr"),
        (
            "docs-ru",
            "госпошлины 2 000 руб.",
            "госпошлины 2 500 руб.",
            "2 000 → 2 500 (+500): № 4. Квитанция",
        ),
    ],
)
def test_a_fee_in_a_renumbered_step_still_alerts(store, tmp_path, name, was, now, line):
    after = (PAGES / f"{name}-after.html").read_text(encoding="utf-8")
    assert was in after
    (tmp_path / "p.html").write_text(after.replace(was, now), "utf-8")
    _import(store, f"{name}-real", PAGES / f"{name}-before.html", tmp_path / "p.html")
    r = check(store, f"{name}-real")
    assert r.code == 1
    found = alerts(r.out)
    assert len(found) == 2 and any(line in a for a in found), r.out
    assert "noise ignored: 2 renumbered list items" in r.out
