"""Which capture of each source `check --since-last-check` last reported, kept where git goes.

A scheduled job starts from a fresh clone, so what it must remember travels with the captures:
each successful `--since-last-check` run commits an empty marker
`<store>/.tracker/checked/<source>/<capture id>` in a commit of its own (a name no source can
take: sources start with a letter or a digit). Markers are only ever added, never rewritten, so
two clones that check in turn, or at once, merge without conflict. The last checked capture is
the latest capture that has a marker. A run that did not report its change (a notification that
failed, a job summary that could not be written) adds no marker, so the next run reports again.
"""

from __future__ import annotations

import json
import os

from tracker.errors import TrackerError
from tracker.pipeline import capture_status, pick_pair

STATE_DIR = ".tracker/checked"
LEGACY_FILE = "check-state.json"  # before 0.2: per clone, in the git dir


def _marked(store, source: str) -> set[str]:
    folder = store.root / STATE_DIR / source
    try:
        return set(os.listdir(folder))
    except OSError:
        return set()


def last_checked(store, source: str) -> str | None:
    """The id of the latest capture of `source` a `--since-last-check` run reported."""
    marked = _marked(store, source)
    for info in reversed(store.captures(source)):
        if info.id in marked:
            return info.id
    return _legacy(store, source)


def _legacy(store, source: str) -> str | None:
    """The state older versions kept in the git dir, so an upgrade does not start over."""
    try:
        path = store.cache_dir / LEGACY_FILE
        entry = json.loads(path.read_text(encoding="utf-8"))["sources"][source]
        return str(entry["capture"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def record_checked(store, source: str, capture_id: str) -> None:
    """Commit the marker of `capture_id` (nothing when it is there already)."""
    path = f"{STATE_DIR}/{source}/{capture_id}"
    if (store.root / path).exists():
        return
    message = (
        f"tracker check: {source} {capture_id}\n\n"
        f"Source: {source}\nChecked-Capture: {capture_id}\n"
    )
    store.commit_state({path: b""}, message)


def pair_to_check(store, source: str, refs, since_last_check: bool):
    """(old, new, notes, status_from); old is None when there is nothing to compare (first
    capture, nothing new since the last check). `status_from`, when not None, is the capture
    whose status the new one is compared with instead of old's: the last error page between
    the last check and a good new capture, so an outage nobody was told about is reported.
    The pair itself is chosen as `diff` chooses it (tracker.pipeline.pick_pair) unless the
    last check names the old capture."""
    if refs and since_last_check:
        raise TrackerError(
            "--since-last-check compares the latest capture: give no REF with it",
            "drop the REFs, or drop --since-last-check",
        )
    captures = store.captures(source) if not refs else []
    note = None
    if since_last_check and captures:
        new = captures[-1]
        seen = last_checked(store, source)
        if seen == new.id:
            return None, new, [f"no new capture since the last check ({seen})"], None
        index = next((i for i, c in enumerate(captures) if c.id == seen), None)
        if index is not None:
            return (captures[index], new, *_errors_between(store, captures[index + 1 : -1], new))
        note = (
            f"the last checked capture ({seen}) is not in the store"
            if seen
            else "no check recorded yet"
        )
    if len(captures) == 1:  # a first capture is no error for a scheduled check: nothing yet
        alone = f"{note}; only one capture" if note else "only one capture so far"
        return None, captures[0], [f"{alone}: nothing to compare yet"], None
    old, new, notes = pick_pair(store, source, tuple(refs))
    if note:
        notes.append(f"{note}: comparing with the capture before the latest")
    return old, new, notes, None


def _errors_between(store, captures, new) -> tuple[list[str], object]:
    """(notes, status_from): a page that went down and came back between two checks is
    reported, not hidden."""
    errors = [c for c in captures if capture_status(store, c).error]
    if not errors:
        return [], None
    named = ", ".join(f"{c.id} ({capture_status(store, c).label})" for c in errors)
    status_from = None if capture_status(store, new).error else errors[-1]
    return [f"error captures since the last check: {named}"], status_from
