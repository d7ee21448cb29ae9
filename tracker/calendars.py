"""The Solar Hijri, Hijri and Hebrew calendars, as the date grammar (`tracker.dates`) reads them.

Iranian and Afghan pages date everything in the Solar Hijri calendar ("۱۲ اردیبهشت ۱۴۰۳"), Arab
official pages often in the Hijri one beside the Gregorian ("٢٣ شوال ١٤٤٥ هـ"), Israeli ones in
the Hebrew one ("כ״ג בניסן תשפ״ד", its numbers in letters): a date widget in any changes every
day, and a deadline in any is a fact. CLDR names their months, but Babel ships the Gregorian
calendar's only, hence the lists below (each calendar's months, in the spellings pages use).
Converted to the Gregorian day they mean: the Solar Hijri calendar exactly (the arithmetic of
its leap cycles, as jalaali-js computes it), the Hebrew one exactly (Calendrical Calculations'
arithmetic), the Hijri one by the tabular calendar, a day or two from the Umm al-Qura calendar a
page may follow: near enough to tell today's date from a deadline moved. No clock, no I/O.
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
# (as the compared text writes them: without a zero-width non-joiner, "ربیع‌الاول" is "ربیعالاول")
MONTHS: dict[str, tuple[str, int]] = {name: ("persian", n) for n, name in enumerate(_PERSIAN, 1)}
MONTHS.update(
    (name.replace("\u200c", ""), ("hijri", n))
    for n, names in enumerate(_HIJRI, 1)
    for name in names
)

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
        if month == 12 and day == 30 and _nowruz(year + 1) - start < 366:
            return None  # Esfand has 30 days in a leap year only
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


# --- the Hebrew calendar: "כ״ג בניסן תשפ״ד" (23 Nisan 5784, 1 May 2024) -----------------------
# Its numbers are letters (gematria): a day "כ״ג", a year "תשפ״ד" (784 of the sixth millennium),
# with a geresh or gershayim (or the apostrophe and quote keyboards type) before the last letter.
_LETTER_VALUES = dict(zip("אבגדהוזחטיכלמנסעפצקרשת", (*range(1, 10), *range(10, 100, 10),
                                                    *range(100, 500, 100)), strict=True))
_LETTER_VALUES.update({"ך": 20, "ם": 40, "ן": 50, "ף": 80, "ץ": 90})
# Months by the numbers of Calendrical Calculations (Nisan 1 … Adar 12, Adar II 13), "ב" ("in")
# before them as dates write them ("בניסן"); a plain Adar is Adar II in a leap year
_HEBREW_MONTHS = (
    ("ניסן",), ("אייר", "איר"), ("סיון", "סיוון"), ("תמוז",), ("אב", "מנחם אב"), ("אלול",),
    ("תשרי",), ("חשון", "חשוון", "מרחשון", "מרחשוון"), ("כסלו", "כסליו"), ("טבת",), ("שבט",),
    ("אדר", "אדר א׳", "אדר א'", "אדר א"), ("אדר ב׳", "אדר ב'", "אדר ב"),
)
HEBREW_MONTHS: dict[str, int] = {
    prefix + name: n
    for n, names in enumerate(_HEBREW_MONTHS, 1)
    for name in names
    for prefix in ("", "ב")
}
_PLAIN_ADAR = frozenset(("אדר", "באדר"))
# A year: thousands "ה׳" optional, then hundreds, tens and units, the mark before the last
HEBREW_YEAR = r"(?:ה['׳]\s?)?[ק-ת]{1,4}[א-צ]?(?:[\"״][א-ת]|['׳])"


def gematria(text: str) -> int:
    """The number letters write ("כ״ג" 23, "ט״ו" 15, "תשפ״ד" 784, "ה׳תשפ״ד" 5784)."""
    thousands = 0
    if len(text) > 2 and text[1] in "׳'":  # "ה׳תשפ״ד": a letter of thousands, then the year
        thousands, text = 1000 * _LETTER_VALUES.get(text[0], 0), text[2:]
    return thousands + sum(_LETTER_VALUES.get(c, 0) for c in text)


def hebrew_days() -> list[str]:
    """The days of a month as letters write them, each with either pair of marks."""
    out = []
    for n in range(1, 31):
        tens, units = divmod(n, 10)
        letters = "יכל"[tens - 1] if tens else ""
        if n in (15, 16):
            letters, units = "ט", n - 9
        letters += "אבגדהוזחט"[units - 1] if units else ""
        if len(letters) == 1:
            out += [letters + "׳", letters + "'"]
        else:
            out += [f"{letters[0]}״{letters[1]}", f'{letters[0]}"{letters[1]}']
    return out


def hebrew(year: str, month: str, day: str) -> date | None:
    """The Gregorian day of a Hebrew date written in letters; None when there is none."""
    y = gematria(year)
    if y < 1000:
        y += 5000  # the sixth millennium, as years are written without it
    m = 13 if month in _PLAIN_ADAR and _leap(y) else HEBREW_MONTHS[month]
    d = gematria(day)
    if m > (13 if _leap(y) else 12) or not 1 <= d <= _month_days(y, m):
        return None
    order = [*range(7, 14 if _leap(y) else 13), *range(1, 7)]  # the year's months from Tishrei
    before = sum(_month_days(y, k) for k in order[: order.index(m)])
    return date.fromordinal(_new_year(y) + before + d - 1)


# 1 Tishrei of year 1, 7 October 3761 BCE (Julian), as an ordinal of Python's proleptic calendar
_HEBREW_EPOCH = -1373427


def _leap(year: int) -> bool:
    return (7 * year + 1) % 19 < 7


def _elapsed(year: int) -> int:
    """Days from the epoch to the molad of Tishrei of `year`, postponed as the calendar's rules
    say (Calendrical Calculations)."""
    months = (235 * year - 234) // 19
    parts = 12084 + 13753 * months
    days = 29 * months + parts // 25920
    return days + 1 if 3 * (days + 1) % 7 < 3 else days


def _new_year(year: int) -> int:
    before, this, after = _elapsed(year - 1), _elapsed(year), _elapsed(year + 1)
    correction = 2 if after - this == 356 else 1 if this - before == 382 else 0
    return _HEBREW_EPOCH + this + correction


def _month_days(year: int, month: int) -> int:
    length = _new_year(year + 1) - _new_year(year)
    short = month in (2, 4, 6, 10, 13) or month == 12 and not _leap(year)
    short = short or month == 8 and length % 10 != 5 or month == 9 and length % 10 == 3
    return 29 if short else 30
