"""`tracker show REF`: a capture's text, or with --raw its stored bytes unchanged."""

from __future__ import annotations

import sys

import click

from tracker.cli.common import open_store, source_option, store_option


@click.command("show")
@click.argument("ref")
@click.option("--raw", is_flag=True, help="Write the stored bytes to stdout, unchanged.")
@click.option("--select", "select", multiple=True, metavar="CSS",
              help="Show only what these CSS selectors match (repeatable; replaces the "
              "source's select in tracker.toml): a preview of a selector on a stored capture.")
@click.option("--exclude", "exclude", multiple=True, metavar="CSS",
              help="Leave out what these CSS selectors match (repeatable; replaces the source's).")
@click.option("--whole", is_flag=True, help="The whole page, ignoring the source's selectors.")
@source_option
@store_option
def command(ref, raw, select, exclude, whole, source, store_path):
    """Print a capture's text (through its source's selectors). REF: 2021-09-20, a timestamp,
    an id, first, latest, latest~N."""
    store = open_store(store_path)
    source = store.resolve_source(source)
    if select or exclude:
        from tracker.config import selector_error
        from tracker.errors import TrackerError

        for selector in select + exclude:
            error = selector_error(selector)
            if error:
                raise TrackerError(error, "use CSS syntax, e.g. --select 'main .content'")
        store.selections[source] = (tuple(select), tuple(exclude))
    elif whole:
        store.selections[source] = ((), ())
    info, note = store.resolve(source, ref)
    if note:
        click.echo(f"tracker: note: {note}", err=True)
    data = store.read_bytes(info)  # warns when the bytes no longer match the sidecar
    if raw:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    text = store.read_text(info, data)
    if info.path in store.unmatched:
        shown = ", ".join(store.selection(source)[0])
        click.echo(f"tracker: note: {shown} matches nothing on capture {info.id}", err=True)
        return
    if (select or exclude) and info.media_type != "text/html":
        click.echo(f"tracker: note: {info.id} is plain text: selectors apply to HTML", err=True)
    click.echo(text, nl=not text.endswith("\n"))
