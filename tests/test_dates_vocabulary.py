"""The date grammar built from the names a diff's pages hold (issue #9: `tracker diff` on the
samples must not be slower than before; compiling every language's name lists cost ~20 ms a
process). Same answers as the full grammar, on every sample line and on random text built from
every language's names."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import tracker
from samples import SAMPLES

from tracker import dates


def _reset(monkeypatch) -> None:
    """No grammar built yet in this process, nothing announced (as a new `tracker diff`)."""
    monkeypatch.setattr(dates, "_scope", [()])
    monkeypatch.setattr(dates, "_vocab", [None])
    monkeypatch.setattr(dates, "_spent", [0])
    dates._atoms.cache_clear()
    dates._atoms_of.cache_clear()
    dates._find.cache_clear()


@pytest.fixture
def fresh(monkeypatch):
    _reset(monkeypatch)
    yield
    dates._atoms.cache_clear()
    dates._atoms_of.cache_clear()
    dates._find.cache_clear()


def _pages() -> list[list[str]]:
    """Groups of lines, each the text of a page: the samples' pages, then pages strung at
    random from every language's names, numbers and signs."""
    pages = [p.read_text("utf-8").split("\n") for p in sorted(SAMPLES.glob("*.txt"))]
    names = dates._names()
    pool = [m for m, _ in names["months"]] + [w for v in names["lists"].values() for w in v]
    pool += "3 12 2023 16:40 : . / - – , (c) © copyright pm uhr h a an one ago ² x2 _".split()
    pool += ["\u0301", "İ", "Σ", "Σσ", "de", "of", "à", "um"]
    rng = random.Random(11)
    for _ in range(60):
        lines = []
        for _ in range(rng.randint(1, 30)):
            words = rng.sample(pool, rng.randint(1, 8))
            lines.append("".join(w + rng.choice(["", " ", ", ", ". "]) for w in words))
        pages.append(lines)
    return pages


def _cases(lines: list[str], rng: random.Random) -> list[tuple[str, int, int]]:
    cases = [(t, 0, len(t)) for t in lines]
    cases += [(t, *sorted((rng.randint(0, len(t)), rng.randint(0, len(t))))) for t in lines]
    return cases


def _find_all(cases) -> list[tuple]:
    out = []
    for text, start, end in cases:
        dates._find.cache_clear()
        out.append(tuple(dates.find(text, start, end)))
    return out


def test_the_announced_vocabulary_gives_the_full_grammars_answers(fresh, monkeypatch):
    """Each page announced (with a second page, as the differ does), its lines and stretches
    of them read with the grammar of its names only, never the full one: the same expressions
    as the full grammar finds."""
    full = dates._build_atoms(None)
    rng = random.Random(5)
    pages = _pages()
    for k, lines in enumerate(pages):
        other = pages[(k + 1) % len(pages)]
        cases = _cases(lines, rng)
        with monkeypatch.context() as m:
            m.setattr(dates, "_atoms_for", lambda low: full)
            expected = _find_all(cases)
        _reset(monkeypatch)  # each page its own process
        dates.vocabulary("\n".join(lines), "\n\n".join(other))
        assert _find_all(cases) == expected, k
        assert dates._atoms.cache_info().currsize == 0  # the full grammar never built
        assert dates._atoms_of.cache_info().currsize == 1  # the announced names sufficed


def test_a_name_the_announced_texts_lack_grows_the_vocabulary(fresh):
    dates.vocabulary("Doors close at 16:40", "Doors close at 17:00")
    assert [e.text for e in dates.find("Doors close at 16:40")] == ["16:40"]
    # "February" is in neither text: a grammar of their names would miss it
    assert [e.text for e in dates.find("Updated 3 February 2023")] == ["3 February 2023"]
    assert dates._atoms_of.cache_info().misses == 2
    assert dates._atoms.cache_info().currsize == 0


def test_many_vocabularies_fall_back_to_the_full_grammar(fresh):
    """A changelog diffs many pages: after a few builds, one full grammar serves all."""
    months = "january february march april may june july august september october".split()
    for month in months:
        page = f"Updated 3 {month} 2023"
        dates.vocabulary(page, page)
        assert [e.text for e in dates.find(page)] == [f"3 {month} 2023"]
    assert dates._atoms_of.cache_info().misses == dates._MAX_VOCABULARIES
    assert dates._atoms.cache_info().currsize == 1


def test_looking_names_up_costs_at_most_a_full_build(fresh):
    """Names are looked up in every new text read; once that has cost about as much as
    building the full grammar, the full grammar serves every text and no name is looked up."""
    line = "Updated 3 June 2023, " + "and more words " * 20
    dates.vocabulary(line)
    for k in range(1000):
        assert [e.text for e in dates.find(f"{k} {line}")] == ["3 June 2023"]
        if dates._atoms.cache_info().currsize:
            break
    assert dates._atoms.cache_info().currsize == 1
    assert 0 < k < 999
    spent = dates._spent[0]
    assert [e.text for e in dates.find("Updated 4 June 2023")] == ["4 June 2023"]
    assert dates._spent[0] == spent


def test_the_samples_diff_never_builds_the_full_grammar(fresh):
    """`tracker diff` on the samples: the grammar of the two pages' names reads every stretch,
    the full name lists of ten languages are never compiled; the report is the same."""
    args = ("diff", "2021-09-20", "2021-10-26", "--store", str(SAMPLES.parent), "--format", "json")
    done = tracker(*args)
    assert done.code in (0, 1), done.err
    assert dates._atoms.cache_info().currsize == 0
    assert dates._atoms_of.cache_info().currsize == 1
    dates._atoms_of.cache_clear()
    dates._find.cache_clear()
    dates._atoms()  # built: every text gets the full grammar
    dates.vocabulary("")
    assert tracker(*args).out == done.out
    assert dates._atoms_of.cache_info().currsize == 0


def test_a_diff_of_the_samples_loads_no_time_zone_data():
    """Reading a page's world clock needs zoneinfo (which loads sysconfig, 1.5-7 ms); a diff
    reads no clock: `tracker diff` on the samples never imports it, nor Babel, nor the `regex`
    module (5 ms: the date grammar runs on `re`; `regex` serves users' own patterns only)."""
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    args = ["diff", "2021-09-20", "2021-10-26", "--store", str(SAMPLES.parent)]
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tracker", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]
    assert done.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert "tracker.dates" in imported and "1 date, 2 clocks" in done.stdout  # read by the grammar
    assert not {"zoneinfo", "babel", "regex"} & imported


def test_the_names_found_are_every_name_the_text_holds():
    """Names are looked for in runs of letters (long texts) or where their first two
    characters occur (short ones): the same set as looking for each name in the whole text."""
    names = dates._names()
    every = [m for m, _ in names["months"]] + [w for v in names["lists"].values() for w in v]
    rng = random.Random(3)
    for lines in _pages():
        page = dates._lower("\n".join(lines))
        texts = [page] + [page[a : a + rng.randint(0, 700)] for a in range(0, len(page), 97)]
        for text in texts:
            assert dates._names_in(text) == {n for n in every if n in text}, text
