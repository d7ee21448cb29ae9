"""`tracker wayback URL`: backfill a page's history from the Wayback Machine, resumably."""

from __future__ import annotations

import click

from tracker.capture.wayback import Refused, WaybackClient, cdx_date
from tracker.cli.common import ProgressBar, open_store, source_option, store_option
from tracker.errors import TrackerError
from tracker.names import archived_page
from tracker.render.phrases import plural


@click.command("wayback")
@click.argument("url")
@click.option("--from", "since", metavar="DATE", help="First capture time (2018, 2018-10-18...).")
@click.option("--to", "until", metavar="DATE", help="Last capture time, same forms as --from.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N",
              help="Download at most N captures not yet stored (oldest first).")
@source_option
@store_option
@click.option("--rate", type=click.FloatRange(min=0), default=1.0, show_default=True,
              metavar="SECONDS", help="Delay between requests to the archive.")
@click.option("--batch", "batch_size", type=click.IntRange(min=1), default=25, show_default=True,
              metavar="N", help="Captures stored per commit (an interruption loses at most one).")
def command(url, since, until, limit, source, store_path, rate, batch_size):
    """Import URL's captures from the Wayback Machine (distinct contents, HTTP 200 only).

    \b
    Captures already stored (by Wayback timestamp) are skipped before downloading, so
    running the same command again resumes. The archive is $TRACKER_WAYBACK_URL
    (default https://web.archive.org). Retries with backoff as `tracker run` does (429, 503…).
    """
    since, until = cdx_date(since, name="--from"), cdx_date(until, name="--to")
    copy = archived_page(url)
    if copy is not None:  # an address copied from the archive's own pages
        url = copy[1]
        click.echo(f"tracker: note: asking the archive for the captures of {url}", err=True)
    store = open_store(store_path, create=True)
    name = source or store.default_source(url if "://" in url else f"http://{url}")
    have = set()
    if name in store.sources():
        for info in store.captures(name):
            have.add(info.extra.get("wayback_timestamp") or info.id[:14])

    with WaybackClient(rate=rate) as client:
        snapshots = client.snapshots(url, since=since, until=until)
        new = [s for s in snapshots if s.timestamp not in have]
        todo = new[:limit] if limit else new
        click.echo(f"{plural(len(snapshots), 'distinct capture')} in the archive, "
                   f"{len(snapshots) - len(new)} already stored, {len(todo)} to download", err=True)
        added, skipped, commits, unchanged, gone = _download(
            client, store, todo, name, batch_size
        )

    for info in added[:50]:
        stamp = info.extra.get("wayback_timestamp")
        click.echo(f"+ {info.path}  {info.captured_at.isoformat()}  (wayback {stamp})")
    if len(added) > 50:
        click.echo(f"+ … and {len(added) - 50} more")
    same = f"{unchanged} unchanged (same bytes as the capture before), " if unchanged else ""
    click.echo(f"{len(skipped) - unchanged} already stored, {same}{len(added)} added"
               + (f" in {plural(commits, 'commit')}" if commits else ""))
    if gone:
        listed = ", ".join(f"{s.timestamp} (HTTP {status})" for s, status in gone[:3])
        more = f" and {len(gone) - 3} more" if len(gone) > 3 else ""
        raise TrackerError(
            f"the archive lists {plural(len(gone), 'capture')} it would not play back: "
            f"{listed}{more}",
            "the others are stored; run the same command later to try those again",
        )


def _download(client, store, todo, name, batch_size):
    """Download and store `todo`; a capture the archive will not play back (404, 403…) is
    left for the next run, never holding back the ones after it."""
    added, skipped, commits, batch, unchanged, gone = [], [], 0, [], 0, []

    def flush():
        nonlocal commits, unchanged
        if batch:
            result = store.add(batch, source=name)
            added.extend(result.added)
            skipped.extend(result.skipped)
            unchanged += result.unchanged
            commits += result.commit is not None
            batch.clear()

    with ProgressBar(len(todo)) as bar:
        advance = bar.step("downloading", len(todo))
        try:
            for done, snapshot in enumerate(todo, 1):
                try:
                    capture = client.download(snapshot, source=name)
                except Refused as e:
                    gone.append((snapshot, e.status))
                    capture = None
                if capture is not None:
                    batch.append(capture)
                if len(batch) >= batch_size:
                    flush()
                if advance:
                    advance(done, len(todo))
        except (TrackerError, KeyboardInterrupt) as e:
            flush()  # keep what was downloaded: the next run resumes after it
            if isinstance(e, KeyboardInterrupt):
                raise
            stored = plural(len(added), "capture")
            message = f"{e.message} ({stored} stored before it)"
            raise TrackerError(message, e.hint) from None
        flush()
    return added, skipped, commits, unchanged, gone
