"""Images and links are content; page chrome and rotating content are not alerts (issue #9,
points 5 and 6), at unit level: href normalisation, the structure read beside the text, the
pairing of what changed, the alert policy and the words a change reads in."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.alert.select import alert_kind, select_alerts
from tracker.capture.html import extract, html_structure
from tracker.capture.links import normalize_url
from tracker.differ import diff, normalize, rebuild
from tracker.differ.model import Change
from tracker.models import Image, Link, PageStructure
from tracker.render import phrases
from tracker.rules import Rules

BASE = "https://www.example.gov/reports/index.html"


@pytest.mark.parametrize(
    "href,expected",
    [
        ("annual-report.pdf", "https://www.example.gov/reports/annual-report.pdf"),
        ("/about/", "https://www.example.gov/about"),
        ("/", "https://www.example.gov/"),
        ("../news?id=7", "https://www.example.gov/news?id=7"),
        ("HTTP://WWW.Example.GOV:443/a#section-2", "https://www.example.gov/a"),
        ("http://www.example.gov:80/a", "https://www.example.gov/a"),
        ("https://www.example.gov:8443/a", "https://www.example.gov:8443/a"),
        ("//cdn.example.net/x.png?v=3", "https://cdn.example.net/x.png"),
        (
            "/a?utm_source=nl&utm_medium=email&utm_campaign=dec&fbclid=IwAR0&gclid=1&b=2&a=1",
            "https://www.example.gov/a?a=1&b=2",
        ),
        (
            "/a.css?mc_cid=1&mc_eid=2&_ga=3&ver=5.3&_=1701&cb=9&t=1701425211",
            "https://www.example.gov/a.css",
        ),
        # cache-busters' names on a page's own address are its target: a video, a topic
        ("/watch?v=dQw4w9WgXcQ", "https://www.example.gov/watch?v=dQw4w9WgXcQ"),
        ("/viewtopic.php?t=12345", "https://www.example.gov/viewtopic.php?t=12345"),
        ("/search?t=tax&q=fees", "https://www.example.gov/search?q=fees&t=tax"),  # t= a word: kept
        ("/a b/ü.pdf", "https://www.example.gov/a%20b/%C3%BC.pdf"),
        ("/a%20b/%C3%BC.pdf", "https://www.example.gov/a%20b/%C3%BC.pdf"),
        ("mailto:Press@Example.GOV", "mailto:press@example.gov"),
        ("#top", None),
        ("javascript:void(0)", None),
        ("data:image/gif;base64,R0lGOD", None),
        ("  ", None),
    ],
)
def test_normalize_url(href, expected):
    assert normalize_url(href, BASE) == expected


def test_tracking_and_cache_busters_never_change_the_target():
    a = normalize_url("https://site.example.fr/Actualites?page=2", None)
    b = normalize_url(
        "http://SITE.example.fr/Actualites?utm_campaign=x&page=2&utm_source=y#haut", None
    )
    assert a == b
    style = normalize_url("https://site.example.fr/theme/site.css", None)
    assert normalize_url("https://site.example.fr/theme/site.css?v=12", None) == style
    # on a page's address, `v` is what it shows (was dropped: two videos were one link)
    assert normalize_url("https://video.example/watch?v=abc", None) != normalize_url(
        "https://video.example/watch?v=xyz", None
    )


PAGE = """<!doctype html><html><head><base href="/fr/"><title>t</title></head><body>
<header><a href="/"><img src="logo.png" alt="Logo"></a><nav><a href="menu">Menu</a></nav></header>
<main><article><header><h1>Titre de l'article</h1></header>
<p>Lire <a href="rapport.pdf?utm_source=x">le rapport</a>.</p>
<img src="data:image/gif;base64,R0lGOD" data-src="photo.jpg" alt="Une photo">
<img srcset="petit.jpg 1x, grand.jpg 2x" alt="">
<a href="/x" aria-label="Partager"><svg></svg></a>
<footer><p>Publié le 3 mai</p></footer></article></main>
<div id="footer"><p>© 2024 Ville</p></div>
<footer><p>Mentions légales</p></footer></body></html>"""


def test_structure_is_read_beside_the_text():
    page = html_structure(PAGE.encode(), url="https://ville.example.fr/fr/page")
    links = {(lk.href, lk.text, lk.chrome, lk.title) for lk in page.links}
    assert ("https://ville.example.fr/", "Logo", True, None) in links  # an image link: its alt
    assert ("https://ville.example.fr/fr/menu", "Menu", True, None) in links
    assert (
        "https://ville.example.fr/fr/rapport.pdf",
        "le rapport",
        False,
        "Titre de l'article",
    ) in links
    assert ("https://ville.example.fr/x", "Partager", False, "Titre de l'article") in links
    srcs = [(i.src, i.alt) for i in page.images]
    assert ("https://ville.example.fr/fr/photo.jpg", "Une photo") in srcs  # lazy-loaded
    assert ("https://ville.example.fr/fr/petit.jpg", "") in srcs  # srcset's first
    # the site's header, nav and footers are chrome; the article's own header/footer are not
    assert page.chrome == ("Menu", "© 2024 Ville", "Mentions légales")


def test_the_text_is_unchanged_by_the_structure_pass():
    from tracker.capture.html import extract_structure

    assert extract_structure(PAGE)[0] == extract(PAGE)


def _page(links=(), images=(), chrome=()):
    return PageStructure(tuple(links), tuple(images), tuple(chrome))


TEXT = "Reports\n\nAnnual report 2023\n\nDownload\n\nDownload\n\nDownload"


def test_retargeted_link_same_text_new_href():
    old = _page(
        [Link("https://a.gov/r/annual-report.pdf", "Annual report 2023", title="Reports")]
        + [Link(f"https://a.gov/d{i}.pdf", "Download", context=f"Form {i}") for i in range(3)]
    )
    new = _page(
        [Link("https://a.gov/r/annual-report-v2.pdf", "Annual report 2023", title="Reports")]
        + [Link("https://a.gov/d0.pdf", "Download", context="Form 0")]
        + [Link("https://a.gov/d1-rev.pdf", "Download", context="Form 1")]
        + [Link("https://a.gov/d2.pdf", "Download", context="Form 2")]
    )
    report = diff(TEXT, TEXT, old_page=old, new_page=new)
    links = report.of_kind("link")
    assert [(c.action, c.old["href"], c.new["href"]) for c in links] == [
        ("retargeted", "https://a.gov/r/annual-report.pdf", "https://a.gov/r/annual-report-v2.pdf"),
        ("retargeted", "https://a.gov/d1.pdf", "https://a.gov/d1-rev.pdf"),
    ]
    assert links[0].title == "Reports"
    assert report.has_changes
    assert phrases.describe(links[0]) == (
        'link retargeted: "Annual report 2023" annual-report.pdf → annual-report-v2.pdf'
    )
    d = links[0].to_dict()
    assert d["kind"] == "link" and d["action"] == "retargeted"
    assert d["new"] == {
        "href": "https://a.gov/r/annual-report-v2.pdf",
        "text": "Annual report 2023",
    }


def test_link_removed_with_its_text_is_left_to_the_text_report():
    old = _page(
        [Link("https://a.gov/a", "Annual report 2023"), Link("https://a.gov/x", "Old item")]
    )
    new = _page([])
    report = diff(TEXT + "\n\nOld item", TEXT, old_page=old, new_page=new)
    assert [c.old["text"] for c in report.of_kind("link")] == ["Annual report 2023"]  # unlinked
    assert [c.old for c in report.of_kind("removed")] == ["Old item"]


def test_images_removed_replaced_added():
    chart = Image("https://a.gov/chart-nov.png", "River level, last 30 days", title="Reports")
    photo = Image("https://a.gov/photo.jpg", "", title="Reports")
    logo = Image("https://a.gov/logo.png", "Logo", chrome=True)
    old = _page(images=[logo, chart, photo, Image("https://a.gov/map.png", "Map", title="Reports")])
    new = _page(
        images=[
            logo,
            Image("https://a.gov/chart-dec.png", "River level, last 30 days", title="Reports"),
            Image("https://a.gov/photo-2.jpg", "", title="Reports"),  # same place among kept
        ]
    )
    report = diff(TEXT, TEXT, old_page=old, new_page=new)
    got = [(c.action, (c.old or {}).get("src"), (c.new or {}).get("src")) for c in report.changes]
    assert got == [
        ("replaced", "https://a.gov/chart-nov.png", "https://a.gov/chart-dec.png"),
        ("replaced", "https://a.gov/photo.jpg", "https://a.gov/photo-2.jpg"),
        ("removed", "https://a.gov/map.png", None),
    ]
    assert rebuild(TEXT, report) == normalize(TEXT)


def test_reordered_images_and_links_are_no_change():
    links = [Link(f"https://a.gov/{i}", f"Item {i}") for i in range(5)]
    images = [Image(f"https://a.gov/{i}.jpg", f"Slide {i}") for i in range(5)]
    shuffled = links[::-1], images[2:] + images[:2]
    report = diff(TEXT, TEXT, old_page=_page(links, images), new_page=_page(*shuffled))
    assert report.changes == []


def test_chrome_blocks_are_flagged_and_do_not_alert():
    old = "News\n\nA story\n\nHome | About\n\n© 2023 City\n\nCall 020 7946 0000"
    new = "News\n\nA story\n\nHome | About | Jobs\n\n© 2024 City\n\nCall 020 7946 0999"
    chrome = ("Home | About", "© 2023 City", "Call 020 7946 0000")
    chrome_new = ("Home | About | Jobs", "© 2024 City", "Call 020 7946 0999")
    report = diff(old, new, old_page=_page(chrome=chrome), new_page=_page(chrome=chrome_new))
    assert rebuild(old, report) == normalize(new)
    flagged = {c.kind: c.chrome for c in report.changes}
    assert flagged["rewritten"] is True and flagged["volatile"] is True  # © 2023 → © 2024
    assert flagged["contact"] is False  # a phone changed in the footer is still a phone change
    rules = Rules()
    assert [c.kind for c in select_alerts(report, rules)] == ["contact"]
    assert {alert_kind(c, rules) for c in report.changes if c.chrome} == {"chrome", None}
    louder = Rules(kinds=rules.kinds | {"chrome"})
    assert len(select_alerts(report, louder)) == 2
    # a text capture has no structure: the same change alerts, but the copyright year is a
    # date, never a figure
    assert {c.kind for c in select_alerts(diff(old, new), rules)} == {"contact", "rewritten"}


def test_a_text_shown_in_chrome_and_content_is_content():
    old, new = "Contact us\n\nBody\n\nContact us", "Contact us\n\nBody"
    report = diff(old, new, old_page=_page(chrome=("Contact us",)), new_page=_page())
    assert [(c.kind, c.chrome) for c in report.changes] == [("removed", False)]


@pytest.mark.parametrize(
    "action,kind,alerts",
    [
        ("removed", "image", True),
        ("replaced", "image", True),
        ("added", "image", False),
        ("removed", "link", True),
        ("retargeted", "link", True),
        ("added", "link", False),
    ],
)
def test_default_alert_policy(action, kind, alerts):
    side = {"src": "https://a/x.png", "alt": "x"} if kind == "image" else {"href": "h", "text": "t"}
    c = Change(kind, old=None if action == "added" else side, new=side, action=action)
    from tracker.differ.model import Report

    assert bool(select_alerts(Report(changes=[c]), Rules())) is alerts
    c.chrome = True
    assert not select_alerts(Report(changes=[c]), Rules())


LINES = [
    "Travaux sur le pont de Loire : circulation alternée jusqu'au 20 décembre",
    "Inscriptions à la cantine scolaire pour le second trimestre ouvertes en ligne",
    "Le marché de Noël revient sur la place de l'église avec quarante exposants",
    "Enquête publique sur la révision du plan local d'urbanisme : registre en mairie",
]


@pytest.mark.parametrize("seed", range(5))
def test_captions_in_another_order_are_moved(seed):
    shuffled = LINES[:]
    random.Random(seed).shuffle(shuffled)
    if shuffled == LINES:
        shuffled = LINES[1:] + LINES[:1]
    old = "À la une\n\n" + "\n".join(LINES) + "\n\nHoraires"
    new = "À la une\n\n" + "\n".join(shuffled) + "\n\nHoraires"
    report = diff(old, new)
    assert [c.kind for c in report.changes] == ["moved"]
    assert rebuild(old, report) == normalize(new)
    assert not select_alerts(report, Rules())


def test_captions_with_one_new_line_are_not_moved():
    old = "À la une\n\n" + "\n".join(LINES)
    new = "À la une\n\n" + "\n".join(
        LINES[::-1][:3] + ["Une nouvelle actualité de la commune ce mois-ci"]
    )
    assert "moved" not in {c.kind for c in diff(old, new).changes}


def test_repeated_link_text_under_another_heading_is_not_retargeted():
    old = _page(
        [
            Link("https://a.gov/news/grid", "View article", title="Grid resilience plan"),
            Link("https://a.gov/news/vogtle", "View article", title="Vogtle loan guarantee"),
        ]
    )
    new = _page(
        [
            Link("https://a.gov/news/grid", "View article", title="Grid resilience plan"),
            Link("https://a.gov/news/exports", "View article", title="Gas exports approved"),
        ]
    )
    text = "News\n\nView article"
    report = diff(text, text, old_page=old, new_page=new)
    assert {c.action for c in report.of_kind("link")} == {"removed", "added"}


SHARE = """<html><head><link rel="canonical" href="https://www.epa.gov/climate/{slug}"></head>
<body><h1>{slug}</h1><a href="https://www.facebook.com/sharer.php?u=https%3A%2F%2Fwww.epa.gov%2Fclimate%2F{slug}">Facebook</a>
<a href="https://twitter.com/intent/tweet?url=https://www.epa.gov/climate/{slug}&text={slug}">Twitter</a>
<a href="/climate/{slug}/report.pdf">Report</a></body></html>"""


def test_share_buttons_follow_the_page_and_are_no_link():
    page = html_structure(SHARE.format(slug="adaptation").encode())
    assert [lk.href for lk in page.links] == ["https://www.epa.gov/climate/adaptation/report.pdf"]


def test_a_link_knows_its_paragraph():
    html = """<html><body><h2>News</h2>
    <div class="item"><h3>Grid resilience plan</h3><p><a href="/n/1">View article</a></p></div>
    <p>Read <a href="/r.pdf">the report</a> now.</p></body></html>"""
    links = html_structure(html.encode(), url="https://a.gov/").links
    assert [(lk.text, lk.title, lk.context) for lk in links] == [
        ("View article", "Grid resilience plan", "Grid resilience plan"),
        ("the report", "Grid resilience plan", "Read the report now."),
    ]


def test_a_link_that_only_mentions_a_longer_address_is_kept():
    html = SHARE.format(slug="adaptation").replace(
        "/climate/adaptation/report.pdf", "/go?to=https://www.epa.gov/climate/adaptation-plan"
    )
    page = html_structure(html.encode())
    assert [lk.href for lk in page.links] == [
        "https://www.epa.gov/go?to=https://www.epa.gov/climate/adaptation-plan"
    ]


_SEGMENT = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12)


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(_SEGMENT, _SEGMENT), min_size=1, max_size=12, unique=True),
    st.randoms(use_true_random=False),
)
def test_property_links_written_another_way_are_no_change(paths, rnd):
    """The same targets, shuffled and written with tracking parameters, cache-busters (on the
    files a page loads), fragments, another case of host, http for https: no image or link
    change."""

    def variant(a: str, b: str) -> str:
        host = rnd.choice(["www.example.gov", "WWW.Example.GOV"])
        scheme = rnd.choice(["http", "https"])
        extra = rnd.choice(["", "?utm_source=x", "?v=123&utm_medium=y", "?fbclid=abc"])
        # files a page loads (a cache-buster is no part of them)
        end = f"{rnd.choice(['', '/'])}{extra}{rnd.choice(['', '#s'])}"
        return f"{scheme}://{host}/{a}/{b}.png{end}"

    def page(shuffle: bool) -> PageStructure:
        items = [(normalize_url(variant(a, b)), f"{a} {b}") for a, b in paths]
        if shuffle:
            rnd.shuffle(items)
        return _page(
            [Link(href, text) for href, text in items], [Image(href, text) for href, text in items]
        )

    text = "Page\n\n" + "\n\n".join(f"{a} {b}" for a, b in paths)
    report = diff(text, text, old_page=page(False), new_page=page(True))
    assert report.changes == []


def test_the_page_title_in_the_site_header_is_content():
    html = """<html><body><header class="site"><a href="/">Ministère</a>
    <h1>Plan grand froid 2024</h1><p>Menu principal</p></header>
    <main><p>Le plan est activé.</p></main></body></html>"""
    assert html_structure(html.encode()).chrome == ("Ministère", "Menu principal")


def test_a_lazy_loaded_picture_is_read_from_its_loader_s_attribute():
    """A lazy loader keeps a placeholder in `src` and the picture in `data-src`: a picture
    replaced there is a change (was: the placeholder was read, no change at all)."""
    def page(picture: str) -> bytes:
        return (
            '<html><body><main><h1>Our chairs</h1><p>The new range of chairs for the hall.</p>'
            f'<img src="/img/lazy-placeholder.gif" data-src="/uploads/{picture}.jpg" alt="Chair">'
            "</main></body></html>"
        ).encode()

    old, new = page("chair-smith"), page("chair-jones")
    url = "https://shop.example.org/chairs"
    a, b = html_structure(old, url=url), html_structure(new, url=url)
    assert [i.src for i in a.images] == ["https://shop.example.org/uploads/chair-smith.jpg"]
    report = diff("Our chairs", "Our chairs", old_page=a, new_page=b)
    assert [(c.kind, c.action) for c in report.changes] == [("image", "replaced")]


def test_a_contact_shown_and_linked_is_one_change():
    """A number in the text and in a `tel:` link under a fixed label both change: one contact
    change (was: the same change twice, "2 contact changes")."""
    def page(number: str) -> tuple[str, bytes]:
        html = (
            "<html><body><main><h1>Contact</h1>"
            f"<p>Switchboard: {number}</p>"
            f'<p><a href="tel:{number.replace(" ", "")}">Call us</a></p>'
            "</main></body></html>"
        ).encode()
        return extract(html.decode()), html

    (old_text, old), (new_text, new) = page("+44 20 7946 0958"), page("+44 20 7946 0000")
    url = "https://council.example.org/contact"
    report = diff(
        old_text, new_text,
        old_page=html_structure(old, url=url), new_page=html_structure(new, url=url),
    )
    contacts = [(c.type, c.old, c.new) for c in report.changes if c.kind == "contact"]
    assert contacts == [("phone", "+442079460958", "+442079460000")]
