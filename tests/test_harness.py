"""The test harness itself: the in-process CLI answers as the real process does, and leaves
nothing behind that could make one test depend on another."""

from __future__ import annotations

import os
import urllib.error
import urllib.request

import pytest
from samples import ROOT

from tracker import redact


def test_in_process_and_a_real_process_give_the_same_answer(cli):
    for args in (("diff", "2021-09-20", "2021-10-26"), ("show", "2021-10-25"), ("nonsense",)):
        inside, outside = cli(*args, cwd=ROOT), cli.process(*args, cwd=ROOT)
        assert (inside.code, inside.out, inside.err) == (outside.code, outside.out, outside.err)
    assert inside.code == 2 and inside.out == "" and inside.err


def test_an_error_is_one_line_on_stderr_apart_from_stdout(cli):
    code, out, err = cli("show", "2021-10-25", cwd=ROOT)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("tracker: error: ")


def test_a_run_changes_no_folder_environment_or_secret_list(cli, tmp_path):
    here = os.getcwd()
    page = tmp_path / "p.txt"
    page.write_text("20 September 2021\n\nhello\n")
    r = cli("import", "--source", "ex", page, env={"TRACKER_LOCK_TIMEOUT": "9"})
    assert r.code == 0, r.err
    assert (tmp_path / "snapshots" / "ex").is_dir()  # ran in the fixture's folder
    assert os.getcwd() == here and "TRACKER_LOCK_TIMEOUT" not in os.environ
    r = cli("check", "--notify", "https://hooks.example.org/services/T0/B0/s3cretpiece")
    assert "s3cretpiece" not in r.out + r.err
    assert redact._registered == []  # the next test's output is not scrubbed of this URL


def test_no_tracker_variable_of_the_calling_shell_reaches_a_test():
    assert not [k for k in os.environ if k.startswith("TRACKER_") and k != "TRACKER_SHARED"]


def test_the_sample_store_holds_the_five_samples(cli, sample_store):
    doc = cli.json("log", "--store", sample_store.root)
    assert len(doc["captures"]) == 5


@pytest.mark.parametrize("route", [
    (201, {"X-Kind": "tuple"}, "made"),
    {"status": 201, "headers": {"X-Kind": "tuple"}, "body": b"made", "chunked": True},
    lambda request: (201, {"X-Kind": "tuple"}, request.path.encode()[-4:]),
])
def test_the_web_server_answers_routes_and_keeps_requests(http_server, route):
    http_server.routes["/made"] = route
    with urllib.request.urlopen(http_server.url("/made")) as answer:
        assert answer.status == 201 and answer.headers["X-Kind"] == "tuple"
        assert answer.read() == b"made"
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(http_server.url("/other"))
    assert missing.value.code == 404
    assert [r.path for r in http_server.requests] == ["/made", "/other"]
