"""`tracker noise`: the noise rules learned from a source's history, and how to override them."""

from __future__ import annotations

import json

import click

from tracker.cli.common import (
    console,
    format_option,
    open_store,
    source_option,
    store_option,
)
from tracker.history.noise import MIN_PAIRS, RATIO, learned_rules
from tracker.render.phrases import plural


@click.command(name="noise")
@store_option
@source_option
@format_option("noise")
def command(store_path, source, fmt):
    """List the blocks learned as noise: they change in nearly every capture of the source.

    Learned rules are applied by diff, log and check (class `volatile`, reason "learned").
    Confirm or override them in tracker.toml (see docs/rules.md: `volatile`, `not_volatile`).
    """
    from rich.markup import escape

    store = open_store(store_path)
    source = store.resolve_source(source)
    rules = learned_rules(store, source)
    if fmt == "json":
        doc = {
            "schema": "tracker.noise/1",
            "source": source,
            "min_pairs": MIN_PAIRS,
            "ratio": RATIO,
            "learned": [r.to_dict() for r in rules],
        }
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    out = console()
    if not rules:
        out.print(
            f"{source}: no noise learned yet (a block must change in {RATIO:.0%} of at "
            f"least {MIN_PAIRS} consecutive pairs of captures).",
            soft_wrap=not out.is_terminal,
        )
        return 0
    full = not out.is_terminal  # piped: labels whole
    out.print(f"{source}: {plural(len(rules), 'block')} learned as noise", soft_wrap=full)
    for r in rules:
        seen = f"[dim](changed in {r.changed} of {r.seen} pairs)[/dim]"
        out.print(f"  {escape(r.label if full else r.label[:100])}  {seen}", soft_wrap=full)
    return 0
