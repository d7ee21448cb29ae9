"""The eight real before/after government pages: extraction, and what the differ makes of them.

Read by hand: pair3 changes only the date line and a view count ("Number of views (4099)" ->
"(4116)": an engagement count, noise); pair4 deletes exactly one paragraph (the CERC
announcement of November 2009).
"""

from __future__ import annotations

from collections import Counter

import pytest
from samples import PAIRS, needs_pairs

from tracker.capture.html import html_to_text
from tracker.differ import normalize, rebuild

pytestmark = needs_pairs


def texts(n: int) -> tuple[str, str]:
    return tuple(html_to_text((PAIRS / f"pair{n}-{side}.html").read_bytes())
                 for side in ("before", "after"))


def differ():
    from tracker.differ import diff

    return diff


@pytest.mark.parametrize("n", range(1, 9))
def test_every_pair_extracts_and_differs(n):
    before, after = texts(n)
    assert before.strip() and after.strip()
    assert before != after


@pytest.mark.parametrize("n", range(1, 9))
def test_every_pair_report_is_complete(n):
    """The report alone turns the old text into the new one, and every block that differs
    (found here by a plain multiset difference of the two pages' blocks, not by the differ's
    alignment) is claimed by a change, on its side."""
    before, after = texts(n)
    report = differ()(before, after)
    assert rebuild(before, report) == normalize(after)
    old, new = normalize(before).split("\n\n"), normalize(after).split("\n\n")
    gone, came = Counter(old) - Counter(new), Counter(new) - Counter(old)
    assert gone or came
    claimed_old = Counter(old[c.old_block] for c in report.changes if c.old_block is not None)
    claimed_new = Counter(new[c.new_block] for c in report.changes if c.new_block is not None)
    assert not gone - claimed_old, f"removed or rewritten blocks no change reports: {gone}"
    assert not came - claimed_new, f"added or rewritten blocks no change reports: {came}"


def test_pair8_encoding_is_repaired():
    before, after = texts(8)
    assert "Español" in after and "Niño" in after
    assert "Ã" not in after


def test_pair3_only_a_date_and_a_view_count():
    before, after = texts(3)
    assert "Wednesday, February 01, 2017" in before and "Thursday, February 02, 2017" in after
    assert "Number of views (4099)" in before and "Number of views (4116)" in after
    report = differ()(before, after)
    # a view count is an engagement count: noise, like the date line
    assert {c.kind for c in report.changes} == {"volatile"}
    views = [c for c in report.changes if c.reason == "engagement"]
    assert [(c.old, c.new) for c in views] == [
        ("Number of views (4099)/Comments (0)", "Number of views (4116)/Comments (0)")
    ]
    assert not report.has_changes


def test_pair4_exactly_one_paragraph_removed():
    before, after = texts(4)
    gone = ("In November 2009, President Barack Obama and President Hu Jintao announced the "
            "establishment of the U.S.-China Clean Energy Research Center (CERC).")
    assert gone in before and gone not in after
    report = differ()(before, after)
    assert [c.kind for c in report.changes] == ["removed"]
    assert report.changes[0].old.strip() == gone
