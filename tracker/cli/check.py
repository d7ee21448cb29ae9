"""`tracker check [REF [REF]]`: exit 1 when a change that matters happened, for scheduled jobs.

Wiring only: store → pipeline (differ) → alert.select → render → notify. Output is printed
before any notification is sent, so a failing webhook never loses the alert.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from tracker.alert import state
from tracker.alert.check import check_pair
from tracker.alert.notify import check_urls, notify_all
from tracker.cli.common import (
    emit,
    format_option,
    ignore_option,
    open_store,
    source_option,
    store_option,
)
from tracker.config import load_rules
from tracker.errors import TrackerError
from tracker.redact import scrub
from tracker.render.github import write_step_summary
from tracker.render.message import render_chat
from tracker.render.registry import load
from tracker.rules import ALERT_KINDS


@click.command(name="check")
@click.argument("refs", nargs=-1, metavar="[OLD] [NEW]")
@store_option
@source_option
@format_option("check")
@click.option(
    "--since-last-check",
    is_flag=True,
    help="Compare the latest capture with the one the last successful --since-last-check run "
    "reported (default: with the capture before it); record it in the store (a commit).",
)
@click.option(
    "--rules",
    "rules_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The rules file (default: tracker.toml at the store root). See docs/rules.md.",
)
@click.option(
    "--alert-on",
    metavar="KIND,…",
    help=f"Kinds that alert, replacing the rules file's: {', '.join(ALERT_KINDS)}.",
)
@ignore_option
@click.option(
    "--watch",
    multiple=True,
    metavar="REGEX",
    help="Alert only on blocks matching REGEX (replaces).",
)
@click.option(
    "--notify",
    "notify_urls",
    multiple=True,
    metavar="URL",
    envvar="TRACKER_NOTIFY",
    help="POST the check JSON to an http(s) webhook, or send to an Apprise URL (repeatable). "
    "Env: TRACKER_NOTIFY (URLs separated by spaces), which keeps secrets off the command line.",
)
@click.option(
    "--notify-timeout",
    type=click.FloatRange(min=0.01),
    default=10.0,
    show_default=True,
    metavar="SECONDS",
    help="Timeout of each notification attempt.",
)
@click.option(
    "--notify-tries",
    type=click.IntRange(min=1, max=10),
    default=3,
    show_default=True,
    metavar="N",
    help="Attempts per webhook (exponential backoff from 0.5 s).",
)
@click.option("--notify-always", is_flag=True, help="Notify even when nothing alerts.")
@click.option(
    "--full",
    is_flag=True,
    help="In the Markdown report, list every paragraph of a group, not the first few.",
)
@click.pass_context
def command(ctx, **opts):
    """Alert on changes that matter: exit 0 nothing, 1 alert, 2 error.

    \b
    With no REF: the latest capture against the one before it (or, with --since-last-check,
    against the last capture checked). With one REF: that capture against the one before it.
    Rules: tracker.toml at the store root (docs/rules.md); flags override it.
    Example: tracker check --format github --notify "$WEBHOOK"
    """
    code = _check(**opts)
    ctx.exit(code)


def _check(
    *,
    refs,
    store_path,
    source,
    fmt,
    since_last_check,
    rules_path,
    alert_on,
    ignore,
    watch,
    notify_urls,
    notify_timeout,
    notify_tries,
    notify_always,
    full,
) -> int:
    check_urls(list(notify_urls))
    store = open_store(store_path)
    source = store.resolve_source(source)
    rule_set = store.config.rules if rules_path is None else load_rules(rules_path, required=True)
    rules = rule_set.for_source(source).override(kinds=alert_on, ignore=ignore, watch=watch)

    old, new, notes, status_from = state.pair_to_check(store, source, refs, since_last_check)
    result = check_pair(store, source, old, new, rules, notes, status_from=status_from)
    result.full = full

    failures = _print(result, fmt)
    if notify_urls and (result.alert or notify_always):
        failures += notify_all(
            list(notify_urls), result, render_chat, timeout=notify_timeout, tries=notify_tries
        )
    for failure in failures:
        click.echo(scrub(f"tracker: error: {failure}"), err=True)
    if failures:
        return 2  # not recorded: the next --since-last-check run alerts again
    if since_last_check and new is not None:
        state.record_checked(store, source, new.id)
    return 1 if result.alert else 0


def _print(result, fmt: str) -> list[str]:
    """Print the result; the failures (a job summary that cannot be written) come back so that
    notifications are still sent."""
    if fmt == "json":
        emit(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return []
    emit(load(fmt, "check")(result), nl=False)
    if fmt == "github":
        try:
            write_step_summary(result)
        except TrackerError as e:
            return [str(e)]
    return []
