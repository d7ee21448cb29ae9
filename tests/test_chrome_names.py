"""Page chrome not marked up as nav/footer/role, recognised by the words of its class, id or
aria-label (a cookie banner, a skip link, `<div class="copyright">`, a "menu" or a "sidebar"
of links, aria-label="Hauptnavigation"): reported as page chrome, never alerting. Its
counterpart: a lunch menu of dishes and prices, a sidebar holding a notice and a
"content-menu-item" are content and alert. Pages under tests/pages/chrome/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import tracker

from tracker.capture.html import html_structure

PAGES = Path(__file__).parent / "pages" / "chrome"


def _store(tmp_path: Path, name: str) -> str:
    store = str(tmp_path / "store")
    for at, side in (("2024-03-01T08:00Z", "before"), ("2024-03-08T08:00Z", "after")):
        r = tracker(
            "import", "--store", store, "--source", "site", "--at", at,
            str(PAGES / f"{name}-{side}.html"),
        )  # fmt: skip
        assert r.code == 0, r.err
    return store


def test_chrome_named_by_class_id_or_label_is_reported_but_does_not_alert(tmp_path):
    store = _store(tmp_path, "classes")
    check = tracker("check", "--store", store)
    assert check.code == 0, check.out
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    changes = doc["changes"]
    assert changes and all(c.get("chrome") for c in changes), changes
    texts = {c["new"] or c["old"] for c in changes if c["kind"] != "link"}
    for expected in (
        "Direkt zum Inhalt",  # skip link
        "Wir verwenden nur technisch notwendige Cookies. Cookie-Einstellungen",  # cookie banner
        "Rathaus Bürgerservice Wirtschaft Freizeit",  # aria-label="Hauptnavigation"
        "Personalausweis beantragen",  # a sidebar of links
        "Kontakt Pressestelle Stellenangebote",  # a "menu" of links
        "© Stadt Lindenau. Website by Granicus.",  # copyright
    ):
        assert expected in texts, expected
    (link,) = [c for c in changes if c["kind"] == "link"]
    assert link["action"] == "retargeted" and link["chrome"] is True
    assert "(page chrome)" in tracker("diff", "--store", store).out
    loud = tracker("check", "--store", store, "--alert-on", "chrome")
    assert loud.code == 1 and "page chrome" in loud.out


def test_content_in_blocks_named_like_chrome_still_alerts(tmp_path):
    store = _store(tmp_path, "content-named-like-chrome")
    check = tracker("check", "--store", store)
    assert check.code == 1, check.out
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    changes = doc["changes"]
    assert not any(c.get("chrome") for c in changes), changes
    (price,) = [c for c in changes if c["kind"] == "counter"]  # a dish in the "menu"
    assert (price["old_written"], price["new_written"]) == ("£2.40", "£2.60")
    assert price["title"] == "Today's menu"
    (link,) = [c for c in changes if c["kind"] == "link"]  # a "content-menu-item"
    assert link["new"]["href"].endswith("/docs/restaurant/allergens-summer.pdf")
    # the notice in the sidebar: text, not links
    assert any("Cash is no longer accepted" in str(c.get("new")) for c in changes)
    assert "Cash is no longer accepted" in check.out


@pytest.mark.parametrize(
    "markup, chrome",
    [
        ('<div class="cookie-banner"><p>We use cookies.</p></div>', True),
        ('<div id="CybotCookiebotDialog"><p>This website uses cookies.</p></div>', True),
        ('<div class="cookielaw-notice"><p>We use cookies.</p></div>', True),
        ('<div class="cc-window cc-banner"><p>This website uses cookies.</p></div>', True),
        ('<div class="site-copyright"><p>© 2024 Example Council</p></div>', True),
        (
            '<section aria-label="Fil d\'Ariane"><p><a href="/">Accueil</a> › Avis</p></section>',
            True,
        ),
        ('<ul class="menu"><li><a href="/a">Bins</a></li><li><a href="/b">Tax</a></li></ul>', True),
        ('<div class="menu"><p>Soup of the day: £2.40</p></div>', False),  # a menu of dishes
        ('<aside class="sidebar"><p>The office is closed on Friday.</p></aside>', False),
        (
            '<ul class="content-menu"><li class="content-menu-item"><a href="/a">A</a></li></ul>',
            False,
        ),
        ('<div class="entry-footer"><p>Filed under: planning</p></div>', False),  # the post's own
        ('<div class="footer-content"><p>Westshire County Council</p></div>', True),
        ('<div class="nav-open"><p>The whole page, while the menu is open.</p></div>', False),
        ('<p>Read <a class="cookie-link" href="/c">our cookie policy</a> today.</p>', False),
        # a cookie or privacy policy page's own text: what the page says, not its banner
        ('<div class="cookie-policy"><p>We keep analytics cookies for 13 months.</p></div>', False),
        ('<form class="privacy-consent-form"><p>We share no cookie data.</p></form>', False),
        ('<div class="datenschutz-cookie-hinweise"><p>Wir speichern 13 Monate.</p></div>', False),
    ],
)
def test_which_blocks_are_chrome_by_name(markup, chrome):
    page = f"<html><body><main><h1>Notice</h1>{markup}<p>Body text.</p></main></body></html>"
    structure = html_structure(page.encode())
    assert bool(structure.chrome) is chrome, structure.chrome
    assert "Body text." not in structure.chrome and "Notice" not in structure.chrome


def test_a_menu_of_linked_logos_is_chrome_and_a_gallery_is_not():
    logos = (
        '<ul class="social-menu"><li><a href="https://fb.example/x">'
        '<img src="/f.png" alt="Facebook"></a></li></ul>'
    )
    gallery = (
        '<div class="sidebar"><img src="/flood.jpg" alt="The river at its peak">'
        "<p>Photos from Tuesday.</p></div>"
    )
    page = f"<html><body><main><h1>Floods</h1>{logos}{gallery}</main></body></html>"
    images = {i.src: i.chrome for i in html_structure(page.encode()).images}
    assert images == {"/f.png": True, "/flood.jpg": False}
