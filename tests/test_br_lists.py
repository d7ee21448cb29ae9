"""A list written as one paragraph of `<br>` lines (a register of members, of licensed agents)
is a block per line once it has more than 20 lines: an edit is that line's change, not the
whole list rewritten (whose text an alert printed whole). A short block of lines (an address)
stays one block."""

from __future__ import annotations

import json

from cli_helpers import daily_store, tracker

NAMES = ["Anna Nowak", "Piotr Kowalski", "Ewa Wiśniewska", "Jan Wójcik", "Zofia Kamińska"]


def _register(drop: int | None = None, rename: tuple[int, str] | None = None) -> str:
    lines = [
        f"{NAMES[i % 5]} ({i + 1}), tłumacz przysięgły języka angielskiego, Kraków"
        for i in range(60)
    ]
    if rename:
        lines[rename[0]] = rename[1]
    if drop is not None:
        del lines[drop]
    return (
        "<html lang='pl'><body><h1>Lista tłumaczy przysięgłych</h1><p>"
        + "<br>".join(lines)
        + "</p><p>Urząd Wojewódzki<br>ul. Basztowa 22<br>31-156 Kraków<br>tel. 12 392 11 00"
        "</p></body></html>"
    )


def test_an_edit_in_a_long_br_list_is_that_lines_change(tmp_path):
    renamed = "Jan Wójcik-Nowak (19), tłumacz przysięgły języka angielskiego, Kraków"
    store = daily_store(tmp_path, [_register(), _register(drop=41, rename=(18, renamed))])
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    changes = [(c["kind"], c.get("old"), c.get("new")) for c in doc["changes"]]
    assert changes == [
        ("rewritten", "Jan Wójcik (19), tłumacz przysięgły języka angielskiego, Kraków", renamed),
        ("removed", "Piotr Kowalski (42), tłumacz przysięgły języka angielskiego, Kraków", None),
    ], changes
    r = tracker("check", "--store", store)
    assert r.code == 1 and len(r.out) < 1000, r.out


def test_a_short_block_of_lines_stays_one_block(tmp_path):
    store = daily_store(tmp_path, [_register()])
    r = tracker("show", "latest", "--store", store)
    assert "Urząd Wojewódzki\nul. Basztowa 22\n31-156 Kraków\ntel. 12 392 11 00" in r.out
