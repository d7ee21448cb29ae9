"""The differ's pipeline: segment, align, pair, classify, order. Pure: text in, report out.

Block level first (hash alignment over the whole page), word level only inside paired blocks,
contacts only in blocks that changed (unchanged blocks hold the same contacts on both sides).
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_left
from collections import Counter
from datetime import datetime
from functools import cache
from itertools import chain, compress, count, takewhile

from tracker import dates
from tracker.differ import contacts as _contacts
from tracker.differ import numbers
from tracker.differ.align import _once as _single
from tracker.differ.align import align, gaps
from tracker.differ.counters import LABEL_MAX, counter_changes
from tracker.differ.engagement import column_engagement
from tracker.differ.hints import counts_days
from tracker.differ.media import apart_texts, chrome_texts, mark_chrome, media_changes
from tracker.differ.model import Change, Report
from tracker.differ.news import annotate, page_headings
from tracker.differ.options import DiffOptions, mask_rules
from tracker.differ.pairing import Pair, pair
from tracker.differ.reuse import block_texts_pair
from tracker.differ.segment import Block, Blocks
from tracker.differ.words import word_diff

_WORDY = re.compile(r"[^\W\d_]")  # a letter: the block has a word to be paired by


def diff(
    old: str,
    new: str,
    *,
    old_time: datetime | None = None,
    new_time: datetime | None = None,
    options: DiffOptions | None = None,
    old_page=None,
    new_page=None,
) -> Report:
    """Every difference between two captures' normalised texts, as typed changes.

    `old_page` / `new_page`: the pages' `PageStructure` (HTML captures only): adds image and
    link changes and flags changes confined to page chrome; the text report stays complete.

    The cycle collector waits until the report is made: a large page's diff allocates
    containers by the ten thousand (an index pair per block matched), each gen-0 collection
    then walks the page-sized lists still young, and a full one walks everything; that was a
    fifth of a 10 MB diff's time. The differ makes no cycles to speak of, and the collector is
    back on (if it was on) before the report is returned."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _diff(old, new, old_time, new_time, options, old_page, new_page)
    finally:
        if enabled:
            gc.enable()


def _diff(old, new, old_time, new_time, options, old_page, new_page) -> Report:
    options = options or DiffOptions()
    rules = options.compiled_ignore()
    old_texts, new_texts = block_texts_pair(old, new)
    ob, nb = Blocks(old_texts), Blocks(new_texts)
    ok = [mask_rules(t, rules) for t in old_texts] if rules else old_texts
    nk = [mask_rules(t, rules) for t in new_texts] if rules else new_texts
    matches = align(ok, nk)
    between = gaps(matches, len(ob), len(nb))
    # the date grammar reads only blocks that differ: their names seed its vocabulary
    dates.vocabulary(*(t for a, b, c, d in between for t in old_texts[a:b] + new_texts[c:d]))
    pairs = pair(ob, nb, matches, between, ok, nk)

    report = Report(old_time=old_time, new_time=new_time)
    lang = next((p.lang for p in (new_page, old_page) if p is not None and p.lang), None)
    page_mark = _page_mark(nb, lang)
    changes: list[Change] = []
    truncated = 0
    placed = _in_place(ob, nb, matches, pairs)
    for p in pairs:
        made = _changes_of(p, ob, nb, options, old_time, new_time, placed, page_mark)
        truncated += sum(1 for c in made if c.truncated)
        changes.extend(made)
    _rewritten_values(changes, page_mark)
    @cache
    def region() -> str:
        """The country of numbers written without one: asked only when a phone is parsed (then
        once: the text's numbers and the links' share it)."""
        found = options.region or _contacts.page_region(new, old) or options.region_hint
        for page in (new_page, old_page):
            found = found or _contacts.lang_region(page.lang if page is not None else None)
        return found or options.default_region

    times = (old_time, new_time)
    taken = _contacts_take_over(changes, ob, nb, matches, between, options, region, times)
    changes = taken + changes
    if truncated:
        report.notes.append(
            f"the word diff of {truncated} block pair(s) hit its time limit: edits are coarse"
        )
    report.changes = _ordered(changes, matches, len(nb))
    chrome = (chrome_texts(old_page, old_texts), chrome_texts(new_page, new_texts))
    apart = (
        apart_texts(old_page, old_texts, chrome[0]),
        apart_texts(new_page, new_texts, chrome[1]),
    )
    annotate(report.changes, ob, nb, (page_headings(old_page), page_headings(new_page)), apart)
    if old_page is not None or new_page is not None:
        mark_chrome(report.changes, old_texts, new_texts, *chrome)
        media = media_changes(old_page, new_page, old, new, region)
        # a link's contact change goes with the text's, first (`_ordered`), unless the text
        # says the same already (a number shown and linked under "Call us": one change)
        shown = {(c.type, c.old, c.new) for c in report.changes if c.kind == "contact"}
        linked = [c for c in media if c.kind == "contact" and (c.type, c.old, c.new) not in shown]
        first = sum(1 for c in report.changes if c.kind == "contact")
        report.changes[first:first] = linked
        report.changes.extend(c for c in media if c.kind != "contact")
    return report


