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
