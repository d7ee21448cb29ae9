"""Completeness on every realistic test page: for each tests/pages/<topic>/<name>-before.html and
its -after.html (and each gov-pairs pair), the new normalised text is rebuilt from the old text
and the report alone, and no block is claimed by two changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from samples import PAIRS
from test_property import _claimed_once

from tracker.capture.html import html_to_text
from tracker.differ import diff, normalize, rebuild

PAGES = Path(__file__).resolve().parent / "pages"
OWN = sorted(PAGES.glob("**/*-before.html"))
GOV = sorted(PAIRS.glob("pair*-before.html")) if PAIRS.is_dir() else []


@pytest.mark.parametrize(
    "before", OWN + GOV, ids=lambda p: f"{p.parent.name}/{p.name.removesuffix('-before.html')}"
)
def test_report_rebuilds_the_new_page(before: Path):
    after = before.with_name(before.name.replace("-before.html", "-after.html"))
    old, new = html_to_text(before.read_bytes()), html_to_text(after.read_bytes())
    report = diff(old, new)
    assert rebuild(old, report) == normalize(new)
    _claimed_once(report)


def test_there_are_pages():
    assert OWN, "no tests/pages/<topic>/<name>-before.html found"
    for before in OWN:
        assert before.with_name(before.name.replace("-before", "-after")).is_file(), before
