"""Bytes to text as a browser reads them, or a clear refusal: never a mangled copy.

The rule, in order (README, "Encodings"):

1. a byte-order mark names the encoding;
2. else the encoding the transport or the document declares, read as the WHATWG Encoding
   standard reads its label (`iso-8859-1`, `latin1` and `ascii` mean windows-1252), unless the
   bytes plainly contradict it (many invalid sequences; for UTF-8, one in a thousand bytes and
   fewer than two valid multi-byte sequences for each);
3. else UTF-8 when the bytes are UTF-8, or mostly UTF-8: at least two valid multi-byte sequences
   for every invalid one. One stray byte in a UTF-8 page is damage, not evidence of another code
   page, so it becomes U+FFFD and the rest of the page reads as written;
4. else a legacy code page: windows-1252, as browsers do for Western pages, unless a sample of
   the bytes reads clearly better in another (see `_guess_legacy`).

The text is always `data.decode(encoding, errors="replace")`, so the encoding recorded in the
sidecar reads the same text back. Everything is linear in the size: UTF-8 is checked at C speed,
and only a sample of a large file is scored against the legacy code pages.
"""

from __future__ import annotations

import codecs
import math
import re
import unicodedata
from collections import Counter

from tracker.errors import TrackerError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# WHATWG Encoding standard: labels browsers read as another encoding than their name says.
_WHATWG = {
    "ascii": "cp1252",
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gbk",
}

_HIGH = bytes(range(128, 256))
# Control bytes no text holds (tab, line ends, form feed and escape are text).
_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_FFFD = "\ufffd".encode()


def looks_binary(data: bytes) -> bool:
    """Many control characters or NUL bytes in the first 8 KiB (UTF-16/32 have BOMs; without
    one, every other byte of their Latin text is NUL). A NUL or two in a page is damage a
    browser skips, not a binary file: refused, the page's changes would go unseen."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    nul = head.count(b"\x00")
    if nul > max(8, len(head) // 1000):
        return True
    controls = len(head) - len(head.translate(None, _CONTROLS)) - nul  # counted at C speed
    return controls > len(head) * 0.05


def whatwg(label: str | None) -> str | None:
    """The Python codec a declared label means to a browser, or None for an unknown label."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return _WHATWG.get(name, name)


