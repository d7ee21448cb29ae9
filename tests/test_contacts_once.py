"""Contacts: a page's address and its language tag name a country by one check
(`contacts._country`), and a changed block is folded (full-width forms read as ASCII) once
for everything looked for in it."""

from __future__ import annotations

from collections import Counter

import pytest

from tracker.differ import contacts, diff


@pytest.mark.parametrize(
    "code, country",
    [("fr", "FR"), ("uk", "GB"), ("at", "AT"), ("tw", "TW"), ("xq", None), ("eu", None)],
)
def test_an_address_and_a_language_tag_name_a_country_alike(code, country):
    assert contacts.url_region(f"https://www.example.{code}/contact") == country
    assert contacts.lang_region(f"de-{code.upper()}") == country


def test_generic_us_domains():
    assert [contacts.url_region(f"https://agency.{t}") for t in ("gov", "mil", "edu", "us")] == [
        "US"
    ] * 4
    assert contacts.url_region("https://example.com") is None


def test_a_changed_block_is_folded_once(monkeypatch):
    old = (
        "Embassy\n\nConsular section: call ０２０ ７９４６ ０９５８ or write to info＠example.org"
        "\n\nPress office: press [at] example.org, 020 7946 0123 (weekdays)"
    )
    new = (
        "Embassy\n\nConsular section: call ０２０ ７９４６ ０９９９ or write to visa＠example.org"
        "\n\nPress office: press [at] example.org, 020 7946 0456 (weekdays)"
    )
    blocks = set(old.split("\n\n")[1:] + new.split("\n\n")[1:])
    folded: Counter = Counter()
    real = contacts.fold

    def counted(text: str) -> str:
        if text in blocks:
            folded[text] += 1
        return real(text)

    monkeypatch.setattr(contacts, "fold", counted)
    report = diff(old, new)
    assert [c.change for c in report.changes if c.kind == "contact"] == ["changed"] * 3
    assert folded and set(folded.values()) == {1}, folded
