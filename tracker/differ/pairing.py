"""Pair the blocks alignment left over: what became what.

In order, so the strongest explanation wins: date and clock widgets (same gap), list items that
only got another list number (same gap, volatile "numbering"), the same block elsewhere or the
same lines in another order (moved: rotating captions never alert; a list item also by its text
without its number), the same text with other numbers (counter; also when an engagement word
agrees with its new number, or a lone value alone in its gap: a `<dd>` or table cell), similar
wording (rewritten: word Jaccard >= 0.5, same gap first, then anywhere), the same short text
around other dates or times (volatile), and what is left is added or removed. An added or
removed run made only of date/clock lines is a widget that appeared or vanished: volatile.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain, compress, count, repeat
from math import ceil
from operator import add, ge, sub, truediv

from tracker import dates
from tracker.differ.align import align
from tracker.differ.engagement import labels_by_sign, mask_words
from tracker.differ.hints import title_like
from tracker.differ.numbers import leading_ordinal, mask, mask_ordinal
from tracker.differ.segment import Block, Blocks

SIMILAR = 0.5
COMMON_WORD = 200  # a word in more leftover blocks than this proposes no candidates
DIRECT = 4096  # compare every pair when there are at most this many
MANY = 32  # candidates of one block scored at once (in C) above this many
MANY_WORDS = 8192  # ... when the old blocks have at most this many distinct words
BITS = 8  # word sets as bit masks when the pairs to compare exceed this many per block
# Blocks up to this long left unpaired are keyed by their words that are no date words
# ("Updated: 1 December 2025" → "Updated: 2 January 2026" shares too few words to pair as
# rewritten); a longer block that differs only in dates pairs by its numbers or wording, and the
# engine classes it volatile.
DATED_LINE = 200
_WORD = re.compile(r"\w+")
_LETTERS = re.compile(r"[^\W\d_]{2,}")


@dataclass
class Pair:
    """An old block and a new block the pairing steps joined (or one side alone), with the
    kind the pairing saw."""

    kind: str  # volatile | moved | counter | rewritten | added | removed
    old: int | None
    new: int | None
    reason: str | None = None  # volatile: date | clock | rule | numbering; counter: list number


def heads_item(blocks: list[Block], i: int) -> bool:
    """A bare dd.mm.yyyy followed by a title paragraph: the head of a news item, not a widget."""
    return "item_date" in blocks[i].hints and i + 1 < len(blocks) and title_like(blocks[i + 1].text)


def widget(blocks: list[Block], i: int) -> str | None:
    h = blocks[i].hints
    if "clock" in h:
        return "clock"
    if "date" in h and not heads_item(blocks, i):
        return "date"
    if "days" in h:
        return "days"
    return None


def pair(
    old: Blocks,
    new: Blocks,
    matches: list[tuple[int, int]],
    gaps: list[tuple[int, int, int, int]],
    old_keys: list[str],
    new_keys: list[str],
) -> list[Pair]:
    ot, nt = old.texts, new.texts
    pairs = []
    if old_keys is not ot:  # ignore rules masked the keys: matched blocks may differ
        pairs = [Pair("volatile", i, j, "rule") for i, j in matches if ot[i] != nt[j]]
    # only blocks in a gap are ever free: every scan below walks the gaps, not the page
    free_old = [False] * len(old)
    free_new = [False] * len(new)
    gap_olds: list[int] = []
    gap_news: list[int] = []
    for a0, a1, b0, b1 in gaps:
        free_old[a0:a1] = repeat(True, a1 - a0)
        free_new[b0:b1] = repeat(True, b1 - b0)
        gap_olds += range(a0, a1)
        gap_news += range(b0, b1)

    # a pair inside one gap needs blocks on both of its sides: the steps per gap skip the rest
    both = [g for g in gaps if g[0] < g[1] and g[2] < g[3]]

    def take(kind: str, i: int | None, j: int | None, reason: str | None = None) -> None:
        pairs.append(Pair(kind, i, j, reason))
        if i is not None:
            free_old[i] = False
        if j is not None:
            free_new[j] = False

    # 1. date and clock widgets, inside one gap; clocks by label first ("Moscow: #:#")
    for a0, a1, b0, b1 in both:
        wn = [widget(new, j) for j in range(b0, b1)]
        if not any(wn):  # a widget pairs only with a widget: the old side need not be read
            continue
        wo = [widget(old, i) for i in range(a0, a1)]
        for kind in ("clock", "date"):
            olds = [a0 + k for k, w in enumerate(wo) if w == kind]
            news = [b0 + k for k, w in enumerate(wn) if w == kind]
            if not olds or not news:
                continue
            by_label = defaultdict(list)
            for j in news:
                by_label[new[j].masked].append(j)
            for i in olds:
                same = [j for j in by_label.get(old[i].masked, ()) if free_new[j]]
                if same:
                    take("volatile", i, same[0], kind)
            rest = [j for j in news if free_new[j]]
            for i, j in zip([i for i in olds if free_old[i]], rest, strict=False):
                take("volatile", i, j, kind)
        # a count of days alone that was or became another stamp ("3 hours ago" → "2 days
        # ago"): a date; two counts of days are a day counter, paired by their numbers below
        # when only the number moved, else here ("1 day ago" → "3 days ago": the engine reads
        # the number)
        if "days" in wo or "days" in wn:
            news = [b0 + k for k, w in enumerate(wn) if w]
            for i in (a0 + k for k, w in enumerate(wo) if w and free_old[a0 + k]):
                for j in news:
                    ends = (wo[i - a0], wn[j - b0])
                    if not free_new[j] or "days" not in ends:
                        continue
                    if ends != ("days", "days"):
                        take("volatile", i, j, "date")
                        break
                    if old[i].masked != new[j].masked:
                        take("rewritten", i, j)
                        break

    items: list[list[int]] = []  # list items before each block, per side (read when needed)

    def renumbered(i: int, j: int) -> bool:
        """Whether list items added or removed above the item (below it, in a list counting
        down) explain its new number: steps that swapped places changed, they were not
        renumbered."""
        if not items:
            items.extend(_items_before(t) for t in (ot, nt))
        return _explained(ot[i], nt[j], items, i, j)

    # 1b. list items renumbered by an item added or removed above them ("2. X" → "3. X"):
    # aligned again inside the gap with their list numbers masked, so the rest can still move
    ordinal_keys: dict[tuple[int, int], str] = {}  # (side, index) -> masked key
    for a0, a1, b0, b1 in both:
        kn = [_ordinal_key(nt[j], new_keys[j]) for j in range(b0, b1)]
        if not any(kn):  # no list item on the new side: the old side need not be read
            continue
        ko = [_ordinal_key(ot[i], old_keys[i]) for i in range(a0, a1)]
        if not any(ko):
            continue
        ordinal_keys.update(((0, a0 + k), key) for k, key in enumerate(ko) if key)
        ordinal_keys.update(((1, b0 + k), key) for k, key in enumerate(kn) if key)
        ko = [key or (0, a0 + k) for k, key in enumerate(ko)]  # only list items can match
        kn = [key or (1, b0 + k) for k, key in enumerate(kn)]
        for i, j in align(ko, kn):
            i, j = a0 + i, b0 + j
            if free_old[i] and free_new[j] and ot[i] != nt[j]:
                if renumbered(i, j):
                    take("volatile", i, j, "numbering")
                elif mask(ot[i]) == mask(nt[j]):  # steps swapped, a number changed: a fact
                    take("counter", i, j, "list number")

    # 2. the same block elsewhere: moved (a list item also by its text without its number)
    def moved(old_key, new_key) -> None:
        waiting = defaultdict(list)
        for j in gap_news:
            if free_new[j]:
                waiting[new_key(j)].append(j)
        waiting.pop(None, None)
        for key in waiting:
            waiting[key].reverse()
        for i in gap_olds:
            if free_old[i] and waiting.get(old_key(i)):
                take("moved", i, waiting[old_key(i)].pop())

    moved(old_keys.__getitem__, new_keys.__getitem__)
    if ordinal_keys:
        moved(lambda i: ordinal_keys.get((0, i)), lambda j: ordinal_keys.get((1, j)))

    # 2b. the same lines in another order (a carousel's captions, a rotated list): moved
    shuffled = defaultdict(list)
    for j in gap_news:
        if free_new[j] and "\n" in new_keys[j]:
            shuffled[_line_set(new_keys[j])].append(j)
    if shuffled:
        for key in shuffled:
            shuffled[key].reverse()
        for i in gap_olds:
            if free_old[i] and "\n" in old_keys[i]:
                found = shuffled.get(_line_set(old_keys[i]))
                if found:
                    take("moved", i, found.pop())

    memo: list = []

    def index() -> tuple[list[int], list[int]]:
        if not memo:
            memo.append(_gap_index(gaps, len(old), len(new)))
        return memo[0]

    def across() -> bool:
        """Do the free blocks lie in two gaps or more? Else a step's pass over every gap would
        only try again the pairs its pass per gap tried (and found nothing in)."""
        if len(gaps) < 2:
            return False
        gap_old, gap_new = index()
        seen = {gap_old[i] for i in gap_olds if free_old[i]}
        seen.update(gap_new[j] for j in gap_news if free_new[j])
        return len(seen) > 1

    # 3. same text, other numbers: counters (same gap first, then anywhere)
    def by_masked(olds: list[int], news: list[int]) -> None:
        want = defaultdict(list)
        for j in news:
            if not free_new[j]:
                continue
            masked = new[j].masked
            if _LETTERS.search(masked) or labels_by_sign(masked):
                want[masked].append(j)
        for i in olds:
            if free_old[i]:
                cands = [j for j in want.get(old[i].masked, ()) if free_new[j]]
                if cands:
                    take("counter", i, cands[0])

    for a0, a1, b0, b1 in both:
        by_masked(range(a0, a1), range(b0, b1))
        if a1 - a0 == 1 and b1 - b0 == 1 and free_old[a0] and free_new[b0]:
            # a lone value between the same neighbours ("<dd>15,00 €</dd>" → "20,00 €", a table
            # cell): no word to pair it by, but nothing else it can have become
            if "#" in old[a0].masked and old[a0].masked == new[b0].masked:
                take("counter", a0, b0)
    if across():
        by_masked(gap_olds, gap_news)

    # 3b. the same text but for an engagement word that agrees with its number ("1 234
    # просмотра" → "1 310 просмотров", "1 comment" → "2 comments"): counters too, same gap
    def by_engagement(olds: range, news: range) -> None:
        # only blocks of one shape (numbers, words, punctuation counted) are compared
        olds = [i for i in olds if free_old[i] and "#" in old[i].masked]
        if not olds:
            return
        # the counts of numbers and of spaces first (two passes), the whole shape only for
        # blocks whose counts meet
        by_counts = defaultdict(list)
        for i in olds:
            by_counts[_counts(old[i].masked)].append(i)
        shapes: dict[tuple[int, int], set[tuple[int, ...]]] = {}
        want = defaultdict(list)
        for j in news:
            if not free_new[j]:
                continue
            masked = new[j].masked
            if "#" in masked and (counts := _counts(masked)) in by_counts:
                if counts not in shapes:
                    shapes[counts] = {_shape(old[i].masked) for i in by_counts[counts]}
                if _shape(masked) not in shapes[counts]:
                    continue
                key = mask_words(masked)
                if "¤" in key:
                    want[key].append(j)
        if not want:
            return
        for i in olds:
            if free_old[i]:
                cands = [j for j in want.get(mask_words(old[i].masked), ()) if free_new[j]]
                if cands:
                    take("counter", i, cands[0])

    for a0, a1, b0, b1 in both:
        by_engagement(range(a0, a1), range(b0, b1))

    # 4. similar wording: rewritten (same gap first, then anywhere)
    words_old: dict[int, set[str]] = {}
    words_new: dict[int, set[str]] = {}

    def similar(olds, news, across: bool = False) -> None:
        olds = [i for i in olds if free_old[i]]
        news = [j for j in news if free_new[j]]
        if not olds or not news:
            return
        extra = (None, None)
        if across:  # only pairs in different gaps are new candidates
            extra = gap_old, gap_new = index()
            if len({gap_old[i] for i in olds} | {gap_new[j] for j in news}) < 2:
                return
        for i in olds:
            if i not in words_old:
                words_old[i] = set(_WORD.findall(old[i].masked.lower()))
        for j in news:
            if j not in words_new:
                words_new[j] = set(_WORD.findall(new[j].masked.lower()))
        for _, i, j in _similar_pairs(olds, news, words_old, words_new, *extra):
            if free_old[i] and free_new[j]:
                take("rewritten", i, j)

    for a0, a1, b0, b1 in both:
        similar(range(a0, a1), range(b0, b1))
    similar(gap_olds, gap_news, across=True)

    # 5. the same short text around other dates or times, among what wording left (same gap
    # first, then anywhere); counter and rewritten pairs that differ only in dates are noise too,
    # but the engine tells them apart
    skeletons: dict[tuple[int, int], str | None] = {}
    heads: dict[tuple[int, int], str] = {}

    def head(side: int, blocks: Blocks, k: int) -> str:
        """The first word of `skeleton` ("" for none), read without the rest of the block: two
        blocks whose first words differ need not be read whole."""
        if (side, k) not in heads:
            b = blocks[k]
            if len(b.text) > DATED_LINE:
                heads[(side, k)] = ""
            elif "skeleton" in b.__dict__:  # read whole already (the widget test)
                heads[(side, k)] = b.skeleton.split(" ", 1)[0]
            else:
                heads[(side, k)] = dates.skeleton_head(b.text)
        return heads[(side, k)]

    def skeleton(side: int, blocks: Blocks, k: int) -> str | None:
        """The words of a short block that no date holds: equal on both sides of a date-only
        change (a bare date has none: it may head a news item, and widgets were paired in 1)."""
        if (side, k) not in skeletons:
            b = blocks[k]
            skeletons[(side, k)] = (b.skeleton or None) if len(b.text) <= DATED_LINE else None
        return skeletons[(side, k)]

    def by_dates(olds, news) -> None:
        hn = [(j, h) for j in news if free_new[j] and (h := head(1, new, j))]
        if not hn:
            return
        ho = [(i, h) for i in olds if free_old[i] and (h := head(0, old, i))]
        # only blocks whose first words meet on the other side are read whole
        shared = {h for _, h in hn}.intersection(h for _, h in ho)
        if not shared:
            return
        want = defaultdict(list)
        for j, h in hn:
            if h in shared and (key := skeleton(1, new, j)) is not None:
                want[key].append(j)
        if not want:
            return
        for i, h in ho:
            if h in shared and (key := skeleton(0, old, i)) is not None:
                for j in want.get(key, ()):
                    reason = free_new[j] and dates.only_dates_differ(old[i].text, new[j].text)
                    if reason:
                        take("volatile", i, j, reason)
                        break

    for a0, a1, b0, b1 in both:
        by_dates(range(a0, a1), range(b0, b1))
    if across():
        by_dates(gap_olds, gap_news)

    # 6. the rest; a run of only date/clock lines is a widget that came or went
    for blocks, free, kind, side, cands in (
        (old, free_old, "removed", 0, gap_olds),
        (new, free_new, "added", 1, gap_news),
    ):
        run: list[int] = []
        for k in [*cands, None]:
            if k is not None and free[k]:
                if run and run[-1] != k - 1:
                    _flush(run, blocks, kind, side, pairs)
                    run = []
                run.append(k)
        _flush(run, blocks, kind, side, pairs)
    return pairs


def _shape(text: str) -> tuple[int, ...]:
    """What an inflected word leaves alike: the count of numbers, spaces and punctuation."""
    return tuple(map(text.count, ("#", " ", ".", ",", ":", "·", "|")))


def _counts(text: str) -> tuple[int, int]:
    """The first two counts of `_shape`: most blocks of other shapes differ in them already."""
    return text.count("#"), text.count(" ")


def _items_before(texts: list[str]) -> list[int]:
    """How many blocks before each (and, last, in all) start with a list number."""
    out, n = [0], 0
    for text in texts:
        n += leading_ordinal(text) is not None
        out.append(n)
    return out


def _explained(old: str, new: str, items: list[list[int]], i: int, j: int) -> bool:
    """Whether the shift of a list number is explained by the list items gained or lost above
    (a list counting up) or below (counting down) the item; as many or fewer than gained
    (another list of the page may have gained some too), in the same direction."""
    mo, mn = leading_ordinal(old), leading_ordinal(new)
    if not mo or not mn:
        return False
    shift = int(re.sub(r"\D", "", mn.group())) - int(re.sub(r"\D", "", mo.group()))
    io, in_ = items
    above = in_[j] - io[i]
    below = (in_[-1] - in_[j + 1]) - (io[-1] - io[i + 1])
    return any(shift * gained > 0 and abs(shift) <= abs(gained) for gained in (above, below))


def _ordinal_key(text: str, key: str) -> str | None:
    """The key of a block that starts with a list number ("3. ", "(3) "), number masked."""
    return mask_ordinal(key) if leading_ordinal(text) else None


def _line_set(text: str) -> tuple[str, ...]:
    return tuple(sorted(text.split("\n")))


def _gap_index(gaps, n_old: int, n_new: int) -> tuple[list[int], list[int]]:
    """The gap number of every block (-1: matched)."""
    gap_old, gap_new = [-1] * n_old, [-1] * n_new
    for g, (a0, a1, b0, b1) in enumerate(gaps):
        gap_old[a0:a1] = [g] * (a1 - a0)
        gap_new[b0:b1] = [g] * (b1 - b0)
    return gap_old, gap_new


def _flush(run: list[int], blocks: list[Block], kind: str, side: int, pairs: list[Pair]) -> None:
    if not run:
        return
    whats = []  # each block's widget, up to the first block that is none
    for k in run:
        what = widget(blocks, k)
        if not what:
            break
        whats.append(what)
    every = len(whats) == len(run)
    for n, k in enumerate(run):
        ends = (k, None) if side == 0 else (None, k)
        if every:
            what = whats[n]
            pairs.append(Pair("volatile", *ends, "date" if what == "days" else what))
        else:
            pairs.append(Pair(kind, *ends))
    run.clear()


def _word_bits(words: Iterable[str], olds, words_old) -> tuple[dict[str, int], dict[int, int]]:
    """One bit per word of `words` (every word of the old blocks), and each old block's words as
    a mask of them: the size of an intersection is then an AND and a count, in C (both scorers
    use it: `_similar_pairs` when a scope has many meetings, `_indexed_pairs` for a block with
    many candidates)."""
    bit = {w: 1 << k for k, w in enumerate(words)}
    return bit, {i: sum(map(bit.__getitem__, words_old[i])) for i in olds}


def _mask(bit: dict[str, int], words: Iterable[str]) -> int:
    """A new block's words as a mask of `_word_bits` (words no old block has set no bit)."""
    return sum(map(bit.get, words, repeat(0)))


