"""Block alignment: patience over hashes, and the gaps it leaves."""

from __future__ import annotations

import random

from tracker.differ.align import align, gaps


def _valid(a, b, m):
    assert all(a[i] == b[j] for i, j in m)
    assert all(x[0] < y[0] and x[1] < y[1] for x, y in zip(m, m[1:], strict=False))


def test_unique_anchors_survive_a_move():
    a = ["h", "A", "B", "C", "D", "f"]
    b = ["h", "B", "C", "D", "A", "f"]
    m = align(a, b)
    _valid(a, b, m)
    assert [a[i] for i, _ in m] == ["h", "B", "C", "D", "f"]  # only A is left over: it moved
    assert gaps(m, len(a), len(b)) == [(1, 2, 1, 1), (5, 5, 4, 5)]


def test_duplicates_only_fall_back_to_difflib():
    a = ["x", "y", "x", "y"]
    b = ["x", "x", "y", "y"]
    m = align(a, b)
    _valid(a, b, m)
    assert len(m) == 3


def test_random_sequences_give_valid_matches():
    rng = random.Random(7)
    for _ in range(500):
        a = [rng.choice("abcdefg") for _ in range(rng.randint(0, 25))]
        b = [rng.choice("abcdefg") for _ in range(rng.randint(0, 25))]
        m = align(a, b)
        _valid(a, b, m)
        covered_a = {i for i, _ in m} | {i for g in gaps(m, len(a), len(b)) for i in range(*g[:2])}
        assert covered_a == set(range(len(a)))


def test_large_mostly_equal_sequence():
    a = [f"block {i}" for i in range(50_000)]
    b = list(a)
    del b[100]
    b.insert(40_000, "new")
    m = align(a, b)
    assert len(m) == 49_999
