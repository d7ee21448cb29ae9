"""`tracker diff` looks for each special character (a Unicode space, a zero-width character) in
a page once, and never for one NFC leaves out: on a 10 MB page each look is a whole-text pass.
Counted in-process through the CLI: the whole-page probes of `tracker.differ.normalize`."""

from __future__ import annotations

import importlib
import json
from collections import Counter

import pytest
from cli_helpers import tracker as tracker_cli

# the modules themselves (the package's `normalize` is the function)
normalize = importlib.import_module("tracker.differ.normalize")
reuse = importlib.import_module("tracker.differ.reuse")


@pytest.fixture(autouse=True)
def env(git_env):
    """The harness's git identity and isolation (tests/conftest.py) for every test here."""
    return git_env


def run(*args: str) -> str:
    result = tracker_cli(*args)
    assert result.code in (0, 1), result.err
    return result.out


def test_each_special_character_is_looked_for_once_per_page(tmp_path, monkeypatch):
    """The old page's zero-width probes serve both of its passes; U+2000 and U+2001 (NFC
    writes them as U+2002 and U+2003) are never looked for, and still compare as spaces."""
    paragraphs = [f"Paragraph {k}\xa0of the page\u2019s text, with some words." for k in range(200)]
    old = [*paragraphs, "Quad\u2000spaced\u2001words"]
    new = [*paragraphs, "Quad spaced words", "One more paragraph."]
    store = tmp_path / "snaps"
    for day, paras in (("2024-01-01", old), ("2024-01-02", new)):
        page = tmp_path / f"{day}.txt"
        page.write_text("\n\n".join(paras), encoding="utf-8")
        run("import", "--store", str(store), "--source", "p", "--at", day, str(page))
    probes: Counter = Counter()
    whole = min(len("\n\n".join(old)), len("\n\n".join(new)))
    original = normalize._has

    def counting(text: str, ch: str) -> bool:
        if len(text) >= whole:  # a whole page, not one of its paragraphs
            probes[len(text), ch] += 1
        return original(text, ch)

    monkeypatch.setattr(normalize, "_has", counting)
    monkeypatch.setattr(reuse, "_has", counting, raising=False)
    report = json.loads(run("diff", "first", "latest", "--store", str(store), "--format", "json"))
    assert [(c["kind"], c["new"]) for c in report["changes"]] == [
        ("added", "One more paragraph.")
    ]
    assert probes, "no whole-page probe counted"
    assert [key for key, n in probes.items() if n > 1] == []
    assert {ch for _, ch in probes} & {"\u2000", "\u2001"} == set()
