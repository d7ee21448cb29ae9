"""What a block looks like: a date or clock widget, a dated news item, a heading, a day counter.

Plain regexes over one normalised block, so segmenting stays cheap and every rule is testable on
its own. Dates and times in any written form and language come from the one date grammar,
`tracker.dates`; only the news items' own dd.mm.yyyy form is spelled out here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tracker import dates
from tracker.differ.numbers import NUMBER

_NUMERIC_DATE = r"\d{1,2}[./]\d{1,2}[./]\d{2,4}"
# "Moscow: ", "London ", "New York: ": the label of a world clock
_CLOCK_LABEL = re.compile(r"[^\W\d][\w .'()/-]{0,30}?:?\s+")
ITEM_DATE = re.compile(_NUMERIC_DATE)
DATED_ITEM = re.compile(rf"({_NUMERIC_DATE})\s*[-–—]\s*(\S.*)", re.S)
_LETTER = re.compile(r"[^\W\d_]")
# "N days have passed since", "N days since": a count of days by its words. "N days ago" is a
# relative date, which the date grammar reads in every language (dates.day_counts)
DAYS_AFTER = re.compile(
    r"\s+days?\s+(?:(?:have|has)\s+(?:passed|elapsed|gone\s+by)\s+since|since)\b", re.I
)
# What makes "N days" (the unit's words in every language come from CLDR: dates.day_units) a
# count since an event rather than a duration ("within 30 days"): a word for "since" or for
# "have passed" within a few words of it. CLDR spells neither, hence this list, by language:
# en, ru, uk, de, fr, es, it, pt, nl, pl.
_SINCE = frozenset(
    "since passed elapsed gone "
    "с со после прошло прошли прошел прошёл истекло минуло "
    "з із від відколи минуло минули минув пройшло пройшли "
    "seit seitdem vergangen verstrichen verflossen "
    "depuis écoulés écoulées écoulé passés passé fait voilà "
    "desde pasado pasados transcurrido transcurridos llevamos lleva llevan llevo "
    "da dal dalla dallo dall dai dalle passati passato trascorsi trascorso "
    "passaram passados decorridos decorreram faz "
    "sinds sedert verstreken voorbij "
    "od minęło minęły upłynęło upłynęły".split()
)
# ... and what makes it a count of the days left ("Noch 12 Tage bis zur Wahl", "осталось 12
# дней", "Only 12 days left", "quedan 12 días", "mancano 12 giorni"): it counts down
_UNTIL = frozenset(
    "left remaining remain go until till "
    "осталось остался осталась остаётся остается осталось до "
    "залишилось залишилося залишилася залишилися залишився залишається лишилося лишилось "
    "лишається до "
    "noch bis verbleiben verbleibend übrig "
    "reste restent restant avant "
    "quedan queda faltan falta restan hasta "
    "mancano manca rimangono restano "
    "faltam falta restam até "
    "nog resten "
    "pozostało pozostały zostało zostały "
    "kaldı απομένουν απομένει μένουν נותרו נותר تبقى باقي متبقي 남음 남은".split()
)
# ... in the languages written without spaces, looked for inside the runs of text around the
# number ("侵攻から800日が経過", "已经800天", "800일이 지났다", "800日目", "第800天"; "あと12日",
# "还有12天", "12일 남았다"): ja, zh, ko
_SINCE_CJK = ("経過", "経った", "たった", "以来", "以來", "日目", "已经", "已經")
_SINCE_CJK += ("过去", "過去", "第", "지났", "지난", "경과", "이후", "째")
_UNTIL_CJK = ("あと", "残り", "还有", "還有", "还剩", "還剩", "倒计时", "倒數")
_UNTIL_CJK += ("남았", "남은", "남음", "앞으로")
# "of" after "day N" in the languages read ("Tag 3 des", "jour 3 de", "giorno 3 della")
_DAY_OF_ANY = re.compile(r"\s+(?:of|des|der|de|del|della|dello|dei|di|du|da|do|van)\b", re.I)
_LAST_WORD = re.compile(r"[^\W\d_]+$")
_CLAUSE_WORDS = 3  # how many words either side of "N days" the "since" may stand
_UNIT_WORD = re.compile(r"[\s\u00a0\u202f]*([^\W\d_]+)\.?")
_WORD = re.compile(r"[^\W\d_]+")
_CLAUSE_END = re.compile(r"[.!?;:\n]\s")

TITLE_MAX = 300


def hints_of(text: str, skeleton: Callable[[], str] | None = None) -> frozenset[str]:
    """Hints: "date", "clock", "days" (a count of days alone: "3 days ago"), "dated_item",
    "item_date" (a bare dd.mm.yyyy that may head an item), "heading" (a short upper-case
    line). `skeleton`: gives `dates.skeleton(text)`, when the caller keeps it."""
    hints = set()
    if len(text) <= 60 and "\n" not in text:
        kind = widget_kind(text, skeleton)
        if kind:
            hints.add(kind)
            if kind == "date" and ITEM_DATE.fullmatch(text):
                hints.add("item_date")
    if DATED_ITEM.fullmatch(text):
        hints.add("dated_item")
    if len(text) <= 80 and "\n" not in text and text.upper() == text:
        if len(_LETTER.findall(text)) >= 2:
            hints.add("heading")
    return frozenset(hints)


def widget_kind(text: str, skeleton: Callable[[], str] | None = None) -> str | None:
    """Which widget a line is: "date" when it is one date expression (with or without a time),
    "clock" when only a time, bare or after a label ("Moscow: 00:03", "3 hours ago"), "days"
    when a count of days alone ("3 days ago": a day counter, or a date once its unit changes)."""
    # words no date holds: only a clock's label may have them
    other = skeleton() if skeleton is not None else dates.skeleton(text)
    if other and (len(other) > 31 or not dates.may_hold_a_clock(text)):
        return None
    found = dates.find(text)
    if not found:
        counts = dates.day_counts(text) if not other else []
        whole = len(counts) == 1 and counts[0].start == 0 and counts[0].end == len(text)
        return "days" if whole else None
    if found[-1].end != len(text):
        return None
    if len(found) > 1:  # "Open from 12pm to 4pm": hours, not a clock
        return None
    last = found[0]
    if last.span:  # "9:00–17:00": opening hours, not a clock
        return None
    if last.start == 0:
        return "clock" if last.clock else "date"
    if last.clock and _CLOCK_LABEL.fullmatch(text, 0, last.start):
        return "clock"
    return None


def dated_item_title(text: str) -> str | None:
    m = DATED_ITEM.fullmatch(text)
    return m.group(2) if m else None


def title_like(text: str) -> bool:
    """A paragraph that can be an item's title: one line, not too long, not a date or clock."""
    return (
        "\n" not in text
        and len(text) <= TITLE_MAX
        and _LETTER.search(text) is not None
        and not ({"date", "clock", "dated_item", "heading"} & hints_of(text))
    )


