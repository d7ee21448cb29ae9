"""A page whose text its scripts draw (an empty root element) and whose content stands in its
`<noscript>` or its JSON-LD: read as a reader without scripts sees it, so a change there alerts;
a page with text of its own keeps its "enable JavaScript" notice and its JSON-LD out."""

from __future__ import annotations

import json

from cli_helpers import daily_store, tracker

SHELL = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<script src="/assets/app.{build}.js" defer></script></head>
<body><div id="root"></div>
<noscript>{content}</noscript>
<script>window.__BUILD__ = "{build}";</script></body></html>
"""
FI = dict(
    lang="fi",
    title="Jätehuolto",
    content="<h1>Jäteastioiden tyhjennys</h1><p>Sekajäteastia tyhjennetään {every}.</p>"
    "<p>Ylimääräisestä tyhjennyksestä veloitetaan 18 euroa.</p>"
    "<p>Ota JavaScript käyttöön nähdäksesi karttapalvelun.</p>",
)
RO = dict(
    lang="ro",
    title="Orar",
    content="<h1>Orarul ghișeelor</h1><p>Ghișeele sunt deschise de luni până vineri, "
    "între orele {every}.</p><p>Programările se fac online sau la telefon.</p>",
)


def _page(kind: dict, build: str, every: str) -> str:
    content = kind["content"].format(every=every)
    return SHELL.format(lang=kind["lang"], title=kind["title"], build=build, content=content)


def test_a_change_in_a_shells_noscript_alerts(tmp_path):
    store = daily_store(
        tmp_path,
        [_page(FI, "a81f3c", "kahden viikon välein"), _page(FI, "a81f3c", "neljän viikon välein")],
    )
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    assert [c["kind"] for c in doc["changes"]] == ["rewritten"], doc["changes"]
    assert "neljän viikon" in doc["changes"][0]["new"]
    assert tracker("check", "--store", store).code == 1


def test_a_shell_rebuilt_with_the_same_noscript_is_no_change(tmp_path):
    store = daily_store(
        tmp_path,
        [_page(RO, "77ab01", "8:30 și 16:30"), _page(RO, "9be021", "8:30 și 16:30"),
         _page(RO, "9be021", "9:00 și 13:00")],
    )  # fmt: skip
    assert tracker("diff", "first", "latest~1", "--store", store, "--exit-code").code == 0
    r = tracker("check", "--store", store)
    assert r.code == 1 and "9:00" in r.out, r.out


def test_a_page_with_its_own_text_keeps_the_noscript_notice_out(tmp_path):
    page = (
        "<html><body><h1>Kontakt</h1><p>Kundtjänsten nås på vardagar mellan 8 och 17.</p>"
        "<noscript><p>Aktivera JavaScript för att använda chatten på den här "
        "webbplatsen.</p></noscript></body></html>"
    )
    store = daily_store(tmp_path, [page])
    r = tracker("show", "latest", "--store", store)
    assert "Kundtjänsten" in r.out and "JavaScript" not in r.out, r.out


LD = """<!DOCTYPE html><html lang="cs"><head><meta charset="utf-8"><title>Koncert</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "Event",
"name": "Jarní koncert sboru", "startDate": "2024-06-{day}T19:00", "dateModified": "{mod}",
"location": {{"@type": "Place", "name": "Obecní dům"}},
"offers": {{"@type": "Offer", "price": "{price}", "priceCurrency": "CZK"}}}}</script>
<script type="module" src="/assets/index-{build}.js"></script></head>
<body><div id="app"></div></body></html>
"""


def _event(day="14", mod="2024-05-01T08:00:00Z", price="250", build="c0ffee") -> str:
    return LD.format(day=day, mod=mod, price=price, build=build)


def test_a_shell_with_only_json_ld_is_read_from_it(tmp_path):
    store = daily_store(
        tmp_path,
        [_event(), _event(mod="2024-05-02T07:55:00Z", build="d00d42"), _event(price="320")],
    )
    assert tracker("diff", "first", "latest~1", "--store", store, "--exit-code").code == 0
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    changes = [(c["kind"], c["old"], c["new"]) for c in doc["changes"] if c["kind"] != "volatile"]
    assert changes == [("counter", 250, 320)], doc["changes"]
    assert tracker("check", "--store", store).code == 1


def test_a_moved_event_day_in_json_ld_alerts(tmp_path):
    store = daily_store(tmp_path, [_event(), _event(day="21")])
    r = tracker("check", "--store", store)
    assert r.code == 1 and "2024-06-21" in r.out, r.out


def test_a_page_with_its_own_text_is_not_read_from_its_json_ld(tmp_path):
    body = "<p>Jarní koncert sboru se koná v Obecním domě. Vstupné je dobrovolné.</p>" * 12
    page = _event().replace('<div id="app"></div>', body)
    store = daily_store(tmp_path, [page])
    r = tracker("show", "latest", "--store", store)
    assert "Vstupné" in r.out and "@type" not in r.out and "CZK" not in r.out, r.out
