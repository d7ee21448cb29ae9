"""Phones and emails, compared as values across the whole page, not as text in blocks.

A phone is parsed with `phonenumbers` (leniency VALID, a region for numbers without a country
code: see `page_region`) and kept as E.164, so a new format of the same number is no change.
A date or date-time in digits is never asked about (`_DATE_IN_RUN`), and full-width forms are
read as the ASCII they spell (`fold`).
Emails are lower-cased. Cloudflare's email obfuscation leaves the literal "[email protected]" in
a text capture: a slot where an address is hidden, compared as its own value.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from tracker.cloudflare import PLACEHOLDER, PLACEHOLDER_TEXT

EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")
# EMAIL, found from each "@" outwards: a local part of at most LOCAL_MAX characters (RFC 5321's
# limit) before it, the domain after it. EMAIL.finditer itself rescans the run before an "@"
# from every position in it when the domain fails, quadratic on a long line without spaces.
LOCAL_MAX = 64
_LOCAL = re.compile(r"[\w.%+-]+\Z")
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")
# Worth asking phonenumbers only where 7+ digits sit close together, and only about that window
# (with a little context for a "+" or "tel."): a long paragraph is never parsed whole. A run is
# `\+?\(?` + _DIGIT_RUN; the regex starts at the digit so that re skips to digits in C (a
# leading optional group makes it try every position), and `_windows` adds the "(" and "+".
_DIGIT_RUN = re.compile(r"\d[\d \t().\-/]{6,}")
_DATE = r"\d{1,2}([./-])\d{1,2}\1\d{2,4}"
_RANGE_END = r"\d{1,2}([./-])\d{1,2}\2\d{2,4}"
# A date, or a range of two ("16.04.2018 - 17.04.2018"), is never a phone number.
_DATE_LIKE = re.compile(_DATE + r"(?:\s*[-–]\s*" + _RANGE_END + ")?")
# A date or date-time written in digits and separators only, inside a longer run: cut out of
# the run before phonenumbers sees it ("Posted: 2024-05-01 10:00" read in the US was
# +1 202-405-0110, 202 being Washington's area code). A year of four digits (the dots may be
# spaced: "2024. 05. 01.", "1. 5. 2024"), or of two after "." or "/" ("12.05.24"); no digit or
# separated digit on either side, so that "06.12.05.34.56" (a French number) and "(8452)
# 12-05-56" stay whole; then an optional time ("10:00", "10:00:30", "10.00", "1000"). Compact
# "20240501" only with its time ("20240501 1000"): alone it is as likely a Danish number.
_Y, _M, _D = r"(?:1[6-9]|20)\d\d", r"(?:0?[1-9]|1[0-2])", r"(?:0?[1-9]|[12]\d|3[01])"
_H, _HH, _MM = r"(?:[01]?\d|2[0-3])", r"(?:[01]\d|2[0-3])", r"[0-5]\d"
_SEP = r"(?:[/-]|\.[ \t]?)"
_CLOCK = rf"(?:T|\.?,?[ \t]{{1,2}})(?:{_H}[:.]{_MM}(?:[:.]{_MM})?|{_HH}{_MM}(?:{_MM})?)"
_NOT_AFTER = r"(?<![\d./-])"
_NOT_BEFORE = r"(?![\d]|[./-]\d)"
_DATE_IN_RUN = (  # compiled on first use (`_date_in_run`): most diffs never need it
    rf"{_NOT_AFTER}(?:{_Y}(?P<a>{_SEP}){_M}(?P=a){_D}|{_D}(?P<b>{_SEP}){_D}(?P=b){_Y}"
    rf"|{_D}(?P<c>[./]){_D}(?P=c)\d\d){_NOT_BEFORE}(?:{_CLOCK}{_NOT_BEFORE})?"
    rf"|{_NOT_AFTER}{_Y}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[T \t]?{_HH}{_MM}(?:{_MM})?"
    rf"{_NOT_BEFORE}"
    # a range of times in dots ("08.00-12.00"), German and Nordic opening hours
    rf"|{_NOT_AFTER}{_H}\.{_MM}[ \t]?[-–][ \t]?{_H}\.{_MM}{_NOT_BEFORE}"
)
_MINUTES = re.compile(r"[0-5]\d(?!\d)")
_CLOCK_TAIL = 9  # how far a date-time may reach past its run (":00:30" stops the run)
# what every `_DATE_IN_RUN` holds, cheaper to look for: most runs are numbers, read whole
_DATE_HINT = re.compile(r"[./-][ \t]?\d{1,2}[./-]|\d{8}|\.[0-5]\d[ \t]?-")
# Full-width forms (０-９, ＋, －, （）, ＠, Ａ-Ｚ) and the ideographic space are width variants of
# ASCII, as NFKC reads them: contacts are looked for in the text read so, one character for one,
# so that every offset is the stored text's (which is stored and reported as it was written).
_WIDE = re.compile("[\u3000\uff01-\uff5e]")
_CONTEXT = 4
# An address written so that harvesters miss it: "info [at] example.com", "info(at)firma.de",
# "jane (at) example (dot) org", the word of another language in brackets ("[arobase]",
# "(собака)", "（アットマーク）"), or spelled out whole ("jane at example dot org", "priemnaya
# собака adm точка ru", "biuro małpa gmina kropka pl": a bare "at" word only with a bare "dot"
# word after it, as "meet us at example.com" names a site, not an address).
_AT_WORDS = "at|arobase|arroba|chiocciola|собака|равлик|małpa|malpa|snabel-a|kukac"
_AT_WORDS += "|アットマーク|アット|골뱅이|שטרודל"
_DOT_WORDS = "dot|punkt|point|punto|ponto|точка|крапка|kropka|pont|tečka|ドット|점|נקודה"
# the words idiom writes bare, between spaces (not "point", "punkt": words of any sentence)
_BARE_AT = "at|собака|равлик|małpa|malpa"
_BARE_DOT = "dot|точка|крапка|kropka"
_BRACKETED_AT = r"[\[({<][ \t]*(?:" + _AT_WORDS + r")[ \t]*[\])}>]"
_OBF_BRACKETED = re.compile(_BRACKETED_AT, re.IGNORECASE)
_OBF_AT = re.compile(_BRACKETED_AT + rf"|(?<=[ \t])(?:{_BARE_AT})(?=[ \t])", re.IGNORECASE)
# what a text must hold to be worth reading for them (English prose has an "at" in every
# line): a bracketed word, or a spelled " dot " (found as plain substrings: a case-insensitive
# regex costs several times more on a large changed page)
_OBF_HINT = re.compile(r"[\[({<][ \t]*(?:" + _AT_WORDS + "|" + _DOT_WORDS + ")", re.IGNORECASE)
_SPELLED_DOTS = (" dot ", " DOT ", " Dot ", " точка ", " крапка ", " kropka ")
_SPELLED_DOT = (
    r"[ \t]*[\[({<][ \t]*(?:" + _DOT_WORDS + rf")[ \t]*[\])}}>][ \t]*|[ \t]+(?:{_BARE_DOT})[ \t]+"
)
_OBF_DOT = re.compile(_SPELLED_DOT, re.IGNORECASE)
_DOT_OR_SPELLED = r"(?:\.|" + _SPELLED_DOT + ")"
_OBF_DOMAIN = re.compile(
    r"[\w-]+(?:" + _DOT_OR_SPELLED + r"[\w-]+)*" + _DOT_OR_SPELLED + r"[^\W\d_]{2,}(?![\w-])",
    re.IGNORECASE,
)
# An extension after a number ("ext. 214", ", extension 214", "x214", "доб. 123", "(ext. 214)",
# "wew. 12", "内線204", "分機 204", "내선 204"): part of the window, read by us (`_phones`), as
# phonenumbers reads only its own few words, and none in brackets. The words, by language: en,
# es, pt, fr, de, it, nl, pl, ru, uk, ja, zh, ko, he, ar, fa, hi.
_EXT_WORDS = (
    "e?xt(?:ensi[oó]?)?n?|x|#|~|int|anexo|ramal|poste|durchwahl|dw|apparat|app|nebenstelle"
    "|interno|toestel|tst|wewn?|доб(?:авочный)?|дод(?:атковий)?|внутр|вн|内線|分機|分机|转|轉|내선"
    "|שלוחה|تحويلة|داخلي|داخلی|एक्सटेंशन"
)
_EXT_BODY = (
    rf"[ \t]*[,;]?[ \t]*(?P<open>[(\[][ \t]*)?(?:{_EXT_WORDS})\.?[ \t]*[:.]?[ \t]*"
    r"(?P<ext>\d{1,7})(?!\d)(?(open)[ \t]*[)\]])"
)
_EXT = re.compile(_EXT_BODY, re.IGNORECASE)
_EXT_END = re.compile(_EXT_BODY + r"\Z", re.IGNORECASE)


@dataclass(frozen=True)
class Contact:
    """A phone number or email address found in a text, where it was found."""

    type: str  # "phone" | "email"
    value: str  # E.164, lower-case email, or PLACEHOLDER
    start: int
    end: int


def windows_at(text: str, folded: str | None = None) -> list[tuple[str, int]]:
    """(window, where it starts) for each stretch phonenumbers would be asked about; `folded`:
    the text's `fold`, when the caller has it (a block is folded once)."""
    return list(_windows(text, fold(text) if folded is None else folded))


