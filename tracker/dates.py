"""Dates and times as pages write them: the one date grammar of the project.

The differ uses it to tell a block whose only difference is a date or a time (noise) from a real
change; capture uses it to read the date a page shows. Month and weekday names (full,
abbreviated, genitive and stand-alone forms), relative forms ("3 hours ago", "il y a 3 heures",
"вчера") come from CLDR through Babel rather than hand lists, so every language is spelled the
way its locale data spells it. Reading them from Babel costs ~0.1 s, more than a diff of the
samples, so they are read on first use and kept in a small JSON file in the user's cache folder
(the only file this module writes; any failure to read or write it only costs that load again);
the grammar is compiled on first use, with only the names the texts read hold (see
`vocabulary`), and kept for the process. No clock, no git, no terminal.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import zlib
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from itertools import chain, filterfalse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex

LOCALES = ("en", "ru", "fr", "de", "es", "it", "pt", "nl", "pl", "uk")
# Relative units that make a date noise. Not days: "N days ago" is a day counter, whose
# schedule is checked (tracker.differ.counters).
_RELATIVE_UNITS = {"second": "clock", "minute": "clock", "hour": "clock"}
_RELATIVE_UNITS.update(week="date", month="date", year="date")
_RELATIVE_DAYS = (-2, -1, 0, 1, 2)  # "day before yesterday" … "day after tomorrow"
# Written forms CLDR does not list as names, in languages whose pages we read.
_EXTRA_MONTHS = {"sept": 9, "sep": 9, "june": 6, "july": 7, "setiembre": 9}
_EXTRA_MONTHS.update(aout=8, fevrier=2, fevr=2, decembre=12)  # French written without accents
_EXTRA_WEEKDAYS = ("tues", "wednes", "thur", "thurs")
_CACHE_FORMAT = 3
_MAX_VOCABULARIES = 8  # grammars built for the names read before the full one serves all

_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_ORDINAL = r"(?:st|nd|rd|th|er|re|e|º|°|o|-?го|-?е)?"
_YEAR = r"(?:1[6-9]|2\d)\d\d"
_YEAR_TAIL = r"(?:\s?(?:г\.|года|г(?!\w)|р\.|року|r\.|roku))?"
# A time of day: 16:40, 4:40 PM, 4 pm, 16 h 40, 16h40, 16.40 Uhr, 16 Uhr; then a zone.
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
    rf"|{_HOUR}\s?h\s?[0-5]\d(?!\d)|(?:1[0-2]|0?[1-9]){_AMPM}"
    rf"|(?:12\s)?(?:{'|'.join(_TIME_WORDS)})|{_HOUR}\s?h(?!\w))"
    rf"{_ZONE}"
)
# "14 h", "14h": a time only where it follows a date ("le 6 mai 2024 à 14 h"); alone it is as
# likely a duration ("livraison en 24 h", "ouvert 12h") or a count
_HOUR_ONLY = re.compile(rf"{_HOUR}\s?h{_ZONE}")
_ISO = (
    rf"{_YEAR}-(?:0\d|1[0-2])-(?:[0-2]\d|3[01])"
    r"(?:[t ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:z|[+\-]\d{2}:?\d{2})?)?"
)
_NUMERIC = rf"{_DAY}(?P<sep>[./]){_DAY}(?P=sep)(?:{_YEAR}|\d\d)(?![\d])|{_YEAR}/{_DAY}/{_DAY}(?!\d)"
# 12-05-2024 (a four-digit year, and no hyphen either side: not a phone "020-7946-0958", a code
# "AB-12-05-2024-7" nor a range "3-5"); 06.05. with no year, only before a time ("Stand: 06.05.,
# 14:05 Uhr") or a range to a full date ("03.05.–06.05.2024"): alone it may end a sentence on a
# decimal ("rose to 3.4."); a calendar week ("KW 19", "KW 19/2024")
_MONTH_NO = r"(?:1[0-2]|0?[1-9])"
_NUMERIC += (
    rf"|(?<!-){_DAY}-{_DAY}-{_YEAR}(?![\d-])"
    rf"|{_DAY}\.{_MONTH_NO}\.(?=,?\s?(?:um\s)?{_TIME}|\s?[-–—]\s?{_DAY}\.{_MONTH_NO}\.)"
    rf"|kw\s?(?:5[0-3]|[1-4]\d|0?[1-9])(?!\d)(?:\s?/\s?{_YEAR}(?!\d))?"
)
# What may sit between two dates or two times of one range or list ("9:00–17:00", "9am to 5pm",
# "de 9 h à 17 h", "von 9 bis 17 Uhr", "с 9:00 до 18:00", "3 and 4 June")
_RANGE = re.compile(
    r"\s?(?:[,:;|/–—-]|to|until|till|through|thru|and|or|bis|und|oder|au|à|et|ou|a|al|hasta|y|o"
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
    r"\s?[,:|/–—-]?\s?(?:(?:at|à|a las|a la|um|alle|às|om|o|в|о|kl\.|on|le|am|el|il|op|em)\s)?",
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


def _load_names() -> dict[str, list]:
    """The CLDR names the grammar needs, from Babel: month names with their numbers, weekday
    names, relative forms split around their number, words for the days around today."""
    from babel import Locale

    months: dict[str, int] = dict(_EXTRA_MONTHS)
    weekdays: set[str] = set(_EXTRA_WEEKDAYS)
    # "il y a {0} heures": prefix and unit, kept as pairs of one language ("over" is Dutch, so
    # "over 3 hours" is no relative time); "{0} часа назад": unit and suffix
    rel: dict[str, set[str]] = {k: set() for k in ("pre", "clock", "date", "clock_", "date_")}
    pairs: set[str] = set()
    day_words: set[str] = set()
    for code in LOCALES:
        loc = Locale.parse(code)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for no, name in loc.months[context][width].items():
                    months[_word(name)] = no
                for name in loc.days[context][width].values():
                    weekdays.add(_word(name))
        fields = loc._data["date_fields"]
        for unit, kind in _RELATIVE_UNITS.items():
            for variant in (unit, f"{unit}-short"):
                for direction in ("past", "future"):
                    for pattern in (fields.get(variant) or {}).get(direction, {}).values():
                        before, _, after = (_word(p) for p in pattern.partition("{0}"))
                        if before and (len(after) > 2 or after == "h"):
                            rel["pre"].add(before)
                            rel[kind].add(after)
                            pairs.add(f"{before}|{after}")
                        elif after and not before:
                            rel[f"{kind}_"].add(after)
        day = fields.get("day") or {}
        for offset, word in (day.get("relative") or {}).items():
            if offset in _RELATIVE_DAYS:
                day_words.add(_word(word))
    lists = {k: sorted(v) for k, v in rel.items()}
    lists.update(weekdays=sorted(weekdays), day_words=sorted(day_words))
    return {"months": sorted(months.items()), "lists": lists, "pairs": sorted(pairs)}


def _word(name: str) -> str:
    """A name as the normalised text of a page writes it: lower case, single spaces, no
    trailing dot (the grammar makes the dot optional)."""
    return " ".join(name.replace("\u2019", "'").split()).lower().rstrip(".")


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
    shape = (LOCALES, _RELATIVE_UNITS, _RELATIVE_DAYS, _EXTRA_MONTHS, _EXTRA_WEEKDAYS)
    key = f"{origin.parent}|{stamp}|{shape!r}|{_CACHE_FORMAT}"
    digest = format(zlib.crc32(key.encode()), "08x")
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tracker" / f"cldr-dates-{digest}.json"


def _names() -> dict[str, list]:
    path = _cache_file()
    if path is not None:
        try:
            names = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(names, dict) and {"months", "lists", "pairs"} <= names.keys():
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
def _atoms() -> regex.Pattern:
    """One pattern for every date/time part; each name list appears once (the regex module
    compiles a list per use, and a list used once keeps the build in milliseconds)."""
    return _build_atoms(None)


@lru_cache(maxsize=_MAX_VOCABULARIES)
def _atoms_of(vocabulary: frozenset[str]) -> regex.Pattern:
    """The grammar with only the names of `vocabulary`: the same answers on any text that holds
    no other name, built in a third of the time (the full lists cost ~15 ms a process)."""
    return _build_atoms(vocabulary)


def _build_atoms(keep: frozenset[str] | None) -> regex.Pattern:
    import regex

    names = _names()
    lists = {k: [n for n in v if keep is None or n in keep] for k, v in names["lists"].items() if v}
    months = [m for m, _ in names["months"] if keep is None or m in keep]
    number = r"(?:\d+|an?|one)"
    year = rf"{_YEAR}{_YEAR_TAIL}"
    named = (  # 3 February 2023 / 3. Februar / 3 de febrero de 2023 / June 14, 2023 / May 9
        rf"(?P<dm>{_DAY}{_ORDINAL}\.?(?:\s?|-)(?:(?:de|of)\s)?)?\L<months>\.?(?!\w)"
        rf"(?(dm)(?:(?:,?\s?(?:de\s|del\s)?|-){year})?"
        rf"|(?:\s{_DAY}{_ORDINAL}(?!\d)(?P<md>{_TO_DAY})?(?:,?\s{_YEAR}(?!\d))?"
        rf"|,?\s(?:de\s)?{year}))"
    )
    date = rf"(?:\L<weekdays>\.?,?\s)?(?:{_ISO}|{_NUMERIC}|{named})"
    # a copyright line's year ("© 2023", "(c) 2019-2024", "Copyright 2023") moves with the
    # calendar, like a date: a site's footer turning over the year is no figure
    date = rf"(?:{date}|(?:©|\(c\)|copyright)\s?{_YEAR}(?:\s?[-–]\s?{_YEAR})?)"

    def relative(kind: str) -> str:
        k = kind[0]
        return (
            rf"(?P<pre{k}>\L<pre>)\s{number}\s(?P<unit{k}>\L<{kind}>)\.?"
            rf"|{number}\s\L<{kind}_>\.?"
        )

    atom = (
        rf"(?<![\w.,:/])(?:(?P<date>{date})|(?P<time>{_TIME})"
        rf"|(?P<rclock>{relative('clock')})|(?P<rdate>{relative('date')}|\L<day_words>))(?!\w)"
    )
    # each name list behind a look-ahead for the first letters of its names: the module looks a
    # list up once for every length of its names, at every position it is tried at (half the
    # grammar's time, at the digits of a line where no name can be)
    lists["months"] = months
    for name, values in list(lists.items()):
        if not values:  # no such name in the texts: an empty list would match the empty string
            atom = atom.replace(f"\\L<{name}>", "(?!)")
            del lists[name]
            continue
        first = "".join(sorted({regex.escape(v[0]) for v in values}))
        atom = atom.replace(f"\\L<{name}>", f"(?=[{first}])\\L<{name}>")
    # lower-case names and lower-cased text: a case-insensitive build costs twice the time
    return regex.compile(atom, regex.V0, **lists)


@cache
def _pairs() -> frozenset[str]:
    return frozenset(_names()["pairs"])


@cache
def _line() -> tuple[regex.Pattern, dict[str, int]]:
    """A whole line that is one named-month or ISO date, read by capture for a page's day."""
    import regex

    names = _names()
    months = dict(names["months"])
    line = (
        rf"(?:\L<weekdays>\.?,?\s)?(?:(?:(?P<d1>{_DAY}){_ORDINAL}\.?\s(?:(?:de|of)\s)?)?"
        rf"(?P<m1>\L<months>)\.?(?(d1),?\s(?:de\s)?(?P<y1>{_YEAR}){_YEAR_TAIL}"
        rf"|\s(?P<d2>{_DAY}){_ORDINAL},?\s(?P<y2>{_YEAR}))"
        rf"|(?P<y3>{_YEAR})-(?P<m3>\d\d)-(?P<d3>\d\d))"
    )
    return regex.compile(
        line, regex.V0, months=list(months), weekdays=names["lists"]["weekdays"]
    ), months


