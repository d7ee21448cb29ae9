"""`tracker diff [REF [REF]]`: the typed report between two captures."""

from __future__ import annotations

import click

from tracker.alert.select import alerting
from tracker.cli.common import (
    emit,
    format_option,
    ignore_option,
    open_store,
    show,
    source_option,
    store_option,
    text_mode,
)
from tracker.history.jsontext import dumps
from tracker.history.options import diff_options
from tracker.pipeline import compare_pair, pick_pair
from tracker.render.registry import load


@click.command(name="diff")
@click.argument("refs", nargs=-1, metavar="[OLD] [NEW]")
@store_option
@source_option
@format_option("diff")
@ignore_option
@click.option(
    "--exit-code",
    is_flag=True,
    help="Exit 1 when there are changes other than noise, 0 when none (like git diff).",
)
@click.option(
    "--full",
    "every",
    is_flag=True,
    help="List every paragraph of a group (an article, a run of paragraphs), not the first few.",
)
def command(refs, store_path, source, fmt, ignore, exit_code, every):
    """What changed between two captures, most important first.

    \b
    REF: a day (2021-09-20), a timestamp, a 14-digit id, first, latest, latest~N.
    With one REF: that capture against the one before it; with none: the latest two.
    Example: tracker diff 2021-09-20 2021-10-26
    """
    store = open_store(store_path)
    source = store.resolve_source(source)
    old, new, notes = pick_pair(store, source, refs)
    rules = store.config.rules
    options = diff_options(store, source, ignore=ignore, rules=rules)
    old, report = compare_pair(store, source, old, new, options)
    loud = alerting(report, rules.for_source(source))  # what `check` would alert on comes first
    for note in notes:
        click.echo(f"tracker: note: {note}", err=True)
    render = load(fmt, "diff")
    if fmt == "json":
        emit(dumps(render(report, old, new, source)))  # json.dumps(…, indent=2), faster
    elif fmt == "text":
        plain, full = text_mode()
        show(render(report, old, new, source, plain=plain, full=full, alerting=loud, every=every))
    else:
        emit(render(report, old, new, source, alerting=loud, every=every))
    return 1 if exit_code and report.has_changes else 0
