"""The differ's fast paths give exactly what the plain algorithms give: checked against small
reference implementations (the code they replaced) on random input."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.differ import contacts, segment
from tracker.differ.align import _longest_increasing
from tracker.differ.normalize import _lines
from tracker.differ.pairing import COMMON_WORD, SIMILAR, _indexed_pairs
from tracker.differ.reuse import block_texts_pair
from tracker.differ.segment import SHORT_LINE, Blocks, block_texts

# characters that normalisation cares about, so random text hits every branch
PIECES = st.sampled_from(
    [
        "a",
        "Word",
        " ",
        "  ",
        "    ",
        "\n",
        "\n\n",
        "\n\n\n",
        "\r\n",
        "\t",
        "\xa0",
        "\u200b",
        "e\u0301",
        "\u0301",
        "\xa0\u0308",
        "\x0b",
        "\u2009",
        "x" * 60,
        "12:30",
        "16.04.2018",
    ]
)
TEXT = st.lists(PIECES, max_size=40).map("".join)
SETTINGS = settings(max_examples=400, deadline=None)


def reference_block_texts(text: str) -> list[str]:
    """The segmentation before the paragraph fast path: one Python step per line."""
    out = []
    for para in _lines(text).split("\n\n"):
        para = para.strip("\n")
        if not para:
            continue
        lines = para.split("\n")
        if len(lines) > 1 and max(map(len, lines)) <= SHORT_LINE:
            out.extend(lines)
        else:
            out.append(para)
    return out


@pytest.mark.slow
@SETTINGS
@given(TEXT)
def test_block_texts_matches_line_by_line_reference(text):
    assert block_texts(text) == reference_block_texts(text)


@pytest.mark.slow
@SETTINGS
@given(TEXT, st.lists(st.tuples(st.integers(0, 40), TEXT), max_size=4))
def test_block_texts_pair_is_both_segmentations(old, edits):
    new = old
    for at, piece in edits:
        new = new[:at] + piece + new[at:]
    assert block_texts_pair(old, new) == (block_texts(old), block_texts(new))


def test_block_texts_pair_reuses_odd_paragraphs_exactly():
    old = "A  b\n\nshort\nlines\n\n x \n\nplain"
    new = "plain\n\nA  b\n\nnew  one\n\nshort\nlines"
    assert block_texts_pair(old, new) == (block_texts(old), block_texts(new))
    assert block_texts_pair(old, new)[1] == ["plain", "A b", "new one", "short", "lines"]


def test_lazy_blocks_are_the_segmented_blocks():
    text = "20.05.2022 - Title\n\nThere are 1,296 days\n\nLONDON"
    blocks = Blocks(block_texts(text))
    plain = segment(text)
    assert len(blocks) == len(plain) == 3
    for lazy, full in zip(blocks, plain, strict=True):
        assert (lazy.index, lazy.text, lazy.masked, lazy.hints, lazy.item_title) == (
            full.index,
            full.text,
            full.masked,
            full.hints,
            full.item_title,
        )
    assert blocks[-1] is blocks[2]  # built once


def reference_lis(seq):
    tails, tail_at, back = [], [], [-1] * len(seq)
    for k, (_, j) in enumerate(seq):
        n = bisect_left(tails, j)
        if n:
            back[k] = tail_at[n - 1]
        if n == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[n] = j
            tail_at[n] = k
    out, k = [], tail_at[-1] if tail_at else -1
    while k >= 0:
        out.append(seq[k])
        k = back[k]
    return out[::-1]


@SETTINGS
@given(st.permutations(range(30)), st.integers(0, 30))
def test_longest_increasing_matches_plain_patience(perm, cut):
    js = list(perm[:cut]) + sorted(perm[cut:])  # shuffled head, ordered tail: both paths run
    is_ = list(range(100, 100 + len(js)))
    assert _longest_increasing(is_, js) == reference_lis(list(zip(is_, js, strict=True)))


def reference_indexed(olds, news, words_old, words_new):
    """Every pair sharing a word found in at most COMMON_WORD old blocks, scored in full."""
    index = defaultdict(list)
    for i in olds:
        for w in words_old[i]:
            index[w].append(i)
    found = []
    for j in news:
        shared = {
            i
            for w in words_new[j]
            if len(index.get(w, ())) <= COMMON_WORD
            for i in index.get(w, ())
        }
        for i in shared:
            inter = len(words_old[i] & words_new[j])
            score = inter / (len(words_old[i]) + len(words_new[j]) - inter)
            if score >= SIMILAR:
                found.append((score, i, j))
    return sorted(found)


WORDSETS = st.lists(st.frozensets(st.sampled_from("abcdefghij"), max_size=8), max_size=12)


@pytest.mark.slow
@SETTINGS
@given(WORDSETS, WORDSETS)
def test_prefix_filtered_pairs_match_full_comparison(olds, news):
    words_old = {i: set(w) for i, w in enumerate(olds)}
    words_new = {j: set(w) for j, w in enumerate(news)}
    got = _indexed_pairs(list(words_old), list(words_new), words_old, words_new, None, None)
    assert sorted(got) == reference_indexed(list(words_old), list(words_new), words_old, words_new)


def test_common_words_propose_no_pairs_with_prefix_filtering():
    # "the" is in more than COMMON_WORD old blocks: a pair sharing only it is no candidate
    words_old = {i: {"the", f"w{i}"} for i in range(COMMON_WORD + 1)}
    words_new = {0: {"the", "zzz"}, 1: {"the", "w3"}}
    got = _indexed_pairs(list(words_old), [0, 1], words_old, words_new, None, None)
    assert sorted(got) == reference_indexed(list(words_old), [0, 1], words_old, words_new)
    assert got and all(j == 1 for _, _, j in got)


def test_find_with_given_windows_is_find():
    text = "Call +44 (0) 203 161 8868 or tel. 020 7229 3628, info@rusemb.org.uk, 20.09.2017"
    ws = contacts.windows_at(text)
    assert [w for w, lo in ws] == [text[lo : lo + len(w)] for w, lo in ws], ws
    assert ["+44 (0) 203 161 8868" in ws[0][0], "020 7229 3628" in ws[1][0]] == [True, True], ws
    assert contacts.find(text, "GB", None, ws) == contacts.find(text, "GB")
    assert contacts.windows_at("no phone 123 456") == []
