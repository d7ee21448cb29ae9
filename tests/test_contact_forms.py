"""Contacts written another way are no change; each real change still alerts as a contact:
national numbers on a page whose URL names no country (the region from `<html lang>`), a
reformatted phone beside a changed date stamp, extensions, `tel:`/`mailto:` link targets, and
obfuscated addresses (`info [at] example.com`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import tracker

from tracker.capture.html import html_structure, html_to_text, select_html
from tracker.differ import diff, normalize, rebuild
from tracker.differ.contacts import find, lang_region, link_contact, obfuscated_emails
from tracker.differ.options import DiffOptions
from tracker.models import PageStructure
from tracker.render.message import e164

PAGES = Path(__file__).parent / "pages" / "contacts"
REWRITTEN = [
    "de-verein",
    "fr-association",
    "ru-fond",
    "at-verein",
    "en-bulletin",
    "en-switchboard",
    "en-links",
]


def _store(tmp_path: Path, name: str, after: bytes | None = None, before: bytes | None = None):
    store = tmp_path / "snaps"
    for when, side, data in (
        ("2024-05-01T10:00:00Z", "before", before),
        ("2024-05-02T10:00:00Z", "after", after),
    ):
        path = tmp_path / f"{name}-{side}.html"
        path.write_bytes(data if data is not None else (PAGES / f"{name}-{side}.html").read_bytes())
        r = tracker("import", "--store", str(store), "--source", "page", "--at", when, str(path))
        assert r.code == 0, r.err
    return str(store)


def _changes(store: str) -> list[dict]:
    r = tracker("diff", "--store", store, "--format", "json")
    assert r.code == 0, r.err
    return json.loads(r.out)["changes"]


@pytest.mark.parametrize("name", REWRITTEN)
def test_contacts_written_another_way_do_not_alert(tmp_path, name):
    store = _store(tmp_path, name)
    check = tracker("check", "--store", store)
    assert check.code == 0, check.out
    changes = _changes(store)
    assert {c["kind"] for c in changes} <= {"volatile"}, changes
    assert all(c.get("reason") in ("format", "date") for c in changes)


def _replaced(name: str, old: str, new: str) -> bytes:
    data = (PAGES / f"{name}-after.html").read_text(encoding="utf-8")
    assert data.count(old) == 1, old
    return data.replace(old, new).encode("utf-8")


# (page, text in its after side, what it becomes, the contact change expected)
REAL = [
    ("de-verein", "030 / 123 45 67", "030 / 123 45 76", ("phone", "+49301234567", "+49301234576")),
    (
        "fr-association",
        "01.42.12.34.56",
        "01.42.12.34.65",
        ("phone", "+33142123456", "+33142123465"),
    ),
    ("ru-fond", "8-495-123-45-67", "8-495-123-45-76", ("phone", "+74951234567", "+74951234576")),
    ("at-verein", "01/5123456", "01/5123465", ("phone", "+4315123456", "+4315123465")),
    (
        "en-bulletin",
        "01233 331111 (updated",
        "01233 331112 (updated",
        ("phone", "+441233331111", "+441233331112"),
    ),
    (
        "en-switchboard",
        "extension 214",
        "extension 215",
        ("phone", "+442079460958;ext=214", "+442079460958;ext=215"),
    ),
    (
        "en-links",
        'href="tel:01233-331-111"',
        'href="tel:01233-330-999"',
        ("phone", "+441233331111", "+441233330999"),
    ),
    (
        "en-links",
        "mailto:Planning@Ashford-Example.com",
        "mailto:dc@Ashford-Example.com",
        ("email", "planning@ashford-example.com", "dc@ashford-example.com"),
    ),
    (
        "de-verein",
        "info@tsv-beispiel.org",
        "kasse@tsv-beispiel.org",
        ("email", "info@tsv-beispiel.org", "kasse@tsv-beispiel.org"),
    ),
    (
        "fr-association",
        "contact@lire-ensemble-exemple.com",
        "benevoles@lire-ensemble-exemple.com",
        ("email", "contact@lire-ensemble-exemple.com", "benevoles@lire-ensemble-exemple.com"),
    ),
    (
        "en-switchboard",
        "press (at) riverside-housing-example (dot) org",
        "media (at) riverside-housing-example (dot) org",
        ("email", "press@riverside-housing-example.org", "media@riverside-housing-example.org"),
    ),
]


@pytest.mark.parametrize("name, old, new, expected", REAL, ids=[f"{r[0]}-{r[3][1]}" for r in REAL])
def test_a_real_change_of_the_same_contact_alerts_as_a_contact(tmp_path, name, old, new, expected):
    store = _store(tmp_path, name, after=_replaced(name, old, new))
    check = tracker("check", "--store", store, "--format", "json")
    assert check.code == 1, check.out
    alerts = json.loads(check.out)["alerts"]
    assert [(a["type"], a["change"], a["old"], a["new"]) for a in alerts] == [
        (expected[0], "changed", expected[1], expected[2])
    ]
    contacts = [c for c in _changes(store) if c["kind"] == "contact"]
    assert [(c["type"], c["old"], c["new"]) for c in contacts] == [expected]


def test_the_page_language_is_what_names_the_region(tmp_path):
    """Without `<html lang>`, the .org page's national numbers are read as British: not phones,
    so their new writing is a rewrite that alerts."""
    plain = {
        side: (PAGES / f"de-verein-{side}.html").read_bytes().replace(b' lang="de"', b"")
        for side in ("before", "after")
    }
    store = _store(tmp_path, "de-verein", after=plain["after"], before=plain["before"])
    assert tracker("check", "--store", store).code == 1
    assert any(c["kind"] == "rewritten" for c in _changes(store))


def test_the_rules_region_and_the_url_come_before_the_language():
    old, new = "Contact\n\nTel.: 01 512 34 56\n\nEnd", "Contact\n\nTel.: 01/5123456\n\nEnd"
    at = PageStructure(lang="de-AT")

    def kinds(options: DiffOptions) -> set:
        report = diff(old, new, options=options, old_page=at, new_page=at)
        return {(c.kind, c.reason) for c in report.changes}

    assert kinds(DiffOptions()) == {("volatile", "format")}
    assert kinds(DiffOptions(region_hint="GB")) == {("rewritten", None)}
    assert kinds(DiffOptions(region="GB")) == {("rewritten", None)}


@pytest.mark.parametrize(
    "lang, region",
    [
        ("de", "DE"),
        ("de-AT", "AT"),
        ("de_CH", "CH"),
        ("fr", "FR"),
        ("fr-CA", "CA"),
        ("ru", "RU"),
        ("uk", "UA"),
        ("pt", "PT"),
        ("pt-BR", "BR"),
        ("es", "ES"),
        ("es-419", None),  # Latin America: no one country
        ("zh-Hant-TW", "TW"),
        ("en", None),  # many countries: the default region (GB) stays
        ("en-US", "US"),
        ("en-UK", "GB"),
        ("ar", None),
        ("x-klingon", None),
        ("de-x-ab", "DE"),
        ("", None),
        (None, None),
    ],
)
def test_lang_region(lang, region):
    assert lang_region(lang) == region


def test_the_language_is_page_structure_and_the_text_does_not_change():
    """Captures are evidence: the text a capture is read as (hashed, cached) is the same with
    or without the language; the language travels beside it."""
    data = (PAGES / "at-verein-before.html").read_bytes()
    bare = data.replace(b' lang="de-AT"', b"")
    assert html_to_text(data) == html_to_text(bare)
    assert html_structure(data).lang == "de-AT"
    assert html_structure(bare).lang is None
    meta = bare.replace(
        b"<head>", b'<head><meta http-equiv="Content-Language" content="fr, en">'
    )
    assert html_structure(meta).lang == "fr"
    xhtml = bare.replace(b"<html>", b'<html xml:lang="ru">')
    assert html_structure(xhtml).lang == "ru"
    # a selection keeps the page's language
    page = data.decode("utf-8")
    assert select_html(page, ("main",), ()).startswith('<html lang="de-AT">')


@pytest.mark.parametrize(
    "text, found",
    [
        ("Email: info [at] example.com", [("info@example.com", "info [at] example.com")]),
        ("info(at)firma.de", [("info@firma.de", "info(at)firma.de")]),
        ("jane (AT) example (dot) org.", [("jane@example.org", "jane (AT) example (dot) org")]),
        ("jane at example dot org", [("jane@example.org", "jane at example dot org")]),
        ("ivan (собака) mail [точка] ru", [("ivan@mail.ru", "ivan (собака) mail [точка] ru")]),
        ("contact[arobase]mairie.fr", [("contact@mairie.fr", "contact[arobase]mairie.fr")]),
        ("meet us at example.com", []),  # a bare "at" before a site: no address
        ("open (at) 9 am", []),
        ("a [at] b", []),
    ],
)
def test_obfuscated_emails(text, found):
    assert [(v, text[a:b]) for a, b, v in obfuscated_emails(text)] == found
    assert [(c.value, text[c.start : c.end]) for c in find(text) if c.type == "email"] == found


@pytest.mark.parametrize(
    "href, contact",
    [
        ("tel:+441233331111", ("phone", "+441233331111")),
        ("tel:01233-331-111", ("phone", "+441233331111")),
        ("tel:+44%201233%20331111", ("phone", "+441233331111")),
        ("tel:+442079460958;ext=214", ("phone", "+442079460958;ext=214")),
        ("mailto:Info@Example.com?subject=Hi", ("email", "info@example.com")),
        ("mailto:a@b.com,c@d.com", None),
        ("tel:call-us", None),
        ("https://example.com/contact", None),
    ],
)
def test_link_contact(href, contact):
    assert link_contact(href, lambda: "GB") == contact


def test_extensions_are_part_of_the_number():
    values = [c.value for c in find("Tel: +44 20 7946 0958 ext. 214, or 020 7946 0958 x 31")]
    assert values == ["+442079460958;ext=214", "+442079460958;ext=31"]
    assert [c.value for c in find("+7 495 123-45-67 доб. 123", "RU")] == ["+74951234567;ext=123"]
    assert e164("020 7946 0958 ext. 214") == "+442079460958;ext=214"


@pytest.mark.parametrize(
    "old, new, kinds",
    [
        (
            "Tel. +44 1233 331111 (updated 6 May 2024)",
            "Tel. 01233 331111 (updated 7 May 2024)",
            [("volatile", "date")],
        ),
        (
            "Tel: +44 20 7946 0958 ext. 214",
            "Tel: 020 7946 0958, extension 214",
            [("volatile", "format")],
        ),
        (
            "Tel: +44 20 7946 0958 ext. 214",
            "Tel: 020 7946 0958, extension 215",
            [("contact", None)],
        ),
        ("Email: info [at] example.com", "Email: info@example.com", [("volatile", "format")]),
        ("Email: info [at] example.com", "Email: sales@example.com", [("contact", None)]),
    ],
)
def test_reports_stay_complete(old, new, kinds):
    old, new = f"Contact us\n\n{old}\n\nEnd", f"Contact us\n\n{new}\n\nEnd"
    report = diff(old, new)
    assert [(c.kind, c.reason) for c in report.changes] == kinds
    assert rebuild(old, report) == normalize(new)