def _counts_days(text: str) -> bool:
    """A count of days since or to an event (`hints.counts_days`: what history never learns),
    or of days relative to now ("vor 3 Tagen"): in any language."""
    return counts_days(text) or bool(dates.day_counts(text))


def _learned(block: Block, labels: set[str]) -> bool:
    return bool(labels) and (block.masked in labels or block.masked_fingerprint in labels)


def _learned_pair(o: Block, n: Block, labels: set[str]) -> bool:
    return _learned(o, labels) or _learned(n, labels)


def _changes_of(
    p: Pair, ob, nb, options: DiffOptions, old_time, new_time, placed, page_mark
) -> list[Change]:
    o = ob[p.old] if p.old is not None else None
    n = nb[p.new] if p.new is not None else None
    ends = dict(old_block=p.old, new_block=p.new)
    texts = dict(old=o.text if o else None, new=n.text if n else None)
    times = (old_time, new_time)
    if p.kind == "volatile":
        # a date widget that moved a deadline, unless history learned the line is noise
        moved = _moved_reason(p, o, n, times, placed, p.reason) if o and n else None
        if moved and not _learned_pair(o, n, options.volatile_labels):
            return [_date_moved(o.text, n.text, options, texts, ends, moved)]
        return [Change("volatile", reason=p.reason, **texts, **ends)]
    if (
        p.kind != "moved"
        and options.volatile_labels
        and any(b is not None and _learned(b, options.volatile_labels) for b in (o, n))
    ):
        # learned noise, except a count of days: its schedule is the point of watching it
        if not any(b is not None and _counts_days(b.text) for b in (o, n)):
            return [Change("volatile", reason="learned", **texts, **ends)]
    if p.kind in ("counter", "rewritten"):
        # a pair whose every difference lies inside dates and times: noise, never an alert
        change = dates.date_change(o.text, n.text)
        reason = change if change in dates.STAMP_CHANGES else None
        moved = _moved_reason(p, o, n, times, placed, reason)
        if moved:
            return [_date_moved(o.text, n.text, options, texts, ends, moved)]
        if reason:
            return [Change("volatile", reason=reason, **texts, **ends)]
        if p.kind == "counter" and change == "period":
            return [_date_moved(o.text, n.text, options, texts, ends)]  # a period or deadline
        if p.kind == "counter" and change == "hours":
            return [_date_moved(o.text, n.text, options, texts, ends, "time")]  # opening hours
    if p.kind == "counter":
        made = counter_changes(
            o.text, n.text, old_time, new_time, page_mark, p.reason != "list number"
        )
        for c in made:
            c.old_block, c.new_block = p.old, p.new
        if " | " in n.text:
            _column_counts(made, n.text, nb, p.new)
        read = _numbers_read(made, texts, ends, options)
        return _or_date_moved(read, p, o, n, times, placed, options, texts, ends)
    if p.kind == "rewritten":
        # a stamp that changed form beside numbers that moved ("3 hours ago · 12 comments" →
        # "2 days ago · 15 comments"): the numbers, read as a counter pair's
        again = dates.restamped(o.text, n.text)
        if again is not None and numbers.mask(again) == n.masked:
            made = counter_changes(again, n.text, old_time, new_time, page_mark)
            for c in made:
                c.old_block, c.new_block = p.old, p.new
            read = _numbers_read(made, texts, ends, options)
            return _or_date_moved(read, p, o, n, times, placed, options, texts, ends)
        if "[" in o.text + n.text and numbers.without_references(
            o.text
        ) == numbers.without_references(n.text):
            # only footnote markers relettered ("[a]" → "[b]"), added or dropped: not content
            return [Change("volatile", reason="reference", **texts, **ends)]
        edits, truncated = _word_diff(o.text, n.text, options)
        # the same words and values, numbers written another way ("60 €" → "€ 60,-"): noise (a
        # counter pair, numbers in the same places, says so number by number: a delta of 0)
        writing = edits is None or numbers.writing_only(
            "".join(t for op, t in edits if op == "-"), "".join(t for op, t in edits if op == "+")
        )
        if writing and numbers.same_values(o.text, n.text, page_mark):
            return [Change("volatile", reason="format", **texts, **ends)]
        return [Change("rewritten", edits=edits, truncated=truncated, **texts, **ends)]
    return [Change(p.kind, **texts, **ends)]


