"""Every output format in one table: its name, what it renders, and the function that does it.

Each command's `--format` choices come from here (`choices("diff")`), and a command asks here
for its renderer (`load("markdown", "diff")`), which is imported only then, so `tracker --help`
stays instant. A new format is one row; no command lists formats of its own.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Renderer:
    """A `--format`: its name, one line for `--help`, and what it renders."""

    name: str
    summary: str
    # what it renders ("diff", "check", "log", "noise", "verify", "run", "sources") ->
    # "module:function"; None when the command builds that output itself (e.g. a JSON document
    # whose schema is its own)
    renders: dict[str, str | None] = field(default_factory=dict)


RENDERERS: tuple[Renderer, ...] = (
    Renderer(
        "text",
        "for people: coloured on a terminal, whole lines when piped",
        {
            "diff": "tracker.render.terminal:render",
            "check": "tracker.render.message:render_text",
            "log": "tracker.render.changelog:render_changelog",
            "noise": None,
            "verify": None,
            "run": "tracker.render.run:text",
            "sources": None,
        },
    ),
    Renderer(
        "json",
        "a versioned JSON document (tracker.<command>/1, see the README)",
        {
            "diff": "tracker.render.json:report_json",
            "check": None,
            "log": None,
            "noise": None,
            "verify": None,
            "run": None,
            "sources": None,
        },
    ),
    Renderer(
        "markdown",
        "Markdown with page text escaped, for job summaries, issues and chat",
        {
            "diff": "tracker.render.markdown:render_markdown",
            "check": "tracker.render.message:render_check_markdown",
            "run": "tracker.render.run:markdown",
        },
    ),
    Renderer(
        "github",
        "GitHub Actions workflow commands, and the Markdown job summary",
        {"check": "tracker.render.github:render_github", "run": "tracker.render.run:github"},
    ),
    Renderer(
        "html",
        "a self-contained HTML page (escaped, no script; as `tracker report` writes)",
        {"diff": "tracker.render.html:render_pair_page"},
    ),
)

BY_NAME = {r.name: r for r in RENDERERS}


def choices(what: str) -> list[str]:
    """The format names that can render `what`, in the table's order."""
    return [r.name for r in RENDERERS if what in r.renders]


def load(name: str, what: str) -> Callable:
    """The function that renders `what` as format `name` (imported now)."""
    target = BY_NAME[name].renders[what]
    if target is None:
        raise LookupError(f"format {name!r} of {what!r} is built by its command")
    module, _, function = target.partition(":")
    return getattr(importlib.import_module(module), function)
