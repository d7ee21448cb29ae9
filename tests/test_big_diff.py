"""A large pair diffed as a cold process (issue #12 item 6): each step a 10 MB page takes does
only the work its answer needs, and the report stays what it was."""

from __future__ import annotations

import random
from collections import defaultdict
from unittest.mock import patch

import pytest
from cli_helpers import tracker
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker import dates
from tracker.differ import pairing

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
    old = ["1 January 2024"] + [" ".join(rng.choices(WORDS, k=60)) + f" {k}" for k in range(300)]
    new = ["2 January 2024"] + [p.replace("alpha", "omega", 1) + " (revised)" for p in old[1:]]
    assert sum(map(len, old + new)) > dates._NAME_LOOKUP_BUDGET
    store = _store(tmp_path, old, new)
    done = tracker("diff", "first", "latest", "--store", store, "--format", "json")
    changes = done.json()["changes"]
    assert {"kind": "volatile", "reason": "date"}.items() <= changes[-1].items()
    assert dates._atoms.cache_info().currsize == 1
    assert dates._atoms_of.cache_info().misses == 0
    assert dates._spent[0] == 0  # no name looked up


def test_unchanged_paragraphs_of_the_new_page_are_the_old_pages_blocks(tmp_path, monkeypatch):
    """The new page's paragraphs the old page has, in runs in its order, take their blocks
    from the old page's as one slice each: the very strings (no second copy of a 10 MB page,
    and alignment compares them by identity), odd paragraphs (several lines, double spaces)
    included; the blocks are the same as segmenting each page alone."""
    import tracker.differ.engine as engine
    from tracker.differ.segment import block_texts

    rng = random.Random(3)
    old = [" ".join(rng.choices(WORDS, k=12)) + f" {k}" for k in range(400)]
    old[10] = "Consular queries:\xa0 \xa0 \n+44 (0) 203 161 8868"  # odd: short lines
    old[20] = "Two  spaces\xa0inside, one paragraph"  # odd: a double space
    new = list(old)
    new[200] = "A new paragraph in the middle"
    del new[300]
    new.insert(50, new.pop(350))  # moved up
    got = []
    real = engine.block_texts_pair

    def keep(a, b):
        got.append(real(a, b))
        return got[-1]

    monkeypatch.setattr(engine, "block_texts_pair", keep)
    store = _store(tmp_path, old, new)
    done = tracker("diff", "first", "latest", "--store", store, "--format", "json")
    kinds = sorted(c["kind"] for c in done.json()["changes"])
    assert kinds == ["added", "moved", "removed", "removed"]
    (old_texts, new_texts), = got
    assert (old_texts, new_texts) == (
        block_texts("\n\n".join(old) + "\n"),
        block_texts("\n\n".join(new) + "\n"),
    )
    mine = {id(t) for t in old_texts}
    shared = [t for t in new_texts if id(t) in mine]
    assert len(shared) == len(new_texts) - 1  # all but the added paragraph
    assert "Consular queries:" in new_texts[10] and new_texts[10] is old_texts[10]


def test_no_cycle_collection_runs_inside_the_differ(tmp_path):
    """A large diff allocates containers by the ten thousand (an index pair per matched
    block): each collection then walks the page-sized lists, a fifth of a 10 MB diff's time.
    The differ makes no reference cycles, so the collector waits until the report is made;
    it is on again afterwards."""
    import gc
    import sys
    from pathlib import Path

    from tracker.differ import engine

    differ = str(Path(engine.__file__).parent)
    rng = random.Random(5)
    old = [" ".join(rng.choices(WORDS, k=8)) + f" {k}" for k in range(20_000)]
    new = [p + " (revised)" if k % 97 == 0 else p for k, p in enumerate(old)]
    store = _store(tmp_path, old, new)
    inside: list[str] = []

    def watch(phase, info):
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_filename.startswith(differ):
                inside.append(frame.f_code.co_name)
                return
            frame = frame.f_back

    gc.callbacks.append(watch)
    try:
        done = tracker("diff", "first", "latest", "--store", store, "--format", "json")
    finally:
        gc.callbacks.remove(watch)
    assert len(done.json()["changes"]) == 207
    assert inside == []
    assert gc.isenabled()


def test_the_json_report_is_json_dumps_output_without_its_python_encoder(tmp_path, monkeypatch):
    """With an indent, `json.dumps` falls back to its pure-Python encoder (a tenth of a 10 MB
    diff's time): the report is written by tracker.history.jsontext instead, the very bytes
    `json.dumps(…, ensure_ascii=False, indent=2)` writes."""
    import json
    import json.encoder

    old = ["Préface  “quoted”\ttext", "Phone: +44 20 7946 0000", "Line\u2028sep", "Kept"]
    new = ["Préface  “quoted” other text", "Phone: +44 20 7946 0001", "Added 😀 \"q\" \\"]
    store = _store(tmp_path, old + ["Kept"] * 3, new + ["Kept"] * 3)

    def refuse(*args, **kwargs):
        raise AssertionError("json's pure-Python encoder was used")

    with monkeypatch.context() as m:
        m.setattr(json.encoder, "_make_iterencode", refuse)
        done = tracker("diff", "first", "latest", "--store", store, "--format", "json")
    assert done.code in (0, 1), done.err
    doc = json.loads(done.out)
    assert len(doc["changes"]) >= 3
    assert done.out == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def reference_indexed(olds, news, words_old, words_new):
    """Every pair sharing a word found in at most COMMON_WORD old blocks, scored in full (as
    in tests/test_differ_fast.py)."""
    index = defaultdict(list)
    for i in olds:
        for w in words_old[i]:
            index[w].append(i)
    found = []
    for j in news:
        shared = {
            i
            for w in words_new[j]
            if len(index.get(w, ())) <= pairing.COMMON_WORD
            for i in index.get(w, ())
        }
        for i in shared:
            inter = len(words_old[i] & words_new[j])
            score = inter / (len(words_old[i]) + len(words_new[j]) - inter)
            if score >= pairing.SIMILAR:
                found.append((score, i, j))
    return sorted(found)


