"""`tracker run`: capture every due source of tracker.toml at once, commit once, check each.

Wiring only: config → watch.run_sources (fetch, store, check) → one report → one notification.
"""

from __future__ import annotations

import json

import click

from tracker.alert.notify import check_urls, notify_all
from tracker.cli.common import ProgressBar, emit, format_option, open_store, store_option
from tracker.errors import TrackerError
from tracker.redact import scrub
from tracker.render import run as render
from tracker.render.run import chat
from tracker.retry import RETRY_STATUSES
from tracker.watch import DEFAULT_CONCURRENCY, Politeness, chosen, parse_shard, run_sources


@click.command("run")
@store_option
@format_option("run")
@click.option("--source", "names", multiple=True, metavar="NAME",
              help="Only this source (repeatable).")
@click.option("--tag", "tags", multiple=True, metavar="TAG",
              help="Only sources with this tag (repeatable: any of them).")
@click.option("--shard", metavar="I/N",
              help="Only the I-th of N stable shares of the sources (a hash of each name), "
              "for a CI matrix of N jobs.")
@click.option("--force", is_flag=True, help="Fetch every chosen source, even if not due (every).")
@click.option("--concurrency", type=click.IntRange(min=1, max=64), default=DEFAULT_CONCURRENCY,
              show_default=True, metavar="N",
              help="Requests in flight at once, across all hosts (each host: one at a time).")
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True,
              metavar="S", help="Seconds between two requests to the same host (one at a time).")
@click.option("--retries", type=click.IntRange(min=0, max=10), default=2, show_default=True,
              metavar="N", help="Further attempts after a timeout, a dropped connection or "
              f"HTTP {'/'.join(map(str, sorted(RETRY_STATUSES)))} (backoff from 1 s, doubling; "
              "Retry-After honoured).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              metavar="S", help="Default timeout of one request (a source's `timeout` wins).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=20_000_000, show_default=True,
              metavar="N", help="A larger page is a failure of its source; nothing stored.")
@click.option("--fail-after", type=click.IntRange(min=1), default=3, show_default=True,
              metavar="N", help="Alert when a source has failed N runs in a row.")
@click.option("--notify", "notify_urls", multiple=True, metavar="URL", envvar="TRACKER_NOTIFY",
              help="One message per run to this webhook or Apprise URL (repeatable). "
              "Env: TRACKER_NOTIFY.")
@click.option("--notify-always", is_flag=True, help="Notify even when nothing alerts.")
@click.pass_context
def command(ctx, **opts):
    """Capture every due source of tracker.toml and check it: exit 0 nothing, 1 alert,
    2 a source failed (the others are still captured and checked) or bad input.

    \b
    Sources are [sources."NAME"] tables with a url (tracker add URL). New captures and the
    run's memory go into one commit. Example, hourly from cron:
      tracker run --format markdown --notify "$WEBHOOK"
    """
    ctx.exit(_run(**opts))


def _run(*, store_path, fmt, names, tags, shard, force, concurrency, delay, retries, timeout,
         max_bytes, fail_after, notify_urls, notify_always) -> int:
    check_urls(list(notify_urls))
    store = open_store(store_path, create=True)
    config = store.config
    if not any(conf.url for conf in config.sources.values()):
        raise TrackerError(
            f"no pages to watch in {config.where}", "add one with tracker add URL"
        )
    sources = chosen(config, names=names, tags=tags, shard=parse_shard(shard))
    polite = Politeness(concurrency=concurrency, delay=delay, retries=retries,
                        max_bytes=max_bytes, timeout=timeout)
    bar = ProgressBar(len(sources))
    try:
        result = run_sources(store, sources, polite, fail_after=fail_after, force=force,
                             progress=_lazy(bar))
    finally:
        bar.__exit__(None, None, None)
    failures = _print(result, fmt)
    if notify_urls and (result.alert or result.failed or notify_always):
        failures += notify_all(list(notify_urls), result, chat)
    for failure in failures:
        click.echo(scrub(f"tracker: error: {failure}"), err=True)
    if failures or result.failed:
        return 2
    return 1 if result.alert else 0


def _lazy(bar):
    """The bar's callback, its drawing thread started by the first page fetched: the run
    forks its checking copy before that, never beside a thread."""
    if bar.bar is None:
        return None
    step = None

    def update(done: int, total: int) -> None:
        nonlocal step
        if step is None:
            bar.__enter__()
            step = bar.step("fetching")
        step(done, total)

    return update


def _print(result, fmt: str) -> list[str]:
    if fmt == "json":
        emit(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        emit(render.markdown(result), nl=False)
    elif fmt == "github":
        emit(render.github(result), nl=False)
        try:
            render.write_step_summary(result)
        except TrackerError as e:
            return [str(e)]
    else:
        emit(render.text(result), nl=False)
    return []
