"""A log reads what it needs once (issue 12, *One definition per concept*): each capture once
per pass (one PairReader handing a shared capture on), each range of the cache once (one cache
for learning noise and the pairs), and the cached changelog by name, not position."""

from __future__ import annotations

import json


def test_tracker_log_reads_each_capture_once_per_pass(sample_store, cli, monkeypatch):
    """Consecutive pairs of a history share a capture: the changelog reads it once (one
    PairReader handing it on, serial or in a worker), as learning noise does. Was: the middle
    captures read once more when the pairs were diffed serially."""
    from collections import Counter

    from tracker.store import Store

    reads: Counter = Counter()
    read_bytes = Store.read_bytes

    def counted(self, info):
        reads[info.path] += 1
        return read_bytes(self, info)

    monkeypatch.setattr(Store, "read_bytes", counted)
    r = cli("log", "--format", "json", env={"TRACKER_WORKERS": "1"})
    assert r.code == 0, r.err
    captures = Store.open(sample_store.root).captures("rusemb.org.uk")
    assert len(captures) == 5 and set(reads) == {c.path for c in captures}
    # twice at the most: once to learn the history's noise, once for the changelog's pairs
    assert max(reads.values()) <= 2, reads


def test_a_cold_log_reads_each_range_of_the_cache_once(sample_store, cli, monkeypatch):
    """Learning noise and the changelog share a cache: a range of keys one of them read whole
    (the pages' statuses) is not queried again by the other."""
    from tracker.history.cache import Cache

    ranges: list[str] = []
    opened = Cache.__init__

    def traced(self, directory):
        opened(self, directory)
        if self._db is not None:
            self._db.set_trace_callback(
                lambda sql: ranges.append(sql) if "k >= " in sql and "SELECT" in sql else None
            )

    monkeypatch.setattr(Cache, "__init__", traced)
    r = cli("log", "--format", "json", env={"TRACKER_WORKERS": "1"})
    assert r.code == 0, r.err
    assert ranges and len(ranges) == len(set(ranges)), ranges


def test_the_cached_changelog_names_its_fields(sample_store, cli):
    """The cached changelog's rows are read by name, not position: a capture's sidecar fields
    and each row (previous, summary, notes) are JSON objects, and a warm log prints from them
    what the cold one printed."""
    import os
    import sqlite3

    from tracker.history.changelog import APART

    for path in (sample_store.root / "rusemb.org.uk").iterdir():  # older than a racy stat
        os.utime(path, (1e9, 1e9), follow_symlinks=False)
    cold = cli("log", "--format", "json")
    warm = cli("log", "--format", "json")
    assert cold.code == warm.code == 0 and warm.out == cold.out, cold.err + warm.err
    [db] = (sample_store.root / ".git" / "tracker").rglob("history.sqlite3")
    with sqlite3.connect(db) as conn:
        [(raw,)] = conn.execute("SELECT v FROM kv WHERE k LIKE 'changelog:%'").fetchall()
    head = json.loads(raw.split(APART)[1])
    assert head["entries"][0] is None
    rows = head["entries"][1:]
    assert all(isinstance(r, dict) and set(r) == {"previous", "summary", "notes"} for r in rows)
    first = head["captures"][0]
    assert isinstance(first, dict) and {"id", "sha256", "path", "extra"} <= set(first)