def vocabulary(*texts: str) -> None:
    """Announce the texts whose stretches `find` is about to read (the differ: the blocks of
    both pages that differ). Compiling the name lists of ten languages costs more than the rest
    of a diff of two pages, so `find` reads with a grammar holding only the names of what it
    reads; the names of these texts, looked up at its first need, spare it one build per new
    name. Costs nothing until then."""
    _scope[0] = texts


def _atoms_for(low: str) -> regex.Pattern:
    """A grammar holding every name of `low`, so its answers on `low` are the full grammar's:
    the vocabulary built so far, grown (with the announced texts' names) when `low` holds a
    name it lacks. Once looking names up has cost about what the full grammar costs to build,
    or after a few builds (a changelog diffing many pages), the full grammar serves all."""
    if _atoms.cache_info().currsize or _spent[0] > _NAME_LOOKUP_BUDGET:
        return _atoms()
    names = _names_in(low)
    vocab = _vocab[0]
    if vocab is not None and names <= vocab:
        return _atoms_of(vocab)
    if _atoms_of.cache_info().misses >= _MAX_VOCABULARIES:
        return _atoms()
    announced, _scope[0] = _scope[0], ()
    vocab = names | (vocab or frozenset())
    if announced:  # no name holds a NUL: none spans two texts
        vocab |= _names_in(_lower("\x00".join(announced)))
    _vocab[0] = vocab
    return _atoms_of(vocab)


