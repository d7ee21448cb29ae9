"""Completeness on every realistic test page pair (tests/pages/<topic>/<name>-before/-after.html):
the new text is rebuilt from the old text and the report alone, with the pages' structure
(links, images, chrome) passed in as `tracker diff` passes it, and no block claimed twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from samples import PAIRS as GOV_PAIRS

from tracker.capture.html import html_structure, html_to_text
from tracker.differ import diff, normalize, rebuild

PAGES = Path(__file__).parent / "pages"
PAIRS = sorted(
    (before, before.with_name(before.name.replace("-before.", "-after.")))
    for before in PAGES.glob("**/*-before.*")
)
GOV = sorted(
    (before, before.with_name(before.name.replace("-before.", "-after.")))
    for before in GOV_PAIRS.glob("*-before.html")
)


def _read(path: Path) -> tuple[str, object]:
    data = path.read_bytes()
    if path.suffix in (".html", ".htm"):
        return html_to_text(data), html_structure(data)
    return data.decode("utf-8"), None


@pytest.mark.parametrize(
    "before,after", PAIRS, ids=[str(b.relative_to(PAGES)).replace("-before", "") for b, _ in PAIRS]
)
def test_report_is_complete(before: Path, after: Path):
    assert after.exists(), f"{before} has no -after twin"
    (old, old_page), (new, new_page) = _read(before), _read(after)
    report = diff(old, new, old_page=old_page, new_page=new_page)
    assert rebuild(old, report) == normalize(new)
    _claimed_once(report)
    # and in reverse, which turns every addition into a removal
    back = diff(new, old, old_page=new_page, new_page=old_page)
    assert rebuild(new, back) == normalize(old)


@pytest.mark.skipif(not GOV, reason="the gov-pairs corpus is not available")
@pytest.mark.parametrize("before,after", GOV, ids=[b.stem for b, _ in GOV])
def test_gov_pairs_are_complete_with_their_structure(before: Path, after: Path):
    test_report_is_complete(before, after)


def _claimed_once(report) -> None:
    """No block claimed by two changes (the counters of one block pair are one claim)."""
    seen_old: dict = {}
    seen_new: dict = {}
    for c in report.changes:
        unit = ("counter", c.old_block, c.new_block) if c.kind == "counter" else id(c)
        for seen, b in ((seen_old, c.old_block), (seen_new, c.new_block)):
            if b is not None:
                assert seen.setdefault(b, unit) == unit, (b, c)


def test_the_pages_are_there():
    topics = {b.parent.name for b, _ in PAIRS}
    assert {"links", "images", "chrome", "rotating", "dates", "render"} <= topics
