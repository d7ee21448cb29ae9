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
    import hashlib
    import shutil

    from tracker.capture import CHUNK, iter_text

    store = open_store(store_path)
    info, note = store.resolve(store.resolve_source(source), ref)
    if note:
        click.echo(f"tracker: note: {note}", err=True)
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
    from tracker.capture import CHUNK

    carry, last_nl = "", False
    for piece in pieces:
        piece = carry + piece
        cut = piece.rfind("\n") + 1 if len(piece) < 4 * CHUNK else len(piece)
        if cut:
            click.echo(piece[:cut], nl=False)
            last_nl = piece[cut - 1] == "\n"
        carry = piece[cut:]
    click.echo(carry, nl=bool(carry) or not last_nl)