def days_counter_at(text: str, start: int, end: int) -> bool:
    """Is the number at text[start:end] a count of days ("N days have passed since", "N days
    since", "day N of")? Only its neighbourhood is looked at: slicing the whole text before and
    after each number made a block of many numbers cost time quadratic in its length."""
    if DAYS_AFTER.match(text, end):
        return True
    if _days_since(text, start, end) or _labelled_days(text, start):
        return True
    k = start  # the word before the number: skip the spaces between them (each space is
    while k > 0 and text[k - 1].isspace():  # walked once: they lie between two numbers)
        k -= 1
    if k == start:
        return False
    # "Day 1296 of the siege", "Tag 1296 des Krieges", "jour 1296 de la grève", "día 1296 de"
    word = _LAST_WORD.search(text, max(0, k - 12), k)
    return (
        word is not None
        and word.group().lower() in dates.day_units()
        and bool(_DAY_OF_ANY.match(text, end))
    )


def _labelled_days(text: str, start: int) -> bool:
    """A count of days whose label says so before it: a unit of days and a word for "since"
    heading the clause, a colon before the number ("Days since last accident: 45", "Tage seit
    dem letzten Unfall: 45", "Jours depuis la fermeture : 45")."""
    before = text[max(0, start - 60) : start].rstrip()
    if not before.endswith(":"):
        return False
    cuts = list(_CLAUSE_END.finditer(before[:-1]))
    words = [w.lower() for w in _WORD.findall(before[cuts[-1].end() :] if cuts else before)]
    return bool(words) and words[0] in dates.day_units() and not _SINCE.isdisjoint(words[1:4])


