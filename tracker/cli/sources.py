"""`tracker sources`: every source of the store and of tracker.toml, and how it is doing."""

from __future__ import annotations

import json

import click

from tracker.cli.common import console, emit, format_option, open_store, store_option
from tracker.watch import source_rows


@click.command("sources")
@store_option
@format_option("sources")
@click.option("--tag", "tags", multiple=True, metavar="TAG",
              help="Only sources with this tag (repeatable: any of them).")
def command(store_path, fmt, tags):
    """List the sources: URL, last capture, last change and state.

    \b
    State: ok, never captured, failing (N in a row: reason), error page (HTTP …), stale
    (no change within expect_change_within), or a bad selector.
    """
    store = open_store(store_path, create=True)
    rows = source_rows(store, tags=tags)
    if fmt == "json":
        doc = {"schema": "tracker.sources/1", "sources": rows}
        emit(json.dumps(doc, indent=2, ensure_ascii=False))
        return 0
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    for column in ("source", "url", "last capture", "last change", "state"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            row["name"],
            row["url"] or "",
            _day(row["last_capture"]),
            _day(row["last_change"]),
            row["state"],
        )
    if not rows:
        click.echo("no sources yet: tracker add URL, or tracker import PATH")
        return 0
    console().print(table)
    return 0


def _day(value: str | None) -> str:
    return value[:16].replace("T", " ") if value else "-"
