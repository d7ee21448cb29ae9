"""Say which one (issue #9, point 7): every change carries the heading or item it sits under,
and a collapsed group lists its paragraphs (the first few, `--full` for all)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import make_store, tracker

from tracker.capture.html import html_to_text
from tracker.differ import diff, normalize, rebuild
from tracker.differ.news import block_titles
from tracker.differ.segment import Blocks

PAGES = Path(__file__).parent / "pages" / "titles"


def _store(tmp_path: Path, name: str) -> str:
    store = str(tmp_path / "snaps")
    for when, side in (("2025-01-05T10:00:00Z", "before"), ("2025-02-05T10:00:00Z", "after")):
        r = tracker("import", "--store", store, "--source", "p", "--at", when,
                    str(PAGES / f"{name}-{side}.html"))
        assert r.code == 0, r.err
    return store


def test_one_of_twenty_download_links_removed_says_under_which_heading(tmp_path):
    store = _store(tmp_path, "publications")
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    blocks = [c for c in doc["changes"] if c["kind"] not in ("link", "image")]
    assert [(c["kind"], c["old"], c["title"]) for c in blocks] == [
        ("removed", "Download", "Annual report 2019")
    ]
    text = tracker("diff", "--store", store).out
    assert '- Download  under "Annual report 2019"' in text
    md = tracker("diff", "--store", store, "--format", "markdown").out
    assert 'Download _under "Annual report 2019"_' in md
    check = tracker("check", "--store", store)
    assert check.code == 1
    assert '- removed: Download under "Annual report 2019"' in check.out


def test_a_collapsed_group_lists_its_first_paragraphs_and_full_lists_all(tmp_path):
    store = _store(tmp_path, "tarifs")
    text = tracker("diff", "--store", store).out
    assert '- Entrée adulte, valable une journée  under "Piscine municipale" (6 paragraphs)' in text
    assert "      Carte de dix entrées enfant, sans date limite" in text
    assert "Abonnement trimestriel" not in text and "+2 more (--full for all)" in text
    assert '~ Gratuit pour les enfants' in text and 'under "Médiathèque"' in text
    full = tracker("diff", "--store", store, "--full").out
    assert "      Leçon de natation individuelle de trente minutes" in full
    assert "more (--full" not in full
    md = tracker("diff", "--store", store, "--format", "markdown").out
    assert "  - Carte de dix entrées enfant, sans date limite" in md
    assert "  - _+2 more (--full for all)_" in md
    check = tracker("check", "--store", store, "--format", "markdown", "--full")
    assert check.code == 1 and "  - Leçon de natation individuelle de trente minutes" in check.out


def test_every_change_has_a_title_in_json(tmp_path):
    store = make_store(tmp_path)
    doc = json.loads(tracker("diff", "2021-09-20", "2021-10-26", "--store", str(store),
                             "--format", "json").out)
    assert all("title" in c for c in doc["changes"])
    heading = [c for c in doc["changes"] if c["old"] == "PRESS RELEASES AND NEWS"]
    assert heading[0]["title"] == "PRESS RELEASES AND NEWS"


@pytest.mark.parametrize(
    "texts, expected",
    [
        # a short line before a longer paragraph, in any language
        (["Piscine municipale", "La piscine est ouverte toute l’année, sauf en septembre.",
          "Entrée adulte"], "Piscine municipale"),
        (["Телефоны для справок", "Оперативный дежурный отвечает круглосуточно, без выходных.",
          "Пресс-служба"], "Телефоны для справок"),
        (["## Gebühren", "kurz", "Download"], "Gebühren"),  # a Markdown heading
        (["FEES AND CHARGES", "x", "Download"], "FEES AND CHARGES"),  # an upper-case line
    ],
)
def test_headings_are_found_on_text(texts, expected):
    titles = block_titles(Blocks(texts), [len(texts) - 1])
    assert titles[len(texts) - 1] == (None, expected)


@pytest.mark.parametrize(
    "line",
    ["3 February 2023", "info@example.org", "Tel. 020 7946 0958 12", "Nous contacter."],
)
def test_not_headings(line):
    texts = [line, "A much longer paragraph follows here, long enough to be a section's text."]
    assert block_titles(Blocks(texts), [0, 1]) == {0: (None, None), 1: (None, None)}


def test_news_items_end_at_an_upper_case_heading():
    texts = ["20.05.2022 - Embassy statement", "Text of the statement, long enough to read.",
             "LATEST EVENTS", "More text under the events heading, long enough too."]
    assert block_titles(Blocks(texts), range(4)) == {
        0: ("Embassy statement", None),
        1: ("Embassy statement", None),
        2: (None, "LATEST EVENTS"),
        3: (None, "LATEST EVENTS"),
    }


def test_titles_take_one_pass_over_the_page():
    """Issue #12: each block is read at most once, however many changes there are (the title
    search walked back from every change before)."""
    texts = [t for i in range(200) for t in (f"Section {i}", f"{'Some longer text ' * 4}{i}")]

    class Counted(list):
        reads = 0

        def __getitem__(self, i):
            Counted.reads += 1
            return super().__getitem__(i)

    blocks = Blocks(Counted(texts))
    titles = block_titles(blocks, range(len(texts)))
    assert Counted.reads <= 2 * len(texts)  # each block, and the one after it for a heading
    assert titles[len(texts) - 1] == (None, "Section 199") and titles[1] == (None, "Section 0")
    Counted.reads = 0
    titles = block_titles(blocks, range(0, len(texts), 7))  # fewer changes: no more reading
    assert Counted.reads <= 2 * len(texts)


@pytest.mark.parametrize("before", sorted(PAGES.glob("*-before.html")), ids=lambda p: p.name)
def test_report_is_complete_on_the_title_pages(before: Path):
    after = before.with_name(before.name.replace("-before", "-after"))
    old, new = html_to_text(before.read_bytes()), html_to_text(after.read_bytes())
    for a, b in ((old, new), (new, old)):
        report = diff(a, b)
        assert rebuild(a, report) == normalize(b)


def test_a_block_in_a_news_item_is_named_by_its_item_not_a_heading_further_up():
    """What the differ asks for: a block of a news item is named by the item; the walk to a
    heading above the item's head (the long part of the reading) is not made."""
    texts = ["Press releases", "20.05.2022 - Embassy statement",
             "Text of the statement, long enough to read as a paragraph."]
    assert block_titles(Blocks(texts), [2]) == {2: ("Embassy statement", None)}