def _windows(text: str, folded: str):
    taken = 0  # where the last run ended: a "(" or "+" before it is not ours
    reach = 0  # where the last date cut out ended: its time may reach past its run
    for run in _DIGIT_RUN.finditer(folded):
        start, end = run.span()
        floor = 0  # where a window's context may start: not in a clock or a date cut out
        if start < reach:
            start = floor = min(reach, end)
        elif start > 1 and folded[start - 1] == ":" and folded[start - 2].isdigit():
            minutes = _MINUTES.match(folded, start, end)  # "10:00 030 9026 1234": a clock's
            if minutes:
                start = floor = minutes.end()
        if start > taken and folded[start - 1] == "(":
            start -= 1
        if start > taken and folded[start - 1] == "+":
            start -= 1
        taken = end
        dated = end - start >= 7 and _DATE_HINT.search(folded, start, end + 1)
        pieces = [(start, end)]
        if dated:
            pieces, reach = _undated(folded, start, end)
        for a, b in pieces:
            if a != start:
                floor = a  # right after a date
            digits = folded[a:b].rstrip(" \t().-/")
            if sum(map(str.isdigit, digits)) >= 7 and not _DATE_LIKE.fullmatch(digits):
                lo = max(floor, a - _CONTEXT)
                hi = a + len(digits)
                ext = _EXT.match(folded, hi)
                if ext:
                    hi = taken = max(taken, ext.end())
                yield text[lo:hi], lo


