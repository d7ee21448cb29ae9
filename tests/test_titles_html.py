"""A change is titled by the heading it sits under: on an HTML page, its own `<h1>`-`<h6>`,
not a date line under the title ("Publié le 5 mai 2024") nor a table row ("Passeport | 86,00
€"); a bold paragraph shaped like a heading is one. On a text capture, a date line or a table
row is no heading either, and a title above its date line still heads the text below. Pages:
tests/pages/titles/passeport-*.html, bulletin-*.html, tests/texts/de_buergeramt_*.txt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import tracker

from tracker.differ.news import block_titles
from tracker.differ.segment import Blocks

TESTS = Path(__file__).parent


def _titles(tmp_path: Path, before: Path, after: Path) -> dict[str, str | None]:
    store = str(tmp_path / "store")
    for at, page in (("2024-05-06T08:00Z", before), ("2024-05-07T08:00Z", after)):
        r = tracker("import", "--store", store, "--source", "p", "--at", at, str(page))
        assert r.code == 0, r.err
    assert tracker("check", "--store", store).code == 1
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    return {c["kind"]: c["title"] for c in doc["changes"]}


def test_html_changes_are_titled_by_the_pages_own_headings(tmp_path):
    pages = TESTS / "pages" / "titles"
    titles = _titles(tmp_path, pages / "passeport-before.html", pages / "passeport-after.html")
    assert titles == {
        "rewritten": "Demandes de passeport",  # the <h1>, not the date line under it
        "counter": "Tarifs consulaires",  # the <h2>, not the table's header row
        "contact": "Tarifs consulaires",  # the phone below the table: not its last row
    }


def test_bold_paragraphs_shaped_like_headings_are_headings(tmp_path):
    """`<p><strong>Roads and bridges</strong></p>`, as many pages write a heading; a bold
    sentence or a bold link is no heading."""
    pages = TESTS / "pages" / "titles"
    store = str(tmp_path / "store")
    for at, side in (("2024-03-14T10:00Z", "before"), ("2024-03-14T16:00Z", "after")):
        page = str(pages / f"bulletin-{side}.html")
        assert tracker("import", "--store", store, "--source", "p", "--at", at, page).code == 0
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    titles = [(c["kind"], c["title"]) for c in doc["changes"]]
    assert titles == [
        ("counter", "Shelters"),
        ("rewritten", "Roads and bridges"),
        ("rewritten", "Roads and bridges"),  # under the bold sentence, not titled by it
    ]
    assert 'A38 [-closed-]{+reopened+} at Kingsbridge  under "Roads and bridges"' in (
        tracker("diff", "--store", store).out
    )


def test_text_changes_skip_date_lines_and_table_rows(tmp_path):
    texts = TESTS / "texts"
    titles = _titles(
        tmp_path, texts / "de_buergeramt_before.txt", texts / "de_buergeramt_after.txt"
    )
    assert set(titles.values()) == {"Reisepass und Personalausweis"}


@pytest.mark.parametrize(
    "line",
    [
        "Publié le 5 mai 2024",
        "Veröffentlicht am 5. Mai 2024",
        "Last updated on 3 June 2023, 09:20",
        "Опубликовано 5 мая 2024",
        "Certidão | 12,50 €",
        "ID-kaart | € 77,85",
    ],
)
def test_date_lines_and_table_rows_are_no_headings(line):
    texts = [line, "A much longer paragraph follows here, long enough to be a section's text."]
    assert block_titles(Blocks(texts), [1]) == {1: (None, None)}


def test_a_heading_with_words_and_a_date_is_still_a_heading():
    texts = [
        "Results of the 5 May 2024 elections",
        "The turnout was 41 per cent, up from 35 per cent four years ago, the council said.",
    ]
    assert block_titles(Blocks(texts), [1]) == {1: (None, texts[0])}
