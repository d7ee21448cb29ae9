"""`tracker report`: a static site of the history, escaped, incremental, with raw captures."""

from __future__ import annotations

import json
import re

from cli_helpers import tracker
from report_helpers import PWNED, build, hostile_store, make_store

LATEST = "20220521081600"  # 2022-05-21: the phone changed, both counters +207


def _mtimes(out):
    return {
        p.relative_to(out).as_posix(): p.stat().st_mtime_ns
        for p in out.rglob("*")
        if p.is_file() and p.name != ".tracker-report.json"
    }


def test_report_of_the_samples(tmp_path):
    store = make_store(tmp_path)
    out = tmp_path / "site"
    r = build(store, out)
    assert "files written" in r.out
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="rusemb.org.uk/index.html"' in index
    assert "ALERT: rusemb.org.uk 2021-10-26 → 2022-05-21" in index  # as tracker check says it
    assert index.count('<svg class="spark"') == 2  # one chart per counter
    assert "1296 (2021-09-20) → 1539 (2022-05-21)" in index
    timeline = (out / "rusemb.org.uk" / "index.html").read_text(encoding="utf-8")
    days = re.findall(r"<strong><a href=\"(\d{14})\.html\">", timeline)
    assert days == ["20220521081600", "20211025210300", "20210920075900", "20181022124400"]
    assert "phone changed: +442036687474 → +442031618868" in timeline
    page = (out / "rusemb.org.uk" / f"{LATEST}.html").read_text(encoding="utf-8")
    assert "phone changed: +442036687474 → +442031618868" in page
    assert page.count('<li class="counter">') == 2
    # the facts (contacts, counters) come before the text
    assert page.index("<h2>Counters</h2>") < page.index("<h2>Article replaced</h2>")
    assert '<details class="noise"><summary>noise ignored: 1 date, 2 clocks</summary>' in page
    assert 'href="raw/20211025210300.txt"' in page and 'href="raw/20220521081600.txt"' in page
    raw = out / "rusemb.org.uk" / "raw" / f"{LATEST}.txt"
    assert raw.read_bytes() == (store / "rusemb.org.uk" / f"{LATEST}.txt").read_bytes()
    rewritten = (out / "rusemb.org.uk" / "20210920075900.html").read_text(encoding="utf-8")
    assert (
        '<del title="deleted">media question concerning the new Bellingcat’s investigation'
        in rewritten
    )
    assert '<ins title="inserted">question on allegations in the UK concerning' in rewritten
    assert "Content-Security-Policy" in page and "<script" not in page


def test_report_is_incremental(tmp_path):
    store = make_store(tmp_path)
    out = tmp_path / "site"
    build(store, out)
    before = _mtimes(out)
    r = build(store, out)
    assert r.out.strip().endswith("0 files written, 13 unchanged")
    assert _mtimes(out) == before  # nothing rewritten
    # a new capture: its own page, its raw copy, the previous latest page (its "newer" link),
    # the timeline, the index and the feeds are written; older pages are not touched
    later = tmp_path / "later.txt"
    text = (store / "rusemb.org.uk" / f"{LATEST}.txt").read_text(encoding="utf-8")
    later.write_text(text.replace("Salisbury", "Salisbury (UK)"), encoding="utf-8")
    r = tracker(
        "import",
        "--store",
        str(store),
        "--source",
        "rusemb.org.uk",
        "--at",
        "2022-06-01T09:00+03:00",
        str(later),
    )
    assert r.code == 0, r.err
    build(store, out)
    after = _mtimes(out)
    changed = sorted(k for k in after if after[k] != before.get(k))
    new_id = next(k for k in after if k not in before and k.endswith(".html"))
    assert changed == sorted(
        [
            "feed.atom",
            "index.html",
            "rusemb.org.uk/feed.atom",
            "rusemb.org.uk/index.html",
            f"rusemb.org.uk/{LATEST}.html",
            new_id,
            "rusemb.org.uk/raw/" + new_id.split("/")[1].replace(".html", ".txt"),
        ]
    )


def test_captured_markup_is_shown_as_text(tmp_path):
    out = tmp_path / "site"
    build(hostile_store(tmp_path), out)
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html, page
        assert "<img" not in html, page
        assert not re.search(r"<[^>]+\sonerror=", html), page
        assert 'href="javascript:' not in html, page
    pair = next((out / "example.org").glob("2*.html")).read_text(encoding="utf-8")
    assert "&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;" in pair
    assert "&lt;img src=x onerror=" in pair
    assert PWNED not in pair  # every quote escaped too
    assert re.search(r"Monday to <del[^>]*>Friday</del><ins[^>]*>Saturday</ins>", pair)


def test_html_captures_are_copied_as_text(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        "<html><body><p>Hello</p><script>document.title='PWNED'</script></body></html>",
        encoding="utf-8",
    )
    store = tmp_path / "s"
    r = tracker("import", "--store", str(store), "--source", "p", "--at", "2024-01-01", str(page))
    assert r.code == 0, r.err
    out = tmp_path / "site"
    build(store, out)
    copies = list((out / "p" / "raw").iterdir())
    assert [c.name for c in copies] == [next((store / "p").glob("*.html")).name + ".txt"]
    manifest = json.loads((out / ".tracker-report.json").read_text())
    assert "index.html" in manifest


def test_report_refuses_a_file_as_out(tmp_path):
    store = make_store(tmp_path)
    out = tmp_path / "file"
    out.write_text("x")
    r = tracker("report", "--store", str(store), "--out", str(out))
    assert r.code == 2
    assert r.err.startswith("tracker: error: ") and len(r.err.strip().splitlines()) == 1
    assert "Traceback" not in r.err


def test_report_of_an_unknown_source_is_one_line(tmp_path):
    store = make_store(tmp_path)
    r = tracker("report", "--store", str(store), "--source", "nope", "--out", str(tmp_path / "o"))
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1
    assert not (tmp_path / "o").exists()


def test_counter_chart_marks_anomalies(tmp_path):
    store = tmp_path / "s"
    for day, n in (("2024-01-01", 100), ("2024-01-11", 110), ("2024-01-21", 115)):
        f = tmp_path / f"{day}.txt"
        f.write_text(f"Welcome.\n\n{n} days have passed since the launch.\n", encoding="utf-8")
        r = tracker("import", "--store", str(store), "--source", "s", "--at", day, str(f))
        assert r.code == 0, r.err
    out = tmp_path / "site"
    build(store, out)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count('<circle class="anomaly"') == 1
    assert "<title>2024-01-21: 115 (anomaly)</title>" in index
    assert "✗ anomalies: 2024-01-21" in index
    assert "100 (2024-01-01) → 115 (2024-01-21)" in index
