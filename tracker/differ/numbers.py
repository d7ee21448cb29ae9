"""Numbers inside text: one pattern to find them, one rule to read them, one mask to hide them.

A block's masked text (numbers replaced by "#") is what stays the same while a counter moves,
so it keys counters, learned noise labels and "same text, other numbers" pairing.

A number is read whole, as a reader reads it: `27 514` (groups of three after a space; the text
is normalised, so a no-break or thin space is a space by now), `1,482`, `1.243.000`, `3.4`,
`1 234,56`. A separator followed by exactly three digits that repeats, or that comes before the
other separator (`1,234.56`, `1.234,56`), groups thousands; a lone one (`1.243`, `1,482`) is read
by the block's own evidence (another number there that shows which mark is the decimal one),
else the page's (`page_mark`: its numbers, its `<html lang>`, its script); with none, it groups
in an amount (`€ 3.200`, `1,200円`: no currency has a third decimal digit), else `,` groups
(English `1,482`) and `.` groups only in a block that reads continental (Latin letters beyond
ASCII, Greek, Cyrillic, or an amount written `60 €`). Arabic (`١٬٢٣٤٫٥`) and full-width
(`１，２００`) separators are read as theirs. Two or more dots that do not group thousands and
are no date (`3.2.1`) are a version, not a quantity. Two writings of one value
(`60 €`, `60,00 €`, `€ 60,-`) have one `values_key`: a block that changed only so changed nothing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from tracker import dates

MAX_DIGITS = 50
# A space-grouped number ("27 514"): its first digit not right after a digit, "+" or "digit
# space" (a phone's "+7 495 123" and "203 668 7474" stay several numbers), and no digit group
# after it; else digits with "." or "," inside. One leading \d keeps the scan as fast as "\d+".
_SPACED = r"(?<![+\d]\d)(?<!\d \d)\d{0,2}(?: \d{3})+(?!\d| \d)(?:[.,]\d+)?"
# Separators beyond ASCII: Arabic's own thousands and decimal marks ("١٬٢٣٤٫٥"), and the
# full-width comma and full stop of CJK text ("１，２００円"; the comma only before a group of
# three: "第3，4条" lists two numbers). Read as "," and "." (`_FOLD`).
_SEPARATORS = ".,\u066c\u066b\uff0e"
_FOLD = str.maketrans({"\u066c": ",", "\u066b": ".", "\uff0c": ",", "\uff0e": "."})
_ARABIC_MARKS = "\u066c\u066b"  # a number written with them shows its decimal mark: "."
NUMBER = re.compile(rf"\d(?:{_SPACED}|\d*(?:[{_SEPARATORS}]\d+|\uff0c\d{{3}}(?!\d))*)")
# Unicode's currency signs (category Sc, the Basic Multilingual Plane's): "₫", "฿", "₱", "₦"…
CURRENCY = "$¢£¤¥֏؋߾߿৲৳৻૱௹฿៛₠₡₢₣₤₥₦₧₨₩₪₫€₭₮₯₰₱₲₳₴₵₶₷₸₹₺₻₼₽₾₿⃀꠸﷼﹩＄￠￡￥￦"
_BEFORE = re.compile(rf"[{CURRENCY}] ?$")
# a sign after the number, not the next amount's glued to it ("₹2,49,999 ₹2,89,000")
_AFTER = re.compile(rf"^(?: ?%| ?[{CURRENCY}](?!\d))")
_WHOLE = re.compile(r"[.,][-–—](?![\w-])")  # "60,-", "60.–": an amount with no cents
# what a number's writing is made of: digits, separators, spaces, its currency or percent sign
_FORMAT = re.compile(rf"[\d\s.,\-–—%{CURRENCY}]+")
# Words that head a numbered item, per language (lower case; a trailing "." is allowed after
# each): "Step 2:", "Schritt 2:", "Étape 2.", "Шаг 2.", "Nr. 2 –". A sign needs no word: "№ 2.",
# "#2", "N° 2". A word is followed by the number and by ".", ")" or ":", a dash or the line's end
# ("Level 3 cases" is no list item).
LIST_LABELS: dict[str, str] = {
    "en": "step stage item point part no number",
    "ru": "шаг этап пункт",
    "fr": "étape point partie",
    "de": "schritt stufe punkt teil nr",
    "es": "paso etapa punto parte núm",
    "it": "passo fase punto parte",
    "pt": "passo etapa ponto parte",
    "nl": "stap fase punt deel nr",
    "pl": "krok etap punkt część nr",
    "uk": "крок етап пункт частина",
}
# longest first; the same text in every process (a set's order is not)
_LABELS = "|".join(
    sorted({w for row in LIST_LABELS.values() for w in row.split()}, key=lambda w: (-len(w), w))
)
ORDINAL = re.compile(
    r"(?:\d{1,3}[.)]|\(\d{1,3}\))(?= )"
    rf"|(?P<label>(?:{_LABELS})\.? ?)\d{{1,3}}(?:[.):](?=\s|$)|(?=\s[-–—]\s|\n|$))"
    r"|(?P<sign>(?:[#№]|n\.?[°º]) ?)\d{1,3}(?:[.):])?(?=\s|$)",
    re.I,
)
# the first characters an item with a list number can start with: most blocks are none
_ORDINAL_FIRST = frozenset(
    "0123456789(#№nN" + "".join(w[0] + w[0].upper() for w in _LABELS.split("|"))
)
# A reference marker: a footnote's number or letter in brackets right after a word or a sign, no
# space between ("312 km[1]", "Thames[8],", "[note 3]", "[przyp. 2]", "[a]", "[1][2]"). A
# citation added above renumbers every later one (MediaWiki): numbering, never a figure.
REFERENCE = re.compile(r"(?<=[^\s\[])\[(?:[^\W\d_]{1,12}\.? ?)?(?:\d{1,3}|[a-z])\]")
# Letters of the scripts whose languages write "3,5": Latin beyond ASCII, Greek, Cyrillic. Han,
# kana, Hangul, Arabic, Hebrew, Thai, Devanagari… write "3.5" (CJK pages group with ",").
_CONTINENTAL_LETTER = r"(?=[^\W\d_])[\u00c0-\u024f\u0370-\u052f\u1e00-\u1eff]"
_CONTINENTAL = re.compile(rf"{_CONTINENTAL_LETTER}|\d ?[{CURRENCY}]")
_AMOUNT_AFTER = re.compile(rf"\d ?[{CURRENCY}]")
_DIGITS = re.compile(r"\d+")
_LETTER = re.compile(r"[^\W\d_]")
_NON_ASCII_LETTER = re.compile(_CONTINENTAL_LETTER)
_LONE = re.compile(r"(?!0)\d{1,3}[.,]\d{3}")
# Currencies have no third decimal digit (the yen, the won none at all): an amount's lone
# separator before three digits groups thousands ("€ 3.200", "$1,200", "1,200円", "3.200 zł"
# is not: no sign). Only the signs, and the CJK units written after the number.
_MONEY_AFTER = re.compile(rf" ?[{CURRENCY}円元원]")
_VERSION_WORD = re.compile(
    r"(?:\bv|\b(?:version|release|versión|versão|versione|версия|релиз):?\s+|[<>=~!]=\s*)$", re.I
)
# a product's name written with a capital inside ("macOS", "iOS", "MySQL", "WordPress"); not an
# all-capital word ("EUR 3.50", "GDP 2.5"), not a plain capitalised one ("Rating 4.5")
_PRODUCT = re.compile(r"\b(?:[a-z]+[A-Z]|[A-Z][a-z]+[A-Z])[\w+]* $")


def mask(text: str) -> str:
    return NUMBER.sub("#", text)


def leading_ordinal(text: str) -> re.Match | None:
    """The list number a block starts with ("3. ", "3) ", "(3) ", "Step 3:", "№ 3."), if any."""
    return ORDINAL.match(text) if text[:1] in _ORDINAL_FIRST else None


def mask_ordinal(text: str) -> str:
    """The block with its leading list number masked (a NUL), its label word or sign kept:
    an item keeps its key when an item inserted above it renumbers it."""
    m = leading_ordinal(text)
    if not m:
        return text
    label = m.group("label") or m.group("sign")
    if label is None:
        return f"\x00{text[m.end() :]}"
    digits = _DIGITS.search(text, len(label))
    return f"{label}\x00{text[digits.end() :]}"


def reference_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` holds reference markers (`REFERENCE`)."""
    return [m.span() for m in REFERENCE.finditer(text)] if "[" in text else []


