"""A large pair diffed as a cold process (issue #12 item 6), second round: each question the
differ asks of a changed block or of the page is asked once and answered in one place."""

from __future__ import annotations

import random
import sys
from collections import Counter

from cli_helpers import tracker

from tracker.differ import contacts, engine, pairing

WORDS = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda omicron".split()


def _store(tmp_path, old: list[str], new: list[str], days=("2024-01-01", "2024-01-02")) -> str:
    store = tmp_path / "store"
    for day, paras in zip(days, (old, new), strict=True):
        page = tmp_path / f"{day}.txt"
        page.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
        r = tracker("import", "--store", str(store), "--source", "x", "--at", day, str(page))
        assert r.code == 0, r.err
    return str(store)


def test_a_changed_block_is_asked_once_whether_it_hides_an_address(tmp_path, monkeypatch):
    """A changed block with no phone window, "@" or placeholder is read for an address written
    "[at]" … "[dot]" once: `find` takes the engine's answer instead of asking again."""
    asked: Counter = Counter()
    real = contacts.maybe_obfuscated

    def counting(text):
        asked[text] += 1
        return real(text)

    monkeypatch.setattr(contacts, "maybe_obfuscated", counting)
    old = ["Welcome", "Write to jane [at] example [dot] org", "Opening hours vary", "Bye"]
    new = ["Welcome", "Write to john [at] example [dot] org", "Opening hours differ", "Bye"]
    done = tracker("diff", "first", "latest", "--store", _store(tmp_path, old, new),
                   "--format", "json")
    changes = done.json()["changes"]
    assert {(c.get("old"), c.get("new")) for c in changes if c["kind"] == "contact"} == {
        ("jane@example.org", "john@example.org")
    }
    assert asked and max(asked.values()) == 1, asked


def test_both_scorers_make_their_word_bits_in_one_place(tmp_path, monkeypatch):
    """Similar wording is scored with word sets as bit masks in two places (a small scope with
    many meetings, `_similar_pairs`; a block with many candidates, `_indexed_pairs`): both
    build them with `_word_bits`, and the pairs are those the sets give."""
    callers: list[str] = []
    real = pairing._word_bits

    def watched(words, olds, words_old):
        callers.append(sys._getframe(1).f_code.co_name)
        return real(words, olds, words_old)

    monkeypatch.setattr(pairing, "_word_bits", watched)
    rng = random.Random(11)
    kept = [f"Kept paragraph number {k}" for k in range(6)]
    small = [" ".join(rng.choices(WORDS, k=10)) + f" s{k}" for k in range(40)]
    large = [" ".join(rng.choices(WORDS, k=10)) + f" l{k}" for k in range(100)]
    old = kept[:2] + small + kept[2:4] + large + kept[4:]
    new = (
        kept[:2] + [p + " (revised)" for p in small] + kept[2:4]
        + [p + " (revised)" for p in large] + kept[4:]
    )
    done = tracker("diff", "first", "latest", "--store", _store(tmp_path, old, new),
                   "--format", "json")
    changes = done.json()["changes"]
    assert [c["kind"] for c in changes] == ["rewritten"] * 140
    assert all(c["old"] + " (revised)" == c["new"] for c in changes)
    assert {"_similar_pairs", "_indexed_pairs"} <= set(callers)


def test_blocks_held_once_are_counted_as_the_alignment_counts(tmp_path, monkeypatch):
    """Whether a moved date stayed in place asks which blocks the page holds once: counted by
    the alignment's own `_once` (one definition), for each page once."""
    counted: list[int] = []
    real = engine._single

    def counting(texts):
        counted.append(len(texts))
        return real(texts)

    monkeypatch.setattr(engine, "_single", counting)
    old = ["Notice", "Applications close on 15 June 2024.", "Read more", "News", "Read more"]
    new = ["Notice", "Applications close on 30 June 2024.", "Read more", "News", "Read more"]
    store = _store(tmp_path, old, new, ("2024-05-02", "2024-05-03"))
    done = tracker("diff", "first", "latest", "--store", store, "--format", "json")
    (change,) = done.json()["changes"]
    assert (change["kind"], change.get("reason")) == ("rewritten", "date")
    assert counted == [5, 5]
