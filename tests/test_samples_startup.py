"""What one `tracker diff` of the samples does besides diffing, counted, not timed (issue #9:
on the samples the whole process must be no slower than before its features; the speed is
measured by `benchmarks/bench_diff.py --process samples --against CHECKOUT`)."""

from __future__ import annotations

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