_ROWS_ABOVE = 60  # how far above a row its table's header is looked for
_MASKED_SLOT = re.compile(rf"#|{numbers.NUMBER.pattern}")


def _column_counts(made: list[Change], row: str, nb, at: int) -> None:
    """A table row's figures that lie in a column headed "Views", "조회", "Просмотры"…
    (`engagement.column_engagement`): engagement counts, as the same number labelled in its
    own cell would be."""
    if len(row) > LABEL_MAX:
        return  # a change's index counts the numbers of its line, not of the row
    # a change's index counts the "#"s of the masked line: a "#" the row holds is one too
    starts = [m.start() for m in _MASKED_SLOT.finditer(row)]
    above = (nb.texts[k] for k in range(at - 1, max(-1, at - _ROWS_ABOVE), -1))
    rows = list(takewhile(lambda t: " | " in t, above))
    for c in made:
        if c.reason is None and rows and c.index < len(starts):
            if column_engagement(row, rows, starts[c.index]):
                c.reason = "engagement"


def _stamps_only(old: str, new: str, times: tuple) -> str | None:
    """`dates.only_dates_differ`, but None when a date that changed is a fact (a deadline
    moved: `dates.moved_fact`): a phone written anew beside it must not hide it."""
    reason = dates.only_dates_differ(old, new)
    return None if reason == "date" and _moved_fact(old, new, times) else reason


def _moved_fact(old: str, new: str, times: tuple) -> bool:
    """`dates.moved_fact` at the captures' own days; never when a capture time is unknown."""
    old_time, new_time = times
    if old_time is None or new_time is None:
        return False
    return dates.moved_fact(old, new, old_time.date(), new_time.date())


def _date_fact(p: Pair, old: str, new: str, times: tuple, placed) -> bool:
    """Whether a pair that differs only in dates moved a deadline or an event's day (a fact)
    rather than the page's own stamps, which follow the captures (`dates.moved_fact`); and is
    one line that stayed in place or is alone of its kind (`placed`), not the date lines of two
    items, one replacing the other (a news list's), paired for their likeness."""
    return _moved_fact(old, new, times) and placed(p.old, p.new)


def _in_place(ob: Blocks, nb: Blocks, matches, pairs: list[Pair]):
    """Whether the blocks of a pair (i, j) stayed in place: a neighbour, above or below, is one
    block on both sides (aligned, or paired) that its page holds once (not a repeated "View
    article" of a news list), or the page's start or end is. Read when a moved date first asks
    (the sets are as large as the page)."""
    memo: list[set] = []

    def placed(i: int, j: int) -> bool:
        if not memo:
            once_old = _once(ob.texts)
            once_new = _once(nb.texts)
            both = chain(matches, ((p.old, p.new) for p in pairs))
            known = {
                (a, b)
                for a, b in both
                if a is not None and b is not None and a in once_old and b in once_new
            }
            known.update(((-1, -1), (len(ob), len(nb))))
            memo.append(known)
        if (i - 1, j - 1) in memo[0] or (i + 1, j + 1) in memo[0]:
            return True
        # moved, and edited on the way: still one paragraph when no other block of either
        # page reads as it does outside its dates (a news list's date lines are alike)
        return _alone(ob, i) and _alone(nb, j)

    return placed


def _alone(blocks: Blocks, i: int) -> bool:
    """Whether block i is the one block of its page whose words outside dates
    (`dates.skeleton`) are its own: read only on the blocks that start with its first word."""
    key = blocks[i].skeleton
    if not key:
        return False
    head = key.partition(" ")[0]
    same = (t for t in blocks.texts if dates.skeleton_head(t) == head)
    return sum(dates.skeleton(t) == key for t in same) == 1


