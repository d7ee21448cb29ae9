"""The `tracker.diff/1` JSON object (the contract is documented in the README)."""

from __future__ import annotations

from tracker.differ.model import Report
from tracker.models import CaptureInfo

DIFF_SCHEMA = "tracker.diff/1"


def report_json(report: Report, old: CaptureInfo, new: CaptureInfo, source: str) -> dict:
    return {
        "schema": DIFF_SCHEMA,
        "source": source,
        "from": old.ref(),
        "to": new.ref(),
        "days": report.days,
        "summary": report.summary(),
        "notes": list(report.notes),
        "changes": [c.to_dict() for c in report.changes],
        "blocks": new_blocks(report),
    }


def new_blocks(report: Report) -> dict[str, str]:
    """The new text of each block that counter and contact changes cover, by `new_block`, once
    however many changes it holds: a paragraph of 2,000 moving numbers is written once, not
    2,000 times (which made the JSON quadratic in the paragraph's size)."""
    return {
        str(c.new_block): c.text
        for c in report.changes
        if c.text is not None and c.new_block is not None
    }
