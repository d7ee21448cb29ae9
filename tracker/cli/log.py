"""`tracker log`: the history of a source as a changelog, one typed summary per capture."""

from __future__ import annotations

import json
import sys

import click

from tracker.cli.common import (
    ProgressBar,
    console,
    discard,
    emit,
    format_option,
    open_store,
    show,
    source_option,
    store_option,
    text_mode,
)
from tracker.errors import TrackerError
from tracker.history.changelog import (
    FILTER_KINDS,
    cached_view,
    changelog_view,
    select,
    stamp,
)
from tracker.history.jsontext import Written, pieces
from tracker.render.styled import Text

SCHEMA = "tracker.log/1"


def render_table(out, source: str, captures) -> None:
    """The plain list of captures (`--captures`): no diffing, instant on any history."""
    from rich.table import Table

    from tracker.render.terminal import when

    table = Table(title=f"{source}: {len(captures)} captures", title_justify="left")
    for name, justify in (
        ("id", "left"),
        ("captured at", "left"),
        ("size", "right"),
        ("time from", "left"),
        ("sha256", "left"),
    ):
        table.add_column(name, justify=justify)
    for c in captures:
        table.add_row(c.id, when(c), f"{c.size:,}", c.time_source, c.sha256[:12])
    out.print(table)


def parse_kinds(value: str | None) -> set[str] | None:
    if not value:
        return None
    kinds = {k.strip() for k in value.split(",") if k.strip()}
    unknown = kinds - set(FILTER_KINDS)
    if unknown:
        raise TrackerError(
            f"--only: unknown kind {sorted(unknown)[0]!r}", f"known: {', '.join(FILTER_KINDS)}"
        )
    return kinds


@click.command("log")
@source_option
@store_option
@format_option("log")
@click.option("--since", metavar="REF", help="Start at this capture or day (2021, 2021-09, …).")
@click.option("--until", metavar="REF", help="End at this capture or day.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    metavar="N",
    help="Only the N newest captures (after --only).",
)
@click.option(
    "--only",
    metavar="KIND,…",
    help=f"Only captures with changes of these kinds: {', '.join(FILTER_KINDS)}.",
)
@click.option("--oldest-first", is_flag=True, help="Oldest capture first (default: newest).")
@click.option("--counters", is_flag=True, help="Plot each counter over time, anomalies marked.")
@click.option(
    "--captures", "plain", is_flag=True, help="Only list the captures (id, time, size): no diffing."
)
def command(source, store_path, fmt, since, until, limit, only, oldest_first, counters, plain):
    """The history of a source: each capture with a typed summary of what changed since the
    capture before it (contacts, counter anomalies, articles, news titles).

    \b
    Examples:
      tracker log --only contact        when did the phone or email change?
      tracker log --counters            the day counters over time
      tracker log --since 2021 --format json
    """
    store = open_store(store_path)
    source = store.resolve_source(source)
    taken = stamp(store, source)  # before anything is read: what the changelog is kept under
    view = cached_view(store, source, taken)
    captures = view if view is not None else store.captures(source)
    indices = select(store, source, captures, since, until)
    kinds = parse_kinds(only)
    if limit and not kinds:
        indices = indices[-limit:]
    if plain:
        shown = [captures[i] for i in indices]
        if fmt == "json":
            doc = {"schema": SCHEMA, "source": source, "captures": [c.to_dict() for c in shown]}
            emit(json.dumps(doc, indent=2, ensure_ascii=False))
        else:
            render_table(console(), source, shown)
        return 0

    if view is not None and fmt == "json" and not kinds:
        entries, learned = view.written(indices), view.learned  # each capture's JSON text
    elif view is not None:
        entries, learned = view.entries(indices), view.learned
    else:
        with ProgressBar(len(indices), minimum=50) as bar:
            entries, learned = changelog_view(
                store, source, indices, progress=bar.step("comparing captures"), taken=taken
            )
    if kinds:
        entries = [e for e in entries if e.kinds() & kinds]
        if limit:
            entries = entries[-limit:]
    if fmt == "json":
        doc = {
            "schema": SCHEMA,
            "source": source,
            "learned_noise": learned,
            "captures": [e if type(e) is Written else e.json_text() for e in entries],
        }
        stream = sys.stdout  # as click.echo writes: what a long log holds, in pieces
        try:
            for piece in pieces(doc):
                stream.write(piece)
            stream.write("\n")
            stream.flush()
        except BrokenPipeError:  # piped into `head`: not an error, nor what is left unwritten
            discard(stream)
        return 0
    # the renderers load only for the terminal: a JSON log (of a cached history: a few stats
    # and one query) must not pay for the differ's model, the alert rules and rich's layout
    from tracker.alert.select import is_alerting
    from tracker.render.changelog import render_changelog
    from tracker.render.sparkline import render_counters

    _, full = text_mode()
    if counters:
        show(render_counters(entries, full=full))
        return 0
    rules = store.config.rules.for_source(source)
    total = len(captures) if len(entries) != len(captures) else None
    doc = render_changelog(
        entries,
        source,
        newest_first=not oldest_first,
        total=total,
        full=full,
        alerting=lambda c: is_alerting(c, rules),
    )
    if learned:
        shown = ", ".join(label if full else label[:40] for label in learned[:3])
        more = f" and {len(learned) - 3} more" if len(learned) > 3 else ""
        doc.append(
            Text(f"\nnoise learned from this history: {shown}{more} (see tracker noise)", "dim")
        )
    show(doc)
    return 0
