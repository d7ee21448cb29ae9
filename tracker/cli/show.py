"""`tracker show REF`: a capture's text, or with --raw its stored bytes unchanged."""

from __future__ import annotations

import sys

import click

from tracker.cli.common import open_store, source_option, store_option


@click.command("show")
@click.argument("ref")
@click.option("--raw", is_flag=True, help="Write the stored bytes to stdout, unchanged.")
@source_option
@store_option
def command(ref, raw, source, store_path):
    """Print a capture's text. REF: 2021-09-20, a timestamp, an id, first, latest, latest~N."""
    from tracker.capture import text_of

    store = open_store(store_path)
    info, note = store.resolve(store.resolve_source(source), ref)
    if note:
        click.echo(f"tracker: note: {note}", err=True)
    data = store.read_bytes(info)  # warns when the bytes no longer match the sidecar
    if raw:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    text = text_of(info, data)
    click.echo(text, nl=not text.endswith("\n"))
