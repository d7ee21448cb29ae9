"""Dates and times as pages write them: the one date grammar of the project.

The differ uses it to tell a block whose only difference is a date or a time (noise) from a real
change; capture uses it to read the date a page shows. Month and weekday names (full,
abbreviated, genitive and stand-alone forms), relative forms ("3 hours ago", "3h ago", "il y a
3 heures", "вчера", "last week"), and the characters that mark a CJK date's or time's parts
("2024年5月1日", "9時40分": CLDR's date and time patterns) come from CLDR through Babel rather
than hand lists, so every language is spelled the way its locale data spells it; digits of any
script read as ASCII ones ("١ مايو ٢٠٢٤"). Reading them from Babel costs ~0.1 s,
more than a diff of the samples, so they are read on first use and kept in a small JSON file in
the user's cache folder (the only file this module writes; any failure to read or write it only
costs that load again); the grammar is compiled on first use, with only the names the texts
read hold (see `vocabulary`), and kept for the process. The standard `re` engine runs it: each
name list is written out as an alternation, longest name first (`_compile`); the `regex`
module's named lists cost its 5 ms import and twice the build. No clock, no git, no terminal.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache, partial
from itertools import chain, filterfalse, zip_longest
from operator import add
from pathlib import Path

from tracker import calendars

LOCALES = ("en", "ru", "fr", "de", "es", "it", "pt", "nl", "pl", "uk")
LOCALES += ("ja", "zh", "ko", "ar", "he", "tr", "el")
LOCALES += ("sv", "cs", "fi", "vi", "id", "th", "hi", "fa")
# Their abbreviations of three Latin letters or fewer are words of the languages before them
# (Czech "pro" December, Indonesian "Des", Finnish "la" Saturday, Swedish "to" Thursday: "des
# 12 communes", "14 to 16 June"): only their full names and longer abbreviations are read.
_TERSE_FROM = LOCALES.index("sv")
# Relative units, by what they make of a stamp: a clock or a date. Days on their own: "N days
# ago" that stays in days is a day counter, whose schedule is checked (tracker.differ.counters);
# one whose unit changes ("3 hours ago" → "2 days ago") is a date.
_RELATIVE_UNITS = {"second": "clock", "minute": "clock", "hour": "clock", "day": "day"}
_RELATIVE_UNITS.update(week="date", month="date", year="date")
# How short the unit after a prefix may be (past: "il y a 1 an", "vor 2 Wo."; a future form
# needs a word: "in 3 mo" is no stamp), and the one-letter units it may be ("il y a 3 h",
# "il y a 2 j", "hace 3 d"): "vor 3 m" and "in 3 s" are a measure's metres and seconds.
_SHORT_UNITS = {"past": (2, ("h", "j", "d")), "future": (3, ("h",))}
# Stamps CLDR does not spell (its "now", "jetzt", "nu" are words of any sentence), by kind:
# "just now" and its like (a clock), a count of one with no number (a clock or a date), and
# English abbreviations in use beside CLDR's own ("2 hrs ago" beside "2 hr. ago").
_EXTRA_RELATIVE = {
    "now": (
        "just now", "a moment ago", "moments ago", "seconds ago", "à l'instant",
        "il y a un instant", "gerade eben", "soeben", "vor einem moment", "justo ahora",
        "ahora mismo", "hace un momento", "proprio ora", "poco fa", "un'ora fa", "agora mesmo",
        "há pouco", "há instantes", "zojuist", "zonet", "przed chwilą", "godzinę temu",
        "minutę temu", "только что", "минуту назад", "час назад", "щойно", "хвилину тому",
        "годину тому",
    ),
    "day_words": (
        "день назад", "неделю назад", "месяц назад", "год назад", "день тому", "тиждень тому",
        "місяць тому", "рік тому", "dzień temu", "tydzień temu", "miesiąc temu", "rok temu",
    ),
    "clock_": ("hrs ago", "mins ago", "secs ago"),
    "date_": ("wks ago", "yrs ago", "mos ago"),
}
# Indonesian pages write "3 jam lalu" beside CLDR's "3 jam yang lalu"
_EXTRA_RELATIVE["clock_"] += ("detik lalu", "menit lalu", "jam lalu")
_EXTRA_RELATIVE["date_"] += ("minggu lalu", "bulan lalu", "tahun lalu")
_EXTRA_RELATIVE["day_"] = ("hari lalu",)
# Numbers as words, where a relative form may hold one: first in the languages whose forms end
# in a word ("an hour ago", "a few days ago", "een uur geleden", "несколько часов назад"), after
# the prefix in the others ("vor einer Stunde", "il y a quelques jours", "hace unos días")
_NUMBER_FIRST = ("a", "an", "one", "a few", "few", "several", "een", "een paar", "enkele")
_NUMBER_FIRST += ("un", "una", "alcuni", "alcune", "pochi", "poche", "kilka", "несколько")
_NUMBER_FIRST += ("кілька",)
_NUMBER_WORDS = (*_NUMBER_FIRST, "une", "quelques", "ein", "eine", "einem", "einen", "einer")
_NUMBER_WORDS += ("einigen", "wenigen", "uno", "unos", "unas", "varios", "varias", "um", "uma")
_NUMBER_WORDS += ("alguns", "algumas", "poucos", "poucas")
# Weeks, months and years before this one ("last week", "letzte Woche", "на прошлой неделе")
_RELATIVE_LAST = ("week", "month", "year")
_RELATIVE_DAYS = (-2, -1, 0, 1, 2)  # "day before yesterday" … "day after tomorrow"
# The days around today in forms CLDR does not list beside its own (Ukrainian "вчора" beside
# "учора"), by their offset from today
_EXTRA_DAYS = {"вчора": -1, "позавчора": -2}
_EXTRA_DAYS.update(igår=-1, idag=0, imorgon=1, förrgår=-2)  # Swedish beside "i går", "i dag"
# Written forms CLDR does not list as names, in languages whose pages we read.
_EXTRA_MONTHS = {"sept": 9, "sep": 9, "june": 6, "july": 7, "setiembre": 9}
_EXTRA_MONTHS.update(aout=8, fevrier=2, fevr=2, decembre=12)  # French written without accents
_EXTRA_WEEKDAYS = ("tues", "wednes", "thur", "thurs")
# Prefixes pages write beside CLDR's own: Arabic "منذ ٣ ساعات" ("since") beside "قبل ٣ ساعات"
_PREFIX_ALIASES = {"قبل": ("منذ",)}
# Japanese era names by the Gregorian year before their first ("令和6年" is 2018 + 6 = 2024;
# "令和元年" its first year): CLDR's Japanese calendar is not in Babel's data
ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911}
# The characters CLDR's date and time patterns glue to a field ("y年M月d日", "y년 MMMM d일",
# "H時mm分"), by the name list they make: a CJK date's or time's marks
_MARKS = {"y": "year_marks", "d": "day_marks", "H": "hour_marks", "h": "hour_marks"}
_MARKS.update(m="minute_marks")
_GLUED_MARK = r"([yMdHhm])\1*([^\W\d_A-Za-z]+)"  # compiled when Babel is read
# A letter CLDR glues before a month name ("d בMMMM y": Hebrew "1 במאי 2024", "in May")
_MONTH_PREFIX = r"([^\W\d_A-Za-z]+)M{3,}"
_CACHE_FORMAT = 15
_NAME_KEYS = frozenset(
    ("months", "lists", "pairs", "day_units", "day_offsets", "day_ahead", "currencies")
)
_MAX_VOCABULARIES = 8  # grammars built for the names read before the full one serves all

_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_ORDINAL = r"(?:st|nd|rd|th|er|re|e|\.?[º°ª]|o|-?го|-?е)?"
_YEAR = r"(?:1[6-9]|2\d)\d\d"
_YEAR_TAIL = r"(?:\s?(?:г\.|года|г(?!\w)|р\.|року|r\.|roku))?"
# the marks of a Hijri or Solar Hijri year ("1445 هـ", "١٤٠٣ ه.ش", "1403 هجری شمسی")
_OTHER_TAIL = r"(?:\s?(?:هـ|ه\.\s?[قش]\.?|هجری شمسی|هجری قمری|هجري|ش(?!\w)|ق(?!\w)))?"
# A time of day: 16:40, 4:40 PM, 4 pm, 16 h 40, 16h40, 16.40 Uhr, 16 Uhr; then a zone. Not a
# duration: "3 h 12 min", "2h30mn" (a journey's length, a countdown).
# Zones are matched in lower case: not "est" nor "west", which are words in French and English.
_ZONE = (
    r"(?:\s?\(?(?:utc|gmt|cet|cest|eet|eest|msk|мск|bst|edt|cst|cdt|mst|mdt|pst|pdt|z)"
    r"(?:\s?[+\-−]\s?\d{1,2}(?::?\d{2})?)?\)?(?!\w))?"
)
_AMPM = r"\s?[ap]\.?\s?m\b\.?"
# Noon and midnight by name (not Polish "północ" nor Ukrainian "північ": also "north")
_TIME_WORDS = (
    "noon", "midday", "midnight", "midi", "minuit", "mitternacht", "mediodía", "medianoche",
    "mezzogiorno", "mezzanotte", "meio-dia", "meia-noite", "middernacht", "полдень", "полночь",
)
_HOUR = r"(?:[01]?\d|2[0-3])"
_TIME = (
    rf"(?:{_HOUR}:[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?(?!\d)(?:{_AMPM}|\s?u[hu]r\b|\s?ч\.)?"
    rf"|{_HOUR}\.[0-5]\d\s?u[hu]r\b|{_HOUR}\s?u[hu]r\b"
    rf"|{_HOUR}\s?h\s?[0-5]\d(?!\d|\s?mi?n)|(?:1[0-2]|0?[1-9]){_AMPM}"
    rf"|(?:12\s)?(?:{'|'.join(_TIME_WORDS)})|{_HOUR}\s?h(?!\w))"
    rf"{_ZONE}"
)
# 9.15 after the Nordic "klo", "kl." ("klo 9.15", "kl. 14.30"): alone it is a decimal
_NORDIC_TIME = rf"(?:(?<=kl[o.]\s)|(?<=kl\s)){_HOUR}\.[0-5]\d(?![\d.,]\d)"
# What a look-ahead needs of `_TIME`: whether one starts there, which neither its zone nor what
# may follow a clock's minutes decides ("16:40" starts "16:40:05 pm"; "16:405" starts none):
# the same answers, in a third less of the pattern, compiled in every grammar built.
_TIME_AHEAD = _TIME.removesuffix(_ZONE).replace(
    rf"(?::[0-5]\d(?:[.,]\d+)?)?(?!\d)(?:{_AMPM}|\s?u[hu]r\b|\s?ч\.)?", r"(?!\d)", 1
)
# "14 h", "14h": a time only where it follows a date ("le 6 mai 2024 à 14 h"); alone it is as
# likely a duration ("livraison en 24 h", "ouvert 12h") or a count
_HOUR_ONLY = re.compile(rf"{_HOUR}\s?h{_ZONE}")
# ... unless a word says it is the hour something happens at ("Ouverture à 9 h", "vers 14 h")
_AT_HOUR = re.compile(r"(?<!\w)(?:à|vers|dès)\s$")
_ISO = (
    rf"{_YEAR}-(?:0\d|1[0-2])-(?:[0-2]\d|3[01])"
    r"(?:[t ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:z|[+\-]\d{2}:?\d{2})?)?"
)
_NUMERIC = rf"{_DAY}(?P<sep>[./]){_DAY}(?P=sep)(?:{_YEAR}|\d\d)(?![\d])|{_YEAR}/{_DAY}/{_DAY}(?!\d)"
# 2024.05.01 (year first, two-digit month and day: "2024.5.1" may be a version), 2024. 5. 1.;
# 1. 5. 2024, as Czech, Slovak, Croatian and German write it (a four-digit year: "1. 5. 20"
# may be a list's numbers)
_NUMERIC += (
    rf"|{_YEAR}\.(?:0[1-9]|1[0-2])\.(?:[0-2]\d|3[01])(?!\.?\d)"
    rf"|{_YEAR}\.\s(?:1[0-2]|0?[1-9])\.\s{_DAY}\.(?!\d)"
    rf"|{_DAY}\.\s(?:1[0-2]|0?[1-9])\.\s{_YEAR}(?!\d)"
)
# 12-05-2024 (a four-digit year, and no hyphen either side: not a phone "020-7946-0958", a code
# "AB-12-05-2024-7" nor a range "3-5"); 06.05. with no year, only before a time ("Stand: 06.05.,
# 14:05 Uhr") or a range to a full date ("03.05.–06.05.2024"): alone it may end a sentence on a
# decimal ("rose to 3.4."); a calendar week ("KW 19", "KW 19/2024")
_MONTH_NO = r"(?:1[0-2]|0?[1-9])"
_NUMERIC += (
    rf"|(?<!-){_DAY}-{_DAY}-{_YEAR}(?![\d-])"
    rf"|{_DAY}\.{_MONTH_NO}\.(?=,?\s?(?:um\s)?{_TIME_AHEAD}|\s?[-–—]\s?{_DAY}\.{_MONTH_NO}\.)"
    rf"|kw\s?(?:5[0-3]|[1-4]\d|0?[1-9])(?!\d)(?:\s?/\s?{_YEAR}(?!\d))?"
)
# 113-05-01, 113/05/01, 113.05.01: a year of Taiwan's Minguo calendar (1911 + 113 = 2024), as
# its official pages date things, with a two-digit month and day; no digit, hyphen or dot
# either side (a code "A-113-05-01", a version "113.05.01.2")
_MINGUO = 1911
_ROC_DATE = r"(?<![\d.-])1[01]\d(?P<roc>[-/.])(?:0[1-9]|1[0-2])(?P=roc)(?:0[1-9]|[12]\d|3[01])"
_NUMERIC += rf"|{_ROC_DATE}(?![\d-]|\.\d)"
# What may sit between two dates or two times of one range or list ("9:00–17:00", "9am to 5pm",
# "de 9 h à 17 h", "von 9 bis 17 Uhr", "с 9:00 до 18:00", "3 and 4 June")
_RANGE = re.compile(
    r"\s?(?:[,:;|/–—\-～〜]|to|until|till|through|thru|and|or|bis|und|oder|au|à|et|ou|a|al|hasta|y|o"
    r"|tot|t/m|en|do|i|и|или|до|по|alle|e)?\s?",
    re.I,
)
_BARE_HOUR = re.compile(
    r"(?<![\w.,:])(?:[01]?\d|2[0-3])(?:[:.h][0-5]\d|\s?h)?\s?(?:[-–—]|to|until|bis|à|a|до|hasta|tot)\s?$"
)
# A bare day before a range word opens a range of dates sharing a month ("3–5 June", "3.–5.
# Juni", "du 3 au 5 juin", "vom 3. bis 5. Juni", "с 3 по 5 июня", "del 3 al 5 de junio", "3 and
# 4 June", "03.–05.06.2024"): a period, a fact like "3 June – 5 July"
_BARE_DAY = re.compile(
    rf"(?<![\w.,:/-]){_DAY}(?:st|nd|rd|th|er|-?го|-?е)?\.?\s?"
    r"(?:[-–—]|to|till|until|through|thru|and|bis|und|au|et|a|al|y|hasta|tot|t/m|tot en met|en"
    r"|do|i|по|до|и|alle|e)\s?$"
)
# The day a date starts with (not ISO's year): only such a date may end a range of days
_DAY_FIRST = re.compile(rf"{_DAY}(?!\d)")
_LEAD = re.compile(r"[^\W\d_]+\s")
# The second day of a month-first range ("June 3–5, 2024", "May 9 to 12")
_TO_DAY = (
    rf"(?:\s?[-–—]\s?|\s(?:to|through|thru|and|&)\s){_DAY}{_ORDINAL}(?![\d:.]\d)(?!{_AMPM})"
)
# A word that opens a half range before one date or time ("until 5pm", "bis 18 Uhr", "hasta las
# 14:00", "до 18:00", "jusqu'à 18 h", "à partir de 9 h", "from 9:00", "ab 9 Uhr", "desde las 9",
# "с 9:00"): opening hours and deadlines, facts like a full range.
_OPENS = re.compile(
    r"(?<!\w)(?:until|till|from|bis|ab|von|hasta|desde|a partir de|jusqu['’]à|jusqu['’]a"
    r"|à partir de|dès|tot|vanaf|fino alle|dalle|до|с|со|от|после"
    # and before a date ("until 5 July", "bis zum 5. Juli", "jusqu'au 15 mai", "hasta el 5 de
    # julio", "до 5 июля", "по 5 июля", "fino al 5 luglio", "até 5 de julho", "t/m 5 juli")
    r"|through|jusqu['’]au|jusqu['’]en|à compter du|a partir del|à partir du|fino al|dal"
    r"|até|t/m|tot en met|do|od|по|з|від)(?:\s(?:las?|les?|ore|el|zum|dem|the|ao))?\s?$"
)
# before a date, "от" and "від" say when a document was dated ("Приказ от 5 июля"): no range
_DATED = frozenset(("от", "від"))
# What may sit between two parts of one date expression ("3 June 2023, 16:40", "à 16 h 40").
_JOIN = re.compile(
    r"\s?[,:|/–—-]?\s?(?:(?:at|à|a las|a la|um|alle|às|om|o|в|о|kl\.?|klo|on|le|am|el|il|op|em)"
    r"\s)?",
    re.I,
)


@dataclass(frozen=True)
class Expression:
    """One date/time expression in a text; `clock` when it holds only a time of day or a time
    relative to now in seconds, minutes or hours; `span` when it is a range or list of two or
    more dates or times ("9am to 5pm", "3–5 June"): opening hours and periods are facts."""

    start: int
    end: int
    text: str
    clock: bool
    span: bool = False
    last: str = ""  # what its last part is: "date", "time" or "relative"
    days: bool = False  # a count of days alone ("3 days ago", "vor 3 Tagen"): see `find`


def _load_names() -> dict[str, list]:
    """The CLDR names the grammar needs, from Babel: month names with their numbers, weekday
    names, relative forms split around their number, words for the days around today."""
    from babel import Locale

    months: dict[str, int] = dict(_EXTRA_MONTHS)
    weekdays: set[str] = set(_EXTRA_WEEKDAYS)
    # "il y a {0} heures": prefix and unit, kept as pairs of one language ("over" is Dutch, so
    # "over 3 hours" is no relative time); "{0} часа назад": unit and suffix
    kinds = sorted(set(_RELATIVE_UNITS.values()))
    rel: dict[str, set[str]] = {k: set() for k in ["pre", *kinds, *(f"{k}_" for k in kinds)]}
    pairs: set[str] = set()
    day_words: set[str] = set(_EXTRA_RELATIVE["day_words"])
    marks: dict[str, set[str]] = {k: set() for k in _MARKS.values()}
    day_units: set[str] = set()
    day_offsets: dict[str, int] = dict(_EXTRA_DAYS)
    day_ahead: set[str] = set()
    day_words.update(_EXTRA_DAYS)
    for kind, extra in _EXTRA_RELATIVE.items():
        if kind != "day_words":
            rel.setdefault(kind, set()).update(extra)
    for index, code in enumerate(LOCALES):
        loc = Locale.parse(code)
        terse = partial(_terse, index >= _TERSE_FROM)
        fields = loc._data["date_fields"]
        patterns = [loc.date_formats[w].pattern for w in ("full", "long", "medium")]
        patterns += [loc.time_formats[w].pattern for w in ("full", "long")]
        for pattern in patterns:
            for field, mark in re.findall(_GLUED_MARK, pattern):
                if field in _MARKS:
                    marks[_MARKS[field]].add(_word(mark))
        prefixes = {""} | set(re.findall(_MONTH_PREFIX, patterns[1]))
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for no, name in loc.months[context][width].items():
                    for prefix in prefixes:
                        if not terse(width, _word(prefix + name)):
                            months[_word(prefix + name)] = no
                for name in loc.days[context][width].values():
                    if not terse(width, _word(name)):
                        weekdays.add(_word(name))
        for unit, kind in _RELATIVE_UNITS.items():
            # narrow forms ("3h ago", "2d ago") in the past only: "in 3d" is a film
            for variant, directions in (
                (unit, ("past", "future")),
                (f"{unit}-short", ("past", "future")),
                (f"{unit}-narrow", ("past",)),
            ):
                if kind == "day":  # "in 3 days" counts down to a deadline: left a number
                    directions = ("past",)
                for direction in directions:
                    for pattern in (fields.get(variant) or {}).get(direction, {}).values():
                        before, _, after = (_word(p) for p in pattern.partition("{0}"))
                        shortest, letters = _SHORT_UNITS[direction]
                        if _LETTERS.search(before) and (len(after) >= shortest or after in letters):
                            for b in chain(_forms(before), _PREFIX_ALIASES.get(before, ())):
                                rel["pre"].add(b)
                                for a in _forms(after):
                                    rel[kind].add(a)
                                    pairs.add(f"{b}|{a}")
                        elif after and not before:
                            rel[f"{kind}_"].update(_forms(after))
        day = fields.get("day") or {}
        # "in {0} Tagen", "через {0} дней", "{0}日後": the days left to a date (the long forms:
        # the short ones' "g", "j" are also measures), as "before|after" the number
        for pattern in (day.get("future") or {}).values():
            parts = [_word(p).replace(" ", "") or "x" for p in pattern.split("{0}", 1)]
            if len(parts) == 2 and all(map(_LETTERS.fullmatch, parts)):
                day_ahead.add("|".join(_word(p) for p in pattern.split("{0}", 1)))
        for offset, word in (day.get("relative") or {}).items():
            if offset in _RELATIVE_DAYS:
                day_words.update(_forms(_word(word)))
                day_offsets.update(dict.fromkeys(_forms(_word(word)), offset))
        for unit in _RELATIVE_LAST:
            for variant in (unit, f"{unit}-short", f"{unit}-narrow"):
                word = ((fields.get(variant) or {}).get("relative") or {}).get(-1)
                if word:
                    day_words.update(_forms(_word(word)))
        # "1296 дней", "seit 1296 Tagen": a duration in days, in every plural form ("800日",
        # "800天", "800일": a CJK unit of one character)
        for width in ("long", "short"):
            patterns = loc._data["unit_patterns"].get("duration-day", {}).get(width, {})
            for form, pattern in patterns.items():
                if form != "per":
                    words = _LETTERS.findall(_word(pattern))
                    day_units.update(w for w in words if len(w) > 1 or _cjk(w))
    lists = {k: sorted(v) for k, v in rel.items()}
    lists.update(weekdays=sorted(weekdays), day_words=sorted(day_words), eras=sorted(ERAS))
    lists.update(other_months=sorted(calendars.MONTHS))  # Solar Hijri and Hijri months
    lists.update(hebrew_months=sorted(calendars.HEBREW_MONTHS), hebrew_days=calendars.hebrew_days())
    lists.update((k, sorted(v)) for k, v in marks.items())
    for unit in lists.get("day", ()):  # the relative forms' units: "vor 3 Tagen", "3 дня назад"
        day_units.update(w for w in _LETTERS.findall(unit) if len(w) > 1)
    for unit in lists.get("day_", ()):
        day_units.update(w for w in _LETTERS.findall(unit)[:1] if len(w) > 1)
    return {
        "months": sorted(months.items()),
        "lists": lists,
        "pairs": sorted(pairs),
        "day_units": sorted(day_units),
        "day_offsets": sorted(day_offsets.items()),
        "day_ahead": sorted(day_ahead),
        "currencies": _currencies(),
    }


def _currencies() -> dict[str, list[str]]:
    """Each name a currency goes by in CLDR (lower case) to its ISO codes: the code itself and
    its symbols in the languages read ("zł", "Kč", "R$", "Rp", "₫"; `numbers.same_currency`).
    Kept with the names: Babel's locale data costs ~0.2 s to read."""
    from babel import Locale
    from babel.numbers import list_currencies

    names: dict[str, set[str]] = {}
    for code in list_currencies():
        names.setdefault(code.lower(), set()).add(code)
    for lang in LOCALES:
        for code, symbol in Locale.parse(lang).currency_symbols.items():
            names.setdefault(symbol.lower(), set()).add(code)
    return {name: sorted(codes) for name, codes in sorted(names.items())}


