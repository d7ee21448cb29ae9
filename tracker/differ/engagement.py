"""Engagement counts: how many people viewed, liked, shared or commented, not what the page says.

A view or like count moves on every capture and tells a reader nothing about the page, so the
differ calls it noise (`volatile`, reason `engagement`), while any other number that changed is
a fact worth an alert. A number is an engagement count when a word of the table below sits next
to it, as a whole word: among the three words before it ("Views: 27 514", "Number of views
(4099)", "Просмотров: 1 234", "Me gusta 12") or the two after it ("27 514 views", "12 Kommentare",
"3 комментария"). Words of `AFTER_ONLY` count only after the number ("1 comment"): before one
they are ordinary words ("Comment 3 of the guidance"). An amount (currency or percent sign) is
never an engagement count. Add a language by adding its row; phrases of two words are allowed,
and a phrase with `#` names the number's place in it ("gefällt # Mal", "# people are viewing").
A sign next to the number counts like a word ("👁 1 234 · 💬 12", `ICONS`), and a magnitude
after it is skipped ("1,2 тыс. просмотров", `MAGNITUDES`). A shop's counts of what it sold or
has left ("1,204 sold", "Only 3 left in stock", "Ostatnie 3 sztuki", "Terjual 250+") move with
every sale as views move with every reader: they are rows of the same table.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import chain

from tracker import dates

# One row per language: word forms (lower case) that name an engagement count.
WORDS: dict[str, str] = {
    "en": "views visitors visits readers reads likes shares shared comments replies followers "
    "subscribers downloads downloaded hits retweets reposts reactions viewed pageviews "
    "page-views #-people-are-viewing #-people-viewing #-viewing-now",
    "ru": "просмотров просмотра просмотры просмотр просмотрено комментариев комментария "
    "комментарии комментарий лайков лайка лайки лайк нравится подписчиков подписчика "
    "подписчики посетителей посетителя посетители прочтений прочтения прочтение репостов "
    "репоста репосты скачиваний отзывов отзыва отзывы",
    "de": "aufrufe aufruf ansichten besucher leser kommentare kommentar likes geteilt follower "
    "abonnenten downloads zugriffe gefällt-mir gefällt-#-mal bewertungen",
    "fr": "vues vue lectures j'aime commentaires commentaire partages abonnés visiteurs visites "
    "téléchargements",
    "es": "visitas vistas visualizaciones lecturas me-gusta comentarios comentario compartidos "
    "seguidores suscriptores descargas visitantes reproducciones reseñas opiniones",
    "it": "visualizzazioni visite letture mi-piace commenti commento condivisioni follower "
    "iscritti visitatori recensioni",
    "pt": "visualizações visitas leituras curtidas gostos comentários comentário "
    "compartilhamentos partilhas seguidores inscritos downloads visitantes avaliações",
    "nl": "weergaven keer-bekeken bekeken reacties reactie likes volgers abonnees downloads "
    "bezoekers beoordelingen",
    "pl": "wyświetleń wyświetlenia wyświetlenie odsłon odsłony komentarzy komentarze komentarz "
    "polubień polubienia obserwujących udostępnień pobrań odwiedzin opinii opinie",
    "uk": "переглядів перегляди перегляд перегляду коментарів коментарі коментар вподобань "
    "лайків лайки підписників завантажень відвідувачів відгуків відгуки",
    # words of scripts written without spaces are the runs of letters pages write around the
    # number ("阅读：1234", "1234次阅读", "閲覧数 1,234", "조회수 1,234")
    "zh": "阅读 阅读量 阅读数 浏览 浏览量 浏览次数 点击 点击量 点赞 评论 转发 分享 收藏 关注 粉丝 "
    "下载 次阅读 人阅读 次浏览 人浏览 次播放 閱讀 閱讀數 瀏覽 瀏覽次數 點擊 點閱 評論 讚",
    "ja": "閲覧数 閲覧 閲覧回数 ビュー 回閲覧 回再生 再生回数 いいね コメント シェア フォロワー "
    "ダウンロード数 ダウンロード アクセス数 件のコメント 人が閲覧",
    "ko": "조회수 조회 좋아요 댓글 공유 구독자 팔로워 다운로드 추천 읽음 방문자",
    "ar": "المشاهدات مشاهدات مشاهدة المشاهدة القراءات قراءة قراءات الإعجابات إعجاب إعجابات "
    "التعليقات تعليقات تعليق المتابعين متابع متابعين المشاركات مشاركات التحميلات الزيارات زيارة",
    "he": "צפיות צפייה תגובות תגובה לייקים שיתופים עוקבים הורדות קוראים כניסות",
    "tr": "görüntülenme görüntüleme okunma izlenme beğeni beğenme yorumlar paylaşım takipçi "
    "indirme ziyaret ziyaretçi",
    # (a word joined by a zero-width non-joiner is two words: "دنبال‌کننده" is "دنبال-کننده")
    "fa": "بازدید بازدیدها بازدیدکننده بازدیدکنندگان لایک دنبال-کننده دنبال-کنندگان",
    "el": "προβολές προβολή αναγνώσεις σχόλια σχόλιο κοινοποιήσεις ακόλουθοι λήψεις "
    "επισκέψεις επισκέπτες",
    "sv": "visningar läsningar gillningar delningar kommentarer kommentar följare "
    "prenumeranter nedladdningar besökare",
    "cs": "zobrazení zhlédnutí přečtení komentářů komentáře komentář sdílení sledujících "
    "odběratelů stažení návštěv návštěvníků",
    "fi": "katselukertaa katselua näyttökertaa lukukertaa kommenttia kommentit kommentteja "
    "tykkäystä jakoa seuraajaa tilaajaa latausta latauksia kävijää",
    "vi": "lượt-xem lượt-thích bình-luận lượt-chia-sẻ người-theo-dõi lượt-tải lượt-truy-cập",
    "id": "dilihat kali-dilihat tayangan pembaca komentar disukai dibagikan pengikut pelanggan "
    "unduhan diunduh pengunjung",
    "th": "วิว ยอดวิว เข้าชม ผู้เข้าชม ความคิดเห็น ถูกใจ แชร์ ผู้ติดตาม ดาวน์โหลด",
    "hi": "व्यूज़ व्यूज बार-देखा टिप्पणियां टिप्पणियाँ लाइक शेयर फ़ॉलोअर्स फॉलोअर्स डाउनलोड "
    "सब्सक्राइबर्स पाठक",
}
# What a shop sold and has left, in the same languages: the number before or after a word
# ("1,204 sold", "Terjual 250+", "Đã bán 2,1k"), or in its place in a phrase ("only # left",
# "Ostatnie # sztuki"; not "# left" alone: "3 days left" counts down to a day, `hints`).
STOCK: dict[str, str] = {
    "en": "only-#-left #-left-in-stock #-in-stock #-seats-left #-tickets-left #-spots-left "
    "#-places-left #-rooms-left #-items-left #-seat-left #-ticket-left #-spot-left #-place-left "
    "#-room-left #-item-left #-sold #-bought",
    "ru": "продано осталось-#-шт осталось-#-мест #-шт.-в-наличии в-наличии-#-шт #-купили",
    "de": "nur-noch-# noch-#-verfügbar noch-#-plätze #-plätze-frei #-auf-lager #-verkauft",
    "fr": "plus-que-# il-ne-reste-que-# #-en-stock #-vendus #-places-restantes",
    "es": "quedan-# queda-# últimas-#-unidades #-vendidos #-unidades-disponibles "
    "#-plazas-disponibles",
    "it": "solo-#-rimasti ultimi-#-pezzi rimangono-# rimane-# #-venduti #-pezzi-disponibili "
    "#-posti-disponibili",
    "pt": "restam-# resta-# apenas-#-em-estoque últimas-#-unidades #-vendidos "
    "#-unidades-disponíveis #-lugares-disponíveis",
    "nl": "nog-maar-# nog-#-op-voorraad #-op-voorraad #-verkocht #-plaatsen-beschikbaar",
    "pl": "ostatnie-#-sztuki ostatnie-#-sztuk ostatnia-#-sztuka zostały-# zostało-# "
    "pozostało-# #-sprzedanych sprzedano-# #-szt.-w-magazynie",
    "sv": "endast-#-kvar #-kvar-i-lager #-i-lager #-sålda #-platser-kvar",
    "cs": "posledních-# poslední-# skladem-# #-ks-skladem #-prodaných prodáno-# zbývá-# "
    "zbývají-#",
    "fi": "vain-#-jäljellä #-kpl-varastossa #-myyty myyty-# #-paikkaa-jäljellä",
    "vi": "chỉ-còn-# còn-#-sản-phẩm đã-bán-# #-sản-phẩm-có-sẵn",
    "id": "sisa-# tersisa-# terjual-# stok-#",
    "th": "เหลือ-#-ชิ้น เหลืออีก-# คงเหลือ-# ขายแล้ว-# ขายได้-#",
    "hi": "केवल-#-बचे सिर्फ-#-बचे #-बिके",
}
# How often an offer was booked lately, as booking sites say it ("Booked 14 times in the last
# 24 hours"), in the table's European languages
STOCK["booked"] = (
    "booked-#-times reservado-#-veces reservado-#-vezes réservé-#-fois #-mal-gebucht "
    "prenotato-#-volte #-keer-geboekt zarezerwowano-#-razy забронировали-#-раз"
)
# Forms that name a count only after the number ("1 view", "(123 reviews)", "12 avis"): before
# one they are ordinary words ("Comment 3 of the guidance", "Download (PDF, 2 MB)", "Reviews
# completed: 12", "Avis n° 12").
AFTER_ONLY = (
    "view like share comment follower download reply visit visitor reader review reviews rating "
    "ratings avis yorum recensioner omdömen betyg hodnocení recenzí recenze arvostelua arviota "
    "arvostelut arviot đánh-giá lượt-đánh-giá ulasan penilaian รีวิว समीक्षाएं समीक्षाएँ रेटिंग "
    # who means to come to an event ("340 going", "230 personas asistirán"); not who applied
    # to a job: "12 applicants per place" is a statistic
    "going interested attending asistirán interesados confirmados interessados intéressés "
    "interessierte zusagen interessati parteciperanno"
)
# Signs that stand for a count's noun, before or after it: seen, liked, commented, reposted.
ICONS = "👁👀❤♥👍💬🗨🔁"
# CLDR's short compact-decimal symbols of the date grammar's languages (`dates.LOCALES`):
# "1,2 тыс." and "1.2K" count as much as "1 234". tests/test_numbers.py checks this list
# against Babel's CLDR data, so it stays as maintained as the dates' names.
MAGNITUDES = "b bi bio bln bn k m md mi mil mio mld mln mrd t tri tys млн млрд тис трлн тыс"
MAGNITUDES += " mn mr tn δισ εκ τρισ χιλ آلاف ألف ترليون مليار مليون"
MAGNITUDES += " 万 万亿 亿 京 億 兆 만 억 조 천"
MAGNITUDES += " bil tis bilj milj n nt tr jt rb अ क ख नील लाख हज़ार"
MAGNITUDES += " تریلیون میلیارد میلیون هزار"

_PHRASES = [w.replace("-", " ") for row in (*WORDS.values(), *STOCK.values()) for w in row.split()]
_ALL = frozenset(w for w in _PHRASES if "#" not in w)
_AFTER = _ALL | frozenset(w.replace("-", " ") for w in AFTER_ONLY.split())
# phrases around the number: the words before it and the words after it
_AROUND = [tuple(tuple(part.split()) for part in w.split("#", 1)) for w in _PHRASES if "#" in w]
# each phrase by the word next to the number that it needs: the last before it, or the first
# after it when none comes before ("# sold")
_AROUND_BY: dict[tuple[str, str], list] = {}
for _b, _a in _AROUND:
    _AROUND_BY.setdefault((_b[-1], "") if _b else ("", _a[0]), []).append((_b, _a))
del _b, _a
# The vowel signs and other marks of the scripts of South and Southeast Asia are no word
# characters to `re` ("रिव्यू", "รีวิว" would break at each): a letter is either.
MARKS = "".join(
    c for c in map(chr, range(0x0300, 0x1000)) if unicodedata.category(c) in ("Mn", "Mc")
)
LETTER = rf"(?:[^\W\d_]|[{MARKS}])"
_WORD = re.compile(rf"{LETTER}+(?:['’]{LETTER}+)?")
_MAGNITUDE = re.compile(rf" ?(?:{'|'.join(MAGNITUDES.split())})\.?(?!{LETTER})", re.I)
_SIGN_NOISE = " \ufe0f"  # what may stand between a sign and its number: a space, emoji style
_STOP = re.compile(r"[.;|·•\n\d]")  # a clause or another number ends the look-around


# A forum's or CMS's statistics line: every number of its sentence is noise. A page's build time
# ("Page generated in 0.123 seconds with 23 queries", "Seite in 0,08 Sekunden erzeugt") and who
# is online ("37 users online: 4 registered, 0 hidden and 33 guests", "37 Besucher online: 4
# registrierte…"). A build time needs both a verb of making and a time in seconds.
STATS_MADE = (
    "generated rendered created processed executed built loaded generiert erstellt erzeugt "
    "geladen générée généré generada generado gerada gerado generata generato gegenereerd "
    "wygenerowana wygenerowano сгенерирована сгенерировано создана згенерована"
)
STATS_SECONDS = (
    "s sec secs second seconds ms sek sekunde sekunden seconde secondes segundo segundos "
    "secondo secondi seconde seconden sekund sekundy sekundę сек секунд секунды секунди"
)
STATS_ONLINE = r"online|en ligne|en línea|on-line|онлайн|в сети|на сайте"
# who is online: people, counted ("41 users online", "23 utilisateurs en ligne"), not courses
STATS_PEOPLE = (
    "users user members visitors guests people benutzer mitglieder besucher gäste "
    "utilisateurs membres visiteurs invités usuarios miembros visitantes invitados utenti "
    "membri visitatori ospiti utilizadores usuários gebruikers leden bezoekers gasten "
    "użytkowników użytkownicy gości osób пользователей пользователя посетителей посетителя "
    "гостей користувачів відвідувачів гостей"
)
_MADE = re.compile(rf"\b(?:{'|'.join(STATS_MADE.split())})\b", re.I)
_SECONDS = re.compile(rf"\d ?(?:{'|'.join(STATS_SECONDS.split())})\.?(?![^\W\d_])", re.I)
_ONLINE = re.compile(
    rf"\d+ (?:[^\W\d_]+ )?(?:{'|'.join(sorted(set(STATS_PEOPLE.split())))})"
    rf"(?: [^\W\d_]+)? (?:{STATS_ONLINE})(?![^\W\d_])",
    re.I,
)
# a sentence ends at a stop that is no decimal point ("0.123"), or at a line's end
_SENTENCE_END = re.compile(r"(?<!\d)\.|\.(?!\d)|[;!?\n]")


def _in_stats(before: str, after: str) -> bool:
    """Is the number between `before` and `after` part of a statistics line (`STATS_*`)?"""
    head = before[max((m.end() for m in _SENTENCE_END.finditer(before)), default=0) :]
    end = _SENTENCE_END.search(after)
    sentence = f"{head}0{after[: end.start()] if end else after}"
    if _ONLINE.search(sentence):
        return True
    return bool(_MADE.search(sentence) and _SECONDS.search(sentence))


_NOUN_AFTER_NUMBER = re.compile(rf"(#\s?)({_WORD.pattern})")


def _masked_noun(m: re.Match) -> str:
    word = m.group(2).lower().replace("’", "'")
    return m.group(1) + "¤" if word in _AFTER or word in dates.day_units() else m.group(0)


def mask_words(masked: str) -> str:
    """A masked text with each engagement noun or unit of days right after a number replaced by
    "¤": "# просмотра" and "# просмотров", "# comment" and "# comments", "минуло # днів" and
    "минуло # день" (the noun agrees with its number, in every plural form CLDR gives a day)
    are then the same block with other numbers. So are the words right beside a number that is
    such a count (`is_engagement`): "Only # rooms left" and "Only # room left", "Solo quedan #
    entradas" and "Solo queda # entrada"."""
    if "#" in masked and not _VOCABULARY.isdisjoint(map(str.lower, _WORD.findall(masked))):
        masked = _beside_each(masked)
    return _NOUN_AFTER_NUMBER.sub(_masked_noun, masked)


