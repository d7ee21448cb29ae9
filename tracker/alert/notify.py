"""Deliver a check to webhooks (the check JSON, POSTed with retries) and to Apprise URLs.

A notification that fails must be loud (stderr, exit 2) but must never hide the alert itself:
the CLI prints its output first and notifies afterwards. Notification URLs carry secrets, so
messages show only the scheme and an http(s) host (tracker.redact), and the text of any
exception from httpx or Apprise is scrubbed of the URL's pieces.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from tracker.errors import TrackerError
from tracker.redact import redact, register, scheme_of, scrub
from tracker.retry import RETRY_STATUSES

TIMEOUT = 10.0  # seconds per attempt
TRIES = 3
BACKOFF = 0.5  # seconds before the second try; doubles each time

# Apprise schemes for channels that take long messages; chat gets the short form.
_LONG_SCHEMES = {"mailto", "mailtos", "email", "json", "jsons", "xml", "xmls", "form", "forms"}


def is_webhook(url: str) -> bool:
    return scheme_of(url) in ("http", "https")


def is_long_channel(url: str) -> bool:
    return scheme_of(url) in _LONG_SCHEMES


def post_webhook(
    url: str,
    payload: dict,
    *,
    timeout: float = TIMEOUT,
    tries: int = TRIES,
    backoff: float = BACKOFF,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """POST `payload` as JSON; retry connection errors, timeouts and the answers worth another
    try (RETRY_STATUSES: 429, 503…) with exponential backoff. Returns the attempts used; raises
    TrackerError when every try failed or the server refused the request (any other 4xx or
    5xx, such as 404 or 501, is not retried: it will not get better)."""
    import httpx

    register([url])
    last = "no attempt made"
    with httpx.Client(timeout=timeout, follow_redirects=True) as client:
        for attempt in range(1, max(1, tries) + 1):
            try:  # the status is the answer: its body, of any size or pace, is never read
                with client.stream("POST", url, json=payload,
                                   headers={"User-Agent": "tracker"}) as response:
                    status = response.status_code
            except httpx.TimeoutException:
                last = f"timed out after {timeout:g} s"
            except httpx.InvalidURL as e:
                raise TrackerError(
                    f"notify {redact(url)}: not a valid URL ({scrub(str(e))})",
                    "check the webhook URL; characters such as / in a password must be %-encoded",
                ) from None
            except httpx.HTTPError as e:
                last = f"{type(e).__name__}: {scrub(str(e))}" if str(e) else type(e).__name__
            else:
                if status < 400:
                    return attempt
                last = f"HTTP {status}"
                if status not in RETRY_STATUSES:
                    raise TrackerError(
                        f"notify {redact(url)}: the server refused the alert ({last})",
                        "check the webhook URL and that it accepts a JSON POST",
                    )
            if attempt < tries:
                sleep(backoff * 2 ** (attempt - 1))
    raise TrackerError(
        f"notify {redact(url)}: failed after {tries} {'try' if tries == 1 else 'tries'} ({last})",
        "the alert is in the output above; check the webhook URL and that its server is up",
    )


def send_apprise(url: str, title: str, body: str) -> None:
    """Send through Apprise (Slack, Discord, Telegram, email, …: https://github.com/caronc/apprise/wiki)."""
    try:
        import apprise
    except ImportError:
        raise TrackerError(
            f"notify {redact(url)}: this is not an http(s) webhook and Apprise is not installed",
            "install it with `pip install 'tracker[apprise]'`, or give an http(s) webhook URL",
        ) from None
    register([url])
    with apprise.LogCapture(level=apprise.logging.WARNING, fmt="%(message)s") as log:
        sender = apprise.Apprise()
        try:
            added = sender.add(url)
            sent = added and sender.notify(title=title, body=body)
        except Exception as e:  # a plugin's bug must not print the URL in an internal error
            added, sent = True, False
            print(f"{type(e).__name__}: {e}", file=log)
        lines = log.getvalue().strip().splitlines()
    why = f" ({scrub(lines[-1])})" if lines else ""
    if not added:
        raise TrackerError(
            f"notify {redact(url)}: Apprise does not understand this URL{why}",
            "see https://github.com/caronc/apprise/wiki for the URL formats",
        )
    if not sent:
        raise TrackerError(
            f"notify {redact(url)}: Apprise could not deliver the message{why}",
            "check the URL; `apprise -vv URL` shows more",
        )


def check_urls(urls: list[str]) -> None:
    """Refuse, before any work, URLs that cannot be sent to: no scheme, or Apprise missing.
    The URL is never repeated: a value without a scheme may still be a secret."""
    register(urls)
    for n, url in enumerate(urls, 1):
        if not scheme_of(url):
            which = f"value {n} of {len(urls)}" if len(urls) > 1 else "the value"
            raise TrackerError(
                f"--notify: {which} is not a URL (no scheme://)",
                "give https://… or an Apprise URL such as slack://…",
            )
        if not is_webhook(url):
            try:
                import apprise  # noqa: F401
            except ImportError:
                raise TrackerError(
                    f"notify {redact(url)}: not an http(s) webhook, and Apprise is not installed",
                    "install it with `pip install 'tracker[apprise]'`, or give an http(s) URL",
                ) from None


def notify_all(
    urls: list[str],
    result,
    words: Callable[..., tuple[str, str]],
    *,
    timeout: float = TIMEOUT,
    tries: int = TRIES,
    backoff: float = BACKOFF,
) -> list[str]:
    """Send `result` (a check's CheckResult, or a whole run's RunResult) to every URL; the
    failures, one message each.

    Webhooks get the result's JSON (tracker.check/1, tracker.run/1) plus `text`, a chat-sized
    summary (so Slack- and Mattermost-style incoming webhooks show something readable as is);
    Apprise channels get that summary, or a longer one for email. `words(result, max_lines=,
    max_chars=)` gives (title, body) (tracker.render.message.render_chat,
    tracker.render.run.chat): alert decides, render words it."""
    register(urls)
    failures = []
    for url in urls:
        try:
            if is_webhook(url):
                title, body = words(result)
                payload = result.to_json(text=f"{title}\n{body}".rstrip())
                post_webhook(url, payload, timeout=timeout, tries=tries, backoff=backoff)
            else:
                size = {"max_lines": 200, "max_chars": 50_000} if is_long_channel(url) else {}
                send_apprise(url, *words(result, **size))
        except TrackerError as e:
            failures.append(str(e))
    return failures
