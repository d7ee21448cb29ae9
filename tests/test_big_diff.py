"""A large pair diffed as a cold process (issue #12 item 6): each step a 10 MB page takes does
only the work its answer needs, and the report stays what it was."""

from __future__ import annotations

import random

import pytest
from cli_helpers import tracker

from tracker import dates

WORDS = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda omicron".split()


def _store(tmp_path, old: list[str], new: list[str]) -> str:
    store = tmp_path / "store"
    for day, paras in (("2024-01-01", old), ("2024-01-02", new)):
        page = tmp_path / f"{day}.txt"
        page.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
        r = tracker("import", "--store", str(store), "--source", "x", "--at", day, str(page))
        assert r.code == 0, r.err
    return str(store)


@pytest.fixture
def fresh_dates(monkeypatch):
    """No date grammar built in this process, nothing announced (as a new `tracker diff`)."""
    monkeypatch.setattr(dates, "_scope", [()])
    monkeypatch.setattr(dates, "_vocab", [None])
    monkeypatch.setattr(dates, "_spent", [0])
    for fn in (dates._atoms, dates._atoms_of, dates._find):
        fn.cache_clear()
    yield
    for fn in (dates._atoms, dates._atoms_of, dates._find):
        fn.cache_clear()


def test_changed_blocks_too_large_for_names_go_straight_to_the_full_grammar(
    tmp_path, fresh_dates
):
    """300 long paragraphs rewritten and a date line changed: the blocks that differ hold
    more text than looking their names up may cost, so the full grammar reads the date at
    once, without scanning them first (and without a grammar of their names built before)."""
    rng = random.Random(7)
    old = ["21 May 2022"] + [" ".join(rng.choices(WORDS, k=60)) + f" {k}" for k in range(300)]
    new = ["28 May 2022"] + [p.replace("alpha", "omega", 1) + " (revised)" for p in old[1:]]
    assert sum(map(len, old + new)) > dates._NAME_LOOKUP_BUDGET
    store = _store(tmp_path, old, new)
    done = tracker("diff", "first", "latest", "--store", store, "--format", "json")
    changes = done.json()["changes"]
    assert {"kind": "volatile", "reason": "date"}.items() <= changes[-1].items()
    assert dates._atoms.cache_info().currsize == 1
    assert dates._atoms_of.cache_info().misses == 0
    assert dates._spent[0] == 0  # no name looked up