def _names_in(low: str) -> frozenset[str]:
    """The names that occur in `low` (anywhere: a month may follow an ordinal's letters)."""
    _spent[0] += len(low) + 64
    by_head, short, words, other = _name_index()
    if len(low) > 300:  # a name of letters only lies inside a run of letters: each run once
        runs = "\x00".join(set(_LETTERS.findall(low)))
        return frozenset(chain(filter(runs.__contains__, words), filter(low.__contains__, other)))
    # a short text: only the names whose first two characters it holds
    pairs = {low[i : i + 2] for i in range(len(low) - 1)}
    heads = chain.from_iterable(map(by_head.__getitem__, by_head.keys() & pairs))
    return frozenset(chain(filter(low.__contains__, heads), filter(low.__contains__, short)))


@cache
def _name_index() -> tuple[dict[str, list[str]], list[str], list[str], list[str]]:
    """Every name by its first two characters, the names of one character; the names of
    letters only, and the others."""
    every = sorted(set(chain(_month_names(), *_names()["lists"].values())))
    by_head: dict[str, list[str]] = {}
    for name in every:
        if len(name) > 1:
            by_head.setdefault(name[:2], []).append(name)
    words = [n for n in every if _LETTERS.fullmatch(n)]
    return (
        by_head,
        [n for n in every if len(n) < 2],
        words,
        [n for n in every if not _LETTERS.fullmatch(n)],
    )


