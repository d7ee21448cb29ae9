"""A leading list number that changed is `numbering` noise only when list items added or
removed above it explain the shift: steps that swapped places, or a number that changed with
nothing added, are a fact (a counter), not noise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import diff_pages, page_pairs_store, tracker

PAGES = Path(__file__).parent / "pages" / "steps"
NAMES = sorted(p.name.removesuffix("-before.html") for p in PAGES.glob("*-before.html"))


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """One source per page, captured on two consecutive days."""
    store = tmp_path_factory.mktemp("steps") / "snaps"
    return page_pairs_store(store, PAGES, NAMES)


def changes(store: Path, name: str) -> list[tuple]:
    r = tracker("diff", "--store", str(store), "--source", name, "--format", "json")
    assert r.code == 0, r.err
    found = json.loads(r.out)["changes"]
    return sorted((c["kind"], c.get("reason"), c.get("old"), c.get("new")) for c in found)


def test_swapped_steps_are_a_fact(store):
    # was two volatile/numbering: nothing was added or removed above them
    assert changes(store, "swapped-de") == [("counter", None, 1, 2), ("counter", None, 2, 1)]


def test_a_number_changed_with_nothing_added_is_a_fact(store):
    assert changes(store, "renumbered-en") == [("counter", None, 3, 4)]


def test_items_renumbered_by_one_added_above_are_noise(store):
    found = changes(store, "inserted-fr")
    assert [k for k in found if k[0] != "volatile"] == [("added", None, None, "1. Créer un compte")]
    assert [k[:2] for k in found if k[0] == "volatile"] == [("volatile", "numbering")] * 3


def test_a_renumbered_step_whose_stamp_moved_is_noise(tmp_path):
    """An item added above renumbers "Schritt 2" to "Schritt 3", and the step's own stamp moved
    with the captures: the added step alerts, the renumbered one is noise (was: its date read
    as a changed figure "06.05.2024 → 07.05.2024", an alert)."""
    steps = [
        "Schritt 1: Antrag herunterladen (Stand {})",
        "Schritt 2: Formular ausfüllen (Stand {})",
    ]
    old = "\n\n".join(s.format("1. Januar 2024") for s in steps)
    new = "\n\n".join(
        ["Schritt 1: Termin online buchen (Stand 2. Januar 2024)"]
        + [s.replace(s[8], str(int(s[8]) + 1), 1).format("2. Januar 2024") for s in steps]
    )
    doc = diff_pages(tmp_path, old, new)  # captured 1 and 2 Jan
    kinds = [(c["kind"], c.get("reason")) for c in doc["changes"]]
    assert ("added", None) in kinds and all(k == "volatile" for k, _ in kinds if k != "added")
