"""A derived-data cache in one SQLite file, outside the stored captures and safe to delete.

Keys are content hashes plus the differ's version, so a cache entry can never describe bytes
other than the ones it was computed from; deleting the file only costs time.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

from tracker.differ import DIFFER_VERSION  # noqa: F401 (part of every key)

BATCH = 500  # rows written per statement (held in memory until then)


class Cache:
    def __init__(self, directory: Path | None):
        self._db: sqlite3.Connection | None = None
        self._read: dict[str, str] = {}  # rows fetched by `prefetch`: no query per key after it
        self._whole: tuple[str, ...] = ()  # prefixes read whole: a key not in _read is not stored
        self._pending: dict[str, str] = {}  # written in one statement at close
        if directory is None:
            return
        path = directory / "history.sqlite3"
        for attempt in (1, 2):
            try:
                directory.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(path)
                # derived data, safe to lose: no fsync per commit (15-30 ms each, several per
                # cold log); a file a power cut left unreadable is started again below
                self._db.execute("PRAGMA synchronous=OFF")
                self._db.execute("CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v TEXT)")
                return
            except (OSError, sqlite3.Error) as e:
                self._close_quietly()
                # not a database, or damaged (not locked, read-only...): started again once;
                # else a read-only or broken cache only makes things slower
                if attempt == 2 or type(e) is not sqlite3.DatabaseError:
                    return
                with contextlib.suppress(OSError):
                    path.unlink()

    def _close_quietly(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    def prefetch(self, prefix: str) -> None:
        """Read every row whose key starts with `prefix` in one query (a range of the primary
        key), so a history's thousands of lookups cost one round trip. A prefix read whole
        already (itself or a shorter one) is not read again."""
        if self._db is None or prefix.startswith(self._whole):
            return
        try:
            rows = self._db.execute(
                "SELECT k, v FROM kv WHERE k >= ? AND k < ?", (prefix, prefix + "\U0010ffff")
            ).fetchall()
        except sqlite3.Error:
            return
        self._read.update(rows)
        self._whole += (prefix,)

    def get(self, key: str):
        raw = self.get_raw(key)
        return json.loads(raw) if raw is not None else None

    def get_raw(self, key: str) -> str | None:
        """The value as stored: JSON, or text kept by `put_latest(..., raw=True)`."""
        if self._db is None:
            return None
        raw = self._pending.get(key) or self._read.get(key)
        if raw is None and not key.startswith(self._whole):
            try:
                row = self._db.execute("SELECT v FROM kv WHERE k = ?", (key,)).fetchone()
            except sqlite3.Error:
                return None
            raw = row[0] if row else None
        return raw

    def put(self, key: str, value) -> None:
        self.put_raw(key, json.dumps(value))

    def put_raw(self, key: str, raw: str) -> None:
        """Store a value already written as JSON (by a worker process)."""
        if self._db is not None:
            self._pending[key] = raw
            if len(self._pending) >= BATCH:
                self._flush()

    def _flush(self) -> None:
        if self._pending:
            try:
                rows = self._pending.items()
                self._db.executemany("INSERT OR REPLACE INTO kv VALUES (?, ?)", rows)
            except sqlite3.Error:
                pass
            self._pending = {}

    def get_latest(self, slot: str, digest: str, *, raw: bool = False):
        """The value kept in `slot` if it was computed for `digest`, else None."""
        return (self.get_raw if raw else self.get)(f"{slot}:{digest}")

    def put_latest(self, slot: str, digest: str, value, *, raw: bool = False) -> None:
        """Keep `value` as the only one of `slot` (a large value replaced as its inputs
        change, never piled up: one per source's whole changelog). `raw`: `value` is text,
        kept as it is (read back with `get_latest(..., raw=True)`, no JSON to parse)."""
        if self._db is None:
            return
        self._flush()
        try:
            self._db.execute(
                "DELETE FROM kv WHERE k >= ? AND k < ?", (slot + ":", slot + ":\U0010ffff")
            )
        except sqlite3.Error:
            return
        (self.put_raw if raw else self.put)(f"{slot}:{digest}", value)

    def close(self) -> None:
        if self._db is not None:
            try:
                self._flush()
                self._db.commit()
            finally:
                self._db.close()
                self._db = None