def _beside_each(masked: str) -> str:
    """`_BESIDE.sub(_agreeing, masked)`, tried only at each "#": from the start of the word
    before it (the regex engine would try every position of the text, a tenth of a large
    diff's pairing)."""
    out, last = [], 0
    h = masked.find("#")
    while h >= 0:
        j = h - 1 if h > last and masked[h - 1] == " " else h
        k = j
        while k > last and _ONE_LETTER.match(masked, k - 1):
            k -= 1
        m = _BESIDE.match(masked, k if k < j else h)
        out += (masked[last : m.start()], _agreeing(m))
        last = m.end()
        h = masked.find("#", last)
    out.append(masked[last:])
    return "".join(out)


# the longest word of each phrase of the tables (a phrase matches only where all its words
# stand): a block holding none has no count whose words could agree; every word would let
# "in", "w", "en" through, and every number of most blocks would then be read
_VOCABULARY = frozenset(max(p.replace("#", " ").split(), key=len) for p in (*_PHRASES, *_AFTER))
_BESIDE = re.compile(rf"(?:({LETTER}+)( ?))?#(?:( ?)({LETTER}+))?")
_ONE_LETTER = re.compile(LETTER)


def _agreeing(m: re.Match) -> str:
    text, at = m.string, m.start() + len(m.group(1) or "") + len(m.group(2) or "")
    # the words around it in a bounded window, as counters read them: a block of many numbers
    # must not cost each of them the whole block
    if not is_engagement(text[max(0, at - 120) : at], text[at + 1 : at + 81]):
        return m.group()
    before = f"¤{m.group(2)}" if m.group(1) else ""
    after = f"{m.group(3)}¤" if m.group(4) else ""
    return f"{before}#{after}"


