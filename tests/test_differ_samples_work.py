"""The date grammar's work on the samples, counted, not timed (issue #9: `tracker diff` on the
samples must not be slower than before its features; the speed is measured by
benchmarks/bench_diff.py --against). The grammar is tried only where an expression can start,
and the pairing's date step reads a block whole only when its first word meets the other side."""

from __future__ import annotations

import functools
import random
import re
from collections import Counter

import pytest
from cli_helpers import tracker
from samples import SAMPLES

from tracker import dates
from tracker.differ import contacts, normalize


class _Tries:
    """The grammar, counting the positions it is tried at (a search tries each position of
    its stretch; a match one)."""

    def __init__(self, pattern):
        self.pattern, self.tries = pattern, 0

    def finditer(self, text, start, end):
        self.tries += end - start
        return self.pattern.finditer(text, start, end)

    def match(self, text, pos, end):
        self.tries += 1
        return self.pattern.match(text, pos, end)


def _diff(*args: str) -> str:
    done = tracker("diff", "2021-09-20", "2021-10-26", "--store", str(SAMPLES.parent), *args)
    assert done.code in (0, 1), done.err
    return done.out


def test_the_samples_try_the_grammar_only_where_a_date_can_start(monkeypatch):
    """`tracker diff` on the samples reads ~10 lines with the grammar (the date and clock
    widgets, the counters' stretches): tried at every position, that is hundreds of tries;
    tried where a number or a name's first word starts, a few dozen. Same report."""
    expected = _diff("--format", "json")
    counted = _Tries(dates._atoms())
    monkeypatch.setattr(dates, "_atoms_for", lambda low: counted)
    dates._find.cache_clear()
    read: list[int] = []
    find = dates._find.__wrapped__

    def reading(text, start, end):
        read.append(end - start)
        return find(text, start, end)

    monkeypatch.setattr(dates, "_find", reading)
    assert _diff("--format", "json") == expected
    assert sum(read) > 300  # the lines and stretches the grammar reads
    assert 0 < counted.tries <= sum(read) // 5, (counted.tries, sum(read))


@functools.cache
def _plain_grammar():
    """The grammar without the look-aheads that guard its name lists."""
    source, lists = dates._grammar(None)
    pattern = re.sub(r"\(\?=\[[^\]]*\]\)(?=\\L<)", "", source)
    assert "(?=[" not in pattern and "\\L<months>" in pattern
    return dates._compile(pattern, **lists)


def _reference(low: str, start: int, end: int):
    """The grammar tried at every position, with no look-ahead before its name lists."""
    return _plain_grammar().finditer(low, start, end)


def _corpus() -> list[str]:
    texts = [
        line
        for path in sorted(SAMPLES.glob("*.txt"))
        for line in path.read_text("utf-8").split("\n")
    ]
    names = dates._names()
    pool = [m for m, _ in names["months"]] + [w for v in names["lists"].values() for w in v]
    pool += [
        "3",
        "12",
        "2023",
        "16:40",
        ":",
        ".",
        "/",
        "-",
        "–",
        ",",
        "(c)",
        "©",
        "copyright",
        "pm",
        "uhr",
        "h",
        "a",
        "an",
        "one",
        "ago",
        "²",
        "\u0301",
        "\U00011f50",
        "x2",
        "_",
    ]
    rng = random.Random(9)
    for _ in range(3000):
        texts.append(
            "".join(rng.choice(pool) + rng.choice(" ,.") for _ in range(rng.randint(1, 8)))
        )
    return texts


@pytest.mark.parametrize("part", range(4))
def test_the_scan_for_starts_finds_what_the_whole_grammar_finds(monkeypatch, part):
    """Every date/time expression the grammar finds trying every position, `dates.find` finds
    trying only the starts, with its name lists behind look-aheads for their first letters
    (samples' lines, and names of every language, numbers and signs strung together at
    random), also inside a stretch of a text."""
    texts = _corpus()[part::4]
    rng = random.Random(part)
    cases = [(t, 0, len(t)) for t in texts]
    cases += [(t, *sorted((rng.randint(0, len(t)), rng.randint(0, len(t))))) for t in texts]
    fast = []
    for text, start, end in cases:
        dates._find.cache_clear()
        fast.append(dates.find(text, start, end))
    monkeypatch.setattr(dates, "_matches", _reference)
    for (text, start, end), got in zip(cases, fast, strict=True):
        dates._find.cache_clear()
        assert got == dates.find(text, start, end), (text, start, end)