def _moved_reason(p: Pair, o, n, times, placed, dated: str | None) -> str | None:
    """What moved as a fact in a pair whose differences lie in dates and times (`dated`: the
    pair's `only_dates_differ` reason): "date" (a deadline), "time" (a time in a sentence), or
    None (stamps and clocks: noise)."""
    if dated == "date" and _date_fact(p, o.text, n.text, times, placed):
        return "date"
    if dated in ("clock", "date") and dates.moved_time(o.text, n.text, *times):
        return "time"
    return None


def _or_date_moved(read, p, o, n, times, placed, options, texts, ends) -> list[Change]:
    """`read` (a pair's numbers, read), unless it is all noise while a date of the pair moved as
    a fact: a deadline moved beside a view count, a stamp or an amount written anew must not be
    lost as that noise."""
    if not all(c.kind == "volatile" for c in read):
        return read
    if _date_fact(p, o.text, n.text, times, placed):
        return [_date_moved(o.text, n.text, options, texts, ends)]
    # opening hours or a lone time in a sentence that moved beside a view count
    reason = dates.span_changed(o.text, n.text)
    if reason is None and dates.moved_time(o.text, n.text, *times):
        reason = "time"
    if reason is not None:
        return [_date_moved(o.text, n.text, options, texts, ends, reason)]
    return read


def _date_moved(
    old: str, new: str, options: DiffOptions, texts: dict, ends: dict, reason: str = "date"
) -> Change:
    """A moved deadline or event day (reason `date`), or a time of day in a sentence (reason
    `time`: "closes at 5pm" → "3pm"): a rewrite that alerts like any other."""
    edits, truncated = _word_diff(old, new, options)
    return Change("rewritten", edits=edits, truncated=truncated, reason=reason, **texts, **ends)


def _once(texts: list[str]) -> set[int]:
    """The indexes of the blocks whose text no other block of the page has (the texts
    `align._once` finds, by place: one count of the page, as the alignment's)."""
    single = _single(texts)
    return set(compress(count(), map(single.__contains__, texts)))


def _word_diff(old: str, new: str, options: DiffOptions) -> tuple[list | None, bool]:
    if not options.word_edits:
        return None, False
    return word_diff(old, new, options.word_timeout)


def _page_mark(blocks: Blocks, lang: str | None = None):
    """The new page's decimal mark, worked out once and only when a number needs it; `lang`
    its `<html lang>`, if any."""
    memo: list = []

    def mark() -> str | None:
        if not memo:
            memo.append(numbers.page_mark("\n\n".join(blocks.texts[:2000]), lang))
        return memo[0]

    return mark


def _numbers_read(made: list[Change], texts: dict, ends: dict, options) -> list[Change]:
    """The numbers of one block pair, read: a version change is a rewrite (reason `version`),
    engagement counts are noise (reason `engagement`), a number that kept its value is noise
    (reason `format`), a countdown of hours and minutes ticking is noise (reason `clock`), a
    shifted list number alone is noise (reason `numbering`), a stamp's
    count of days that was renewed is noise (reason `date`), every other number is a counter.
    When facts and noise change in one block, the counters claim the block pair and the noise
    is listed beside."""
    if any(c.reason == "version" for c in made):
        edits = numbers.number_edits(texts["old"], texts["new"])
        truncated = False
        if edits is None:
            edits, truncated = _word_diff(texts["old"], texts["new"], options)
        return [
            Change("rewritten", edits=edits, truncated=truncated, reason="version", **texts, **ends)
        ]
    facts = [c for c in made if c.reason is None]
    noise = [
        r for r in ("engagement", "format", "date", "clock") if any(c.reason == r for c in made)
    ]
    if not facts:
        reason = (noise or ["engagement"])[0]
        if not made:  # nothing counted: a list number, maybe beside a date stamp
            old, new = numbers.mask_ordinal(texts["old"]), numbers.mask_ordinal(texts["new"])
            if old == new:
                reason = "numbering"
            elif numbers.without_references(old) == numbers.without_references(new):
                reason = "reference"  # a footnote marker renumbered
            else:
                reason = dates.only_dates_differ(old, new) or reason
        return [Change("volatile", reason=reason, **texts, **ends)]
    facts += [Change("volatile", reason=r, **texts) for r in noise]
    return facts