def without_references(text: str) -> str:
    """The text without its reference markers: "km[1]" and "km[2]", "[note 1]" and "[note 2]",
    "[a]" and "[b]", a marker added or dropped, leave one text."""
    return REFERENCE.sub("", text) if "[" in text else text


def decimal_mark(text: str, strong: bool = False) -> str | None:
    """"." or "," when a number of `text` shows which one is the decimal mark, else None.
    `strong`: only a number that cannot be read otherwise ("1.234,56", "1.234.567"), not a lone
    separator before other than three digits ("3,5", but also a time "10.30" or a version)."""
    for m in NUMBER.finditer(text):
        mark = _evidence(m.group(), strong)
        if mark:
            return mark
    return None


def ambiguous(token: str) -> bool:
    """A lone separator before exactly three digits ("1.243", "1,482"): grouping or decimal?"""
    if not token.isascii():
        if any(c in token for c in _ARABIC_MARKS):
            return False
        token = token.translate(_FOLD)
    return bool(_LONE.fullmatch(token))


def is_money(text: str, start: int, end: int) -> bool:
    """Whether the number at text[start:end] is an amount: a currency sign (or 円, 元, 원)
    right before or after it."""
    return bool(
        _BEFORE.search(text, max(0, start - 2), start) or _MONEY_AFTER.match(text, end)
    )


