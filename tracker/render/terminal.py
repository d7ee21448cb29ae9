"""The terminal report: the outline in colour, noise in one dim line.

Built from styled lines (`tracker.render.styled`: rich shows them on a terminal, a pipe gets
their plain text without loading rich); on a pipe or with NO_COLOR the same structure prints as
plain text, so `tracker diff … | less` and a CI log read like the coloured version: word edits
are then marked as `git diff --word-diff=plain` marks them (`[-old-]{+new+}`), since without
colour `from 9am10am` cannot be read, and piped lines are whole (`full`), never cut to a width.
"""

from __future__ import annotations

from tracker.differ.model import Report
from tracker.models import CaptureInfo
from tracker.render import phrases
from tracker.render.outline import Alerting, Line, outline
from tracker.render.styled import Text

STYLES = {
    "+": "green",
    "-": "red",
    "~": "yellow",
    "↕": "cyan",
    "!": "bold magenta",
    "✓": "green",
    "✗": "bold red",
    "#": "blue",
}
CONTEXT = 60  # characters of unchanged text kept around a word edit


def when(info: CaptureInfo) -> str:
    """'2021-10-26 00:03 +03:00': the time the page showed, in its own offset."""
    stamp = info.captured_at.strftime("%Y-%m-%d %H:%M %z")
    return f"{stamp[:-2]}:{stamp[-2:]}"


def header(report: Report, old: CaptureInfo, new: CaptureInfo, source: str) -> Text:
    days = report.days
    span = "" if days is None else f"  ({phrases.plural(days, 'day')})"
    t = Text()
    t.append(source, style="bold")
    t.append(f"  {when(old)} → {when(new)}{span}\n")
    t.append(f"captures {old.id} → {new.id}", style="dim")
    return t


def word_diff(edits: list, context: int | None = CONTEXT, *, plain: bool = False) -> Text:
    """Deletions red and struck, insertions green; long unchanged runs cut to their edges
    (`context=None`: kept whole). `plain`: also marked `[-old-]` and `{+new+}`, which read
    without colour (pipes, NO_COLOR, CI logs)."""
    t = Text()
    last = len(edits) - 1
    for i, (op, text) in enumerate(edits):
        if op == "=":
            if context is not None and len(text) > 2 * context:
                head = text[:context] if i > 0 else ""
                tail = text[-context:] if i < last else ""
                text = f"{head} … {tail}" if head and tail else f"{head}…" if head else f"…{tail}"
            t.append(text)
        elif op == "-":
            t.append(f"[-{text}-]" if plain else text, style="red strike")
        else:
            t.append(f"{{+{text}+}}" if plain else text, style="green underline")
    return t


def _line(line: Line, plain: bool = False, full: bool = False) -> Text:
    t = Text(f"  {line.mark} ", STYLES.get(line.mark, ""), cut=True)
    c = line.change
    if c is not None and c.kind == "rewritten" and c.edits:
        t.extend(word_diff(c.edits, None if full else CONTEXT, plain=plain))
        if c.truncated:
            t.append("  [word diff cut short by its time limit]", style="dim")
    elif line.mark in ("!", "✗"):
        t.append(line.text, style="bold")
    else:
        t.append(line.text)
    if line.detail:
        t.append(f"  {line.detail}", style="dim")
    return t


def _listed(line: Line) -> list[Text]:
    """A collapsed group's paragraphs, indented under its line."""
    out = [Text(f"      {text}", cut=True) for text in line.listed]
    if line.more:
        out.append(Text(f"      +{line.more} more (--full for all)", style="dim"))
    return out


def render(
    report: Report,
    old: CaptureInfo,
    new: CaptureInfo,
    source: str,
    *,
    plain: bool = False,
    full: bool = False,
    alerting: Alerting | None = None,
    every: bool = False,
) -> list[Text]:
    """`plain`: no colour to rely on (word edits bracketed); `full`: nothing is shortened (a pipe,
    a CI log); `alerting`: which changes alert, so that they come first;
    `every`: list every paragraph of a collapsed group (`--full`)."""
    parts: list[Text] = [header(report, old, new, source)]
    for note in report.notes:
        parts.append(Text(f"note: {note}", style="yellow"))
    for section in outline(report, alerting=alerting, full=full, every=every):
        parts.append(Text(f"\n{section.title}", style="bold underline"))
        for line in section.lines:
            parts.append(_line(line, plain, full))
            parts.extend(_listed(line))
    if not report.has_changes:
        parts.append(Text("\nNo changes beyond noise."))
    noise = phrases.noise_line(report)
    if noise:
        parts.append(Text(f"\n{noise}", style="dim"))
    return parts
