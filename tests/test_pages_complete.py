"""Completeness on every realistic test page: for each tests/pages/<topic>/<name>-before.html
with its -after.html, the new normalised text is rebuilt from the old text and the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.capture.html import html_to_text
from tracker.differ import diff, normalize, rebuild

PAGES = Path(__file__).parent / "pages"
PAIRS = sorted(PAGES.glob("**/*-before.html"))


@pytest.mark.parametrize("before", PAIRS, ids=lambda p: str(p.relative_to(PAGES)))
def test_report_rebuilds_the_new_page(before: Path):
    after = before.with_name(before.name.replace("-before.html", "-after.html"))
    old, new = html_to_text(before.read_bytes()), html_to_text(after.read_bytes())
    report = diff(old, new)
    assert report.changes
    assert rebuild(old, report) == normalize(new)
