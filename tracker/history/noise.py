"""Noise learned from history: blocks that change in (nearly) every capture of a source.

A block is known by its shape (its text with numbers masked, as the differ masks it). A shape
present in consecutive captures whose text differs in at least `RATIO` of those pairs, over at
least `MIN_PAIRS` pairs, is a widget (a clock, a view count), not news, and stays one as the
history grows. Day counters are never
learned: they tick every day too, but whether they tick on schedule is the point.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from tracker.differ.hints import counts_days
from tracker.differ.numbers import mask
from tracker.differ.segment import _digest, block_texts
from tracker.history.cache import DIFFER_VERSION, Cache

MIN_PAIRS = 3
RATIO = 0.8


@dataclass(frozen=True)
class LearnedRule:
    """A block the history shows changing at nearly every capture: noise, with the counts that
    made it so."""

    label: str  # the block's text with numbers masked: what DiffOptions.volatile_labels holds
    changed: int  # consecutive pairs in which it changed
    seen: int  # consecutive pairs in which it was present in both

    def to_dict(self) -> dict:
        return {"label": self.label, "changed": self.changed, "seen": self.seen}


def shapes(text: str, recent: dict | None = None) -> dict[str, str]:
    """{masked label: fingerprint} for the blocks whose label occurs once on the page and
    holds a number and a word (`_widget_like`): the only ones `learn` looks at, so a page's
    long paragraphs are neither fingerprinted, kept, sent back by a worker nor cached.

    `recent`: the previous capture's blocks, {text: (label, fingerprint)}, replaced by this
    one's; consecutive captures share most blocks, so most are settled by a dict lookup and
    only the blocks that changed are masked and hashed."""
    counts = Counter()
    out: dict[str, str] = {}
    now: dict[str, tuple[str | None, str | None]] = {}
    for text_ in block_texts(text):  # texts, not Blocks: none kept per block of a large page
        known = recent.get(text_) if recent is not None else None
        if known is None:
            masked = None if counts_days(text_) else mask(text_)
            if masked is None or not _widget_like(masked):
                known = (None, None)
            else:
                known = (masked, _digest(text_))
        now[text_] = known
        masked, fp = known
        if masked is None:
            continue
        counts[masked] += 1
        out[masked] = fp
    if recent is not None:
        recent.clear()
        recent.update(now)
    return {label: fp for label, fp in out.items() if counts[label] == 1}


def learn(history: list[dict[str, str]]) -> list[LearnedRule]:
    """Rules from per-capture shapes, oldest first; only shapes holding a number and a word
    qualify.

    Learning is monotone as the history grows: once a shape present in both captures of at
    least `MIN_PAIRS` consecutive pairs has changed in `RATIO` of them, it stays learned however
    many quiet pairs follow (a view count that rests for a week is still a view count), so a
    stored pair never flips back from noise to a change."""
    seen: Counter = Counter()
    changed: Counter = Counter()
    learned: set[str] = set()
    widget_like: dict[str, bool] = {}  # a history repeats its labels: each one looked at once
    for before, after in zip(history, history[1:], strict=False):
        for label, fp in after.items():
            if label not in before:
                continue
            like = widget_like.get(label)
            if like is None:
                like = widget_like[label] = _widget_like(label)
            if like:
                seen[label] += 1
                changed[label] += before[label] != fp
                if seen[label] >= MIN_PAIRS and changed[label] >= RATIO * seen[label]:
                    learned.add(label)
    return [LearnedRule(label, changed[label], seen[label]) for label in sorted(learned)]


def _widget_like(label: str) -> bool:
    """A shape that holds a number and a word: a bare number or date block ("#", "#.#.#") says
    nothing of what it is (an article's date, a price), so one that happened to change in a few
    pairs must not be taken for a widget for good."""
    return "#" in label and any(ch.isalpha() for ch in label)


def history_shapes(store, source: str, cache: Cache | None = None) -> list[dict[str, str]]:
    """Shapes of the good captures: an error page between two captures holds none of the
    page's blocks, so pairs are taken across it, as comparisons are. Captures not cached are
    read and segmented on every core (tracker.fork)."""
    from tracker.fork import ordered_map
    from tracker.pipeline import capture_status, remember_status

    own = cache is None
    cache = cache or Cache(store.cache_dir)
    try:
        sel = store.selection_key(source)
        cache.prefetch(f"status:{DIFFER_VERSION}:")
        cache.prefetch(f"shapes:{DIFFER_VERSION}:{sel}")
        captures = store.captures(source)
        found: list[dict[str, str] | None] = []
        todo: list[int] = []
        one: dict[str, str] = {}  # each label and fingerprint held once, however many captures

        def shared(value: dict[str, str]) -> dict[str, str]:
            return {one.setdefault(k, k): one.setdefault(v, v) for k, v in value.items()}

        for i, info in enumerate(captures):
            value = cache.get(f"shapes:{DIFFER_VERSION}:{sel}{info.sha256}")
            value = None if value is None else shared(value)
            if value is None:
                todo.append(i)  # its status is worked out with its shapes
            elif capture_status(store, info, cache=cache).error:
                value = None  # the same bytes, with sidecar facts that make it an error page
            found.append(value)
        for i, (status, raw, edited, warnings) in zip(
            todo, ordered_map(_capture_shapes, (store, captures), todo), strict=True
        ):
            info = captures[i]
            for message in warnings:
                store.warn(message)
            # edited bytes are not their sha256's: their status is kept for this run only
            remember_status(store, info, status, None if edited else cache)
            found[i] = None if raw is None else shared(json.loads(raw))
            # read and checked against its sha256 in a worker: the comparisons' workers, forked
            # from this process, need not check it again
            store.note_checked([info.path], [info.path] if edited else [])
            if raw is not None and not edited and not store.tampered:
                cache.put_raw(f"shapes:{DIFFER_VERSION}:{sel}{info.sha256}", raw)
        return [value for value in found if value is not None]
    finally:
        if own:
            cache.close()


_recent: dict = {}  # the blocks of the capture this process read last (see `shapes`)


def _capture_shapes(state, i: int):
    """(status, shapes or None for an error page, edited?, warnings to print) of one capture,
    read once (run in a worker process)."""
    from tracker.fork import quiet, said
    from tracker.pipeline import capture_status

    store, captures = state
    quiet(store)
    info = captures[i]
    data = store.read_bytes(info)
    whole = store.read_text(info, data, whole=True)
    status = capture_status(store, info, whole)
    if status.error:
        return status, None, info.path in store.tampered, said()
    selected = any(store.selection(info.source))
    value = shapes(store.read_text(info, data) if selected else whole, _recent)
    edited = info.path in store.tampered
    return status, json.dumps(value), edited, said()


def learned_rules(store, source: str, cache: Cache | None = None) -> list[LearnedRule]:
    """The rules for the history as it is now, cached under a hash of its capture sequence, so
    a `diff` on a long history costs one lookup, not one per capture."""
    import hashlib

    own = cache is None
    cache = cache or Cache(store.cache_dir)
    try:
        if len(store.captures(source)) <= MIN_PAIRS:  # too few pairs to learn anything from
            return []
        sequence = "".join(info.sha256 for info in store.captures(source))
        digest = hashlib.sha256(sequence.encode()).hexdigest()
        sel = store.selection_key(source)
        key = f"learned-stable:{DIFFER_VERSION}:{sel}{digest}"
        value = cache.get(key)
        if value is None:
            value = [r.to_dict() for r in learn(history_shapes(store, source, cache))]
            if not store.tampered:
                cache.put(key, value)
        return [LearnedRule(**r) for r in value]
    finally:
        if own:
            cache.close()


def learned_labels(store, source: str, cache: Cache | None = None) -> set[str]:
    """The labels to pass as DiffOptions.volatile_labels, minus those the rules un-learn."""
    return {r.label for r in learned_rules(store, source, cache)}
