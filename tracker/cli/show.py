"""`tracker show REF`: a capture's text, or with --raw its stored bytes unchanged."""

from __future__ import annotations

import shutil
import sys

import click

from tracker.capture import CHUNK, iter_text
from tracker.cli.common import emit, open_store, source_option, store_option
from tracker.config import selector_error
from tracker.errors import TrackerError


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
    import hashlib
    store = open_store(store_path)
    source = store.resolve_source(source)
    if select or exclude:
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
    if not raw and info.media_type == "text/html" and any(store.selection(source)):
        text = store.read_text(info)  # warns when the bytes no longer match the sidecar
        if info.path in store.unmatched:
            shown = ", ".join(store.selection(source)[0])
            click.echo(f"tracker: note: {shown} matches nothing on capture {info.id}", err=True)
            return
        emit(text, nl=not text.endswith("\n"))
        return
    if (select or exclude) and info.media_type != "text/html":
        click.echo(f"tracker: note: {info.id} is plain text: selectors apply to HTML", err=True)
    # streamed: a 200 MB capture is hashed, decoded and printed a chunk at a time
    with store.open_bytes(info) as f:
        if hashlib.file_digest(f, "sha256").hexdigest() != info.sha256:
            store.warn(
                f"capture {info.path} was changed after it was stored (its sha256 differs "
                "from its sidecar's); run tracker verify"
            )
        f.seek(0)
        if raw:
            shutil.copyfileobj(f, sys.stdout.buffer, CHUNK)
            sys.stdout.buffer.flush()
            return
        _echo_pieces(iter_text(info, f))


def _echo_pieces(pieces) -> None:
    """Print text pieces as `click.echo(text, nl=not text.endswith("\n"))` prints the whole:
    cut at line ends, so that click's ANSI stripping on a pipe sees whole lines."""
    carry, last_nl = "", False
    for piece in pieces:
        piece = carry + piece
        cut = piece.rfind("\n") + 1 if len(piece) < 4 * CHUNK else len(piece)
        if cut:
            emit(piece[:cut], nl=False)
            last_nl = piece[cut - 1] == "\n"
        carry = piece[cut:]
    emit(carry, nl=bool(carry) or not last_nl)
