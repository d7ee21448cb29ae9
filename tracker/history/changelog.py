"""The changelog: each capture against the one before it, summarised by kind, with highlights.

A 10,000-capture history must not be re-diffed on every call, so each pair's summary is cached
by the two captures' sha256 and days (a days counter is checked against them), the differ's
version and the options (rules, learned noise); the whole changelog of a source is also kept
under a stamp of its files, rules and selectors (`stamp`), so an unchanged history is one
cache read, with no sidecar parsed and no differ imported. Pairs not cached are diffed on every
core (tracker.fork).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import astuple, dataclass, fields, replace
from datetime import datetime
from typing import TYPE_CHECKING

from tracker.differ.items import groups, role
from tracker.differ.model import KINDS, Change
from tracker.history.cache import DIFFER_VERSION, Cache
from tracker.history.jsontext import Written, dumps
from tracker.models import CaptureInfo
from tracker.store.refs import period

if TYPE_CHECKING:
    from tracker.differ.model import Report

# The differ's kinds, with counter anomalies selectable on their own (`log --only`).
FILTER_KINDS = tuple(
    k for kind in KINDS for k in ((kind, "counter-anomaly") if kind == "counter" else (kind,))
)


@dataclass
class Highlight:
    """A change a reader must see in the changelog; a group of added, removed or rewritten
    blocks (an article, a news item) is one, with its `role` and number of `paragraphs`."""

    change: Change
    role: str | None = None  # "article", "news", "text" for a group
    paragraphs: int | None = None

    @property
    def title(self) -> str | None:
        return self.change.shown_title

    @classmethod
    def from_dict(cls, d: dict) -> Highlight:
        fields = Change.__dataclass_fields__
        change = Change(**{k: v for k, v in d.items() if k in fields})
        return cls(change, d.get("role"), d.get("paragraphs"))

    def to_dict(self) -> dict:
        d = _trim(self.change.to_dict())
        if self.role is not None:
            d["role"] = self.role
            d["paragraphs"] = self.paragraphs
        return d


class Entry:
    """One capture of the changelog with its summary against the capture before it.

    Highlights are typed; the cache holds them as dicts, turned into Highlights only when read
    (a JSON log writes the cached dicts as they are, building nothing per change). `written`:
    the whole capture as `log --format json` prints it, when the cached changelog holds it."""

    def __init__(
        self,
        info: CaptureInfo,
        previous: CaptureInfo | None,
        summary: dict[str, int] | None,  # kind -> count; None for the first capture
        highlights: list[Highlight] | None,
        notes: list[str],
        *,
        cached: list[dict] | str | Callable[[], list[dict]] | None = None,  # dicts, JSON, or
        # a function returning them (read from `written` only if asked for)
        written: Written | None = None,
    ):
        self.info, self.previous, self.summary, self.notes = info, previous, summary, notes
        self._highlights, self._cached, self.written = highlights, cached, written

    @property
    def highlights(self) -> list[Highlight] | None:
        if self._highlights is None and self._cached is not None:
            self._highlights = [Highlight.from_dict(d) for d in self.highlight_dicts()]
        return self._highlights

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
        if any(h.change.is_anomaly for h in self.highlights or ()):
            kinds.add("counter-anomaly")
        return kinds

    def highlight_dicts(self) -> list[dict] | None:
        if isinstance(self._cached, str):
            self._cached = json.loads(self._cached)
        elif callable(self._cached):
            self._cached = self._cached()
        if self._cached is not None:
            return self._cached
        return None if self._highlights is None else [h.to_dict() for h in self._highlights]

    def to_dict(self, *, written: bool = False) -> dict:
        """`written`: highlights kept as text (jsontext.Written, by a worker) stay text."""
        shown = self._cached if written and type(self._cached) is Written else None
        return {
            **self.info.ref(),
            "previous": self.previous.id if self.previous else None,
            "days": self.days,
            "summary": self.summary,
            "highlights": shown if shown is not None else self.highlight_dicts(),
            "notes": self.notes,
        }

    def json_text(self) -> Written:
        """The capture as an item of `log --format json`'s "captures": kept text when the
        cached changelog holds it (a warm log prints it as it is), else written now."""
        if self.written is None:
            self.written = Written(
                dumps({**self.info.to_dict(), **self.to_dict(written=True)}, LEVEL)
            )
        return self.written


def highlights(report: Report) -> list[dict]:
    """Contacts, counters, and one entry per group of added/removed/rewritten blocks (a news
    item or an article is one highlight however many paragraphs it has), with its `role`
    ("article", "news", "text") and `paragraphs`, long texts shortened: Highlight dicts, as the
    cache holds them."""
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
        if c.kind in ("image", "link") and c.action not in ("added", "rebuilt") and not c.chrome:
            out.append(_trim(c.to_dict()))
    return out


def _trim(d: dict) -> dict:
    for key in ("old", "new", "title"):
        if isinstance(d.get(key), str) and len(d[key]) > 300:
            d[key] = d[key][:299] + "…"
    d.pop("edits", None)
    return d


def options_key(options) -> str:
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
    cache: Cache | None = None,
) -> list[Entry]:
    """The captures of `source` at `indices` (default: all), oldest first, each with its
    summary against the capture just before it in the whole history (its content against the
    last good capture when error pages came between). `cache`: the caller's, open."""
    from tracker.fork import ordered_map
    from tracker.history.options import diff_options
    from tracker.pipeline import capture_status, good_base, revert_notes, went_back

    own = cache is None
    cache = cache or Cache(store.cache_dir)
    try:
        if options is None:
            options = diff_options(store, source, cache=cache)
        okey = options_key(options) + store.selection_key(source)
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
            # both statuses, whole: the same bytes fetched once with a 200 and once redirected or
            # refused are two pairs (their status change differs), not one cached answer
            statuses = [astuple(capture_status(store, c, cache=cache)) for c in (named, info)]
            key = (
                f"pair:{DIFFER_VERSION}:{okey}:{previous.sha256}:{info.sha256}:"
                f"{previous.captured_at.date()}:{info.captured_at.date()}:"
                f"{json.dumps(statuses, default=str)}:{','.join(c.id for c in skipped)}"
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
        # the changelog shows no word edits (`highlights` drops them): none are worked out
        # and each process reads a capture that two consecutive pairs share once (`reading`)
        state = (store, source, captures, replace(options, word_edits=False), {})
        for i, (raw, value, tampered, warnings) in zip(
            missing, ordered_map(_pair_value, state, missing), strict=True
        ):
            computed[i] = value
            for message in warnings:
                store.warn(message)
            if tampered:  # what a worker found edited, known here too: never cached, warned once
                store.note_checked(tampered, edited=tampered)
            elif not store.tampered:  # never cache what edited bytes gave
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
            entries.append(
                Entry(info, previous, value["summary"], None, notes, cached=value["highlights"])
            )
        return entries
    finally:
        if own:
            cache.close()


def _pair_value(state, i: int) -> tuple[str, dict, list[str], list[str]]:
    """One pair's summary as the cache holds it, JSON (run in a worker process); the same with
    its highlights as `log --format json` writes them (Written: the command writes none), the
    captures it found edited and the warnings for the command to print."""
    from tracker.fork import in_worker, quiet, said
    from tracker.pipeline import PairReader, compare_pair

    store, source, captures, options, reading = state
    if in_worker():
        quiet(store)
    pair = (captures[i - 1], captures[i])
    last = reading.get("reader")
    read = reading["reader"] = last.then(pair) if last else PairReader(store, pair, chained=True)
    _, report = compare_pair(store, source, *pair, options, None, history=False, read=read)
    value = {"summary": report.summary(), "highlights": highlights(report), "notes": report.notes}
    edited = store.tampered
    found = [c.path for c in (captures[i - 1], captures[i]) if c.path in edited]
    shown = {**value, "highlights": Written(dumps(value["highlights"], LEVEL + 1))}
    return json.dumps(value), shown, found, said()


# A stamp is trusted only for files older than this at the time it is taken: a file written
# again within the file system's timestamp granularity could keep its size and mtime (git's
# "racy" entries).
RACY_NS = 2_000_000_000
LEVEL = 2  # the indentation of a capture in `log --format json`
ROWS = 7  # the format of a cached changelog (rows, texts): part of its slot


def stamp(store, source: str) -> tuple[str, bool] | None:
    """(digest, settled) of what a changelog depends on: the source's files as the file system
    sees them (name, type, size, mtime, inode: git's index check), its rules and selectors, the
    differ's version. `settled`: no file is recent enough to change unseen. None when an import
    is unfinished (its files are left out of reads until it completes) or the folder cannot be
    listed."""
    from dataclasses import asdict

    if store.unfinished():
        return None
    now = time.time_ns()
    rows, newest = [], 0
    try:
        with os.scandir(store.root / source) as entries:
            for entry in entries:
                st = entry.stat(follow_symlinks=False)
                # NUL apart (a name never holds one): thousands of rows, no JSON written
                rows.append(f"{entry.name}\0{st.st_mode}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\0")
                newest = max(newest, st.st_mtime_ns)
    except OSError:
        return None  # the reads that follow say what is wrong
    rows.sort()
    settled = newest < now - RACY_NS
    rules = asdict(store.config.rules.for_source(source))
    head = json.dumps(
        [DIFFER_VERSION, rules, store.selection_key(source)],
        ensure_ascii=False,
        sort_keys=True,
        default=_stable,
    )
    digest = hashlib.sha256(head.encode("utf-8", "surrogateescape"))
    digest.update("".join(rows).encode("utf-8", "surrogateescape"))
    return digest.hexdigest(), settled


def _stable(value):
    """Sets in a fixed order (a frozenset's own order changes from one process to the next)."""
    return sorted(map(str, value)) if isinstance(value, set | frozenset) else str(value)


@dataclass(frozen=True)
class Row:
    """A capture of the cached changelog but the first: the capture before it, the summary
    against it and the notes. Typed here; a JSON object of these names in the cache."""

    previous: str  # its id
    summary: dict[str, int]
    notes: list[str]


def _plain(info: CaptureInfo) -> dict:
    """A capture's sidecar fields by name, as the cached changelog holds them."""
    d = {f.name: getattr(info, f.name) for f in fields(CaptureInfo) if f.name != "source"}
    d["captured_at"] = info.captured_at.isoformat()
    return d


def _capture(source: str, d: dict) -> CaptureInfo:
    return CaptureInfo(source, **{**d, "captured_at": datetime.fromisoformat(d["captured_at"])})


class View(Sequence):
    """A source's whole changelog as cached: its captures (as their sidecars said; a sequence
    of CaptureInfo, built when first asked for: a whole JSON log needs none) and one row per
    capture, turned into Entries only for the captures shown."""

    def __init__(self, source: str, learned: list[str], head: str, texts: list[str]):
        self._source, self._head, self._captures = source, head, None
        self.learned = learned
        self.texts = texts  # per capture: its item of `log --format json` (Entry.json_text)

    @functools.cached_property
    def _value(self) -> dict:
        """{"captures": their sidecars' fields, "entries": per capture None (the first) or a
        Row's fields}: parsed when first asked for."""
        return json.loads(self._head)

    @property
    def rows(self) -> list[Row | None]:
        return [None if r is None else Row(**r) for r in self._value["entries"]]

    @property
    def captures(self) -> list[CaptureInfo]:
        if self._captures is None:
            self._captures = [_capture(self._source, c) for c in self._value["captures"]]
        return self._captures

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, i):
        return self.captures[i]

    def written(self, indices: list[int]) -> list[Written]:
        """The captures at `indices` as `log --format json` writes them."""
        return [Written(self.texts[i]) for i in indices]

    def entries(self, indices: list[int]) -> list[Entry]:
        by_id = {c.id: c for c in self.captures}
        rows = self.rows
        out = []
        for i in indices:
            row, text = rows[i], Written(self.texts[i])
            if row is None:
                out.append(Entry(self.captures[i], None, None, None, [], written=text))
            else:
                out.append(
                    Entry(
                        self.captures[i], by_id[row.previous], row.summary, None, row.notes,
                        cached=lambda text=text: json.loads(text)["highlights"], written=text,
                    )
                )
        return out


