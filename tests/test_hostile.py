"""Pages built to hit a quadratic path in the differ: time and output must stay linear.

Structure, not wall clock: the JSON's size, the calls to a function, no crash. Two cases have
no structure to count and run under a generous subprocess timeout that the quadratic code
could not meet (it took minutes), as a safety net.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import tracker, tracker_process

from tracker.differ import contacts


def _store(tmp_path: Path, old: str, new: str, name: str = "s") -> Path:
    """A store with the two texts as captures a day apart."""
    store = tmp_path / name
    for day, text in (("2024-01-01", old), ("2024-01-02", new)):
        page = tmp_path / f"{name}-{day}.txt"
        page.write_text(text, encoding="utf-8")
        r = tracker("import", "--store", str(store), "--source", "x", "--at", day, str(page))
        assert r.code == 0, r.err
    return store


def _diff_json(store: Path) -> str:
    r = tracker("diff", "first", "latest", "--store", str(store), "--format", "json")
    assert r.code == 0, r.err
    return r.out


def _counters_page(n: int, shift: int) -> str:
    rows = [f"Row {k}: {k * 7 + shift} parcels counted at the northern depot" for k in range(n)]
    return "Depot report\n\n" + "\n".join(rows) + "\n\nEnd of report\n"


def test_counters_json_is_linear_in_the_paragraph(tmp_path):
    """Every number of an N-row paragraph moved: N counter changes that refer to the block;
    its text is in the document once, so 2N rows give about twice the JSON, not four times."""
    sizes = {}
    for n in (150, 300):
        store = _store(tmp_path, _counters_page(n, 0), _counters_page(n, 3), f"s{n}")
        out = _diff_json(store)
        doc = json.loads(out)
        counters = [c for c in doc["changes"] if c["kind"] == "counter"]
        assert len(counters) == n
        block = str(counters[0]["new_block"])
        assert {str(c["new_block"]) for c in counters} == {block}
        assert all("text" not in c for c in counters)
        assert doc["blocks"][block] == "\n".join(_counters_page(n, 3).split("\n")[2 : 2 + n])
        # each label is the number's own line, not the whole paragraph
        assert counters[5]["label"] == "Row #: # parcels counted at the northern depot"
        assert out.count("parcels counted") == 2 * n  # n labels + the block once
        sizes[n] = len(out)
    assert sizes[300] < 2.5 * sizes[150]


def test_contacts_without_runs_once_per_block(tmp_path, monkeypatch, git_env):
    """N addresses changed on one line whose other words changed too: the block's text without
    its contacts is computed once per block, not once per contact on the whole block."""

    def page(word: str, domain: str) -> str:
        line = ", ".join(f"user{k}@example.{domain}" for k in range(400))
        return f"Mailing list\n\n{word}: {line}\n"

    store = _store(tmp_path, page("Subscribers", "org"), page("Members", "net"))
    calls = []
    real = contacts.without
    monkeypatch.setattr(contacts, "without", lambda *a: calls.append(1) or real(*a))
    r = tracker("diff", "first", "latest", "--store", str(store), "--format", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert sum(c["kind"] == "contact" for c in doc["changes"]) == 400
    assert len(calls) <= 2


def test_numbers_of_thousands_of_digits_are_not_quantities(tmp_path):
    """int() refuses more than 4,300 digits: such a run is reported as a changed string."""
    old = "Ledger\n\nSerial: " + "1" * 5000 + " issued today\n"
    new = "Ledger\n\nSerial: " + "1" * 4999 + "2 issued today\n"
    doc = json.loads(_diff_json(_store(tmp_path, old, new)))
    (c,) = [c for c in doc["changes"] if c["kind"] == "counter"]
    assert c["old"] == "1" * 5000 and c["new"] == "1" * 4999 + "2" and c["delta"] is None
    big = "Ledger\n\n99999999999 days have passed since the founding\n"
    doc = json.loads(
        _diff_json(_store(tmp_path, big, big.replace("99999999999", "99999999998"), "d"))
    )
    (c,) = [c for c in doc["changes"] if c["kind"] == "counter"]
    assert c["on_schedule"] is False and c["since"] is None  # beyond the calendar: no epoch


def _timed(tmp_path: Path, old: str, new: str, timeout: float) -> dict:
    store = _store(tmp_path, old, new)
    # a process, so that the safety net can stop it: the quadratic code took minutes here
    p = tracker_process("diff", "first", "latest", "--store", store, "--format", "json",
                        timeout=timeout)
    assert p.code == 0, p.err
    return json.loads(p.out)


@pytest.mark.slow
def test_many_phone_lines_in_one_paragraph(tmp_path):
    """10,000 phone-like lines, every number changed (did not finish in 300 s)."""

    def page(area: int) -> str:
        rows = [
            f"Office {k} desk: call +44 20 {area} {k:04d} for appointments" for k in range(10000)
        ]
        return "Contacts\n\n" + "\n".join(rows) + "\n\nEnd\n"

    doc = _timed(tmp_path, page(7946), page(7947), timeout=120)
    changed = [c for c in doc["changes"] if c["kind"] == "contact" and c["change"] == "changed"]
    assert len(changed) == 10000
    assert changed[0]["old"] == "+442079460000" and changed[0]["new"] == "+442079470000"


@pytest.mark.slow
def test_a_long_line_without_spaces_holding_an_at_sign(tmp_path):
    """An "@" deep inside a 1 MB run of word characters: the email pattern rescanned the run
    from every position before it (hours); now each "@" looks at most 64 characters back."""
    run = ("abcde12345.-" * 90000)[:1_000_000]
    old = "Long line\n\n" + run[:300_000] + "@" + run[300_001:] + "\n"
    new = old.replace("abcde12345", "abcdX12345", 1)
    doc = _timed(tmp_path, old, new, timeout=120)
    assert doc["summary"] == {"rewritten": 1}


@pytest.mark.slow
def test_a_block_pair_with_more_distinct_words_than_the_word_diff_can_code(tmp_path):
    """The word diff codes each distinct word as one character: past ~1.1 million of them it
    crashed (chr() out of range). Such a pair gets a coarse, exact diff, marked truncated."""

    def word(k: int) -> str:
        letters = []
        for _ in range(5):
            k, r = divmod(k, 26)
            letters.append(chr(97 + r))
        return "".join(letters)

    words = [word(k) for k in range(1_150_000)]
    old = "Words\n\n" + " ".join(words) + "\n"
    words[500_000] = "changed"
    new = "Words\n\n" + " ".join(words) + "\n"
    doc = json.loads(_diff_json(_store(tmp_path, old, new)))
    (c,) = doc["changes"]
    assert c["kind"] == "rewritten" and c["truncated"] is True
    assert [op for op, _ in c["edits"]] == ["=", "-", "+", "="]
    assert "".join(t for op, t in c["edits"] if op != "-") == new.split("\n\n")[1].strip("\n")
