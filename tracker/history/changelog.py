"""The changelog: each capture against the one before it, summarised by kind, with highlights.

A 10,000-capture history must not be re-diffed on every call, so each pair's summary is cached
by the two captures' sha256 and days (a days counter is checked against them), the differ's
version and the options (rules, learned noise).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from tracker.differ.items import groups, role
from tracker.differ.model import KINDS, Report
from tracker.history.cache import DIFFER_VERSION, Cache
from tracker.history.options import diff_options
from tracker.models import CaptureInfo
from tracker.pipeline import (
    capture_status,
    compare_pair,
    good_base,
    revert_notes,
    went_back,
)
from tracker.store.refs import period

# The differ's kinds, with counter anomalies selectable on their own (`log --only`).
FILTER_KINDS = tuple(
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
            **self.info.ref(),
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
    cache = Cache(store.cache_dir)
    try:
        if options is None:
            options = diff_options(store, source)
        okey = _options_key(options) + getattr(store, "selection_key", lambda s: "")(source)
        captures = store.captures(source)
        back = went_back(captures)
        wanted = range(len(captures)) if indices is None else indices
        entries: list[Entry] = []
        for done, i in enumerate(wanted, 1):
            info = captures[i]
            previous = captures[i - 1] if i > 0 else None
            if previous is None:
                entries.append(Entry(info, None, None, None, []))
            else:
                named = previous
                previous, skipped = good_base(store, source, named, info, cache)
                status = capture_status(store, named, cache=cache).label
                key = (
                    f"pair:{DIFFER_VERSION}:{okey}:{previous.sha256}:{info.sha256}:"
                    f"{previous.captured_at.date()}:{info.captured_at.date()}:"
                    f"{status}:{','.join(c.id for c in skipped)}"
                )
                value = cache.get(key)
                if value is None:
                    _, report = compare_pair(
                        store, source, named, info, options, cache, history=False
                    )
                    value = {
                        "summary": report.summary(),
                        "highlights": highlights(report),
                        "notes": report.notes,
                    }
                    if not getattr(store, "tampered", None):  # never cache what edited bytes gave
                        cache.put(key, value)
                notes = value["notes"] + revert_notes(previous, info, back[i])
                entries.append(Entry(info, previous, value["summary"], value["highlights"], notes))
            if progress:
                progress(done, len(wanted))
        return entries
    finally:
        cache.close()


def select(store, source: str, captures, since: str | None, until: str | None) -> list[int]:
    """Indexes of the captures between --since and --until (REFs, or a year/month/day)."""

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
