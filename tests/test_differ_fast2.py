"""The second round of fast paths gives exactly what the code they replaced gave: each checked
against that code (kept here as a reference) on random input."""

from __future__ import annotations

import re
from itertools import chain, count

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.differ import align as align_mod
from tracker.differ import contacts, engine
from tracker.differ.align import align
from tracker.differ.normalize import _SPACES, _ZERO_WIDTH, _has
from tracker.differ.segment import odd_chunks

SETTINGS = settings(max_examples=400, deadline=None)

# phone-ish and paragraph-ish pieces, so random text hits every branch
PHONE_PIECES = st.sampled_from(
    [
        "+",
        "(",
        ")",
        "+(",
        "(+",
        "1",
        "44",
        "203",
        "161 8868",
        " ",
        "-",
        ".",
        "/",
        "\t",
        "a",
        "tel. ",
        "20.09.2017",
        "0",
        "12345678",
    ]
)
PHONE_TEXT = st.lists(PHONE_PIECES, max_size=30).map("".join)
CHUNK = st.lists(st.sampled_from(["a", " ", "  ", "\n", "x" * 3, "\xa0"]), max_size=8).map("".join)

_OLD_RUN = re.compile(r"\+?\(?\d[\d \t().\-/]{6,}")


def reference_windows(text: str) -> list[tuple[str, int]]:
    """`windows_at` as it was: one regex with the optional "+" and "(" in front, and every
    run's dates cut out (without the hint that spares most runs the search), a window's
    context not reaching back into a date."""
    out = []
    for run in _OLD_RUN.finditer(text):
        pieces, start = [], run.start()
        tail = min(len(text), run.end() + contacts._CLOCK_TAIL)
        for date in contacts._date_in_run().finditer(text, run.start(), tail):
            if date.start() >= run.end():
                break
            if date.start() > start:
                pieces.append((start, date.start()))
            start = date.end()
        if start < run.end():
            pieces.append((start, run.end()))
        for a, b in pieces:
            digits = text[a:b].rstrip(" \t().-/")
            if sum(map(str.isdigit, digits)) >= 7 and not contacts._DATE_LIKE.fullmatch(digits):
                lo = max(0 if a == run.start() else a, a - contacts._CONTEXT)
                out.append((text[lo : a + len(digits)], lo))
    return out


@pytest.mark.slow
@SETTINGS
@given(PHONE_TEXT)
def test_windows_at_matches_single_regex_reference(text):
    assert contacts.windows_at(text) == reference_windows(text)


def test_windows_at_keeps_plus_and_bracket_in_front():
    text = "Tel.: +(0) 203 161 8868; fax (020) 7229 3628"
    assert contacts.windows_at(text) == reference_windows(text)
    assert [w for w, _ in contacts.windows_at(text)] == [
        "l.: +(0) 203 161 8868",
        "fax (020) 7229 3628",
    ]


def reference_odd(chunks: list[str]) -> list[int]:
    return [k for k, c in enumerate(chunks) if not c or "\n" in c or "  " in c or c.strip(" ") != c]


@pytest.mark.slow
@SETTINGS
@given(st.lists(CHUNK, min_size=1, max_size=12))
def test_odd_chunks_is_every_paragraph_not_one_clean_line(chunks):
    assert odd_chunks(chunks) == reference_odd(chunks)


@SETTINGS
@given(
    st.lists(
        st.sampled_from(["a", " ", "\u2000", "\u3000", "\u2009", "\xa0", "\u200b"]), max_size=20
    )
)
def test_has_is_in(chars):
    text = "".join(chars) + "\u0100"  # a non-Latin-1 text, as on the slow path
    for ch in _SPACES + _ZERO_WIDTH:
        assert _has(text, ch) == (ch in text)


def reference_align(a, b):
    """`align` with a distinct id for every key, new-only keys included."""
    ids = dict(zip(dict.fromkeys(chain(a, b)), count()))
    ai, bi = list(map(ids.__getitem__, a)), list(map(ids.__getitem__, b))
    return align(ai, bi)


KEYS = st.lists(st.sampled_from("abcdefghij"), max_size=40)


@pytest.mark.slow
@SETTINGS
@given(KEYS, KEYS)
def test_align_with_new_only_keys_collapsed_is_align_with_distinct_ids(a, b):
    assert align(a, b) == reference_align(a, b)


def test_align_fallback_ignores_new_only_keys():
    a = ["x", "y", "x", "y"]
    b = ["p", "x", "q", "y", "r", "x", "y", "s"]
    assert align(a, b) == reference_align(a, b)
    assert align_mod.FALLBACK_LIMIT >= len(a) * len(b)


def reference_insert_at(matches, n_old):
    insert_at = [0] * (n_old + 1)
    k = nxt = 0
    for i in range(n_old):
        while k < len(matches) and matches[k][0] < i:
            nxt = matches[k][1] + 1
            k += 1
        insert_at[i] = nxt
    return insert_at


@pytest.mark.slow
@SETTINGS
@given(KEYS, KEYS)
def test_ordered_places_removed_blocks_as_the_linear_scan_did(a, b):
    matches = align(a, b)
    want = reference_insert_at(matches, len(a))
    changes = [engine.Change("removed", old_block=i) for i in range(len(a))]
    got = engine._ordered(changes, matches, len(b))
    assert [c.old_block for c in got] == sorted(range(len(a)), key=lambda i: (want[i], i))


@pytest.mark.slow
@SETTINGS
@given(KEYS, KEYS)
def test_changed_blocks_are_the_unmatched_ones(a, b):
    matches = align(a, b)
    between = align_mod.gaps(matches, len(a), len(b))
    old, new = engine._changed(a, b, matches, between, masked=False)
    assert old == sorted(set(range(len(a))) - {i for i, _ in matches})
    assert new == sorted(set(range(len(b))) - {j for _, j in matches})
