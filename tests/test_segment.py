"""Normalisation and segmentation: what counts as the same text, and where blocks begin."""

from __future__ import annotations

from tracker.differ import normalize, segment
from tracker.differ.normalize import clean
from tracker.differ.segment import block_texts

HEADER = "20 September 2021\nMoscow: 10:59\nLondon: 08:59\n\nConsular queries:\xa0 \xa0 \n"


def test_clean_spaces_and_blank_lines():
    raw = "Cafe\u0301\u00a0 au  lait  \r\n\n\n\n  next\u2009line\t \n"
    assert clean(raw) == "Café au lait\n\nnext line"


def test_short_line_paragraph_is_one_block_per_line():
    assert block_texts(HEADER) == [
        "20 September 2021",
        "Moscow: 10:59",
        "London: 08:59",
        "Consular queries:",
    ]


def test_side_by_side_items_are_separate_blocks():
    line = "1296 days have passed since A" + "\xa0 " * 200 + "1288 days have passed since B"
    assert block_texts(line) == ["1296 days have passed since A", "1288 days have passed since B"]
    # three spaces are an ordinary (collapsed) space, not a column gap
    assert block_texts("one   two") == ["one two"]


def test_long_line_paragraph_stays_one_block():
    para = "x" * 60 + "\n" + "y" * 10
    assert block_texts(para) == [para]


def test_canonical_form_round_trips():
    raw = HEADER + "\n\n\nA long paragraph " * 3 + "\n\n" + "col one     col two\n"
    once = normalize(raw)
    assert once == "\n\n".join(b.text for b in segment(raw))
    assert normalize(once) == once
    assert block_texts(once) == block_texts(raw)


def test_block_fields():
    b = segment("There are 1,296 days\n\n16.04.2018\n\nA title for the item")[0]
    assert b.index == 0 and b.masked == "There are # days"
    assert len(b.fingerprint) == 16 and b.fingerprint == segment(b.text)[0].fingerprint
    assert b.masked_fingerprint == segment("There are 7 days")[0].masked_fingerprint
    assert "item_date" in segment("16.04.2018")[0].hints
    assert segment("20.05.2022 - Title here")[0].item_title == "Title here"


def test_empty_text_has_no_blocks():
    assert segment("") == [] and segment(" \n\xa0\n") == []
