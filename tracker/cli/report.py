"""`tracker report`: a static, self-contained HTML site of every source's history, and feeds."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.common import ProgressBar, open_store, store_option
from tracker.site import Site, load_source, write_feeds, write_report

out_option = click.option(
    "--out",
    type=click.Path(path_type=Path),
    default="report",
    show_default=True,
    metavar="DIR",
    help="The folder to write (created if missing; only changed files are rewritten).",
)

sources_option = click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="NAME",
    help="Only this source (repeatable); default: every source of the store.",
)


def views_of(store, sources: tuple[str, ...]):
    """The chosen sources' histories (every source when none is named)."""
    names = [store.resolve_source(s) for s in sources] if sources else store.sources()
    if not names:
        store.resolve_source(None)  # raises: the store holds no captures
    rule_set = store.config.rules
    names = list(dict.fromkeys(names))
    total = sum(len(store.captures(name)) for name in names)
    with ProgressBar(total, minimum=50) as bar:
        return [
            load_source(store, name, rule_set, bar.step(f"comparing captures of {name}"))
            for name in names
        ]


def written(site, what: str) -> None:
    click.echo(
        f"{site.out / what}: {len(site.written)} files written, {site.kept} unchanged",
    )


@click.command("report")
@store_option
@sources_option
@out_option
def command(store_path, sources, out):
    """Write a static HTML report of the history: an index of sources, a timeline per source,
    a page per compared pair, the raw captures, and Atom feeds.

    \b
    It works from file:// and on any static host (GitHub Pages), with no network access.
    Re-running after new captures rewrites only the pages that changed.
    Example: tracker report --out report && open report/index.html
    """
    store = open_store(store_path)
    views = views_of(store, sources)
    with Site.open(out).writing("the report") as site:
        write_report(store, views, site)
        write_feeds(store, views, site)
    written(site, "index.html")
