"""A table row that holds a "#" of its own ("Issue #12") still reads each figure in its own
column: the Views column's count is engagement, the Score column's a figure."""

from __future__ import annotations

from cli_helpers import tracker, tracker_json

from tracker.differ.hints import counts_days


def _page(score: int, views: int) -> str:
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Issues</title></head>"
        "<body><main><h1>Open issues</h1><table><tr><th>No</th><th>Title</th><th>Score</th>"
        "<th>Views</th></tr><tr><td>Issue #8</td><td>Crash on start</td><td>12</td><td>40</td>"
        f"</tr><tr><td>Issue #12</td><td>Fix login</td><td>{score}</td><td>{views}</td></tr>"
        "</table></main></body></html>"
    )


def test_a_row_with_a_hash_of_its_own_keeps_its_columns(tmp_path):
    store = tmp_path / "s"
    for day, (score, views) in (("2024-05-01", (35, 7)), ("2024-05-02", (36, 9))):
        page = tmp_path / f"{day}.html"
        page.write_text(_page(score, views), encoding="utf-8")
        assert tracker("import", "--store", store, "--source", "p", "--at", day, page).code == 0
    changes = tracker_json("diff", "--store", str(store))["changes"]
    counters = [(c["old"], c["new"]) for c in changes if c["kind"] == "counter"]
    noise = [c["reason"] for c in changes if c["kind"] == "volatile"]
    assert counters == [(35, 36)], changes
    assert noise == ["engagement"], changes


def test_a_japanese_count_of_days_is_a_count_of_days():
    """日 is glued to the words after it: the count is found all the same (never learned)."""
    for text in ("侵攻開始から800日が経過しました", "締切は14日後です"):
        assert counts_days(text), text
