"""One place for formats: every --format is a named renderer of tracker.render.registry, and
render never imports alert (alert decides, render words the decision)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click
import pytest
from cli_helpers import tracker

from tracker.cli import cli
from tracker.render import registry

ROOT = Path(__file__).resolve().parent.parent
COMMAND_OUTPUT = {
    name: name for name in ("diff", "check", "log", "noise", "verify", "run", "sources")
}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_render_never_imports_alert():
    offenders = {
        p.name: sorted(
            m for m in _imports(p) if m == "tracker.alert" or m.startswith("tracker.alert.")
        )
        for p in (ROOT / "tracker" / "render").glob("*.py")
    }
    assert not {k: v for k, v in offenders.items() if v}


def test_alert_words_nothing_itself():
    """The Markdown/GitHub/chat wording lives in render/: alert/ holds no renderer."""
    assert not (ROOT / "tracker/alert/message.py").exists()
    assert (ROOT / "tracker/render/message.py").exists()


@pytest.mark.parametrize("name,what", sorted(COMMAND_OUTPUT.items()))
def test_format_choices_come_from_the_registry(name, what):
    command = cli.get_command(click.Context(cli), name)
    option = next(p for p in command.params if "--format" in getattr(p, "opts", ()))
    assert list(option.type.choices) == registry.choices(what)


def test_every_registered_renderer_loads():
    for r in registry.RENDERERS:
        for what, target in r.renders.items():
            if target is not None:
                assert callable(registry.load(r.name, what)), (r.name, what)


def test_diff_format_html_is_a_whole_escaped_page():
    r = tracker("diff", "2021-10-26", "2022-05-21", "--format", "html")
    assert r.code == 0, r.err
    assert r.out.startswith("<!doctype html>")
    assert "phone changed: +442036687474 → +442031618868" in r.out
    assert "Content-Security-Policy" in r.out and "<script" not in r.out
    assert re.search(r"<del[^>]*>Ambassador Andrei Kelin&#39;s address", r.out)


def test_check_formats_unchanged_through_the_registry():
    r = tracker("check", "2021-10-26", "2022-05-21", "--format", "github")
    assert r.code == 1, r.err
    assert r.out.splitlines()[0].startswith("::error title=Contact changed")


def test_help_of_the_html_commands_imports_no_jinja2():
    import subprocess
    import sys

    for argv in ([], ["report", "--help"], ["feed", "--help"], ["diff", "--help"]):
        code = (
            "import sys; from tracker.cli import main\n"
            f"try: main({argv!r} or ['--help'])\nexcept SystemExit: pass\n"
            "assert not {'jinja2', 'git', 'rich'} & set(sys.modules), sorted(sys.modules)"
        )
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert proc.returncode == 0, (argv, proc.stderr[-500:])
        assert "Usage: tracker" in proc.stdout


def test_ci_installs_chromium_before_the_test_command():
    """The browser tests (test_browser.py) fail in CI without Chromium: .ci/run installs it
    before running the README's test command."""
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    install = next(i for i, line in enumerate(lines) if "apt-get install" in line)
    assert lines[install].startswith("command -v chromium >/dev/null ||")
    test = next(i for i, line in enumerate(lines) if ".venv/bin/pytest" in line)
    assert install < test
