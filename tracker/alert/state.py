"""Which capture of each source was last checked, for `check --since-last-check`.

Kept in the store's cache (inside the git dir, one folder per store), not in the work tree: it
is a fact about this clone's checks, not about the page, so it must never be committed or
merged. Losing it is harmless: the next check compares with the capture before the latest.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

SCHEMA = "tracker.check-state/1"
FILE = "check-state.json"


def state_file(store) -> Path:
    return Path(store.cache_dir) / FILE


def read_state(path: Path) -> dict:
    """The state document; a missing or unreadable file is an empty state (checks start over)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"schema": SCHEMA, "sources": {}}
    if not isinstance(data, dict) or not isinstance(data.get("sources"), dict):
        return {"schema": SCHEMA, "sources": {}}
    return data


def last_checked(store, source: str) -> str | None:
    """The id of the capture the last successful check of `source` looked at."""
    entry = read_state(state_file(store))["sources"].get(source)
    return entry.get("capture") if isinstance(entry, dict) else None


def record_checked(store, source: str, capture_id: str, *, alert: bool) -> None:
    """Remember `capture_id` unless a later capture is already recorded (ids sort by time)."""
    from tracker.store.lock import locked

    path = state_file(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path.with_name(FILE + ".lock")):
        state = read_state(path)
        previous = state["sources"].get(source)
        if isinstance(previous, dict) and str(previous.get("capture", "")) > capture_id:
            return
        state["schema"] = SCHEMA
        state["sources"][source] = {
            "capture": capture_id,
            "checked_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "alert": alert,
        }
        tmp = path.with_name(f"{FILE}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(state, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(tmp, path)
