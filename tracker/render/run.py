"""A whole `tracker run` in words: one verdict, then one block per source that needs a look.

Each source's alerts read exactly as `tracker check` writes them (tracker.render.message); quiet
sources are one line of names, so a run over hundreds of pages stays one screen.
"""

from __future__ import annotations

import os

from tracker.render.github import append_step_summary, command, render_github
from tracker.render.message import alert_lines, render_check_markdown, verdict


def headline(result) -> str:
    """ "tracker run: 20 sources: 3 new captures, 1 failed; ALERT: 2 sources"."""
    runs = result.runs
    parts = [f"{sum(r.outcome == 'new' for r in runs)} new capture(s)",
             f"{sum(r.outcome == 'unchanged' for r in runs)} unchanged"]
    failed = len(result.failed)
    if failed:
        parts.append(f"{failed} failed")
    waiting = sum(r.outcome == "not due" for r in runs)
    if waiting:
        parts.append(f"{waiting} not due")
    alerting = sum(r.alert for r in runs)
    tail = f"; ALERT: {alerting} source(s)" if alerting else "; no alert"
    return f"tracker run: {len(runs)} source(s): {', '.join(parts)}{tail}"


def _problems(run) -> list[str]:
    out = []
    if run.error:
        streak = f" ({run.failures} runs in a row)" if run.failures > 1 else ""
        mark = "!" if run.failing else "-"
        out.append(f"{mark} failed{streak}: {run.error}")
    elif run.failing:
        out.append(f"! failing: an error answer {run.failures} runs in a row")
    if run.stale:
        out.append(f"! {run.stale}")
    return out


def text(result) -> str:
    lines = [headline(result)]
    quiet = []
    for run in result.runs:
        problems = _problems(run)
        if run.check is not None and (run.check.alert or problems):
            lines.append(verdict(run.check))
            lines += [f"  {line}" for line in alert_lines(run.check) + problems]
        elif problems:
            lines.append(f"{'ALERT' if run.alert else 'FAILED'}: {run.name}")
            lines += [f"  {line}" for line in problems]
        else:
            quiet.append(run.name)
    if quiet:
        lines.append(f"quiet: {', '.join(quiet)}")
    return "\n".join(lines) + "\n"


def chat(result, *, max_lines: int = 11, max_chars: int | None = None) -> tuple[str, str]:
    """(title, body) of the run's one notification: the alerting sources, at most `max_lines`
    lines counting the title (a chat message gets ten below it, an email more: the sizes
    `alert.notify` asks for) and `max_chars` characters."""
    title = headline(result)
    body = [line for line in text(result).splitlines()[1:] if not line.startswith("quiet:")]
    budget = max_lines - 1  # the title is the first line
    kept = len(body) if len(body) <= budget else budget - 1
    room = None if max_chars is None else max_chars - len(title) - len("… and 99999 more lines")
    while kept and room is not None and sum(len(line) + 1 for line in body[:kept]) > room:
        kept -= 1
    if kept < len(body):
        body = body[:kept] + [f"… and {len(body) - kept} more lines"]
    return title, "\n".join(body)


def markdown(result) -> str:
    head = "⚠️" if result.alert or result.failed else "✅"
    lines = [f"## {head} {headline(result)}", ""]
    quiet = []
    for run in result.runs:
        problems = _problems(run)
        if run.check is not None and run.check.alert:
            lines.append(render_check_markdown(run.check).rstrip())
            lines += [f"- **{p[2:]}**" for p in problems]
            lines.append("")
        elif problems:
            lines += [f"### {run.name}", ""] + [f"- **{p[2:]}**" for p in problems] + [""]
        else:
            quiet.append(run.name)
    if quiet:
        lines.append(f"Quiet: {', '.join(quiet)}")
    return "\n".join(lines).rstrip() + "\n"


def github(result) -> str:
    """Workflow commands: each alerting source's annotations as `check` writes them, an error
    per failed source, then one notice with the headline."""
    lines = []
    for run in result.runs:
        if run.check is not None and run.check.alert:
            lines += [
                line for line in render_github(run.check).splitlines()
                if not line.startswith("::notice")
            ]
        for problem in _problems(run):
            level = "error" if problem.startswith("!") or run.error else "warning"
            lines.append(command(level, problem[2:], title=f"tracker run: {run.name}"))
    lines.append(command("notice", headline(result), title="tracker run"))
    return "\n".join(lines) + "\n"


def write_step_summary(result, environ=os.environ) -> bool:
    """Append the run's Markdown report to $GITHUB_STEP_SUMMARY when set; True if written."""
    return append_step_summary(markdown(result), environ)
