"""Signed and tokenised addresses name the same object: an S3/Google presigned link, an Azure
SAS link and a CloudFront signed picture get a new signature, date and expiry on every visit,
and a shop's anti-forgery token (Magento's `/form_key/…/`, Laravel's `?_token=`) is per
visitor. None of that is a change; a new object key behind the signature still is.
Pages: tests/pages/links/signed-*.html (a Dutch library's downloads and shop)."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import tracker

from tracker.capture.links import normalize_url

PAGES = Path(__file__).parent / "pages" / "links"


def _store(tmp_path: Path, after: str) -> str:
    store = str(tmp_path / "store")
    before = (PAGES / "signed-before.html").read_text(encoding="utf-8")
    times = ("2024-03-04T09:00Z", "2024-03-05T10:15Z")
    for at, side, text in zip(times, ("before", "after"), (before, after), strict=True):
        page = tmp_path / f"signed-{side}.html"
        page.write_text(text, encoding="utf-8")
        r = tracker("import", "--store", store, "--source", "bieb", "--at", at, str(page))
        assert r.code == 0, r.err
    return store


def _after() -> str:
    return (PAGES / "signed-after.html").read_text(encoding="utf-8")


def test_fresh_signatures_expiries_and_form_tokens_are_no_change(tmp_path):
    store = _store(tmp_path, _after())
    check = tracker("check", "--store", store)
    assert check.code == 0, check.out
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    assert doc["changes"] == []


def test_a_new_object_behind_the_signature_is_still_a_change(tmp_path):
    after = _after().replace("jaarverslag-2023.pdf", "jaarverslag-2023-gecorrigeerd.pdf")
    after = after.replace("draagtas-linnen.jpg", "draagtas-katoen.jpg")
    store = _store(tmp_path, after)
    assert tracker("check", "--store", store).code == 1
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    found = {(c["kind"], c["action"]): c for c in doc["changes"]}
    assert set(found) == {("link", "retargeted"), ("image", "replaced")}, doc["changes"]
    link = found["link", "retargeted"]
    assert link["new"]["href"] == (
        "https://zuidrand-docs.s3.eu-west-1.amazonaws.com/jaarverslag/"
        "jaarverslag-2023-gecorrigeerd.pdf"
    )
    image = found["image", "replaced"]
    assert image["new"]["src"] == "https://d3kq8ls0m2x7zu.cloudfront.net/winkel/draagtas-katoen.jpg"


def test_expiry_or_sas_like_names_without_a_signature_are_kept():
    """`Expires`, `sp`, `se` name the target itself unless a signature stands beside them."""
    assert normalize_url("https://x.example/list?sp=2&se=r") == "https://x.example/list?se=r&sp=2"
    assert normalize_url("https://x.example/a?Expires=2024") == "https://x.example/a?Expires=2024"
    # a product key in the path is the target; only the form_key pair goes
    assert normalize_url("https://x.example/p/key/41/form_key/Ab12Cd34/") == (
        "https://x.example/p/key/41"
    )
