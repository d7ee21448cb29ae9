"""A heading inside page chrome (nav, footer) or an aside titles only what it holds: a content
change below it carries the nearest heading of the content (or none), never "Main menu",
"Related pages" or "Schnellzugriff"; a change inside the aside or the footer keeps its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import page_pairs_store, source_changes, tracker

PAGES = Path(__file__).parent / "pages" / "chrome-headings"
NAMES = ["council-en", "sperrmuell-de", "mediatheque-fr"]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return page_pairs_store(tmp_path_factory.mktemp("chrome-headings") / "snaps", PAGES, NAMES)


@pytest.mark.parametrize(
    "name, titles",
    [
        # the notice sits under the page's h1; the body after the sidebar too, not under the
        # sidebar's "Related pages" nor the menu's "Main menu"
        ("council-en", ["Planning applications"] * 3),
        # no heading of its own content: none, not "Schnellzugriff" nor "Navigation"
        ("sperrmuell-de", [None] * 3),
        # the aside's notice under the aside's heading, the text after it under the page's,
        # the footer's address under the footer's
        ("mediatheque-fr", ["À noter", "Médiathèque municipale", "Nous écrire", "Nous écrire"]),
    ],
)
def test_headings_of_chrome_and_asides_title_only_what_they_hold(store, name, titles):
    assert [c.get("title") for c in source_changes(store, name)] == titles


def test_the_text_report_names_no_chrome_heading(store):
    out = tracker("diff", "--store", str(store), "--source", "council-en").out
    assert 'under "Planning applications"' in out
    assert "Main menu" not in out and "Related pages" not in out


def test_a_link_after_an_aside_is_titled_by_the_content_heading():
    """Links and images carry the heading they sit under too: the aside's heading titles the
    aside's own links, and the content's heading is back once the aside closes."""
    from tracker.capture.html import extract_structure

    html = (PAGES / "mediatheque-fr-before.html").read_text(encoding="utf-8")
    html = html.replace("printemps.", 'printemps. <a href="/agenda">Agenda</a>')
    html = html.replace("commune.</p>", 'commune. <a href="/inscription">Inscription</a></p>')
    _, raw = extract_structure(html)
    titles = {link["text"]: link["title"] for link in raw["links"]}
    assert titles["Agenda"] == "À noter"
    assert titles["Inscription"] == "Médiathèque municipale"
