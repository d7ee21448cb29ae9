"""Completeness, by property: for random edits of the sample pages (and of arbitrary text),
the new normalised text is rebuilt from the old text and the report alone, and no block is
claimed by two changes."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from samples import sample_files

from tracker.differ import diff, normalize, rebuild

SEEDS = sample_files()
PAGES = [p.read_text(encoding="utf-8") for p in SEEDS]
needs_seeds = pytest.mark.skipif(not PAGES, reason="sample captures not available")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = [
    "Russia",
    "embassy",
    "statement",
    "the",
    "of",
    "London",
    "1296",
    "+44 20 3668 7474",
    "info@rusemb.org.uk",
    "[email\xa0protected]",
    "21 May 2022",
    "Moscow: 11:16",
    "—",
    "«a»",
]


def _paragraph(draw) -> str:
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return draw(st.text(min_size=1, max_size=40))
    if kind == 1:
        return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12)))
    if kind == 2:
        return draw(st.sampled_from(["16.04.2018", "20.05.2022 - A new item", "LATEST EVENTS"]))
    return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))) + "     x"


@st.composite
def edited(draw):
    old = draw(st.sampled_from(PAGES))
    paras = old.split("\n\n")
    for _ in range(draw(st.integers(1, 6))):
        op = draw(
            st.sampled_from(
                ["insert", "delete", "replace", "move", "number", "word", "phone", "swap"]
            )
        )
        k = draw(st.integers(0, len(paras) - 1))
        if op == "insert":
            paras.insert(k, _paragraph(draw))
        elif op == "delete" and len(paras) > 1:
            del paras[k]
        elif op == "replace":
            paras[k] = _paragraph(draw)
        elif op == "move":
            p = paras.pop(k)
            paras.insert(draw(st.integers(0, len(paras))), p)
        elif op == "number":
            paras[k] = re.sub(
                r"\d+", lambda m: str(int(m.group()) + draw(st.integers(-5, 50))), paras[k], count=1
            )
        elif op == "word":
            words = paras[k].split(" ")
            w = draw(st.integers(0, len(words) - 1))
            words[w] = draw(st.sampled_from(WORDS))
            paras[k] = " ".join(words)
        elif op == "phone":
            paras = [p.replace("+44 (0) 203 668 7474", "+44 20 3668 7474") for p in paras]
        elif op == "swap":
            k2 = draw(st.integers(0, len(paras) - 1))
            paras[k], paras[k2] = paras[k2], paras[k]
    return old, "\n\n".join(paras)


def _claimed_once(report) -> None:
    seen_old, seen_new = {}, {}
    for c in report.changes:
        # the counters of one block pair explain it together, as do the contacts of a block
        unit = ("counter", c.old_block, c.new_block) if c.kind == "counter" else id(c)
        unit = "contact" if c.kind == "contact" else unit
        for seen, b in ((seen_old, c.old_block), (seen_new, c.new_block)):
            if b is not None:
                assert seen.setdefault(b, unit) == unit


@pytest.mark.slow
@needs_seeds
@SETTINGS
@given(edited())
def test_rebuild_from_report_on_edited_samples(pair):
    old, new = pair
    report = diff(old, new)
    assert rebuild(old, report) == normalize(new)
    _claimed_once(report)
    if normalize(old) == normalize(new):
        assert report.changes == []


@SETTINGS
@given(st.text(max_size=300), st.text(max_size=300))
def test_rebuild_from_report_on_any_text(old, new):
    report = diff(old, new)
    assert rebuild(old, report) == normalize(new)
    _claimed_once(report)


@SETTINGS
@given(
    st.lists(st.sampled_from(list("ab \n\xa0\t.-:1") + ["    ", "\n\n"]), max_size=80).map("".join)
)
def test_normalize_is_idempotent(text):
    assert normalize(normalize(text)) == normalize(text)
