"""Work in forked copies of this process, the one way tracker uses the machine's cores: when
it can (`workers`, `can_fork`), one copy doing one piece of work (`start`: `run`'s checks), or a
pool over a sequence with results in order (`ordered_map`: the changelog, learned noise).

Fork, not spawn: a copy inherits the parent's store, options and per-command memos without
re-importing or pickling them, so it starts in milliseconds. Copies never touch the parent's
SQLite connection; they return plain values and the parent writes the cache.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterator, Sequence

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


def can_fork(items: int, minimum: int, *, beside_threads: bool = False) -> bool:
    """Whether `items` pieces of work are worth forking for: at least `minimum` of them, two
    cores or more, and fork on this system. Not beside another thread unless the caller says
    its copies never write where a thread may hold a lock at the fork (the terminal)."""
    return (
        items >= minimum
        and workers() > 1
        and hasattr(os, "fork")
        and (beside_threads or threading.active_count() == 1)
    )


class Child:
    """A forked copy of this process doing one piece of work, its answer on its way back
    pickled through a pipe."""

    def __init__(self, pid: int, read: int):
        self.pid, self.read = pid, read

    def join(self) -> object | None:
        """What the copy returned, or None if it failed (it then sends nothing)."""
        with os.fdopen(self.read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        if status != 0 or not data:
            return None
        try:
            return pickle.loads(data)
        except Exception:  # noqa: BLE001 (a half-written answer: the caller redoes the work)
            return None

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        os.close(self.read)


def start(work: Callable[[], object]) -> Child | None:
    """`work()` in a forked copy of this process, or None when no copy can start. The copy
    sends back what `work` returns, pickled, and never returns into the caller's code."""
    try:
        read, write = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid:
        os.close(write)
        return Child(pid, read)
    code = 1
    try:
        os.close(read)
        data = pickle.dumps(work())
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)


def ordered_map(
    fn: Callable[[object, object], object], state: object, items: Sequence
) -> Iterator[object]:
    """fn(state, item) for each item, yielded in the items' order. Items are handed out in
    contiguous chunks (consecutive captures stay together: one reads what the next needs)."""
    # beside threads: a worker never writes to the terminal (`quiet`)
    if not can_fork(len(items), MIN_ITEMS, beside_threads=True):
        for item in items:
            yield fn(state, item)
        return
    count = workers()
    # the first item here: what the work loads lazily (date grammars, phone metadata, compiled
    # patterns) is loaded once and inherited by every worker, not loaded again in each
    yield fn(state, items[0])
    items = items[1:]
    # about 16 chunks a worker: the last one to finish leaves the other core idle a short while
    size = max(4, min(64, len(items) // (count * 16)))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    done = 0
    # a pool only here (~10 ms to import): `start`'s one copy and the commands that fork none
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

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
