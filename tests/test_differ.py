"""The differ on the real sample captures and on edited copies of them (DESIGN §7)."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from samples import SAMPLES as SEEDS

from tracker.differ import DiffOptions, diff, normalize, rebuild

TIMES = {
    "18 October 2018": "2018-10-18T10:29+03:00",
    "22 October 2018": "2018-10-22T15:44+03:00",
    "20 September 2021": "2021-09-20T10:59+03:00",
    "26 October 2021": "2021-10-26T00:03+03:00",
    "21 May 2022": "2022-05-21T11:16+03:00",
}


def _load() -> dict[str, tuple[str, datetime]]:
    out = {}
    if SEEDS.is_dir():
        for path in SEEDS.iterdir():
            text = path.read_text(encoding="utf-8")
            first = text.split("\n", 1)[0].strip()
            if first in TIMES:
                out[first[-4:] + "-" + first] = (text, datetime.fromisoformat(TIMES[first]))
    return out


PAGES = {k.split("-", 1)[1]: v for k, v in _load().items()}
needs_seeds = pytest.mark.skipif(len(PAGES) < 5, reason="sample captures not available")


def run(old: str, new: str, **kw):
    (a, ta), (b, tb) = PAGES[old], PAGES[new]
    return diff(a, b, old_time=ta, new_time=tb, **kw)


def complete(old_text: str, new_text: str, report) -> None:
    assert rebuild(old_text, report) == normalize(new_text)


@needs_seeds
def test_sept_to_oct_2021():
    r = run("20 September 2021", "26 October 2021")
    complete(PAGES["20 September 2021"][0], PAGES["26 October 2021"][0], r)
    contacts = r.of_kind("contact")
    assert [(c.type, c.change, c.old) for c in contacts] == [
        ("email", "removed", "info@rusemb.org.uk")
    ]
    counters = r.of_kind("counter")
    assert [(c.old, c.new, c.delta, c.expected, c.on_schedule, c.since) for c in counters] == [
        (1296, 1332, 36, 36, True, "2018-03-04"),
        (1288, 1324, 36, 36, True, "2018-03-12"),
    ]
    assert counters[0].label.startswith("# days have passed since the Salisbury incident")
    removed_titles = {c.title for c in r.of_kind("removed")}
    added_titles = {c.title for c in r.of_kind("added")}
    assert any("Russian cyberthreats" in t for t in removed_titles if t)
    assert any(t and t.startswith("Ambassador Andrei Kelin") for t in added_titles)
    assert "Embassy comment on new sanctions imposed by UK" in removed_titles
    assert "President Putin's telephone conversation with British Prime Minister Boris Johnson" in (
        added_titles
    )
    removed_texts = {c.old for c in r.of_kind("removed")}
    assert {"PRESS RELEASES AND NEWS", "LATEST EVENTS"} <= removed_texts
    volatile = r.of_kind("volatile")
    assert sorted(c.reason for c in volatile) == ["clock", "clock", "date"]
    # date and clocks appear only as volatile
    for c in r.changes:
        if c.kind != "volatile":
            for t in (c.old, c.new):
                assert not (isinstance(t, str) and re.fullmatch(r"(Moscow|London): \d\d:\d\d", t))
    # the featured article is one group per side, with its title on every block
    article = [c for c in r.of_kind("removed") if c.title and "cyberthreats" in c.title]
    assert len({c.group for c in article}) == 1 and len(article) == 11


@needs_seeds
def test_oct_2021_to_may_2022():
    r = run("26 October 2021", "21 May 2022")
    complete(PAGES["26 October 2021"][0], PAGES["21 May 2022"][0], r)
    contacts = {(c.type, c.change): c for c in r.of_kind("contact")}
    phone = contacts[("phone", "changed")]
    assert (phone.old, phone.new) == ("+442036687474", "+442031618868")
    assert phone.old_block is not None and phone.new_block is not None
    hidden = contacts[("email", "hidden")]
    assert hidden.new == "[email protected]"
    assert [(c.delta, c.on_schedule) for c in r.of_kind("counter")] == [(207, True), (207, True)]
    # the phone line is ONE contact change, not also a counter, rewrite or added/removed block
    phone_lines = [c for c in r.changes if c.kind != "contact" and "203" in str(c.old) + str(c.new)]
    assert phone_lines == []


@needs_seeds
def test_2018_only_featured_article_and_noise():
    r = run("18 October 2018", "22 October 2018")
    complete(PAGES["18 October 2018"][0], PAGES["22 October 2018"][0], r)
    assert set(r.summary()) == {"added", "removed", "volatile"}
    assert not [c for c in r.changes if c.kind in ("moved", "rewritten")]
    assert {c.group for c in r.of_kind("removed")} == {r.of_kind("removed")[0].group}
    assert r.of_kind("removed")[0].title.startswith("Foreign Minister Sergey Lavrov")
    assert r.of_kind("added")[0].title.startswith("Joint statement by the Russian and Chinese")
    # the news list after LATEST EVENTS is untouched
    news = [c for c in r.changes if c.kind != "volatile" and (c.old_block or 0) > 27]
    assert news == []


@needs_seeds
@pytest.mark.parametrize("old", sorted(TIMES))
@pytest.mark.parametrize("new", sorted(TIMES))
def test_every_sample_pair_is_complete(old, new):
    r = run(old, new)
    complete(PAGES[old][0], PAGES[new][0], r)
    _claimed_once(r)


def _claimed_once(r) -> None:
    """No block in two changes (counters of one block pair are one claim)."""
    seen_old, seen_new = {}, {}
    for c in r.changes:
        unit = ("counter", c.old_block, c.new_block) if c.kind == "counter" else id(c)
        for seen, b in ((seen_old, c.old_block), (seen_new, c.new_block)):
            if b is not None:
                assert seen.setdefault(b, unit) == unit, f"block {b} claimed twice"


@needs_seeds
def test_identical_pages_have_no_changes():
    text = PAGES["21 May 2022"][0]
    assert diff(text, text).changes == []
    assert diff(text, text.replace("\n\n", "\n\n\n")).changes == []


@needs_seeds
def test_blank_line_runs_are_no_difference():
    text = PAGES["20 September 2021"][0]
    assert "\n\n\n" in text
    assert diff(text, re.sub(r"\n{3,}", "\n\n", text)).changes == []


@needs_seeds
def test_reformatted_phone_is_no_change():
    a = PAGES["20 September 2021"][0]
    b = a.replace("+44 (0) 203 668 7474", "+44 20 3668 7474")
    r = diff(a, b)
    assert r.of_kind("contact") == []
    # the text did change, but only in how the number is written: noise, reason "format"
    assert [(c.kind, c.reason) for c in r.changes if "3668" in str(c.new)] == [
        ("volatile", "format")
    ]
    assert not r.has_changes
    complete(a, b, r)


@needs_seeds
@pytest.mark.parametrize(
    "new_value, on_schedule", [("1400", False), ("1290", False), ("1332", True)]
)
def test_counter_jump_or_reset(new_value, on_schedule):
    a, ta = PAGES["20 September 2021"]
    b = a.replace("1296 days", f"{new_value} days")
    r = diff(a, b, old_time=ta, new_time=datetime.fromisoformat("2021-10-26T00:03+03:00"))
    (c,) = r.of_kind("counter")
    assert (c.old, c.new, c.expected, c.on_schedule) == (1296, int(new_value), 36, on_schedule)
    assert c.is_anomaly is (not on_schedule)


@needs_seeds
def test_counter_without_times_has_no_schedule():
    a = PAGES["20 September 2021"][0]
    (c,) = diff(a, a.replace("1296 days", "1300 days")).of_kind("counter")
    assert (c.delta, c.expected, c.on_schedule, c.since) == (4, None, None, None)


@needs_seeds
def test_swapped_news_items_are_moved():
    a = PAGES["20 September 2021"][0]
    paras = a.split("\n\n\n")
    i = next(k for k, p in enumerate(paras) if p.lstrip("\n").startswith("21.08.2021"))
    j = next(k for k, p in enumerate(paras) if p.lstrip("\n").startswith("20.08.2021"))
    paras[i], paras[j] = paras[j], paras[i]
    b = "\n\n\n".join(paras)
    r = diff(a, b)
    assert r.of_kind("added", "removed", "rewritten") == []
    moved = r.of_kind("moved")
    assert len(moved) == 2 and len({c.group for c in moved}) == 1
    assert moved[0].title in (
        "Embassy comment on new sanctions imposed by UK",
        "Press release on the anniversary of “Alexey Navalny case”",
    )
    complete(a, b, r)


@needs_seeds
def test_one_word_changed_is_rewritten():
    a = PAGES["20 September 2021"][0]
    b = a.replace("benchmark in promotion", "leader in promotion")
    r = diff(a, b)
    (c,) = r.changes
    assert c.kind == "rewritten" and not c.truncated
    assert ("-", "benchmark") in c.edits and ("+", "leader") in c.edits
    assert c.title.startswith("Human rights situation in the United Kingdom")
    complete(a, b, r)


@needs_seeds
def test_learned_labels_and_rules_make_noise():
    a = PAGES["20 September 2021"][0]
    a = a.replace("all messages", "all messages (11)")
    b = a.replace("all messages (11)", "all messages (12)")
    plain = diff(a, b)
    assert [c.kind for c in plain.changes] == ["counter"]
    ruled = diff(a, b, options=DiffOptions(ignore=[r" \(\d+\)"]))
    assert [(c.kind, c.reason) for c in ruled.changes] == [("volatile", "rule")]
    complete(a, b, ruled)
    c = a.replace("Moscow: 10:59", "Visitors: 10")
    d = a.replace("Moscow: 10:59", "Visitors: 11")
    learned = diff(c, d, options=DiffOptions(volatile_labels={"Visitors: #"}))
    assert [(c.kind, c.reason) for c in learned.changes] == [("volatile", "learned")]
    # a days counter is never learned away: its schedule is the point
    e = a.replace("1296 days", "1297 days")
    label = "# days have passed since the Salisbury incident - no credible information or "
    label += "response from the British authorities"
    kept = diff(a, e, options=DiffOptions(volatile_labels={label}))
    assert [c.kind for c in kept.changes] == ["counter"]


def test_bad_ignore_rule_is_a_tracker_error():
    from tracker.errors import TrackerError

    with pytest.raises(TrackerError):
        diff("a", "b", options=DiffOptions(ignore=["("]))


def test_email_hidden_and_revealed():
    a = "Contact:\n\ninfo@example.org\n\nWelcome to our page, it is long enough."
    b = a.replace("info@example.org", "[email\xa0protected]")
    r = diff(a, b)
    (c,) = r.changes
    assert (c.kind, c.change, c.old, c.new) == (
        "contact",
        "hidden",
        "info@example.org",
        "[email protected]",
    )
    assert (c.old_block, c.new_block) == (1, 1)
    (back,) = diff(b, a).changes
    assert (back.change, back.old, back.new) == (
        "revealed",
        "[email protected]",
        "info@example.org",
    )
    complete(a, b, r)


def test_contact_inside_a_changed_sentence_keeps_the_rewrite():
    a = "Call us on 020 7946 0000 during office hours, Monday to Friday."
    b = "Call us on 020 7946 0018 during opening hours, Monday to Friday."
    r = diff(a, b)
    kinds = [c.kind for c in r.changes]
    assert kinds == ["contact", "rewritten"]
    contact = r.changes[0]
    assert (contact.old, contact.new, contact.old_block, contact.new_block) == (
        "+442079460000",
        "+442079460018",
        None,
        None,
    )
    complete(a, b, r)


def test_order_contact_counter_blocks_volatile():
    a = "1 May 2022\n\nMail a@b.org now\n\nThere are 5 cats here\n\nOld text stays."
    b = "2 May 2022\n\nMail c@b.org now\n\nThere are 6 cats here\n\nOld text stays.\n\nNew."
    kinds = [c.kind for c in diff(a, b).changes]
    assert kinds[0] == "contact" and kinds[-1] == "volatile"
    assert kinds.index("counter") < kinds.index("added")