def _rewritten_values(changes: list[Change], page_mark) -> None:
    """Replace, in place, each removed and added block that differ only in how their numbers
    are written ("60 €" → "€ 60,-": no word pairs them) by one `volatile` change, reason
    "format". Only blocks without a word: blocks with the same words paired as rewritten. They
    meet by their shape first (`numbers.value_shape`), then by their values."""
    # amounts with a currency's name ("129,99 zł" → "129,99 PLN"): its names as one sign, read
    # only when both sides hold such a block (CLDR's names cost a read of Babel's data)
    lone = [
        c
        for c in changes
        if c.kind in ("removed", "added") and numbers.amounts_only(c.new or c.old or "")
    ]
    both = {c.kind for c in lone} == {"removed", "added"} and any(
        _WORDY.search(c.new or c.old or "") for c in lone
    )
    signed = {id(c): numbers.currency_signed(c.new or c.old or "") for c in lone if both}
    shapes: dict[str, list[Change]] = {}
    for c in changes:
        if c.kind == "removed" and (shape := _wordless_shape(signed.get(id(c), c.old))) is not None:
            shapes.setdefault(shape, []).append(c)
    if not shapes:
        return

    def key(text: str) -> str:
        mark = numbers.decimal_mark(text)
        if mark is None and any(map(numbers.ambiguous, numbers.NUMBER.findall(text))):
            mark = page_mark()
        return numbers.values_key(text, mark)  # no mark: `value` reads by shape and block

    by_key: dict[str, dict[str, list[Change]]] = {}
    made: list[Change] = []
    taken: set[int] = set()
    for c in changes:
        shape = _wordless_shape(signed.get(id(c), c.new)) if c.kind == "added" else None
        if shape not in shapes:
            continue
        if shape not in by_key:
            by_key[shape] = {}
            for gone in shapes[shape]:
                by_key[shape].setdefault(key(signed.get(id(gone), gone.old)), []).append(gone)
        olds = by_key[shape].get(key(signed.get(id(c), c.new)))
        if olds:
            gone = olds.pop(0)
            ends = dict(old_block=gone.old_block, new_block=c.new_block)
            made.append(Change("volatile", reason="format", old=gone.old, new=c.new, **ends))
            taken.update((id(gone), id(c)))
    if made:
        changes[:] = [c for c in changes if id(c) not in taken] + made


def _wordless_shape(text: str) -> str | None:
    return None if _WORDY.search(text) else numbers.value_shape(text)