def test_the_name_lists_written_out_match_what_the_regex_module_s_named_lists_match():
    """The grammar runs on `re`, each name list written out as an alternation, longest name
    first; the `regex` module's named lists (what it was written for) find the same
    expressions, wherever tried, in every language's names strung together. Characters
    Unicode gave a class after Python's own Unicode version (U+11F50, a digit since Unicode
    15) are left out: `re` reads them as Python's `str` methods do, the `regex` module by its
    own, newer tables."""
    import regex

    source, lists = dates._grammar(None)
    theirs = regex.compile(source, regex.V0, **lists)
    ours = dates._atoms()
    texts = [t for t in _corpus() if "\U00011f50" not in t]
    assert len(texts) > 2000
    found = 0
    for text in texts:
        for k in range(len(text)):
            a, b = ours.match(text, k), theirs.match(text, k)
            assert (a and (a.span(), a.lastgroup)) == (b and (b.span(), b.lastgroup)), (text, k)
            found += a is not None
    assert found > 300


def test_the_date_step_reads_whole_only_blocks_whose_first_word_meets(monkeypatch):
    """The pairing's date step (the same short text around other dates) keys a block by its
    words that no date holds; a block whose first such word no block of the other page has
    cannot pair, so it is not read whole (only the widget test reads short lines whole)."""
    pages = {p.read_text("utf-8").split("\n", 1)[0]: p for p in SAMPLES.glob("*.txt")}
    old, new = (
        normalize(pages[d].read_text("utf-8")).split("\n\n")
        for d in ("20 September 2021", "26 October 2021")
    )

    def head(text: str) -> str:  # the first word no date holds
        return dates.skeleton(text).split(" ")[0]

    heads_old, heads_new = set(map(head, old)), set(map(head, new))
    whole: list[str] = []
    skeleton = dates.skeleton

    def reading(text):
        whole.append(text)
        return skeleton(text)

    monkeypatch.setattr(dates, "skeleton", reading)
    _diff()
    long = [t for t in whole if len(t) > 60]
    assert whole and all(head(t) in heads_old & heads_new for t in long), [
        t[:40] for t in long if head(t) not in heads_old & heads_new
    ]


def _region_reading_all(*texts: str) -> str | None:
    """`contacts.page_region` as it read every window: the reference."""
    counts: Counter = Counter()
    for text in texts:
        for k, m in enumerate(contacts._INTL_WIDE.finditer(text)):  # every plus, any width
            if k >= contacts._REGION_SAMPLE:
                break
            window = text[m.start() : m.start() + 28].split("\n", 1)[0]
            for e164, _, _ in contacts._phones(window, "ZZ"):
                region = contacts._region_of(e164)
                if region:
                    counts[region] += 1
    return counts.most_common(1)[0][0] if counts else None


def test_the_page_region_stops_reading_when_the_rest_cannot_change_it(monkeypatch):
    """The country of a page's numbers is decided once the windows left cannot overtake the
    leader (a tie goes to the country counted first): the same answer as reading them all, on
    pages of numbers of several countries, valid or not, in any order."""
    numbers = [
        "+44 20 7946 0958",
        "+44 (0) 203 668 7474",
        "+33 1 42 68 53 00",
        "+1 202 456 1111",
        "+7 495 244 4056",
        "+49 30 18181 0",
        "+44 12",
        "+99 123 456",
        "tel. +33 1 42 68 53 00 / +44 20 7946 0958",
        "\uff0b33 1 42 68 53 00 or +1 202 456 1111",
    ]
    rng = random.Random(7)
    for _ in range(150):
        pages = [
            "\n\n".join(rng.choice(numbers) for _ in range(rng.randint(0, 5))) for _ in range(2)
        ]
        assert contacts.page_region(*pages) == _region_reading_all(*pages), pages
    parsed: list[str] = []
    phones = contacts._phones

    def parsing(window, region):
        parsed.append(window)
        return phones(window, region)

    monkeypatch.setattr(contacts, "_phones", parsing)
    assert contacts.page_region("+44 20 7946 0958", "+33 1 42 68 53 00") == "GB"
    assert parsed == ["+44 20 7946 0958"]  # France could only tie, and a tie goes to GB
