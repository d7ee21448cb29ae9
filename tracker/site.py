"""Writes the static report and the Atom feeds: store → changelog → pages, incrementally.

The wiring of `tracker report` and `tracker feed` (as tracker.pipeline is for one comparison):
the changelog and the pair fragments come from the history cache, every page's inputs are
hashed into a key, and a page whose key is unchanged is neither diffed, rendered nor written,
so a history of 1,000 captures re-renders in about a second. Files are written atomically and
only when their bytes change (`Site`, with a manifest), so a static host sees only real changes.
"""

from __future__ import annotations

import hashlib
import json
import os
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, fields
from pathlib import Path

from tracker.alert.check import check_pair
from tracker.alert.select import alerting, is_alerting
from tracker.differ.model import Report
from tracker.errors import TrackerError
from tracker.history.cache import DIFFER_VERSION, Cache
from tracker.history.changelog import changelog, options_key
from tracker.history.options import diff_options
from tracker.models import CaptureInfo
from tracker.pipeline import compare_pair
from tracker.render.atom import render_atom, tag_id
from tracker.render.changelog import entry_lines
from tracker.render.html import (
    counter_charts,
    fragment,
    render_index,
    render_pair_page,
    render_timeline,
    templates_version,
    when,
)
from tracker.render.message import verdict

MANIFEST = ".tracker-report.json"
FEED = "feed.atom"
FEED_LIMIT = 50


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _key(*parts) -> str:
    return _sha(json.dumps(parts, default=str, ensure_ascii=False).encode())[:32]


@dataclass
class Site:
    """An output folder and its manifest: {relative path: {sha256, size, key}}."""

    out: Path
    manifest: dict = field(default_factory=dict)
    written: list[str] = field(default_factory=list)
    kept: int = 0

    @classmethod
    def open(cls, out: Path) -> Site:
        if out.exists() and not out.is_dir():
            raise TrackerError(f"--out {out} is a file", "give a folder (it is created if missing)")
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise TrackerError(
                f"cannot create {out}: {e.strerror}", "give a writable folder"
            ) from None
        try:
            manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
            if not isinstance(manifest, dict):
                manifest = {}
        except (OSError, ValueError):
            manifest = {}  # no manifest (or a damaged one): every file is compared afresh
        return cls(out, manifest)

    def _same(self, rel: str, digest: str) -> bool:
        entry = self.manifest.get(rel) or {}
        path = self.out / rel
        try:
            return entry.get("sha256") == digest and path.stat().st_size == entry.get("size")
        except OSError:
            return False

    def fresh(self, rel: str, key: str) -> bool:
        """Was `rel` written from inputs with this key, and is it still there as written?"""
        entry = self.manifest.get(rel) or {}
        return entry.get("key") == key and self._same(rel, entry.get("sha256", ""))

    def write(self, rel: str, content: str | bytes, key: str | None = None) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        digest = _sha(data)
        if self._same(rel, digest):
            self.kept += 1
        else:
            path = self.out / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)
            self.written.append(rel)
        self.manifest[rel] = {"sha256": digest, "size": len(data), "key": key}

    def close(self) -> None:
        data = json.dumps(self.manifest, indent=0, sort_keys=True).encode()
        tmp = self.out / f"{MANIFEST}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, self.out / MANIFEST)

    @contextmanager
    def writing(self, what: str):
        """Write `what` ("the report", "the feeds") into the folder, then save the manifest.
        The manifest is saved after a failure too (it records what was written), but the first
        error is the one reported: a folder that cannot be written is one line, never hidden
        behind the manifest that could not be saved after it."""
        try:
            yield self
        except BaseException as first:
            with suppress(OSError):
                self.close()
            if isinstance(first, OSError):
                raise self._cannot(what, first) from None
            raise
        try:
            self.close()
        except OSError as e:
            raise self._cannot(what, e) from None

    def _cannot(self, what: str, error: OSError) -> TrackerError:
        return TrackerError(f"cannot write {what} in {self.out}: {error}", "give a writable --out")


def raw_name(info: CaptureInfo) -> str:
    """The copy of a stored capture, always served as text: a captured HTML page opened from
    the report must never run as a page of the report's own origin."""
    name = Path(info.path).name
    return name if name.endswith(".txt") else f"{name}.txt"


def _stable(rules) -> str:
    """The rules as text that is the same in every process (a frozenset's repr is not)."""
    values = {}
    for f in fields(rules):
        value = getattr(rules, f.name)
        values[f.name] = sorted(value) if isinstance(value, set | frozenset) else value
    return json.dumps(values, default=str, sort_keys=True)


