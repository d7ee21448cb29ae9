"""Watching many pages: which sources are due, fetching them politely, and what each run
remembers, for `tracker run` and `tracker sources`.

Fetching is concurrent (one httpx.AsyncClient, a global limit) but polite: one request at a time
per host with a delay between two, retries with exponential backoff, `Retry-After` honoured.
A source that fails never stops the others: its reason is one line in the report. A page that
comes back different is checked while the others are still being fetched (EarlyChecks).

What a run must remember travels with the captures, in the same commit: for each source whose
memory changed, `.tracker/run/<source>.json` (consecutive failures and the last error; the last
attempt for sources with `every`). One file per source, written only by the job that owns the
source, so the commits of a sharded CI matrix merge without conflict.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from tracker.alert.check import check_pair
from tracker.capture.fetch import (
    FetchError,
    client_options,
    fetch_async,
)
from tracker.errors import TrackerError
from tracker.fork import can_fork, start
from tracker.history.cache import Cache
from tracker.pipeline import capture_status
from tracker.retry import RETRY_STATUSES
from tracker.store.sidecar import check_source

STATE_DIR = ".tracker/run"
MAX_RETRY_AFTER = 300.0  # seconds: a server asking for longer is a failure for this run


# -- choosing sources --------------------------------------------------------------------


def shard_of(name: str, count: int) -> int:
    """A source's shard in 0..count-1: a hash of its name, stable across machines and runs
    (Python's hash() is salted per process), and unchanged when other sources come and go."""
    return int(hashlib.sha256(name.encode()).hexdigest()[:8], 16) % count


def parse_shard(text: str | None) -> tuple[int, int] | None:
    """"2/4" -> (1, 4): the second of four shares, numbered from 1 as CI matrices write it."""
    if not text:
        return None
    part, _, total = text.partition("/")
    if not (part.isdigit() and total.isdigit()) or not 1 <= int(part) <= int(total):
        raise TrackerError(f"--shard {text!r}: expected I/N with 1 <= I <= N", "e.g. --shard 1/4")
    return int(part) - 1, int(total)


def chosen(config, *, names=(), tags=(), shard=None) -> list:
    """The configured pages (sources with a url) the options ask for, by name."""
    pages = {name: s for name, s in config.sources.items() if s.url}
    for name in names:
        if name not in pages:
            known = ", ".join(sorted(pages)) or "none (tracker add URL)"
            raise TrackerError(f"--source {name}: no such page in tracker.toml", f"pages: {known}")
    out = []
    for name in sorted(pages):
        conf = pages[name]
        if names and name not in names:
            continue
        if tags and not set(tags) & set(conf.tags):
            continue
        if shard is not None and shard_of(name, shard[1]) != shard[0]:
            continue
        out.append(conf)
    return out


def is_due(conf, state: dict, store, now: datetime) -> bool:
    """A source with `every` is due when its last attempt (or capture) is that old."""
    if not conf.every:
        return True
    last = state.get("last_attempt")
    when = _parse_time(last) if last else None
    if when is None:
        captures = store.captures(conf.name) if conf.name in store.sources() else []
        when = captures[-1].captured_at if captures else None
    return when is None or (now - when).total_seconds() >= conf.every


# -- memory -------------------------------------------------------------------------------


def state_path(name: str) -> str:
    return f"{STATE_DIR}/{name}.json"


def read_state(store, name: str) -> dict:
    if not _usable(name):
        return {}
    try:
        data = json.loads((store.root / state_path(name)).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def next_state(old: dict, conf, now: datetime, error: str | None) -> dict:
    """The memory after this attempt: failures counted in a row, reset by a success."""
    new: dict = {}
    if error:
        new["failures"] = int(old.get("failures", 0) or 0) + 1
        new["error"] = error
        new["failing_since"] = old.get("failing_since") or now.isoformat(timespec="seconds")
    if conf.every:
        new["last_attempt"] = now.isoformat(timespec="seconds")
    return new


# -- what the history says ------------------------------------------------------------------


def last_change(store, name: str):
    """The capture at which the page (as its selectors read it) last changed: the latest good
    capture whose text differs from the good capture before it. Unchanged pages are not
    stored, but bytes can change outside the watched part, hence the texts. None when no
    capture is good or the texts cannot be read (the source's problem says why)."""
    if name not in store.sources():
        return None
    try:  # newest first, read only as far back as the last change
        good = (c for c in reversed(store.captures(name)) if not capture_status(store, c).error)
        after = next(good, None)
        for before in good:
            if before.sha256 != after.sha256 and store.read_text(before) != store.read_text(after):
                return after
            after = before
        return after
    except TrackerError:  # a selector or a capture that cannot be read: the row says why
        return None


def stale_reason(store, conf, now: datetime) -> str | None:
    if not conf.expect_change_within or conf.name not in store.sources():
        return None
    changed = last_change(store, conf.name)
    if changed is None:
        return None
    age = now - changed.captured_at
    if age.total_seconds() <= conf.expect_change_within:
        return None
    return (
        f"stale: no change since {changed.day} ({age.days} days; "
        f"expected within {_span(conf.expect_change_within)})"
    )


def _span(seconds: float) -> str:
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"


def source_rows(store, *, tags=(), now: datetime | None = None) -> list[dict]:
    """One row per source of the config and of the store, for `tracker sources`."""
    now = now or datetime.now(UTC)
    config = store.config
    held = store.sources()
    rows = []
    for name in sorted(set(held) | {n for n, s in config.sources.items() if s.url}):
        conf = config.sources.get(name)
        if tags and not (conf and set(tags) & set(conf.tags)):
            continue
        captures = store.captures(name) if name in held else []
        state = read_state(store, name)
        latest = captures[-1] if captures else None
        changed = last_change(store, name) if captures else None
        url = conf.url if conf and conf.url else (latest.url if latest else None)
        if conf and conf.problem:
            status = conf.problem
        elif state.get("failures"):
            status = f"failing ({state['failures']} in a row: {state.get('error', '?')})"
        elif latest is None:
            status = "never captured"
        elif capture_status(store, latest).error:
            status = f"error page ({capture_status(store, latest).label})"
        else:
            status = (stale_reason(store, conf, now) if conf else None) or "ok"
        rows.append({
            "name": name,
            "url": url,
            "tags": list(conf.tags) if conf else [],
            "captures": len(captures),
            "last_capture": latest.captured_at.isoformat() if latest else None,
            "last_change": changed.captured_at.isoformat() if changed else None,
            "state": status,
        })
    return rows


# -- fetching -------------------------------------------------------------------------------


@dataclass
class Fetched:
    name: str
    capture: object | None = None  # NewCapture
    error: str | None = None
    attempts: int = 0


# Requests in flight at once across all hosts. Politeness to each server is the per-host rule
# (one request at a time, `delay` between two): browsers open 6 connections to one host and
# 256 (Chrome) to 900 (Firefox) in all, urlwatch runs 10 requests at once whatever their hosts.
# So this bound only spares the machine running tracker, and 16 keeps every host's load far
# below theirs while a list spread over many hosts is fetched faster than urlwatch fetches it
# (benchmarks/bench_run.py).
DEFAULT_CONCURRENCY = 16


@dataclass
class Politeness:
    concurrency: int = DEFAULT_CONCURRENCY
    delay: float = 1.0  # seconds between two requests to one host
    retries: int = 2  # further attempts after a transient failure
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    max_bytes: int = 20_000_000
    timeout: float = 30.0


def fetch_all(
    sources: list, polite: Politeness, progress: Callable[[int, int], None] | None = None,
    transport=None, arrived: Callable[[object, Fetched], None] | None = None,
) -> list[Fetched]:
    """Fetch every source; results in the order of `sources`, each a capture or a reason.
    `arrived(conf, fetched)` is told of each one as soon as it is in."""
    if not sources:
        return []
    import asyncio  # ~25 ms (with ssl and concurrent.futures): `sources` and `capture` need none

    return asyncio.run(_fetch_all(sources, polite, progress, transport, arrived))


async def _fetch_all(sources, polite: Politeness, progress, transport, arrived=None):
    import asyncio

    import httpx

    gate = asyncio.Semaphore(polite.concurrency)
    locks: dict[str, asyncio.Lock] = {}
    ready: dict[str, float] = {}  # host -> loop time before which it gets no request
    loop = asyncio.get_running_loop()
    done = 0
    limits = httpx.Limits(max_connections=polite.concurrency, max_keepalive_connections=64)
    async with httpx.AsyncClient(**client_options(), limits=limits, transport=transport) as client:

        async def one(conf) -> Fetched:
            nonlocal done
            result = Fetched(conf.name)
            try:
                await _attempts(conf, result, client, polite, gate, locks, ready, loop)
            except Exception as e:  # one source's surprise must not end the run
                result.capture, result.error = None, f"{conf.url}: {type(e).__name__}: {e}"
            done += 1
            if progress:
                progress(done, len(sources))
            if arrived:
                arrived(conf, result)
            return result

        return list(await asyncio.gather(*(one(conf) for conf in sources)))


async def _attempts(conf, result, client, polite, gate, locks, ready, loop) -> None:
    import asyncio

    if conf.problem:
        result.error = conf.problem
        return
    host = _host(conf.url)
    lock = locks.setdefault(host, asyncio.Lock())
    timeout = conf.timeout or polite.timeout
    for attempt in range(polite.retries + 1):
        result.attempts = attempt + 1
        wait_after = None
        async with lock:
            pause = ready.get(host, 0.0) - loop.time()
            if pause > 0:
                await asyncio.sleep(pause)
            async with gate:
                try:
                    capture, response = await fetch_async(
                        client, conf.url, timeout=timeout, max_bytes=polite.max_bytes,
                        source=conf.name, headers=conf.headers,
                    )
                    result.capture, result.error = capture, None
                    status = response.status_code
                    retry = status in RETRY_STATUSES
                    wait_after = _retry_after(response) if retry else None
                except TrackerError as e:
                    result.capture, result.error = None, e.message
                    retry = isinstance(e, FetchError) and e.transient
                    response = e.response if isinstance(e, FetchError) else None
                    wait_after = _retry_after(response) if response is not None else None
                finally:
                    ready[host] = loop.time() + polite.delay
            if wait_after is not None:
                if wait_after > MAX_RETRY_AFTER:
                    retry = False
                    if result.error:
                        result.error += f" (Retry-After {wait_after:g}s: not waiting)"
                else:  # the host asked for a pause: nobody asks it anything before then
                    ready[host] = max(ready[host], loop.time() + wait_after)
        if not retry or attempt == polite.retries:
            return
        pause = wait_after if wait_after is not None else (
            polite.backoff * 2**attempt * (1 + random.random() / 4)
        )
        await asyncio.sleep(pause)


def _host(url: str) -> str:
    parts = urlsplit(url)
    return (parts.netloc or url).lower()


def _retry_after(response) -> float | None:
    value = response.headers.get("retry-after") if response is not None else None
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _parse_time(text: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)



# -- one run ---------------------------------------------------------------------------------


@dataclass
class SourceRun:
    """What a run did with one source, and what it says about it."""

    name: str
    url: str | None
    outcome: str  # "new" | "unchanged" | "failed" | "not due"
    error: str | None = None
    failures: int = 0  # in a row, this one included
    failing: bool = False  # failures reached the run's --fail-after
    stale: str | None = None
    check: object | None = None  # CheckResult for a new capture
    capture: str | None = None  # id of the capture stored or matched

    @property
    def alert(self) -> bool:
        return bool(self.failing or self.stale or (self.check is not None and self.check.alert))

    def to_json(self) -> dict:
        return {
            "source": self.name,
            "url": self.url,
            "outcome": self.outcome,
            "capture": self.capture,
            "error": self.error,
            "failures": self.failures,
            "failing": self.failing,
            "stale": self.stale,
            "alert": self.alert,
            "check": self.check.to_json() if self.check is not None else None,
        }


@dataclass
class RunResult:
    runs: list[SourceRun]
    commit: str | None = None

    @property
    def alert(self) -> bool:
        return any(r.alert for r in self.runs)

    @property
    def failed(self) -> list[SourceRun]:
        return [r for r in self.runs if r.outcome == "failed"]

    def to_json(self, *, text: str | None = None) -> dict:
        count = {k: sum(r.outcome == k for r in self.runs)
                 for k in ("new", "unchanged", "failed", "not due")}
        d = {
            "schema": "tracker.run/1",
            "alert": self.alert,
            "failed": bool(self.failed),
            "commit": self.commit,
            "counts": count,
            "sources": [r.to_json() for r in self.runs],
        }
        if text is not None:
            d["text"] = text
        return d


def run_sources(
    store,
    sources: list,
    polite: Politeness,
    *,
    fail_after: int = 3,
    force: bool = False,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
    transport=None,
) -> RunResult:
    """Fetch the due sources, store every new capture and the run's memory in one commit,
    then check each source. Nothing a source does (bad URL, bad selector, dead host, huge page,
    another page's name) stops the others."""
    now = now or datetime.now(UTC)
    states = {conf.name: read_state(store, conf.name) for conf in sources}
    due = [c for c in sources if force or is_due(c, states[c.name], store, now)]
    runs = {c.name: SourceRun(c.name, c.url, "not due") for c in sources}
    early = EarlyChecks.start(store, due)
    try:
        fetched = fetch_all(due, polite, progress, transport, early and early.offer)
        if early:
            early.offered_all()
        return _store_and_check(store, sources, due, fetched, runs, states, now, fail_after,
                                early)
    finally:
        if early:
            early.stop()


def _store_and_check(store, sources, due, fetched, runs, states, now, fail_after, early):
    held = store.sources()
    good = []
    for conf, got in zip(due, fetched, strict=True):
        if got.capture is not None:
            got.error = store.refusal(got.capture, conf.name, held)
            if got.error:
                got.capture = None
        run = runs[conf.name]
        run.outcome = "failed" if got.error else "unchanged"
        run.error = got.error
        if got.capture is not None:
            good.append(got.capture)
    answered = {c.source: c.extra.get("status") for c in good}
    memory = {}
    for conf in due:
        run = runs[conf.name]
        status = answered.get(conf.name)
        # An error answer is stored (evidence) but counts towards the failing streak.
        bad = f"HTTP {status}" if isinstance(status, int) and not 200 <= status < 300 else None
        new = next_state(states[conf.name], conf, now, run.error or bad)
        run.failures = new.get("failures", 0)
        run.failing = run.failures >= fail_after
        if new != states[conf.name] and _usable(conf.name):
            memory[state_path(conf.name)] = (json.dumps(new, indent=1) + "\n").encode()
    added = store.add(good, state=memory, message=_message(due, good, runs)) if (
        good or memory) else None
    if added is not None:
        for info in added.added:
            runs[info.source].outcome, runs[info.source].capture = "new", info.id
        for info in added.skipped:
            if runs.get(info.source) and runs[info.source].outcome == "unchanged":
                runs[info.source].capture = info.id
    todo = [(c.name, runs[c.name].capture) for c in sources if runs[c.name].outcome == "new"]
    for name, result in check_all(store, todo, early).items():
        runs[name].check = result
    for conf in sources:
        runs[conf.name].stale = stale_reason(store, conf, now)
    return RunResult([runs[c.name] for c in sources], added.commit if added else None)


def _usable(name: str) -> bool:
    """Only a valid source name becomes a file name (a name such as "../x" never does)."""
    try:
        check_source(name)
    except TrackerError:
        return False
    return True


def _message(due, good, runs) -> str:
    failed = sum(r.outcome == "failed" for r in runs.values())
    tail = f", {failed} failed" if failed else ""
    return f"tracker run: {len(due)} source(s) fetched, {len(good)} answered{tail}"


def _check(store, config, name: str, capture_id: str, cache=None):
    """The new capture against the one before it, with the source's rules (as `check`)."""
    captures = store.captures(name)
    index = next(i for i, c in enumerate(captures) if c.id == capture_id)
    old = captures[index - 1] if index else None
    notes = [] if index else ["first capture: nothing to compare"]
    rules = config.rules.for_source(name)
    return check_pair(store, name, old, captures[index], rules, notes, cache=cache)


# -- checking on two cores -------------------------------------------------------------------

FORK_MIN = 4  # typed diffs: below this, a second process costs more than it saves


def check_all(store, todo: list[tuple[str, str]], early=None) -> dict:
    """{source: CheckResult} for each (source, id of its new capture); `early`: the
    EarlyChecks of this run, whose results are taken first.

    The typed diffs are a run's CPU-heavy part and independent of one another: with two cores
    or more, every other one runs in a forked copy of this process (the store as it is; what
    the copy would have written to the cache, warned or noted comes back here), so the checks
    take about half the time. Single-threaded only: forking beside a thread (a progress bar)
    could copy a lock held mid-write."""

    if not todo:
        return {}
    config = store.config
    out: dict = {}
    cache = Cache(store.cache_dir)  # one for every check (a commit per source costs ~20 ms)
    try:
        if early:
            out.update(early.finish(store, config, dict(todo), cache))
        _check_rest(store, config, [item for item in todo if item[0] not in out], out, cache)
    finally:
        cache.close()
    return out


def _check_rest(store, config, todo, out: dict, cache) -> None:
    diffs = [(name, cid) for name, cid in todo if _has_before(store, name, cid)]
    firsts = [item for item in todo if item not in diffs]
    theirs = diffs[1::2] if can_fork(len(diffs), FORK_MIN) else []
    mine = diffs[::2] if theirs else diffs
    child = _fork(store, config, theirs) if theirs else None
    if child is None:
        mine = diffs
    for name, cid in firsts + mine:
        out[name] = _check(store, config, name, cid, cache)
    if child is not None:
        got = child.join()
        if got is None:  # the copy failed: its share is done here, nothing lost
            got = {"results": {n: _check(store, config, n, c, cache) for n, c in theirs}}
        out.update(got["results"])
        _merge(store, cache, got)


def _merge(store, cache, got: dict) -> None:
    """What a forked copy would have written to the cache, warned or noted."""
    for key, raw in got.get("puts", {}).items():
        cache.put_raw(key, raw)
    for message in got.get("warnings", []):
        store.warn(message)
    store.tampered |= got.get("tampered", set())
    store.unmatched |= got.get("unmatched", set())


def _has_before(store, name: str, capture_id: str) -> bool:
    captures = store.captures(name)
    return bool(captures) and captures[0].id != capture_id


class _Recorder:
    """The cache as a forked copy sees it: reads from the file, writes kept for the parent
    (two processes writing one SQLite file would wait on each other's lock). What a check
    asks of a cache: get/put, their JSON text as it is (a worker's), and one read of a range."""

    def __init__(self, cache):
        self.cache, self.puts = cache, {}

    def get_raw(self, key: str) -> str | None:
        return self.puts[key] if key in self.puts else self.cache.get_raw(key)

    def get(self, key: str):
        raw = self.get_raw(key)
        return json.loads(raw) if raw is not None else None

    def put_raw(self, key: str, raw: str) -> None:
        self.puts[key] = raw

    def put(self, key: str, value) -> None:
        self.put_raw(key, json.dumps(value))

    def prefetch(self, prefix: str) -> None:
        self.cache.prefetch(prefix)


def _answer(store, results: dict, cache, warnings: list[str]) -> dict:
    """What a forked check sends back: its results with what it cached, warned and found (the
    parent applies them: _merge)."""
    return {"results": results, "puts": cache.puts, "warnings": warnings,
            "tampered": store.tampered, "unmatched": store.unmatched}


def _child_store(store):
    """The store as a forked check uses it: warnings kept to send back, a recording cache."""
    warnings: list[str] = []
    store.warn = warnings.append
    return warnings, _Recorder(Cache(store.cache_dir))


def _fork(store, config, todo):
    """Start the checks of `todo` in a forked copy; None when none can start."""

    def work():
        warnings, cache = _child_store(store)
        results = {name: _check(store, config, name, cid, cache) for name, cid in todo}
        return _answer(store, results, cache, warnings)

    return start(work)


class EarlyChecks:
    """Checks started while the other pages are still being fetched, on the second core.

    A fetch is mostly waiting, so a page that came back different from its last capture is
    checked at once by a forked copy of this process, against a stand-in for the capture the
    commit will store (the same id, as the store names captures, and the same bytes). Each
    such page is one file in a spool folder that the copy and, once the commit is made, this
    process take in turn (a rename decides who), so neither waits for the other. A result
    counts only if the commit stored that very capture on that very history; any other is
    checked again here, so the report is the same as without this.
    """

    def __init__(self, store, spool: Path, latest: dict[str, str]):
        self.store, self.spool, self.latest = store, spool, latest
        self.count, self.child = 0, None

    @classmethod
    def start(cls, store, due: list):
        """None when there is nothing to gain (one core, a thread beside us, no history)."""
        import tempfile

        held = set(store.sources())
        latest = {
            c.name: store.captures(c.name)[-1].sha256 for c in due
            if c.name in held and store.captures(c.name)
        }
        if not can_fork(len(latest), FORK_MIN):
            return None
        try:  # beside the store's derived data (safe to delete), not in a shared /tmp
            early = cls(store, Path(tempfile.mkdtemp(prefix="run-", dir=store.cache_dir)), latest)
        except (OSError, TrackerError):  # no writable folder: the checks follow the commit
            return None
        early.child = _fork_worker(store, store.config, early.spool)
        if early.child is None:
            early.stop()
            return None
        return early

    def offer(self, conf, fetched: Fetched) -> None:
        """Queue a page that came back different (same bytes: nothing to check)."""
        capture = fetched.capture
        if capture is None or conf.name not in self.latest:
            return
        import pickle

        if hashlib.sha256(capture.data).hexdigest() == self.latest[conf.name]:
            return
        self.count += 1
        path = self.spool / f"{self.count:06d}"
        try:
            path.with_suffix(".tmp").write_bytes(pickle.dumps((conf.name, capture)))
            path.with_suffix(".tmp").rename(path.with_suffix(".new"))
        except Exception:  # noqa: BLE001 (a full disk...: the page is checked after the commit)
            pass

    def offered_all(self) -> None:
        try:
            (self.spool / "done").touch()
        except OSError:
            self.stop()

    def finish(self, store, config, todo: dict[str, str], cache) -> dict:
        """After the commit: take what the copy has not, then its results that hold."""
        import pickle

        out: dict = {}
        if self.child is None:  # stopped early (the spool could not be written): all checked here
            return out
        while (path := _claim(self.spool, ".here")) is not None:
            name = pickle.loads(path.read_bytes())[0]
            if name in todo and _has_before(store, name, todo[name]):
                out[name] = _check(store, config, name, todo[name], cache)
        got = self.child.join() or {}
        self.child = None
        _merge(store, cache, got)
        for name, (info, before, result) in got.get("results", {}).items():
            captures = store.captures(name) if name in todo else []
            if (
                captures
                and captures[-1].id == todo[name] == info.id
                and (captures[-1].sha256, captures[-1].captured_at)
                == (info.sha256, info.captured_at)
                and [c.id for c in captures[:-1]] == before
            ):
                result.new = captures[-1]
                out[name] = result
        return out

    def stop(self) -> None:
        import shutil

        if self.child is not None:
            self.child.kill()
            self.child = None
        shutil.rmtree(self.spool, ignore_errors=True)


def _claim(spool: Path, suffix: str) -> Path | None:
    """The oldest queued page, renamed to `suffix` so that only one process takes it."""
    import os

    for name in sorted(os.listdir(spool)):
        if name.endswith(".new"):
            path = spool / name
            try:
                return path.rename(path.with_suffix(suffix))
            except FileNotFoundError:
                continue  # the other process took it first
    return None


def _fork_worker(store, config, spool: Path):
    """The forked copy of EarlyChecks, or None."""
    import os
    import pickle
    import time

    parent = os.getpid()

    def work():
        warnings, cache = _child_store(store)
        pending: dict[str, bytes] = {}
        stored_bytes = store.read_bytes
        store.read_bytes = lambda info: pending.get(info.path) or stored_bytes(info)
        results = {}
        while True:
            done = (spool / "done").exists()
            path = _claim(spool, ".away")
            if path is None:
                if done or os.getppid() != parent:
                    break
                time.sleep(0.005)
                continue
            name, capture = pickle.loads(path.read_bytes())
            try:
                before = store.captures(name)
                info = store.stand_in(capture, name)
                pending[info.path] = capture.data
                result = _check(store, config, name, info.id, cache)
                results[name] = (info, [c.id for c in before], result)
            except Exception:  # noqa: BLE001 (the parent checks this page again)
                continue
        return _answer(store, results, cache, warnings)

    return start(work)
