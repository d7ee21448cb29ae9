"""What README.md shows, made by running tracker on the bundled samples (cog, `cog -r README.md`).

Every example output, kinds list and JSON example in the README comes from here, so the README
says what the code does today; `cog --check README.md` (in the test command, and
tests/test_readme.py) fails when it no longer does. Output is what a pipe gets: no colour, whole
lines, no terminal width, nothing from today's date or this machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MORE = "…"  # where the generator left lines out, in text examples
ELIDED = "..."  # where it left items out, in JSON examples


def run(*args: str) -> str:
    """`tracker ARGS` on the sample store, as a pipe sees it; exit 1 (an alert) is a result."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env.update(NO_COLOR="1", COLUMNS="250", TZ="UTC", PYTHONIOENCODING="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "tracker", *args, "--store", "snapshots"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    if proc.returncode not in (0, 1) or proc.stderr:
        raise RuntimeError(f"tracker {' '.join(args)}: exit {proc.returncode}: {proc.stderr}")
    return proc.stdout


def text(*args: str, head: int | None = None, tail: int = 0, lang: str = "text") -> str:
    """A fenced block of the command's output; with `head`, its first lines, `…`, and its last
    `tail` lines."""
    lines = run(*args).rstrip("\n").split("\n")
    if head is not None and len(lines) > head + tail:
        lines = lines[:head] + [MORE] + (lines[len(lines) - tail :] if tail else [])
    return f"```{lang}\n" + "\n".join(lines) + "\n```\n"


def kinds(names) -> str:
    """`a`, `b`, `c`: a kinds list as the README writes it."""
    return ", ".join(f"`{name}`" for name in names)


def document(*args: str) -> dict:
    return json.loads(run(*args, "--format", "json"))


def one_line(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def json_example(doc: dict, keep: dict[str, list[int]]) -> str:
    """A JSON document, one top-level key a line; a list or object named in `keep` shows
    only the items at those indexes, one a line, with `...` where items were left out."""
    out = ["```json", "{"]
    for i, (key, value) in enumerate(doc.items()):
        comma = "," if i < len(doc) - 1 else ""
        if key not in keep or not value:
            out.append(f"  {one_line(key)}: {one_line(value)}{comma}")
            continue
        items = list(value.items()) if isinstance(value, dict) else list(value)
        shown = sorted(keep[key])
        open_, close = ("{", "}") if isinstance(value, dict) else ("[", "]")
        out.append(f"  {one_line(key)}: {open_}")
        for n, index in enumerate(shown):
            if index > (shown[n - 1] + 1 if n else 0):
                out.append(f"    {ELIDED}")
            item = items[index]
            text = (
                f"{one_line(item[0])}: {one_line(item[1])}"
                if isinstance(value, dict)
                else one_line(item)
            )
            out.append(f"    {text}{',' if index < len(items) - 1 else ''}")
        if shown[-1] < len(items) - 1:
            out.append(f"    {ELIDED}")
        out.append(f"  {close}{comma}")
    return "\n".join([*out, "}", "```"]) + "\n"


def first_of_each_kind(changes: list[dict]) -> list[int]:
    """The index of the first change of each kind: one example of every kind the pair has."""
    seen: dict[str, int] = {}
    for i, change in enumerate(changes):
        seen.setdefault(change["kind"], i)
    return sorted(seen.values())


def row(option: str, meaning: str, names) -> str:
    """A table row `| --option | meaning |` whose `{}` is a kinds list. The cog code that writes
    it sits in the row before, inside an HTML comment, which may hold no `|` (a cell) and no
    `--` (GitHub would show it), so the option's dashes are added here."""
    return f"| `--{option}` | {meaning.format(kinds(names))} |\n"


def error(*args: str) -> str:
    """The one line a mistaken command prints on stderr (it must exit 2)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    proc = subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        cwd=ROOT,
        env={**env, "NO_COLOR": "1", "COLUMNS": "250"},
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    if proc.returncode != 2 or proc.stdout or len(proc.stderr.splitlines()) != 1:
        raise RuntimeError(f"tracker {' '.join(args)}: exit {proc.returncode}: {proc.stderr}")
    return proc.stderr.strip()
