"""The `tracker` command: a click group whose subcommands load only when called.

Each subcommand lives in its own module (`tracker/cli/<name>.py`, exposing `command`), so
`tracker --help` imports neither git, rich nor the differ and answers at once.
"""

from __future__ import annotations

import contextlib
import difflib
import importlib
import os
import sys

import click

from tracker import __version__
from tracker.cli import regexes
from tracker.errors import TrackerError
from tracker.redact import register_cli, scrub

# name -> (module, one-line help shown by `tracker --help` without importing the module)
COMMANDS: dict[str, tuple[str, str]] = {
    "import": (
        "tracker.cli.import_",
        "Store captures from files, folders, WARC archives or a git history.",
    ),
    "capture": ("tracker.cli.capture", "Fetch a URL now and store the response as a capture."),
    "wayback": ("tracker.cli.wayback", "Import a page's captures from the Wayback Machine."),
    "log": ("tracker.cli.log", "The history of a source: one typed summary per capture."),
    "show": ("tracker.cli.show", "Print a capture's text (or its stored bytes with --raw)."),
    "diff": ("tracker.cli.diff", "What changed between two captures."),
    "check": ("tracker.cli.check", "Alert on changes that matter (exit 1), for scheduled jobs."),
    "noise": ("tracker.cli.noise", "The noise rules learned from a source's history."),
    "add": ("tracker.cli.add", "Add a page to watch to tracker.toml (keeps its comments)."),
    "sources": ("tracker.cli.sources", "List the sources with last capture, change and state."),
    "run": ("tracker.cli.run", "Capture every due source concurrently, commit once, check."),
    "verify": ("tracker.cli.verify", "Check every stored capture against git and its checksum."),
    "report": ("tracker.cli.report", "Write a static HTML report of the history, with feeds."),
    "feed": ("tracker.cli.feed", "Write Atom feeds of the changes, per source and for all."),
}


class UnknownCommand(click.UsageError):
    """`tracker dif`: click says only "No such command"; this carries the close names too."""

    def __init__(self, name: str, ctx: click.Context):
        super().__init__(f"no such command {name}", ctx)
        self.possibilities = difflib.get_close_matches(name, list(COMMANDS), n=2)


class LazyGroup(click.Group):
    # the `tracker` process (`main()`): a command's modules compile their patterns from the
    # codes kept by earlier runs (cli.regexes); `tracker --help` loads no command, nor them
    keep_patterns = False

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name = args[0] if args else ""
        if name and name not in COMMANDS and not name.startswith("-"):
            raise UnknownCommand(name, ctx)
        return super().resolve_command(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        if self.keep_patterns:
            regexes.install()
        return importlib.import_module(COMMANDS[name][0]).command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, summary) for name, (_, summary) in COMMANDS.items()])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tracker")
def cli() -> None:
    """Keep captures of web pages in a git-backed store and report what changed.

    \b
    Exit codes: 0 nothing to report, 1 something to report (check, diff --exit-code),
    2 usage or input error.
    """
    # Each command decodes and extracts each capture once, from its own bytes: forget what an
    # earlier command of this process remembered (a new process has nothing to forget, and
    # importing the memo here would load the capture package for every `--help`).
    memo = sys.modules.get("tracker.capture.memo")
    if memo is not None:
        memo.forget()


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; every TrackerError becomes one line on stderr and exit code 2. Every error
    line is scrubbed of the notification URLs given (tracker.redact): they hold secrets.
    Without `argv` (the `tracker` process itself), the process then ends at once (`_end`),
    and its command's regular expressions compile from the codes kept by earlier runs."""
    if argv is not None:
        return _main(argv)
    cli.keep_patterns = True
    try:
        _main(None)
    except SystemExit as done:
        _end(done)


def _end(done: SystemExit) -> None:
    """End the process as `done` says without tearing the interpreter down: freeing every
    module one by one costs 5-10 ms, a tenth of a warm `tracker log`. Only once the atexit
    handlers have run and the output is flushed, with no other thread left; else as usual."""
    import atexit
    import threading

    code = 0 if done.code is None else done.code
    if not isinstance(code, int) or threading.active_count() > 1:
        raise done
    atexit._run_exitfuncs()  # what the interpreter would run first (and then never again)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # the reader closed the pipe: what is left goes nowhere,
            discard(stream)  # and the command keeps its own exit code (1 would mean "alert")
    os._exit(code)


def discard(stream) -> None:
    """Send what is left for `stream` nowhere: its reader closed the pipe (`| head`), which is
    no error, and the command ends with its own exit code."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def _main(argv: list[str] | None) -> None:
    args = sys.argv[1:] if argv is None else argv
    register_cli(args, os.environ)
    try:
        rv = cli.main(args=argv, prog_name="tracker", standalone_mode=False)
    except TrackerError as e:
        click.echo(scrub(f"tracker: error: {e}"), err=True)
        sys.exit(e.exit_code)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except click.Abort:
        click.echo("tracker: aborted", err=True)
        sys.exit(130)
    except NoArgsIsHelp as e:  # a bare `tracker`: its help, as click shows it
        e.show()
        sys.exit(e.exit_code)
    except click.ClickException as e:
        click.echo(scrub(f"tracker: error: {usage_line(e, args)}"), err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("tracker: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()  # output piped into `head`: not an error
        sys.exit(0)
    except Exception as e:  # a crash must never exit 1, which `check` and CI read as "alert"
        if os.environ.get("TRACKER_DEBUG"):
            import traceback

            click.echo(scrub(traceback.format_exc()), err=True, nl=False)
        else:
            click.echo(
                scrub(
                    f"tracker: error: internal error: {type(e).__name__}: {e} "
                    "(a bug in tracker; TRACKER_DEBUG=1 shows the traceback)"
                ),
                err=True,
            )
        sys.exit(2)
    sys.exit(rv if isinstance(rv, int) else 0)


# click >= 8.2 raises this for a bare `tracker`; older versions print the help themselves.
NoArgsIsHelp = getattr(click.exceptions, "NoArgsIsHelpError", ())


def usage_line(e: click.ClickException, args: list[str]) -> str:
    """Click's usage errors on one line, like every other error (`what is wrong (what to do)`),
    instead of its "Usage:" block: the close names click found when it has some, else where
    the command's help is."""
    possibilities = getattr(e, "possibilities", None)
    if isinstance(e, click.NoSuchOption):
        what = f"no such option {e.option_name}"
    else:
        what = " ".join(e.format_message().split()).rstrip(".")
        what = what[:1].lower() + what[1:]
    if possibilities:
        return f"{what} (did you mean {' or '.join(sorted(possibilities))}?)"
    if isinstance(e, click.UsageError):
        ctx = e.ctx
        if ctx is not None:
            where = ctx.command_path
        else:  # click's parser raises some errors before the command's context exists
            where = " ".join(["tracker", *[a for a in args if a in COMMANDS][:1]])
        return f"{what} (see {where} --help)"
    return what