def currencies() -> dict[str, list[str]]:
    """`_currencies`, read from the names kept between runs."""
    return _names()["currencies"]


def _terse(late: bool, width: str, name: str) -> bool:
    """Whether an abbreviated name of a language read after `_TERSE_FROM` is a word of three
    Latin letters or fewer, which other languages write as words."""
    return late and width == "abbreviated" and len(name) <= 3 and _LATIN.fullmatch(name) is not None


_LATIN = re.compile(r"[a-z\u00c0-\u024f]+")


def _word(name: str) -> str:
    """A name as the normalised text of a page writes it: lower case, single spaces, no
    trailing dot (the grammar makes the dot optional), no zero-width joiner or non-joiner (the
    compared text has none: Persian "سه‌شنبه" is read "سهشنبه")."""
    name = name.replace("\u200c", "").replace("\u200d", "")
    return " ".join(name.replace("\u2019", "'").split()).lower().rstrip(".")


def _forms(name: str) -> set[str]:
    """A name as pages write it: with and without the dots of its abbreviations inside ("min.
    ago", "min ago"), with either apostrophe ("aujourd'hui", "aujourd’hui")."""
    forms = {name, name.replace(". ", " ")}
    return forms | {f.replace("'", "\u2019") for f in forms}


def _cache_file() -> Path | None:
    """Where the names are kept between runs: reading them from Babel's locale data costs more
    than a whole diff of the samples. Keyed by Babel's own files, so an upgrade refreshes it."""
    spec = importlib.util.find_spec("babel")
    if spec is None or spec.origin is None:
        return None
    origin = Path(spec.origin)
    try:
        stamp = origin.stat().st_mtime_ns
    except OSError:
        return None
    shape = (LOCALES, _RELATIVE_UNITS, _RELATIVE_DAYS, _EXTRA_MONTHS, _EXTRA_WEEKDAYS, _EXTRA_DAYS)
    shape += (_SHORT_UNITS, _EXTRA_RELATIVE, _RELATIVE_LAST, _PREFIX_ALIASES, ERAS, _MARKS)
    shape += (tuple(calendars.MONTHS), tuple(calendars.HEBREW_MONTHS))
    key = f"{origin.parent}|{stamp}|{shape!r}|{_CACHE_FORMAT}"
    digest = format(zlib.crc32(key.encode()), "08x")
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tracker" / f"cldr-dates-{digest}.json"


