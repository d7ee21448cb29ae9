"""Work over a history spread on the machine's cores: forked worker processes, results in
order, serial when the work is short or workers cannot start.

Fork, not spawn: a worker inherits the parent's store, options and per-command memos without
re-importing or pickling them, so it starts in milliseconds. Workers never touch the parent's
SQLite connection; they return plain values and the parent writes the cache.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from tracker.errors import TrackerError

MIN_ITEMS = 64  # below this, starting workers costs more than it saves

_job: tuple[Callable, object] | None = None  # (function, shared state), inherited by fork


def workers() -> int:
    """The cores this process may use (TRACKER_WORKERS overrides; 1: no worker processes)."""
    env = os.environ.get("TRACKER_WORKERS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def ordered_map(
    fn: Callable[[object, object], object], state: object, items: Sequence
) -> Iterator[object]:
    """fn(state, item) for each item, yielded in the items' order. Items are handed out in
    contiguous chunks (consecutive captures stay together: one reads what the next needs)."""
    count = workers()
    if count < 2 or len(items) < MIN_ITEMS or "fork" not in multiprocessing.get_all_start_methods():
        for item in items:
            yield fn(state, item)
        return
    # the first item here: what the work loads lazily (date grammars, phone metadata, compiled
    # patterns) is loaded once and inherited by every worker, not loaded again in each
    yield fn(state, items[0])
    items = items[1:]
    # about 16 chunks a worker: the last one to finish leaves the other core idle a short while
    size = max(4, min(64, len(items) // (count * 16)))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    done = 0
    global _job
    _job = (fn, state)
    gc.freeze()  # workers' collections skip what they inherit: no copying of untouched pages
    executor = None
    try:
        executor = ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork"))
        for result in executor.map(_run, chunks):
            if isinstance(result, _Failed):
                raise TrackerError(result.message, result.hint)
            done += 1
            yield from result
    except (OSError, BrokenProcessPool):
        pass  # workers could not start, or one died (killed): the rest is done here
    finally:
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()
        _job = None
    for chunk in chunks[done:]:
        for item in chunk:
            yield fn(state, item)


class _Failed:
    """A TrackerError crossing back from a worker (its hint would not survive pickling)."""

    def __init__(self, error: TrackerError):
        self.message, self.hint = error.message, error.hint


def in_worker() -> bool:
    """Whether this process is one of `ordered_map`'s workers (not the command itself)."""
    return _worker


_worker = False
_said: list[str] = []  # a worker's warnings, for the command to print


def quiet(store) -> None:
    """In a worker, the store's warnings are kept (`said`) for the command to print: a worker
    never writes to the terminal, where a lock held at the fork by another thread of the
    command (a progress bar's) would stay held in the worker forever."""
    if _worker and store.warn != _said.append:
        store.warn = _said.append


def said() -> list[str]:
    """The warnings kept since the last call (none outside a worker)."""
    out = _said[:]
    _said.clear()
    return out


def _run(chunk: Sequence) -> list | _Failed:
    global _worker
    _worker = True
    fn, state = _job
    try:
        return [fn(state, item) for item in chunk]
    except TrackerError as e:
        return _Failed(e)
