"""A page that goes back is a change (A → B → A): only a repeat of the capture just before in
time is skipped, and diff/log/check say which earlier text the page went back to."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest
from cli_helpers import tracker
from test_capture_url import html

PAGE_A = "Consular queries: +44 20 3668 7474\nPress office: press@example.org\n"
PAGE_B = "Consular queries: +44 20 3161 8868\nPress office: press@example.org\n"


def run(store: Path, *args: str, code: int | None = 0):
    done = tracker(*args, env={"TRACKER_STORE": str(store), "NO_COLOR": "1"})
    if code is not None:
        assert done.code == code, (done.out, done.err)
    assert "Traceback" not in done.err
    return done


def files(tmp: Path, **pages: str) -> dict[str, Path]:
    """Text files named by their capture time (no date in the text: the name gives it)."""
    out = {}
    for stamp, text in pages.items():
        path = tmp / f"{stamp.removeprefix('t')}.txt"
        path.write_text(text, encoding="utf-8")
        out[stamp] = path
    return out


def ids(store: Path, source: str = "page") -> list[str]:
    return sorted(p.stem for p in (store / source).glob("*.txt"))


def head(store: Path) -> str:
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=store, capture_output=True, text=True, check=True
    ).stdout.strip()


def next_second() -> None:
    """Capture times are kept to the second: each capture here must have its own."""
    time.sleep(1.01 - time.time() % 1)


@pytest.mark.slow
def test_capture_of_a_page_that_goes_back_is_stored_and_reported(server, tmp_path):
    base, routes = server
    store = tmp_path / "snapshots"
    for news in ("Phone: +44 20 3668 7474", "Phone: +44 20 3161 8868", "Phone: +44 20 3668 7474"):
        routes["/"] = html(news)
        done = run(store, "capture", base + "/", "--source", "embassy")
        assert done.out.startswith("captured embassy "), done.out
        next_second()
    again = run(store, "capture", base + "/", "--source", "embassy")  # the same as just before
    assert "nothing stored" in again.out
    assert len(list((store / "embassy").glob("*.json"))) == 3

    diff = run(store, "diff", "--source", "embassy")
    assert "+442036687474" in diff.out and "+442031618868" in diff.out  # the phone changed back
    assert "back to the text of" in diff.out
    check = run(store, "check", "--source", "embassy", "--format", "json", code=1)
    doc = json.loads(check.out)
    assert doc["alert"] is True
    assert any(n.startswith("back to the text of") for n in doc["notes"])


def test_import_skips_only_a_repeat_of_the_capture_before_in_time(tmp_path):
    store = tmp_path / "snapshots"
    f = files(tmp_path, t20210101120000=PAGE_A, t20210201120000=PAGE_B)
    run(store, "import", "--source", "page", str(f["t20210101120000"]), str(f["t20210201120000"]))
    # The same bytes as A, a month after B: the page went back; stored.
    done = run(
        store, "import", "--source", "page", "--at", "2021-03-01T12:00Z", str(f["t20210101120000"])
    )
    assert "0 already stored, 1 added (commit" in done.out
    assert ids(store) == ["20210101120000", "20210201120000", "20210301120000"]
    # Importing the very same capture again (same bytes, same time) stays a no-op.
    before = head(store)
    same = run(
        store, "import", "--source", "page", "--at", "2021-03-01T12:00Z", str(f["t20210101120000"])
    )
    assert same.out.strip() == "1 already stored, 0 added"
    # A later capture equal to the one just before it in time adds nothing either.
    later = run(
        store, "import", "--source", "page", "--at", "2021-04-01T12:00Z", str(f["t20210101120000"])
    )
    assert later.out.strip() == (
        "0 already stored, 1 unchanged (same bytes as the capture before), 0 added"
    )
    assert head(store) == before

    log = run(store, "log", "--source", "page", "--format", "json").out
    entries = {e["id"]: e for e in json.loads(log)["captures"]}
    assert entries["20210301120000"]["notes"] == [
        "back to the text of 2021-01-01: the same bytes as capture 20210101120000"
    ]
    assert entries["20210301120000"]["summary"]  # the revert is a change, not nothing
    text = run(store, "log", "--source", "page").out
    assert "note: back to the text of 2021-01-01" in text


def test_one_import_is_judged_capture_by_capture_in_time_order(tmp_path):
    store = tmp_path / "snapshots"
    # Given out of time order: A, A again (a repeat), B, then A (a revert).
    f = files(
        tmp_path,
        t20210401120000=PAGE_A,
        t20210301120000=PAGE_B,
        t20210201120000=PAGE_A,
        t20210101120000=PAGE_A,
    )
    done = run(store, "import", "--source", "page", *map(str, reversed(list(f.values()))))
    assert "0 already stored, 1 unchanged (same bytes as the capture before), 3 added" in done.out
    assert ids(store) == ["20210101120000", "20210301120000", "20210401120000"]
    again = run(store, "import", "--source", "page", *map(str, f.values()))
    assert again.out.strip().endswith("0 added")


def test_a_backfill_is_compared_with_its_neighbours_in_time(tmp_path):
    store = tmp_path / "snapshots"
    f = files(tmp_path, t20210101120000=PAGE_A, t20210301120000=PAGE_B)
    run(store, "import", "--source", "page", *map(str, f.values()))
    # Between A and B: equal to A (before it) → nothing; equal to B (after it) → stored, it
    # dates the change earlier, and B's own capture then shows no change.
    a_copy = tmp_path / "later" / "20210115120000.txt"
    b_copy = tmp_path / "later" / "20210201120000.txt"
    a_copy.parent.mkdir()
    a_copy.write_text(PAGE_A, encoding="utf-8")
    b_copy.write_text(PAGE_B, encoding="utf-8")
    done = run(store, "import", "--source", "page", str(a_copy), str(b_copy))
    assert "1 unchanged (same bytes as the capture before), 1 added" in done.out
    assert ids(store) == ["20210101120000", "20210201120000", "20210301120000"]
    log = json.loads(run(store, "log", "--source", "page", "--format", "json").out)["captures"]
    by_id = {e["id"]: e for e in log}
    assert by_id["20210201120000"]["summary"]  # A → B, now dated a month earlier
    assert by_id["20210301120000"]["notes"] == ["the two captures hold the same bytes"]
    assert not by_id["20210301120000"]["summary"]
