"""`tracker verify`: every stored capture against git and its sidecar; exit 1 if any is not."""

from __future__ import annotations

import json

import click

from tracker.cli.common import console, format_option, open_store, store_option
from tracker.render.phrases import plural

SCHEMA = "tracker.verify/1"


@click.command("verify")
@store_option
@format_option("verify")
@click.pass_context
def command(ctx, store_path, fmt):
    """Check every capture: committed blob = work-tree file = sidecar sha256. Exit 1 if not."""
    store = open_store(store_path)
    problems = store.verify()
    count = store.count()
    if fmt == "json":
        doc = {
            "schema": SCHEMA,
            "store": str(store.root),
            "captures": count,
            "ok": not problems,
            "problems": [p.to_dict() for p in problems],
        }
        click.echo(json.dumps(doc, indent=2))
    elif not problems:
        click.echo(f"{count} captures verified: all intact")
    else:
        from rich.table import Table

        title = f"{plural(len(problems), 'problem')} in {plural(count, 'capture')}"
        table = Table(title=title, title_justify="left")
        for column in ("problem", "path", "detail"):
            table.add_column(column)
        for p in problems:
            table.add_row(p.kind, p.path, p.detail)
        console().print(table)
    if problems:
        ctx.exit(1)
