"""No output, error or log line holds a notification URL's secrets, whatever the URL and
whatever goes wrong (a malformed URL, a refused connection, Apprise, an internal error)."""

from __future__ import annotations

import importlib.util
import socket

import pytest
from cli_helpers import make_store, tracker

# Requests from Apprise go to a closed local port, never to the real services.
CLOSED = socket.socket()
CLOSED.bind(("127.0.0.1", 0))
PORT = CLOSED.getsockname()[1]  # bound, never listening: connections are refused
OFFLINE = {
    "HTTPS_PROXY": f"http://127.0.0.1:{PORT}",
    "HTTP_PROXY": f"http://127.0.0.1:{PORT}",
    "NO_PROXY": "127.0.0.1",
    "TRACKER_DEBUG": "",
}

# (URL, the secrets in it)
URLS = [
    ("tgram://123456789:AAHsecretTokenXYZ/12345", ["AAHsecretTokenXYZ"]),
    ("https://user:s3cr3t/PW@host.example/", ["s3cr3t"]),
    (
        "slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ/#general",
        ["T1JJ3T3L2", "A1BRTD4JD", "TIiajkdnlazkcOXrIdevi7FQ"],
    ),
    (
        f"https://hookuser:pw5ecret@127.0.0.1:{PORT}/hook/Tok3nPath?token=QueryS3cret",
        ["pw5ecret", "Tok3nPath", "QueryS3cret", "hookuser"],
    ),
    ("hooks.slack.com/services/T000/B000/NoSchemeS3cret", ["NoSchemeS3cret"]),
    ("discord://4174216298/JHMHI8qBe7bk2ZwO5U711o3dV_js", ["JHMHI8qBe7bk2ZwO5U711o3dV_js"]),
    ("xyz://UnknownSch3meSecret@host.example/", ["UnknownSch3meSecret"]),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return make_store(tmp_path_factory.mktemp("secrets"))


def assert_secret_free(r, secrets):
    assert r.code == 2, (r.code, r.err)
    assert "Traceback" not in r.err
    for secret in secrets:
        for stream in (r.out, r.err):
            assert secret.lower() not in stream.lower(), (secret, r.err)


@pytest.mark.parametrize("url, secrets", URLS, ids=[u.split(":")[0] + str(i) for i, (u, _) in
                                                      enumerate(URLS)])
def test_notify_flag_never_prints_secrets(store, url, secrets):
    r = tracker(
        "check", "--store", str(store), "--notify", url, "--notify-tries", "1",
        env={**OFFLINE, "TRACKER_NOTIFY": ""},
    )
    assert_secret_free(r, secrets)
    assert r.err.startswith("tracker: error: ") and r.err.count("\n") == 1, r.err


def test_tracker_notify_env_never_prints_secrets(store):
    urls = " ".join(url for url, _ in URLS[:4])
    r = tracker(
        "check", "--store", str(store), "--notify-tries", "1", "--format", "json",
        env={**OFFLINE, "TRACKER_NOTIFY": urls},
    )
    assert_secret_free(r, [s for _, secrets in URLS[:4] for s in secrets])
    if importlib.util.find_spec("apprise"):  # without it, tgram:// is refused before any work
        assert '"alert": true' in r.out  # the alert itself is printed before notifying


def test_malformed_webhook_url_is_a_clear_error_not_a_crash(store):
    r = tracker(
        "check", "--store", str(store), "--notify", "https://user:s3cr3t/PW@host.example/",
        env={**OFFLINE, "TRACKER_NOTIFY": ""},
    )
    assert_secret_free(r, ["s3cr3t"])
    assert "internal error" not in r.err and "https://…" in r.err
    assert "not a valid URL" in r.err


def test_internal_errors_are_scrubbed(monkeypatch, capsys):
    """A bug whose exception text holds the URL (as urlsplit's and httpx's do) prints it
    redacted, with or without TRACKER_DEBUG."""
    import tracker.cli.check as check
    from tracker.cli import main

    url = "tgram://123456789:AAHsecretTokenXYZ/12345"

    def crash(**opts):
        raise ValueError(f"cannot use {url}: bad port 'AAHsecretTokenXYZ'")

    monkeypatch.setattr(check, "_check", crash)
    for debug in ("", "1"):
        monkeypatch.setenv("TRACKER_DEBUG", debug)
        monkeypatch.setenv("TRACKER_NOTIFY", url)
        with pytest.raises(SystemExit) as done:
            main(["check"])
        assert done.value.code == 2
        err = capsys.readouterr().err
        assert "AAHsecretTokenXYZ" not in err and "123456789" not in err
        assert "ValueError" in err and "tgram://…" in err