def days_countdown_at(text: str, start: int, end: int) -> bool:
    """Whether the number at text[start:end] counts the days left to an event ("Noch 12 Tage
    bis zur Europawahl", "осталось 12 дней"): its schedule runs down, one a day."""
    if days_counter_at(text, start, end):
        return False
    return _days_near(text, start, end, _UNTIL, _UNTIL_CJK) or _days_ahead(text, start, end)


def _days_ahead(text: str, start: int, end: int) -> bool:
    """The number at text[start:end] in CLDR's form of a number of days to come ("endet in 14
    Tagen", "закончится через 5 дней", "dans 14 jours", "14日後"): the days left to a date."""
    before = text[max(0, start - 16) : start].lower().rstrip()
    after = text[end : end + 16].lower().lstrip()
    for prefix, unit in dates.day_ahead():
        follows = after[len(unit) : len(unit) + 1]  # a CJK unit needs no word's end
        if after.startswith(unit) and not (follows.isalpha() and unit[-1:] < "\u3040"):
            if before.endswith(prefix) and not before[-len(prefix) - 1 : -len(prefix)].isalpha():
                return True
    return False


def _days_since(text: str, start: int, end: int) -> bool:
    """A count of days since an event in any language read ("Прошло 1296 дней с момента",
    "Seit 1296 Tagen", "1296 jours se sont écoulés depuis", "minęło 1296 dni od"): the number,
    a unit of days, and a word for "since" or "passed" among the few words around them in the
    same clause."""
    return _days_near(text, start, end, _SINCE, _SINCE_CJK)


def _days_near(
    text: str, start: int, end: int, near: frozenset[str], near_cjk: tuple[str, ...] = ()
) -> bool:
    """The number at text[start:end], a unit of days after it, and one of `near` among the
    few words around them in the same clause (or, after a CJK unit, one of `near_cjk` in the
    runs of text around it)."""
    unit = _UNIT_WORD.match(text, end)
    if unit is None:
        return False
    word = unit.group(1).lower()
    if word[0] >= "\u3040":  # "800日が経過しました", "800天", "800일": a CJK unit heads its run
        return word[0] in dates.day_units() and _cjk_near(text, start, unit.start(1), near_cjk)
    if word not in dates.day_units():
        return False
    after = text[unit.end() : unit.end() + 60]
    cut = _CLAUSE_END.search(after)
    words = _WORD.findall(after[: cut.start()] if cut else after)[:_CLAUSE_WORDS]
    before = text[max(0, start - 60) : start]
    cuts = list(_CLAUSE_END.finditer(before))
    words += _WORD.findall(before[cuts[-1].end() :] if cuts else before)[-_CLAUSE_WORDS:]
    return any(w.lower() in near for w in words)


def _cjk_near(text: str, start: int, end: int, near: tuple[str, ...]) -> bool:
    """One of `near` in the clause around text[start:end], within a dozen characters of it."""
    after = text[end : end + 12]
    cut = _CLAUSE_END.search(after) or re.search(r"[。！？；]", after)
    before = text[max(0, start - 12) : start]
    cuts = list(re.finditer(r"[。！？；.!?;:]", before))
    around = before[cuts[-1].end() :] if cuts else before
    around += "\x00" + (after[: cut.start()] if cut else after)
    return any(w in around for w in near)


