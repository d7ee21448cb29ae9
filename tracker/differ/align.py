"""Block-level alignment: which blocks of the old page are the same blocks of the new page.

Patience diff over block keys: trim the common head and tail, anchor on keys that occur once on
each side (their longest increasing run), recurse between anchors. Regions with no unique key
fall back to difflib's longest-match (on small regions only; large ones stay a gap and the
pairing stage sorts them out). Linear-ish on pages that mostly did not change, which is the
common case, and it never lines up unrelated boilerplate the way a plain LCS can.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Hashable, Sequence
from itertools import chain, compress, count, repeat
from operator import add, and_, ge, itemgetter, lt, ne, sub

FALLBACK_LIMIT = 250_000  # difflib only when len(a) * len(b) is at most this


def align(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[int, int]]:
    """Matched index pairs (i, j), increasing in both, with a[i] == b[j]."""
    # keys as ints; every key the old side lacks is -1 (only old-to-new equality is ever asked,
    # and such a key is never unique on both sides)
    ids: dict[Hashable, int] = dict(zip(a, count()))
    ai = list(map(ids.__getitem__, a))
    bi = list(map(ids.get, b, repeat(-1)))
    matches: list[tuple[int, int]] = []
    stack = [(0, len(ai), 0, len(bi))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        while alo < ahi and blo < bhi and ai[alo] == bi[blo]:
            matches.append((alo, blo))
            alo += 1
            blo += 1
        while alo < ahi and blo < bhi and ai[ahi - 1] == bi[bhi - 1]:
            ahi -= 1
            bhi -= 1
            matches.append((ahi, bhi))
        if alo == ahi or blo == bhi:
            continue
        if ahi - alo == 1 and bhi - blo == 1:
            continue  # one block on each side, unequal (else matched above): most gaps, at 3 %
        anchors = _unique_anchors(ai, bi, alo, ahi, blo, bhi)
        if not anchors:
            matches.extend(_fallback(ai, bi, alo, ahi, blo, bhi))
            continue
        matches += anchors
        # the stretches between anchors with blocks on both sides (few: most anchors follow
        # each other), found by C passes over the anchors rather than a Python step for each
        ii = [alo - 1, *map(itemgetter(0), anchors), ahi]
        jj = [blo - 1, *map(itemgetter(1), anchors), bhi]
        wide = map(
            and_, map(lt, repeat(1), map(sub, ii[1:], ii)), map(lt, repeat(1), map(sub, jj[1:], jj))
        )
        for k in compress(count(), wide):
            stack.append((ii[k] + 1, ii[k + 1], jj[k] + 1, jj[k + 1]))
    matches.sort()
    return matches


def _unique_anchors(ai, bi, alo, ahi, blo, bhi) -> list[tuple[int, int]]:
    a, b = ai[alo:ahi], bi[blo:bhi]
    common = _once(a) & _once(b)
    if not common:
        return []
    where = dict(zip(b, range(blo, bhi), strict=True))  # right for `common`: each is once in b
    keep = list(map(common.__contains__, a))
    return _longest_increasing(
        list(compress(range(alo, ahi), keep)), list(map(where.__getitem__, compress(a, keep)))
    )


def _once(keys: list[int]) -> set[int]:
    """The keys that occur exactly once (all of them, on a page of distinct blocks: no loop)."""
    counts = Counter(keys)
    if len(counts) == len(keys):
        return set(counts)
    return {x for x, n in counts.items() if n == 1}


def _longest_increasing(is_: list[int], js: list[int]) -> list[tuple[int, int]]:
    """The longest run of pairs (is_[k], js[k]) increasing in j (patience sorting with back
    pointers). A stretch of increasing j that starts beyond the best run's tail extends it
    whole, so a page that mostly kept its order costs one step per stretch, not per pair."""
    tails: list[int] = []  # j of the last pair of the best run of each length
    tail_at: list[int] = []  # index into the pairs of that pair
    back = [-1] * len(js)
    # stretch_end[s]: where the stretch of increasing j starting at s ends
    breaks = [*compress(count(1), map(ge, js, js[1:])), len(js)]
    # where each run of consecutive j (j, j + 1, …: blocks kept in order) ends
    steps = [*compress(count(1), map(ne, js[1:], map(add, js, repeat(1)))), len(js)]
    k = 0
    for end in breaks:
        while k < end:
            j = js[k]
            if not tails or j > tails[-1]:  # k..end-1 all extend the best run
                if tail_at:
                    back[k] = tail_at[-1]
                back[k + 1 : end] = range(k, end - 1)
                tails += js[k:end]
                tail_at += range(k, end)
                k = end
                break
            # j, j + 1, …, j + m - 1 take the slots n, n + 1, … one by one (tails are distinct
            # integers, so tails[n + t] >= j + t): one slice each, not m bisections (after a
            # block moved down the page, every block up to its new place comes this way)
            n = bisect_left(tails, j)
            stop = min(end, steps[bisect_right(steps, k)])
            if n:
                back[k] = tail_at[n - 1]
            back[k + 1 : stop] = range(k, stop - 1)
            tails[n : n + stop - k] = range(j, j + stop - k)
            tail_at[n : n + stop - k] = range(k, stop)
            k = stop
    # the best run, read back from its tail a stretch at a time: a pair whose back pointer is
    # the pair before it (most are) continues the stretch, only the others end one
    jumps = [*compress(count(), map(ne, back, range(-1, len(back) - 1)))]
    stretches = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        p = bisect_right(jumps, k)
        first = jumps[p - 1] if p else 0
        stretches.append(range(first, k + 1))
        k = back[first]
    order = [*chain.from_iterable(reversed(stretches))]
    return list(zip(map(is_.__getitem__, order), map(js.__getitem__, order), strict=True))


def _fallback(ai, bi, alo, ahi, blo, bhi) -> list[tuple[int, int]]:
    if (ahi - alo) * (bhi - blo) > FALLBACK_LIMIT:
        return []
    from difflib import SequenceMatcher

    sm = SequenceMatcher(None, ai[alo:ahi], bi[blo:bhi], autojunk=False)
    return [(alo + i + k, blo + j + k) for i, j, n in sm.get_matching_blocks() for k in range(n)]


def gaps(matches: list[tuple[int, int]], n_old: int, n_new: int):
    """The unmatched regions between matches: (old_lo, old_hi, new_lo, new_hi), page order."""
    out = []
    pi = pj = 0
    for i, j in [*matches, (n_old, n_new)]:
        if pi < i or pj < j:
            out.append((pi, i, pj, j))
        pi, pj = i + 1, j + 1
    return out
