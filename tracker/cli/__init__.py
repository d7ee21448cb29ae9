"""The `tracker` command: a click group whose subcommands load only when called.

Each subcommand lives in its own module (`tracker/cli/<name>.py`, exposing `command`), so
`tracker --help` imports neither git, rich nor the differ and answers at once.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from tracker import __version__

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


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
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
    from tracker.capture.memo import forget

    forget()  # each command decodes and extracts each capture once, from its own bytes


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; every TrackerError becomes one line on stderr and exit code 2. Every error
    line is scrubbed of the notification URLs given (tracker.redact): they hold secrets."""
    from tracker.errors import TrackerError
    from tracker.redact import register_cli, scrub

    register_cli(sys.argv[1:] if argv is None else argv, os.environ)
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
    except click.ClickException as e:
        import io

        shown = io.StringIO()
        e.show(file=shown)
        click.echo(scrub(shown.getvalue()), err=True, nl=False)
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
