"""What one `tracker diff` of the samples does besides diffing, counted, not timed (issue #9:
on the samples the whole process must be no slower than before its features; the speed is
measured by `benchmarks/bench_diff.py --process samples --against CHECKOUT`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import tracker
from samples import SAMPLES

from tracker import dates


def _diff(*args: str) -> str:
    done = tracker("diff", "2021-09-20", "2021-10-26", "--store", str(SAMPLES.parent), *args)
    assert done.code in (0, 1), done.err
    return done.out


def _forget_dates() -> None:
    """Every answer the date grammar remembers, as a new process starts without them."""
    for value in vars(dates).values():
        if callable(value) and hasattr(value, "cache_clear"):  # functools.cache / lru_cache
            value.cache_clear()
    dates._vocab[0], dates._scope[0], dates._spent[0] = None, (), 0


def test_the_date_names_are_read_once_per_process(monkeypatch):
    """A dozen parts of the grammar (its names, their index, first words, date words, ...)
    ask for the CLDR names: the cache file is found, read and parsed once, not once each."""
    expected = _diff("--format", "json")
    _forget_dates()
    found: list[object] = []
    cache_file = dates._cache_file

    def counted():
        found.append(cache_file())
        return found[-1]

    monkeypatch.setattr(dates, "_cache_file", counted)
    assert _diff("--format", "json") == expected
    assert len(found) == 1, len(found)


def test_the_grammar_built_for_the_samples_holds_the_time_pattern_once(monkeypatch):
    """`06.05.` is a date only before a time: its look-ahead asks whether a time starts there,
    which needs a third of the time pattern (no zone, no seconds), not a second copy of it to
    compile. Same report."""
    expected = _diff("--format", "json")
    _forget_dates()
    built: list[str] = []
    compile_ = dates._compile

    def recorded(pattern, **lists):
        built.append(pattern)
        return compile_(pattern, **lists)

    monkeypatch.setattr(dates, "_compile", recorded)
    assert _diff("--format", "json") == expected
    grammars = [p for p in built if "(?P<time>" in p]
    assert grammars and all(p.count(dates._TIME) == 1 for p in grammars), len(grammars)


def test_the_look_ahead_for_a_time_answers_as_the_time_pattern():
    """At every position of texts strung from the pieces of times, `_TIME_AHEAD` matches
    exactly where `_TIME` does."""
    import random
    import re

    full, ahead = re.compile(dates._TIME), re.compile(dates._TIME_AHEAD)
    assert len(dates._TIME_AHEAD) < len(dates._TIME) * 2 / 3
    pieces = "0 1 2 3 4 5 9 12 16 23 24 : : . , - h u uh r ur uhr a p m . ч ч. noon midi".split()
    pieces += [" ", " ", "\u00a0", "x", "am", "pm", "utc", "msk", "z", "(", ")", "+", "12 "]
    rng = random.Random(5)
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 9)))
        for pos in range(len(text)):
            assert bool(full.match(text, pos)) == bool(ahead.match(text, pos)), (text, pos)


# `tracker` as its process runs it (`main()` without argv), counting the patterns `re` parses
# once the CLI is loaded (click's own are parsed before): each one a compile from scratch.
_COUNTED = """
import atexit, re, sys
import tracker.cli
parsed = []
parse = re._parser.parse
re._parser.parse = lambda *a, **k: parsed.append(a[0]) or parse(*a, **k)
atexit.register(lambda: print(f"parsed {len(parsed)}", file=sys.stderr))
sys.argv = ["tracker", *sys.argv[1:]]
tracker.cli.main()
"""


def _process(cache: Path, *args: str) -> tuple[str, int]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run(
        [sys.executable, "-c", _COUNTED, "diff", "2021-09-20", "2021-10-26", "--store",
         str(SAMPLES.parent), *args],
        capture_output=True, text=True, env=env, cwd=cache.parent,  # no `tracker` folder
    )
    assert done.returncode in (0, 1), done.stderr
    assert "parsed " in done.stderr, done.stderr
    return done.stdout, int(done.stderr.rsplit("parsed ", 1)[1])


@pytest.fixture
def cache(tmp_path) -> Path:
    """An empty cache folder but for the date names (read from Babel they cost ~0.2 s)."""
    folder = tmp_path / "cache"
    (folder / "tracker").mkdir(parents=True)
    names = dates._cache_file()
    if names is not None and names.exists():
        shutil.copy(names, folder / "tracker" / names.name)
    return folder


def test_a_second_tracker_process_compiles_no_pattern_anew(cache):
    """The first `tracker diff` compiles its ~100 patterns and keeps their codes; the next one
    takes them as they were (parsing none again), and prints the very same report."""
    expected = _diff("--format", "json")
    first, parsed_first = _process(cache, "--format", "json")
    assert list((cache / "tracker").glob("regex-*.marshal"))
    second, parsed_second = _process(cache, "--format", "json")
    assert first == second == expected
    assert parsed_first > 50 and parsed_second == 0, (parsed_first, parsed_second)


def test_a_damaged_file_of_kept_patterns_only_costs_their_compiles(cache):
    _process(cache, "--format", "json")
    (kept,) = (cache / "tracker").glob("regex-*.marshal")
    data = kept.read_bytes()
    for damaged in (b"", b"not marshal", data[: len(data) // 2], data[:100] + bytes(300)):
        kept.write_bytes(damaged)
        out, parsed = _process(cache, "--format", "json")
        assert out == _diff("--format", "json") and parsed > 50
    assert _process(cache, "--format", "json") == (out, 0)  # written anew, whole



def test_a_diff_of_text_captures_loads_no_http_codes(cache):
    """A capture read from a file has no HTTP status: its label needs no `http` module (an
    enum of 60 codes built at import)."""
    listed = "import atexit, sys, tracker.cli\n"
    listed += "atexit.register(lambda: print(*sorted(sys.modules), file=sys.stderr))\n"
    listed += "sys.argv = ['tracker', *sys.argv[1:]]\ntracker.cli.main()\n"
    done = subprocess.run(
        [sys.executable, "-c", listed, "diff", "2021-09-20", "2021-10-26", "--store",
         str(SAMPLES.parent)],
        capture_output=True, text=True, env={**os.environ, "XDG_CACHE_HOME": str(cache)},
        cwd=cache.parent,
    )
    assert done.returncode in (0, 1), done.stderr
    loaded = set(done.stderr.split())
    assert "tracker.capture.errorpage" in loaded and "http" not in loaded


def test_the_kept_patterns_never_hold_a_notification_secret(cache):
    """An error line is scrubbed of the notification URLs' pieces with a pattern made of them:
    that one is compiled each time, never written with the patterns the process keeps."""
    secret = "s3cr3t.T0ken-9f8e7d"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache),
           "TRACKER_NOTIFY": f"json://user:{secret}@hooks.example.org/notify"}
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "diff", "1999-01-01", "--store", str(SAMPLES.parent)],
        capture_output=True, text=True, env=env, cwd=cache.parent,
    )
    assert done.returncode == 2 and "tracker: error:" in done.stderr, done.stderr
    (kept,) = (cache / "tracker").glob("regex-*.marshal")
    assert secret.encode() not in kept.read_bytes()
    assert secret.replace(".", "\\.").replace("-", "\\-").encode() not in kept.read_bytes()


def test_help_neither_reads_nor_writes_kept_patterns(cache):
    """`tracker --help` loads no command: the kept patterns (~100 KB) would cost it more than
    the few it compiles."""
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "--help"], capture_output=True, text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(cache)}, cwd=cache.parent,
    )
    assert done.returncode == 0 and "Usage: tracker" in done.stdout, done.stderr
    assert not list((cache / "tracker").glob("regex-*"))