_SIGN = re.compile(f"[{ICONS}]")


def labels_by_sign(masked: str) -> bool:
    """Whether a block names what its numbers count by a sign alone ("👁 # · 💬 #"): it has no
    letters, yet its numbers are labelled."""
    return _SIGN.search(masked) is not None


def column_engagement(row: str, rows_above: list[str], at: int) -> bool:
    """Whether the number at row[at] lies in a table column headed by an engagement word: a
    board's listing ("번호 | 제목 | 작성일 | 조회" over "1523 | … | 1,024", "No. | Title | Date |
    Views"), its header the nearest row above with as many cells and no digit. `rows_above`:
    the blocks above the row, nearest first (read until a block that is no row of the table)."""
    cells = row.count(" | ")
    column = row.count(" | ", 0, at)
    for above in rows_above:
        if above.count(" | ") != cells or "\n" in above:
            return False
        if not any(c.isdigit() for c in above):
            words = _WORD.findall(above.split(" | ")[column])
            return len(words) <= 3 and _hits(words, _AFTER)
    return False


def _hits(words: list[str], table: frozenset[str]) -> bool:
    words = [w.lower().replace("’", "'") for w in words]
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    return any(w in table for w in words) or any(p in table for p in pairs)


def is_engagement(before: str, after: str) -> bool:
    """Is the number between `before` and `after` (the rest of its block) an engagement count, or
    a figure of a statistics line (`_in_stats`)?"""
    head = before[-60:]
    cut = max((m.end() for m in _STOP.finditer(head)), default=0)
    words_before = [w.lower() for w in _WORD.findall(head[cut:])[-3:]]
    if cut and head[cut - 1] == "|" and not head[cut:].strip() and after[:2].strip() in ("", "|"):
        # a cell of its own in a row of label and value: the label is the cell before it
        # ("Liczba odwiedzin: | 1234", "Просмотров | 1 234")
        lo = max((m.end() for m in _STOP.finditer(head, 0, cut - 1)), default=0)
        words_before = [w.lower() for w in _WORD.findall(head[lo : cut - 1])[-3:]]
    if _hits(words_before, _ALL):
        return True
    tail = after[:40]
    skip = _MAGNITUDE.match(tail)
    if skip:
        tail = tail[skip.end() :]
    m = _STOP.search(tail)
    words_after = [w.lower() for w in _WORD.findall(tail[: m.start()] if m else tail)[:3]]
    if _hits(words_after[:2], _AFTER):
        return True
    sign = head.rstrip(_SIGN_NOISE)[-1:] + (tail if skip is None else "").lstrip(_SIGN_NOISE)[:1]
    if sign and any(c in ICONS for c in sign):
        return True
    around = _AROUND_BY.get(("", words_after[0]) if words_after else None, [])
    if words_before:
        around = chain(around, _AROUND_BY.get((words_before[-1], ""), []))
    return any(
        tuple(words_before[len(words_before) - len(b) :]) == b and tuple(words_after[: len(a)]) == a
        for b, a in around
    ) or _in_stats(before, after)