# Read and replaced whole (safe between threads: each grammar `_atoms_for` returns holds the
# names it just found in the text). What looking names up may cost, in characters read
# (~0.2 µs each), before the full grammar (~15 ms) is built instead.
_scope: list[tuple[str, ...]] = [()]
_vocab: list[frozenset[str] | None] = [None]
_spent = [0]
_NAME_LOOKUP_BUDGET = 60_000


def _lower(text: str) -> str:
    """`text` in lower case, character for character (offsets stay those of `text`)."""
    low = text.lower()
    if len(low) != len(text):  # a rare letter whose lower case is longer ("İ"): case by case
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low


def find(text: str, start: int = 0, end: int | None = None) -> list[Expression]:
    """The date/time expressions of `text` (or of text[start:end]), adjacent parts joined
    ("Friday, 3 February 2023, 16:40" is one)."""
    return list(_find(text, start, len(text) if end is None else end))


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
        if kind in ("rclock", "rdate"):
            pre = m.group(f"pre{kind[1]}")
            if pre and f"{pre}|{m.group(f'unit{kind[1]}')}" not in pairs:
                continue  # a prefix and a unit of two languages
        clock = kind in ("time", "rclock")
        part = {"rclock": "relative", "rdate": "relative"}.get(kind, kind)
        begin, span = m.start(), False
        if kind == "time":  # "9 bis 17 Uhr", "9–5pm": a bare hour opens a range
            before = _BARE_HOUR.search(low, max(0, begin - 16), begin)
            if before and (not out or out[-1].end <= before.start()):
                begin, span = before.start(), True
            elif _OPENS.search(low, max(0, begin - 24), begin):
                span = True
            if not span and _HOUR_ONLY.fullmatch(m.group()) and not _follows(out, text, begin):
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
            if ranged or _JOIN.fullmatch(gap):
                out[-1] = Expression(
                    prev.start,
                    m.end(),
                    text[prev.start : m.end()],
                    prev.clock and clock,
                    prev.span or ranged or span,
                    part,
                )
                continue
        out.append(Expression(begin, m.end(), text[begin : m.end()], clock, span, part))
    return tuple(out)


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
    words, starts = _word_starts(), _starts()
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
                continue  # "copyright2023", "kw19": names a number may follow with no space
            m = atoms.match(low, p, end)
            if m is not None:
                yield m
                pos = m.end()  # as finditer: the next expression starts after this one
                break
        else:
            return