def value_at(text: str, m: re.Match, mark: str | None) -> int | float | str:
    """`value` of the number `m` found in `text`, told whether it is an amount (`is_money`)."""
    return value(m.group(), mark, text, is_money(text, m.start(), m.end()))


@functools.lru_cache(maxsize=64)
def lang_mark(lang: str | None) -> str | None:
    """The decimal mark of a page's language (`<html lang>`: "nl" → ",", "ja" → ".", "de-CH" →
    "."), from CLDR (Babel, read only for a page whose number needs it); None when unknown."""
    if not lang:
        return None
    from babel import UnknownLocaleError
    from babel.numbers import get_decimal_symbol

    try:
        symbol = get_decimal_symbol(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    return symbol if symbol in (",", ".") else "." if symbol == "\u066b" else None


def block_mark(text: str) -> str:
    """The decimal mark of a block with no other clue: "," when it reads continental (Latin
    letters beyond ASCII, Greek, Cyrillic, an amount written "60 €"), else "."."""
    return "," if _CONTINENTAL.search(text) else "."


def page_mark(text: str, lang: str | None = None) -> str | None:
    """The decimal mark a whole page shows, for a number its own block leaves ambiguous: a
    number that shows it beyond doubt ("1.234,56"), else the page's language (`lang_mark`),
    else a number's weaker evidence ("3,5"; a time "10.30" would mislead a Dutch page), else
    "," on a page that reads continental (at least 1 letter in 200 of a script that writes
    "3,5", or amounts written "60 €"), else None. `lang="en"`, many templates' default, gives
    way to letters that are not English. Reads the first 200,000 characters."""
    text = text[:200_000]
    mark = decimal_mark(text, strong=True)
    if mark:
        return mark
    mark = lang_mark(lang)
    if mark and not (lang.lower()[:2] == "en" and _reads_continental(text)):
        return mark
    mark = decimal_mark(text)
    if mark:
        return mark
    return "," if _AMOUNT_AFTER.search(text) or _reads_continental(text) else None


def _reads_continental(text: str) -> bool:
    letters = sum(1 for _ in _LETTER.finditer(text))
    others = sum(1 for _ in _NON_ASCII_LETTER.finditer(text))
    return bool(letters) and others * 200 >= letters


def _evidence(token: str, strong: bool = False) -> str | None:
    if not token.isascii():
        if any(c in token for c in _ARABIC_MARKS):
            return "."
        token = token.translate(_FOLD)
    if " " in token:
        return "," if "," in token else "." if "." in token else None
    dots, commas = token.count("."), token.count(",")
    if dots and commas:
        return token[max(token.rfind("."), token.rfind(","))]
    sep = "." if dots else "," if commas else None
    if sep is None:
        return None
    parts = token.split(sep)
    grouped = len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]) or _groups(parts, sep)
    if len(parts) > 2:
        return ("," if sep == "." else ".") if grouped else None
    return None if grouped or strong else sep