def _undated(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int]:
    """The stretches of the run text[start:end] outside its dates and date-times
    (`_DATE_IN_RUN`), and where the last of these ends (past the run: "10:00:30")."""
    pieces = []
    for date in _date_in_run().finditer(text, start, min(len(text), end + _CLOCK_TAIL)):
        if date.start() >= end:
            break
        if date.start() > start:
            pieces.append((start, date.start()))
        start = date.end()
    if start < end:
        pieces.append((start, end))
    return pieces, start


@lru_cache(maxsize=1)
def _date_in_run() -> re.Pattern:
    return re.compile(_DATE_IN_RUN)


def fold(text: str) -> str:
    """`text` with its full-width forms read as ASCII (`_width`): of the same length, so that
    what is found in it is where it was written."""
    if text.isascii() or not _WIDE.search(text):
        return text
    return text.translate(_width())


@lru_cache(maxsize=1)
def _width() -> dict[int, str]:
    return {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0xFF01, 0xFF5F)} | {0x3000: " "}


def find(
    text: str,
    region: str = "GB",
    wanted: set[str] | None = None,
    windows: list[tuple[str, int]] | None = None,
    obfuscated: bool | None = None,
    folded: str | None = None,
) -> list[Contact]:
    """The contacts in one block's text, in text order. With `wanted`, only those phone windows
    are parsed (the differ skips windows that occur alike on both sides: they cancel out);
    `windows` are the text's `windows_at`, `obfuscated` its `maybe_obfuscated` and `folded` its
    `fold`, when the caller has them already."""
    found = []
    folded = fold(text) if folded is None else folded
    if windows is None:
        windows = windows_at(text, folded)
    text = folded  # offsets unchanged: only the values read are ASCII ("info＠city.jp")
    if "@" in text:
        found += [Contact("email", text[a:b].lower(), a, b) for a, b in email_spans(text)]
    if maybe_obfuscated(text) if obfuscated is None else obfuscated:
        found += [Contact("email", value, a, b) for a, b, value in obfuscated_emails(text)]
    if "protected" in text:
        found += [
            Contact("email", PLACEHOLDER, m.start(), m.end())
            for m in PLACEHOLDER_TEXT.finditer(text)
        ]
    for window, lo in windows:
        if wanted is not None and window not in wanted:
            continue
        found += [Contact("phone", e164, lo + a, lo + b) for e164, a, b in _phones(window, region)]
    found.sort(key=lambda c: c.start)
    return found