WORDS_MANY = st.lists(
    st.frozensets(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=1, max_size=14),
    min_size=30,
    max_size=120,
)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(WORDS_MANY, WORDS_MANY, st.sampled_from([0, 8, pairing.MANY]), st.sampled_from([0, 26]))
def test_candidates_scored_at_once_are_the_pairs_scored_one_by_one(olds, news, many, words):
    """Many candidates for a new block: scored together in C (word bits; one by one when the
    vocabulary is too large for bits), the long index lists cut to the blocks of half to twice
    its size; the same pairs as the full comparison."""
    words_old = {i: set(w) for i, w in enumerate(olds)}
    words_new = {j: set(w) for j, w in enumerate(news)}
    with patch.object(pairing, "MANY", many), patch.object(pairing, "MANY_WORDS", words):
        got = pairing._indexed_pairs(
            list(words_old), list(words_new), words_old, words_new, None, None
        )
    assert sorted(got) == reference_indexed(
        list(words_old), list(words_new), words_old, words_new
    )


def test_a_paragraph_edited_in_place_costs_the_alignment_no_search(tmp_path, monkeypatch):
    """Most gaps of a large page that changed here and there are one block on each side (a
    paragraph edited in place): unequal, else they would have matched, so there is nothing
    to look for in them, neither unique anchors nor difflib's longest match."""
    from tracker.differ import align

    rng = random.Random(9)
    old = [" ".join(rng.choices(WORDS, k=10)) + f" {k}" for k in range(300)]
    new = [p.replace(" ", " edited ", 1) if k % 30 == 7 else p for k, p in enumerate(old)]
    store = _store(tmp_path, old, new)
    searched: list[tuple[int, int]] = []
    for name in ("_unique_anchors", "_fallback"):
        real = getattr(align, name)

        def counting(ai, bi, alo, ahi, blo, bhi, real=real):
            searched.append((ahi - alo, bhi - blo))
            return real(ai, bi, alo, ahi, blo, bhi)

        monkeypatch.setattr(align, name, counting)
    done = tracker("diff", "first", "latest", "--store", store, "--format", "json")
    changes = done.json()["changes"]
    assert [c["kind"] for c in changes] == ["rewritten"] * 10
    assert (1, 1) not in searched
    assert len(searched) == 1  # the page (between its kept head and tail), once


class _Counting(dict):
    """A block's word set, counted each time it is read."""

    reads = 0

    def __getitem__(self, key):
        _Counting.reads += 1
        return super().__getitem__(key)


def test_only_candidates_that_reach_similar_are_read_one_by_one():
    """400 old blocks sharing rare words with each new block: every candidate used to be
    scored by a Python step (its word set read, intersected); now they are scored together,
    and a word set is read once for its bits plus once per candidate that reaches SIMILAR."""
    rng = random.Random(4)
    vocab = [f"w{k}" for k in range(300)]
    olds = {i: set(rng.sample(vocab, 12)) for i in range(400)}
    news = {j: set(rng.sample(vocab, 12)) for j in range(60)}
    news[0] = set(olds[5])  # one sure pair
    counted = _Counting(olds)
    _Counting.reads = 0
    got = pairing._indexed_pairs(list(olds), list(news), counted, news, None, None)
    assert sorted(got) == reference_indexed(list(olds), list(news), olds, news)
    assert (1.0, 5, 0) in got
    # read for the word counts, the prefix index, the sizes and the bits, then once a pair
    assert _Counting.reads <= 4 * len(olds) + len(got)


def test_a_large_capture_is_told_no_error_page_without_copying_it():
    """`strip` copies a text that ends with a newline (most do): a 10 MB capture was copied
    twice per diff to find it longer than an error page can be. Its length without the spaces
    at its ends is read from those ends; short texts are read as before."""
    from tracker.capture.errorpage import error_reason

    stripped: list[int] = []

    class Watched(str):
        def strip(self, *args):
            stripped.append(len(self))
            return super().strip(*args)

    page = Watched("\n  " + "A real page about access denied and much else. " * 2000 + "\n")
    assert error_reason({}, page) is None
    assert stripped == []
    assert error_reason({}, Watched("\n Access denied \n" + " " * 5000)) == "access denied"
    assert error_reason({}, Watched(" \n" * 4000)) is None
    assert stripped  # short or blank: read whole, as before