def counts_days(text: str) -> bool:
    """Whether a block holds a count of days since an event or left to one, in any language
    read (its schedule is the point of watching it: never learned as noise)."""
    if DAYS_AFTER.search(text):
        return True
    units = dates.day_units()
    if units.isdisjoint(_WORD.findall(text.lower())) and not any(
        u in text for u in units if u[0] >= "\u3040"  # a CJK unit is glued to its words: 日が経過
    ):
        return False
    return any(
        days_counter_at(text, m.start(), m.end()) or days_countdown_at(text, m.start(), m.end())
        for m in NUMBER.finditer(text)
    )


HEADING_MAX = 80  # a heading is a short line
_MARKDOWN_HEADING = re.compile(r"#{1,6}\s+(\S.*)")
_SENTENCE_END = ".,;!…"
_DIGIT = re.compile(r"\d")


def caps_heading(text: str) -> bool:
    """A short upper-case line ("PRESS RELEASES AND NEWS"): the "heading" hint."""
    return (
        len(text) <= 80
        and "\n" not in text
        and text.upper() == text
        and len(_LETTER.findall(text)) >= 2
    )


def heading_text(text: str, after: str | None) -> str | None:
    """The heading `text` is, or None: an upper-case line, a Markdown `#` line, or a short line
    with a word and no sentence ending (not a date, clock or number line, nor a date line such
    as "Publié le 5 mai 2024", nor a table row "Certidão | 12,50 €") followed by a block at
    least twice as long (a section's text under its title). Works on any language's text;
    the cheap tests come first, as it is asked of every short block of a page."""
    if len(text) > HEADING_MAX or "\n" in text or " | " in text:  # cells joined: a table row
        return None
    if caps_heading(text):
        return text
    if text[:1] == "#":
        m = _MARKDOWN_HEADING.fullmatch(text)
        return m.group(1) if m else None
    if after is None or len(after) < max(40, 2 * len(text)):
        return None
    return text if heading_shape(text) else None


def heading_shape(text: str) -> bool:
    """Whether a line can head a section: short, one line, a word and no sentence ending, not
    an address, a date, clock or number line, a date line or a table row. What a heading read
    from the text must be, and what a bold paragraph of an HTML page must be to be one."""
    if not text or len(text) > HEADING_MAX or "\n" in text or " | " in text:
        return False
    if text[-1] in _SENTENCE_END or "@" in text or "://" in text or text[0] == "[":
        return False  # a sentence, an address or a placeholder
    digits = len(_DIGIT.findall(text))
    letters = len(_LETTER.findall(text))
    if letters < 2 or letters < digits:
        return False
    return not (digits and _stamp(text))


def _stamp(text: str) -> bool:
    """A date, a clock, a dated item, a date line, or a stamp of days ("Page updated 2 days
    ago"): what dates a section, never titles it."""
    return bool(
        {"date", "clock", "dated_item"} & hints_of(text)
        or _date_line(text)
        or dates.day_counts(text)
    )


def stamp_line(text: str) -> bool:
    """A short line that only dates what is around it: a date or clock widget, a date line
    (`_date_line`) or a stamp of days. A heading above one still heads the text below it."""
    if len(text) > HEADING_MAX or "\n" in text or not _DIGIT.search(text):
        return False
    return _stamp(text)


def _date_line(text: str) -> bool:
    """A line that ends in a date or time after at most three other words: the stamp under a
    title ("Veröffentlicht am 5. Mai 2024", "Last updated on 3 June 2023, 09:20")."""
    found = dates.find(text)
    if not found or text[found[-1].end :].strip(" .,;:)]"):
        return False
    return len(dates.skeleton(text[: found[-1].start]).split()) <= 3