def email_spans(text: str):
    """(start, end) of each email address in `text`, in order; linear in the text's length."""
    pos = 0  # where the last address ended: the next one starts after it
    at = text.find("@")
    while at >= 0:
        local = _LOCAL.search(text, max(pos, at - LOCAL_MAX), at)
        domain = _DOMAIN.match(text, at + 1) if local else None
        if domain:
            yield local.start(), domain.end()
            pos = domain.end()
            at = text.find("@", pos)
        else:
            at = text.find("@", at + 1)


def maybe_obfuscated(text: str) -> bool:
    """Might `text` hold an address written with "[at]" or a spelled "at" (`obfuscated_emails`)?"""
    return _spelled_dot(text) or _OBF_HINT.search(text) is not None


def _spelled_dot(text: str) -> bool:
    return any(dot in text for dot in _SPELLED_DOTS)


def obfuscated_emails(text: str):
    """(start, end, address) of each address written with "[at]", "(at)", "[dot]"… or spelled
    out ("jane at example dot org"), the address as it would be written plainly, lower-case."""
    pos = 0
    ats = _OBF_AT if _spelled_dot(text) else _OBF_BRACKETED  # a bare "at" needs a "dot"
    for at in ats.finditer(text):
        if at.start() < pos:
            continue
        tail = at.end()
        while tail < len(text) and text[tail] in " \t":
            tail += 1
        domain = _OBF_DOMAIN.match(text, tail)  # first: most "at"s of a text have none after
        if not domain:
            continue
        plain = _OBF_DOT.sub(".", domain.group())
        if at.group()[0] not in "[({<" and plain == domain.group():
            continue  # a bare "at" before a plain domain: a place, not an address
        head = at.start()
        while head > pos and text[head - 1] in " \t":
            head -= 1
        local = _LOCAL.search(text, max(pos, head - LOCAL_MAX), head) if head > pos else None
        if local and local.group().strip(".") and _DOMAIN.fullmatch(plain):
            yield local.start(), domain.end(), f"{local.group()}@{plain}".lower()
            pos = domain.end()


@lru_cache(maxsize=4096)
def _phones(window: str, region: str) -> tuple[tuple[str, int, int], ...]:
    """(E.164, start, end) of the phones in one window, an extension as RFC 3966 writes it
    (`+442079460958;ext=214`: another extension is another contact). Cached: a page repeats its
    numbers in the same words (a footer, a consular line in every item), and parsing is the
    slow part."""
    import phonenumbers

    folded = fold(window)
    ext = _EXT_END.search(folded)
    if ext and sum(map(str.isdigit, folded[: ext.start()])) < 7:
        ext = None  # the number's own digits ("#1234567"): no extension
    number = folded[: ext.start()] if ext else folded
    found = [
        (_e164(m.number), m.start, m.end)
        for m in phonenumbers.PhoneNumberMatcher(
            number, region, leniency=phonenumbers.Leniency.VALID
        )
    ]
    if ext and found and found[-1][2] == len(number.rstrip(" \t,;")):
        # the extension the window ends in is its last number's, in whatever words
        e164, start, _ = found[-1]
        found[-1] = (f"{e164.split(';')[0]};ext={ext.group('ext')}", start, len(window))
    return tuple(found)


def link_contact(href: str, region) -> tuple[str, str] | None:
    """(type, value) of the contact a `tel:` or `mailto:` link target names, as the text's
    contacts are valued (E.164, lower-case); None for any other target. `region()`: the country
    of a number written without one, asked only then."""
    scheme, _, rest = href.partition(":")
    scheme = scheme.lower()
    if scheme == "mailto":
        address = unquote(rest.split("?", 1)[0]).strip().lower()
        return ("email", address) if EMAIL.fullmatch(address) else None
    if scheme != "tel":
        return None
    import phonenumbers

    number = unquote(rest).strip()
    try:
        parsed = phonenumbers.parse(number, None if number.startswith("+") else region())
    except phonenumbers.NumberParseException:
        return None
    return ("phone", _e164(parsed)) if phonenumbers.is_possible_number(parsed) else None


