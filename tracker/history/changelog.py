"""The changelog: each capture against the one before it, summarised by kind, with highlights.

A 10,000-capture history must not be re-diffed on every call, so each pair's summary is cached
by the two captures' sha256 and days (a days counter is checked against them), the differ's
version and the options (rules, learned noise); the whole changelog of a source is also kept
under a digest of everything it depends on, so an unchanged history is one cache read and no
differ at all. Pairs not cached are diffed on every core (history.pool).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.history.cache import DIFFER_VERSION, Cache
from tracker.models import CaptureInfo

if TYPE_CHECKING:
    from tracker.differ.model import Report


def filter_kinds() -> tuple[str, ...]:
    """The differ's kinds, with counter anomalies selectable on their own (`log --only`)."""
    from tracker.differ.model import KINDS

    return tuple(
        k for kind in KINDS for k in ((kind, "counter-anomaly") if kind == "counter" else (kind,))
    )


@dataclass
class Entry:
    info: CaptureInfo
    previous: CaptureInfo | None
    summary: dict[str, int] | None  # kind -> count; None for the first capture
    highlights: list[dict] | None  # Change dicts, the ones a reader must see
    notes: list[str]

    @property
    def days(self) -> int | None:
        if self.previous is None:
            return None
        return (self.info.captured_at.date() - self.previous.captured_at.date()).days

    @property
    def noise_only(self) -> bool:
        return self.summary is not None and set(self.summary) <= {"volatile"}

    def kinds(self) -> set[str]:
        kinds = set(self.summary or {})
        if any(
            h["kind"] == "counter" and h.get("on_schedule") is False for h in self.highlights or ()
        ):
            kinds.add("counter-anomaly")
        return kinds

    def to_dict(self) -> dict:
        return {
            "id": self.info.id,
            "captured_at": self.info.captured_at.isoformat(),
            "previous": self.previous.id if self.previous else None,
            "days": self.days,
            "summary": self.summary,
            "highlights": self.highlights,
            "notes": self.notes,
        }


def highlights(report: Report) -> list[dict]:
    """Contacts, counters, and one entry per group of added/removed/rewritten blocks (a news
    item or an article is one highlight however many paragraphs it has), with its `role`
    ("article", "news", "text") and `paragraphs`, long texts shortened."""
    from tracker.differ.items import groups, role

    out: list[dict] = []
    for c in report.changes:
        if c.kind in ("status", "contact", "counter"):
            out.append(_trim(c.to_dict()))
    for kind in ("added", "removed", "rewritten"):
        for group in groups([c for c in report.changes if c.kind == kind]):
            d = _trim(group[0].to_dict())
            d["role"] = role(group)
            d["paragraphs"] = len(group)
            out.append(d)
    # removed or replaced images, removed or retargeted links outside page chrome: what alerts
    for c in report.changes:
        if c.kind in ("image", "link") and c.action != "added" and not c.chrome:
            out.append(_trim(c.to_dict()))
    return out


def _trim(d: dict) -> dict:
    for key in ("old", "new", "title"):
        if isinstance(d.get(key), str) and len(d[key]) > 300:
            d[key] = d[key][:299] + "…"
    d.pop("edits", None)
    return d


