"""`tracker feed`: valid Atom, one entry per capture that changed, stable ids, capture times."""

from __future__ import annotations

from datetime import UTC, datetime

import feedparser
from cli_helpers import tracker
from report_helpers import hostile_store, make_store

CHANGED = ["20220521081600", "20211025210300", "20210920075900", "20181022124400"]


def _feed(path):
    doc = feedparser.parse(path.read_bytes())
    assert not doc.bozo, doc.get("bozo_exception")
    assert doc.version == "atom10"
    return doc


def test_feed_of_the_samples(tmp_path):
    store = make_store(tmp_path)
    out = tmp_path / "feeds"
    r = tracker("feed", "--store", str(store), "--out", str(out))
    assert r.code == 0, r.err
    doc = _feed(out / "rusemb.org.uk" / "feed.atom")
    ids = [e.id for e in doc.entries]
    assert ids == [f"tag:tracker.invalid,2026:rusemb.org.uk/{i}" for i in CHANGED]
    updated = [datetime(*e.updated_parsed[:6], tzinfo=UTC) for e in doc.entries]
    assert updated[0] == datetime(2022, 5, 21, 8, 16, tzinfo=UTC)  # 11:16 +03:00
    assert doc.entries[0].updated == "2022-05-21T11:16:00+03:00"  # the page's own offset
    assert doc.feed.updated == doc.entries[0].updated
    first = doc.entries[0]
    assert (
        first.title == "phone changed: +442036687474 → +442031618868 · email shown again, "
        "hidden by Cloudflare: [email protected]"
    )
    html = first.content[0].value
    assert first.content[0].type == "text/html"
    assert "<h2>Counters</h2>" in html and "1332 → 1539" in html
    assert "<input" not in html and "side-by-side" not in html  # readers show no CSS: once
    assert first.link == "20220521081600.html"  # relative to the feed, as readers resolve it
    everything = _feed(out / "feed.atom")
    assert [e.id for e in everything.entries] == ids
    assert everything.entries[0].link == "rusemb.org.uk/20220521081600.html"
    assert everything.entries[0].title.startswith("rusemb.org.uk: phone changed")


def test_feed_links_lead_to_the_report_pages(tmp_path):
    store = make_store(tmp_path)
    out = tmp_path / "site"
    assert tracker("report", "--store", str(store), "--out", str(out)).code == 0
    for feed in (out / "feed.atom", out / "rusemb.org.uk" / "feed.atom"):
        for entry in _feed(feed).entries:
            assert (feed.parent / entry.link).is_file(), entry.link


def test_feed_ids_are_stable_and_unchanged_feeds_are_not_rewritten(tmp_path):
    store = make_store(tmp_path)
    out = tmp_path / "feeds"
    assert tracker("feed", "--store", str(store), "--out", str(out)).code == 0
    path = out / "rusemb.org.uk" / "feed.atom"
    data, mtime = path.read_bytes(), path.stat().st_mtime_ns
    r = tracker("feed", "--store", str(store), "--out", str(out))
    assert r.code == 0 and "0 files written" in r.out
    assert path.read_bytes() == data and path.stat().st_mtime_ns == mtime


def test_feed_limit_and_base_url(tmp_path):
    store = make_store(tmp_path)
    out = tmp_path / "feeds"
    r = tracker(
        "feed",
        "--store",
        str(store),
        "--out",
        str(out),
        "--limit",
        "2",
        "--base-url",
        "https://example.github.io/watch",
    )
    assert r.code == 0, r.err
    doc = _feed(out / "feed.atom")
    assert [e.link for e in doc.entries] == [
        f"https://example.github.io/watch/rusemb.org.uk/{i}.html" for i in CHANGED[:2]
    ]
    bad = tracker("feed", "--store", str(store), "--out", str(out), "--base-url", "javascript:x")
    assert bad.code == 2 and bad.err.startswith("tracker: error: --base-url")


def test_feed_of_hostile_text_stays_valid_and_escaped(tmp_path):
    store = hostile_store(tmp_path)
    page = next((store / "example.org").glob("20240111*.txt"))
    out = tmp_path / "feeds"
    r = tracker("feed", "--store", str(store), "--out", str(out))
    assert r.code == 0, r.err
    raw = (out / "example.org" / "feed.atom").read_text(encoding="utf-8")
    assert "<script" not in raw  # the fragment is escaped as XML text, its markup as HTML text
    content = _feed(out / "example.org" / "feed.atom").entries[0].content[0].value
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in content  # text, not markup
    assert "<script" not in content and "<img" not in content
    assert page.exists()


def test_control_characters_in_a_capture_keep_the_feed_valid(tmp_path):
    store = tmp_path / "s"
    for day, text in (
        ("2024-01-01", "Hello.\n\nStatus: open."),
        ("2024-01-05", "Hello.\n\nStatus: closed \x0b\x1b[0m today."),
    ):
        f = tmp_path / f"{day}.txt"
        f.write_text(text, encoding="utf-8")
        r = tracker("import", "--store", str(store), "--source", "s", "--at", day, str(f))
        assert r.code == 0, r.err
    out = tmp_path / "feeds"
    assert tracker("feed", "--store", str(store), "--out", str(out)).code == 0
    assert len(_feed(out / "s" / "feed.atom").entries) == 1
