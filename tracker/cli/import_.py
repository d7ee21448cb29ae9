"""`tracker import PATH…`: read files, folders or a git-scraping history into the store."""

from __future__ import annotations

import itertools
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import click

from tracker.capture.gitscrape import read_history
from tracker.capture.readers import MAX_BYTES, reader_for
from tracker.capture.timefind import parse_timestamp
from tracker.cli.common import ProgressBar, open_store, source_option, store_option
from tracker.errors import TrackerError
from tracker.store import sidecar

_PROGRESS_FROM = 200  # files: below this an import is too quick for a progress bar


@click.command("import")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--at",
    "at",
    metavar="TIMESTAMP",
    help="Capture time for every file (ISO 8601; no offset means UTC, a date alone 12:00 UTC).",
)
@source_option
@store_option
@click.option(
    "--git",
    "git_repo",
    type=click.Path(path_type=Path),
    metavar="REPO",
    help="Import a git-scraping history: every commit that changed --path.",
)
@click.option("--path", "git_path", metavar="FILE", help="The file in --git REPO to import.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=MAX_BYTES,
    show_default=True,
    metavar="N",
    help="Refuse (importing nothing) a file or WARC record larger than this.",
)
def command(paths, at, source, store_path, git_repo, git_path, max_bytes):
    """Store captures from files, folders (recursive), WARC archives or a git history.

    Nothing is written unless every file can be read and dated; the import is one commit.
    """
    if not paths and git_repo is None:
        raise TrackerError("nothing to import", "give files or folders, or --git REPO --path FILE")
    if (git_repo is None) != (git_path is None):
        raise TrackerError("--git and --path go together", "give both: --git REPO --path FILE")
    if at and git_repo is not None and not paths:
        raise TrackerError(
            "--at does not apply to a git history", "each commit carries its own time"
        )
    if source:
        sidecar.check_source(source)
    when = None
    if at:
        when = parse_timestamp(at)
    store = open_store(store_path, create=True)
    files = expand(paths, store)
    if when is not None and len(files) > 1:
        click.echo(f"tracker: note: --at gives all {len(files)} files the same time", err=True)
    with ProgressBar(len(files), minimum=_PROGRESS_FROM) as bar:
        captures = read_all(files, when, bar.step("importing"), max_bytes)
        if git_repo is not None:
            captures = itertools.chain(captures, _git_history(git_repo, git_path, max_bytes))
        left_out: list = []
        if source:
            captures = store.of_its_page(captures, source, left_out)
        result = store.add(captures, source=source)
    if left_out:
        _left_out(store, source, left_out, result)
    if result.recovered:
        click.echo(f"completed an interrupted import (commit {result.recovered[:10]})")
    for info in result.added[:50]:
        click.echo(f"+ {info.path}  {info.captured_at.isoformat()}  ({info.time_source})")
    if len(result.added) > 50:
        click.echo(f"+ … and {len(result.added) - 50} more")
    line = f"{len(result.skipped) - result.unchanged} already stored, "
    if result.unchanged:
        line += f"{result.unchanged} unchanged (same bytes as the capture before), "
    line += f"{len(result.added)} added"
    if result.commit:
        line += f" (commit {result.commit[:10]})"
    click.echo(line)


def _left_out(store, source: str, left_out: list, result) -> None:
    """Say which records of other pages were left out; none of the page asked for at all is a
    mistake (another crawl, another source), said as one."""
    pages = sorted({c.url for c in left_out})
    page = next(iter(store.followed(source).values()), "its page")
    named = ", ".join(pages[:3]) + (f" and {len(pages) - 3} more" if len(pages) > 3 else "")
    if not result.added and not result.skipped:
        raise TrackerError(
            f"nothing to import of {page}, the page source {source} follows: the input holds "
            f"captures of {named}",
            "import it without --source (each page goes to its own source), or give another",
        )
    click.echo(
        f"tracker: note: left out {len(left_out)} capture(s) of other pages than {page} "
        f"({named})",
        err=True,
    )


def expand(paths, store=None) -> list[tuple[Path, Path | None]]:
    """Files named, and every file under the folders named, sorted; hidden files skipped, and
    the files of `store`'s sources (a folder holding the store: its captures are stored
    already, and its sidecars are no captures). Each with the folder named it was found under
    (None for a file named itself)."""
    own = _own_files(store)
    files: list[tuple[Path, Path | None]] = []
    for path in paths:
        if own(path):
            raise TrackerError(
                f"{path} is inside the store {store.root}: its files are stored captures already",
                "import files from outside the store",
            )
        if path.is_dir():
            # Only a folder that holds the store can hold its files (links to folders are
            # not followed): the others' files are not looked at one by one.
            mine = own if store is not None and _holds(path, store.root) else None
            found = [
                p for p in path.rglob("*")
                if not p.is_dir() and not _hidden(p.relative_to(path))
                and not (mine is not None and mine(p))
            ]
            if not found:
                raise TrackerError(f"{path}: the folder holds no files", "give files to import")
            files.extend((p, path) for p in sorted(found))
        elif path.exists() or path.is_symlink():
            files.append((path, None))
        else:
            raise TrackerError(f"{path}: no such file or folder", "check the path")
    for path, _ in files:
        _regular(path)
    return files


def _own_files(store):
    """Whether a path is (in) one of `store`'s source folders."""
    if store is None:
        return lambda path: False
    root, sources = store.root, set(store.sources())

    def own(path: Path) -> bool:
        try:
            parts = Path(os.path.realpath(path)).relative_to(root).parts
        except ValueError:
            return False
        return bool(parts) and parts[0] in sources

    return own


def _holds(folder: Path, root: Path) -> bool:
    real = Path(os.path.realpath(folder))
    return root == real or real in root.parents


def _regular(path: Path) -> None:
    """A pipe, socket or device is refused before it is opened: readers look at a file's first
    bytes, then read it again from the start, so a pipe (`/dev/stdin`, `<(curl …)`) would be
    stored without its first 4 KB, and a FIFO in a folder would wait forever."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # a broken link or an unreadable path: the reader says so
    if not stat.S_ISREG(mode):
        raise TrackerError(
            f"{path}: not a regular file (a pipe, socket or device)",
            "save it to a file first, e.g. curl -o page.html URL, and import that",
        )


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def read_all(
    files: list[tuple[Path, Path | None]], at, progress=None, max_bytes: int | None = None
) -> Iterator:
    """Captures from every file, lazily: the store sends each to git as it is read."""
    for i, (path, folder) in enumerate(files, 1):
        reader = reader_for(path)
        reader.max_bytes, reader.folder = max_bytes, folder
        yield from reader.read(path, at=at)
        if progress is not None:
            progress(i, len(files))


def _git_history(repo: Path, path: str, max_bytes: int | None = None) -> Iterator:
    return read_history(repo, path, max_bytes)