def _slot(source: str) -> str:
    return f"changelog:{DIFFER_VERSION}:{ROWS}:{source}"


# The cached changelog is one row: the learned labels, the captures' fields and summaries (JSON),
# then each capture's text as `log --format json` prints it, apart by NUL (never raw in JSON
# text), so a warm JSON log parses the labels only.
APART = "\x00"


_TAKE = object()  # a stamp not taken yet


def cached_view(store, source: str, taken=_TAKE) -> View | None:
    """The changelog kept by the last `changelog_view` over the whole history, if no file of
    the source, no rule and no selector changed since: one stat per file and one cache query,
    no sidecar parsed, no capture read, no differ imported. `taken`: the source's `stamp`,
    when the caller took it (once for this and `changelog_view`)."""
    taken = stamp(store, source) if taken is _TAKE else taken
    if taken is None:
        return None
    cache = Cache(store.cache_dir)
    try:
        raw = cache.get_latest(_slot(source), taken[0], raw=True)
    finally:
        cache.close()
    if raw is None:
        return None
    learned, head, *texts = raw.split(APART)
    return View(source, json.loads(learned), head, texts)


def changelog_view(
    store,
    source: str,
    indices: list[int],
    progress: Callable[[int, int], None] | None = None,
    taken=_TAKE,
) -> tuple[list[Entry], list[str]]:
    """(entries at `indices`, learned noise labels) as `tracker log` shows them, computed
    (cached pairs reused) and, when they cover the whole history, kept for `cached_view`.
    `taken`: the source's `stamp`, taken before anything of the source was read."""
    # before reading: a file changed meanwhile changes the stamp
    taken = stamp(store, source) if taken is _TAKE else taken
    cache = Cache(store.cache_dir)  # one for learning noise and the pairs: each range read once
    try:
        return _changelog_view(store, source, indices, progress, taken, cache)
    finally:
        cache.close()


def _changelog_view(store, source, indices, progress, taken, cache):
    from tracker.history.options import diff_options

    captures = store.captures(source)
    options = diff_options(store, source, cache=cache)
    learned = sorted(options.volatile_labels)
    whole = list(indices) == list(range(len(captures)))
    entries = changelog(
        store, source, indices=None if whole else indices, options=options, progress=progress,
        cache=cache,
    )
    if whole and taken is not None and taken[1] and not store.tampered:
        value = {
            "captures": [_plain(c) for c in captures],
            "entries": [
                None if e.previous is None else vars(Row(e.previous.id, e.summary, e.notes))
                for e in entries
            ],
        }
        texts = (e.json_text() for e in entries)
        raw = APART.join([json.dumps(learned), json.dumps(value), *texts])
        cache.put_latest(_slot(source), taken[0], raw, raw=True)
    return entries, learned


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

    if not since and not until:
        return list(range(len(captures)))  # no capture looked at (a cached View builds none)
    keep = [bound(since, False)] if since else []
    keep += [bound(until, True)] if until else []
    return [i for i, c in enumerate(captures) if all(k(c) for k in keep)]