def _options_key(options) -> str:
    raw = json.dumps(
        [
            sorted(map(str, options.ignore)),
            sorted(options.volatile_labels),
            options.default_region,
            options.region,
            options.region_hint,
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def changelog(
    store,
    source: str,
    *,
    indices: list[int] | None = None,
    options=None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Entry]:
    """The captures of `source` at `indices` (default: all), oldest first, each with its
    summary against the capture just before it in the whole history (its content against the
    last good capture when error pages came between)."""
    from tracker.history.pool import ordered_map
    from tracker.pipeline import capture_status, diff_options, good_base, revert_notes, went_back

    cache = Cache(store.cache_dir)
    try:
        if options is None:
            options = diff_options(store, source, cache=cache)
        okey = _options_key(options) + getattr(store, "selection_key", lambda s: "")(source)
        captures = store.captures(source)
        back = went_back(captures)
        wanted = range(len(captures)) if indices is None else indices
        cache.prefetch(f"status:{DIFFER_VERSION}:")
        cache.prefetch(f"pair:{DIFFER_VERSION}:{okey}:")
        plan: list[tuple[int, CaptureInfo | None, str | None, dict | None]] = []
        for i in wanted:
            if i == 0:
                plan.append((i, None, None, None))
                continue
            named, info = captures[i - 1], captures[i]
            previous, skipped = good_base(store, source, named, info, cache)
            status = capture_status(store, named, cache=cache).label
            key = (
                f"pair:{DIFFER_VERSION}:{okey}:{previous.sha256}:{info.sha256}:"
                f"{previous.captured_at.date()}:{info.captured_at.date()}:"
                f"{status}:{','.join(c.id for c in skipped)}"
            )
            plan.append((i, previous, key, cache.get(key)))
        done = 0
        for i, _, _, value in plan:
            if value is not None or i == 0:
                done += 1
                if progress:
                    progress(done, len(plan))
        missing = [i for i, _, _, value in plan if value is None and i > 0]
        keys = {i: key for i, _, key, _ in plan}
        computed = {}
        state = (store, source, captures, options)
        for i, (raw, tampered) in zip(
            missing, ordered_map(_pair_value, state, missing), strict=True
        ):
            computed[i] = json.loads(raw)
            if tampered:
                _tampered(store, tampered)
            elif not getattr(store, "tampered", None):  # never cache what edited bytes gave
                cache.put_raw(keys[i], raw)
            done += 1
            if progress:
                progress(done, len(plan))
        entries: list[Entry] = []
        for i, previous, _, value in plan:
            info = captures[i]
            if previous is None:
                entries.append(Entry(info, None, None, None, []))
                continue
            value = value if value is not None else computed[i]
            notes = value["notes"] + revert_notes(previous, info, back[i])
            entries.append(Entry(info, previous, value["summary"], value["highlights"], notes))
        return entries
    finally:
        cache.close()


def _pair_value(state, i: int) -> tuple[str, list[str]]:
    """One pair's summary as the cache holds it, JSON (run in a worker process), and the
    captures it found edited."""
    from tracker.pipeline import compare_pair

    store, source, captures, options = state
    _, report = compare_pair(
        store, source, captures[i - 1], captures[i], options, None, history=False
    )
    value = {"summary": report.summary(), "highlights": highlights(report), "notes": report.notes}
    edited = getattr(store, "tampered", None) or ()
    return json.dumps(value), [c.path for c in (captures[i - 1], captures[i]) if c.path in edited]


def _tampered(store, paths: list[str]) -> None:
    """What a worker found edited, known to the parent too: never cached, warned once."""
    store.tampered.update(paths)
    getattr(store, "_checked", set()).update(paths)


def history_digest(store, source: str, captures: list[CaptureInfo]) -> str:
    """Everything a source's changelog depends on: every capture's bytes (sha256), time,
    sidecar facts, the source's rules and selectors, the differ's version."""
    from dataclasses import asdict

    rules = asdict(store.config.rules.for_source(source))
    raw = json.dumps(
        [
            DIFFER_VERSION,
            rules,
            store.selection_key(source),
            [
                [c.id, c.sha256, c.captured_at.isoformat(), c.media_type, c.encoding, c.url,
                 c.extra]
                for c in captures
            ],
        ],
        ensure_ascii=False,
        sort_keys=True,
        default=_stable,
    )
    return hashlib.sha256(raw.encode()).hexdigest()


def _stable(value):
    """Sets in a fixed order (a frozenset's own order changes from one process to the next)."""
    return sorted(map(str, value)) if isinstance(value, set | frozenset) else str(value)


def changelog_view(
    store,
    source: str,
    indices: list[int],
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Entry], list[str]]:
    """(entries at `indices`, learned noise labels) as `tracker log` shows them.

    An unchanged history is one cache read: no options worked out, no differ imported, no
    capture read. Otherwise the changelog is computed (cached pairs reused) and, when it covers
    the whole history, kept for next time."""
    captures = store.captures(source)
    cache = Cache(store.cache_dir)
    try:
        slot = f"changelog:{DIFFER_VERSION}:{source}"
        digest = history_digest(store, source, captures)
        value = cache.get_latest(slot, digest)
    finally:
        cache.close()
    if value is None:
        from tracker.pipeline import diff_options

        options = diff_options(store, source)
        learned = sorted(options.volatile_labels)
        whole = list(indices) == list(range(len(captures)))
        entries = changelog(
            store, source, indices=None if whole else indices, options=options,
            progress=progress,
        )
        if whole and not getattr(store, "tampered", None):
            cache = Cache(store.cache_dir)
            try:
                cache.put_latest(slot, digest, {
                    "learned": learned,
                    "entries": [
                        None if e.previous is None
                        else [e.previous.id, e.summary, e.highlights, e.notes]
                        for e in entries
                    ],
                })
            finally:
                cache.close()
        return entries, learned
    by_id = {c.id: c for c in captures}
    entries = []
    for i in indices:
        row = value["entries"][i]
        if row is None:
            entries.append(Entry(captures[i], None, None, None, []))
        else:
            previous, summary, highlights_, notes = row
            entries.append(Entry(captures[i], by_id[previous], summary, highlights_, notes))
    return entries, value["learned"]


def select(store, source: str, captures, since: str | None, until: str | None) -> list[int]:
    """Indexes of the captures between --since and --until (REFs, or a year/month/day)."""

    from tracker.store.refs import period

    def bound(ref: str, upper: bool):
        if period(ref) is not None:
            if upper:
                return lambda c: c.day[: len(ref)] <= ref
            return lambda c: c.day[: len(ref)] >= ref
        info, _ = store.resolve(source, ref)
        key = (info.utc, info.id)
        return (lambda c: (c.utc, c.id) <= key) if upper else (lambda c: (c.utc, c.id) >= key)

    keep = [bound(since, False)] if since else []
    keep += [bound(until, True)] if until else []
    return [i for i, c in enumerate(captures) if all(k(c) for k in keep)]
