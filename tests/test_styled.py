"""Reports sent to a pipe are printed without rich (tracker.render.styled): the text must be
exactly what rich prints there, and rich must not even be loaded."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import make_store, tracker

from tracker.alert.select import alerting
from tracker.history.options import diff_options
from tracker.pipeline import compare_pair, pick_pair
from tracker.render.styled import Text, plain_text
from tracker.render.terminal import render
from tracker.store import Store

ROOT = Path(__file__).resolve().parents[1]


def _as_rich_prints_it(doc: list[Text]) -> str:
    """What rich prints for `doc` on a pipe, as the CLI printed it before: no colour, whole
    lines (soft wrap), on a wide console."""
    from rich.console import Console, Group

    out = io.StringIO()
    console = Console(file=out, force_terminal=False, no_color=True, highlight=False, width=250)
    console.print(Group(*(t.rich(full=True) for t in doc)), soft_wrap=True)
    return out.getvalue()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return make_store(tmp_path_factory.mktemp("styled"))


def test_plain_text_is_what_rich_prints_on_a_pipe():
    tricky = [
        Text("bell\x07 back\x08space ret\rurn vt\x0b ff\x0c escape\x1b[0m kept"),
        Text("tab\there\tand\tthere", "bold"),
        Text("trailing spaces   ").append("  ", "dim"),
        Text("\nleading and trailing newlines\n\n"),
        Text(""),
        Text("  + ", "green", cut=True).append("x" * 600),
        Text("日本語のテキスト " * 60, cut=True),
        Text("Ünïcödé — «quotes» ‘’ … № ₽ €", "yellow"),
        Text("[bold]not markup[/bold] :smile: not an emoji"),
    ]
    assert plain_text(tricky) == _as_rich_prints_it(tricky)


@pytest.mark.parametrize(
    "refs",
    [("2018-10-18", "2018-10-22"), ("2021-09-20", "2021-10-26"), ("2021-10-26", "2022-05-21")],
)
def test_a_sample_report_prints_as_rich_prints_it(store, refs):
    s = Store.open(store)
    source = s.resolve_source(None)
    old, new, _ = pick_pair(s, source, refs)
    rules = s.config.rules
    old, report = compare_pair(s, source, old, new, diff_options(s, source, rules=rules))
    loud = alerting(report, rules.for_source(source))  # as `tracker diff` orders it
    doc = render(report, old, new, source, plain=True, full=True, alerting=loud)
    assert len(doc) > 3
    assert plain_text(doc) == _as_rich_prints_it(doc)
    piped = tracker("diff", "--store", str(store), *refs)
    assert piped.out == plain_text(doc)


def test_a_piped_diff_and_log_load_no_rich(store):
    """rich costs ~20 ms to load: a report on a pipe (a CI log) never loads it."""
    code = (
        "import sys\n"
        "from tracker.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(' '.join(sorted(sys.modules)))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    env["PYTHONPATH"] = str(ROOT)
    for args in (["diff", "2021-09-20", "2021-10-26"], ["log"], ["log", "--counters"]):
        done = subprocess.run(
            [sys.executable, "-c", code, *args, "--store", str(store)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        loaded = set(done.stderr.split())
        assert "tracker.render.styled" in loaded and done.stdout.count("\n") > 3, args
        assert "rich" not in loaded, args


def test_a_terminal_still_gets_colour_and_cut_lines(store):
    forced = tracker(
        "diff",
        "--store",
        str(store),
        "2021-09-20",
        "2021-10-26",
        env={"TTY_COMPATIBLE": "1", "COLUMNS": "60"},
    )
    assert "\x1b[" in forced.out
    assert "…" in forced.out  # long lines end in an ellipsis at the terminal's width
    lines = [line for line in forced.out.splitlines() if "\x1b" not in line]
    assert all(len(line) <= 60 for line in lines)