def _e164(number) -> str:
    import phonenumbers

    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"{e164};ext={number.extension}" if number.extension else e164


_INTL = re.compile(r"\+\s?\(?\d")  # a literal first: found as fast as `find` finds "+"
_INTL_WIDE = re.compile(r"[+\uff0b]\s?[(\uff08]?\d")  # with full-width forms: "＋81"
_REGION_SAMPLE = 50  # international numbers read per page: enough for a majority


def page_region(*texts: str) -> str | None:
    """The country most of the page's numbers written in international form (+1, +44, +33…)
    belong to: the likeliest country of the numbers written without one. Only "+" and the
    characters after it are read, so a large page costs a scan for "+"."""
    windows = []
    for text in texts:
        intl = _INTL_WIDE if "\uff0b" in text or "\uff08" in text else _INTL
        for k, m in enumerate(intl.finditer(text)):
            if k >= _REGION_SAMPLE:
                break
            windows.append(text[m.start() : m.start() + 28].split("\n", 1)[0])
    # a window parsed without a region holds at most one number per plus sign: once the
    # windows left cannot overtake the leader, they need no parsing
    left = sum(map(_pluses, windows))
    counts: Counter = Counter()
    for window in windows:
        left -= _pluses(window)
        for e164, _, _ in _phones(window, "ZZ"):
            region = _region_of(e164)
            if region:
                counts[region] += 1
        if counts and _decided(counts, left):
            break
    return counts.most_common(1)[0][0] if counts else None


def _pluses(window: str) -> int:
    return window.count("+") + window.count("\uff0b")  # phonenumbers' two plus signs


def _decided(counts: Counter, left: int) -> bool:
    """Can `left` more numbers change the most common region? (A tie goes to the region
    counted first, as `Counter.most_common` keeps that order.)"""
    lead, top = counts.most_common(1)[0]
    after = False
    for region, n in counts.items():
        if region == lead:
            after = True
        elif n + left > top or (n + left == top and not after):
            return False
    return left <= top  # a region not counted yet comes after the leader


@lru_cache(maxsize=1024)
def _region_of(e164: str) -> str | None:
    import phonenumbers

    region = phonenumbers.region_code_for_number(phonenumbers.parse(e164))
    return region if region and len(region) == 2 and region != "ZZ" else None


def without(text: str, contacts: list[Contact]) -> str:
    """The text with every contact replaced by a NUL: equal for two blocks that differ only in
    their contacts."""
    out, pos = [], 0
    for c in contacts:
        if c.start >= pos:
            out.append(text[pos : c.start])
            out.append("\0")
            pos = c.end
    out.append(text[pos:])
    return "".join(out)


def only_contacts(bare: str) -> bool:
    """Nothing but contacts and punctuation (`bare` is the text `without` its contacts): the
    block exists to hold them."""
    return "\0" in bare and not any(ch.isalnum() for ch in bare)


@dataclass(frozen=True)
class Found:
    """A contact and the block it sits in (an index into that side's blocks)."""

    contact: Contact
    block: int

    @property
    def key(self) -> tuple[str, str]:
        return (self.contact.type, self.contact.value)


