"""Learned noise: blocks that change in nearly every capture become volatile, counters never.

The widget is a queue length, not a view count: view counts are engagement noise anyway."""

from __future__ import annotations

import pytest

from tracker.differ import diff
from tracker.differ.options import DiffOptions
from tracker.history.noise import MIN_PAIRS, learn, shapes


def page(views: int, days: int, news: str = "Old news") -> str:
    return (
        f"Welcome\n\n{views} people in the queue\n\n{days} days have passed since the incident"
        f"\n\n{news}"
    )


def test_a_view_count_that_always_moves_is_learned():
    history = [shapes(page(100 + 7 * i, 10 + i)) for i in range(MIN_PAIRS + 2)]
    labels = {r.label for r in learn(history)}
    assert labels == {"# people in the queue"}  # the days counter is never learned


def test_too_short_a_history_learns_nothing():
    history = [shapes(page(100 + i, 10 + i)) for i in range(MIN_PAIRS)]
    assert learn(history) == []


def test_a_block_that_rarely_changes_is_not_noise():
    views = [100, 100, 100, 101, 101, 101]
    history = [shapes(page(v, 10 + i)) for i, v in enumerate(views)]
    assert learn(history) == []


def test_learned_labels_make_the_differ_call_it_volatile():
    old, new = page(100, 10), page(180, 11)
    plain = diff(old, new)
    assert [c.kind for c in plain.changes if c.old == 100] == ["counter"]
    taught = diff(old, new, options=DiffOptions(volatile_labels={"# people in the queue"}))
    noisy = [c for c in taught.changes if c.kind == "volatile"]
    assert noisy and noisy[0].reason == "learned"
    assert not [c for c in taught.changes if c.kind == "counter" and c.old == 100]


def test_the_cli_applies_learned_noise_and_the_rules_can_override_it(tmp_path):
    import json

    from cli_helpers import tracker

    files = []
    for i in range(5):
        path = tmp_path / f"p{i}.txt"
        text = f"{18 + i} October 2018\nMoscow: 1{i}:00\nLondon: 0{8 + i}:00\n\n" + page(
            100 + 37 * i, 10 + i
        )
        path.write_text(text, encoding="utf-8")
        files.append(path)
    store = tmp_path / "snaps"
    assert tracker("import", "--store", str(store), "--source", "ex", *map(str, files)).code == 0
    listed = tracker("noise", "--store", str(store), "--format", "json")
    assert "# people in the queue" in [r["label"] for r in json.loads(listed.out)["learned"]]

    def views_kinds():
        r = tracker("diff", "--store", str(store), "--format", "json")
        doc = json.loads(r.out)
        return {c["kind"] for c in doc["changes"] if "queue" in str(c.get("label") or c["new"])}

    assert views_kinds() == {"volatile"}
    (store / "tracker.toml").write_text("[alert]\nnot_noise = ['queue']\n", encoding="utf-8")
    assert views_kinds() == {"counter"}
    (store / "tracker.toml").write_text("[alert]\nlearn_noise = false\n", encoding="utf-8")
    assert views_kinds() == {"counter"}
    (store / "tracker.toml").write_text("[alert]\nlearn_noise = 'yes'\n", encoding="utf-8")
    bad = tracker("diff", "--store", str(store))
    assert bad.code == 2 and "learn_noise" in bad.err


def test_learned_noise_follows_the_history_as_it_grows(tmp_path):
    import json

    from cli_helpers import tracker

    store = str(tmp_path / "snaps")

    def add(i: int) -> None:
        path = tmp_path / f"g{i}.txt"
        path.write_text(
            f"{10 + i} May 2019\nMoscow: 1{i}:00\nLondon: 0{i}:00\n\n" + page(100 + 9 * i, 10 + i),
            encoding="utf-8",
        )
        assert tracker("import", "--store", store, "--source", "ex", str(path)).code == 0

    def seen() -> dict:
        out = tracker("noise", "--store", store, "--format", "json").out
        return {r["label"]: r["seen"] for r in json.loads(out)["learned"]}

    for i in range(4):
        add(i)
    assert seen()["# people in the queue"] == 3
    add(4)  # a cached answer for the old history must not be reused
    assert seen()["# people in the queue"] == 4


def test_a_learned_widget_stays_learned_as_quiet_captures_follow():
    """Changed in 4 pairs, then at rest: learned at 4 captures, still learned at 10."""
    history = [shapes(f"Welcome\n\nPhoto {n} of 24\n\nBody") for n in (1, 2, 3, 4, 5) + (5,) * 5]
    for size in range(MIN_PAIRS + 1, len(history) + 1):
        assert [r.label for r in learn(history[:size])] == ["Photo # of #"], size


@pytest.mark.slow
def test_learned_noise_never_flips_back_as_the_history_grows(tmp_path):
    """A rotating widget that changes in every capture holding it, then captures without it
    (it failed to load), then back and at rest: once learned, `tracker noise` keeps it and the
    same pair of captures stays noise."""
    import json

    from cli_helpers import tracker

    store = str(tmp_path / "snaps")
    photos = [3, 9, 14, 2, None, None, None, 7, 7, 7]
    ids = []
    first_learned = None
    for i, photo in enumerate(photos):
        path = tmp_path / f"c{i}.txt"
        widget = f"Photo {photo} of 24\n\n" if photo is not None else ""
        path.write_text(
            f"Harbour office\n\n{widget}Opening {('hours', 'times')[i % 2]} and services\n",
            encoding="utf-8",
        )
        at = f"2024-03-{i + 1:02d}T09:00:00Z"
        r = tracker("import", "--store", store, "--source", "port", "--at", at, str(path))
        assert r.code == 0, r.err
        ids.append(f"202403{i + 1:02d}090000")
        if i < 2:
            continue
        doc = json.loads(tracker("noise", "--store", store, "--format", "json").out)
        learned = [r["label"] for r in doc["learned"]]
        text = tracker("noise", "--store", store).out
        pair = json.loads(tracker("diff", ids[1], ids[2], "--store", store, "--format",
                                  "json").out)
        kinds = {c["kind"] for c in pair["changes"] if "Photo" in str(c.get("new"))
                 or "Photo" in str(c.get("label"))}
        if first_learned is None and learned:
            first_learned = i
        if first_learned is not None:
            assert learned == ["Photo # of #"], (i, learned)
            assert "1 block learned" in text and "no noise learned yet" not in text
            assert kinds == {"volatile"}, (i, pair["changes"])
    assert first_learned == 3