def value(
    token: str, mark: str | None = None, context: str = "", money: bool = False
) -> int | float | str:
    """The quantity a number token stands for: "27 514" → 27514, "1,296" → 1296, "3,5" → 3.5,
    "1.234,56" → 1234.56; anything else (a date "20.09.2017", a version "3.2.1") stays a
    string: it changed, but it is not a quantity. `mark` is the decimal mark the block shows
    (`decimal_mark`); `context` the block's text, read when a lone separator is ambiguous;
    `money`: the number is an amount, whose lone separator before three digits groups when no
    `mark` is known.
    Arabic ("١٬٥٠٠") and full-width ("１，２００") digits and separators read as theirs.
    So does a run of more than MAX_DIGITS characters (a serial, a hash, a digit dump: int() of
    thousands of digits is slow, and refused past 4,300)."""
    if len(token) > MAX_DIGITS:
        return token
    if token.isdigit():
        return int(token)
    if not token.isascii():
        if any(c in token for c in _ARABIC_MARKS):
            mark = "."
        token = token.translate(_FOLD)
    if " " in token:
        whole, _, frac = token.replace(" ", "").replace(",", ".").partition(".")
        return _join(whole, frac)
    dots, commas = token.count("."), token.count(",")
    if dots and commas:
        dec = token[max(token.rfind("."), token.rfind(","))]
        group = "," if dec == "." else "."
        whole, _, frac = token.rpartition(dec)
        parts = whole.split(group)
        if token.count(dec) == 1 and _groups(parts, group):
            return _join("".join(parts), frac)
        return token
    sep = "." if dots else ","
    parts = token.split(sep)
    if len(parts) > 2:
        return int("".join(parts)) if _groups(parts, sep) else token
    whole, frac = parts
    if len(frac) != 3 or not _groups(parts):
        return _join(whole, frac)
    # a lone separator before three digits: "1,482" or "1.243"; with no evidence of the mark,
    # an amount groups ("€ 3.200"), else the block's letters decide; evidence wins ("£1.459" a
    # litre on a page that writes decimals with ".")
    if mark is None:
        if money:
            return int(whole + frac)
        mark = block_mark(context)
    return _join(whole, frac) if mark == sep else int(whole + frac)


def _groups(parts: list[str], sep: str = "") -> bool:
    """Whether the parts between separators group thousands: "1,234,567"; with `sep` ",", also
    as India writes lakhs and crores, "1,23,456" and "12,34,56,789" (twos, then the last three)."""
    if not parts[0] or parts[0][0] == "0":
        return False
    if len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]):
        return True
    return (
        sep == ","
        and len(parts) > 2
        and len(parts[0]) <= 2
        and len(parts[-1]) == 3
        and all(len(p) == 2 for p in parts[1:-1])
    )


def _join(whole: str, frac: str) -> int | float:
    return float(f"{whole}.{frac}") if frac else int(whole)


def is_version(token: str, before: str = "") -> bool:
    """"3.2.1" (two or more dots that group nothing and are no date), or a dotted number right
    after "v", a word such as "version", a requirement's operator (">=3.9", "==2.4") or a
    product's name written with a capital inside ("macOS 14.4")."""
    parts = token.split(".")
    if "," in token or " " in token or len(parts) < 2 or not all(parts):
        return False
    if _VERSION_WORD.search(before) or _PRODUCT.search(before):
        return True
    if len(parts) == 2 or _groups(parts):
        return False
    if len(parts) == 3 and (len(parts[2]) == 4 or len(parts[0]) == 4):
        return False  # a date: 20.09.2017, 2017.09.20
    return True


def version_pair(old: str, new: str) -> bool:
    """Two dotted numbers that move as versions, not decimals: one whole part, fractions of
    other lengths, the longer ending in 0 ("3.9" → "3.10", "1.10" → "1.9"). A decimal written
    with one more digit keeps its value ("3.5" → "3.50"); no decimal moves 3.9 → 3.1 so."""
    a, b = old.split("."), new.split(".")
    if len(a) != 2 or len(b) != 2 or a[0] != b[0] or len(a[1]) == len(b[1]):
        return False
    longer = max(a[1], b[1], key=len)
    return longer.endswith("0") and longer.rstrip("0") != min(a[1], b[1], key=len).rstrip("0")


def written(text: str, start: int, end: int) -> str:
    """The number at text[start:end] as the page writes it, with its currency or percent sign
    ("£108.00", "60 €", "2,9 %")."""
    b = _BEFORE.search(text, max(0, start - 2), start)
    a = _AFTER.match(text[end : end + 3])
    return text[b.start() if b else start : end + (a.end() if a else 0)]


