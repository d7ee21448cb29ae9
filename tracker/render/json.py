"""The `tracker.diff/1` JSON object (the contract is documented in the README)."""

from __future__ import annotations

from tracker.differ.model import Report
from tracker.models import CaptureInfo

DIFF_SCHEMA = "tracker.diff/1"


def capture_ref(info: CaptureInfo) -> dict:
    return {"id": info.id, "captured_at": info.captured_at.isoformat()}


def report_json(report: Report, old: CaptureInfo, new: CaptureInfo, source: str) -> dict:
    return {
        "schema": DIFF_SCHEMA,
        "source": source,
        "from": capture_ref(old),
        "to": capture_ref(new),
        "days": report.days,
        "summary": report.summary(),
        "notes": list(report.notes),
        "changes": [c.to_dict() for c in report.changes],
    }
