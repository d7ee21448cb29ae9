"""Webhooks against a real HTTP server on 127.0.0.1: delivery, retries, timeouts, refusals."""

from __future__ import annotations

import pytest
from http_helpers import Site

from tracker.alert.notify import notify_all, post_webhook, redact, send_apprise
from tracker.errors import TrackerError


class Hook:
    """A webhook receiver on 127.0.0.1: `mode` is "ok", "500", "404" or "hang"; counts attempts."""

    def __init__(self, mode: str = "ok"):
        self.mode = mode
        self.site = Site()
        self.site.routes["/hooks/secret-token"] = self.answer

    def answer(self, request):
        if self.mode == "hang":
            self.site.closing.wait(10)
            return None
        return ({"ok": 200, "500": 500, "404": 404}[self.mode], {}, b"ok")

    @property
    def url(self) -> str:
        return self.site.url("/hooks/secret-token")

    @property
    def attempts(self) -> int:
        return len(self.site.posts)

    @property
    def bodies(self) -> list:
        return self.site.json_posts()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.site.close()


@pytest.fixture
def hook(request):
    with Hook(getattr(request, "param", "ok")) as h:
        yield h


def test_the_json_arrives(hook):
    assert post_webhook(hook.url, {"schema": "tracker.check/1", "alert": True}) == 1
    assert hook.bodies == [{"schema": "tracker.check/1", "alert": True}]


@pytest.mark.parametrize("hook", ["500"], indirect=True)
def test_server_errors_are_retried_with_backoff_then_fail(hook):
    waits = []
    with pytest.raises(TrackerError) as caught:
        post_webhook(hook.url, {"a": 1}, tries=3, backoff=0.5, sleep=waits.append)
    assert hook.attempts == 3
    assert waits == [0.5, 1.0]  # exponential
    message = str(caught.value)
    assert "failed after 3 tries (HTTP 500)" in message
    assert "secret-token" not in message  # webhook URLs are secrets


@pytest.mark.parametrize("hook", ["hang"], indirect=True)
def test_a_hanging_server_times_out_each_try(hook):
    with pytest.raises(TrackerError, match=r"failed after 2 tries \(timed out after 0.2 s\)"):
        post_webhook(hook.url, {"a": 1}, timeout=0.2, tries=2, sleep=lambda s: None)
    assert hook.attempts == 2


@pytest.mark.parametrize("hook", ["404"], indirect=True)
def test_a_refusal_is_not_retried(hook):
    with pytest.raises(TrackerError, match="refused the alert \\(HTTP 404\\)"):
        post_webhook(hook.url, {"a": 1}, tries=3, sleep=lambda s: None)
    assert hook.attempts == 1


def test_nothing_listening_is_a_clear_failure():
    with Hook() as h:
        url = h.url
    with pytest.raises(TrackerError, match="failed after 2 tries \\(ConnectError"):
        post_webhook(url, {}, tries=2, timeout=1, sleep=lambda s: None)


def test_redact_keeps_scheme_and_host_only():
    assert redact("https://hooks.slack.com/services/T0/B0/xyz") == "https://hooks.slack.com/…"
    assert redact("tgram://bottoken/chatid") == "tgram://…"  # in Apprise URLs the host is a token
    assert redact("http://127.0.0.1:8080/x?token=1") == "http://127.0.0.1:8080/…"


def test_apprise_urls_need_apprise_or_say_how_to_get_it():
    try:
        import apprise  # noqa: F401
    except ImportError:
        with pytest.raises(TrackerError, match=r"pip install 'tracker\[apprise\]'"):
            send_apprise("discord://id/token", "t", "b")
    else:
        with pytest.raises(TrackerError, match="does not understand"):
            send_apprise("nosuchscheme://x", "t", "b")


class FakeResult:
    alert = True
    notes: list[str] = []

    def to_json(self, text=None):
        return {"schema": "tracker.check/1", "alert": True, "text": text}


def test_notify_all_collects_failures_and_keeps_going():
    def words(result, **size):
        return "title", "body"

    with Hook("500") as bad, Hook("ok") as good:
        failures = notify_all([bad.url, good.url], FakeResult(), words, tries=2, backoff=0.01)
    assert len(failures) == 1 and "HTTP 500" in failures[0]
    assert bad.attempts == 2 and good.attempts == 1
    assert good.bodies[0]["text"] == "title\nbody"
