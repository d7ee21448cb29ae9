"""What the differ reads, counted, not timed (issue #9: `tracker diff` must not get slower; the
speed itself is measured by benchmarks/bench_diff.py). Each test counts a piece of work that
used to be done for the whole page, or twice, and is now done once, for what changed."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import diff_pages

from tracker import dates
from tracker.differ import diff, normalize, rebuild
from tracker.differ.news import annotate
from tracker.differ.segment import Blocks


def _news_page(items: int, changed: set[int]) -> str:
    out = ["PRESS RELEASES AND NEWS"]
    for k in range(items):
        out.append(f"{1 + k % 28:02d}.{1 + k % 12:02d}.2021 - Statement number {k} on matters")
        body = f"The text of statement {k}, long enough to be a paragraph of its own, is here."
        out.append(body.replace("is here", "was changed") if k in changed else body)
    return "\n\n".join(out)


class _Counted(list):
    reads = 0

    def __getitem__(self, i):
        _Counted.reads += 1
        return super().__getitem__(i)


def test_a_change_in_a_news_item_reads_the_page_only_to_its_item_head():
    """annotate names a block in a news item by its item: no heading is looked for above it
    (that walk read every block of the page above the last change)."""
    old, new = _news_page(2000, set()), _news_page(2000, {1990})
    report = diff(old, new)
    texts_old, texts_new = normalize(old).split("\n\n"), normalize(new).split("\n\n")
    _Counted.reads = 0
    annotate(report.changes, Blocks(_Counted(texts_old)), Blocks(_Counted(texts_new)))
    assert _Counted.reads < 50, _Counted.reads  # the page has 4,001 blocks
    (c,) = [c for c in report.changes if c.kind == "rewritten"]
    assert c.section == "Statement number 1990 on matters" and c.title == c.section


def test_a_counter_pair_reads_its_dates_once(monkeypatch):
    """The date grammar is read once for a counter pair with no date near its numbers: the
    old side's stretch that differs (only_dates_differ, then the counters ask the same), never
    the whole block again, nor the new side."""
    old = "Visitors so far this season at the museum and its garden: 1539 people, thank you"
    new = old.replace("1539", "1546")
    reads: list[tuple[int, int]] = []
    read = dates._matches  # the grammar over one stretch

    def counting(text, start, end):
        reads.append((start, end))
        return read(text, start, end)

    monkeypatch.setattr(dates, "_matches", counting)
    if hasattr(dates, "_find"):  # remembered answers would hide the reading
        dates._find.cache_clear()
    report = diff(f"Intro line of the page.\n\n{old}", f"Intro line of the page.\n\n{new}")
    assert [(c.kind, c.old, c.new) for c in report.changes] == [("counter", 1539, 1546)]
    assert len(reads) == 1, reads


def test_changes_in_news_items_are_named_by_their_items_through_the_cli(tmp_path: Path):
    """Through the CLI, each change in a news item is named by its item, and the report is
    complete (the new page rebuilt from the old one and the changes)."""
    old, new = _news_page(300, set()), _news_page(300, {7, 150, 299})
    changes = diff_pages(tmp_path, old, new)["changes"]
    assert [c["title"] for c in changes] == [
        f"Statement number {k} on matters" for k in (7, 150, 299)
    ]
    assert rebuild(old, diff(old, new)) == normalize(new)
