"""`tracker add URL`: declare a page to watch in tracker.toml, keeping the file as written."""

from __future__ import annotations

import click

from tracker.cli.common import open_store, store_option
from tracker.config import add_source


@click.command("add")
@click.argument("url")
@click.option("--name", metavar="NAME",
              help="The source's name (default: the host, then the path, as `capture` names it).")
@click.option("--select", "select", multiple=True, metavar="CSS",
              help="Watch only what this CSS selector matches (repeatable).")
@click.option("--exclude", "exclude", multiple=True, metavar="CSS",
              help="Leave out what this CSS selector matches (repeatable).")
@click.option("--every", metavar="DURATION",
              help='Minimum interval between captures by `tracker run`, e.g. "6h".')
@click.option("--tag", "tags", multiple=True, metavar="TAG",
              help="A tag for `tracker run --tag` (repeatable).")
@click.option("--expect-change-within", metavar="DURATION",
              help='Alert (stale) when the page has not changed for this long, e.g. "14d".')
@store_option
def command(url, name, select, exclude, every, tags, expect_change_within, store_path):
    """Add a page to watch to tracker.toml at the store root.

    \b
    The file keeps its comments and layout; nothing is fetched (tracker run does that).
    Example: tracker add https://example.org/news --select main --every 6h
    """
    name = add_source(
        store_path,
        url,
        name=name,
        select=select,
        exclude=exclude,
        every=every,
        tags=tags,
        expect_change_within=expect_change_within,
        store=open_store(store_path, create=True),
    )
    click.echo(f"added {name}: {url}")
    return 0
