"""A report that reads well anywhere (issue #9, points 8-10), through the CLI on realistic pages:
word edits marked without colour, piped lines never cut, what alerts first, Markdown escaped,
numbers agreeing with their nouns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_helpers import make_store, tracker

PAGES = Path(__file__).parent / "pages" / "render"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """Two sources, each captured on two consecutive days: a library's opening hours and a
    council's news page."""
    store = tmp_path_factory.mktemp("render") / "snaps"
    for source, page in (("library", "library-hours"), ("council", "council-news")):
        for side, at in (("before", "2023-02-02T09:00Z"), ("after", "2023-02-03T09:00Z")):
            path = PAGES / f"{page}-{side}.html"
            r = tracker("import", "--store", str(store), "--source", source, "--at", at, str(path))
            assert r.code == 0, r.err
    return store


def run(store: Path, *args: str, env: dict | None = None):
    r = tracker(*args, "--store", str(store), env=env)
    assert r.code in (0, 1), r.err
    return r.out


def test_piped_word_edits_read_like_git_word_diff(store):
    out = run(store, "diff", "--source", "library")
    assert "from [-9am-]{+10am+} to [-5pm-]{+6pm+}" in out
    assert "Monday to [-Friday-]{+Saturday+}" in out
    out = run(store, "diff", "--source", "council")
    assert "Council faces [-investigation-]{+question+} over harbour" in out
    assert "\x1b[" not in out


def test_no_color_on_a_terminal_keeps_the_marks_a_colour_terminal_does_not(store):
    args = ("diff", "--source", "council")
    no_color = run(store, *args, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "[-investigation-]{+question+}" in re.sub(r"\x1b\[[0-9;]*m", "", no_color)
    colour = run(store, *args, env={"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"})
    assert "\x1b[" in colour and "[-investigation-]" not in colour
    assert "investigation" in colour and "question" in colour


def test_piped_lines_are_never_cut(store):
    after = (PAGES / "library-hours-after.html").read_text(encoding="utf-8")
    long_lines = [m for m in re.findall(r"<p>(.*?)</p>", after) if len(m) > 300]
    assert len(long_lines) == 2
    for args in (("diff", "--source", "library"), ("log", "--source", "library")):
        out = run(store, *args)
        assert "…" not in out, out
    diff = run(store, "diff", "--source", "library")
    assert long_lines[1] in diff  # the 300-character paragraph added, whole
    # the rewritten one, whole too: no unchanged run around the edit is cut to its edges
    assert long_lines[0].replace("first floor", "[-ground-]{+first+} floor") in diff


def test_check_markdown_escapes_page_text(store):
    out = run(store, "check", "--source", "council", "--format", "markdown")
    assert "<details>" in out  # the full report is there
    assert "12 → 20" in out
    for line in out.splitlines():
        # only our own headings start with '#': a number line must not become one
        assert not re.match(r"\s*(?:[-*+] )?#(?!## )", line), line
    assert "<del>investigation</del><ins>question</ins>" in out


def test_one_day_is_one_day(store):
    markdown = run(store, "diff", "--source", "council", "--format", "markdown")
    assert "(1 day)" in markdown.splitlines()[0]
    for args in (("diff", "--source", "council"), ("check", "--source", "council")):
        out = run(store, *args)
        assert "(1 day)" in out and "(1 days)" not in out


def test_what_alerts_comes_before_a_counter_that_does_not(store):
    text = run(store, "diff", "--source", "council")
    assert text.index("Council faces") < text.index("412 → 413 (+1, on schedule)")
    markdown = run(store, "diff", "--source", "council", "--format", "markdown")
    assert markdown.index("question") < markdown.index("412 → 413")
    check = run(store, "check", "--source", "council", "--format", "markdown")
    full = check.split("<details>", 1)[1]
    assert full.index("question") < full.index("412 → 413")


@pytest.mark.parametrize(
    "text, escaped",
    [
        ("# 12 → 20", r"\# 12 → 20"),
        ("1. Apply online", r"1\. Apply online"),
        ("- item", r"\- item"),
        ("+ extra", r"\+ extra"),
        ("> quoted", r"\> quoted"),
        ("---", r"\---"),
        ("a *b* _c_ `d` [e](f) <b>g</b> | ~~h~~ &amp;", r"a \*b\* \_c\_ \`d\` \[e\](f) "
         r"\<b\>g\</b\> \| \~\~h\~\~ \&amp;"),
        ("25.10.2021 Statement", "25.10.2021 Statement"),
        ("+44 20 7946 0000", "+44 20 7946 0000"),
        ("two\nlines", "two lines"),
    ],
)
def test_markdown_escape(text, escaped):
    from tracker.render.markdown import escape

    assert escape(text) == escaped


def test_plural():
    from tracker.render.phrases import plural

    assert plural(1, "day") == "1 day"
    assert plural(2, "clock") == "2 clocks"
    assert plural(0, "paragraph") == "0 paragraphs"
    assert plural(3, "counter anomaly", "counter anomalies") == "3 counter anomalies"


def test_readme_samples_are_the_real_piped_output(tmp_path):
    """The README's sample reports are what `tracker diff` and `tracker log` print, piped."""
    from cli_helpers import make_store

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```text\n(.*?)```", readme, re.S)
    store = make_store(tmp_path)
    diff = run(store, "diff", "2021-09-20", "2021-10-26")
    assert diff in blocks
    log = run(store, "log")
    assert log in blocks
    second = run(store, "diff", "2021-10-26", "2022-05-21")
    begins = next(b for b in blocks if b.startswith(second.splitlines()[0]))
    assert second.startswith(begins.removesuffix("…\n"))


@pytest.mark.parametrize(
    "command",
    [("log",), ("check",), ("check", "--format", "json"), ("log", "--format", "json"),
     ("diff", "2021-09-20", "2021-10-26"),
     # exit 0 when read whole: click answered the closed pipe with 1 ("changed")
     ("diff", "--format", "json", "--exit-code", "latest", "latest"),
     ("diff", "--format", "markdown", "--exit-code", "latest", "latest"),
     ("log", "--captures", "--format", "json"), ("show", "latest")],
)
def test_a_reader_that_closes_the_pipe_changes_no_exit_code(tmp_path, command):
    """`tracker check | head -1` must still say "alert" by its exit code, and `tracker log |
    head -1` must not: the exit code is the command's, whether the reader read all or not."""
    import subprocess
    import sys

    store = make_store(tmp_path / "s")
    args = [sys.executable, "-m", "tracker", *command, "--store", str(store)]
    whole = subprocess.run(args, capture_output=True)
    closed = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    closed.stdout.close()  # before the process can write a byte: every write meets a closed pipe
    err = closed.stderr.read()
    assert closed.wait(timeout=120) == whole.returncode, err
    assert b"Traceback" not in err
