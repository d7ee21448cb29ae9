"""What a check says: verdict, one line per alert, notes, JSON, chat sizing, GitHub commands."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from tracker.alert.result import build_result
from tracker.differ.model import Change, Report
from tracker.models import CaptureInfo
from tracker.render.github import escape_data, escape_property, render_github, write_step_summary
from tracker.render.message import (
    describe,
    items,
    render_chat,
    render_check_markdown,
    render_text,
    verdict,
)
from tracker.rules import Rules

MSK = timezone(timedelta(hours=3))
WORKFLOW = re.compile(r"^::(warning|error|notice)( [a-z]+=[^,]*(,[a-z]+=[^,]*)*)?::.*$")


def info(day: str, clock: str = "11:16") -> CaptureInfo:
    at = datetime.fromisoformat(f"{day}T{clock}:00").replace(tzinfo=MSK)
    cid = at.astimezone(UTC).strftime("%Y%m%d%H%M%S")
    return CaptureInfo("rusemb.org.uk", cid, at, "page", "0" * 64, 1, "text/plain", "utf-8",
                       f"rusemb.org.uk/{cid}.txt")


OLD, NEW = info("2021-10-26", "00:03"), info("2022-05-21")
NOISE = [Change("volatile", "26 October 2021", "21 May 2022", reason="date"),
         Change("volatile", "Moscow: 00:03", "Moscow: 11:16", reason="clock"),
         Change("volatile", "London: 22:03", "London: 09:16", reason="clock")]
PHONE = Change("contact", "+44 (0) 203 668 7474", "+44 (0) 203 161 8868", type="phone",
               change="changed")


def result(changes, rules=None):
    report = Report(changes, old_time=OLD.captured_at, new_time=NEW.captured_at)
    return build_result("rusemb.org.uk", OLD, NEW, report, rules or Rules())


def test_phone_change_names_the_e164_number():
    line = describe(PHONE)
    assert "+44 (0) 203 161 8868" in line and "+442031618868" in line
    assert line.startswith("phone changed")


def test_news_items_are_named_by_title_not_raw_text():
    body = "Ambassador Andrei Kelin laid a wreath. " * 20
    line = describe(Change("added", None, body, title="Wreath-laying at the Soviet War Memorial"))
    assert line == "added: Wreath-laying at the Soviet War Memorial"
    untitled = describe(Change("removed", body, None), width=100)
    assert len(untitled) < 130 and untitled.endswith("…")
    # a check's own output is never cut: a CI log or a grep sees the whole block
    assert describe(Change("removed", body, None)) == f"removed: {body.strip()}"


def test_paragraphs_of_one_news_item_are_one_line():
    title = "Ambassador Kelin's address"
    paragraphs = [Change("removed", f"para {i}", None, title=title, group=1) for i in range(15)]
    other = Change("removed", "x", None, title="Putin's call", group=2)
    r = result([*paragraphs, other])
    assert items(r) == [paragraphs, [other]]
    assert render_text(r).splitlines()[1:3] == [
        "  - removed: Ambassador Kelin's address (+14 paragraphs)",
        "  - removed: Putin's call",
    ]
    assert verdict(r).endswith(": 2 removed")
    assert len(r.to_json()["alerts"]) == 16  # the JSON keeps every change


def test_noise_only_is_a_verdict_and_one_note():
    r = result(NOISE)
    assert not r.alert
    lines = render_text(r).splitlines()
    assert lines == [
        "no alert: rusemb.org.uk 2021-10-26 → 2022-05-21 (207 days)",
        "note: noise ignored: date, 2 clocks",
    ]


def test_text_puts_contacts_and_anomalies_first_and_lists_what_stayed_quiet():
    anomaly = Change("counter", 1332, 1400, label="days have passed since the Salisbury incident",
                     delta=68, expected=207, on_schedule=False)
    on = Change("counter", 1324, 1531, label="days since Glushkov", delta=207, expected=207,
                on_schedule=True)
    added = Change("added", None, "x", title="Lavrov's remarks")
    text = render_text(result([*NOISE, added, on, anomaly, PHONE]))
    lines = text.splitlines()
    assert lines[0] == ("ALERT: rusemb.org.uk 2021-10-26 → 2022-05-21 (207 days): "
                        "1 contact change, 1 counter anomaly, 1 added")
    assert lines[1].startswith("  ! phone changed") and "+442031618868" in lines[1]
    assert lines[2].startswith("  ! 1332 → 1400 (+68) (anomaly: expected +207)")
    assert lines[3] == "  - added: Lavrov's remarks"
    assert "note: noise ignored: date, 2 clocks" in lines
    assert "note: not alerting: counter on schedule" in lines


def test_json_follows_the_schema():
    d = result([*NOISE, PHONE]).to_json()
    assert d["schema"] == "tracker.check/1" and d["alert"] is True
    assert d["source"] == "rusemb.org.uk"
    assert d["from"] == {"id": OLD.id, "captured_at": "2021-10-26T00:03:00+03:00"}
    assert d["to"]["id"] == NEW.id
    assert [a["kind"] for a in d["alerts"]] == ["contact"]
    assert d["alerts"][0]["alert"] == "contact" and d["alerts"][0]["new"] == PHONE.new
    assert d["notes"] == ["noise ignored: date, 2 clocks"]
    assert "text" not in d


def test_chat_message_is_capped_and_says_what_was_left_out():
    many = [Change("added", None, f"item {i} " + "word " * 100, title=None) for i in range(40)]
    title, body = render_chat(result([PHONE, *many]))
    lines = [title, *body.splitlines()]
    assert len(lines) <= 10 and len("\n".join(lines)) <= 2000
    assert "+442031618868" in lines[1]  # the most important change survives
    assert lines[-1] == f"… and {41 - (len(lines) - 2)} more"
    title, body = render_chat(result([PHONE, *many]), max_lines=50, max_chars=600)
    assert len(title) + 1 + len(body) <= 600 and body.endswith("more")


def test_chat_message_with_few_alerts_is_complete():
    title, body = render_chat(result([PHONE]))
    assert title.endswith("ALERT: rusemb.org.uk 2021-10-26 → 2022-05-21 (207 days): "
                          "1 contact change")
    assert body.splitlines() == [f"! {describe(PHONE)}"]


def test_markdown_summary_escapes_and_emphasises_urgent_alerts():
    md = render_check_markdown(result([PHONE, Change("added", None, "x", title="a_b *c* <d>")]))
    assert md.startswith("### ⚠️ tracker check: ALERT")
    assert "- **phone changed" in md
    assert r"a\_b \*c\* \<d\>" in md


def test_escaping_follows_github_workflow_command_rules():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_lines_are_workflow_commands_errors_for_urgent_changes():
    evil = Change("added", None, "x", title="line one\n::error::forged, 100% real: yes")
    anomaly = Change("counter", 1, 99, label="days: since, x", delta=98, expected=3,
                     on_schedule=False)
    r = result([*NOISE, evil, anomaly, PHONE])
    r.notes.append("a note\nwith two lines")
    lines = render_github(r).splitlines()
    assert all(WORKFLOW.match(line) for line in lines), lines
    assert [line.split(" ", 1)[0] for line in lines] == [
        "::error", "::error", "::warning", "::notice"]
    assert "+442031618868" in lines[0]
    assert lines[2].endswith("::added: line one ::error::forged, 100%25 real: yes")
    assert "title=Added%3A rusemb.org.uk::" in lines[2]
    assert "noise ignored: date, 2 clocks" in lines[3]
    assert lines[3].endswith("a note%0Awith two lines")


def test_github_quiet_check_is_one_notice():
    lines = render_github(result(NOISE)).splitlines()
    assert len(lines) == 1 and lines[0].startswith("::notice title=tracker check rusemb.org.uk")
    assert WORKFLOW.match(lines[0])


def test_step_summary_is_appended_when_the_variable_is_set(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    assert write_step_summary(result([PHONE]), {"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### ⚠️ tracker check") and "+442031618868" in text
    assert not write_step_summary(result([PHONE]), {})


def test_github_caps_annotations_per_level_and_counts_the_rest():
    many = [Change("added", None, f"item {i}", title=f"Item {i}") for i in range(25)]
    lines = render_github(result([PHONE, *many])).splitlines()
    assert all(WORKFLOW.match(line) for line in lines)
    warnings = [line for line in lines if line.startswith("::warning")]
    assert len(warnings) == 10 and len([x for x in lines if x.startswith("::error")]) == 1
    assert warnings[-1].endswith("::… and 16 more (see the job summary)")
