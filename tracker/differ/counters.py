"""Counters: each number that changed in a block whose text is otherwise the same.

A count of the days left to an event ("Noch 12 Tage bis zur Europawahl", "осталось 12 дней")
must fall by the days between the captures; any other move is an anomaly.

A count of days ("N days have passed since…", "N days ago", "day N of…", and a relative date in
days in any language the date grammar reads: "vor N Tagen", "il y a N jours", "N дней назад",
"Nd ago") must move by the days between the two captures' own dates; a jump, stall or reset is
an anomaly. Its epoch follows
from the new value: new capture's date minus N days (2018-03-04 for the Salisbury counter).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta

from tracker import dates
from tracker.differ import numbers
from tracker.differ.engagement import is_engagement
from tracker.differ.hints import days_countdown_at, days_counter_at
from tracker.differ.model import Change

# A block longer than this labels each of its numbers by the line around it, not by itself.
LABEL_MAX = 300
# A time left in hours and minutes ("termina en 3 h 12 min", "ends in 3h 12m", "noch 2 Std. 5
# Min.", "осталось 2 ч 5 мин", "残り3時間12分"): a countdown ticks with the clock
_HOURS_MINUTES = re.compile(
    r"(?<![\d.,:])(\d{1,3})\s?(?:h|hrs?|hours?|std\.?|stunden|godz\.?|ч\.?|час(?:а|ов)?|時間|小时|시간)"
    r"\s?(\d{1,2})\s?(?:(?:m|mins?|minutes?|mn|min\.?|minuten|мин\.?|минут[аы]?)(?![^\W\d_])"
    r"|分钟?|분)",
    re.I,
)
_DAY_MINUTES = 24 * 60


def countdown_positions(text: str) -> set[int]:
    """Which numbers of `text` (by position) count the days left to an event."""
    return {
        k
        for k, m in enumerate(numbers.NUMBER.finditer(text))
        if days_countdown_at(text, m.start(), m.end())
    }


def days_counter_positions(text: str) -> set[int]:
    """Which numbers of `text` (by position) count days."""
    return {
        k
        for k, m in enumerate(numbers.NUMBER.finditer(text))
        if days_counter_at(text, m.start(), m.end())
    }


def _inside(read, text: str, start: int, end: int):
    """Is position i inside one of the expressions `read` (`dates.find`: a date or time;
    `dates.day_counts`: a count of days relative to now, "vor 3 Tagen") finds in
    text[start:end]? Read when first asked, and only where the pair differs, with a margin
    wider than a date: the numbers that moved are there, and `only_dates_differ` read the same
    stretch just before (`dates.find` remembers it)."""
    found: list[tuple[int, int]] | None = None

    def inside(i: int) -> bool:
        nonlocal found
        if found is None:
            found = [(e.start, e.end) for e in read(text, start, end)]
        return _within(i, found)

    return inside


def _within(i: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= i < b for a, b in spans)


def label_at(text: str, start: int, end: int) -> str:
    """The label of the number at text[start:end] in a long block: its line, numbers masked, cut
    to LABEL_MAX characters around it ("…" where cut). Bounded, so that a block of many numbers
    costs each of its changes a few hundred characters, not the block."""
    half = LABEL_MAX // 2
    lo = text.rfind("\n", max(0, start - half), start) + 1 or max(0, start - half)
    hi = text.find("\n", end, end + half)
    hi = min(len(text), end + half) if hi < 0 else hi
    head = "…" if lo > 0 and text[lo - 1] != "\n" else ""
    tail = "…" if hi < len(text) and text[hi] != "\n" else ""
    return f"{head}{numbers.mask(text[lo:start])}#{numbers.mask(text[end:hi])}{tail}"


def label_index(text: str, start: int) -> int:
    """Which `#` of `label_at(text, start, …)` is the number at `start` (from 0)."""
    half = LABEL_MAX // 2
    lo = text.rfind("\n", max(0, start - half), start) + 1 or max(0, start - half)
    return numbers.mask(text[lo:start]).count("#")


def counter_changes(
    old_text: str,
    new_text: str,
    old_time: datetime | None,
    new_time: datetime | None,
    page_mark: Callable[[], str | None] | None = None,
    renumbered: bool = True,
) -> list[Change]:
    """One change per number that differs, outside dates; the two texts must be equal with
    numbers masked (and differ outside dates: the engine makes a date-only pair volatile).

    A footnote marker renumbered ("km[1]" → "km[2]", `numbers.REFERENCE`) is skipped. A list
    number that shifted ("2. " → "3. ") is skipped, unless not `renumbered` (no item
    added or removed explains it: the steps swapped places). A number that is an engagement count
    gets `reason` "engagement", one that kept its value ("60" → "60,00") `reason` "format", a
    version ("3.2.1") `reason` "version": the engine turns those into noise and a rewrite; what
    is left is a fact (a fee, a population, a level).
    `page_mark` gives the page's decimal mark when the block's own numbers leave "1.243"
    ambiguous (numbers.page_mark)."""
    days = (new_time.date() - old_time.date()).days if old_time and new_time else None
    whole = numbers.mask(new_text) if len(new_text) <= LABEL_MAX else None
    day_positions = days_counter_positions(new_text)
    down_positions = countdown_positions(new_text) if days is not None else set()
    mark = numbers.pair_mark(old_text, new_text, page_mark)
    lo, ln = numbers.leading_ordinal(old_text), numbers.leading_ordinal(new_text)
    out = []
    pairs = zip(numbers.NUMBER.finditer(old_text), numbers.NUMBER.finditer(new_text), strict=True)
    moved = [(k, a, b) for k, (a, b) in enumerate(pairs) if a.group() != b.group()]
    if moved and "[" in old_text:  # a footnote marker renumbered: numbering, not a figure
        refs_old, refs_new = numbers.reference_spans(old_text), numbers.reference_spans(new_text)
        moved = [
            (k, a, b)
            for k, a, b in moved
            if not (_within(a.start(), refs_old) and _within(b.start(), refs_new))
        ]
    numbered = False
    if renumbered and moved and moved[0][0] == 0 and lo and ln:
        _, a, b = moved[0]
        if a.end() <= lo.end() and b.end() <= ln.end():
            moved, numbered = moved[1:], True  # the item's list number: renumbered
    # a date is never a counter: "Updated 3 June: 12 cases" counts the 12 (every number is kept
    # when all are in dates that still differ in form: the block must be reported somehow)
    start, end_old, end_new = dates.differing_window(old_text, new_text)
    ticking = _ticking(old_text, new_text, old_time, new_time) if moved else set()
    in_old = _inside(dates.find, old_text, start, end_old)
    in_new = _inside(dates.find, new_text, start, end_new)  # read only for a number in a date
    # a count of days is one on both sides of a counter pair: the old side, which
    # `only_dates_differ` read
    in_days = _inside(dates.day_counts, old_text, start, end_old)
    counted = [(k, a, b) for k, a, b in moved if not (in_old(a.start()) and in_new(b.start()))]
    if numbered and moved and not counted:
        # a renumbered item whose only other change is its date stamp: the block is reported
        # already (numbering), the stamp is noise
        moved = []
    for k, a, b in counted or moved:
        old, new = numbers.value_at(old_text, a, mark), numbers.value_at(new_text, b, mark)
        if whole is not None:
            label, index = whole, numbers.mask(new_text[: b.start()]).count("#")
        else:
            label = label_at(new_text, b.start(), b.end())
            index = label_index(new_text, b.start())
        change = Change("counter", old=old, new=new, label=label, delta=numbers.delta(old, new))
        change.index = index
        change.old_written = numbers.written(old_text, a.start(), a.end())
        change.new_written = numbers.written(new_text, b.start(), b.end())
        # the words around a number are read in a bounded window: a block of many numbers
        # must not cost each of them the whole block
        if (
            numbers.is_version(a.group(), old_text[max(0, a.start() - 20) : a.start()])
            or numbers.is_version(b.group(), new_text[max(0, b.start() - 20) : b.start()])
            or numbers.version_pair(a.group(), b.group())
        ):
            change.reason = "version"
        elif change.delta == 0:  # the same value written another way ("60" → "60,00")
            change.reason = "format"
        elif b.start() in ticking:
            change.reason = "clock"
        elif isinstance(new, int) and (k in day_positions or in_days(a.start())):
            change.expected = days
            if days is not None and change.delta is not None:
                change.on_schedule = change.delta == days
                if not change.on_schedule and k not in day_positions:
                    # "Updated 4 days ago" → "2 days ago": a relative date off its schedule
                    # is a stamp the page renewed (the item or the page was updated), not a
                    # counter reset; "N days have passed since", "day N of" stay counters
                    change.reason = "date"
            if new_time is not None:
                try:
                    change.since = (new_time.date() - timedelta(days=new)).isoformat()
                except OverflowError:  # more days than the calendar holds: no epoch
                    pass
        elif isinstance(new, int) and k in down_positions:
            # the days left to an event: one fewer a day ("Noch 12 Tage bis zur Wahl")
            change.expected = -days
            change.on_schedule = change.delta == -days
        elif change.new_written == b.group() and is_engagement(
            new_text[max(0, b.start() - 120) : b.start()], new_text[b.end() : b.end() + 80]
        ):
            change.reason = "engagement"
        change.text = new_text
        out.append(change)
    return out


def _ticking(old_text: str, new_text: str, old_time, new_time) -> set[int]:
    """Where the numbers of a time left in hours and minutes (`_HOURS_MINUTES`) start in
    `new_text`, when it went down by the time between the captures (a minute either way; a
    countdown to a daily deadline also by that less whole days): a ticking countdown, noise.
    A duration that moved otherwise (a journey that takes longer) stays a figure."""
    if old_time is None or new_time is None:
        return set()
    elapsed = round((new_time - old_time).total_seconds() / 60)
    olds, news = _HOURS_MINUTES.findall(old_text), list(_HOURS_MINUTES.finditer(new_text))
    if elapsed <= 0 or not olds or len(olds) != len(news):
        return set()
    out: set[int] = set()
    for (oh, om), m in zip(olds, news, strict=True):
        down = int(oh) * 60 + int(om) - (int(m.group(1)) * 60 + int(m.group(2)))
        if (down - elapsed + 1) % _DAY_MINUTES <= 2:
            out.update((m.start(1), m.start(2)))
    return out