def compare(
    old: list[Found], new: list[Found]
) -> list[tuple[str, str, Found | None, Found | None]]:
    """(type, change, old, new) for the multiset difference of two pages' contacts, in page
    order. A real address gone while a slot appeared is "hidden" (the reverse "revealed"); then
    one gone and one come of the same type "changed"; the rest "removed" / "added". A slot that
    appears alone is "hidden"; one that vanishes alone is "removed"."""
    gone, came = _minus(old, new), _minus(new, old)
    out: list[tuple[str, str, Found | None, Found | None]] = []

    def pair_off(pick_old, pick_new, change: str) -> None:
        nonlocal gone, came
        olds = [f for f in gone if pick_old(f)]
        news = [f for f in came if pick_new(f)]
        paired = list(zip(olds, news, strict=False))
        if paired:  # one filter per side, not a list.remove per pair: 50,000 changed addresses
            taken = {id(f) for ab in paired for f in ab}
            gone = [f for f in gone if id(f) not in taken]
            came = [f for f in came if id(f) not in taken]
            out.extend((a.contact.type, change, a, b) for a, b in paired)

    def slot(f: Found) -> bool:
        return f.contact.value == PLACEHOLDER

    def email(f: Found) -> bool:
        return f.contact.type == "email" and not slot(f)

    def phone(f: Found) -> bool:
        return f.contact.type == "phone"

    pair_off(email, slot, "hidden")
    pair_off(slot, email, "revealed")
    pair_off(phone, phone, "changed")
    pair_off(email, email, "changed")
    out += [(f.contact.type, "removed", f, None) for f in gone]
    out += [(f.contact.type, "hidden" if slot(f) else "added", None, f) for f in came]
    out.sort(key=lambda t: ((t[3] or t[2]).block, t[2] is None))
    return out


def _minus(a: list[Found], b: list[Found]) -> list[Found]:
    counts = Counter(f.key for f in b)
    out = []
    for f in a:
        if counts[f.key]:
            counts[f.key] -= 1
        else:
            out.append(f)
    return out


# generic TLDs only the US uses
_US_TLDS = ("gov", "mil", "edu")


def _country(code: str) -> str | None:
    """The country a two-letter code (a domain's, a language tag's region) names, if phone
    numbers are read there: its ISO code, "uk" for GB as British domains write it."""
    region = "GB" if code == "uk" else code.upper()
    import phonenumbers

    return region if region in phonenumbers.SUPPORTED_REGIONS else None


def url_region(url: str | None) -> str | None:
    """The country a page's address names (`.fr` → FR, `.gov.uk` → GB, `.gov` → US), for phone
    numbers written without a country code; None for a generic TLD (.com, .org, .eu)."""
    if not url:
        return None
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").rstrip(".")
    except ValueError:
        return None
    tld = host.rsplit(".", 1)[-1].lower()
    tld = "us" if tld in _US_TLDS else tld
    return _country(tld) if len(tld) == 2 else None


# A language's main country: the likeliest country of a page in it that names none. Left out:
# languages of many countries with no main one (en: GB is the default anyway, ar, sw...).
_LANG_REGION = {
    "de": "DE", "fr": "FR", "ru": "RU", "es": "ES", "it": "IT", "pl": "PL", "nl": "NL",
    "uk": "UA", "pt": "PT", "cs": "CZ", "sk": "SK", "hu": "HU", "ro": "RO", "bg": "BG",
    "el": "GR", "tr": "TR", "sv": "SE", "da": "DK", "nb": "NO", "nn": "NO", "no": "NO",
    "fi": "FI", "et": "EE", "lv": "LV", "lt": "LT", "sl": "SI", "hr": "HR", "sr": "RS",
    "bs": "BA", "mk": "MK", "sq": "AL", "be": "BY", "ka": "GE", "hy": "AM", "az": "AZ",
    "kk": "KZ", "uz": "UZ", "is": "IS", "ga": "IE", "cy": "GB", "gd": "GB", "mt": "MT",
    "lb": "LU", "ca": "ES", "eu": "ES", "gl": "ES", "he": "IL", "iw": "IL", "fa": "IR",
    "ja": "JP", "ko": "KR", "zh": "CN", "vi": "VN", "th": "TH", "id": "ID", "ms": "MY",
    "hi": "IN", "bn": "BD", "ur": "PK", "tl": "PH", "fil": "PH",
}  # fmt: skip


def lang_region(lang: str | None) -> str | None:
    """The country a page's language tag points to, for numbers written without a country
    code: its region subtag ("de-AT" → AT, "zh-Hant-TW" → TW), else the language's main
    country ("de" → DE, "pt" → PT); None for English alone, a language of many countries, or
    a region that is not one country ("es-419")."""
    parts = (lang or "").replace("_", "-").lower().split("-")
    for part in parts[1:]:
        if len(part) == 1:
            break  # an extension or private use ("x-…") follows: no region
        if len(part) == 3 and part.isdigit():
            return None  # a UN area of many countries: the language's main one would be wrong
        if len(part) == 2 and part.isalpha():
            return _country(part)
    return _LANG_REGION.get(parts[0])

