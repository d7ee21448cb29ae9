"""Every contact change of a block that contacts took over sits at that block (issue #12.2).

`_contacts_take_over` meant, with `held_old is held_new` (never true: two lists), "this block
pair was already explained by its contacts". Only the first contact of a block got the block:
a second phone or address in the same line came out with no block, so no title and no place
in the page order."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import diff_pages

from tracker.differ import diff, normalize, rebuild

INTRO = "Intro paragraph that stays the same on both captures of the page."
OUTRO = "CONTACTS\n\nClosing paragraph that also stays the same on both captures."
CASES = {
    # one block pair whose only difference is its two phones
    "pair": (
        "Embassy phones: +44 20 7946 0000 and +44 20 7946 0001, open daily",
        "Embassy phones: +44 20 7946 0002 and +44 20 7946 0003, open daily",
    ),
    # a phone and an email changed in one line
    "mixed": (
        "Embassy: +44 20 7946 0000, write to info@old.example.org",
        "Embassy: +44 20 7946 0002, write to info@new.example.org",
    ),
}


def _pages(name: str) -> tuple[str, str]:
    a, b = CASES[name]
    return f"{INTRO}\n\n{OUTRO.replace(chr(10) * 2, chr(10) * 2 + a + chr(10) * 2)}", (
        f"{INTRO}\n\n{OUTRO.replace(chr(10) * 2, chr(10) * 2 + b + chr(10) * 2)}"
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_contact_of_a_taken_block_pair_sits_at_it_through_the_cli(tmp_path: Path, name):
    old, new = _pages(name)
    changes = diff_pages(tmp_path, old, new)["changes"]
    contacts = [c for c in changes if c["kind"] == "contact"]
    assert len(contacts) == 2 and all(c["change"] == "changed" for c in contacts), changes
    # both at the block pair (old block 2, new block 2), both under its heading
    assert [(c["old_block"], c["new_block"]) for c in contacts] == [(2, 2), (2, 2)]
    assert [c["title"] for c in contacts] == ["CONTACTS", "CONTACTS"]
    assert [c["kind"] for c in changes] == ["contact", "contact"]  # the pair: no rewrite


def test_every_contact_of_a_removed_and_an_added_contact_block_sits_at_it():
    old = f"{INTRO}\n\n+44 20 7946 0000 / +44 20 7946 0001\n\n{OUTRO}"
    new = f"{INTRO}\n\n{OUTRO}\n\n+44 20 7946 0002 / +44 20 7946 0003"
    report = diff(old, new)
    contacts = [c for c in report.changes if c.kind == "contact"]
    assert [(c.old_block, c.new_block) for c in contacts] == [(1, 3), (1, 3)]
    assert [c.kind for c in report.changes] == ["contact", "contact"]
    assert rebuild(old, report) == normalize(new)
