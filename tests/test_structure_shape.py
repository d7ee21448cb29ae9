"""The raw structure beside a page's text has one shape (STRUCTURE_VERSION names it, the cache
keeps it): `resolve_structure` reads every key without fallbacks. And a title's reason is read
back from the one map of the title pattern's groups (`errorpage._GROUPS`)."""

from __future__ import annotations

import pytest

from tracker.capture import errorpage
from tracker.capture.html import extract_structure, html_structure, selected_structure

URL = "https://example.org/p"
KEYS = {"aside", "base", "links", "images", "chrome", "headings", "bold", "lang"}
PAGES = [
    "<html><body><p>Hi</p><a href='/x'><img src='a.png'></a></body></html>",
    "<html lang='de'><head><base href='https://example.de/a/'></head><body><nav><a href='/'>"
    "Home</a></nav><h1>Title</h1><p><b>Bold</b></p><aside><p>Aside</p></aside></body></html>",
    "<html><body></body></html>",
]


@pytest.mark.parametrize("page", PAGES)
def test_every_raw_structure_has_every_key(page, tmp_path):
    assert set(extract_structure(page)[1]) == KEYS
    for _ in range(2):  # extracted, then read back from the disk cache
        made = html_structure(page.encode(), url=URL, cache_dir=tmp_path)
        chosen = selected_structure(page.encode(), None, (), (), url=URL, cache_dir=tmp_path)
        assert made == chosen
    assert sorted(p.name for p in tmp_path.rglob("*.json"))


def test_a_link_no_paragraph_follows_has_no_context():
    links = html_structure(PAGES[0].encode(), url=URL).links
    assert [(link.href, link.context) for link in links] == [("https://example.org/x", None)]


@pytest.mark.parametrize(
    "title, reason",
    [
        ("Page not found", "not found"),
        ("Access denied", "access denied"),
        ("Service unavailable", "service unavailable"),
        ("Seite existiert nicht mehr", "gone"),
    ],
)
def test_a_titles_reason_is_its_groups(title, reason):
    assert errorpage.text_reason(title) == reason
    assert set(errorpage._GROUPS.values()) == set(errorpage._TITLES)
    assert all(group.isidentifier() for group in errorpage._GROUPS)
