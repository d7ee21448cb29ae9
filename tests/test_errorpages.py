"""An error page never hides a change (issue #8, part 2), through the CLI against a local server.

The trial: a good page, then a 503, then the page back with an email added. The email must be
reported (against the last good capture), and the page going down and coming back are `status`
changes that alert.
"""

from __future__ import annotations

import json

import pytest
from cli_helpers import tracker
from test_capture_url import PAGE
from test_notify import Hook

DOWN = {
    "status": 503,
    "headers": {"Content-Type": "text/html"},
    "body": b"<html><body><h1>Service Unavailable</h1></body></html>",
}
BLOCKED = {
    "status": 200,
    "headers": {"Content-Type": "text/html"},
    "body": b"<html><head><title>Attention Required! | Cloudflare</title></head>"
    b"<body>Sorry, you have been blocked</body></html>",
}


def page(news: str, status: int = 200) -> dict:
    return {
        "status": status,
        "headers": {"Content-Type": "text/html; charset=utf-8"},
        "body": PAGE.format(news=news).encode(),
    }


def run(store, *args, env=None):
    done = tracker(*args, env={"TRACKER_STORE": str(store), "NO_COLOR": "1", **(env or {})})
    assert "Traceback" not in done.err, done.err
    return done


def capture(store, url):
    done = run(store, "capture", url, "--source", "embassy")
    assert done.code == 0, done.err
    return done


@pytest.fixture
def trial(server, tmp_path):
    """good (no email) → 503 → good with an email added; returns (store, base url, routes)."""
    base, routes = server
    store = tmp_path / "snapshots"
    routes["/"] = page("Ambassador meets the press")
    capture(store, base + "/")
    routes["/"] = DOWN
    capture(store, base + "/")
    routes["/"] = page("Ambassador meets the press. Write to press@embassy.example")
    capture(store, base + "/")
    return store, base, routes


def ids(store) -> list[str]:
    return sorted(p.stem for p in (store / "embassy").glob("*.json"))


def test_the_change_made_while_the_page_was_down_is_reported(trial):
    store, _, _ = trial
    good, down, back = [c["id"] for c in _captures(store)]
    doc = json.loads(run(store, "diff", "--format", "json").out)
    assert doc["from"]["id"] == good and doc["to"]["id"] == back  # the last good capture
    kinds = [(c["kind"], c.get("change")) for c in doc["changes"]]
    assert ("status", "recovered") in kinds and ("contact", "added") in kinds
    status = next(c for c in doc["changes"] if c["kind"] == "status")
    assert (status["old"], status["new"]) == ("503 Service Unavailable", "200 OK")
    assert f"skipped error captures: {down} (503 Service Unavailable)" in doc["notes"]
    assert doc["summary"]["status"] == 1
    text = run(store, "diff")
    assert "No changes beyond noise" not in text.out
    assert "page recovered: 503 Service Unavailable → 200 OK" in text.out
    assert "email added: press@embassy.example" in text.out
    assert f"captures {good} → {back}" in text.out
    md = run(store, "diff", "--format", "markdown").out
    assert "page recovered" in md and "skipped error captures" in md
    assert "\n\n**Status**" in md  # the note's quote ends before the first section


def test_becoming_an_error_page_is_a_change_that_alerts(trial):
    store, _, _ = trial
    text = run(store, "diff", "latest~2", "latest~1", "--exit-code")
    assert text.code == 1
    assert "page became an error page: 200 OK → 503 Service Unavailable" in text.out
    assert "No changes beyond noise" not in text.out
    check = run(store, "check", "latest~1", "--format", "json")
    assert check.code == 1
    doc = json.loads(check.out)
    assert [(a["kind"], a["alert"], a["change"]) for a in doc["alerts"]] == [
        ("status", "status", "error")
    ]
    assert "no change at all" not in doc["notes"]
    github = run(store, "check", "latest~1", "--format", "github")
    assert github.out.startswith("::error title=Page status%3A embassy::page became an error")
    # the rules may turn it off like any other kind
    quiet = run(store, "check", "latest~1", "--alert-on", "contact")
    assert quiet.code == 0 and "not alerting: status change" in quiet.out


def test_log_shows_status_changes_and_compares_with_the_last_good_capture(trial):
    store, _, _ = trial
    good, down, back = [c["id"] for c in _captures(store)]
    doc = json.loads(run(store, "log", "--format", "json").out)
    entries = {c["id"]: c for c in doc["captures"]}
    assert entries[down]["summary"] == {"status": 1}
    assert entries[back]["previous"] == good
    assert entries[back]["summary"]["status"] == 1 and entries[back]["summary"]["contact"] == 1
    text = run(store, "log", "--only", "status").out
    assert "page became an error page" in text and "page recovered" in text
    assert "email added" in text


