"""`tracker run`, `tracker add`, `tracker sources` end to end, against servers on 127.0.0.1.

Three servers (three ports: three hosts for the run's politeness), twenty sources: some
change between runs, one host port is closed (failing), one page redirects, one page has not
changed for longer than its `expect_change_within` (stale), and one source's selector is set
after its captures were taken (the history is re-read with it).
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import http_helpers
import pytest
from cli_helpers import make_store, tracker


class Site(http_helpers.Site):
    """A local web server whose pages the test edits between runs; each answer takes 20 ms, long
    enough for overlapping requests to show in `max_in_flight`; `/hook` takes webhooks."""

    def __init__(self):
        super().__init__(latency=0.02)
        self.routes["/hook"] = (204, {}, b"")

    def page(self, path: str, main: str, nav: str = "Home · News", **kw) -> None:
        body = (
            f"<html><head><title>{path}</title></head><body><nav>{nav}</nav>"
            f"<main><h1>Page {path}</h1><p>{main}</p></main><footer>© 2024</footer></body></html>"
        )
        self.routes[path] = (kw.get("status", 200), kw.get("headers", {}), body.encode())


@pytest.fixture
def sites():
    made = [Site() for _ in range(3)]
    yield made
    for site in made:
        site.close()


def closed_port() -> str:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/down"


def git(store: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(store), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


def run(store: Path, *args: str):
    r = tracker("run", "--store", str(store), "--delay", "0", "--retries", "0", *args,
                "--format", "json")
    assert r.out, r.err
    return r, json.loads(r.out)


def by_name(doc: dict) -> dict:
    return {s["source"]: s for s in doc["sources"]}


@pytest.fixture
def watched(tmp_path, sites, git_env):
    """A store whose tracker.toml declares 20 sources on the three sites (one on a closed
    port, one redirecting, one stale: imported 30 days ago, unchanged since)."""
    store = tmp_path / "store"
    store.mkdir()
    git(store, "init", "-q")
    lines = ["# pages we watch\n[alert]\nkinds = ['contact', 'added', 'removed', 'rewritten', "
             "'status']\n"]
    for i in range(17):
        site = sites[i % 3]
        site.page(f"/p{i}", f"Item {i} text, first version.")
        lines.append(f'[sources."page-{i}"]\nurl = "{site.base}/p{i}"\ntags = ["t{i % 2}"]\n')
    sites[0].routes["/old"] = (301, {"Location": "/new"}, b"moved")
    sites[0].page("/new", "The page at its new address.")
    lines.append(f'[sources.moved]\nurl = "{sites[0].base}/old"\n')
    lines.append(f'[sources.down]\nurl = "{closed_port()}"\ntimeout = 2\n')
    sites[1].page("/frozen", "Day counter: 41 days since the launch.")
    lines.append(
        f'[sources.frozen]\nurl = "{sites[1].base}/frozen"\nexpect_change_within = "14d"\n'
    )
    (store / "tracker.toml").write_text("\n".join(lines), encoding="utf-8")
    frozen = tmp_path / "frozen.html"
    frozen.write_bytes(sites[1].routes["/frozen"][2])
    r = tracker("import", "--store", str(store), "--source", "frozen", "--at",
                "2020-01-01T00:00:00Z", str(frozen))
    assert r.code == 0, r.err
    return store


@pytest.mark.slow
def test_run_twenty_sources_on_three_hosts(watched, sites):
    store = watched
    commits = int(git(store, "rev-list", "--count", "HEAD"))
    r, doc = run(store)
    assert r.code == 2, r.err  # a source failed; the others are captured and checked
    runs = by_name(doc)
    assert len(runs) == 20
    assert runs["down"]["outcome"] == "failed" and "cannot connect" in runs["down"]["error"]
    new = [n for n, s in runs.items() if s["outcome"] == "new"]
    assert len(new) == 18  # 17 pages and the redirected one; frozen's bytes are stored already
    assert runs["frozen"]["outcome"] == "unchanged"
    assert runs["frozen"]["stale"].startswith("stale: no change since 2020-01-01")
    assert runs["frozen"]["alert"] and doc["alert"]
    # One commit holds every capture of the run and the run's memory.
    assert int(git(store, "rev-list", "--count", "HEAD")) == commits + 1
    files = git(store, "show", "--name-only", "--format=", "HEAD").splitlines()
    assert len([f for f in files if f.endswith(".html")]) == 18
    assert ".tracker/run/down.json" in files
    sidecar = json.loads((store / "moved" / f"{runs['moved']['capture']}.json").read_text())
    assert sidecar["extra"]["final_url"] == f"{sites[0].base}/new"
    # Polite: never two requests at once to one host.
    assert all(site.max_in_flight == 1 for site in sites)

    sites[0].page("/p0", "Item 0 text, second version, rewritten.")
    sites[1].page("/p1", "Item 1 text, first version.", nav="Home · News · Jobs")
    sites[2].page("/p2", "Item 2 text, first version. Call us: +44 20 7946 0000")
    r, doc = run(store, "--fail-after", "2")
    runs = by_name(doc)
    assert r.code == 2
    assert {n for n, s in runs.items() if s["outcome"] == "new"} == {"page-0", "page-1", "page-2"}
    assert runs["page-0"]["alert"] and runs["page-2"]["alert"]
    alerts = runs["page-2"]["check"]["alerts"]
    assert any(a["kind"] == "contact" for a in alerts)
    assert runs["down"]["failures"] == 2 and runs["down"]["failing"]

    # The text report: one verdict line, one block per source that needs a look.
    r = tracker("run", "--store", str(store), "--delay", "0", "--retries", "0")
    assert r.code == 2
    assert r.out.startswith("tracker run: 20 source(s): 0 new capture(s), 19 unchanged, 1 failed")
    assert "failed (3 runs in a row): cannot connect to" in r.out
    assert "stale: no change since 2020-01-01" in r.out

    rows = {row["name"]: row for row in json.loads(
        tracker("sources", "--store", str(store), "--format", "json").out)["sources"]}
    assert rows["down"]["state"].startswith("failing (3 in a row")
    assert rows["frozen"]["state"].startswith("stale")
    assert rows["page-3"]["state"] == "ok" and rows["page-3"]["captures"] == 1
    assert tracker("verify", "--store", str(store)).code == 0


def test_selectors_set_later_reread_the_history(watched, sites):
    store = watched
    run(store, "--source", "page-1")
    # outside <main>: a new menu entry, and a link (links are compared beside the text)
    sites[1].page("/p1", "Item 1 text, first version.", nav='Home · <a href="/shop">Shop</a>')
    run(store, "--source", "page-1")
    assert len(list((store / "page-1").glob("*.html"))) == 2
    before = tracker("diff", "--store", str(store), "--source", "page-1", "--format", "json")
    assert json.loads(before.out)["changes"], "the menu changed: a change without selectors"

    text = (store / "tracker.toml").read_text()
    (store / "tracker.toml").write_text(
        text.replace('[sources."page-1"]\n', '[sources."page-1"]\nselect = ["main"]\n')
    )
    after = tracker("diff", "--store", str(store), "--source", "page-1", "--format", "json")
    assert after.code == 0, after.err
    assert json.loads(after.out)["changes"] == []
    log = tracker("log", "--store", str(store), "--source", "page-1", "--format", "json")
    assert json.loads(log.out)["captures"][-1]["summary"] == {}
    shown = tracker("show", "first", "--store", str(store), "--source", "page-1")
    assert "Item 1 text" in shown.out and "Home" not in shown.out
    whole = tracker("show", "first", "--store", str(store), "--source", "page-1", "--whole")
    assert "Home · News" in whole.out
    dropped = tracker("show", "first", "--store", str(store), "--source", "page-1",
                      "--exclude", "nav", "--exclude", "h1")
    assert "Home" not in dropped.out and "Item 1 text" in dropped.out and "© 2024" in dropped.out
    assert "Page /p1" not in dropped.out
    # A selector that matches nothing is a note, not "everything removed".
    (store / "tracker.toml").write_text(
        text.replace('[sources."page-1"]\n', '[sources."page-1"]\nselect = ["#gone"]\n')
    )
    gone = tracker("diff", "--store", str(store), "--source", "page-1", "--format", "json")
    doc = json.loads(gone.out)
    assert doc["changes"] == []
    assert any("match nothing" in n for n in doc["notes"])
    preview = tracker("show", "latest", "--store", str(store), "--source", "page-1",
                      "--select", "nav")
    assert preview.out.strip() == "Home · Shop"
    bad = tracker("show", "latest", "--store", str(store), "--source", "page-1",
                  "--select", "nav[")
    assert bad.code == 2 and bad.err.count("\n") == 1 and "invalid CSS selector" in bad.err


@pytest.mark.slow
def test_bad_input_is_one_line_per_source(tmp_path, sites, git_env):
    """Each bad source fails alone with its reason; the good one is stored; verify passes."""
    store = tmp_path / "store"
    site = sites[0]
    site.page("/ok", "Fine.")
    site.routes["/big"] = (200, {}, b"<html><body>" + b"x" * 60_000 + b"</body></html>")
    site.routes["/loop"] = (302, {"Location": "/loop"}, b"")
    site.routes["/json"] = (200, {"Content-Type": "application/json"}, b"{}")
    site.page("/taken", "Another page.")

    def silent(request):
        time.sleep(3)
        return (200, {}, b"<html><body>too late</body></html>")

    site.routes["/silent"] = silent
    store.mkdir()
    git(store, "init", "-q")
    r = tracker("capture", f"{site.base}/taken", "--store", str(store), "--source", "mine")
    assert r.code == 0, r.err
    (store / "tracker.toml").write_text(f"""
