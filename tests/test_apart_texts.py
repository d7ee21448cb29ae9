"""Chrome and asides lie apart from a page's content by one rule (`media._only_inside`): a
block is apart only when every occurrence of its text on the page lies inside them."""

from __future__ import annotations

import pytest

from tracker.differ.media import apart_texts, chrome_texts
from tracker.models import PageStructure

TEXTS = ["Menu", "Contact us", "Article body", "Related stories", "Contact us", "Weather"]


@pytest.mark.parametrize("part", ["chrome", "aside"])
def test_a_text_also_in_the_content_is_not_apart(part):
    page = PageStructure(**{part: ("Menu\n\nContact us", "Related stories")})
    chrome = chrome_texts(page, TEXTS)
    apart = apart_texts(page, TEXTS, chrome)
    assert apart == {"Menu", "Related stories"}  # "Contact us" is also in the content
    assert chrome == (apart if part == "chrome" else set())


def test_asides_add_to_the_chrome():
    page = PageStructure(chrome=("Menu",), aside=("Related stories\n\nWeather",))
    assert apart_texts(page, TEXTS, chrome_texts(page, TEXTS)) == {
        "Menu",
        "Related stories",
        "Weather",
    }
    assert apart_texts(None, TEXTS, frozenset()) == chrome_texts(None, TEXTS) == set()
