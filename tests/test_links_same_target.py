"""A link or image whose address changes but names the same thing is no change: session ids
(`;jsessionid=`, `PHPSESSID`, a `sid` token, ASP.NET's `/(S(…))/`), Drupal's `itok` and an
image's resize parameters; a build fingerprint in a file name (`map.3f2a1b9c.png`) is reported
as `rebuilt` and never alerts. A real retarget, a numeric `sid` (a record) and a removed image
still alert. Pages: tests/pages/links/session-*.html, imported with `tracker import --at`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import tracker

from tracker.capture.links import normalize_url
from tracker.differ.media import rebuilt

PAGES = Path(__file__).parent / "pages" / "links"
SITE = "https://www.northbridge.example.gov.uk"


def _store(tmp_path: Path, before: bytes, after: bytes) -> str:
    store = str(tmp_path / "store")
    for at, side, data in (
        ("2024-05-01T09:00Z", "before", before),
        ("2024-05-02T09:00Z", "after", after),
    ):
        page = tmp_path / f"session-{side}.html"
        page.write_bytes(data)
        r = tracker("import", "--store", store, "--source", "council", "--at", at, str(page))
        assert r.code == 0, r.err
    return store


def _pages() -> tuple[bytes, bytes]:
    return (PAGES / "session-before.html").read_bytes(), (PAGES / "session-after.html").read_bytes()


def test_new_session_ids_tokens_and_sizes_are_no_change(tmp_path):
    store = _store(tmp_path, *_pages())
    check = tracker("check", "--store", store)
    assert check.code == 0, check.out
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    # only the fingerprinted picture is left, reported as rebuilt
    (change,) = doc["changes"]
    assert (change["kind"], change["action"]) == ("image", "rebuilt")
    assert change["old"]["src"] == f"{SITE}/static/media/parking-zones.3f2a1b9c.png"
    assert change["new"]["src"] == f"{SITE}/static/media/parking-zones.9c8d7e6f.png"
    assert change["title"] == "Town centre parking"
    text = tracker("diff", "--store", store).out
    assert (
        "image rebuilt" in text
        and "parking-zones.3f2a1b9c.png → parking-zones.9c8d7e6f.png" in text
    )
    assert tracker("log", "--store", store, "--only", "image").code == 0


def test_a_real_retarget_a_numeric_sid_and_a_removed_image_still_alert(tmp_path):
    before, after = _pages()
    after = (
        after.replace(b"portal/localplan;", b"portal/localplan-2026;")  # another document
        .replace(b"sid=482915", b"sid=517204")  # another survey: a numeric sid is a record
        .replace(b"parking-zones.9c8d7e6f.png", b"parking-permits.9c8d7e6f.png")  # another file
        .replace(b'<p><img src="/images/multistorey.jpg', b'<p><img hidden src="/images/x.jpg')
    )
    store = _store(tmp_path, before, after)
    check = tracker("check", "--store", store)
    assert check.code == 1, check.out
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    got = sorted((c["kind"], c["action"]) for c in doc["changes"])
    assert got == [
        ("image", "removed"),
        ("image", "replaced"),
        ("link", "retargeted"),
        ("link", "retargeted"),
    ]
    hrefs = {c["new"]["href"] for c in doc["changes"] if c["kind"] == "link"}
    assert hrefs == {
        f"{SITE}/consult/portal/localplan-2026",
        f"{SITE}/survey/index.php?sid=517204",
    }


@pytest.mark.parametrize(
    "one, other",
    [
        ("/doc;jsessionid=A1B2C3D4E5", "/doc;JSESSIONID=F6G7H8I9J0"),
        ("/doc?sid=8f3a2c&id=4", "/doc?id=4&sid=1b9e77"),
        ("/shop/item.php?osCsid=abc123&p=9", "/shop/item.php?p=9"),
        ("/a.asp?ASPSESSIONIDQACSRBTA=KDJFLKJ&x=1", "/a.asp?x=1&ASPSESSIONIDSQDTRBTB=PPQ"),
        ("/(S(lit3py55t21z5v55vlm25s55))/Form.aspx", "/(S(x2kd9qmd0zn4ufb1pl0ra3hv))/Form.aspx"),
        ("/course/view.php?id=5&sesskey=Ab12Cd", "/course/view.php?id=5&sesskey=Zz99Yy"),
        ("/files/styles/large/map.png?itok=AbC12xyz", "/files/styles/large/map.png?itok=Zq98LmNo"),
    ],
)
def test_session_ids_and_image_tokens_are_no_part_of_a_target(one, other):
    base = f"{SITE}/consult/"
    assert normalize_url(one, base) == normalize_url(other, base)


@pytest.mark.parametrize(
    "one, other", [("/s?sid=482915", "/s?sid=517204"), ("/s?sid=news", "/s?sid=sport")]
)
def test_a_sid_that_is_a_number_or_a_word_names_a_target(one, other):
    assert normalize_url(one, SITE) != normalize_url(other, SITE)


def test_resize_parameters_matter_only_to_links():
    img = "/img/hall.jpg?w=600&h=400&fit=crop"
    assert normalize_url(img, SITE, image=True) == normalize_url(
        "/img/hall.jpg?fit=crop&w=1200&h=800&dpr=2", SITE, image=True
    )
    assert normalize_url(img, SITE) != normalize_url("/img/hall.jpg?w=1200&h=800&fit=crop", SITE)
    assert normalize_url("/img/hall.jpg?fit=crop", SITE, image=True) != normalize_url(
        "/img/hall.jpg?fit=max", SITE, image=True
    )  # `fit=crop` is a word: another picture, kept


@pytest.mark.parametrize(
    "old, new, same",
    [
        ("/static/map.3f2a1b9c.png", "/static/map.9c8d7e6f.png", True),  # webpack
        ("/assets/logo-5d41402abc4b2a76b9719d911017c592.svg",
         "/assets/logo-7d793037a0760186574b0282f2f435e7.svg", True),  # Rails
        ("/static/3f2a1b9c.png", "/static/9c8d7e6f.png", False),  # a whole random name: an upload
        ("/photos/visit-20240501.jpg", "/photos/visit-20240502.jpg", False),  # a date
        ("/docs/report-2023final.pdf", "/docs/report-2024final.pdf", False),  # one character
        ("/static/map.3f2a1b9c.png", "/static/plan.9c8d7e6f.png", False),  # another name
        ("/a/map.3f2a1b9c.png", "/b/map.9c8d7e6f.png", False),  # another folder
        ("/static/map.abcdefgh.png", "/static/map.stuvwxyz.png", False),  # words, no digits
    ],
)  # fmt: skip
def test_a_build_fingerprint_is_told_from_a_new_file(old, new, same):
    assert rebuilt(SITE + old, SITE + new) is same
