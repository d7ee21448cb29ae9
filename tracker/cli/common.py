"""Options and helpers shared by the subcommands, so each command module stays a few lines."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from tracker.cli import discard
from tracker.render import registry
from tracker.render.styled import Text, plain_text
from tracker.store import Store

store_option = click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path, file_okay=True, dir_okay=True),
    default="snapshots",
    envvar="TRACKER_STORE",
    show_default=True,
    help="The capture store (a directory in a git work tree). Env: TRACKER_STORE.",
)

source_option = click.option(
    "--source",
    "source",
    metavar="NAME",
    help="The source (page) to work on; not needed when the store holds one.",
)

ignore_option = click.option(
    "--ignore",
    multiple=True,
    metavar="REGEX",
    help="Mask text matching REGEX in both captures before comparing (repeatable; adds to "
    "tracker.toml's ignore patterns; stored bytes are never changed).",
)


def format_option(what: str, *legacy: str, default: str = "text"):
    """`--format` for a command's output `what` ("diff", "check", …): its choices are the
    renderers of tracker.render.registry that render it. (Older calls named the formats:
    `format_option("text", "json")`; each must be in the registry.)"""
    if legacy or what in registry.BY_NAME:
        names = [what, *legacy]
        unknown = [n for n in names if n not in registry.BY_NAME]
        assert not unknown, f"formats missing from tracker.render.registry: {unknown}"
    else:
        names = registry.choices(what)
        assert names, f"no renderer renders {what!r}"
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(names),
        default=default,
        show_default=True,
        help="Output format.",
    )


def open_store(store_path: Path, *, create: bool = False):
    """Open the store (lazily importing git); `create` makes it on first write."""
    store = Store.open(store_path, create=create)
    store.warn = lambda message: click.echo(f"tracker: warning: {message}", err=True)
    if not create and store.root.is_dir() and store.unfinished():
        store.warn(
            "an import is unfinished, so the history shown may be incomplete "
            "(the next import completes it; tracker verify reports it)"
        )
    return store


def console(stderr: bool = False):
    """A rich console: colour only on a terminal, none when NO_COLOR is set or piped; on a
    terminal long lines end in an ellipsis, on a pipe they are printed whole."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            """The reader closed the pipe (`| head`): what is left goes nowhere and the command
            ends with its own exit code (rich would exit 1, which `check` means as "alert")."""
            self.quiet = True
            discard(sys.stderr if self.stderr else sys.stdout)

    no_color = bool(os.environ.get("NO_COLOR"))
    out = _Console(stderr=stderr, no_color=no_color, highlight=False)
    if not is_tty(sys.stderr if stderr else sys.stdout):
        # (FORCE_COLOR or TTY_COMPATIBLE make rich colour a pipe: still no terminal to fit)
        # piped: whole lines, not cut at 80 columns nor at a narrow COLUMNS (a CI log is read
        # as lines, and tables are sized to their content, never padded to this width)
        out.width = max(out.width, 250)
    return out


def emit(text: str, nl: bool = True) -> None:
    """Print a command's output: a reader that closed the pipe (`| head`) gets no more of it,
    and the command still ends with its own exit code (click would exit 1, which `check` and
    `diff --exit-code` mean as "changed")."""
    try:
        click.echo(text, nl=nl)
    except BrokenPipeError:
        discard(sys.stdout)


def on_terminal() -> bool:
    """Whether rich shows output to stdout as a terminal's (colour), decided as rich decides
    it: TTY_COMPATIBLE (0/1), then FORCE_COLOR (set and not empty), then `is_tty`."""
    env = os.environ
    if env.get("TTY_COMPATIBLE", "") not in ("0", "1") and "FORCE_COLOR" in env:
        return env["FORCE_COLOR"] != ""
    return is_tty()


def is_tty(stream=None) -> bool:
    """Whether `stream` (stdout) is a terminal, so that lines are cut to its width: a tty, or
    what TTY_COMPATIBLE (0/1) declares one. FORCE_COLOR asks for colour on a pipe, not for the
    pipe's lines to be cut."""
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    try:
        return (stream or sys.stdout).isatty()
    except ValueError:  # a closed stream
        return False


def text_mode() -> tuple[bool, bool]:
    """(plain, full) for a styled report on stdout: `plain` when there is no colour to show a
    word edit (piped, NO_COLOR, a dumb terminal), so edits are bracketed; `full` when not on
    a terminal (piped, even with colour forced), so no line is cut."""
    terminal = on_terminal()
    dumb = os.environ.get("TERM", "").lower() in ("dumb", "unknown")
    plain = not terminal or dumb or bool(os.environ.get("NO_COLOR"))
    return plain, not is_tty()


def show(doc) -> None:
    """Print a renderer's styled lines (tracker.render.styled): through rich on a terminal,
    as plain text elsewhere, without loading rich."""
    doc = [doc] if isinstance(doc, Text) else doc
    if on_terminal():
        from rich.console import Group

        # on a pipe with colour forced, each line whole: rich neither wraps nor crops it
        whole = not is_tty()
        console().print(Group(*(t.rich(full=whole) for t in doc)), soft_wrap=whole)
        return
    try:
        sys.stdout.write(plain_text(doc))
        sys.stdout.flush()
    except BrokenPipeError:
        discard(sys.stdout)


class ProgressBar:
    """A rich progress bar on stderr for long work, silent when stderr is not a terminal
    (CI logs and pipes) or the work is too small to be worth showing."""

    def __init__(self, total: int, *, minimum: int = 2):
        self.bar = None
        if total >= minimum and sys.stderr.isatty():
            from rich.progress import Progress

            self.bar = Progress(console=console(stderr=True), transient=True)

    def __enter__(self):
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()

    def step(self, label: str, total: int | None = None):
        """A callback `update(done, total)` for one stage, or None when there is no bar."""
        if self.bar is None:
            return None
        task = self.bar.add_task(label, total=total)

        def update(done: int, total: int) -> None:
            self.bar.update(task, completed=done, total=total)

        return update
