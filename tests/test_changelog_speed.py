"""The changelog's fast paths give the answers of the slow ones: the whole changelog cached
under one stat of the source's files, pairs diffed in worker processes, indented JSON written
without the json module's pure-Python encoder. Speed itself is in benchmarks/bench_changelog.py.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import time

import pytest
from cli_helpers import tracker

from tracker.history.jsontext import dumps, pieces
from tracker.history.noise import shapes

COUNT = 72  # above fork.MIN_ITEMS: a cold log forks workers


def history(folder, count: int = COUNT) -> list:
    """Pages like the samples: clocks and a day counter that tick, news published now and then
    (the oldest dropped), a phone number changed once."""
    rng = random.Random(7)
    words = "embassy minister statement press news london trade visit council response".split()
    news = [" ".join(rng.choices(words, k=6)).capitalize() for _ in range(6)]
    paths = []
    for i in range(count):
        if rng.random() < 0.3:
            news = [" ".join(rng.choices(words, k=6)).capitalize()] + news[:-1]
        day = 1 + i // 3
        phone = "+44 (0) 203 668 7474" if i < count // 2 else "+44 (0) 203 161 8868"
        text = (
            f"{day} March 2019\nMoscow: {8 * (i % 3) + 1:02d}:{i % 60:02d}\n"
            f"London: {8 * (i % 3):02d}:{i % 60:02d}\n\n"
            f"Consular queries:\n{phone}\n\n"
            f"{361 + day} days have passed since the incident\n\n"
            + "\n\n".join(f"0{1 + k % 9}.03.2019 - {title}" for k, title in enumerate(news))
        )
        path = folder / f"p{i:03d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def long_store(tmp_path_factory):
    root = tmp_path_factory.mktemp("speed")
    pages = root / "pages"
    pages.mkdir()
    store = root / "snaps"
    r = tracker("import", "--store", str(store), "--source", "ex", *map(str, history(pages)))
    assert r.code == 0, r.err
    settle(store)
    return store


def settle(store) -> None:
    """Date the files back, as files written seconds before are not trusted by their stat."""
    old = time.time() - 60
    for path in (store / "ex").iterdir():
        os.utime(path, (old, old), follow_symlinks=False)


def cache_file(store):
    found = list((store / ".git" / "tracker").rglob("history.sqlite3"))
    return found[0] if found else None


def drop_cache(store) -> None:
    if cache_file(store):
        cache_file(store).unlink()


def log(store, *args, workers: str | None = None):
    env = {"TRACKER_WORKERS": workers} if workers else None
    return tracker("log", "--store", str(store), *args, env=env)


def test_workers_and_serial_give_the_same_changelog(long_store):
    drop_cache(long_store)
    serial = log(long_store, "--format", "json", workers="1")
    serial_text = log(long_store, workers="1")  # warm: from the cache the first one left
    drop_cache(long_store)
    parallel = log(long_store, "--format", "json", workers="2")
    assert serial.code == parallel.code == 0, serial.err + parallel.err
    assert parallel.out == serial.out
    doc = json.loads(parallel.out)
    assert len(doc["captures"]) == COUNT
    contact = [c for c in doc["captures"] if (c["summary"] or {}).get("contact")]
    assert [c["id"] for c in contact] == [doc["captures"][COUNT // 2]["id"]]
    drop_cache(long_store)
    assert log(long_store, workers="2").out == serial_text.out


def test_an_unchanged_history_is_answered_from_one_cached_changelog(long_store):
    first = log(long_store, "--format", "json")
    assert first.code == 0, first.err
    with sqlite3.connect(cache_file(long_store)) as db:
        kept = db.execute("SELECT count(*) FROM kv WHERE k LIKE 'changelog:%'").fetchone()[0]
        db.execute("DELETE FROM kv WHERE k NOT LIKE 'changelog:%'")  # pairs, shapes, statuses
    assert kept == 1
    again = log(long_store, "--format", "json")
    assert again.out == first.out
    with sqlite3.connect(cache_file(long_store)) as db:  # nothing was recomputed
        assert db.execute("SELECT count(*) FROM kv WHERE k LIKE 'pair:%'").fetchone()[0] == 0
    limited = json.loads(log(long_store, "--format", "json", "--limit", "3").out)
    assert limited["captures"] == json.loads(first.out)["captures"][-3:]


def test_the_cached_changelog_follows_new_captures_rules_and_edits(long_store, tmp_path):
    base = json.loads(log(long_store, "--format", "json").out)
    # a new capture: the changelog grows by one entry, the rest is the same
    extra = tmp_path / "p999.txt"
    last = (long_store / "ex" / f"{base['captures'][-1]['id']}.txt").read_text(encoding="utf-8")
    extra.write_text(last.replace("Consular queries:", "Visa queries:"), encoding="utf-8")
    r = tracker("import", "--store", str(long_store), "--source", "ex", "--at",
                "2019-12-01T10:00:00+03:00", str(extra))
    assert r.code == 0, r.err
    settle(long_store)
    grown = json.loads(log(long_store, "--format", "json").out)
    assert grown["captures"][:-1] == base["captures"]
    assert "Visa queries" in json.dumps(grown["captures"][-1]["highlights"])
    # a rule in tracker.toml: every summary is worked out again under it
    (long_store / "tracker.toml").write_text("[alert]\nignore = ['\\d+ days have passed']\n")
    try:
        ruled = json.loads(log(long_store, "--format", "json").out)
        assert not any(
            "counter" in (c["summary"] or {}) for c in ruled["captures"]
        ), "the ignore rule must reach a changelog cached before it"
    finally:
        (long_store / "tracker.toml").unlink()
    # a capture edited after it was stored: warned about (once, though a worker read it),
    # and what it gave is not kept, so the next log warns again
    victim = long_store / "ex" / f"{base['captures'][5]['id']}.txt"
    data = victim.read_bytes()
    try:
        victim.write_bytes(data.replace(b"Consular", b"Consulor"))
        settle(long_store)
        drop_cache(long_store)
        for _ in range(2):
            edited = log(long_store, "--format", "json", workers="2")
            assert edited.code == 0
            assert edited.err.count("changed after it was stored") == 1, edited.err
    finally:
        victim.write_bytes(data)
        settle(long_store)


def test_a_capture_lost_under_a_worker_is_one_line_error(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    store = tmp_path / "snaps"
    assert tracker("import", "--store", str(store), "--source", "ex",
                   *map(str, history(pages))).code == 0
    victim = sorted((store / "ex").glob("*.txt"))[40]
    victim.unlink()
    r = log(store, "--format", "json", workers="2")
    assert r.code == 2 and "Traceback" not in r.err
    assert r.err.startswith("tracker: error:") and victim.name in r.err
    assert len(r.err.strip().splitlines()) <= 2


def test_dumps_writes_what_json_dumps_writes():
    rng = random.Random(3)

    def value(depth: int):
        makers = [
            lambda: None,
            lambda: True,
            lambda: False,
            lambda: rng.randrange(-(10**20), 10**20),
            lambda: rng.random() * 1e6,
            lambda: "".join(rng.choice("aé\"\\\n\t\u2028😀<>/ ") for _ in range(rng.randrange(8))),
            lambda: [value(depth + 1) for _ in range(rng.randrange(4))],
            lambda: {str(rng.random()): value(depth + 1) for _ in range(rng.randrange(4))},
            lambda: {1: value(depth + 1), None: [], 2.5: {}, False: "x"},
        ]
        return makers[rng.randrange(len(makers) if depth < 4 else 6)]()

    for _ in range(300):
        v = value(0)
        assert dumps(v) == json.dumps(v, indent=2, ensure_ascii=False)
        assert "".join(pieces(v)) == dumps(v)  # a long log is written in pieces


def test_shapes_settled_from_the_previous_capture_are_the_same(tmp_path):
    recent: dict = {}
    for path in history(tmp_path, 12):
        text = path.read_text(encoding="utf-8")
        assert shapes(text, recent) == shapes(text)
        assert recent  # this capture's blocks, for the next one


def test_changelog_entries_hold_typed_changes(long_store):
    from tracker.differ.model import Change
    from tracker.history.changelog import Highlight, changelog
    from tracker.store import Store

    store = Store.open(long_store)
    entries = changelog(store, "ex")
    shown = [h for e in entries for h in e.highlights or ()]
    assert shown and all(isinstance(h, Highlight) and isinstance(h.change, Change) for h in shown)
    phone = [h.change for h in shown if h.change.kind == "contact"]
    assert [(c.old, c.new) for c in phone] == [("+442036687474", "+442031618868")]
    news = [h for h in shown if h.role == "news"]
    assert news and all(h.paragraphs == 1 and h.title for h in news)
    # back to the cache's dicts, as `log --format json` writes them
    assert [h.to_dict() for h in entries[-1].highlights] == entries[-1].to_dict()["highlights"]


def _double_or_die(state, item):
    from tracker.fork import in_worker

    if in_worker() and item == state:
        os._exit(1)  # a worker killed (out of memory, a signal) in the middle of the work
    return item * 2


def test_pool_keeps_order_and_finishes_when_a_worker_dies(monkeypatch):
    from tracker.fork import ordered_map

    monkeypatch.setenv("TRACKER_WORKERS", "2")
    items = list(range(300))
    assert list(ordered_map(_double_or_die, -1, items)) == [i * 2 for i in items]
    assert list(ordered_map(_double_or_die, 150, items)) == [i * 2 for i in items]
    monkeypatch.setenv("TRACKER_WORKERS", "1")
    assert list(ordered_map(_double_or_die, 150, items)) == [i * 2 for i in items]


# What a warm `log --format json` must not load: it prints the cached changelog's text
# (a stat per file, one query), so the HTML reader, the fetcher, the learned-noise options,
# the pipeline, the text renderers and rich would only cost start-up time.
NOT_WARM = (
    "tracker.capture.html", "tracker.capture.fetch", "tracker.history.options",
    "tracker.history.noise", "tracker.pipeline", "tracker.render.changelog",
    "tracker.alert.select", "rich", "lxml", "regex", "tomllib", "shutil",
)


def test_a_warm_json_log_loads_only_what_it_prints(long_store):
    assert log(long_store, "--format", "json").code == 0  # the cache is filled
    code = (
        "import sys\nfrom tracker.cli import main\n"
        f"try:\n    main(['log', '--store', {str(long_store)!r}, '--format', 'json'])\n"
        "except SystemExit:\n    pass\n"
        "print(*sorted(sys.modules), sep='\\n', file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert json.loads(done.stdout)["captures"], done.stderr[-2000:]
    loaded = set(done.stderr.split())
    assert not [m for m in NOT_WARM if m in loaded], sorted(loaded)


def test_the_cached_shapes_hold_only_what_learning_reads(long_store):
    """A page's blocks without a number ("Consular queries:", a news item's body) can never be
    learned as noise: they are neither fingerprinted nor cached (a 20 KB page's shapes were
    most of its text, written, sent and read back for every capture)."""
    drop_cache(long_store)
    cold = log(long_store, "--format", "json")
    with sqlite3.connect(cache_file(long_store)) as db:
        rows = [json.loads(v) for (v,) in db.execute("SELECT v FROM kv WHERE k LIKE 'shapes:%'")]
    assert len(rows) >= COUNT
    labels = {label for row in rows for label in row}
    assert labels and all("#" in label and any(c.isalpha() for c in label) for label in labels)
    assert {"London: #:#", "Moscow: #:#"} <= set(json.loads(cold.out)["learned_noise"])


def test_a_cold_log_works_out_no_word_edits_it_would_not_show(long_store, monkeypatch):
    """The changelog's highlights hold no word edits, so its pairs are diffed without them
    (on long paragraphs the word diff was most of a pair's time); `diff` still shows them."""
    import tracker.differ.engine as engine

    shown = log(long_store, "--format", "json", workers="1").out
    calls = []
    monkeypatch.setattr(engine, "word_diff", lambda *a: calls.append(a) or ([], False))
    drop_cache(long_store)
    assert log(long_store, "--format", "json", workers="1").out == shown
    assert calls == []
    ids = [c["id"] for c in json.loads(shown)["captures"] if "rewritten" in (c["summary"] or {})]
    r = tracker("diff", ids[0], "--store", str(long_store), "--format", "json")
    assert r.code == 0 and calls  # a diff of a rewritten block asks for its word edits


def test_a_cache_file_that_is_not_a_database_is_started_again(long_store):
    """The cache commits without waiting for the disk (it is derived data); a file a power cut
    left unreadable is replaced on the next command, not left to slow every command down."""
    from tracker.history.cache import Cache

    first = log(long_store, "--format", "json")
    path = cache_file(long_store)
    path.write_bytes(b"not a database, torn by a power cut" * 100)
    assert log(long_store, "--format", "json").out == first.out
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM kv WHERE k LIKE 'changelog:%'").fetchone()[0] == 1
    cache = Cache(path.parent)
    assert cache._db.execute("PRAGMA synchronous").fetchone() == (0,)  # OFF: no fsync
    cache.close()


def test_a_json_log_piped_into_head_ends_quietly_with_status_0(long_store):
    """Written in pieces, a long log meets the closed pipe half way: no error, status 0."""
    log(long_store, "--format", "json")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tracker", "log", "--store", str(long_store), "--format", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert proc.stdout.read(100).startswith(b"{")
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait() == 0 and err == b"", err


def test_the_process_ends_at_once_but_runs_atexit_and_flushes(long_store, tmp_path):
    """`tracker` skips the interpreter's teardown (tracker.cli._end), never what it would run
    first: atexit handlers, and the output still buffered."""
    marker = tmp_path / "atexit-ran"
    code = (
        "import atexit, sys\nfrom tracker.cli import main\n"
        f"atexit.register(lambda: open({str(marker)!r}, 'w').write('yes'))\n"
        f"sys.argv = ['tracker', 'log', '--store', {str(long_store)!r}, '--format', 'json']\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["captures"] and marker.read_text() == "yes"
    bad = subprocess.run(
        [sys.executable, "-m", "tracker", "log", "--store", str(long_store), "--only", "nope"],
        capture_output=True, text=True,
    )
    assert bad.returncode == 2 and bad.stderr.startswith("tracker: error: --only")
