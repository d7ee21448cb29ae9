"""Counters: each number that changed in a block whose text is otherwise the same.

A count of days ("N days have passed since…", "N days ago", "day N of…") must move by the days
between the two captures' own dates; a jump, stall or reset is an anomaly. Its epoch follows
from the new value: new capture's date minus N days (2018-03-04 for the Salisbury counter).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tracker import dates
from tracker.differ import numbers
from tracker.differ.hints import is_days_counter
from tracker.differ.model import Change


def days_counter_positions(text: str) -> set[int]:
    """Which numbers of `text` (by position) count days."""
    return {
        k
        for k, m in enumerate(numbers.NUMBER.finditer(text))
        if is_days_counter(text[: m.start()], text[m.end() :])
    }


def _in_dates(text: str):
    """Is position i inside a date/time expression of `text`?"""
    found = dates.spans(text)
    return lambda i: any(a <= i < b for a, b in found)


def counter_changes(
    old_text: str,
    new_text: str,
    old_time: datetime | None,
    new_time: datetime | None,
) -> list[Change]:
    """One change per number that differs, outside dates; the two texts must be equal with
    numbers masked (and differ outside dates: the engine makes a date-only pair volatile)."""
    days = (new_time.date() - old_time.date()).days if old_time and new_time else None
    label = numbers.mask(new_text)
    day_positions = days_counter_positions(new_text)
    out = []
    pairs = zip(numbers.NUMBER.finditer(old_text), numbers.NUMBER.finditer(new_text), strict=True)
    moved = [(k, a, b) for k, (a, b) in enumerate(pairs) if a.group() != b.group()]
    # a date is never a counter: "Updated 3 June: 12 cases" counts the 12 (every number is kept
    # when all are in dates that still differ in form: the block must be reported somehow)
    in_old, in_new = _in_dates(old_text), _in_dates(new_text)
    counted = [(k, a, b) for k, a, b in moved if not (in_old(a.start()) and in_new(b.start()))]
    for k, a, b in counted or moved:
        old, new = numbers.value(a.group()), numbers.value(b.group())
        change = Change("counter", old=old, new=new, label=label, delta=numbers.delta(old, new))
        if k in day_positions and isinstance(new, int):
            change.expected = days
            if days is not None and change.delta is not None:
                change.on_schedule = change.delta == days
            if new_time is not None:
                change.since = (new_time.date() - timedelta(days=new)).isoformat()
        change.text = new_text
        out.append(change)
    return out