def _contacts_take_over(
    changes, ob, nb, matches, between, options, region, times
) -> list[Change]:
    """Contact changes, each taking over the block changes it fully explains (a phone line
    that now shows another number is one contact change, not also a counter or a rewrite).
    `region()`: the country of numbers written without one."""
    old_idx, new_idx = _changed(ob.texts, nb.texts, matches, between, bool(options.ignore))
    changed_old = [ob[i] for i in old_idx]
    changed_new = [nb[j] for j in new_idx]
    # each block folded once (full-width forms read as ASCII) for all that is looked for in it
    folded_old = [_contacts.fold(b.text) for b in changed_old]
    folded_new = [_contacts.fold(b.text) for b in changed_new]
    # a phone window found alike on both sides parses alike: only the difference is parsed
    at_old = list(map(_contacts.windows_at, [b.text for b in changed_old], folded_old))
    at_new = list(map(_contacts.windows_at, [b.text for b in changed_new], folded_new))
    windows_old = Counter(w for ws in at_old for w, _ in ws)
    windows_new = Counter(w for ws in at_new for w, _ in ws)
    wanted = set((windows_old - windows_new) + (windows_new - windows_old))
    found_old: dict[int, list[_contacts.Contact]] = {}
    found_new: dict[int, list[_contacts.Contact]] = {}
    country = region() if wanted else options.default_region  # without windows, no phone
    sides = (
        (changed_old, folded_old, at_old, found_old),
        (changed_new, folded_new, at_new, found_new),
    )
    for blocks, folded, at, found in sides:
        for b, f, ws in zip(blocks, folded, at, strict=True):
            hidden = None  # maybe_obfuscated, asked once: `find` asks it unless told
            if not (ws or "@" in f or "protected" in b.text):  # `f` reads "＠" as "@"
                hidden = _contacts.maybe_obfuscated(f)
                if not hidden:
                    continue
            hits = _contacts.find(b.text, country, wanted, ws, hidden, f)
            if hits:
                found[b.index] = hits
    # per block, however many contacts it holds: its text without them, and whether that
    # leaves nothing but punctuation (once per contact, both were quadratic)
    bare_old: dict[int, str] = {}
    bare_new: dict[int, str] = {}
    only: dict[tuple[int, int], bool] = {}

    def bare(cache: dict[int, str], blocks, found, i: int) -> str:
        if i not in cache:
            cache[i] = _contacts.without(blocks[i].text, found[i])
        return cache[i]

    _reformatted(
        changes,
        ob,
        nb,
        found_old,
        found_new,
        lambda i: bare(bare_old, ob, found_old, i),
        lambda j: bare(bare_new, nb, found_new, j),
        times,
    )
    olds = [_contacts.Found(c, i) for i in sorted(found_old) for c in found_old[i]]
    news = [_contacts.Found(c, j) for j in sorted(found_new) for c in found_new[j]]
    compared = _contacts.compare(olds, news)
    if not compared:
        return []
    by_old: dict[int, list[Change]] = {}
    by_new: dict[int, list[Change]] = {}
    for c in changes:
        if c.kind in ("volatile", "moved"):
            continue
        if c.old_block is not None:
            by_old.setdefault(c.old_block, []).append(c)
        if c.new_block is not None:
            by_new.setdefault(c.new_block, []).append(c)
    out = []
    claimed: set[int] = set()  # ids of the block changes a contact change took over
    taken_old: set[int] = set()  # blocks a contact change took over: every contact of them
    taken_new: set[int] = set()  # sits there (not only the first, which did the taking)

    def only_contacts(side: int, i: int) -> bool:
        if (side, i) not in only:
            where = (bare_old, ob, found_old) if side == 0 else (bare_new, nb, found_new)
            only[side, i] = _contacts.only_contacts(bare(*where, i))
        return only[side, i]

    for type_, change, a, b in compared:
        cc = Change(
            "contact",
            type=type_,
            change=change,
            old=a.contact.value if a else None,
            new=b.contact.value if b else None,
        )
        out.append(cc)
        i, j = (a.block if a else None), (b.block if b else None)
        held_old = by_old.get(i, []) if i is not None else []
        held_new = by_new.get(j, []) if j is not None else []
        # one block pair (counter or rewritten) that differs only in its contacts (and in a
        # date stamp beside them: `Tel. … (updated 6 May)`)
        if held_old and held_new and held_old[0] is held_new[0]:
            bare_i, bare_j = bare(bare_old, ob, found_old, i), bare(bare_new, nb, found_new, j)
            reason = None if bare_i == bare_j else dates.only_dates_differ(bare_i, bare_j)
            if bare_i == bare_j or reason:
                _claim(claimed, held_old, by_old, by_new)
                taken_old.add(i)
                taken_new.add(j)
                if reason == "date" and _moved_fact(bare_i, bare_j, times):
                    # the number changed and a deadline moved beside it: both are shown
                    texts = dict(old=ob[i].text, new=nb[j].text)
                    moved = _date_moved(texts["old"], texts["new"], options, texts, {})
                    moved.old_block, moved.new_block = i, j
                    out.append(moved)
        elif (
            # a removed and an added block that differ only in their contacts: the new writing
            # (`ext. 214` → `, extension 215`) kept them from pairing
            len(held_old) == len(held_new) == 1
            and (held_old[0].kind, held_new[0].kind) == ("removed", "added")
            and bare(bare_old, ob, found_old, i) == bare(bare_new, nb, found_new, j)
        ):
            _claim(claimed, held_old + held_new, by_old, by_new)
            taken_old.add(i)
            taken_new.add(j)
        else:
            # a removed / added block that holds nothing but contacts
            if len(held_old) == 1 and held_old[0].kind == "removed":
                if only_contacts(0, i):
                    _claim(claimed, held_old, by_old, by_new)
                    taken_old.add(i)
            if len(held_new) == 1 and held_new[0].kind == "added":
                if only_contacts(1, j):
                    _claim(claimed, held_new, by_old, by_new)
                    taken_new.add(j)
        # a block taken over, by this contact or by another contact in it, holds this one (the
        # first contact of a block used to be the only one placed: the dead `held_old is
        # held_new` test was meant to catch the pair a sibling contact had already taken)
        if i in taken_old:
            cc.old_block = i
        if j in taken_new:
            cc.new_block, cc.text = j, nb[j].text
    if claimed:
        changes[:] = [c for c in changes if id(c) not in claimed]
    return out


