"""`tracker capture URL`: fetch a page now and store the response as one capture."""

from __future__ import annotations

import click

from tracker.capture.fetch import check_url, fetch
from tracker.cli.common import open_store, source_option, store_option
from tracker.pipeline import capture_status

# Bytes: an error page is a few KB of text in at most some hundreds of KB of HTML; a larger
# body is judged when it is compared, not here (reading 200 MB of HTML takes minutes).
JUDGED_HERE = 1_000_000


@click.command("capture")
@click.argument("url")
@source_option
@store_option
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              metavar="S", help="Give up when the server is silent this many seconds.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=20_000_000, show_default=True,
              metavar="N", help="Refuse (and store nothing) when the body is larger.")
def command(url, source, store_path, timeout, max_bytes):
    """Fetch URL now and store the response as a capture.

    \b
    The source is --source, the source tracker.toml watches this page as (with its
    headers), or one named after the page (host without "www.", then
    path); a source is one page: another page is refused. A non-2xx answer is stored
    too (as evidence), with a warning; a page unchanged since the latest capture adds
    nothing, one back to an older text is stored. Only HTML and text are accepted.
    """
    check_url(url)
    store = open_store(store_path, create=True)
    conf = store.config.watching(url)  # the source tracker.toml watches the page as, if any
    if conf is not None:
        source = source or conf.name
    headers = (conf.headers or None) if conf is not None else None
    capture = fetch(url, timeout=timeout, max_bytes=max_bytes, source=source, headers=headers)
    result, status = store.add([capture], source=source), capture.extra["status"]
    if not 200 <= status < 300:
        warning = f"tracker: warning: {url} answered HTTP {status}; stored, flagged as an error"
        click.echo(warning, err=True)
    if result.added:
        info = result.added[0]
        judged = 200 <= status < 300 and info.size <= JUDGED_HERE
        page = None
        if judged:  # the bytes just stored are in memory: not read back from the store
            page = capture_status(store, info, store.read_text(info, capture.data, whole=True))
        if page is not None and page.error:  # a "200 OK" that says the page is gone, blocked...
            what = page.label.removeprefix("error: ")
            click.echo(f"tracker: warning: {url} answered HTTP {status} with an error page "
                       f"({what}); stored, flagged as an error", err=True)
        click.echo(f"captured {info.source} {info.id} ({info.size:,} bytes, HTTP {status})")
    else:
        info = result.skipped[0]
        click.echo(f"unchanged: {info.source} {info.id} holds the same bytes; nothing stored")
    return 0
