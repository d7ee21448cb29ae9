"""`tracker log` as a changelog: typed summaries per capture, filters, cache and counters."""

from __future__ import annotations

import json
import sqlite3

import pytest
from cli_helpers import make_store, tracker, tracker_json

HEADER = "{day} October 2018\nMoscow: {h:02d}:{m:02d}\nLondon: {lh:02d}:{m:02d}\n\n"
BODY = (
    "Consular queries:\n+44 (0) 203 668 7474\n\n"
    "{n} days have passed since the incident\n\n"
    "05.10.2018 - Embassy comment on an accusation\n\nThe text of the comment."
)


def page(day: int, hour: int, n: int, extra: str = "") -> str:
    head = HEADER.format(day=day, h=hour, m=7 * day % 60, lh=hour - 3)
    return head + BODY.format(n=n) + extra


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    return make_store(tmp_path_factory.mktemp("log"))


def log_json(store, *args):
    return tracker_json("log", "--store", str(store), *args)


def test_json_changelog_of_the_samples(samples):
    doc = log_json(samples)
    assert doc["schema"] == "tracker.log/1"
    caps = doc["captures"]
    assert [c["captured_at"][:10] for c in caps] == [
        "2018-10-18",
        "2018-10-22",
        "2021-09-20",
        "2021-10-26",
        "2022-05-21",
    ]
    assert caps[0]["summary"] is None and caps[0]["highlights"] is None
    last = caps[-1]
    assert last["previous"] == caps[-2]["id"] and last["days"] == 207
    assert last["summary"]["contact"] == 2 and last["summary"]["counter"] == 2
    phone = [h for h in last["highlights"] if h["kind"] == "contact" and h["type"] == "phone"]
    assert phone and phone[0]["new"] == "+442031618868"
    roles = {h.get("role") for h in last["highlights"] if h["kind"] == "added"}
    assert {"article", "news"} <= roles
    # the 2018 pair: only the featured article and noise; the news list unchanged
    second = caps[1]
    assert set(second["summary"]) == {"added", "removed", "volatile"}
    assert {h["role"] for h in second["highlights"]} == {"article"}


def test_only_contact_answers_when_the_phone_changed(samples):
    doc = log_json(samples, "--only", "contact")
    assert [c["captured_at"][:10] for c in doc["captures"]] == ["2021-10-26", "2022-05-21"]
    r = tracker("log", "--store", str(samples), "--only", "contact", "--limit", "1")
    assert "1 of 5 captures" in r.out and "phone changed: +442036687474 → +442031618868" in r.out


def test_since_until_limit(samples):
    assert [c["id"][:8] for c in log_json(samples, "--since", "2021")["captures"]] == [
        "20210920",
        "20211025",
        "20220521",
    ]
    until = log_json(samples, "--until", "2021-09-20")["captures"]
    assert [c["captured_at"][:10] for c in until][-1] == "2021-09-20"
    assert len(log_json(samples, "--limit", "2")["captures"]) == 2
    bad = tracker("log", "--store", str(samples), "--only", "weather")
    assert bad.code == 2 and "unknown kind 'weather'" in bad.err


def test_text_is_newest_first_and_plain_when_piped(samples):
    out = tracker("log", "--store", str(samples)).out
    assert "\x1b[" not in out
    assert out.index("2022-05-21 11:16") < out.index("2018-10-18 10:29")
    assert "first capture" in out and "+207 days" in out
    assert "article replaced" in out and "2 counters on schedule (+207)" in out
    oldest = tracker("log", "--store", str(samples), "--oldest-first").out
    assert oldest.index("2018-10-18 10:29") < oldest.index("2022-05-21 11:16")


def test_piped_log_never_wraps_its_learned_noise_line(samples):
    """Piped, no line is cut or wrapped, whatever COLUMNS says (a CI log is read as lines)."""
    out = tracker("log", "--store", str(samples), env={"COLUMNS": "40"}).out
    learned = [line for line in out.splitlines() if "noise learned" in line]
    assert len(learned) == 1 and learned[0].endswith("(see tracker noise)"), out[-300:]


@pytest.mark.parametrize("command", [("log",), ("noise",), ("sources",), ("log", "--captures")])
def test_piped_output_is_the_same_at_any_columns(samples, command):
    wide = tracker(*command, "--store", str(samples), env={"COLUMNS": "250"})
    narrow = tracker(*command, "--store", str(samples), env={"COLUMNS": "30"})
    assert narrow.code == wide.code == 0, narrow.err
    assert narrow.out == wide.out


def test_captures_lists_without_diffing(samples):
    r = tracker("log", "--store", str(samples), "--captures", "--format", "json")
    doc = json.loads(r.out)
    assert "summary" not in doc["captures"][0] and len(doc["captures"]) == 5


def test_summaries_are_cached_and_the_cache_is_disposable(samples):
    first = log_json(samples)
    caches = list((samples / ".git" / "tracker").rglob("history.sqlite3"))
    assert caches, "the changelog must cache its pair summaries"
    with sqlite3.connect(caches[0]) as db:
        pairs = db.execute("SELECT count(*) FROM kv WHERE k LIKE 'pair:%'").fetchone()[0]
    assert pairs >= 4
    assert log_json(samples) == first  # warm: same answer
    caches[0].unlink()
    assert log_json(samples) == first  # cold again: same answer


def test_noise_only_capture_and_counter_anomaly(tmp_path):
    files = []
    for i, (day, n) in enumerate([(18, 100), (19, 101), (20, 102), (21, 150)]):
        path = tmp_path / f"p{i}.txt"
        path.write_text(page(day, 10 + i, n), encoding="utf-8")
        files.append(path)
    same = tmp_path / "p4.txt"
    same.write_text(page(22, 15, 151).replace("151", "151"), encoding="utf-8")
    files.append(same)
    store = tmp_path / "snaps"
    assert tracker("import", "--store", str(store), "--source", "ex", *map(str, files)).code == 0
    out = tracker("log", "--store", str(store)).out
    day21 = out.split("2018-10-21")[1].split("2018-10-20")[0]
    assert "✗" in day21 and "anomaly" in day21 and "+48" in day21
    day19 = out.split("2018-10-19")[1].split("2018-10-18")[0]
    assert "✓ 1 counter on schedule (+1)" in day19
    doc = log_json(store, "--only", "counter-anomaly")
    assert [c["captured_at"][:10] for c in doc["captures"]] == ["2018-10-21"]
    plot = tracker("log", "--store", str(store), "--counters").out
    assert "anomalies: 2018-10-21" in plot and "100 (2018-10-18) → 151 (2018-10-22)" in plot


def test_a_capture_that_changed_only_clocks_is_one_dim_line(tmp_path):
    files = []
    for i, day in enumerate((18, 19)):
        path = tmp_path / f"q{i}.txt"
        path.write_text(
            page(day, 10 + i, 0).replace("0 days have passed since the incident\n\n", ""),
            encoding="utf-8",
        )
        files.append(path)
    store = tmp_path / "snaps"
    assert tracker("import", "--store", str(store), "--source", "ex", *map(str, files)).code == 0
    out = tracker("log", "--store", str(store)).out
    newest = out.split("2018-10-19 1")[1].split("2018-10-18 1")[0]
    assert "noise only" in newest
    assert newest.strip().count("\n") == 0  # one line, nothing spelled out under it
    doc = log_json(store)
    assert doc["captures"][1]["summary"] == {"volatile": 3}
