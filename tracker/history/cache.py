"""A derived-data cache in one SQLite file, outside the stored captures and safe to delete.

Keys are content hashes plus the differ's version, so a cache entry can never describe bytes
other than the ones it was computed from; deleting the file only costs time.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tracker.differ import DIFFER_VERSION  # noqa: F401 (part of every key)


class Cache:
    def __init__(self, directory: Path | None):
        self._db: sqlite3.Connection | None = None
        if directory is None:
            return
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(directory / "history.sqlite3")
            self._db.execute("CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v TEXT)")
        except (OSError, sqlite3.Error):
            self._db = None  # a read-only or broken cache only makes things slower

    def get(self, key: str):
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT v FROM kv WHERE k = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return json.loads(row[0]) if row else None

    def put(self, key: str, value) -> None:
        if self._db is None:
            return
        try:
            self._db.execute("INSERT OR REPLACE INTO kv VALUES (?, ?)", (key, json.dumps(value)))
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.commit()
            finally:
                self._db.close()
                self._db = None