def decode(data: bytes, declared: str | None = None, *, name: str = "input") -> tuple[str, str]:
    """Return (text, encoding) or raise TrackerError naming `name`."""
    if not data or data.isspace():  # (not data.strip(): that copies the whole file)
        raise TrackerError(f"{name}: the file is empty", "a capture must hold some text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    if looks_binary(data):
        raise TrackerError(
            f"{name}: looks like a binary file, not text or HTML", "give a text, HTML or WARC file"
        )
    if b"\x00" in data:  # skipped as a browser skips it (the stored bytes keep it)
        data = data.replace(b"\x00", b"")
    encoding = whatwg(declared)
    if encoding is not None and not encoding.startswith(("utf-8", "utf-16", "utf-32")):
        text = data.decode(encoding, errors="replace")
        if _errors(text) <= max(2, _high_bytes(data) // 100):
            return text, encoding
    # (UTF-16/32 without a BOM is a wrong label: a page that declares it is ASCII-based.)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    if mostly_utf8(data, text) or (encoding == "utf-8" and _errors(text, data) * 1000 < len(data)):
        return text, "utf-8"  # declared UTF-8 with a stray byte or two stays UTF-8
    encoding = _guess_legacy(data)
    return data.decode(encoding, errors="replace"), encoding


def _high_bytes(data: bytes) -> int:
    return len(data) - len(data.translate(None, _HIGH))


def _errors(text: str, utf8: bytes = b"") -> int:
    """How many invalid sequences a `errors="replace"` decoding replaced (`utf8`: the bytes,
    when they are read as UTF-8 and may hold U+FFFD themselves)."""
    return text.count("\ufffd") - (utf8.count(_FFFD) if utf8 else 0)


def mostly_utf8(data: bytes, text: str | None = None) -> bool:
    """At least two valid multi-byte UTF-8 sequences for each invalid one.

    Legacy code pages form valid UTF-8 sequences only by chance: Western and Cyrillic texts
    almost never, Shift_JIS about one for every three invalid ones.
    """
    if text is None:
        text = data.decode("utf-8", errors="replace")
    invalid = _errors(text, data)
    ascii_bytes = len(data) - _high_bytes(data)
    valid = len(text) - ascii_bytes - invalid
    return invalid == 0 or valid >= 2 * invalid


# -- legacy code pages ------------------------------------------------------------------------

# The languages written in each candidate code page. Latin-script languages: their letters beyond
# ASCII (a wrong code page gives symbols inside words or a mix of alphabets). Other alphabets:
# letter frequencies in percent (a wrong Cyrillic code page still gives Cyrillic letters, but
# rare ones where the frequent ones should be). CJK: the script's ranges, and characters that
# make up a known share of ordinary text (a little under what is measured on prose and news).
_WEST = (
    "àâæçéèêëîïôœùûüÿ",  # French
    "äöüß",  # German
    "áéíñóúü",  # Spanish
    "àáâãçéêíóôõú",  # Portuguese
    "àèéìíòóù",  # Italian
    "éèëïöü",  # Dutch
    "æøåé",  # Danish, Norwegian
    "åäöé",  # Swedish, Finnish
    "áðéíóúýþæö",  # Icelandic
    "àçèéíïòóúü",  # Catalan
)
_CENTRAL = (
    "áčďéěíňóřšťúůýž",  # Czech
    "áäčďéíĺľňóôŕšťúýž",  # Slovak
    "ąćęłńóśźż",  # Polish
    "áéíóöőúüű",  # Hungarian
    "ăâîşţ",  # Romanian
    "čćđšž",  # Croatian, Slovene, Bosnian
)
_BALTIC = ("ąčęėįšųūž", "āčēģīķļņšūž", "äõöüšž")  # Lithuanian, Latvian, Estonian
_TURKISH = ("âçğıîöşü",)
_RUSSIAN = (
    "о11 е8.5 а8 и7.4 н6.7 т6.3 с5.5 р4.7 в4.5 л4.4 к3.5 м3.2 д3 п2.8 у2.6 я2 ы1.9 ь1.7 г1.7 "
    "з1.7 б1.6 ч1.4 й1.2 х1 ж.9 ш.7 ю.6 ц.5 щ.4 э.3 ф.3 ъ.1 ё.1 ђ.1 ј.1 љ.1 њ.1 ћ.1 џ.1 ѓ.1 "
    "ќ.1 ѕ.1 ў.1"
)
_UKRAINIAN = (
    "о9.4 а7.6 н6.9 и6.2 і5.5 в5.3 т5.2 е4.8 р4.6 с4.2 к3.7 л3.5 у3.3 д3.1 м3 п2.8 я2.2 з2.1 "
    "ь1.9 г1.6 ч1.5 б1.5 ї1.1 х1.1 й1 ж.9 ц.8 ш.7 ю.7 є.6 щ.5 ф.3 ґ.1"
)
_BULGARIAN = (
    "а9 о8.4 е8.2 и8 н6.3 т6.1 р5 с4.5 в4.4 л3.5 к3.3 д3 п2.8 м2.7 ъ2.4 я2.2 з1.8 б1.5 у1.4 "
    "г1.4 ч1.3 ж.8 щ.7 ц.6 х.6 ш.5 ф.3 ю.3 й.3 ь.1"
)
_CYRILLIC = (_RUSSIAN, _UKRAINIAN, _BULGARIAN)
_GREEK = (
    "α10 ο8 ι7 ε7 τ7.5 ν6.5 σ4 ς3 η4.5 υ4 ρ4.5 π4 κ4 μ3.5 λ2.8 ω1.5 γ1.8 δ1.7 θ1.3 χ1.1 φ.8 "
    "β.7 ξ.4 ζ.4 ψ.1 ά2 έ1.5 ί1.7 ό1.7 ή1 ύ.8 ώ.5 ϊ.1 ϋ.1 ΐ.1 ΰ.1"
)
_HEBREW = (
    "י11 ו10 ה8.7 ל6.8 מ6.5 א6.3 ר5.6 ת5.2 ב4.8 נ4.2 ש4.2 ע3.4 כ2.7 ד2.6 ם2.6 ח2.3 ק2 פ1.6 "
    "ן1.3 ס1.1 ג1 ט1 צ1 ז.8 ך.5 ף.3 ץ.2"
)
_ARABIC = (
    "ا12.5 ل11 ي7 م6.5 و5.9 ن5.8 ر4.4 ت4.4 ب3.8 ع3.6 ه3.2 ة2.9 د2.9 ف2.6 ك2.3 س2.2 ق2.1 أ2 "
    "ح1.9 ج1.2 ى1.1 ش1 ص.9 إ.8 خ.8 ط.7 ز.5 ذ.5 ث.5 غ.4 ض.4 ئ.3 ظ.2 ء.2 ؤ.1 آ.1"
)
_JAPANESE = (
    "\u3040-\u30ff\u3000-\u303f\u4e00-\u9fff\uff00-\uffef々〆",
    "\u3040-\u309fー日人年大十二一本中出三見月生五時行上子国前後分今何会気",
    0.5,
)
_CHINESE = (
    "\u4e00-\u9fff\u3000-\u303f\uff00-\uffef",
    "的一是不了在人有我他这個个们們中来來上大为為和国國地到以说說时時要就出会會可也你对對"
    "生能而子那得于於着著下自之年过過发發后後作里裡用道行所然家种種事成方多经經么麼去法学學",
    0.3,
)
_KOREAN = (
    "\uac00-\ud7a3\u3131-\u318e\u4e00-\u9fff\u3000-\u303f\uff00-\uffef",
    "이다는의에하고을가서지기한로를리자사어수대나일도인정시해적있으라과니들부아주전게상국스보은"
    "우요제만것장세",
    0.4,
)
# (code page, kind, languages), asked in this order; ties go to the first.
_CANDIDATES = (
    ("cp1252", "latin", _WEST),
    ("cp1250", "latin", _CENTRAL),
    ("cp1257", "latin", _BALTIC),
    ("cp1254", "latin", _TURKISH),
    ("cp1251", "script", _CYRILLIC),
    ("koi8-r", "script", _CYRILLIC),
    ("koi8-u", "script", _CYRILLIC),
    ("cp866", "script", _CYRILLIC),
    ("iso8859-5", "script", _CYRILLIC),
    ("cp1253", "script", (_GREEK,)),
    ("cp1255", "script", (_HEBREW,)),
    ("cp1256", "script", (_ARABIC,)),
    ("shift_jis", "cjk", (_JAPANESE,)),
    ("cp932", "cjk", (_JAPANESE,)),
    ("euc_jp", "cjk", (_JAPANESE,)),
    ("gbk", "cjk", (_CHINESE,)),
    ("gb18030", "cjk", (_CHINESE,)),
    ("big5", "cjk", (_CHINESE,)),
    ("big5hkscs", "cjk", (_CHINESE,)),
    ("euc_kr", "cjk", (_KOREAN,)),
    ("cp949", "cjk", (_KOREAN,)),
)
# A token: a run of letters and non-ASCII characters ("can’t", "by³o", "Привет", "£").
_TOKEN = re.compile(r"(?:[^\W\d_]|[^\x00-\x7f])+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_BYTE_WORD = re.compile(rb"[A-Za-z\x80-\xff]+")
_BOUNDARY = re.compile(rb"[ \n\t\r<>]")
# Non-letters that belong inside words in every language; they are evidence of nothing.
_NEUTRAL = frozenset("’‘'·\u00ad\u00a0–—\ufffd")
_MARGIN = 0.1  # how much better another code page must read than windows-1252
_MIN_EVIDENCE = 3  # characters judged, at least
_MIN_SCORE = 0.5  # and how well they must read


def _sample(data: bytes, size: int = 1 << 15) -> bytes:
    """Up to `size` bytes from the head, middle and tail, each cut at spaces, line ends or tag
    brackets (never part of a multi-byte character in any candidate), so no character is split
    (text with none of these may lose a character at a cut: one invalid sequence)."""
    if len(data) <= size:
        return data
    part = (size - 2) // 4  # three pieces, two line ends between them
    pieces = [data[: part * 2], data[len(data) // 2 :][:part], data[-part:]]
    cut = []
    for i, piece in enumerate(pieces):
        first = _BOUNDARY.search(piece) if i else None
        end = max(piece.rfind(c) for c in b" \n\t\r<>")
        cut.append(piece[first.end() if first else 0 : end + 1 if end > 0 else len(piece)])
    return b"\n".join(cut)


class _Language:
    """How plausible a reading is as text in one language; `kind` says how its words look:
    "latin" (accented letters among ASCII ones), "script" (no ASCII letters inside a word) or
    "cjk" (no spaces between words, Latin letters alongside: "Tシャツ")."""

    def __init__(self, kind: str, spec: str | tuple[str, str, float]) -> None:
        # Where a letter of this language is misplaced: "Ïðèâåò" is not French, "marchй" not
        # Russian.
        self.misplaced = {"latin": "alone", "script": "mixed"}.get(kind)
        self.freq: dict[str, float] = {}
        self.common = None
        if kind == "latin":
            self.letters = frozenset(spec + spec.upper())
        elif kind == "script":
            for item in spec.split():
                self.freq[item[0]] = float(item[1:])
            self.letters = frozenset("".join(self.freq) + "".join(self.freq).upper())
        else:
            letters, common, self.expected = spec
            self.letters = _Matcher(re.compile(f"[{letters}]"))
            self.common = _Matcher(re.compile(f"[{common}]"))

    def score(self, judged: Counter[tuple[str, str]]) -> tuple[float, int]:
        """(how plausible the judged characters are, 0..1; how many there were)."""
        total = covered = common = 0
        seen: Counter[str] = Counter()
        for (c, where), n in judged.items():
            total += n
            if where == self.misplaced or not c.isalpha() or c not in self.letters:
                continue
            covered += n
            if self.freq:
                seen[c.lower()] += n
            elif self.common is not None and c in self.common:
                common += n
        if not total:
            return 0.0, 0
        share = covered / total
        if self.freq and covered:
            share *= self._similarity(seen) ** 2  # squared: a shuffled alphabet scores ~0.4
        elif self.common is not None and covered:
            share *= min(1.0, common / covered / self.expected)
        return share, total

    def _similarity(self, seen: Counter[str]) -> float:
        """Cosine of the letter frequencies seen and the language's."""
        dot = sum(n * self.freq.get(c, 0.0) for c, n in seen.items())
        norm = math.sqrt(sum(n * n for n in seen.values()))
        return dot / (norm * math.sqrt(sum(f * f for f in self.freq.values())))


class _Matcher:
    """`c in matcher` for a character class given as ranges."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    def __contains__(self, c: str) -> bool:
        return self.pattern.match(c) is not None


_TABLES: list[tuple[str, list[_Language], bool]] | None = None


def _tables() -> list[tuple[str, list[_Language], bool]]:
    global _TABLES
    if _TABLES is None:
        _TABLES = [
            (enc, [_Language(kind, spec) for spec in specs], kind == "cjk")
            for enc, kind, specs in _CANDIDATES
        ]
    return _TABLES


def _words(sample: bytes) -> bytes:
    """The sample's words that hold bytes beyond ASCII, one a line: for a code page of one byte
    a character, these read exactly as the words of the decoded text (every high byte is in
    one), so each candidate decodes a few KB instead of tokenizing the whole sample again."""
    return b"\n".join(w for w in _BYTE_WORD.findall(sample) if not w.isascii())


def _read(text: str) -> Counter[tuple[str, str]]:
    """The characters a reading is judged on, each with where it stands.

    Judged: non-ASCII letters, and non-ASCII signs inside a word ("by³o"), in words of two
    characters or more. Where: "mixed" (the word has ASCII letters too), "alone" (it has none
    and is longer than two), "short". Signs next to digits or spaces ("£5", "–") and
    apostrophes are punctuation, evidence of nothing.
    """
    groups: dict[str, list[str]] = {"mixed": [], "alone": [], "short": []}
    for token in _TOKEN.findall(text):
        if len(token) < 2 or token.isascii():
            continue
        if _ASCII_LETTER.search(token):
            groups["mixed"].append(token)
        else:
            groups["alone" if len(token) > 2 else "short"].append(token)
    judged: Counter[tuple[str, str]] = Counter()
    for where, tokens in groups.items():
        for c, n in Counter("".join(tokens)).items():
            if c > "\x7f" and c.isalpha():
                judged[c, where] += n
        for c, n in Counter("".join(t[1:-1] for t in tokens)).items():
            if c > "\x7f" and not c.isalpha() and c not in _NEUTRAL:
                judged[c, where] += n
    return judged


def _guess_legacy(data: bytes) -> str:
    """windows-1252 unless a sample reads clearly better in another code page.

    Each candidate's reading is scored by the language it would be in: the share of its
    non-ASCII characters that are letters of that language, in words of that script (for
    other alphabets, weighted by how close the letter frequencies are to the language's).
    A Czech text read as windows-1252 mixes Danish ø with Italian ì, Russian gives words of
    accented letters alone, Polish gives ³ and ¹ inside words; Cyrillic read in the wrong
    Cyrillic code page gives rare letters where the frequent ones should be.
    """
    sample = _sample(data)
    high = _high_bytes(sample)
    words = _words(sample)
    scores: dict[str, tuple[float, int]] = {}
    for encoding, alphabets, multibyte in _tables():
        if multibyte:
            text = sample.decode(encoding, errors="replace")
            errors = _errors(text)
            if errors > max(2, high // 100):
                continue  # not this multi-byte encoding
        else:
            text = words.decode(encoding, errors="replace")
            errors = _errors(text)
        chars = _read(text)
        score, judged = max(a.score(chars) for a in alphabets)
        if judged:
            score *= judged / (judged + errors)  # invalid bytes count against a reading
        scores[encoding] = (score, judged)
    base, judged = scores["cp1252"]
    choice, top = "cp1252", base + _MARGIN
    for encoding, (score, evidence) in scores.items():
        # Ties go to the first candidate: koi8-r before koi8-u, shift_jis before cp932.
        better = score >= top if choice == "cp1252" else score > top
        if evidence >= _MIN_EVIDENCE and score >= _MIN_SCORE and better:
            choice, top = encoding, score
    if choice == "cp1252" and judged >= _MIN_EVIDENCE and base < 0.5:
        return _detector(sample) or choice
    return choice


def _detector(sample: bytes) -> str | None:
    """charset-normalizer's guess, for scripts the table does not know (Thai…), taken only
    when its reading is mostly letters of a script other than Latin: it must never override
    the windows-1252 default with another Latin code page."""
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None or best.encoding is None:
        return None
    letters = [c for c in str(best) if c > "\x7f" and c.isalpha()]
    latin = sum(1 for c in letters if unicodedata.name(c, "").startswith("LATIN"))
    if not letters or latin * 2 >= len(letters):
        return None
    try:
        return codecs.lookup(best.encoding).name
    except LookupError:
        return None