@dataclass
class SourceView:
    """One source's history as the report and the feeds need it."""

    source: str
    captures: list[CaptureInfo]
    entries: list  # history.changelog.Entry, oldest first
    rules: object  # tracker.rules.Rules for this source
    options: object  # differ.DiffOptions
    okey: str

    def pair_key(self, entry) -> str:
        return _key(
            templates_version(),
            DIFFER_VERSION,
            self.okey,
            _stable(self.rules),
            [(c.id, c.sha256, c.captured_at.isoformat()) for c in (entry.previous, entry.info)],
            entry.notes,
        )


def load_source(store, source: str, rule_set, progress=None) -> SourceView:
    options = diff_options(store, source, rules=rule_set)
    entries = changelog(store, source, options=options, progress=progress)
    return SourceView(
        source,
        store.captures(source),
        entries,
        rule_set.for_source(source),
        options,
        options_key(options),
    )


def _pair(store, view: SourceView, entry, cache):
    """(base, report, alerting) for an entry, as `tracker diff` compares it."""
    i = next(i for i, c in enumerate(view.captures) if c.id == entry.info.id)
    named = view.captures[i - 1]
    base, report = compare_pair(
        store, view.source, named, entry.info, view.options, cache, history=False
    )
    report.notes = list(entry.notes)  # the changelog's: with the revert note, found in one pass
    return base, report, alerting(report, view.rules)


def fragment_for(store, view: SourceView, entry, cache, *, feed: bool = False) -> str:
    """The HTML diff fragment of an entry, from the cache when it was rendered before; `feed`:
    the one for a feed entry (no side-by-side view)."""
    ckey = f"{'atom' if feed else 'html'}:{view.pair_key(entry)}"
    body = cache.get(ckey)
    if body is None:
        base, report, loud = _pair(store, view, entry, cache)
        body = fragment(report, base, entry.info, alerting=loud, side_by_side=not feed)
        if not store.tampered:
            cache.put(ckey, body)
    return body


def _changed(entries) -> list:
    """The entries a reader follows: captures that changed more than noise."""
    return [e for e in entries if e.previous is not None and not e.noise_only]


def summary_line(entry, rules) -> str:
    lines = entry_lines(entry, full=True, alerting=lambda c: is_alerting(c, rules))
    if lines:
        return lines[0][1]
    return "; ".join(entry.notes) or "no change beyond noise"


def _alerts(entry, rules) -> bool:
    return any(is_alerting(h.change, rules) for h in entry.highlights or ())


def _rfc3339(info: CaptureInfo) -> str:
    """The capture time in the page's own offset (Atom's `updated` is RFC 3339)."""
    return info.captured_at.isoformat()


def feed_entries(store, view: SourceView, cache, *, limit: int) -> list[dict]:
    """Atom entries for the newest `limit` captures that changed, newest first (links relative
    to the source's folder)."""
    out = []
    for entry in reversed(_changed(view.entries)[-limit:] if limit else []):
        out.append(
            {
                "id": tag_id(view.source, entry.info.id),
                "title": summary_line(entry, view.rules),
                "updated": _rfc3339(entry.info),
                "link": f"{entry.info.id}.html",
                "content": fragment_for(store, view, entry, cache, feed=True),
                "at": entry.info.utc,
            }
        )
    return out


def write_feeds(
    store,
    views: list[SourceView],
    site: Site,
    *,
    limit: int = FEED_LIMIT,
    base_url: str | None = None,
) -> None:
    """`<source>/feed.atom` for each source and `feed.atom` for all, at the root of `site`.
    Entry links point at the report's pair pages: relative to the feed (readers resolve them
    against the feed's address), or absolute under `base_url`."""
    base = (base_url.rstrip("/") + "/") if base_url else ""
    cache = Cache(store.cache_dir)
    try:
        everything = []
        for view in views:
            entries = feed_entries(store, view, cache, limit=limit)
            here = f"{base}{view.source}/" if base else ""
            newest = entries[0]["updated"] if entries else _rfc3339(view.captures[-1])
            site.write(
                f"{view.source}/{FEED}",
                render_atom(
                    feed_id=tag_id(view.source),
                    title=f"{view.source}: changes (tracker)",
                    updated=newest,
                    entries=[{**e, "link": here + e["link"]} for e in entries],
                    self_href=f"{here}{FEED}" if base else None,
                    alternate=f"{here}index.html",
                ),
            )
            everything += [
                {
                    **e,
                    "link": f"{base}{view.source}/{e['link']}",
                    "title": f"{view.source}: {e['title']}",
                }
                for e in entries
            ]
        everything.sort(key=lambda e: e["at"], reverse=True)
        everything = everything[:limit]
        newest = (
            everything[0]["updated"]
            if everything
            else max((_rfc3339(v.captures[-1]) for v in views), default="1970-01-01T00:00:00+00:00")
        )
        site.write(
            FEED,
            render_atom(
                feed_id=tag_id("all"),
                title="tracker: changes of all sources",
                updated=newest,
                entries=everything,
                self_href=f"{base}{FEED}" if base else None,
                alternate=f"{base}index.html",
            ),
        )
    finally:
        cache.close()


