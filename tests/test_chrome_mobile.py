"""A site's menu written twice, for the desktop (`<nav>`) and for phones in a panel that slides
in (Bootstrap's `offcanvas`, a `drawer`, behind a `hamburger`): the phone menu is chrome too
when links make most of its text, so an item added to it alone does not alert; a block so
named that holds prose stays content."""

from __future__ import annotations

import pytest
from cli_helpers import daily_store, tracker

PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
</head><body>
<div class="{panel}"><ul>{mobile}</ul></div>
<header><nav><ul>{desktop}</ul></nav></header>
<main><h1>{title}</h1><p>{text}</p></main>
</body></html>
"""
SITES = {
    "offcanvas offcanvas-start d-lg-none": ("es", "Ortodoncia", "El tratamiento completo cuesta "
                                            "2.900 € y dura entre 12 y 18 meses.",
                                            ["Inicio", "Tratamientos", "Contacto"], ["Blog"]),
    "mobile-drawer": ("de", "Sprechzeiten", "Die Praxis ist montags bis freitags von 8 bis 12 "
                      "Uhr geöffnet.", ["Start", "Team", "Kontakt"], ["Jobs", "Presse"]),
    "hamburgerPanel": ("pl", "Cennik", "Wizyta kontrolna kosztuje 150 zł.",
                       ["Start", "Oferta", "Kontakt"], ["Aktualności"]),
}


def _links(items: list[str]) -> str:
    return "".join(f'<li><a href="/{i.lower()}">{i}</a></li>' for i in items)


@pytest.mark.parametrize("panel", sorted(SITES))
def test_items_added_to_the_phone_menu_alone_do_not_alert(tmp_path, panel):
    lang, title, text, items, extra = SITES[panel]
    pages = [
        PAGE.format(lang=lang, title=title, text=text, panel=panel, desktop=_links(items),
                    mobile=_links(items + more))
        for more in ([], extra)
    ]  # fmt: skip
    r = tracker("check", "--store", daily_store(tmp_path, pages))
    assert r.code == 0 and "page chrome" in r.out, r.out


def test_a_drawer_of_prose_is_content(tmp_path):
    """A block named "drawer" that holds a paragraph, not a list of links, stays content."""
    html = (
        '<html><body><nav><a href="/">Home</a></nav><div class="info-drawer"><p>The annual '
        "permit costs {fee} and is valid for one parking zone only.</p></div></body></html>"
    )
    store = daily_store(tmp_path, [html.format(fee="£80"), html.format(fee="£95")])
    r = tracker("check", "--store", store)
    assert r.code == 1 and "80" in r.out and "95" in r.out, r.out