def pair_mark(old: str, new: str, page_mark: Callable[[], str | None] | None = None) -> str | None:
    """The one decimal mark both sides of a block pair are read with: a number's evidence on
    either side, else (only when a number that differs is ambiguous) `page_mark()`, else None:
    no evidence, each number is then read by its shape (an amount's separator groups) and its
    block (`value`, `block_mark`)."""
    mark = decimal_mark(new) or decimal_mark(old)
    if mark is None and page_mark is not None:
        olds, news = NUMBER.findall(old), NUMBER.findall(new)
        changed = [t for a, b in zip(olds, news, strict=False) if a != b for t in (a, b)]
        if any(map(ambiguous, changed)):
            mark = page_mark()
    return mark


def values_key(text: str, mark: str | None) -> str:
    """The text with each number replaced by its value and its currency or percent sign, put
    after it: "Fee: 60 €", "Fee: 60,00 €" and "Fee: € 60,-" ("60,-": a whole amount) give one
    key, "Fee: 80 €" another. A number that is no quantity (a date, a version) stays as written."""
    out: list[str] = []
    pos = 0
    for m in NUMBER.finditer(text):
        start, end = m.span()
        token = m.group()
        sign = ""
        b = _BEFORE.search(text, max(pos, start - 2), start)
        if b:
            sign, start = b.group().strip(), b.start()
        w = _WHOLE.match(text, end)
        if w:
            end = w.end()
        a = _AFTER.match(text[end : end + 3])
        if a:
            sign, end = sign + a.group().strip(), end + a.end()
        v = value(token, mark, text, sign.strip("%") != "" or is_money(text, m.start(), m.end()))
        if isinstance(v, str) or is_version(token, text[max(0, m.start() - 20) : m.start()]):
            v = token
        elif isinstance(v, float) and v.is_integer():
            v = int(v)
        out += (text[pos:start], f"\x00{v}{sign}\x00")
        pos = end
    out.append(text[pos:])
    return _GLUED.sub("", "".join(out))


# A space between a number and a word is its writing, as the space before a sign: a currency
# written in letters ("Rp 1.234.000" → "Rp1.234.000", "1 234 Kč" → "1 234Kč")
_GLUED = re.compile(r"(?<=[^\W\d_]) (?=\x00)|(?<=\x00) (?=[^\W\d_])")


def value_shape(text: str) -> str | None:
    """What a number's writing cannot change in a block with numbers (None without any): two
    blocks whose numbers may only be written another way have the same shape."""
    return _FORMAT.sub("", text) if NUMBER.search(text) else None


def writing_only(deleted: str, inserted: str) -> bool:
    """Whether a word diff's deletions and insertions differ only in what numbers are written
    with (digits, separators, spaces, percent signs, a currency by any of its names): edits that
    change no word ("Rp 1.234.000" → "Rp1.234.000" deletes "Rp 1" and inserts "Rp1"; "129,99
    zł" → "129,99 PLN")."""
    a, b = _WRITING.sub("", deleted), _WRITING.sub("", inserted)
    return _FORMAT.sub("", a) == _FORMAT.sub("", b) or same_currency(a, b)


_WRITING = re.compile(r"[\d\s.,\-–—%]+")
# what may name a currency: a sign, or a short name with an ISO code's capitals or a sign in it
_CURRENCY_LIKE = re.compile(rf"[{CURRENCY}]|^[A-Z]{{3}}$")


def same_currency(a: str, b: str) -> bool:
    """Whether `a` and `b` are two names of one currency ("zł" and "PLN", "Kč" and "CZK", "₹"
    and "INR", "€" and "EUR"), as CLDR names them (`currency_names`)."""
    if a == b or not (0 < len(a) <= 4 and 0 < len(b) <= 4):
        return a == b
    if not (_CURRENCY_LIKE.search(a) or _CURRENCY_LIKE.search(b)):
        return False  # "am" and "pm": not worth reading CLDR's names
    names = currency_names()
    return bool(names.get(a.lower(), frozenset()) & names.get(b.lower(), frozenset()))


# Names pages write that CLDR does not list: Vietnam's "đ", "VNĐ" beside "₫" and "VND"
_EXTRA_CURRENCY_NAMES = {"đ": "VND", "vnđ": "VND"}


@functools.cache
def currency_names() -> dict[str, frozenset[str]]:
    """Each name a currency goes by (lower case) to its ISO codes, by CLDR
    (`dates.currencies`), and the names pages write that CLDR lacks."""
    names = {name: set(codes) for name, codes in dates.currencies().items()}
    for name, code in _EXTRA_CURRENCY_NAMES.items():
        names.setdefault(name, set()).add(code)
    return {name: frozenset(codes) for name, codes in names.items()}