@cache
def _names() -> dict[str, list]:
    """The names, once per process (a dozen grammar parts ask; reading the file cost ~0.6 ms
    a time). Shared: never changed by its readers."""
    path = _cache_file()
    if path is not None:
        try:
            names = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(names, dict) and _NAME_KEYS <= names.keys():
                return names
        except (OSError, ValueError):
            pass
    names = _load_names()
    if path is not None:
        try:  # best effort: a read-only home only costs the next run the same load
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(names, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            pass
    return names


@cache
def _atoms(cjk: bool = True) -> re.Pattern:
    """One pattern for every date/time part; each name list appears once (a list used once
    keeps the build in milliseconds). `cjk`: with the boundaries of CJK text (`_has_cjk`)."""
    return _build_atoms(None, cjk)


@lru_cache(maxsize=_MAX_VOCABULARIES)
def _atoms_of(vocabulary: frozenset[str], cjk: bool = True) -> re.Pattern:
    """The grammar with only the names of `vocabulary`: the same answers on any text that holds
    no other name, built in a fraction of the time (the full lists cost ~7 ms a process)."""
    return _build_atoms(vocabulary, cjk)


def _either(words) -> str:
    """`words` as one alternation, the longest first, so it matches the longest word that fits
    ("a few" before "a") and backtracks to shorter ones; no word ("(?!)") matches nothing.
    The one builder of the grammar's name lists (`_compile`, `_calendar_pattern`)."""
    if not words:
        return "(?!)"
    return "(?:" + "|".join(map(re.escape, sorted(set(words), key=lambda w: (-len(w), w)))) + ")"


def _build_atoms(keep: frozenset[str] | None, cjk: bool = True) -> re.Pattern:
    atom, lists = _grammar(keep, cjk)
    return _compile(atom, **lists)


def _grammar(keep: frozenset[str] | None, cjk: bool = True) -> tuple[str, dict[str, list[str]]]:
    """The grammar's source, each name list written `\\L<name>` as the `regex` module writes a
    named list, and those lists (only the names of `keep`, unless it is None). Not `cjk`: for
    a text with no CJK character, whose word boundaries are plain (a class of the CJK
    characters costs a millisecond to compile)."""
    names = _names()
    lists = {k: [n for n in v if keep is None or n in keep] for k, v in names["lists"].items() if v}
    months = [m for m, _ in names["months"] if keep is None or m in keep]
    # "5月", "5월": a month by its number and mark, only in a CJK date
    lists["cjk_months"] = [m for m in months if m[0].isdigit()]
    months = [m for m in months if not m[0].isdigit()]
    number = rf"(?:\d+|{_either(_NUMBER_WORDS)})"
    year = rf"{_YEAR}{_YEAR_TAIL}"
    named = (  # 3 February 2023 / 3. Februar / 3 de febrero de 2023 / June 14, 2023 / May 9
        rf"(?P<dm>{_DAY}{_ORDINAL}\.?(?:\s?|-)(?:(?:de|of)\s)?)?\L<months>\.?(?!\w)"
        rf"(?(dm)(?:(?:,?\s?(?:de\s|del\s)?|-){year})?"
        rf"|(?:\s{_DAY}{_ORDINAL}(?!\d)(?P<md>{_TO_DAY})?(?:,?\s{_YEAR}(?!\d))?"
        rf"|,?\s(?:de\s)?{year}))"
    )
    # 2024年5月1日, 令和6年5月1日 (an era's year), 2024년 5월 1일, 5月1日: year and day marked
    # by the characters of CLDR's long date pattern, the month by its number (a leading zero
    # allowed: "2024年05月01日") and mark; then a weekday, as CLDR's full pattern puts it
    cjk_date = (
        rf"(?:(?:\L<eras>\s?(?:\d{{1,2}}|元)|{_YEAR})\s?\L<year_marks>\s?)?"
        rf"0?\L<cjk_months>\s?{_DAY}\s?\L<day_marks>(?:\s?\L<weekdays>)?"
    )
    if not (lists["cjk_months"] and lists.get("day_marks")):
        cjk_date = "(?!)"  # the texts hold none: a smaller grammar to compile
    # 12 اردیبهشت 1403, 23 شوال 1445 هـ: a day of another calendar (`tracker.calendars`)
    other = rf"{_DAY}\s?\L<other_months>\s?{calendars.YEAR}(?!\d){_OTHER_TAIL}"
    # כ״ג בניסן תשפ״ד: a day of the Hebrew calendar, its numbers in letters
    hebrew = rf"\L<hebrew_days>\s?\L<hebrew_months>\s?{calendars.HEBREW_YEAR}"
    other = rf"{other}|{hebrew}"
    # a weekday in brackets after any date ("5月1日（水）", "2024. 5. 1.(수)", "2024/05/01(水)")
    date = (
        rf"(?:\L<weekdays>\.?,?\s)?(?:{_ISO}|{_NUMERIC}|{cjk_date}|{named}|{other})"
        rf"(?:\s?[(（]\L<weekdays>\.?[)）])?"
    )
    # a copyright line's year ("© 2023", "(c) 2019-2024", "Copyright 2023") moves with the
    # calendar, like a date: a site's footer turning over the year is no figure
    date = rf"(?:{date}|(?:©|\(c\)|copyright)\s?{_YEAR}(?:\s?[-–]\s?{_YEAR})?)"

    def relative(kind: str) -> str:
        """"il y a 3 heures" (a prefix, a number, a unit), "3 hours ago" / "3h ago" (a number,
        a unit and its suffix); a form whose names the texts lack is left out (its groups stay:
        `_find` reads them), which keeps a grammar of few names small to compile."""
        if lists.get("pre") and lists.get(kind):
            parts = [rf"(?P<pre{kind}>\L<pre>)\s{number}\s(?P<unit{kind}>\L<{kind}>)\.?"]
        else:
            parts = [rf"(?P<pre{kind}>(?!))(?P<unit{kind}>(?!))"]
        if lists.get(f"{kind}_"):
            parts.append(rf"(?:\d+\s?|{_either(_NUMBER_FIRST)}\s)\L<{kind}_>\.?")
        return "|".join(parts)

    # relative forms before times: "3 uur geleden", "3h ago" are stamps, not the hour "3 uur"
    # 9時40分, 9시 40분: an hour and its minutes, marked (an hour alone, "9時", may be "9時間")
    cjk_time = rf"{_HOUR}\s?\L<hour_marks>\s?[0-5]?\d\s?\L<minute_marks>"
    if not (lists.get("hour_marks") and lists.get("minute_marks")):
        cjk_time = "(?!)"
    # a CJK character next to an expression is no word it is part of: those scripts write no
    # spaces between words ("于2024年5月1日发布")
    before, after = (_BEFORE, _AFTER) if cjk else (_PLAIN_BEFORE, _PLAIN_AFTER)
    atom = (
        rf"{before}(?:(?P<date>{date})"
        rf"|(?P<rclock>{relative('clock')}|\L<now>)|(?P<rdate>{relative('date')}|\L<day_words>)"
        rf"|(?P<rday>{relative('day')})|(?P<time>{_TIME}|{cjk_time}|{_NORDIC_TIME})){after}"
    )
    # each name list behind a look-ahead for the first letters of its names: an alternation of
    # names is tried name by name at every position it is reached at (most of the grammar's
    # time, at the digits of a line where no name can be)
    lists["months"] = months
    for name, values in list(lists.items()):
        if not values:  # no such name in the texts: an empty list would match the empty string
            atom = atom.replace(f"\\L<{name}>", "(?!)")
            del lists[name]
            continue
        first = "".join(sorted({re.escape(v[0]) for v in values}))
        atom = atom.replace(f"\\L<{name}>", f"(?=[{first}])\\L<{name}>")
    # lower-case names and lower-cased text: a case-insensitive build costs twice the time
    return atom, lists


def _compile(pattern: str, **lists: list[str]) -> re.Pattern:
    """`pattern` with each `\\L<name>` (a named list, as the `regex` module writes one) replaced by
    an alternation of the list's names, longest first: a name list matches its longest name
    that fits, and backtracks to shorter ones, as the alternation does."""
    for name, values in lists.items():
        pattern = pattern.replace(f"\\L<{name}>", _either(values))
    return re.compile(pattern)


@cache
def _pairs() -> frozenset[str]:
    return frozenset(_names()["pairs"])


@cache
def _line() -> tuple[re.Pattern, dict[str, int]]:
    """A whole line that is one named-month or ISO date, read by capture for a page's day."""
    names = _names()
    months = dict(names["months"])
    line = (
        rf"(?:\L<weekdays>\.?,?\s)?(?:(?:(?P<d1>{_DAY}){_ORDINAL}\.?\s(?:(?:de|of)\s)?)?"
        rf"(?P<m1>\L<months>)\.?(?(d1),?\s(?:de\s)?(?P<y1>{_YEAR}){_YEAR_TAIL}"
        rf"|\s(?P<d2>{_DAY}){_ORDINAL},?\s(?P<y2>{_YEAR}))"
        rf"|(?P<y3>{_YEAR})-(?P<m3>\d\d)-(?P<d3>\d\d))"
    )
    return _compile(line, months=list(months), weekdays=names["lists"]["weekdays"]), months


def vocabulary(*texts: str) -> None:
    """Announce the texts whose stretches `find` is about to read (the differ: the blocks of
    both pages that differ). Compiling the name lists of ten languages costs more than the rest
    of a diff of two pages, so `find` reads with a grammar holding only the names of what it
    reads; the names of these texts, looked up at its first need, spare it one build per new
    name. Costs one byte search for CJK characters until then (`_cjk_text`)."""
    _scope[0] = texts
    if not _cjk_mode[0] and texts and _has_cjk("\x00".join(texts)):
        _cjk_mode[0] = True


def _atoms_for(low: str) -> re.Pattern:
    """A grammar holding every name of `low`, so its answers on `low` are the full grammar's:
    the vocabulary built so far, grown (with the announced texts' names) when `low` holds a
    name it lacks. Once looking names up has cost about what the full grammar costs to build,
    or after a few builds (a changelog diffing many pages), the full grammar serves all."""
    cjk = _cjk_text(low)
    if _atoms.cache_info().currsize or _spent[0] > _NAME_LOOKUP_BUDGET:
        return _atoms(cjk)
    announced = _scope[0]
    if announced and _spent[0] + len(low) + sum(map(len, announced)) > _NAME_LOOKUP_BUDGET:
        # texts too large to look names up in (a large page that changed in many places):
        # scanning them would cost more than the full grammar, which is then built anyway
        _scope[0] = ()
        return _atoms(cjk)
    names = _names_in(low)
    vocab = _vocab[0]
    if vocab is not None and names <= vocab:
        return _atoms_of(vocab, cjk)
    if _atoms_of.cache_info().misses >= _MAX_VOCABULARIES:
        return _atoms(cjk)
    announced, _scope[0] = _scope[0], ()
    vocab = names | (vocab or frozenset())
    if announced:  # no name holds a NUL: none spans two texts
        vocab |= _names_in(_lower("\x00".join(announced)))
    _vocab[0] = vocab
    return _atoms_of(vocab, cjk)


def _names_in(low: str) -> frozenset[str]:
    """The names that occur in `low` (anywhere: a month may follow an ordinal's letters)."""
    _spent[0] += len(low) + 64
    by_head, short, words, other = _name_index()
    if len(low) > 300:  # a name of letters only lies inside a run of letters: each run once
        runs = "\x00".join(set(_LETTERS.findall(low)))
        pairs = list(map(add, runs, runs[1:]))
        grams = (set(runs), set(pairs), set(map(add, pairs, runs[2:])))
        # a name with other signs ("il y a", "aujourd'hui"): only if each of its runs of letters
        # lies in a run of the text (each run of every such name looked up once)
        parts, split = _other_parts()
        held = set(_held(runs, grams, parts))
        other = [n for n in other if held.issuperset(split[n])]
        return frozenset(chain(_held(runs, grams, words), filter(low.__contains__, other)))
    # a short text: only the names whose first two characters it holds
    pairs = {low[i : i + 2] for i in range(len(low) - 1)}
    heads = chain.from_iterable(map(by_head.__getitem__, by_head.keys() & pairs))
    return frozenset(chain(filter(low.__contains__, heads), filter(low.__contains__, short)))


def _held(runs: str, grams: tuple[set[str], ...], names: tuple[str, ...]):
    """The names of letters that occur in `runs`, given the characters, pairs and triples of
    `runs` (`grams`): a name of one or two letters is one of them, a longer one is looked for
    only when its first three letters are one (a text meets few of the names of two dozen
    languages)."""
    ones, twos, threes = grams
    by_head, short = _heads(names)
    heads = chain.from_iterable(map(by_head.__getitem__, by_head.keys() & threes))
    return chain(short & ones, short & twos, filter(runs.__contains__, heads))


@cache
def _heads(names: tuple[str, ...]) -> tuple[dict[str, list[str]], frozenset[str]]:
    """`names` of three letters or more by their first three, and the shorter ones."""
    by_head: dict[str, list[str]] = {}
    for name in names:
        if len(name) > 2:
            by_head.setdefault(name[:3], []).append(name)
    return by_head, frozenset(n for n in names if len(n) <= 2)


@cache
def _name_index() -> tuple[dict[str, list[str]], list[str], tuple[str, ...], list[str]]:
    """Every name by its first two characters, the names of one character; the names of
    letters only, and the others."""
    every = sorted(set(chain(_month_names(), *_names()["lists"].values())))
    by_head: dict[str, list[str]] = {}
    for name in every:
        if len(name) > 1:
            by_head.setdefault(name[:2], []).append(name)
    words = tuple(n for n in every if _LETTERS.fullmatch(n))
    return (
        by_head,
        [n for n in every if len(n) < 2],
        words,
        [n for n in every if not _LETTERS.fullmatch(n)],
    )


@cache
def _other_parts() -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """The runs of letters of the names that hold other signs too, and each such name's."""
    split = {n: tuple(_LETTERS.findall(n)) for n in _name_index()[3]}
    return tuple(set(chain.from_iterable(split.values()))), split


# Read and replaced whole (safe between threads: each grammar `_atoms_for` returns holds the
# names it just found in the text). What looking names up may cost, in characters read
# (~0.2 µs each), before the full grammar (~15 ms) is built instead.
_scope: list[tuple[str, ...]] = [()]
_vocab: list[frozenset[str] | None] = [None]
_spent = [0]
_NAME_LOOKUP_BUDGET = 60_000


def _lower(text: str) -> str:
    """`text` in lower case, character for character (offsets stay those of `text`), its
    digits of other scripts ("١ مايو ٢٠٢٤", "２０２４年") written as ASCII digits: the grammar's."""
    low = text.lower()
    if len(low) != len(text):  # a rare letter whose lower case is longer ("İ"): case by case
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    if not low.isascii() and _OTHER_DIGIT.search(low):
        low = _OTHER_DIGIT.sub(_ascii_digit, low)
    return low


_OTHER_DIGIT = re.compile(r"[^\D0-9]")  # a digit, not an ASCII one


def _ascii_digit(m: re.Match) -> str:
    return str(int(m.group()))


def _cjk(word: str) -> bool:
    """Whether `word` starts with a CJK character (`CJK`)."""
    c = word[:1]
    return "\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af" or "\uf900" <= c <= "\ufaff"


def _has_cjk(text: str) -> bool:
    """Whether `text` may hold a CJK character: a character from U+3000 on (in UTF-8, a lead
    byte E3 to EF), found by a byte search (a class of CJK characters costs ~1 ms to compile)."""
    if text.isascii():
        return False
    return _CJK_LEAD.search(text.encode("utf-8", "surrogatepass")) is not None


_CJK_LEAD = re.compile(rb"[\xe3-\xef]")


def _cjk_text(low: str) -> bool:
    """Whether to read `low` with CJK boundaries: once `low` or an announced text holds a CJK
    character, every text after it (the same answers elsewhere, one grammar a vocabulary)."""
    if not _cjk_mode[0] and _has_cjk(low):  # the announced texts: at `vocabulary`
        _cjk_mode[0] = True
    return _cjk_mode[0]


_cjk_mode = [False]


def find(text: str, start: int = 0, end: int | None = None) -> list[Expression]:
    """The date/time expressions of `text` (or of text[start:end]), adjacent parts joined
    ("Friday, 3 February 2023, 16:40" is one). Not a count of days alone ("3 days ago"): its
    number is a day counter (`day_counts`)."""
    return [e for e in _find(text, start, len(text) if end is None else end) if not e.days]


def day_counts(text: str, start: int = 0, end: int | None = None) -> list[Expression]:
    """The counts of days relative to now of `text`, in any language ("3 days ago", "vor 3
    Tagen", "il y a 3 jours", "3 дня назад", "3d ago"): day counters while they stay in days.
    A text holding no word of a day's unit is not read (`may_count_days`)."""
    if not may_count_days(text, start, end):
        return []
    return [e for e in _find(text, start, len(text) if end is None else end) if e.days]


@lru_cache(maxsize=512)
def _find(text: str, start: int, end: int) -> tuple[Expression, ...]:
    """`find`, remembered: the differ asks about the same stretch of a block pair to tell a
    date-only change (`only_dates_differ`) and then which numbers are dates (its counters), and
    the grammar costs ~1 µs a character."""
    out: list[Expression] = []
    pairs = _pairs()
    low = _lower(text)
    for m in _matches(low, start, end):
        kind = m.lastgroup
        if _mixed(m, pairs):
            continue
        clock = kind in ("time", "rclock")
        part = {"rclock": "relative", "rdate": "relative", "rday": "relative"}.get(kind, kind)
        begin, stop, span = m.start(), m.end(), False
        if kind == "time" and (to := _NORDIC_TO.match(low, stop, end)) and "." in m.group():
            stop, span = to.end(), True  # "kl. 9.30–17.00": opening hours
        if kind == "time":  # "9 bis 17 Uhr", "9–5pm": a bare hour opens a range
            before = _BARE_HOUR.search(low, max(0, begin - 16), begin)
            if before and (not out or out[-1].end <= before.start()):
                begin, span = before.start(), True
            elif _OPENS.search(low, max(0, begin - 24), begin):
                span = True
            if (
                not span
                and _HOUR_ONLY.fullmatch(m.group())
                and not _follows(out, text, begin)
                and not _AT_HOUR.search(low, max(0, begin - 8), begin)
            ):
                continue  # "14 h" after no date nor time: a duration as likely as a time
        elif kind == "date":  # "3–5 June": a bare day opens a range; "until 5 July" a half one
            # a weekday that is also a range word is the range word ("do 17 maja": Polish
            # "until", Dutch Thursday; "od 2 do 17 maja")
            lead = _LEAD.match(low, begin)
            at = lead.end() if lead and _OPENS.fullmatch(low, begin, lead.end()) else begin
            first = _DAY_FIRST.match(low, at)
            before = first and _BARE_DAY.search(low, max(0, at - 16), at)
            opens = _OPENS.search(low, max(0, at - 24), at)
            if before and (not out or out[-1].end <= before.start()):
                begin, span = before.start(), True
            elif m.group("md") or opens and opens.group().split()[0] not in _DATED:
                span = True
        if out:
            prev = out[-1]
            gap = text[prev.end : m.start()]
            ranged = prev.last == part and _RANGE.fullmatch(gap) is not None
            if ranged and part == "date" and _one_day_twice(prev.text, m.group()):
                ranged = False  # "כ״ג בניסן תשפ״ד, 1 במאי 2024": one day in two calendars
            if ranged or _JOIN.fullmatch(gap):
                out[-1] = Expression(
                    prev.start,
                    stop,
                    text[prev.start : stop],
                    prev.clock and clock,
                    prev.span or ranged or span,
                    part,
                )
                continue
        days = kind == "rday" and any(map(str.isdigit, m.group()))
        out.append(Expression(begin, stop, text[begin : stop], clock, span, part, days))
    return tuple(out)


# the second time of a range after a Nordic "kl. 9.30" (the grammar reads "9.30" only there)
_NORDIC_TO = re.compile(rf"\s?[-–—]\s?{_HOUR}\.[0-5]\d(?![\d.,]\d)")


def _mixed(m: re.Match, pairs: frozenset[str]) -> bool:
    """Whether a relative form's prefix and unit are of two languages (Swedish "om" before
    Dutch "17 uur": no relative time, and the time after "om" is still read)."""
    kind = m.lastgroup
    if kind not in ("rclock", "rdate", "rday"):
        return False
    pre = m.group(f"pre{kind[1:]}")
    return bool(pre) and f"{pre}|{m.group(f'unit{kind[1:]}')}" not in pairs


def _one_day_twice(a: str, b: str) -> bool:
    """Whether one of two dates is of another calendar than the other's (`tracker.calendars`):
    a page's day in both calendars, not a list of two days."""
    return _other_calendar(_lower(a)) != _other_calendar(_lower(b))


def _other_calendar(low: str) -> bool:
    return any(n in low for n in chain(calendars.MONTHS, calendars.HEBREW_MONTHS))


def _follows(out: list[Expression], text: str, begin: int) -> bool:
    """Does the part at `begin` continue the last expression: a date and its time ("le 6 mai
    2024 à 14 h"), or a range of times?"""
    if not out:
        return False
    gap = text[out[-1].end : begin]
    if out[-1].last == "date":
        return _JOIN.fullmatch(gap) is not None
    return out[-1].last == "time" and _RANGE.fullmatch(gap) is not None


def _matches(low: str, start: int, end: int):
    """`_atoms().finditer(low, start, end)`, tried only where an expression can start: the
    grammar costs ~3 µs at each word start it is tried at, most of a line's cost. An expression
    starts where a word starts (the grammar's own look-behind, so the same engine finds the
    words), at "©" or "(c)", and its word is a number or opens a name (month, weekday, relative
    prefix, day word, "a", "one", "copyright"): a name is followed by no letter, so a word that
    is no name's first word starts none, nor does any position inside a word."""
    words, starts = _word_starts(_cjk_text(low[start:end])), _starts()
    if starts is None:
        yield from _atoms_for(low[start:end]).finditer(low, start, end)
        return
    if not _DATEISH.search(low, start, end):
        return  # every expression holds a letter or one of "-:./©" ("+44 (0) 20 7946" none)
    # a name list matches inside the stretch only: the grammar needs only the names it holds
    atoms = _atoms_for(low[start:end])
    pos = start
    while pos < end:
        for w in words.finditer(low, pos, end):
            p = w.start()
            first = w.group()
            if first[0].isalpha() and first not in starts and not first.startswith(_GLUED):
                if not (_cjk(first) and first.startswith(_cjk_starts())):
                    continue  # "copyright2023", "kw19": names a number may follow unspaced
            m = atoms.match(low, p, end)
            if m is not None and not _mixed(m, _pairs()):
                yield m
                pos = m.end()  # as finditer: the next expression starts after this one
                break
        else:
            return


@cache
def _word_starts(cjk: bool = False) -> re.Pattern:
    if not cjk:
        return re.compile(rf"{_PLAIN_BEFORE}(?:\w+|[©(])")
    # a run of CJK characters is a word of its own: a date may follow it with no space
    return re.compile(rf"{_BEFORE}(?:[^\W{CJK}]+|[{CJK}]+|[©(])")


@cache
def _starts() -> frozenset[str] | None:
    """The first words of the names an expression can start with (None if a name starts with
    no letter: then every position is tried)."""
    names = _names()
    lists = names["lists"]
    if not all(any(map(str.isalpha, n)) for n in chain(_month_names(), *lists.values())):
        return None  # `_DATEISH` needs a letter in every name
    first = re.compile(r"\w+")
    out = {"copyright", "kw", *(w.split()[0] for w in _NUMBER_FIRST)}
    out |= {first.match(w).group() for w in _TIME_WORDS}
    for name in chain(_month_names(), *(lists.get(k, ()) for k in _OPENERS)):
        if name[0].isdigit():
            continue  # "5月": a number, where every expression may start
        m = first.match(name)
        if m is None or not name[0].isalpha():
            return None
        out.add(m.group())
    return frozenset(out)


@cache
def _cjk_starts() -> tuple[str, ...]:
    """The starts that are CJK words: a run of CJK characters may begin with one ("令和元年")."""
    return tuple(w for w in _starts() or () if _cjk(w))


def _month_names():
    return (m for m, _ in _names()["months"])


_GLUED = ("copyright", "kw")
# the name lists an expression can start with
_OPENERS = ("weekdays", "pre", "day_words", "now", "eras", "hebrew_days")
# A character every expression holds (a name's letter, or a date's or a time's separator)
_DATEISH = re.compile(r"[^\W\d_]|[-:./©]")


PLACEHOLDER = "\x00"


def mask(
    text: str, found: list[Expression] | None = None, start: int = 0, end: int | None = None
) -> str:
    """`text` (or text[start:end]) with each date/time expression replaced by a placeholder."""
    found = find(text, start, end) if found is None else found
    end = len(text) if end is None else end
    parts, prev = [], start
    for e in found:
        parts += [text[prev : e.start], PLACEHOLDER]
        prev = e.end
    parts.append(text[prev:end])
    return "".join(parts)


_MARGIN = 80  # longer than any one date expression
# Kana, CJK ideographs and Hangul syllables: scripts whose words are not spaced apart
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
# Where an expression may start and end: not inside a word, nor a number ("2.3.2024.1"); after
# a CJK character, at a word of another script ("更新日2024年…"), not inside a run of CJK ones
_BEFORE = rf"(?<![.,:/])(?:(?<!\w)|(?<=[{CJK}])(?![{CJK}]))"
_AFTER = rf"(?![^\W{CJK}])"
_PLAIN_BEFORE = r"(?<![\w.,:/])"
_PLAIN_AFTER = r"(?!\w)"
_LETTERS = re.compile(r"[^\W\d_]+")
_DIGITS = re.compile(r"\d+")
# words of the grammar itself: ordinals, joiners, "de", "of", "Uhr", am/pm, zones, ISO's T and Z
_GRAMMAR_WORDS = (
    "st nd rd th er re e o º го е de del of at à a las la um alle às om в о kl uhr h ч г года р "
    "року r roku am pm a p m t z utc gmt cet cest eet eest wet west msk мск bst est edt cst cdt "
    "mst mdt pst pdt an one uur kw on le el il op em klo"
).split() + " ".join(_NUMBER_WORDS).split() + _LETTERS.findall(" ".join(_TIME_WORDS))


@cache
def _date_words() -> frozenset[str]:
    """Every word a date expression can hold: a change to any other word is no date change."""
    names = _names()
    words = set(_GRAMMAR_WORDS)
    for name, _ in names["months"]:
        words.update(_LETTERS.findall(name))
    for values in names["lists"].values():
        for v in values:
            words.update(_LETTERS.findall(v))
    return frozenset(words)


def date_change(old: str, new: str) -> str | None:
    """How two texts that differ only inside dates and times differ, read once for all of a
    pair's questions: "date", or "clock" when only times changed (stamps: noise); "period"
    when the days of a range or half range changed ("3–5 June" → "3–7 June", "until 5 July" →
    "until 12 July": a fact about days), "hours" when only the hours of one did ("Mon–Fri
    9:00–17:00" → "9:00–16:00", "until 5pm" → "7pm": opening hours); None when they differ
    elsewhere too (or not at all), or a count of days still in days changed (a day counter,
    its schedule is checked). Only the stretch that differs, with a margin wider than a date,
    is read: the rest is the same on both sides."""
    changed = _changed_expressions(old, new)
    if not changed:
        return None
    if any(a.span or b.span for a, b in changed):
        if any((a.span or b.span) and _days_of(a) != _days_of(b) for a, b in changed):
            return "period"
        return "hours" if all(_days_of(a) == _days_of(b) for a, b in changed) else None
    if any(a.days and b.days for a, b in changed):
        return None
    # the coarser unit names the change: "3 hours ago" → "2 days ago" is a date
    return "clock" if all(a.clock and b.clock for a, b in changed) else "date"


STAMP_CHANGES = ("date", "clock")  # the `date_change`s that are a stamp's: noise


def only_dates_differ(old: str, new: str) -> str | None:
    """`date_change` when it is a stamp's: "date" or "clock" (noise), else None."""
    reason = date_change(old, new)
    return reason if reason in STAMP_CHANGES else None


def span_changed(old: str, new: str) -> str | None:
    """What a range or half range that changed between two texts changed, whatever else
    changed beside it: "date" for its days (a period, a deadline), "time" for its hours only
    (opening hours); None when none changed. Read where the texts differ."""
    found = None
    for a, b in _moved(old, new):
        if a.span or b.span:
            if _days_of(a) != _days_of(b):
                return "date"
            found = "time"
    return found


def _days_of(e: Expression) -> str:
    """An expression without its times of day: what is left of "until 5pm today" is no date
    that moved when it becomes "until 7pm today"; none of times alone ("kl. 10.00–18.00")."""
    return "" if e.clock else _TIMES.sub("", _lower(e.text))


def _changed_expressions(old: str, new: str) -> list[tuple[Expression, Expression]] | None:
    """The date/time expressions that changed between two texts that differ only in them
    (None when a word or number outside them changed too, or when nothing did)."""
    if old == new:
        return None
    head, tail = _head_tail(old, new)
    # most pairs change a word no date is made of: tell them without the grammar (the words
    # between two dates that changed, "Wed 1 May (Hijri: 23 Shawwal)", are alike on both sides)
    stretches = []
    for text in (old, new):
        a, b = head, len(text) - tail
        while a > 0 and text[a - 1].isalnum() and not _cjk(text[a - 1]):
            a -= 1  # to the word's start; a CJK character is a word of its own
        while b < len(text) and text[b].isalnum() and not _cjk(text[b]):
            b += 1
        stretches.append(_other_words(text, a, b))
    if any(a != b for a, b in zip_longest(*stretches)):
        return None
    start, end_old, end_new = differing_window(old, new, head, tail)
    fo = _find(old, start, end_old)  # with the counts of days: one may become a date
    if not fo:  # no date near the difference (most counters): the new side need not be read
        return None
    fn = _find(new, start, end_new)
    if len(fo) != len(fn):
        return None
    mo, mn = mask(old, fo, start, end_old), mask(new, fn, start, end_new)
    # "Posted 3 hours ago" → "Posted on 6 May 2024": the word a date takes before it aside
    if mo != mn and _LEADING_JOIN.sub(PLACEHOLDER, mo) != _LEADING_JOIN.sub(PLACEHOLDER, mn):
        return None
    return [(a, b) for a, b in zip(fo, fn, strict=True) if a.text != b.text]


# the words that put a date or a time in a sentence ("on 6 May", "le 6 mai", "am 6. Mai", "el
# 6 de mayo", "в 10:00"), which a relative stamp ("yesterday", "3 hours ago") does without
_LEADING_JOIN = re.compile(
    rf"(?<!\w)(?:on|at|le|du|am|um|vom|el|del|il|op|em|à|a las|в|во|о|dnia)\s{PLACEHOLDER}",
    re.I,
)


_TIMES = re.compile(_TIME)
_RESTAMP_MAX = 1000  # the longest stretch `restamped` reads: a few lines around a stamp


def restamped(old: str, new: str) -> str | None:
    """`old` with the dates and times of the stretch where it differs from `new` written as
    `new` writes them (a count of days still in days keeps its number: a day counter, whose
    word may agree with it, "3 дня" → "5 дней"): what is left to tell apart when a line's stamp
    changed form beside other numbers ("3 hours ago · 12 comments" → "2 days ago · 15
    comments"). None when nothing changed there, when a word other than a date's changed,
    when the two hold different numbers of expressions there, or when a range or list changed
    (a fact)."""
    if old == new:
        return None
    head, tail = _head_tail(old, new)
    start, end_old, end_new = differing_window(old, new, head, tail)
    if max(end_old, end_new) - start > _RESTAMP_MAX:
        return None  # changes far apart: not one line's stamp and counts, not read
    while head > 0 and old[head - 1].isalnum():
        head -= 1  # from the word the first difference lies in, alike on both sides
    pairs = zip_longest(_other_words(old, head, end_old), _other_words(new, head, end_new))
    if any(a != b for a, b in pairs):
        return None  # a word changed (most rewrites: at once), the grammar need not be read
    fo = _find(old, start, end_old)
    if not fo:
        return None
    fn = _find(new, start, end_new)
    if len(fo) != len(fn):
        return None
    parts, prev = [old[:start]], start
    for a, b in zip(fo, fn, strict=True):
        if a.text != b.text and (a.span or b.span):
            return None
        same = b.text
        if a.days and b.days:
            m = _DIGITS.search(b.text)  # one number in a count of days
            same = b.text[: m.start()] + _DIGITS.search(a.text).group() + b.text[m.end() :]
        parts += [old[prev : a.start], same]
        prev = a.end
    parts.append(old[prev:])
    out = "".join(parts)
    return None if out == old else out


def _other_words(text: str, start: int, end: int):
    """The words of text[start:end] no date is made of, lower case, one at a time."""
    words = _date_words()
    for m in _LETTERS.finditer(text, start, end):
        word = m.group().lower()
        if word not in words:
            yield word


def _head_tail(old: str, new: str) -> tuple[int, int]:
    """The lengths of the common prefix and of the common suffix (not overlapping it). The
    last answer is kept: the differ asks it of a counter pair twice (`only_dates_differ`, then
    `differing_window` for its counters), about the very same two strings."""
    last = _last_pair[0]  # one tuple, read and replaced whole: safe between threads
    if last is not None and last[0] is old and last[1] is new:
        return last[2]
    head = _common_prefix(old, new)
    found = head, _common_suffix(old, new, min(len(old), len(new)) - head)
    _last_pair[0] = (old, new, found)
    return found


_last_pair: list[tuple[str, str, tuple[int, int]] | None] = [None]


def differing_window(
    old: str, new: str, head: int | None = None, tail: int | None = None
) -> tuple[int, int, int]:
    """(start, end in `old`, end in `new`): where two texts differ, with a margin wider than a
    date on each side; what `only_dates_differ` reads (`find` over it is remembered)."""
    if head is None or tail is None:
        head, tail = _head_tail(old, new)
    start = max(0, head - _MARGIN)
    return (
        start,
        min(len(old), len(old) - tail + _MARGIN),
        min(len(new), len(new) - tail + _MARGIN),
    )


def skeleton(text: str) -> str:
    """The words of `text` that are no date words, lower case: the same for two texts that
    differ only in dates (a cheap key to find such pairs before reading any date)."""
    low = text.lower()
    # lower-cased whole, in one C pass, when that maps each character on its own ("Σ" is the
    # one whose lower case depends on the next letter) to one character
    if len(low) == len(text) and "Σ" not in text:
        words = _LETTERS.findall(low)
    else:
        words = map(str.lower, _LETTERS.findall(text))
    return " ".join(filterfalse(_date_words().__contains__, words))


def skeleton_head(text: str) -> str:
    """The first word of `skeleton(text)` ("" when it has none), reading no further."""
    words = _date_words()
    for m in _LETTERS.finditer(text):
        word = m.group().lower()
        if word not in words:
            return word
    return ""


_CLOCKISH = re.compile(
    r"\d[:h]\s?[0-5]\d|\d\.[0-5]\d\s?u[hu]r|\d\s?(?:[ap]\.?\s?m\b|u[hu]r)"
    rf"|(?<!\w)(?:{'|'.join(_TIME_WORDS)})(?!\w)",
    re.I,
)


def may_hold_a_clock(text: str) -> bool:
    """A cheap test before the grammar: could `text` hold a time of day or a time relative to
    now ("16:40", "4 pm", "16 h 40", "3 hours ago", "just now")?"""
    if _CLOCKISH.search(text):
        return True
    return not _clock_words().isdisjoint(map(str.lower, _LETTERS.findall(text)))


def may_count_days(text: str, start: int = 0, end: int | None = None) -> bool:
    """A cheap test before the grammar: could text[start:end] hold a count of days ("3 days
    ago", "vor 3 Tagen", "3d ago")?"""
    words = _LETTERS.findall(text, start, len(text) if end is None else end)
    return not _day_words().isdisjoint(map(str.lower, words))


@cache
def day_units() -> frozenset[str]:
    """The words for a number of days in every language read, lower case, from CLDR's unit
    and relative-time patterns ("days", "дней", "дня", "Tagen", "jours", "días", "giorni",
    "днів"): what tells a count of days from other counts, with no hand list per language."""
    return frozenset(_names()["day_units"])


@cache
def day_ahead() -> tuple[tuple[str, str], ...]:
    """The words around a number of days to come in every language read, from CLDR's relative
    forms ("in|tagen", "через|дней", "|日後"): a count of the days left ("Die Frist endet in 14
    Tagen", "Приём заявок закончится через 5 дней"), which falls one a day."""
    return tuple((p.partition("|")[0], p.partition("|")[2]) for p in _names()["day_ahead"])


@cache
def _day_words() -> frozenset[str]:
    lists = _names()["lists"]
    return frozenset(
        w for k in ("day", "day_") for v in lists.get(k, ()) for w in _LETTERS.findall(v)
    )


@cache
def _clock_words() -> frozenset[str]:
    lists = _names()["lists"]
    return frozenset(
        w
        for k in ("clock", "clock_", "now", "hour_marks", "minute_marks")
        for v in lists.get(k, ())
        for w in _LETTERS.findall(v)
    )


def _common_suffix(a: str, b: str, limit: int) -> int:
    """Length of the common suffix, at most `limit`."""
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid : len(a) - lo] == b[len(b) - mid : len(b) - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by halving (slice compares run in C)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def whole(text: str) -> Expression | None:
    """The expression that is the whole of `text`, if it is one."""
    found = find(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
        return found[0]
    return None


def parse_date_line(line: str) -> date | None:
    """The date of a line that is a full date with a named month ("Friday, 3 February 2023",
    "3 июня 2023 г.", "June 14, 2023") or an ISO date; None otherwise."""
    pattern, months = _line()
    m = pattern.fullmatch(_lower(line.strip()))
    if m is None:
        return None
    if m.group("y3"):
        y, mo, d = m.group("y3", "m3", "d3")
        month_no: int | None = int(mo)
    else:
        y, d = (m.group("y1"), m.group("d1")) if m.group("y1") else (m.group("y2"), m.group("d2"))
        month_no = months.get(_word(m.group("m1")))
    if month_no is None:
        return None
    try:
        return date(int(y), month_no, int(d))
    except ValueError:
        return None


# --- stamps and facts: which changed date follows the captures -------------------------------

# Where a stamp may lie: from a week before the new capture's day (a page refreshed weekly,
# "Figures as of Monday" captured on Friday), or from the old capture's day when that is
# earlier (the page was updated between the captures), to one day after (a page whose time zone
# is ahead of the capture's); and the old date no later than a day after its own capture. A
# deadline or an event moved into that stretch of the recent past is the one fact it hides.
_STAMP_BEFORE = 7
_STAMP_AFTER = 1
# A stamp that moves with the captures may drift from their interval by a day a week: a page
# refreshed on its own rhythm (weekly figures, a monthly bulletin) against the captures' own.
_STAMP_DRIFT = 7
# ... and a date ahead of its capture stays near it: a rolling date ("Next bulletin: 14/02", a
# delivery estimate) lies a couple of weeks ahead at most, or within the captures' interval;
# an event weeks away that moved by the interval ("postponed by a week", seen by a weekly
# check) is a fact. A date behind its capture that moves with the captures is a stamp that
# lags ("Data as of" a publication delay) as far back: one further back that moved by the
# interval is a fact corrected ("1학기 개학일: 3월 4일" → "3월 5일" seen in May by a daily check).
_ROLLING_LEAD = 14
# A month stamp ("Stand: Mai 2024", "Data for June 2024") may name the new capture's month or
# one beside it (last month's figures; an issue dated ahead), and the old one no later than the
# month after its capture's: a month further away is a fact ("expected in September 2024").
_STAMP_MONTHS = 1


def moved_fact(old: str, new: str, old_day: date | None, new_day: date | None) -> bool:
    """Whether two texts that differ only in dates (`only_dates_differ` says "date") moved a
    date that is a fact (a deadline, a hearing, an election day) rather than a stamp of the
    page (its "Updated" line, "Figures as of May 9", a date widget). `old_day`/`new_day`: the
    captures' own days; a stamp follows them. A changed date is a stamp when it is a time of
    day or a relative time, a copyright year, the same day written another way, when the new
    date is near the new capture's day or between the captures (and the old one was not ahead
    of its own capture), or when it moved by about the days between the captures and lies near
    or behind its capture (`_ROLLING_LEAD`); with either
    day unknown, every one is (today's answer). Any other changed date is a fact."""
    if old_day is None or new_day is None or old == new:
        return False
    return any(
        _is_fact(a, b, old_day, new_day, partial(_labelled, old, new, a, b))
        for a, b in _moved(old, new)
    )


def _moved(old: str, new: str) -> list[tuple[Expression, Expression]]:
    """The expressions of the stretch where two texts differ, paired in order, that changed
    ([] when the two sides hold different numbers of them)."""
    start, end_old, end_new = differing_window(old, new)
    fo, fn = _find(old, start, end_old), _find(new, start, end_new)
    if len(fo) != len(fn):
        return []
    return [(a, b) for a, b in zip(fo, fn, strict=True) if a.text != b.text]


def _labelled(old: str, new: str, a: Expression, b: Expression) -> bool:
    return _stamp_label(old, a) and _stamp_label(new, b)


def _stamp_label(text: str, found: Expression) -> bool:
    """Whether a date follows a stamp's label ("Updated 7 Sept 2024", "Mis à jour le 7 août",
    "Aktualisiert in KW 20", "Stand: 7. Mär. 2024", "as of"): a labelled date that moves with
    the captures is the page's stamp however far ahead it lies (a page's or a capture's clock
    may be wrong). The last three words before it only ("The deadline is now 30 June" is no
    label)."""
    label = text[_clause_start(text, found.start) : found.start]
    words = map(str.lower, _LETTERS.findall(label)[-3:])
    return any(_stamp_word(w, _DATE_STAMP_WORDS) for w in words)


def _is_fact(a: Expression, b: Expression, old_day: date, new_day: date, labelled) -> bool:
    """`labelled()`: whether both dates follow a stamp's label (`_stamp_label`)."""
    if a.span or b.span:
        return False  # a range is told elsewhere
    if (a.last == "relative") != (b.last == "relative"):
        # "Posted 3 hours ago" → "Posted on 6 May 2024": the same stamp once its day is known
        olds = _relative_day(a, old_day) if a.last == "relative" else calendar(a.text, old_day)
        news = _relative_day(b, new_day) if b.last == "relative" else calendar(b.text, new_day)
        return bool(olds and news) and not _stamp(olds[0], news[0], old_day, new_day, labelled)
    if a.clock or b.clock:
        return False  # a time of day, a time relative to now
    olds, news = calendar(a.text, old_day), calendar(b.text, new_day)
    if not olds or not news:
        return False  # a relative date ("yesterday", "3 weeks ago"), a copyright year
    # a numeric date that reads both ways (05/06/2024): a fact only if no reading is a stamp
    readings = [(o, n) for o in olds for n in news if {o.order, n.order} - {""} != {"dmy", "mdy"}]
    return bool(readings) and not any(
        _stamp(o, n, old_day, new_day, labelled) for o, n in readings
    )


def _relative_day(e: Expression, day: date) -> list[Day]:
    """The day a stamp relative to its capture's `day` means: a time ago in seconds to hours
    that day, "N days ago" N days before, "yesterday", "heute", "вчора" by their offset; none for
    weeks, months, years ("last week": no one day)."""
    low = _lower(e.text)
    if e.days:
        m = _DIGITS.search(low)
        offset = -int(m.group()) if m else None
    elif e.clock:
        offset = 0
    else:
        offsets = _day_offsets()  # the longest name it holds: "позавчера", not its "вчера"
        found = max((w for w in offsets if w in low), key=len, default=None)
        offset = None if found is None else offsets[found]
    if offset is None:
        return []
    try:
        one = date.fromordinal(day.toordinal() + offset)
    except (ValueError, OverflowError):
        return []
    return [Day(one, one)]


@cache
def _day_offsets() -> dict[str, int]:
    return dict(_names()["day_offsets"])


def _stamp(old: Day, new: Day, old_day: date, new_day: date, labelled=lambda: False) -> bool:
    if (old.first, old.last) == (new.first, new.last):
        return True  # the same day (or month), written another way or at another time
    elapsed = new_day.toordinal() - old_day.toordinal()
    if old.month or new.month:  # "Stand: Mai 2024" → "Juni 2024": by calendar months
        months = _month_index(new.first) - _month_index(old.first)
        captured = _month_index(new_day) - _month_index(old_day)
        if (
            abs(_month_index(new.first) - _month_index(new_day)) <= _STAMP_MONTHS
            and _month_index(old.first) <= _month_index(old_day) + _STAMP_MONTHS
        ):
            return True  # in or beside the captures' months
        return elapsed > 0 and months == captured
    since = new_day.toordinal() - max(_STAMP_BEFORE, elapsed)
    near = (
        new.first.toordinal() <= new_day.toordinal() + _STAMP_AFTER
        and new.last.toordinal() >= since
        and old.first.toordinal() <= old_day.toordinal() + _STAMP_AFTER
    )
    if near:
        return True
    if elapsed <= 0:
        return False
    shift = new.first.toordinal() - old.first.toordinal()
    lead = new.first.toordinal() - new_day.toordinal()
    near_captures = abs(lead) <= max(_ROLLING_LEAD, elapsed) or labelled()
    return near_captures and abs(shift - elapsed) <= elapsed // _STAMP_DRIFT


# --- times of day: a clock widget or a fact ------------------------------------------------------

# Words of a stamp's or a clock's label ("Updated 14:05", "Stand: 14:05 Uhr", "Local time",
# "Обновлено в 14:05", "Dernière mise à jour à 14h05"): a time after one is the page's own,
# whatever it says. CLDR spells none of them: short words whole, the others by their stem (a
# word starting so: "aktualisiert", "Aktualisierung"), by language: en, de, fr, es, it, pt,
# nl, pl, ru, uk.
_STAMP_WORDS = frozenset(
    "as last time now clock local stand jetzt zeit uhrzeit zuletzt mis mise jour heure "
    "maintenant hora ahora ora adesso agora tijd nu czas teraz время сейчас час зараз".split()
)
# the label words a date's stamp may have besides the stems below ("Stand:", "mis à jour",
# "as of"); not a clock's "now"
_DATE_STAMP_WORDS = frozenset("as stand jour zuletzt".split())
_STAMP_STEMS = (
    "updat", "posted", "publish", "modified", "revised", "refresh", "generated", "edited",
    "aktualisier", "veröffentlich", "geänder", "änderung", "datenstand", "publié", "modifié",
    "actualis", "actualiz", "publicad", "modificad", "aggiorn", "pubblicat", "modificat",
    "atualiz", "bijgewerkt", "gepubliceerd", "gewijzigd", "zaktualizowan", "aktualizacj",
    "opublikowan", "zmienion", "обновл", "опубликов", "изменен", "изменён", "онов", "опублік",
    "змінен",
)
# The words that put a time in a sentence: "closes at 5pm", "beginnt um 10:30 Uhr",
# "Ouverture à 9 h", "empieza a las 10:00", "начинается в 10:00", "alle 9", "às 9h", "om 9 uur"
_TIME_PREPOSITIONS = frozenset(
    "at by around um gegen ab à a vers dès las la alle ore às as om rond o kl в во к около о об"
    .split()
)
_CLAUSE = re.compile(r"[.!?;\n·|•]\s*")
_ABBREVIATION = re.compile(r"(?<![^\W\d_])[^\W\d_]{1,4}$")  # "r.", "godz.", "kl.", "ca."
_CLOCK_PARTS = re.compile(
    r"(?P<h>[01]?\d|2[0-3])(?:\s?[:.h]\s?(?P<m>[0-5]\d))?(?:\s?(?P<ap>[ap])\.?\s?m\b)?"
)
_NEAR_CAPTURE = 30  # minutes: a time this near its capture's own (or in its hour) is a clock


def moved_time(old: str, new: str, old_at: datetime | None, new_at: datetime | None) -> bool:
    """Whether two texts that differ only in times of day (`only_dates_differ` says "clock", or
    "date" for a date and time whose day stayed) moved a time that is a fact ("The office
    closes at 5pm" → "3pm", "Einlass beginnt um 10:30 Uhr" → "11:00 Uhr", "Beginn: 19:30 Uhr,
    Einlass eine Stunde vorher") rather than a clock widget's or a stamp's ("London: 09:16",
    "Updated 14:05"). A time is a fact when it stands in a sentence (`_in_sentence`) or in a
    table's row, with no word of a stamp's label in its clause, unless both its values are
    near their own captures' times of day (a clock: "It is now 09:16"). With a capture time
    unknown, none is (today's answer)."""
    if old_at is None or new_at is None or old == new:
        return False
    changed = _moved(old, new)
    return bool(changed) and all(
        not (a.span or b.span) and a.last == b.last == "time" and _days_of(a) == _days_of(b)
        for a, b in changed
    ) and any(_time_fact(old, new, a, b, old_at, new_at) for a, b in changed)


def _time_fact(old: str, new: str, a: Expression, b: Expression, old_at, new_at) -> bool:
    at_a, at_b = _time_at(a.text), _time_at(b.text)
    return (
        _in_sentence(old, a.start + at_a, a.end)
        and _in_sentence(new, b.start + at_b, b.end)
        and not (_near(a.text[at_a:], old_at) and _near(b.text[at_b:], new_at))
    )


def _time_at(text: str) -> int:
    """Where the time of day of an expression starts ("16:40" of "3 June 2023, 16:40")."""
    found = list(_TIMES.finditer(_lower(text)))
    return found[-1].start() if found else 0


def _clause_start(text: str, at: int) -> int:
    """Where the clause holding text[at] starts: after the last sentence end, line, bullet or
    cell before it (not the dot of an abbreviation: "r.", "godz.", "ca.")."""
    lo = max(0, at - 80)
    start = lo
    for m in _CLAUSE.finditer(text, lo, at):
        if m.group()[0] == "." and _ABBREVIATION.search(text, lo, m.start()):
            continue
        start = m.end()
    return start


def _in_sentence(text: str, start: int, end: int) -> bool:
    """Whether the time of text[start:end] stands in a sentence rather than after a clock's
    label: after a preposition of time, after two words or more (not a date's) whose last is
    written in lower case ("Doors open 7pm"), or before the rest of a sentence ("Beginn: 19:30
    Uhr, Einlass eine Stunde vorher"), or in a cell of a table row; never with a stamp's word
    ("Updated", "Stand", "Mis à jour") in its clause, nor as a reading's label ("Level at
    06:00: 2.34 m")."""
    label = text[_clause_start(text, start) : start]
    rest = text[end : end + 80]
    cut = _CLAUSE.search(rest)
    after = rest[: cut.start()] if cut else rest
    words = _LETTERS.findall(label)
    if any(_stamp_word(w.lower()) for w in chain(words, _LETTERS.findall(after))):
        return False  # a stamp's or a clock's label
    if rest.lstrip(" ").startswith(":"):
        return False  # the time of a reading: "Level at 06:00: 2.34 m", "Stand um 14 Uhr: 12"
    if not label.strip() and not after.strip() and " | " in text:
        return True  # a cell of a table row (a timetable's departure)
    dated = _date_words()
    content = [w for w in words if w.lower() not in dated]
    later = [w for w in _LETTERS.findall(after) if w.lower() not in dated]
    if len(later) >= 2 and any(w.islower() for w in later):
        return True  # the sentence goes on after it
    if not content:
        return False  # a bare time, or a date widget's
    if words[-1].lower() in _TIME_PREPOSITIONS and label.rstrip()[-1:].isalpha():
        return True
    if label.rstrip().endswith((":", "-", "–", "—", "(")):
        return False  # "London: 09:16", "Moscow – 12:16": a label
    return len(content) >= 2 and content[-1].islower()


def _stamp_word(word: str, words: frozenset[str] = _STAMP_WORDS) -> bool:
    return word in words or word.startswith(_STAMP_STEMS)


def _near(text: str, at: datetime) -> bool:
    """Whether a time of day lies in its capture's own hour or within `_NEAR_CAPTURE` minutes
    of its capture's time of day."""
    low = _lower(text)
    if "noon" in low or "midi" in low or "mittag" in low:
        minutes = 12 * 60
    elif "midnight" in low or "minuit" in low or "mitternacht" in low:
        minutes = 0
    else:
        m = _CLOCK_PARTS.search(low)
        if m is None:
            return False
        hour = int(m.group("h"))
        if m.group("ap"):
            hour = hour % 12 + (12 if m.group("ap") == "p" else 0)
        minutes = hour * 60 + int(m.group("m") or 0)
    if minutes // 60 == at.hour:
        return True
    own = at.hour * 60 + at.minute
    gap = abs(minutes - own)
    return min(gap, 24 * 60 - gap) <= _NEAR_CAPTURE


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


@dataclass(frozen=True)
class Day:
    """The calendar day an expression means (`month`: a whole month, first to last day);
    `order`: how a numeric date was read ("dmy", "mdy"), "" when it reads one way only."""

    first: date
    last: date
    month: bool = False
    order: str = ""


def calendar(text: str, near: date) -> list[Day]:
    """The calendar days a date expression (as `find` returns it) may mean, read by the same
    grammar's parts: day, month and year; a missing year is the one that puts the day nearest
    `near` (the capture's day), a two-digit year the century that does. Two readings for a
    numeric date with slashes that reads both ways (05/06/2024); none for a time, a relative
    form or a copyright year."""
    low = _lower(text)
    months = _month_numbers()
    words = set(_LETTERS.findall(low))
    weekdays = _weekday_parts()
    named = words.intersection(months)
    named.update(m for m, parts in _marked_months() if parts <= words)
    pattern = _calendar_pattern(
        tuple(sorted(named)),
        tuple(sorted(w for w, parts in weekdays.items() if parts <= words)),
        tuple(sorted(n for n in calendars.MONTHS if n in low)),
        tuple(sorted(n for n in calendars.HEBREW_MONTHS if n in low)),
    )
    m = pattern.search(low)
    if m is None:
        return []
    g = m.groupdict()
    if g["xm"]:  # a Hebrew date
        one = calendars.hebrew(g["xy"], g["xm"], g["xd"])
        return [Day(one, one)] if one else []
    if g["om"]:
        system, month = calendars.MONTHS[g["om"]]
        one = calendars.gregorian(system, int(g["oy"]), month, int(g["od"]))
        return [Day(one, one)] if one else []
    if g["ty"]:  # a Minguo year
        return _days(_MINGUO + int(g["ty"]), int(g["tm"]), int(g["td"]), near)
    if g["iy"]:
        return _days(int(g["iy"]), int(g["im"]), int(g["id"]), near)
    if g["na"]:
        y = int(g["ny"])
        if len(g["ny"]) == 2:
            y = _nearest_century(y, near)
        a, b = int(g["na"]), int(g["nb"])
        if g["sep"] != "/":
            return _days(y, b, a, near)
        return _days(y, b, a, near, "dmy") + _days(y, a, b, near, "mdy")
    if g["ry"]:
        return _days(int(g["ry"]), int(g["rm"]), int(g["rd"]), near)
    if g["cm"]:
        year = g["cy"] and int(g["cy"])
        if g["era"]:
            year = ERAS[g["era"]] + (1 if g["ey"] == "元" else int(g["ey"]))
        return _days(year or None, int(g["cm"]), int(g["cd"]), near)
    if g["ha"]:  # hyphens, as slashes, may be written either way round (05-06-2024)
        y, a, b = int(g["hy"]), int(g["ha"]), int(g["hb"])
        return _days(y, b, a, near, "dmy") + _days(y, a, b, near, "mdy")
    if g["pd"]:
        return _days(None, int(g["pm"]), int(g["pd"]), near)
    if g["kw"]:
        return _week(int(g["ky"]) if g["ky"] else None, int(g["kw"]), near)
    month = months[g["m"]]
    day, year = g["d1"] or g["d2"], g["y1"] or g["y2"] or g["y3"]
    if day:
        return _days(int(year) if year else None, month, int(day), near)
    try:
        first = date(_gregorian(int(year)), month, 1)
    except ValueError:
        return []
    last = date.fromordinal(date(first.year + month // 12, month % 12 + 1, 1).toordinal() - 1)
    return [Day(first, last, True)]


def _days(year: int | None, month: int, day: int, near: date, order: str = "") -> list[Day]:
    """The day, if the calendar has it; with no year, in the year that puts it nearest `near`."""
    found = []
    years = (_gregorian(year),) if year is not None else (near.year - 1, near.year, near.year + 1)
    for y in years:
        try:
            found.append(date(y, month, day))
        except ValueError:
            continue
    if not found:
        return []
    best = min(found, key=lambda d: abs(d.toordinal() - near.toordinal()))
    return [Day(best, best, False, order)]


def _gregorian(year: int) -> int:
    """A year of the Buddhist era (Thai pages: "1 พฤษภาคม 2567", CLDR's calendar for `th`) as
    the Gregorian one: no page dates a day of ours 2400 or later."""
    return year - _BUDDHIST_ERA if year >= 2400 else year


_BUDDHIST_ERA = 543


def _week(year: int | None, week: int, near: date) -> list[Day]:
    """An ISO calendar week, Monday to Sunday; with no year, the one nearest `near`."""
    found = []
    for y in (year,) if year is not None else (near.year - 1, near.year, near.year + 1):
        try:
            found.append(date.fromisocalendar(y, week, 1))
        except ValueError:
            continue
    if not found:
        return []
    first = min(found, key=lambda d: abs(d.toordinal() + 3 - near.toordinal()))
    return [Day(first, date.fromordinal(first.toordinal() + 6))]


def _nearest_century(yy: int, near: date) -> int:
    base = near.year - near.year % 100 + yy
    return min((base - 100, base, base + 100), key=lambda y: abs(y - near.year))


@cache
def _month_numbers() -> dict[str, int]:
    return dict(_names()["months"])


@cache
def _marked_months() -> tuple[tuple[str, frozenset[str]], ...]:
    """The month names that are no one run of letters, with their runs: names with a vowel
    sign ("มิถุนายน", Thai; Hindi "जनवरी") or a dot inside ("พ.ค.")."""
    return tuple(
        (m, frozenset(_LETTERS.findall(m))) for m in _month_numbers() if not _LETTERS.fullmatch(m)
    )


@cache
def _weekday_parts() -> dict[str, frozenset[str]]:
    """Each weekday name by the words of letters it is made of ("segunda-feira")."""
    return {w: frozenset(_LETTERS.findall(w)) for w in _names()["lists"]["weekdays"]}


@lru_cache(maxsize=64)
def _calendar_pattern(
    months: tuple[str, ...],
    weekdays: tuple[str, ...],
    others: tuple[str, ...] = (),
    hebrew: tuple[str, ...] = (),
) -> re.Pattern:
    """The grammar's date forms (ISO, numeric, a named month in day–month or month–day order or
    with a year alone, after an optional weekday) with their parts as groups, to run on one
    expression's text; with only the names that text holds (written out as alternations: any
    engine reads them, and a few names compile in a fraction of a millisecond)."""

    day = _DAY  # the grammar's own parts, with groups around them
    return re.compile(
        rf"(?<![\w.,:/])(?:{_either(weekdays)}\.?,?\s)?(?:"
        rf"(?P<ty>(?<![\d.-])1[01]\d)(?P<ts>[-/.])(?P<tm>0[1-9]|1[0-2])(?P=ts)(?P<td>{day})(?!\d)|"
        # a day of another calendar: Solar Hijri, Hijri (`tracker.calendars`)
        rf"(?P<od>{day})\s?(?P<om>{_either(others)})\s?(?P<oy>{calendars.YEAR})(?!\d)|"
        rf"(?P<xd>{_either(calendars.hebrew_days()) if hebrew else '(?!)'})\s?"
        rf"(?P<xm>{_either(hebrew)})\s?(?P<xy>{calendars.HEBREW_YEAR})|"
        rf"(?P<iy>{_YEAR})-(?P<im>0\d|1[0-2])-(?P<id>[0-2]\d|3[01])"
        rf"|(?P<na>{day})(?P<sep>/|\.\s?)(?P<nb>{day})(?P=sep)(?P<ny>{_YEAR}|\d\d)(?!\d)"
        rf"|(?P<ry>{_YEAR})(?P<rs>/|\.\s?)(?P<rm>{day})(?P=rs)(?P<rd>{day})(?!\d)"
        # a CJK date: its marks are letters (the grammar found which; a class of CJK
        # characters costs a millisecond to compile)
        rf"|(?:(?:(?P<era>{_either(ERAS)})\s?(?P<ey>\d{{1,2}}|元)|(?P<cy>{_YEAR}))\s?"
        rf"[^\W\d_]\s?)?(?P<cm>{_MONTH_NO})[^\W\d_]\s?(?P<cd>{day})[^\W\d_]"
        # 15-05-2024; 06.05. (no year: the grammar reads it before a time or in a range)
        rf"|(?P<ha>{day})-(?P<hb>{day})-(?P<hy>{_YEAR})(?!\d)"
        rf"|(?P<pd>{day})\.(?P<pm>{_MONTH_NO})\.(?!\d)"
        # a calendar week: KW 19, KW 19/2024
        rf"|kw\s?(?P<kw>5[0-3]|[1-4]\d|0?[1-9])(?!\d)(?:\s?/\s?(?P<ky>{_YEAR})(?!\d))?"
        rf"|(?:(?P<d1>{day}){_ORDINAL}\.?(?:\s?|-)(?:(?:de|of)\s)?)?(?P<m>{_either(months)})"
        rf"\.?(?!\w)(?(d1)(?:(?:,?\s?(?:de\s|del\s)?|-)(?P<y1>{_YEAR})(?!\d))?"
        rf"|(?:\s(?P<d2>{day}){_ORDINAL}(?!\d)(?:,?\s(?P<y2>{_YEAR})(?!\d))?"
        rf"|,?\s(?:de\s)?(?P<y3>{_YEAR}))))"
    )
