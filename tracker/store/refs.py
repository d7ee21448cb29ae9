"""Naming a capture (DESIGN §5): a day, a timestamp, an id, `first`, `latest`, `latest~N`."""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import UTC, date, datetime

from tracker.errors import TrackerError
from tracker.models import CaptureInfo

GRAMMAR = "a day (2021-09-20), a timestamp, a 14-digit id, first, latest or latest~N"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ID = re.compile(r"^(\d{14})(-[0-9a-f]+)?$")
_LATEST = re.compile(r"^latest~(\d+)$")


def resolve(captures: list[CaptureInfo], ref: str, source: str) -> tuple[CaptureInfo, str | None]:
    """The capture `ref` names among `captures` (oldest first), and a note when it was a choice."""
    ref = ref.strip()
    if not captures:
        raise TrackerError(f"no captures of {source} yet", "import some with `tracker import`")
    if ref in ("first", "latest", "latest~0"):
        return (captures[0] if ref == "first" else captures[-1]), None
    m = _LATEST.match(ref)
    if m:
        n = int(m.group(1))
        if n >= len(captures):
            raise TrackerError(
                f"{ref}: {source} has only {len(captures)} captures",
                f"use latest~0 to latest~{len(captures) - 1}",
            )
        return captures[-1 - n], None
    m = _ID.match(ref)
    if m:
        exact = [c for c in captures if c.id == ref]
        if exact:
            return exact[0], None
        same = [c for c in captures if c.id.startswith(m.group(1))] if not m.group(2) else []
        if same:
            return _pick(same, ref)
        try:
            when = datetime.strptime(m.group(1), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        except ValueError:
            raise TrackerError(f"{ref}: not a valid 14-digit timestamp", GRAMMAR) from None
        raise TrackerError(f"no capture of {source} with id {ref}", _nearest(captures, when))
    if _DAY.match(ref):
        day = period(ref)
        same = [c for c in captures if c.captured_at.date() == day]
        if same:
            return _pick(same, ref)
        noon = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
        raise TrackerError(f"no capture of {source} on {ref}", _nearest(captures, noon, day))
    try:
        when = datetime.fromisoformat(ref.replace(" ", "T"))
    except ValueError:
        raise TrackerError(f"{ref!r} names no capture", f"give {GRAMMAR}") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)  # as with --at: naive means UTC
    same = [c for c in captures if c.utc == when]
    if same:
        return _pick(same, ref)
    raise TrackerError(f"no capture of {source} at {ref}", _nearest(captures, when))


def period(ref: str) -> date | None:
    """The first day of `ref` when it is a year, month or day (2021, 2021-09, 2021-09-20), None
    for any other form; a TrackerError when it has that form but is no date (2021-13-45,
    2021-02-30), so that `show`, `diff` and `log --since` refuse the same values."""
    m = _PERIOD.match(ref)
    if not m:
        return None
    year, month, day = (int(g) if g else 1 for g in m.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise TrackerError(f"{ref}: not a valid date", GRAMMAR) from None


def _pick(same: list[CaptureInfo], ref: str) -> tuple[CaptureInfo, str | None]:
    if len(same) == 1:
        return same[0], None
    ids = ", ".join(c.id for c in same)
    return same[-1], f"{len(same)} captures match {ref} ({ids}); using the last, {same[-1].id}"


def _nearest(captures: list[CaptureInfo], when: datetime, day: date | None = None) -> str:
    """'nearest: 2021-09-20 (id) before, 2021-10-26 (id) after', for the error's hint."""
    if day is not None:
        before = [c for c in captures if c.captured_at.date() < day]
        after = [c for c in captures if c.captured_at.date() > day]
        b, a = (before[-1] if before else None), (after[0] if after else None)
    else:
        i = bisect_left([c.utc for c in captures], when)
        b = captures[i - 1] if i > 0 else None
        a = captures[i] if i < len(captures) else None
    parts = []
    if b is not None:
        parts.append(f"before: {b.day} ({b.id})")
    if a is not None:
        parts.append(f"after: {a.day} ({a.id})")
    return "nearest captures " + ", ".join(parts) if parts else GRAMMAR