def same_values(old: str, new: str, page_mark: Callable[[], str | None] | None = None) -> bool:
    """Whether two texts differ only in how their numbers are written, every number keeping
    its value and sign ("60 €" → "60,00 €", "1234,56" → "1 234,56", "60 €" → "€ 60,-")."""
    shape = value_shape(old)
    if shape is None or old == new:
        return False
    if shape != value_shape(new):
        new = _currency_as_in(old, new)
        if shape != value_shape(new):
            return False
    mark = pair_mark(old, new, page_mark)
    return values_key(old, mark) == values_key(new, mark)


def amounts_only(text: str) -> bool:
    """Whether `text` holds numbers and no letters but short words right beside them ("129,99
    zł", "PLN 129,99", "1.234.000đ 1.590.000 ₫ -22%", but also "12 km"): amounts, maybe
    with their currencies' names."""
    if _WORD_OF_FOUR.search(text) or not NUMBER.search(text):
        return False  # a name beside a number has three letters at most: a longer word stays
    bare = _NAME_BEFORE.sub("", _NAME_AFTER.sub("", text))
    return _LETTER.search(bare) is None


def currency_signed(text: str) -> str:
    """`text` with each currency name beside a number ("zł", "PLN", "₫", "đ") written as one
    sign its other names share, with no letter (a block of amounts is then a block without
    words, which `same_values` reads): "129,99 zł" and "129,99 PLN" are one amount written two
    ways. Names of no currency stay."""

    def sign(name: str) -> str:
        codes = currency_names().get(name.lower())
        return "".join(chr(0xE000 + ord(c)) for c in min(codes)) if codes else name

    # one space between a number and its sign, as `values_key` reads a sign's space
    text = _NAME_AFTER.sub(lambda m: " " + sign(m.group(2)), text)
    return _NAME_BEFORE.sub(lambda m: sign(m.group(1)) + " ", text)


# a currency's name beside a number: a sign, or a short word ("zł", "Kč", "PLN", "R$")
_NAME_AFTER = re.compile(rf"(?<=\d)( ?)([{CURRENCY}]|[^\W\d_]{{1,3}}\$?)(?![^\W\d_])")
_NAME_BEFORE = re.compile(rf"(?<![^\W\d_])([{CURRENCY}]|[^\W\d_]{{1,3}}\$?)( ?)(?=\d)")
_WORD_OF_FOUR = re.compile(r"[^\W\d_]{4}")


def _currency_as_in(old: str, new: str) -> str:
    """`new` with each currency name beside a number that `old` writes by another of its
    names written as in `old` ("129,99 PLN" → "129,99 zł" beside "129,99 zł")."""
    olds = [m.group(2) for m in _NAME_AFTER.finditer(old)]
    olds += [m.group(1) for m in _NAME_BEFORE.finditer(old)]
    if not olds:
        return new

    def as_old(name: str) -> str:
        return next((o for o in olds if o != name and same_currency(o, name)), name)

    new = _NAME_AFTER.sub(lambda m: m.group(1) + as_old(m.group(2)), new)
    return _NAME_BEFORE.sub(lambda m: as_old(m.group(1)) + m.group(2), new)


def number_edits(old: str, new: str) -> list[tuple[str, str]] | None:
    """Word-diff edits that swap whole numbers ("3.2.1" → "3.3.0", not "2.1" → "3.0"), for two
    texts equal but for their numbers; None when their other text differs too."""
    if mask(old) != mask(new):
        return None
    edits: list[tuple[str, str]] = []
    pa = 0
    for a, b in zip(NUMBER.finditer(old), NUMBER.finditer(new), strict=True):
        same = old[pa : a.start()]
        if a.group() == b.group():
            same += a.group()
        if same:
            if edits and edits[-1][0] == "=":
                same = edits.pop()[1] + same
            edits.append(("=", same))
        if a.group() != b.group():
            edits += [("-", a.group()), ("+", b.group())]
        pa = a.end()
    if old[pa:]:
        if edits and edits[-1][0] == "=":
            edits.append(("=", edits.pop()[1] + old[pa:]))
        else:
            edits.append(("=", old[pa:]))
    return edits


def delta(old: int | float | str, new: int | float | str) -> int | float | None:
    if isinstance(old, str) or isinstance(new, str):
        return None
    d = new - old
    return round(d, 10) if isinstance(d, float) else d
