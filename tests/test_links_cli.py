"""Images, links, page chrome and rotating content through the CLI, as a journalist meets them:
two captures of a real-looking page imported with `tracker import --at`, then `tracker check`
and `tracker diff` (issue #9, points 5 and 6; pages under tests/pages/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import tracker

PAGES = Path(__file__).parent / "pages"


def _store(tmp_path: Path, name: str) -> str:
    store = str(tmp_path / "store")
    for at, side in (("2024-01-01T09:00Z", "before"), ("2024-01-02T09:00Z", "after")):
        r = tracker(
            "import", "--store", store, "--source", "site", "--at", at,
            str(PAGES / f"{name}-{side}.html"),
        )  # fmt: skip
        assert r.code == 0, r.err
    return store


def _diff_json(store: str) -> dict:
    r = tracker("diff", "--store", store, "--format", "json")
    assert r.code == 0, r.err
    return json.loads(r.out)


def test_retargeted_report_link_alerts(tmp_path):
    store = _store(tmp_path, "links/annual-report")
    r = tracker("check", "--store", store)
    assert r.code == 1, r.out
    line = (
        '- link retargeted: "Annual report 2023 (PDF, 4.2 MB)" '
        "annual-report-2023.pdf → annual-report-2023-v2.pdf"
    )
    assert line in r.out
    doc = _diff_json(store)
    assert doc["summary"] == {"link": 1}
    (change,) = doc["changes"]
    assert change["action"] == "retargeted" and change["title"] == "Annual report 2023"
    base = "https://www.water.example.gov/media/reports/"
    assert change["old"] == {"href": base + "annual-report-2023.pdf", "text": change["new"]["text"]}
    assert change["new"]["href"] == base + "annual-report-2023-v2.pdf"
    assert change["old_block"] is None and change["new_block"] is None
    text = tracker("diff", "--store", store)
    assert "Images and links" in text.out and "annual-report-2023-v2.pdf" in text.out
    md = tracker("diff", "--store", store, "--format", "markdown")
    assert "link retargeted" in md.out
    gh = tracker("check", "--store", store, "--format", "github")
    assert gh.code == 1 and "::warning title=Link changed%3A site::link retargeted" in gh.out
    assert tracker("diff", "--store", store, "--exit-code").code == 1


def test_tracking_parameters_on_every_link_are_no_change(tmp_path):
    store = _store(tmp_path, "links/tracking")
    assert _diff_json(store)["changes"] == []
    assert tracker("diff", "--store", store, "--exit-code").code == 0
    assert tracker("check", "--store", store).code == 0


def test_removed_figure_alerts(tmp_path):
    store = _store(tmp_path, "images/figure-removed")
    r = tracker("check", "--store", store)
    assert r.code == 1 and "image removed" in r.out
    (change,) = _diff_json(store)["changes"]
    assert change["kind"] == "image" and change["action"] == "removed" and change["new"] is None
    assert change["old"] == {
        "src": "https://cdn.riversidegazette.example.co.uk/images/2024/01/embankment-plan.png",
        "alt": "Plan of the raised embankment submitted to the planning committee",
    }
    assert change["title"] == "Flood defences to be strengthened after winter storms"


def test_replaced_image_alerts(tmp_path):
    store = _store(tmp_path, "images/replaced")
    r = tracker("check", "--store", store)
    assert r.code == 1
    assert "image replaced" in r.out and "pegel-neustadt-november.png → " in r.out
    (change,) = _diff_json(store)["changes"]
    assert change["action"] == "replaced"
    assert (
        change["old"]["alt"] == change["new"]["alt"] == "Pegelverlauf Neustadt der letzten 30 Tage"
    )
    assert change["new"]["src"].endswith(
        "/fileadmin/user_upload/umwelt/pegel-neustadt-dezember.png"
    )


def test_footer_change_is_reported_but_does_not_alert(tmp_path):
    store = _store(tmp_path, "chrome/footer")
    r = tracker("check", "--store", store)
    assert r.code == 0, r.out
    assert "in page chrome" in r.out
    doc = _diff_json(store)
    assert doc["changes"] and all(c["chrome"] for c in doc["changes"])
    # the footer's © 2023 → © 2024 is a date (volatile); the menu change is a rewrite
    assert {c["kind"] for c in doc["changes"]} == {"volatile", "rewritten"}
    assert "(page chrome)" in tracker("diff", "--store", store).out
    # reported: diff --exit-code still sees a change; alerting on chrome is one flag away
    assert tracker("diff", "--store", store, "--exit-code").code == 1
    loud = tracker("check", "--store", store, "--alert-on", "chrome,rewritten")
    assert loud.code == 1 and "page chrome change" in loud.out


def test_nav_menu_change_does_not_alert(tmp_path):
    store = _store(tmp_path, "chrome/nav")
    r = tracker("check", "--store", store, "--format", "json")
    doc = json.loads(r.out)
    assert r.code == 0 and doc["alert"] is False
    changes = _diff_json(store)["changes"]
    assert {(c["kind"], c.get("action")) for c in changes} == {
        ("added", None),
        ("link", "retargeted"),
    }
    assert all(c["chrome"] for c in changes)


@pytest.mark.parametrize("name", ["rotating/carousel", "rotating/a-la-une"])
def test_captions_in_another_order_are_moved(tmp_path, name):
    store = _store(tmp_path, name)
    changes = _diff_json(store)["changes"]
    assert changes and {c["kind"] for c in changes} == {"moved"}
    assert tracker("check", "--store", store).code == 0


def test_log_counts_and_filters_link_changes(tmp_path):
    store = _store(tmp_path, "links/annual-report")
    r = tracker("log", "--store", store, "--only", "link")
    assert r.code == 0 and "- link retargeted: " in r.out
    assert "20240102090000" in r.out


def test_rules_file_accepts_the_new_kinds(tmp_path):
    store = _store(tmp_path, "images/figure-removed")
    (Path(store) / "tracker.toml").write_text('[alert]\nkinds = ["link", "added"]\n')
    assert tracker("check", "--store", store).code == 0  # images no longer alert
    (Path(store) / "tracker.toml").write_text('[alert]\nkinds = ["images"]\n')
    bad = tracker("check", "--store", store)
    assert bad.code == 2 and "unknown kind 'images'" in bad.err
