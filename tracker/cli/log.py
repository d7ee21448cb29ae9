"""`tracker log`: a source's captures in capture-time order (gathering apart from rendering)."""

from __future__ import annotations

import json

import click

from tracker.cli.common import console, format_option, open_store, source_option, store_option

SCHEMA = "tracker.log/1"


def gather(store, source: str | None):
    """(source, captures oldest first): the data every rendering of the log starts from."""
    name = store.resolve_source(source)
    return name, store.captures(name)


def to_json(source: str, captures) -> dict:
    return {
        "schema": SCHEMA,
        "source": source,
        "captures": [
            {
                "id": c.id,
                "captured_at": c.captured_at.isoformat(),
                "time_source": c.time_source,
                "size": c.size,
                "sha256": c.sha256,
                "media_type": c.media_type,
                "url": c.url,
            }
            for c in captures
        ],
    }


def render_table(out, source: str, captures) -> None:
    from rich.table import Table

    table = Table(title=f"{source}: {len(captures)} captures", title_justify="left")
    table.add_column("id")
    table.add_column("captured at")
    table.add_column("size", justify="right")
    table.add_column("time from")
    table.add_column("sha256")
    for c in captures:
        table.add_row(
            c.id, _when(c.captured_at), f"{c.size:,}", c.time_source, c.sha256[:12]
        )
    out.print(table)


def _when(moment) -> str:
    offset = moment.isoformat()[19:] or "+00:00"
    return moment.strftime("%Y-%m-%d %H:%M ") + offset.replace("+00:00", "UTC")


@click.command("log")
@source_option
@store_option
@format_option("text", "json")
def command(source, store_path, fmt):
    """The captures of a source, oldest first."""
    store = open_store(store_path)
    name, captures = gather(store, source)
    if fmt == "json":
        click.echo(json.dumps(to_json(name, captures), indent=2, ensure_ascii=False))
    else:
        render_table(console(), name, captures)
