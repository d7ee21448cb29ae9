"""`tracker diff` on the bundled samples: the report a reader sees and the JSON a program gets."""

from __future__ import annotations

import json

import pytest
from cli_helpers import make_store, tracker, tracker_json


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return make_store(tmp_path_factory.mktemp("diff"))


def diff_json(store, *refs):
    return tracker_json("diff", "--store", str(store), *refs)


def test_json_contract_2021(store):
    doc = diff_json(store, "2021-09-20", "2021-10-26")
    assert doc["schema"] == "tracker.diff/1"
    assert doc["source"] == "rusemb.org.uk"
    assert doc["from"] == {"id": "20210920075900", "captured_at": "2021-09-20T10:59:00+03:00"}
    assert doc["to"] == {"id": "20211025210300", "captured_at": "2021-10-26T00:03:00+03:00"}
    assert doc["days"] == 36
    for change in doc["changes"]:
        assert {"kind", "old", "new"} <= change.keys()
    counters = [c for c in doc["changes"] if c["kind"] == "counter"]
    assert {
        (c["old"], c["new"], c["delta"], c["expected"], c["on_schedule"]) for c in counters
    } == {
        (1296, 1332, 36, 36, True),
        (1288, 1324, 36, 36, True),
    }
    assert {c["since"] for c in counters} == {"2018-03-04", "2018-03-12"}
    contacts = [c for c in doc["changes"] if c["kind"] == "contact"]
    assert contacts == [
        {**contacts[0], "type": "email", "change": "removed", "old": "info@rusemb.org.uk"}
    ]
    volatile = [c for c in doc["changes"] if c["kind"] == "volatile"]
    assert {c["reason"] for c in volatile} == {"date", "clock"}
    assert doc["summary"]["volatile"] == 3


def test_json_contract_2022(store):
    doc = diff_json(store, "2021-10-26", "2022-05-21")
    assert doc["days"] == 207
    contacts = {
        (c["type"], c["change"], c["old"], c["new"])
        for c in doc["changes"]
        if c["kind"] == "contact"
    }
    assert ("phone", "changed", "+442036687474", "+442031618868") in contacts
    assert any(t == "email" and ch == "hidden" for t, ch, _, _ in contacts)
    counters = [c for c in doc["changes"] if c["kind"] == "counter"]
    assert [c["delta"] for c in counters] == [207, 207]
    assert all(c["on_schedule"] for c in counters)


def test_terminal_report_reads_like_a_changelog(store):
    r = tracker("diff", "--store", str(store), "2021-09-20", "2021-10-26")
    assert r.code == 0, r.err
    out = r.out
    assert "\x1b[" not in out  # piped: no colour codes
    # what alerts first (contacts, the article, news), then counters on schedule, noise last
    order = [
        out.index(s)
        for s in ("Contacts", "Article replaced", "News items", "Counters", "noise ignored")
    ]
    assert order == sorted(order)
    assert "email removed: info@rusemb.org.uk" in out
    assert "1296 → 1332 (+36, on schedule)" in out
    assert "Russian cyberthreats" in out.split("Article replaced")[1].split("News items")[0]
    assert "Ambassador Andrei Kelin" in out
    assert "(36 days)" in out
    assert "noise ignored: 1 date, 2 clocks" in out


def test_one_ref_means_against_the_previous_capture(store):
    one = diff_json(store, "2022-05-21")
    two = diff_json(store, "2021-10-26", "2022-05-21")
    assert one["from"] == two["from"] and one["changes"] == two["changes"]


def test_markdown(store):
    r = tracker("diff", "--store", str(store), "--format", "markdown", "2021-10-26", "2022-05-21")
    assert r.code == 0
    assert r.out.startswith("### rusemb.org.uk: 2021-10-26 → 2022-05-21 (207 days)")
    assert "**phone changed: +442036687474 → +442031618868**" in r.out


def test_colour_on_a_terminal_only_without_no_color(store):
    args = ("diff", "--store", str(store), "2021-09-20", "2021-10-26")
    forced = tracker(*args, env={"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"})
    assert "\x1b[" in forced.out
    plain = tracker(*args, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[3" not in plain.out  # no colours (bold/dim may remain)
    assert plain.out.replace("\x1b[1m", "").count("Counters") == 1


def test_exit_code(store):
    changed = tracker("diff", "--store", str(store), "--exit-code", "2021-09-20", "2021-10-26")
    assert changed.code == 1
    same = tracker("diff", "--store", str(store), "--exit-code", "latest", "latest")
    assert same.code == 0
    assert "No changes beyond noise." in same.out


def test_unknown_ref_is_one_clear_line(store):
    r = tracker("diff", "--store", str(store), "2020-01-01", "latest")
    assert r.code == 2
    assert r.err.count("\n") == 1 and "Traceback" not in r.err
    assert "2018-10-22" in r.err and "2021-09-20" in r.err  # the nearest captures


def test_ignore_masks_without_touching_the_store(store):
    before = {p: p.read_bytes() for p in store.rglob("*.txt")}
    r = tracker(
        "diff",
        "--store",
        str(store),
        "--format",
        "json",
        "--ignore",
        r"\d+ days",
        "2021-09-20",
        "2021-10-26",
    )
    doc = json.loads(r.out)
    assert not [c for c in doc["changes"] if c["kind"] == "counter"]
    assert before == {p: p.read_bytes() for p in store.rglob("*.txt")}
