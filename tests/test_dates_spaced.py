"""Day, month and year written with a space after each dot (1. 5. 2024), as Czech, Slovak,
Croatian and German pages write them: a stamp that follows the captures is noise, a deadline
that moves is a fact, as in the unspaced form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import tracker

PAGE = (
    "<html lang='{lang}'><body><h1>{title}</h1><p>{line}</p>"
    "<p>{body}</p></body></html>"
)
CASES = [
    ("cs", "Ceník parkování", "Aktualizováno {}", "Parkovné v zóně A činí 40 Kč za hodinu."),
    ("de", "Sprechzeiten", "Stand: {}", "Die Praxis ist montags von 8 bis 12 Uhr geöffnet."),
    ("hr", "Obavijest", "Objavljeno {}.", "Ured je otvoren radnim danom od 8 do 15 sati."),
]


def _store(tmp_path: Path, lang, title, line, body, days) -> Path:
    store = tmp_path / "store"
    for n, day in enumerate(days, start=1):
        page = tmp_path / f"p{n}.html"
        html = PAGE.format(lang=lang, title=title, line=line.format(day), body=body)
        page.write_text(html, encoding="utf-8")
        at = f"2024-05-0{n}T09:00Z"
        r = tracker("import", "--store", store, "--source", "p", "--at", at, page)
        assert r.code == 0, r.err
    return store


@pytest.mark.parametrize("lang, title, line, body", CASES)
def test_a_spaced_stamp_that_follows_the_captures_is_noise(tmp_path, lang, title, line, body):
    store = _store(tmp_path, lang, title, line, body, ["1. 5. 2024", "2. 5. 2024"])
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    assert [(c["kind"], c.get("reason")) for c in doc["changes"]] == [("volatile", "date")]
    assert tracker("check", "--store", store).code == 0


@pytest.mark.parametrize("lang, title, line, body", CASES)
def test_a_spaced_deadline_that_moves_alerts(tmp_path, lang, title, line, body):
    deadline = {"cs": "Přihlášky do {}", "de": "Anmeldung bis {}", "hr": "Prijave do {}."}[lang]
    store = _store(tmp_path, lang, title, deadline, body, ["31. 5. 2024", "14. 6. 2024"])
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    assert [(c["kind"], c.get("reason")) for c in doc["changes"]] == [("rewritten", "date")]
    assert tracker("check", "--store", store).code == 1
