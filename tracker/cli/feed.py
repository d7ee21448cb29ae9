"""`tracker feed`: Atom feeds of the changes, one per source and one for all sources."""

from __future__ import annotations

import click

from tracker.cli.common import open_store, store_option
from tracker.cli.report import out_option, sources_option, views_of, written
from tracker.errors import TrackerError
from tracker.site import Site, write_feeds


@click.command("feed")
@store_option
@sources_option
@out_option
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    metavar="N",
    help="Entries per feed: the N newest captures that changed.",
)
@click.option(
    "--base-url",
    metavar="URL",
    help="Where the report is published (e.g. https://you.github.io/watch/): entry links become "
    "absolute. Default: relative to the feed, inside the report folder.",
)
def command(store_path, sources, out, limit, base_url):
    """Write Atom feeds: DIR/<source>/feed.atom and DIR/feed.atom (all sources).

    \b
    One entry per capture that changed (noise alone is not a change): its summary line as
    title, the HTML diff as content, a stable tag: id, the capture time as `updated`.
    Example: tracker feed --out report
    """
    if base_url and not base_url.lower().startswith(("http://", "https://")):
        raise TrackerError(
            f"--base-url {base_url!r} is not an http(s) address",
            "give the published report's address, e.g. https://you.github.io/watch/",
        )
    store = open_store(store_path)
    views = views_of(store, sources)
    with Site.open(out).writing("the feeds") as site:
        write_feeds(store, views, site, limit=limit, base_url=base_url)
    written(site, "feed.atom")
