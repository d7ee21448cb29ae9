"""A reformatted phone is no change (issue #9, point 4): the region of numbers written without a
country code comes from the rules, else the page's international numbers, else its URL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import make_store, tracker

from tracker.capture.html import html_to_text, page_url
from tracker.differ import diff, normalize, rebuild
from tracker.differ.contacts import page_region, url_region
from tracker.differ.options import DiffOptions

PAGES = Path(__file__).parent / "pages" / "phones"
REFORMATTED = ["us-clinic", "us-agency", "uk-office", "fr-mairie", "de-amt", "es-ayuntamiento",
               "ru-mchs"]


def _store(tmp_path: Path, name: str, *, before: bytes | None = None,
           after: bytes | None = None) -> str:
    store = tmp_path / "snaps"
    for when, side, data in (("2024-01-10T09:00:00Z", "before", before),
                             ("2024-02-10T09:00:00Z", "after", after)):
        path = tmp_path / f"{name}-{side}.html"
        path.write_bytes(data if data is not None else (PAGES / f"{name}-{side}.html").read_bytes())
        r = tracker("import", "--store", str(store), "--source", "page", "--at", when, str(path))
        assert r.code == 0, r.err
    return str(store)


@pytest.mark.parametrize("name", REFORMATTED)
def test_a_page_whose_numbers_are_only_rewritten_does_not_alert(tmp_path, name):
    store = _store(tmp_path, name)
    check = tracker("check", "--store", store)
    assert check.code == 0, check.out
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    assert [c for c in doc["changes"] if c["kind"] == "contact"] == []
    assert doc["changes"] and {(c["kind"], c.get("reason")) for c in doc["changes"]} == {
        ("volatile", "format")
    }
    assert tracker("diff", "--store", store, "--exit-code").code == 0
    assert "noise only" in tracker("log", "--store", store).out
    for fmt in ("text", "markdown"):
        out = tracker("diff", "--store", store, "--format", fmt).out
        assert "phone" not in out and "noise ignored:" in out and "written another way" in out


def test_a_real_phone_change_beside_a_reformatted_one_still_alerts(tmp_path):
    store = _store(tmp_path, "fr-standard")
    check = tracker("check", "--store", store, "--format", "json")
    assert check.code == 1
    alerts = json.loads(check.out)["alerts"]
    assert [(a["kind"], a.get("change"), a["old"], a["new"]) for a in alerts if a["kind"] in
            ("contact",)] == [("contact", "changed", "+33241583600", "+33241584000")]
    assert any(a["kind"] == "rewritten" and "matin" in a["new"] for a in alerts)
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    assert [c["new"] for c in doc["changes"] if c.get("reason") == "format"] == [
        "Pour signaler un problème de voirie ou d’éclairage public, appelez le 02.41.58.36.12."
    ]


def test_the_sample_phone_change_still_alerts(tmp_path):
    store = make_store(tmp_path)
    doc = json.loads(
        tracker("diff", "2021-10-26", "2022-05-21", "--store", str(store), "--format", "json").out
    )
    phones = [c for c in doc["changes"] if c["kind"] == "contact" and c["type"] == "phone"]
    assert [(c["change"], c["old"], c["new"]) for c in phones] == [
        ("changed", "+442036687474", "+442031618868")
    ]


def test_region_in_the_rules_overrides_the_url(tmp_path):
    """The French page served from a .com address, its language not declared: nothing on it
    says France, so its national numbers are read as British and their new writing alerts,
    until the rules say FR."""
    def moved(side: str) -> bytes:
        data = (PAGES / f"fr-mairie-{side}.html").read_bytes()
        data = data.replace(b'<html lang="fr">', b"<html>")
        return data.replace(b"saint-aubin-sur-loire.fr", b"saint-aubin-sur-loire.com")

    store = _store(tmp_path, "fr-mairie", before=moved("before"), after=moved("after"))
    assert tracker("check", "--store", store).code == 1
    Path(store, "tracker.toml").write_text('[sources."page"]\nregion = "FR"\n', encoding="utf-8")
    assert tracker("check", "--store", store).code == 0
    Path(store, "tracker.toml").write_text('[alert]\nregion = "XX"\n', encoding="utf-8")
    bad = tracker("check", "--store", store)
    assert bad.code == 2 and bad.err.count("\n") == 1 and "region" in bad.err
    assert "Traceback" not in bad.err


@pytest.mark.parametrize(
    "url, region",
    [
        ("https://www.saint-aubin-sur-loire.fr/contact", "FR"),
        ("https://www.gov.uk/contact-hmrc", "GB"),
        ("https://www.bund.de/kontakt", "DE"),
        ("https://mchs.gov.ru/", "RU"),
        ("https://www.madrid.es/", "ES"),
        ("https://www.transportation.gov/contact", "US"),
        ("https://www.army.mil/contact", "US"),
        ("https://example.org/", None),
        ("https://europa.eu/", None),
        (None, None),
    ],
)
def test_url_region(url, region):
    assert url_region(url) == region


def test_page_region_is_the_majority_of_international_numbers():
    text = "Paris +33 1 42 68 53 00\n\nLyon +33 4 72 10 30 30\n\nLondon +44 20 7946 0958"
    assert page_region(text) == "FR"
    assert page_region("Call 020 7946 0958") is None


@pytest.mark.parametrize("before", sorted(PAGES.glob("*-before.html")), ids=lambda p: p.name)
def test_report_is_complete_on_the_phone_pages(before: Path):
    data = before.with_name(before.name.replace("-before", "-after")).read_bytes()
    old, new = html_to_text(before.read_bytes()), html_to_text(data)
    options = DiffOptions(region_hint=url_region(page_url(data.decode("utf-8"))))
    for a, b in ((old, new), (new, old)):
        report = diff(a, b, options=options)
        assert rebuild(a, report) == normalize(b)


def test_a_number_alone_on_its_line_written_another_way_is_one_format_change():
    old, new = "Contact us\n\n+44 20 7946 0958\n\nEnd", "Contact us\n\n020 7946 0958\n\nEnd"
    report = diff(old, new)
    assert [(c.kind, c.reason, c.old_block, c.new_block) for c in report.changes] == [
        ("volatile", "format", 1, 1)
    ]
    assert rebuild(old, report) == normalize(new)


def test_a_changed_number_beside_a_reformatted_one_in_one_block_is_a_contact_change():
    old = "Tel. +44 20 7946 0958, fax +44 20 7946 0959"
    new = "Tel. 020 7946 0958, fax 020 7946 0000"
    report = diff(old, new)
    assert [(c.kind, c.change, c.old, c.new) for c in report.changes] == [
        ("contact", "changed", "+442079460959", "+442079460000")
    ]
    assert rebuild(old, report) == normalize(new)
