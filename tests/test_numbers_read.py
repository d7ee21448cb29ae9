"""Numbers read as a reader reads them, through the CLI (pages in tests/pages/numbers-read/).

How a page writes its numbers comes from evidence: an amount's lone separator groups thousands
("€ 4.250", "1,500円"), the page's `<html lang>` gives its decimal mark, CJK text groups with ",",
Arabic and full-width separators read as theirs. Footnote markers, forum statistics and versions
are no figures; a lone value that changed is one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import tracker

PAGES = Path(__file__).parent / "pages" / "numbers-read"


def pair(tmp_path: Path, old: str, new: str) -> Path:
    store = tmp_path / "snaps"
    for name, at in ((old, "2024-06-03T08:00Z"), (new, "2024-06-04T08:00Z")):
        r = tracker("import", "--store", str(store), "--source", "p", "--at", at, str(PAGES / name))
        assert r.code == 0, r.err
    return store


def changes(store: Path) -> list[dict]:
    r = tracker("diff", "--store", str(store), "--format", "json")
    assert r.code == 0, r.err
    return json.loads(r.out)["changes"]


def check(store: Path) -> int:
    r = tracker("check", "--store", str(store))
    assert r.code in (0, 1), r.err
    return r.code


@pytest.mark.parametrize(
    "old, new",
    [
        # Dutch in ASCII letters only: "€ 4.250" is 4250 (an amount has no third decimal)
        ("salary-nl-before.html", "salary-nl-after.html"),
        # the same without markup (no <html lang>): the euro sign settles it
        ("course-nl-before.txt", "course-nl-after.txt"),
        # Japanese groups with ","; the yen has no decimals
        ("museum-ja-before.html", "museum-ja-after.html"),
        # full-width digits and comma: the same value
        ("museum-ja-wide.html", "museum-ja-before.html"),
    ],
)
def test_the_same_amount_written_another_way_is_no_alert(tmp_path, old, new):
    store = pair(tmp_path, old, new)
    assert [(c["kind"], c.get("reason")) for c in changes(store)] == [("volatile", "format")]
    assert check(store) == 0


@pytest.mark.parametrize(
    "old, new, values",
    [
        ("museum-ja-before.html", "museum-ja-raised.html", [(1500, 1800, 300)]),
        # "17.350 inwoners" is no amount: <html lang="nl"> says "," is the decimal mark
        ("town-nl-before.html", "town-nl-after.html", [(17350, 17425, 75)]),
        # Chinese without markup: Han letters do not read continental ("45,210" groups)
        ("district-zh-before.txt", "district-zh-after.txt", [(45210, 45380, 170)]),
        # Arabic thousands separator U+066C and decimal mark U+066B
        ("passport-ar-before.html", "passport-ar-after.html", [(1250, 1400, 150), (3.5, 2.5, -1)]),
        # evidence wins over an amount's shape: fuel is priced to a tenth of a penny
        ("fuel-en-before.html", "fuel-en-after.html", [(1.459, 1.479, 0.02)]),
        # lang="en" is many templates' default: a page of German letters reads as German
        ("village-de-before.html", "village-de-after.html", [(12450, 12530, 80)]),
    ],
)
def test_a_changed_figure_is_read_whole(tmp_path, old, new, values):
    store = pair(tmp_path, old, new)
    got = [(c["old"], c["new"], c["delta"]) for c in changes(store) if c["kind"] == "counter"]
    assert got == values
    assert check(store) == 1


def test_footnote_markers_renumbered_are_no_figures(tmp_path):
    """Citations added above shift every later marker ("[3]" → "[5]", "[Anm. 1]" → "[Anm. 2]"):
    noise; the number beside a marker, and another in the same paragraph, still count."""
    store = pair(tmp_path, "wiki-de-before.html", "wiki-de-after.html")
    got = changes(store)
    assert [(c["old"], c["new"]) for c in got if c["kind"] == "counter"] == [(64, 71)]
    assert {c.get("reason") for c in got if c["kind"] != "counter"} == {"reference"}
    r = tracker("check", "--store", str(store))
    assert r.code == 1
    assert "1 figure changed" in r.out and "[5]" not in r.out.split("note:")[0]
    assert "noise ignored: 3 footnote markers" in r.out


def test_footnote_markers_relettered_are_no_alert(tmp_path):
    store = pair(tmp_path, "wiki-fr-before.html", "wiki-fr-after.html")
    assert [(c["kind"], c.get("reason")) for c in changes(store)] == [("volatile", "reference")] * 2
    assert check(store) == 0


@pytest.mark.parametrize("name", ["forum-en", "forum-fr", "forum-ru"])
def test_forum_statistics_are_noise(tmp_path, name):
    """Who is online ("41 users online :: 5 registered, 1 hidden and 35 guests") and the page's
    build time ("Page generated in 0.214 seconds | 31 queries"): every number is noise."""
    store = pair(tmp_path, f"{name}-before.html", f"{name}-after.html")
    got = changes(store)
    assert got and {(c["kind"], c.get("reason")) for c in got} == {("volatile", "engagement")}
    assert check(store) == 0


def test_figures_beside_words_of_statistics_still_alert(tmp_path):
    """"generated in March" is no build time, "Apply online: 25 places" and "12 courses online,
    each for 30 learners" no one online."""
    store = pair(tmp_path, "school-en-before.html", "school-en-after.html")
    got = [(c["old"], c["new"]) for c in changes(store) if c["kind"] == "counter"]
    assert got == [(12, 15), (25, 20), (30, 24)]
    assert check(store) == 1


def test_versions_are_not_decimals(tmp_path):
    """"Node 18.9" → "18.10" is no fall of 8.8; a requirement (">=4.1") and a product named with
    a capital inside ("WordPress 6.4") are versions; a plain rating stays a figure."""
    store = pair(tmp_path, "readme-en-before.txt", "readme-en-after.txt")
    got = changes(store)
    versions = [c for c in got if c.get("reason") == "version"]
    assert [c["kind"] for c in versions] == ["rewritten"] * 3
    assert [(c["old"], c["new"]) for c in got if c["kind"] == "counter"] == [(4.5, 4.6)]
    assert check(store) == 1


def test_a_lone_value_that_changed_is_a_figure(tmp_path):
    """A `<dd>` or table cell holding only a value ("12,50 €" → "14,00 €", "6" → "4") between the
    same neighbours: no word pairs it, yet it can have become nothing else."""
    store = pair(tmp_path, "permit-es-before.html", "permit-es-after.html")
    got = changes(store)
    assert [(c["kind"], c["old"], c["new"]) for c in got] == [
        ("counter", 12.5, 14),
        ("counter", 6, 4),
    ]
    assert check(store) == 1