def write_report(store, views: list[SourceView], site: Site) -> None:
    """index.html, and per source a timeline, a page per compared pair and the raw captures."""
    cache = Cache(store.cache_dir)
    try:
        index = []
        for view in views:
            source, entries = view.source, view.entries
            for info in view.captures:  # the evidence, as stored (copied once; bytes never change)
                rel = f"{source}/raw/{raw_name(info)}"
                if site.fresh(rel, info.sha256):
                    site.kept += 1
                else:
                    site.write(rel, store.read_bytes(info), key=info.sha256)
            paged = [e for e in entries if e.previous is not None]
            for n, entry in enumerate(paged):
                rel = f"{source}/{entry.info.id}.html"
                links = {
                    "index": "../index.html",
                    "timeline": f"index.html#c{entry.info.id}",
                    "newer": f"{paged[n + 1].info.id}.html" if n + 1 < len(paged) else None,
                    "older": f"{paged[n - 1].info.id}.html" if n else None,
                    "raw_old": f"raw/{raw_name(entry.previous)}",
                    "raw_new": f"raw/{raw_name(entry.info)}",
                }
                key = _key(view.pair_key(entry), links)
                if site.fresh(rel, key):
                    site.kept += 1
                    continue
                body = fragment_for(store, view, entry, cache)
                # the page around the fragment needs only the two captures' times
                report = Report(
                    old_time=entry.previous.captured_at, new_time=entry.info.captured_at
                )
                page = render_pair_page(
                    report, entry.previous, entry.info, source, links=links, body=body
                )
                site.write(rel, page, key=key)

            def loud(c, rules=view.rules):
                return is_alerting(c, rules)

            items = []
            for entry in reversed(entries):
                items.append(
                    {
                        "id": entry.info.id,
                        "when": when(entry.info),
                        "distance": "first capture"
                        if entry.previous is None
                        else f"+{entry.days} day{'s' if entry.days != 1 else ''}",
                        "noise_only": entry.noise_only,
                        "page": f"{entry.info.id}.html" if entry.previous is not None else None,
                        "raw": f"raw/{raw_name(entry.info)}",
                        "notes": entry.notes,
                        "lines": [
                            (m, t) for m, t, _ in entry_lines(entry, full=True, alerting=loud)
                        ],
                        "alert": entry.previous is not None and _alerts(entry, view.rules),
                    }
                )
            series = counter_charts(entries)
            first, last = view.captures[0], view.captures[-1]
            site.write(
                f"{source}/index.html",
                render_timeline(
                    source,
                    items,
                    count=len(view.captures),
                    first_day=first.day,
                    last_day=last.day,
                    url=next((c.url for c in reversed(view.captures) if c.url), None),
                    series=series,
                ),
            )
            changed = _changed(entries)
            latest = changed[-1] if changed else None
            index.append(
                {
                    "name": source,
                    "timeline": f"{source}/index.html",
                    "count": len(view.captures),
                    "first_day": first.day,
                    "last_when": when(last),
                    "change": {
                        "page": f"{source}/{latest.info.id}.html",
                        "when": when(latest.info),
                        "line": summary_line(latest, view.rules),
                    }
                    if latest
                    else None,
                    "alert": _check_state(store, view, cache),
                    "series": series,
                }
            )
        site.write("index.html", render_index(index))
    finally:
        cache.close()


def _check_state(store, view: SourceView, cache) -> str | None:
    """What `tracker check` says about the latest capture (against the one before it): the
    verdict when it alerts, None when it does not."""
    latest = view.entries[-1] if view.entries else None
    if latest is None or latest.previous is None:
        return None
    before = view.captures[-2]  # as `tracker check` with no REF: the one before the latest
    result = check_pair(
        store, view.source, before, latest.info, view.rules, cache=cache, options=view.options
    )
    return verdict(result) if result.alert else None
