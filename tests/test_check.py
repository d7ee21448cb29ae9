"""`tracker check` end to end: a temp store of the sample captures, the CLI as a user runs it."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from cli_helpers import Result
from cli_helpers import tracker as run
from samples import sample_by_day
from test_notify import Hook

WORKFLOW = re.compile(r"^::(warning|error|notice)( [a-z]+=[^,]*(,[a-z]+=[^,]*)*)?::.*$")
# the samples, by the day each page shows
DAY = sample_by_day()


def tracker(store: Path, *args: str, **extra: str | None) -> Result:
    """`tracker ARGS --store STORE` in-process, from beside the store, outside GitHub Actions."""
    github = {k: None for k in os.environ if k.startswith("GITHUB_")}
    return run(*args, "--store", str(store), cwd=store.parent,
               env={**github, "NO_COLOR": "1", **extra})


def make_store(tmp: Path, files: list[Path]) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    store = tmp / "snapshots"
    done = tracker(store, "import", "--source", "rusemb.org.uk", *map(str, files))
    assert done.returncode == 0, done.stderr
    return store


def seed(day: str) -> Path:
    return DAY[day]


def variant(tmp: Path, day: str, name: str, head: str, **replace: str) -> Path:
    """A sample with its date and clocks (first three lines) replaced, and other text swapped."""
    lines = seed(day).read_text(encoding="utf-8").split("\n")
    text = head + "\n" + "\n".join(lines[3:])
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


NEXT_DAY = "19 October 2018\nMoscow: 11:40\nLondon: 09:40"


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> Path:
    """All five sample captures; checks here compare 2021-10-26 with 2022-05-21 (the latest)."""
    return make_store(tmp_path_factory.mktemp("samples"), list(DAY.values()))


def test_samples_alert_and_name_the_new_phone(samples):
    done = tracker(samples, "check")
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("ALERT:") and "2021-10-26 → 2022-05-21" in lines[0]
    assert "+442031618868" in lines[1]  # contacts come first
    assert lines[1].lstrip().startswith("! phone")


def test_samples_json(samples):
    done = tracker(samples, "check", "--format", "json")
    assert done.returncode == 1, done.stderr
    d = json.loads(done.stdout)
    assert d["schema"] == "tracker.check/1" and d["alert"] is True
    assert d["source"] == "rusemb.org.uk"
    assert d["from"]["captured_at"].startswith("2021-10-26") and d["from"]["id"]
    assert d["to"]["captured_at"].startswith("2022-05-21")
    assert d["alerts"][0]["kind"] == "contact"
    assert "+442031618868" in json.dumps(d["alerts"])
    assert all(a["kind"] != "volatile" for a in d["alerts"])


def test_samples_github_commands_and_job_summary(samples, tmp_path):
    summary = tmp_path / "summary.md"
    done = tracker(samples, "check", "--format", "github", GITHUB_STEP_SUMMARY=str(summary))
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert lines and all(WORKFLOW.match(line) for line in lines), lines
    assert lines[0].startswith("::error title=Contact changed") and "+442031618868" in lines[0]
    assert lines[-1].startswith("::notice")
    assert "+442031618868" in summary.read_text(encoding="utf-8")


def test_explicit_refs_and_kinds_flag(samples):
    done = tracker(samples, "check", "2021-09-20", "2021-10-26", "--alert-on", "contact")
    assert done.returncode == 1, done.stderr
    assert "email removed: info@rusemb.org.uk" in done.stdout
    quiet = tracker(samples, "check", "2021-09-20", "2021-10-26", "--alert-on", "moved")
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
    assert quiet.stdout.startswith("no alert:")


def test_watch_limits_alerts_to_matching_blocks(samples):
    done = tracker(samples, "check", "--alert-on", "added,removed,rewritten",
                   "--watch", "NoSuchWordOnThePage")
    assert done.returncode == 0, done.stdout + done.stderr
    hit = tracker(samples, "check", "--alert-on", "added,removed,rewritten", "--watch", "a wreath")
    assert hit.returncode == 1 and "laid a wreath" in hit.stdout
    assert "Putin" not in hit.stdout.split("note:")[0]


def test_date_and_clocks_only_is_a_quiet_note(tmp_path):
    later = variant(tmp_path, "2018-10-18", "later", NEXT_DAY)
    store = make_store(tmp_path, [seed("2018-10-18"), later])
    done = tracker(store, "check")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "no alert: rusemb.org.uk 2018-10-18 → 2018-10-19 (1 day)"
    assert len(lines) == 2 and lines[1].startswith("note: noise ignored:"), lines
    assert "clock" in lines[1] and done.stderr == ""


def test_counter_on_schedule_is_quiet_and_off_schedule_alerts(tmp_path):
    head = "30 September 2021\nMoscow: 10:59\nLondon: 08:59"
    on = variant(tmp_path, "2021-09-20", "on", head, **{"1296 days": "1306 days",
                                                        "1288 days": "1298 days"})
    store = make_store(tmp_path / "a", [seed("2021-09-20"), on])
    done = tracker(store, "check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "counters on schedule" in done.stdout
    off = variant(tmp_path, "2021-09-20", "off", head, **{"1296 days": "1400 days",
                                                          "1288 days": "1298 days"})
    store = make_store(tmp_path / "b", [seed("2021-09-20"), off])
    done = tracker(store, "check")
    assert done.returncode == 1, done.stdout + done.stderr
    alerts = done.stdout.splitlines()[1:]
    assert alerts[0].startswith("  ! 1296 → 1400 (+104) (anomaly: expected +10)")
    assert "Salisbury" in alerts[0]
    assert not any("1298" in line for line in alerts if not line.startswith("note:"))


def test_webhook_receives_the_check_json(samples):
    with Hook("ok") as hook:
        done = tracker(samples, "check", "--notify", hook.url)
    assert done.returncode == 1, done.stderr
    assert hook.attempts == 1
    body = hook.bodies[0]
    assert body["schema"] == "tracker.check/1" and body["alert"] is True
    assert "+442031618868" in json.dumps(body["alerts"]) and "+442031618868" in body["text"]


@pytest.mark.slow
def test_failing_webhook_is_retried_then_exit_2_with_the_alert_still_printed(samples):
    with Hook("500") as hook:
        done = tracker(samples, "check", "--notify", hook.url)
    assert hook.attempts == 3
    assert done.returncode == 2
    assert "+442031618868" in done.stdout  # the alert is not lost
    assert "failed after 3 tries (HTTP 500)" in done.stderr
    assert "Traceback" not in done.stderr and "secret-token" not in done.stderr


@pytest.mark.slow
def test_hanging_webhook_times_out(samples):
    with Hook("hang") as hook:
        done = tracker(samples, "check", "--format", "json", "--notify", hook.url,
                       "--notify-timeout", "0.3", "--notify-tries", "2")
    assert hook.attempts == 2 and done.returncode == 2
    assert json.loads(done.stdout)["alert"] is True
    assert "timed out after 0.3 s" in done.stderr


def test_quiet_check_does_not_notify_unless_asked(tmp_path):
    later = variant(tmp_path, "2018-10-18", "later", NEXT_DAY)
    store = make_store(tmp_path, [seed("2018-10-18"), later])
    with Hook("ok") as hook:
        assert tracker(store, "check", "--notify", hook.url).returncode == 0
        assert hook.attempts == 0
        assert tracker(store, "check", "--notify", hook.url, "--notify-always").returncode == 0
        assert hook.attempts == 1 and hook.bodies[0]["alert"] is False


def test_since_last_check_remembers_outside_the_work_tree(tmp_path):
    store = make_store(tmp_path, [seed("2021-09-20"), seed("2021-10-26")])
    first = tracker(store, "check", "--since-last-check")
    assert first.returncode == 1 and "no check recorded yet" in first.stdout
    again = tracker(store, "check", "--since-last-check")
    assert again.returncode == 0
    assert "no new capture since the last check" in again.stdout
    status = subprocess.run(["git", "status", "--porcelain", "--ignored"], cwd=store,
                            capture_output=True, text=True, check=True)
    assert status.stdout == ""  # the state is committed, and in a commit of its own
    files = subprocess.run(["git", "show", "--name-only", "--format=", "HEAD"], cwd=store,
                           capture_output=True, text=True, check=True).stdout.split()
    assert len(files) == 1 and files[0].startswith(".tracker/checked/rusemb.org.uk/")
    assert tracker(store, "import", "--source", "rusemb.org.uk", str(seed("2022-05-21"))
                   ).returncode == 0
    with Hook("500") as hook:  # a failed notification is not recorded as checked
        failed = tracker(store, "check", "--since-last-check", "--notify", hook.url,
                         "--notify-tries", "1")
    assert failed.returncode == 2
    third = tracker(store, "check", "--since-last-check", "--format", "json")
    assert third.returncode == 1
    d = json.loads(third.stdout)
    assert d["from"]["captured_at"].startswith("2021-10-26")
    assert d["to"]["captured_at"].startswith("2022-05-21")


def test_since_last_check_spans_several_new_captures(tmp_path):
    store = make_store(tmp_path, [seed("2021-09-20")])
    first = tracker(store, "check", "--since-last-check")
    assert first.returncode == 0 and "nothing to compare yet" in first.stdout
    tracker(store, "import", "--source", "rusemb.org.uk", str(seed("2021-10-26")),
            str(seed("2022-05-21")))
    d = json.loads(tracker(store, "check", "--since-last-check", "--format", "json").stdout)
    assert d["from"]["captured_at"].startswith("2021-09-20")
    assert d["to"]["captured_at"].startswith("2022-05-21")


def test_bad_rules_file_is_one_line_exit_2(samples, tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text("[sources.\"rusemb.org.uk\"]\nwatch = ['(unclosed']\n", encoding="utf-8")
    done = tracker(samples, "check", "--rules", str(rules))
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert str(rules) in done.stderr and 'sources."rusemb.org.uk".watch' in done.stderr
    missing = tracker(samples, "check", "--rules", str(tmp_path / "nope.toml"))
    assert missing.returncode == 2 and "no such rules file" in missing.stderr


def test_rules_file_at_the_store_root_is_used(tmp_path):
    store = make_store(tmp_path, [seed("2021-10-26"), seed("2022-05-21")])
    (store / "tracker.toml").write_text("[alert]\nkinds = ['moved']\n", encoding="utf-8")
    done = tracker(store, "check")
    assert done.returncode == 0, done.stdout + done.stderr
    (store / "tracker.toml").write_text("[alert]\nkinds = ['contact']\n", encoding="utf-8")
    assert tracker(store, "check").returncode == 1


def test_usage_errors_exit_2(samples):
    done = tracker(samples, "check", "--since-last-check", "latest~1")
    assert done.returncode == 2 and "--since-last-check" in done.stderr
    done = tracker(samples, "check", "--alert-on", "volatile")
    assert done.returncode == 2 and "noise" in done.stderr


def test_webhooks_from_the_environment_and_bad_urls_fail_before_any_work(samples):
    with Hook("ok") as hook:
        done = tracker(samples, "check", "--format", "json", TRACKER_NOTIFY=hook.url)
    assert done.returncode == 1 and hook.attempts == 1
    assert tracker(samples, "check", TRACKER_NOTIFY="").returncode == 1  # unset secret: no notify
    bad = tracker(samples, "check", "--notify", "hooks.example.org/x")
    assert bad.returncode == 2 and bad.stdout == "" and "not a URL" in bad.stderr


def test_unwritable_job_summary_is_an_error_but_the_webhook_still_gets_the_alert(samples, tmp_path):
    with Hook("ok") as hook:
        done = tracker(samples, "check", "--format", "github", "--notify", hook.url,
                       GITHUB_STEP_SUMMARY=str(tmp_path / "no" / "such" / "dir"))
    assert done.returncode == 2 and hook.attempts == 1
    assert "cannot write the job summary" in done.stderr and "::error" in done.stdout