[sources.ok]
url = "{site.base}/ok"
[sources.big]
url = "{site.base}/big"
[sources.loop]
url = "{site.base}/loop"
[sources.json]
url = "{site.base}/json"
[sources.badurl]
url = "http://[oops"
[sources.badsel]
url = "{site.base}/ok?x"
select = ["div["]
[sources.mine]
url = "{site.base}/ok?y"
[sources.twice]
url = "{site.base}/ok/"
[sources.silent]
url = "{site.base}/silent"
timeout = 0.5
[sources."tracker-x"]
url = "{site.base}/ok?reserved"
[sources."../escape"]
url = "{site.base}/ok?escape"
[sources.tls]
url = "{site.base.replace('http:', 'https:')}/ok?tls"
""")
    r, doc = run(store, "--max-bytes", "50000")
    runs = by_name(doc)
    assert r.code == 2
    assert runs["ok"]["outcome"] == "new"
    reasons = {n: s["error"] for n, s in runs.items() if s["outcome"] == "failed"}
    assert "larger than 50,000 bytes" in reasons["big"]
    assert "too many redirects" in reasons["loop"]
    assert "application/json" in reasons["json"]
    assert "not a valid URL" in reasons["badurl"]
    assert "invalid CSS selector" in reasons["badsel"]
    assert "follows" in reasons["mine"] and "one source is one page" in reasons["mine"]
    assert "same page as source ok" in reasons["twice"]
    assert "no answer within 0.5s" in reasons["silent"]
    assert reasons["tls"].startswith("cannot connect to https://")
    assert "not a usable source name" in reasons["tracker-x"]
    assert "not a usable source name" in reasons["../escape"]
    assert not (store / ".tracker" / "escape.json").exists()
    assert not (tmp_path / "escape.json").exists()
    assert all("\n" not in reason for reason in reasons.values())
    assert len(reasons) == 11
    assert tracker("verify", "--store", str(store)).code == 0


@pytest.mark.slow
def test_retry_after_is_honoured_and_one_notification(tmp_path, sites, git_env):
    store = tmp_path / "store"
    site, hook = sites[0], sites[1]
    answers = iter([(503, {"Retry-After": "1"}, b"busy")])
    site.page("/busy", "Back again.")
    good = site.routes["/busy"]
    site.routes["/busy"] = lambda request: next(answers, good)
    site.page("/a", "A.")
    store.mkdir()
    git(store, "init", "-q")
    (store / "tracker.toml").write_text(
        f'[sources.busy]\nurl = "{site.base}/busy"\n[sources.a]\nurl = "{site.base}/a"\n'
    )
    r = tracker("run", "--store", str(store), "--delay", "0", "--retries", "1",
                "--notify", f"{hook.base}/hook", "--notify-always")
    assert r.code == 0, r.out + r.err
    busy = [t for path, t in site.hits if path == "/busy"]
    assert len(busy) == 2 and busy[1] - busy[0] >= 1.0
    assert len(hook.posts) == 1
    payload = json.loads(hook.posts[0])
    assert payload["schema"] == "tracker.run/1"
    assert {s["source"] for s in payload["sources"]} == {"busy", "a"}


def test_shards_split_the_sources(tmp_path, sites, git_env):
    store = tmp_path / "store"
    store.mkdir()
    git(store, "init", "-q")
    names = [f"s{i}" for i in range(12)]
    for name in names:
        sites[0].page(f"/{name}", name)
    (store / "tracker.toml").write_text(
        "".join(f'[sources.{n}]\nurl = "{sites[0].base}/{n}"\n' for n in names)
    )
    seen = []
    for i in (1, 2, 3):
        _, doc = run(store, "--shard", f"{i}/3")
        seen.append({s["source"] for s in doc["sources"]})
    assert set().union(*seen) == set(names)
    assert sum(map(len, seen)) == len(names)
    bad = tracker("run", "--store", str(store), "--shard", "4/3")
    assert bad.code == 2 and "--shard" in bad.err


def test_add_keeps_comments_and_refuses_collisions(tmp_path, git_env):
    store = tmp_path / "store"
    store.mkdir()
    toml = store / "tracker.toml"
    toml.write_text("# my rules\n[alert]\nkinds = ['contact']  # only contacts\n")
    r = tracker("add", "https://example.org/news/", "--store", str(store), "--select", "main",
                "--every", "6h", "--tag", "news")
    assert r.code == 0, r.err
    assert "added example.org-news" in r.out
    text = toml.read_text()
    assert text.startswith("# my rules\n[alert]\nkinds = ['contact']  # only contacts\n")
    assert '[sources."example.org-news"]' in text and 'select = ["main"]' in text
    for args, message in [
        (["https://example.org/news"], "already watched as example.org-news"),
        (["https://example.org/other", "--name", "example.org-news"], "already watched"),
        (["https://example.org/x", "--select", "p["], "invalid CSS selector"),
        (["https://example.org/x", "--every", "often"], "not a duration"),
        (["ftp://example.org/"], "not an http(s) URL"),
    ]:
        bad = tracker("add", *args, "--store", str(store))
        assert bad.code == 2 and message in bad.err, bad.err
        assert bad.err.count("\n") == 1
    assert toml.read_text() == text


def test_unknown_source_section_is_warned_about(tmp_path, git_env):
    from cli_helpers import make_store

    store = make_store(tmp_path)
    (store / "tracker.toml").write_text('[sources."rusemb.org.uk-typo"]\nignore = ["x"]\n')
    r = tracker("diff", "--store", str(store))
    assert r.code == 0
    assert 'tracker: warning:' in r.err and '"rusemb.org.uk-typo"' in r.err
    assert "did you mean 'rusemb.org.uk'" in r.err


def test_capture_files_a_watched_page_under_its_configured_name(tmp_path, sites, git_env):
    store = tmp_path / "store"
    store.mkdir()
    git(store, "init", "-q")
    sites[0].page("/terms", "Terms.")
    (store / "tracker.toml").write_text(
        f'[sources.terms]\nurl = "{sites[0].base}/terms"\n'
    )
    r = tracker("capture", f"{sites[0].base}/terms/", "--store", str(store))
    assert r.code == 0, r.err
    assert r.out.startswith("captured terms ")


def test_run_without_pages_and_unknown_page_keys(tmp_path, git_env):
    store = tmp_path / "store"
    store.mkdir()
    (store / "tracker.toml").write_text("[alert]\nkinds = ['contact']\n")
    r = tracker("run", "--store", str(store))
    assert r.code == 2 and "no pages to watch" in r.err and "tracker add URL" in r.err
    (store / "tracker.toml").write_text('[sources.a]\nurl = "https://example.org/"\nselekt = "p"\n')
    r = tracker("run", "--store", str(store))
    assert r.code == 2 and 'sources."a".selekt: unknown key' in r.err and "select" in r.err
    assert not (store / ".git").exists()


def test_every_skips_a_source_until_it_is_due(tmp_path, sites, git_env):
    store = tmp_path / "store"
    store.mkdir()
    git(store, "init", "-q")
    sites[0].page("/slow", "Slow.")
    sites[0].page("/fast", "Fast.")
    (store / "tracker.toml").write_text(
        f'[sources.slow]\nurl = "{sites[0].base}/slow"\nevery = "1d"\n'
        f'[sources.fast]\nurl = "{sites[0].base}/fast"\n'
    )
    run(store)
    sites[0].requests.clear()
    _, doc = run(store)
    assert by_name(doc)["slow"]["outcome"] == "not due"
    assert [path for path, _ in sites[0].hits] == ["/fast"]
    _, doc = run(store, "--force")
    assert by_name(doc)["slow"]["outcome"] == "unchanged"
    state = json.loads((store / ".tracker/run/slow.json").read_text())
    assert "last_attempt" in state and "failures" not in state


def test_error_answers_are_stored_and_count_towards_failing(tmp_path, sites, git_env):
    store = tmp_path / "store"
    store.mkdir()
    git(store, "init", "-q")
    sites[0].page("/p", "Fine.")
    (store / "tracker.toml").write_text(f'[sources.p]\nurl = "{sites[0].base}/p"\n')
    run(store)
    sites[0].page("/p", "Server error", status=500)
    r, doc = run(store, "--fail-after", "2")
    first = by_name(doc)["p"]
    assert first["outcome"] == "new" and first["failures"] == 1 and not first["failing"]
    assert any(a["kind"] == "status" for a in first["check"]["alerts"])
    r, doc = run(store, "--fail-after", "2")
    again = by_name(doc)["p"]
    assert again["outcome"] == "unchanged" and again["failing"] and r.code == 1
    sites[0].page("/p", "Fine again.")
    _, doc = run(store, "--fail-after", "2")
    assert by_name(doc)["p"]["failures"] == 0


def test_a_bad_selector_is_that_source_s_state_not_an_error_of_the_listing(tmp_path):
    """`tracker sources` lists every source; one whose selector cannot be read shows why in
    its row (its last change unknown) instead of failing the whole listing."""
    store = make_store(tmp_path / "s")
    (store / "tracker.toml").write_text('[sources."rusemb.org.uk"]\nselect = ["div[["]\n')
    r = tracker("sources", "--store", str(store), "--format", "json")
    assert r.code == 0, r.err
    (row,) = json.loads(r.out)["sources"]
    assert "invalid CSS selector" in row["state"] and row["last_change"] is None
    assert row["captures"] == 5
