"""A few NUL bytes in a page (a template's stray byte, a file padded by a crashed write) are
skipped as a browser skips them: the capture is stored as it came, and neither refused as
binary (its changes would go unseen) nor read with the NULs as changed text."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import tracker

HTML = (
    "<!DOCTYPE html><html lang='sv'><head><meta charset='utf-8'><title>Avgifter</title></head>"
    "<body><h1>Avgifter</h1><p>Pass för vuxna kostar {fee} kronor.</p>"
    "<p>Nationellt id-kort kostar 400 kronor.</p></body></html>"
)
TEXT = "Tarifs 2024\n\nCarte de résident : {fee} euros\n\nDuplicata : 25 euros\n"


def _import(tmp_path: Path, pages: list[bytes], ext: str) -> Path:
    store = tmp_path / "store"
    for day, data in enumerate(pages, start=1):
        page = tmp_path / f"p{day}.{ext}"
        page.write_bytes(data)
        r = tracker("import", "--store", store, "--source", "p", "--at", f"2024-05-0{day}", page)
        assert r.code == 0, r.err
    return store


def test_nul_bytes_in_html_are_no_change(tmp_path):
    old = HTML.format(fee="600").encode()
    new = old.replace(b"kostar 400", b"kos\x00tar 400") + b"\x00" * 6
    store = _import(tmp_path, [old, new], "html")
    assert (store / "p" / "20240502120000.html").read_bytes() == new  # stored as it came
    r = tracker("check", "--store", store)
    assert r.code == 0, r.out


def test_a_change_beside_nul_bytes_alerts(tmp_path):
    old = HTML.format(fee="600").encode()
    new = HTML.format(fee="650").encode().replace(b"<p>Nat", b"\x00<p>Nat")
    store = _import(tmp_path, [old, new], "html")
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    assert [(c["kind"], c["old"], c["new"]) for c in doc["changes"]] == [
        ("counter", 600, 650)
    ], doc["changes"]
    assert tracker("check", "--store", store).code == 1


def test_nul_bytes_in_plain_text(tmp_path):
    old = TEXT.format(fee="38").encode()
    new = TEXT.format(fee="38").encode().replace(b"Duplicata", b"Dupli\x00cata") + b"\x00\x00"
    changed = TEXT.format(fee="45").encode() + b"\x00"
    store = _import(tmp_path, [old, new, changed], "txt")
    assert tracker("diff", "first", "latest~1", "--store", store, "--exit-code").code == 0
    r = tracker("check", "--store", store)
    assert r.code == 1 and "38 → 45" in r.out, r.out


def test_utf16_without_a_bom_is_still_binary(tmp_path):
    page = tmp_path / "u.txt"
    page.write_bytes(TEXT.format(fee="38").encode("utf-16-le"))
    r = tracker("import", "--store", tmp_path / "store", "--at", "2024-05-01", page)
    assert r.code == 2 and "binary" in r.err