def _reformatted(
    changes: list[Change], ob, nb, found_old, found_new, bare_old, bare_new, times
) -> None:
    """Replace, in place, each block change whose only difference is how the same contacts
    are written (`+1 (415) 555-0199` → `415.555.0199`) by one `volatile` change, reason
    "format": a rewritten or counter pair, or a removed and an added block (the new writing
    can keep the two from pairing). Its contacts are equal, so no contact change comes of it.
    A pair whose text without its contacts differs only in dates (`Tel. +44 1233 331111 (updated
    6 May)` → `Tel. 01233 331111 (updated 7 May)`) is a date stamp: `volatile` with the date's
    reason. `bare_old` / `bare_new`: a block's text without its contacts (once per block)."""

    def key(bare, found, i):
        hits = found.get(i)
        return None if not hits else (bare(i), tuple(c.value for c in hits))

    pairs: dict[tuple[int, int], list[Change]] = {}
    removed: dict[tuple, list[Change]] = {}
    made: list[Change] = []
    taken: set[int] = set()
    for c in changes:
        if c.kind in ("rewritten", "counter") and c.old_block in found_old:
            pairs.setdefault((c.old_block, c.new_block), []).append(c)
        elif c.kind == "removed" and c.old_block in found_old:
            removed.setdefault(key(bare_old, found_old, c.old_block), []).append(c)
    for (i, j), held in pairs.items():
        if j is None:
            continue
        old_key, new_key = key(bare_old, found_old, i), key(bare_new, found_new, j)
        if old_key == new_key:
            made.append(_format_change(ob[i].text, nb[j].text, i, j))
            taken.update(id(c) for c in held)
        elif new_key is not None and old_key[1] == new_key[1]:
            reason = _stamps_only(old_key[0], new_key[0], times)
            if reason:
                made.append(_format_change(ob[i].text, nb[j].text, i, j, reason))
                taken.update(id(c) for c in held)
    for c in changes:
        if c.kind == "added" and c.new_block in found_new:
            olds = removed.get(key(bare_new, found_new, c.new_block))
            if olds:
                gone = olds.pop(0)
                made.append(_format_change(gone.old, c.new, gone.old_block, c.new_block))
                taken.update((id(gone), id(c)))
    if made:
        changes[:] = [c for c in changes if id(c) not in taken] + made


def _format_change(old, new, i: int, j: int, reason: str = "format") -> Change:
    return Change("volatile", reason=reason, old=old, new=new, old_block=i, new_block=j)


def _changed(ot, nt, matches, between, masked: bool) -> tuple[list[int], list[int]]:
    """The indexes of the blocks not matched to an equal block: the unmatched stretches, plus
    (when ignore rules masked the texts before alignment) matched blocks whose texts differ."""
    old: list[int] = []
    new: list[int] = []
    for a0, a1, b0, b1 in between:
        old += range(a0, a1)
        new += range(b0, b1)
    differ = [(i, j) for i, j in matches if ot[i] != nt[j]] if masked else []
    if differ:
        old = sorted(old + [i for i, _ in differ])
        new = sorted(new + [j for _, j in differ])
    return old, new


def _claim(claimed: set[int], held: list[Change], by_old, by_new) -> None:
    for c in list(held):
        claimed.add(id(c))
        if c.old_block is not None:
            by_old.pop(c.old_block, None)
        if c.new_block is not None:
            by_new.pop(c.new_block, None)


def _ordered(changes: list[Change], matches, n_new: int) -> list[Change]:
    """contact, counter, then block changes in page order, then volatile."""

    def insert_at(i: int) -> int:
        """Where old block i would sit in the new page: after the new match of the last match
        above it."""
        k = bisect_left(matches, (i,))
        return matches[k - 1][1] + 1 if k else 0

    def place(c: Change) -> tuple:
        if c.new_block is not None:
            return (c.new_block, 1, c.old_block if c.old_block is not None else -1)
        if c.old_block is not None:
            return (insert_at(c.old_block), 0, c.old_block)
        return (n_new, 2, 0)

    rank = {"contact": 0, "counter": 1, "volatile": 3}
    return sorted(changes, key=lambda c: (rank.get(c.kind, 2), place(c)))
