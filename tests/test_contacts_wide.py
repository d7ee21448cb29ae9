"""Full-width forms are width variants of ASCII (NFKC reads them so): `０３－１２３４－５６７８`,
`03（1234）5678` and `info＠city.jp` are the number and the address they spell, on Japanese,
Chinese and Korean pages alike. Only the contacts are read so: the capture and the texts shown
keep what was written."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import tracker

from tracker.differ.contacts import find

PAGES = Path(__file__).parent / "pages" / "phones-wide"


def _store(tmp_path: Path, name: str) -> str:
    store = tmp_path / "snaps"
    for when, side in (("2024-03-04T17:00:00Z", "before"), ("2024-03-05T09:00:00Z", "after")):
        path = PAGES / f"{name}-{side}.html"
        r = tracker("import", "--store", str(store), "--source", "page", "--at", when, str(path))
        assert r.code == 0, r.err
    return str(store)


def test_a_number_and_address_written_in_full_width_are_only_reformatted(tmp_path):
    """`06-6123-4567` → `０６（６１２３）４５６７`, `info@` → `info＠`: the same contacts."""
    store = _store(tmp_path, "ja-museum")
    check = tracker("check", "--store", store)
    assert check.code == 0, check.out
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    assert {(c["kind"], c.get("reason")) for c in doc["changes"]} == {("volatile", "format")}
    assert any("０６（６１２３）４５６７" in c["new"] for c in doc["changes"])  # shown as written


def test_a_full_width_number_or_address_that_changes_is_a_contact_change(tmp_path):
    store = _store(tmp_path, "ja-museum-wide")
    check = tracker("check", "--store", store, "--format", "json")
    assert check.code == 1
    alerts = json.loads(check.out)["alerts"]
    assert [(a["kind"], a["type"], a["old"], a["new"]) for a in alerts] == [
        ("contact", "phone", "+81661234567", "+81661239876"),
        ("contact", "email", "info@museum.example.jp", "kouhou@museum.example.jp"),
    ]


def test_full_width_brackets_and_digits_on_a_taiwanese_page(tmp_path):
    """`（０２）２３４５－６７８９` ↔ `(02) 2345-6789` (and the fax the other way round)."""
    store = _store(tmp_path, "tw-clinic")
    check = tracker("check", "--store", store)
    assert check.code == 0, check.out
    assert "written another way" in tracker("diff", "--store", store).out


def test_the_offsets_are_the_written_texts():
    text = "問合せ：＋８１　３－１２３４－５６７８、ｉｎｆｏ＠ｃｉｔｙ.example.jp"
    found = find(text, "JP")
    assert [(c.type, c.value, text[c.start : c.end]) for c in found] == [
        ("phone", "+81312345678", "＋８１　３－１２３４－５６７８"),
        ("email", "info@city.example.jp", "ｉｎｆｏ＠ｃｉｔｙ.example.jp"),
    ]