def test_since_last_check_reports_the_outage_and_the_change_behind_it(trial):
    store, base, routes = trial
    good, down, back = [c["id"] for c in _captures(store)]
    # no record yet: compares the latest with the one before it, and records the latest
    with Hook("ok") as hook:
        done = run(store, "check", "--since-last-check", "--format", "json", "--notify", hook.url)
    assert done.code == 1 and hook.attempts == 1
    d = json.loads(done.out)
    assert d["from"]["id"] == good and d["to"]["id"] == back
    assert {a["kind"] for a in d["alerts"]} >= {"status", "contact"}
    routes["/"] = {**DOWN, "status": 502, "body": b"<html><body>502 Bad Gateway</body></html>"}
    capture(store, base + "/")
    with Hook("500") as hook:  # the outage is found, but its notification fails
        failed = run(store, "check", "--since-last-check", "--notify", hook.url,
                     "--notify-tries", "1")
    assert failed.code == 2 and "page became an error page" in failed.out
    routes["/"] = page("Ambassador meets the press. Write to consul@embassy.example")
    capture(store, base + "/")
    with Hook("ok") as hook:  # not recorded: this run reports from the last reported capture
        again = run(store, "check", "--since-last-check", "--format", "json",
                    "--notify", hook.url)
    assert again.code == 1 and hook.attempts == 1
    d = json.loads(again.out)
    assert d["from"]["id"] == back
    assert any("error captures since the last check" in n for n in d["notes"])
    contact = [a for a in d["alerts"] if a["kind"] == "contact"]
    assert [(a["old"], a["new"]) for a in contact] == [
        ("press@embassy.example", "consul@embassy.example")
    ]
    assert [a["change"] for a in d["alerts"] if a["kind"] == "status"] == ["recovered"]
    quiet = run(store, "check", "--since-last-check")
    assert quiet.code == 0 and "no new capture since the last check" in quiet.out


def test_a_404_is_gone_a_block_page_is_an_error_and_a_redirect_is_a_change(server, tmp_path):
    base, routes = server
    store = tmp_path / "snapshots"
    routes["/"] = page("Ambassador meets the press")
    capture(store, base + "/")
    routes["/"] = BLOCKED
    capture(store, base + "/")
    blocked = json.loads(run(store, "diff", "--format", "json").out)
    assert [(c["kind"], c["old"], c["new"], c["change"]) for c in blocked["changes"]] == [
        ("status", "200 OK", "error: blocked by Cloudflare", "error")
    ]
    routes["/"] = {**page("gone"), "status": 404}
    capture(store, base + "/")
    gone = json.loads(run(store, "diff", "--format", "json").out)
    assert [(c["kind"], c["new"], c["change"]) for c in gone["changes"]] == [
        ("status", "404 Not Found", "gone")
    ]
    routes["/"] = {"status": 301, "headers": {"Location": "/closed"}, "body": b""}
    routes["/closed"] = page("The embassy is closed")
    capture(store, base + "/")
    moved = json.loads(run(store, "diff", "--format", "json").out)
    status = [c for c in moved["changes"] if c["kind"] == "status"]
    assert [(c["old"], c["new"], c["change"]) for c in status] == [
        ("404 Not Found", f"200 OK, redirected to {base}/closed", "recovered")
    ]
    # content against the last good capture, two error captures skipped
    assert any(n.startswith("skipped error captures: ") and n.count("(") == 2
               for n in moved["notes"])
    routes["/closed"] = page("The embassy is closed until further notice")
    capture(store, base + "/")
    routes["/"] = page("The embassy is open again")
    capture(store, base + "/")
    back = json.loads(run(store, "diff", "--format", "json").out)
    status = [c for c in back["changes"] if c["kind"] == "status"]
    assert [(c["old"], c["new"], c["change"]) for c in status] == [
        (f"200 OK, redirected to {base}/closed", "200 OK", "redirected")
    ]
    assert run(store, "check").code == 1


def test_a_plain_text_block_page_is_skipped_too(tmp_path):
    files = []
    for name, text in (
        ("20240101120000.txt", "Embassy\n\nConsular queries: +44 20 3668 7474\n"),
        ("20240102120000.txt", "Attention Required! | Cloudflare\n\nSorry, you have been blocked"),
        ("20240103120000.txt", "Embassy\n\nConsular queries: +44 20 3161 8868\n"),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    store = tmp_path / "snapshots"
    assert run(store, "import", "--source", "page", *files).code == 0
    doc = json.loads(run(store, "diff", "--format", "json").out)
    assert doc["from"]["id"] == "20240101120000"
    kinds = [(c["kind"], c.get("change"), c["old"], c["new"]) for c in doc["changes"]]
    assert ("status", "recovered", "error: blocked by Cloudflare", "ok") in kinds
    assert ("contact", "changed", "+442036687474", "+442031618868") in kinds


def _captures(store) -> list[dict]:
    return json.loads(run(store, "log", "--captures", "--format", "json").out)["captures"]


def test_noise_is_learned_across_error_pages(tmp_path):
    """A view count that changes every time is noise even when every other capture is blocked."""
    files = []
    for day in range(1, 8):
        if day % 2 == 0:
            text = f"Attention Required! | Cloudflare\n\nSorry, you have been blocked (ray {day})"
        else:
            text = f"Embassy\n\nConsular queries: +44 20 3668 7474\n\nViews: {day * 1000 + 17}\n"
        path = tmp_path / f"2024010{day}120000.txt"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    store = tmp_path / "snapshots"
    assert run(store, "import", "--source", "page", *files).code == 0
    assert len(_captures(store)) == 7
    learned = json.loads(run(store, "noise", "--format", "json").out)["learned"]
    assert [(r["label"], r["changed"], r["seen"]) for r in learned] == [("Views: #", 3, 3)]
    doc = json.loads(run(store, "check", "--format", "json").out)
    assert [(a["kind"], a["change"]) for a in doc["alerts"]] == [("status", "recovered")]
    assert doc["from"]["id"] == "20240105120000" and doc["summary"]["volatile"] == 1
