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


def pair_to_check(store, source: str, refs, since_last_check: bool):
    """(old, new, notes); old is None when there is nothing to compare (first capture, nothing
    new since the last check)."""
    from tracker.errors import TrackerError
    from tracker.pipeline import pick_pair

    if refs:
        if since_last_check:
            raise TrackerError(
                "--since-last-check compares the latest capture: give no REF with it",
                "drop the REFs, or drop --since-last-check",
            )
        return pick_pair(store, source, tuple(refs))
    captures = store.captures(source)
    if not captures:
        raise TrackerError(f"source {source!r} has no captures", "capture or import one first")
    new = captures[-1]
    if since_last_check:
        seen = last_checked(store, source)
        if seen == new.id:
            return None, new, [f"no new capture since the last check ({seen})"]
        old = next((c for c in captures if c.id == seen), None)
        if old is not None:
            return old, new, []
        note = (
            f"the last checked capture ({seen}) is not in the store"
            if seen
            else "no check recorded yet"
        )
        if len(captures) == 1:
            return None, new, [f"{note}; only one capture, nothing to compare yet"]
        return captures[-2], new, [f"{note}: comparing with the capture before the latest"]
    if len(captures) == 1:
        return None, new, ["only one capture so far: nothing to compare yet"]
    return captures[-2], new, []
