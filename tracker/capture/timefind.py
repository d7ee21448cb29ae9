"""When was a page captured? Read it off the page, else off the file name; never the mtime.

The sample pages open with a date line and a world clock ("26 October 2021 / Moscow: 00:03 /
London: 22:03"). The date is only true for one of the clocks: the one for which every clock on
the page names the same instant (DST-aware, through zoneinfo). That clock's offset is kept, so a
capture's day is the day the page itself showed. The date line is read by the project's one date
grammar (`tracker.dates`), so it may be written in any language that grammar knows.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.dates import parse_date_line
from tracker.errors import TrackerError
from tracker.models import AHEAD

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

# City (lowercase) -> IANA zone. Small on purpose: world clocks on embassy and ministry pages.
CITY_ZONES = {
    "moscow": "Europe/Moscow",
    "london": "Europe/London",
    "paris": "Europe/Paris",
    "berlin": "Europe/Berlin",
    "brussels": "Europe/Brussels",
    "madrid": "Europe/Madrid",
    "rome": "Europe/Rome",
    "vienna": "Europe/Vienna",
    "geneva": "Europe/Zurich",
    "kyiv": "Europe/Kyiv",
    "kiev": "Europe/Kyiv",
    "minsk": "Europe/Minsk",
    "istanbul": "Europe/Istanbul",
    "dublin": "Europe/Dublin",
    "new york": "America/New_York",
    "washington": "America/New_York",
    "ottawa": "America/Toronto",
    "los angeles": "America/Los_Angeles",
    "tokyo": "Asia/Tokyo",
    "beijing": "Asia/Shanghai",
    "delhi": "Asia/Kolkata",
    "new delhi": "Asia/Kolkata",
    "dubai": "Asia/Dubai",
    "sydney": "Australia/Sydney",
    "utc": "UTC",
    "gmt": "UTC",
}

_CLOCK = re.compile(
    r"^(?P<city>[A-Za-z][A-Za-z .'-]{1,30}?)\s*:\s*(?P<h>\d{1,2})[:.](?P<m>\d{2})"
    r"(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?$"
)
# The date and clocks sit in the page header: look no further than this many non-empty lines.
_HEAD_LINES = 30
_HEAD_CHARS = 8192
# A date with no clock: the time is unknown; noon UTC keeps the page's day in almost every zone.
_NOON = time(12, 0)

_STAMP14 = re.compile(r"(?<!\d)(\d{14})(?!\d)")
_ISO_NAME = re.compile(
    r"(?<!\d)(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T_ ](?P<h>\d{2})[:\-]?(?P<m>\d{2})(?:[:\-]?(?P<s>\d{2}))?(?P<tz>Z|[+\-]\d{2}:?\d{2})?)?"
    r"(?!\d)"
)


def find_time(
    text: str, filename: str | None = None, latest: datetime | None = None
) -> tuple[datetime, str] | None:
    """The capture time and how it was found ("page" or "filename"), or None. A date the page
    shows after `latest` (now, or the commit that stored it) is not when it was captured: the
    date of an event announced at its top."""
    found = time_on_page(text)
    if found is not None and (latest is None or found <= latest):
        return found, "page"
    if filename:
        found = time_in_name(filename)
        if found is not None:
            return found, "filename"
    return None


def capture_time(
    text: str, path: Path, at: datetime | None, folder: Path | None = None
) -> tuple[datetime, str]:
    """(time, how) for a file read by a reader: `--at`, else `find_time`, else the nearest
    folder below `folder` (the one named on the command line) whose name holds a time, as
    crawls are saved (`20210920075900/index.html`), else a clear refusal."""
    if at is not None:
        return (at if at.tzinfo else at.replace(tzinfo=UTC)), "at"
    found = find_time(text, path.name, datetime.now(UTC) + AHEAD)
    if found is None and folder is not None:
        try:
            below = path.parent.relative_to(folder).parts
        except ValueError:
            below = ()
        for name in reversed(below):
            when = time_in_name(name)
            if when is not None:
                found = when, "filename"
                break
    if found is None:
        raise TrackerError(
            f"{path}: no capture time on the page or in the file name",
            "give it with --at, e.g. --at 2021-09-20T10:59+03:00",
        )
    return found


def time_on_page(text: str) -> datetime | None:
    day, clocks = _read_head(text)
    if day is None:
        return None
    if not clocks:
        return datetime.combine(day, _NOON, UTC)
    for zone, local in clocks:  # first clock on the page first: it owns the date when several fit
        instant = _local(day, local, zone)
        if instant is not None and all(_shows(instant, z, t) for z, t in clocks):
            return instant
    # The clocks never agree (a broken page): trust the first one with the date.
    zone, local = clocks[0]
    return _local(day, local, zone) or datetime.combine(day, local, zone)


def time_in_name(name: str) -> datetime | None:
    """A 14-digit (Wayback-style, UTC) or ISO 8601 timestamp in a file name (UTC unless offset)."""
    for m in _STAMP14.finditer(name):
        try:
            return datetime.strptime(m.group(1), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        except ValueError:
            continue
    for m in _ISO_NAME.finditer(name):
        try:
            day = date.fromisoformat(m.group("date"))
            if m.group("h") is None:
                return datetime.combine(day, _NOON, UTC)
            clock = time(int(m.group("h")), int(m.group("m")), int(m.group("s") or 0))
        except ValueError:
            continue
        tz = m.group("tz")
        if tz and tz != "Z":
            sign = 1 if tz[0] == "+" else -1
            digits = tz[1:].replace(":", "")
            offset = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        else:
            offset = UTC
        return datetime.combine(day, clock, offset)
    return None


def _read_head(text: str) -> tuple[date | None, list[tuple[ZoneInfo, time]]]:
    """The date line and the run of clock lines next to it, from the top of the page."""
    day: date | None = None
    clocks: list[tuple[ZoneInfo, time]] = []
    seen = 0
    for raw in text[:_HEAD_CHARS].splitlines():
        line = " ".join(raw.replace("\xa0", " ").split())
        if not line:
            continue
        seen += 1
        if seen > _HEAD_LINES:
            break
        if day is None:
            day = _parse_date(line)
            if day is not None:
                continue
        clock = _parse_clock(line) if ":" in line else None
        if clock is not None:
            clocks.append(clock)
        elif day is not None and clocks:
            break  # the clock block has ended
    return day, clocks


def _parse_date(line: str) -> date | None:
    """A date line in any language of the date grammar ("26 October 2021", "3 июня 2023 г.")."""
    if len(line) > 40:
        return None
    return parse_date_line(line)


def _parse_clock(line: str) -> tuple[ZoneInfo, time] | None:
    m = _CLOCK.match(line)
    if m is None:
        return None
    zone = CITY_ZONES.get(" ".join(m.group("city").lower().split()))
    if zone is None:
        return None
    hour, minute = int(m.group("h")), int(m.group("m"))
    ampm = (m.group("ampm") or "").lower().replace(".", "")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    from zoneinfo import ZoneInfo  # 1.5-7 ms (it loads sysconfig): only a clock needs it

    return ZoneInfo(zone), time(hour, minute)


def _local(day: date, clock: time, zone: ZoneInfo) -> datetime | None:
    """The instant a wall clock in `zone` showed `clock` on `day`; None in a DST gap."""
    local = datetime.combine(day, clock, zone)
    if local.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        return None
    # Keep the page's own offset as a fixed offset: it is what the page showed, and it survives
    # a round trip through the sidecar's ISO string unchanged.
    return local.astimezone(timezone(local.utcoffset()))


def _shows(instant: datetime, zone: ZoneInfo, clock: time) -> bool:
    local = instant.astimezone(zone)
    return (local.hour, local.minute) == (clock.hour, clock.minute)


def parse_timestamp(value: str) -> datetime:
    """A user's --at: ISO 8601 or 14 digits. Naive means UTC; a date alone means 12:00 UTC."""
    text = value.strip()
    try:
        if re.fullmatch(r"\d{14}", text):
            return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.combine(date.fromisoformat(text), _NOON, UTC)
        when = datetime.fromisoformat(text)
    except ValueError:
        raise TrackerError(
            f"not a timestamp: {value!r}",
            "use ISO 8601, e.g. 2021-09-20T10:59+03:00 (no offset means UTC)",
        ) from None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)
