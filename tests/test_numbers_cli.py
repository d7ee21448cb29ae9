"""Numbers through the CLI (issue #9, points 2 and 3): each page of tests/pages/numbers/ imported
twice (`import --at`), then `check` alerts on facts (exit 1) and not on engagement counts or
renumbered list items (exit 0), and `diff --format json` carries the kinds and reasons."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import tracker

PAGES = Path(__file__).parent / "pages" / "numbers"
NAMES = sorted(p.name.removesuffix("-before.html") for p in PAGES.glob("*-before.html"))


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """One source per page, captured on two consecutive days."""
    store = tmp_path_factory.mktemp("numbers") / "snaps"
    for name in NAMES:
        for side, at in (("before", "2024-03-04T09:00Z"), ("after", "2024-03-05T09:00Z")):
            path = PAGES / f"{name}-{side}.html"
            r = tracker("import", "--store", str(store), "--source", name, "--at", at, str(path))
            assert r.code == 0, r.err
    return store


def check(store: Path, name: str, *args: str):
    r = tracker("check", "--store", str(store), "--source", name, *args)
    assert r.code in (0, 1), r.err
    return r


def changes(store: Path, name: str) -> list[dict]:
    r = tracker("diff", "--store", str(store), "--source", name, "--format", "json")
    assert r.code == 0, r.err
    return json.loads(r.out)["changes"]


@pytest.mark.parametrize(
    "name, lines",
    [
        ("fees-en", ["£108.00 → £120.00 (+12.0): Frequent traveller passport (54 pages) | £N"]),
        ("fees-fr", ["86 € → 96 € (+10): Passeport adulte (valable 10 ans) | N €"]),
        ("fees-de", ["1.204 → 1.377 (+173): Einwohnerinnen und Einwohner: N (Stand"]),
        ("fees-es", ["€80,00 → €90,00 (+10.0): Visado de estancia"]),
        ("population-en", ["1 204 → 1 377 (+173): Residents: N", "2.9 % → 3.1 % (+0.2)"]),
        ("river-ru", ["312 → 355 (+43): р. Зея – г. Зея: уровень воды N см"]),
    ],
)
def test_a_changed_fact_alerts(store, name, lines):
    r = check(store, name)
    assert r.code == 1
    assert "figure" in r.out.splitlines()[0]  # "ALERT: … 4 figures changed"
    for line in lines:
        assert line in r.out


@pytest.mark.parametrize("name", ["blog-ru", "blog-de", "blog-fr"])
def test_engagement_counts_never_alert(store, name):
    r = check(store, name)
    assert r.code == 0, r.out
    assert "noise ignored: 2 engagement counts" in r.out
    kinds = {(c["kind"], c.get("reason")) for c in changes(store, name)}
    assert kinds == {("volatile", "engagement")}


def test_a_view_count_beside_facts_is_noise(store):
    r = check(store, "river-ru")
    assert "Просмотров" not in r.out.split("note:")[0]
    assert "noise ignored: engagement count" in r.out
    got = changes(store, "river-ru")
    assert [c["reason"] for c in got if c["kind"] == "volatile"] == ["engagement"]


def test_renumbered_items_do_not_alert(store):
    r = check(store, "agenda-es")
    assert r.code == 0, r.out
    assert "noise ignored: 2 renumbered list items" in r.out
    got = [(c["kind"], c.get("reason")) for c in changes(store, "agenda-es")]
    assert got == [("moved", None), ("volatile", "numbering"), ("volatile", "numbering")]


def test_an_inserted_step_alerts_once_and_renumbers_quietly(store):
    r = check(store, "steps-en")
    assert r.code == 1
    alerts = [line for line in r.out.splitlines() if line.startswith("  ")]
    assert len(alerts) == 2, r.out
    assert any("28 → 21 (-7): 5. Advertise your application" in a for a in alerts)
    assert any("added: 3. Ask the fire service" in a for a in alerts)
    got = changes(store, "steps-en")
    counters = [c for c in got if c["kind"] == "counter"]
    assert [(c["old"], c["new"], c["index"]) for c in counters] == [(28, 21, 1)]
    assert sum(c.get("reason") == "numbering" for c in got) == 3


def test_a_release_is_a_version_change(store):
    r = check(store, "release-en")
    assert r.code == 1
    got = changes(store, "release-en")
    assert not [c for c in got if c["kind"] == "counter"]
    versions = [c for c in got if c.get("reason") == "version"]
    assert versions and {c["kind"] for c in versions} == {"rewritten"}
    assert ["-", "3.2.1"] in versions[0]["edits"] and ["+", "3.3.0"] in versions[0]["edits"]


def test_counter_json_carries_the_numbers_as_written(store):
    got = [c for c in changes(store, "population-en") if c["kind"] == "counter"]
    assert [(c["old"], c["new"], c["delta"]) for c in got] == [
        (1204, 1377, 173),
        (2.9, 3.1, 0.2),
        (108.0, 112.5, 4.5),
        (27514, 28090, 576),
    ]
    assert [(c["old_written"], c["new_written"]) for c in got] == [
        ("1 204", "1 377"),
        ("2.9 %", "3.1 %"),
        ("£108.00", "£112.50"),
        ("27 514", "28 090"),
    ]
    assert got[1]["label"] == "Annual inflation in the region was # % in the latest bulletin."
    assert got[1]["index"] == 0 and got[1]["on_schedule"] is None


def test_figures_can_be_quieted_by_the_rules(store, tmp_path):
    rules = tmp_path / "quiet.toml"
    rules.write_text(
        '[alert]\nkinds = ["status", "contact", "counter-anomaly", "added", "removed", '
        '"rewritten"]\n',
        encoding="utf-8",
    )
    r = check(store, "population-en", "--rules", str(rules))
    assert r.code == 0 and "not alerting: 4 number changes" in r.out
    assert check(store, "population-en", "--alert-on", "contact").code == 0
    assert check(store, "population-en", "--alert-on", "figure").code == 1


def test_each_number_of_a_row_is_its_own_series(store):
    r = tracker("log", "--store", str(store), "--source", "fees-en", "--counters")
    assert r.code == 0, r.err
    assert "Adult passport (# or over) | £N | £#\n" in r.out
    assert "Adult passport (# or over) | £# | £N\n" in r.out
    assert "82.5 (2024-03-04) → 88.5 (2024-03-05)" in r.out
