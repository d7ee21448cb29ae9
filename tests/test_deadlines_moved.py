"""A paragraph moved and its deadline changed on the way is one paragraph that moved a date
(a fact, alerting), when no other block of either page reads as it does outside its dates; a
news list's date lines, alike, stay stamps. Pages: tests/pages/deadlines/moved-*."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from cli_helpers import tracker

from tracker.differ import diff

PAGES = Path(__file__).parent / "pages" / "deadlines"


@pytest.mark.parametrize(
    "name, old, new",
    [
        ("moved-fr", "15 octobre 2024", "30 septembre 2024"),
        ("moved-de", "20. September 2024", "6. September 2024"),
        ("moved-pl", "14 marca 2025", "7 marca 2025"),
    ],
)
def test_a_paragraph_moved_with_its_deadline_changed_alerts(tmp_path, name, old, new):
    store = tmp_path / "store"
    for at, side in (("2024-05-02T09:00Z", "before"), ("2024-05-03T09:00Z", "after")):
        page = PAGES / f"{name}-{side}.html"
        r = tracker("import", "--store", store, "--source", "x", "--at", at, page)
        assert r.code == 0, r.err
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    [c] = doc["changes"]
    assert (c["kind"], c["reason"]) == ("rewritten", "date"), c
    assert old in c["old"] and new in c["new"]
    assert tracker("check", "--store", store).code == 1


def test_date_lines_alike_in_a_list_stay_stamps_when_items_are_replaced():
    """Each "Published …" line reads as the other outside its date: neither is taken for one
    paragraph that moved its date (the titles around them are added and removed)."""
    old = ("News\n\nPlant licensed\n\nPublished 29 September 2017\n\nView article\n\n"
           "Grid rule proposed\n\nPublished 28 September 2017\n\nView article\n\nContact us")
    new = ("News\n\nResilience grants announced\n\nPublished 12 September 2017\n\n"
           "View article\n\nSmall exports approved\n\nPublished 1 September 2017\n\n"
           "View article\n\nContact us")
    report = diff(old, new, old_time=datetime(2017, 9, 30), new_time=datetime(2017, 10, 5))
    kinds = {(c.kind, c.reason) for c in report.changes if c.reason}
    assert kinds == {("volatile", "date")}, report.changes
