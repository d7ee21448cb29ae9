"""`tracker diff` normalises the characters of the new page's changed paragraphs only (issue #12
item 6): a paragraph the old page also has in normal form needs no pass. Counted in-process
through the CLI: the characters given to the whole-text normalisation step."""

from __future__ import annotations

import json

import pytest
from cli_helpers import tracker as tracker_cli

import tracker.differ.reuse


@pytest.fixture(autouse=True)
def env(git_env):
    """The harness's git identity and isolation (tests/conftest.py) for every test here."""
    return git_env


def run(*args: str) -> str:
    result = tracker_cli(*args)
    assert result.code in (0, 1), result.err
    return result.out


@pytest.mark.parametrize(
    ("space", "end", "normalised"),
    [(" ", "\n\n", True), ("\xa0", "\n\n", False), (" ", "\r\n\r\n", False)],
)
def test_only_the_changed_paragraphs_of_the_new_page_are_normalised(
    tmp_path, monkeypatch, space, end, normalised
):
    """Paragraphs with a no-break space, or a page with CRLF line ends, take the whole pass."""
    paragraphs = [f"Paragraph{space}{k} of the page, with some words in it." for k in range(200)]
    changed = list(paragraphs)
    changed[100] = f"Paragraph{space}100 of the page, with other words in it."
    store = tmp_path / "snaps"
    for day, paras in (("2024-01-01", paragraphs), ("2024-01-02", changed)):
        page = tmp_path / f"{day}.txt"
        page.write_bytes(end.join(paras).encode("utf-8"))
        run("import", "--store", str(store), "--source", "p", "--at", day, str(page))
    given: list[int] = []
    original = tracker.differ.reuse.char_form

    def counting(text: str, **options) -> str:
        given.append(len(text))
        return original(text, **options)

    monkeypatch.setattr(tracker.differ.reuse, "char_form", counting)
    report = json.loads(run("diff", "first", "latest", "--store", str(store), "--format", "json"))
    assert [c["new"] for c in report["changes"]] == [changed[100].replace("\xa0", " ")]
    page = len(end.join(paragraphs))
    assert given[0] == page  # the old page, whole
    if normalised:  # of the new page, its changed paragraph only
        assert sum(given[1:]) == len(changed[100])
    else:
        assert sum(given[1:]) == page + 1