def _similar_pairs(olds, news, words_old, words_new, gap_old=None, gap_new=None):
    """Candidate pairs with Jaccard >= SIMILAR, best first (ties: closest in page order).
    Jaccard >= 0.5 needs the smaller word set to be at least half the larger, which prunes most
    pairs before any intersection; big scopes go through an inverted index of words. With
    `gap_old`/`gap_new`, pairs inside one gap are skipped (they were already compared)."""
    found = []
    if len(olds) * len(news) <= DIRECT:
        # the old blocks by word count: each new block meets only those of half to twice its
        # count (the order within one new block's candidates does not matter: all are sorted)
        by_size = sorted((len(words_old[i]), i) for i in olds)
        sizes = [n for n, _ in by_size]
        meets = [
            (
                j,
                bisect_left(sizes, (len(words_new[j]) + 1) // 2),
                bisect_right(sizes, 2 * len(words_new[j])),
            )
            for j in news
            if words_new[j]
        ]
        # many meetings: each word one bit, an intersection an AND of two integers and a count
        bits = sum(b - a for _, a, b in meets) > BITS * (len(olds) + len(news))
        if bits:
            bit, mask_old = _word_bits({w for i in olds for w in words_old[i]}, olds, words_old)
        for j, a, b in meets:
            wn = words_new[j]
            ln = len(wn)
            mn = _mask(bit, wn) if bits else 0
            for lo, i in by_size[a:b]:
                if gap_old is not None and gap_old[i] == gap_new[j]:
                    continue
                inter = (mask_old[i] & mn).bit_count() if bits else len(words_old[i] & wn)
                if inter * (1 + SIMILAR) >= SIMILAR * (lo + ln):
                    found.append((inter / (lo + ln - inter), i, j))
    else:
        found = _indexed_pairs(olds, news, words_old, words_new, gap_old, gap_new)
    found.sort(key=lambda t: (-t[0], abs(t[1] - t[2]), t[1]))
    return found


def _indexed_pairs(olds, news, words_old, words_new, gap_old, gap_new):
    """The pairs that share a word found in at most COMMON_WORD of the old blocks and score >=
    SIMILAR, by prefix filtering: with the words ranked rare first and common ones last, two sets
    overlapping in at least SIMILAR of each share one of the first len - ceil(SIMILAR * len) + 1
    words of both (the first word they share in rank order is there, and it is not a common one
    if any shared word is not). So only those prefixes are indexed and looked up: the same pairs
    as comparing every pair that shares a rare word, for a fraction of the intersections."""
    freq = Counter(chain.from_iterable(map(words_old.__getitem__, olds)))
    # rare words first, common ones last (ties by the word): tuples sorted, no key function
    counts = freq.values()
    rows = zip(map(COMMON_WORD.__lt__, counts), counts, freq, strict=True)
    order = [w for _, _, w in sorted(rows)]
    rank: defaultdict[str, int] = defaultdict(int, zip(order, count(1)))
    key = rank.__getitem__  # words no old block has rank 0: they never match anyway

    def prefix(words: set[str]) -> list[str]:
        n = len(words)
        return sorted(words, key=key)[: n - ceil(SIMILAR * n) + 1]

    index: dict[str, list[int]] = defaultdict(list)
    for i in olds:
        for w in prefix(words_old[i]):
            if freq[w] <= COMMON_WORD:
                index[w].append(i)
    # a long list of blocks sorted by size: a new block meets only those of half to twice its
    # size (the length filter below), found by bisection
    size = {i: len(words_old[i]) for i in olds}
    sizes: dict[str, list[int]] = {}
    for w, lst in index.items():
        if len(lst) > MANY:
            lst.sort(key=size.__getitem__)
            sizes[w] = list(map(size.__getitem__, lst))
    found = []
    # each block's words as bits: when a new block meets many candidates, all are scored at
    # once in C and only those that reach SIMILAR are looked at below (a Python step and a set
    # intersection per candidate were most of a diff whose pages changed in many places); not
    # with a vocabulary so large that the bits would cost more than the sets
    bits: dict[int, int] = {}
    bit: dict[str, int] = {}
    for j in news:
        wn = words_new[j]
        ln = len(wn)
        least, most = (ln + 1) // 2, 2 * ln
        cands: set[int] = set()
        for w in prefix(wn):
            lst = index.get(w)
            if lst:
                if w in sizes:
                    at = sizes[w]
                    lst = lst[bisect_left(at, least) : bisect_right(at, most)]
                cands.update(lst)
        todo: Iterable[int] = cands
        if len(cands) > MANY and len(freq) <= MANY_WORDS:
            if not bits:
                bit, bits = _word_bits(freq, olds, words_old)
            some = list(cands)
            mine = _mask(bit, wn)
            inters = list(map(int.bit_count, map(mine.__and__, map(bits.__getitem__, some))))
            unions = map(sub, map(add, map(size.__getitem__, some), repeat(ln)), inters)
            todo = compress(some, map(ge, map(truediv, inters, unions), repeat(SIMILAR)))
        for i in todo:
            if gap_old is not None and gap_old[i] == gap_new[j]:
                continue
            wo = words_old[i]
            lo = len(wo)
            if lo > 2 * ln or ln > 2 * lo:  # the length filter, as in `_similar_pairs`
                continue
            inter = len(wo & wn)
            score = inter / (lo + ln - inter)
            if score >= SIMILAR:
                found.append((score, i, j))
    return found