@cache
def _word_starts() -> regex.Pattern:
    import regex

    return regex.compile(r"(?<![\w.,:/])(?:\w+|[©(])", regex.V0)


@cache
def _starts() -> frozenset[str] | None:
    """The first words of the names an expression can start with (None if a name starts with
    no letter: then every position is tried)."""
    import regex

    names = _names()
    lists = names["lists"]
    if not all(any(map(str.isalpha, n)) for n in chain(_month_names(), *lists.values())):
        return None  # `_DATEISH` needs a letter in every name
    first = regex.compile(r"\w+", regex.V0)
    out = {"a", "an", "one", "copyright", "kw"} | {first.match(w).group() for w in _TIME_WORDS}
    for name in chain(_month_names(), *(lists.get(k, ()) for k in _OPENERS)):
        m = first.match(name)
        if m is None or not name[0].isalpha():
            return None
        out.add(m.group())
    return frozenset(out)


def _month_names():
    return (m for m, _ in _names()["months"])


_GLUED = ("copyright", "kw")
_OPENERS = ("weekdays", "pre", "day_words")  # the name lists an expression can start with
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
_LETTERS = re.compile(r"[^\W\d_]+")
# words of the grammar itself: ordinals, joiners, "de", "of", "Uhr", am/pm, zones, ISO's T and Z
_GRAMMAR_WORDS = (
    "st nd rd th er re e o º го е de del of at à a las la um alle às om в о kl uhr h ч г года р "
    "року r roku am pm a p m t z utc gmt cet cest eet eest wet west msk мск bst est edt cst cdt "
    "mst mdt pst pdt an one uur kw on le el il op em"
).split() + _LETTERS.findall(" ".join(_TIME_WORDS))


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


def only_dates_differ(old: str, new: str) -> str | None:
    """Why two texts differ only in dates: "date", or "clock" when only times changed; None
    when they differ elsewhere too (or not at all). Only the stretch that differs, with a margin
    wider than a date, is read: the rest is the same on both sides."""
    if old == new:
        return None
    head, tail = _head_tail(old, new)
    # most pairs change a word no date is made of: tell them without the grammar
    for text in (old, new):
        a, b = head, len(text) - tail
        while a > 0 and text[a - 1].isalnum():
            a -= 1
        while b < len(text) and text[b].isalnum():
            b += 1
        if not _date_words().issuperset(map(str.lower, _LETTERS.findall(text, a, b))):
            return None
    start, end_old, end_new = differing_window(old, new, head, tail)
    fo = find(old, start, end_old)
    if not fo:  # no date near the difference (most counters): the new side need not be read
        return None
    fn = find(new, start, end_new)
    if len(fo) != len(fn):
        return None
    if mask(old, fo, start, end_old) != mask(new, fn, start, end_new):
        return None
    changed = [(a, b) for a, b in zip(fo, fn, strict=True) if a.text != b.text]
    if not changed or any(a.span or b.span for a, b in changed):
        return None  # nothing, or opening hours or a period changed: a fact
    return "clock" if all(a.clock and b.clock for a, b in changed) else "date"


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
    now ("16:40", "4 pm", "16 h 40", "3 hours ago")?"""
    if _CLOCKISH.search(text):
        return True
    return not _clock_words().isdisjoint(map(str.lower, _LETTERS.findall(text)))


@cache
def _clock_words() -> frozenset[str]:
    lists = _names()["lists"]
    return frozenset(
        w for k in ("clock", "clock_") for v in lists.get(k, ()) for w in _LETTERS.findall(v)
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
    m = pattern.fullmatch(line.strip().lower())
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
