"""The Solar Hijri and Hijri calendars, as the date grammar (`tracker.dates`) reads them.

Iranian and Afghan pages date everything in the Solar Hijri calendar ("۱۲ اردیبهشت ۱۴۰۳"), Arab
official pages often in the Hijri one beside the Gregorian ("٢٣ شوال ١٤٤٥ هـ"): a date widget in
either changes every day, and a deadline in either is a fact. CLDR names their months, but Babel
ships the Gregorian calendar's only, hence the lists below (each calendar's twelve months, in
the spellings pages use). Converted to the Gregorian day they mean: the Solar Hijri calendar
exactly (the arithmetic of its leap cycles, as jalaali-js computes it), the Hijri one by the
tabular calendar, a day or two from the Umm al-Qura calendar a page may follow: near enough
to tell today's date from a deadline moved. No clock, no I/O.
"""

from __future__ import annotations

from datetime import date

# Month names by (calendar, month number), lower case as the grammar reads them
_PERSIAN = "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند".split()
_HIJRI = (
    ("محرم",),
    ("صفر",),
    ("ربيع الأول", "ربيع الاول", "ربیع الاول", "ربیع‌الاول"),
    ("ربيع الآخر", "ربيع الثاني", "ربيع الاخر", "ربیع الثانی", "ربیع‌الثانی"),
    ("جمادى الأولى", "جمادى الاولى", "جمادی الاولی", "جمادی‌الاول"),
    ("جمادى الآخرة", "جمادى الثانية", "جمادى الاخرة", "جمادی الثانیه", "جمادی‌الثانی"),
    ("رجب",),
    ("شعبان",),
    ("رمضان",),
    ("شوال",),
    ("ذو القعدة", "ذي القعدة", "ذوالقعده", "ذی‌القعده"),
    ("ذو الحجة", "ذي الحجة", "ذوالحجه", "ذی‌الحجه"),
)
MONTHS: dict[str, tuple[str, int]] = {name: ("persian", n) for n, name in enumerate(_PERSIAN, 1)}
MONTHS.update({name: ("hijri", n) for n, names in enumerate(_HIJRI, 1) for name in names})

# Years pages write in them: 1300-1499 (1921-2121 and 1882-2076 in the Gregorian calendar)
YEAR = r"1[34]\d\d"

# The Solar Hijri years at which its 33-year leap cycle breaks (jalaali-js)
_BREAKS = (-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262)
_BREAKS += (2324, 2394, 2456, 3178)
# The tabular Hijri calendar's first day, 16 July 622 (Julian): 19 July 622 proleptic Gregorian
_HIJRI_EPOCH = date(622, 7, 19).toordinal()


def gregorian(calendar: str, year: int, month: int, day: int) -> date | None:
    """The Gregorian day of a date of `calendar` ("persian" or "hijri"); None when the calendar
    has no such day."""
    if not 1 <= month <= 12:
        return None
    if calendar == "persian":
        if not 1 <= day <= (31 if month <= 6 else 30):
            return None
        start = _nowruz(year)
        return date.fromordinal(start + (month - 1) * 31 - (month // 7) * (month - 7) + day - 1)
    if not 1 <= day <= 30:
        return None
    days = day + -(-(295 * (month - 1)) // 10) + (year - 1) * 354 + (3 + 11 * year) // 30
    return date.fromordinal(_HIJRI_EPOCH + days - 1)


def _nowruz(year: int) -> int:
    """The ordinal of the Gregorian day on which Solar Hijri `year` starts (1 Farvardin)."""
    gy = year + 621
    leap, previous, jump = -14, _BREAKS[0], 0
    for brk in _BREAKS[1:]:
        jump = brk - previous
        if year < brk:
            break
        leap += jump // 33 * 8 + jump % 33 // 4
        previous = brk
    n = year - previous
    leap += n // 33 * 8 + (n % 33 + 3) // 4
    if jump % 33 == 4 and jump - n == 4:
        leap += 1
    gregorian_leap = gy // 4 - (gy // 100 + 1) * 3 // 4 - 150
    return date(gy, 3, 20 + leap - gregorian_leap).toordinal()
