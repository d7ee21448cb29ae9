"""Engagement counts: how many people viewed, liked, shared or commented, not what the page says.

A view or like count moves on every capture and tells a reader nothing about the page, so the
differ calls it noise (`volatile`, reason `engagement`), while any other number that changed is
a fact worth an alert. A number is an engagement count when a word of the table below sits next
to it, as a whole word: among the three words before it ("Views: 27 514", "Number of views
(4099)", "Просмотров: 1 234", "Me gusta 12") or the two after it ("27 514 views", "12 Kommentare",
"3 комментария"). Words of `AFTER_ONLY` count only after the number ("1 comment"): before one
they are ordinary words ("Comment 3 of the guidance"). An amount (currency or percent sign) is
never an engagement count. Add a language by adding its row; phrases of two words are allowed.
"""

from __future__ import annotations

import re

# One row per language: word forms (lower case) that name an engagement count.
WORDS: dict[str, str] = {
    "en": "views visitors visits readers reads likes shares shared comments replies followers "
    "subscribers downloads downloaded hits retweets reposts reactions viewed pageviews "
    "page-views",
    "ru": "просмотров просмотра просмотры просмотр просмотрено комментариев комментария "
    "комментарии комментарий лайков лайка лайки лайк нравится подписчиков подписчика "
    "подписчики посетителей посетителя посетители прочтений прочтения прочтение репостов "
    "репоста репосты скачиваний",
    "de": "aufrufe aufruf ansichten besucher leser kommentare kommentar likes geteilt follower "
    "abonnenten downloads zugriffe gefällt-mir",
    "fr": "vues vue lectures j'aime commentaires commentaire partages abonnés visiteurs visites "
    "téléchargements",
    "es": "visitas vistas visualizaciones lecturas me-gusta comentarios comentario compartidos "
    "seguidores suscriptores descargas visitantes reproducciones",
}
# Singular forms that name a count only after the number ("1 view", "1 like", "1 comment").
AFTER_ONLY = "view like share comment follower download reply visit visitor reader"

_ALL = frozenset(w.replace("-", " ") for row in WORDS.values() for w in row.split())
_AFTER = _ALL | frozenset(AFTER_ONLY.split())
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_STOP = re.compile(r"[.;|·•\n\d]")  # a clause or another number ends the look-around


_NOUN_AFTER_NUMBER = re.compile(r"(#\s?)([^\W\d_]+(?:['’][^\W\d_]+)?)")


def _masked_noun(m: re.Match) -> str:
    word = m.group(2).lower().replace("’", "'")
    return m.group(1) + "¤" if word in _AFTER else m.group(0)


def mask_words(masked: str) -> str:
    """A masked text with each engagement noun right after a number replaced by "¤": "#
    просмотра" and "# просмотров", "# comment" and "# comments" (the noun agrees with its
    number) are then the same block with other numbers."""
    return _NOUN_AFTER_NUMBER.sub(_masked_noun, masked)


def _hits(words: list[str], table: frozenset[str]) -> bool:
    words = [w.lower().replace("’", "'") for w in words]
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    return any(w in table for w in words) or any(p in table for p in pairs)


def is_engagement(before: str, after: str) -> bool:
    """Is the number between `before` and `after` (the rest of its block) an engagement count?"""
    head = before[-60:]
    cut = max((m.end() for m in _STOP.finditer(head)), default=0)
    if _hits(_WORD.findall(head[cut:])[-3:], _ALL):
        return True
    tail = after[:40]
    m = _STOP.search(tail)
    return _hits(_WORD.findall(tail[: m.start()] if m else tail)[:2], _AFTER)
