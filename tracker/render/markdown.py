"""The report as Markdown: for job summaries, issues and chat that renders Markdown.

Page text is escaped wherever it is inserted (one function, `escape`), so a block such as
`# 12 → 20` or `1. item` stays text. Word edits are `<del>old</del><ins>new</ins>`: GitHub
renders them struck and underlined wherever they fall, where `~~`/`**` fail to open or close
next to punctuation inside a word. A Markdown report is a file: nothing in it is shortened.
"""

from __future__ import annotations

import re

from tracker.differ.model import Report
from tracker.models import CaptureInfo
from tracker.render import phrases
from tracker.render.outline import Alerting, Line, outline

_INLINE = re.compile(r"([\\`*_\[\]<>|#~&])")
# What opens a block when it starts a line or a list item's text: a bullet or ordered list
# marker followed by a space (`- `, `+ `, `12. `, `3) `), a setext underline or thematic break.
_LEADING = re.compile(r"^(\s*)(?:([-+]|\d{1,9}(?=[.)]))(?=[.)]?(?:\s|$))|(?=[-=]+\s*$))")


def escape(text: str) -> str:
    """Page text as literal Markdown: every character that could be markup is backslash-escaped
    (emphasis, code, links, HTML, tables, headings, strikethrough, entities), a leading list
    marker too, and line breaks become spaces so the text cannot start a new block."""
    text = _INLINE.sub(r"\\\1", re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", str(text)))
    return _LEADING.sub(_leading, text, count=1)


def _leading(m: re.Match) -> str:
    lead, marker = m.group(1), m.group(2)
    if marker and marker.isdigit():
        return f"{lead}{marker}\\"  # "12. " → "12\. " (the dot or parenthesis follows)
    return f"{lead}\\{marker or ''}"


def _word_diff(edits: list) -> str:
    out = []
    for op, text in edits:
        if op == "=" or not text.strip():
            out.append(escape(text))
        else:
            tag = "del" if op == "-" else "ins"
            out.append(f"<{tag}>{escape(text)}</{tag}>")
    return "".join(out)


# A bare `#` (a number with no schedule) would open a heading inside the list item.
_MARKS = {"+": "➕", "-": "➖", "✓": "✅", "✗": "⚠️", "!": "❗", "#": "🔢"}


def _line(line: Line) -> str:
    c = line.change
    if c is not None and c.kind == "rewritten" and c.edits:
        body = _word_diff(c.edits)
    elif line.mark in ("!", "✗"):
        body = f"**{escape(line.text)}**"
    else:
        body = escape(line.text)
    mark = _MARKS.get(line.mark) or escape(line.mark)
    detail = f" _{escape(line.detail)}_" if line.detail else ""
    return f"- {mark} {body}{detail}"


def _listed(line: Line) -> list[str]:
    """A collapsed group's paragraphs, as a nested list under its line."""
    out = [f"  - {escape(text)}" for text in line.listed]
    return out + ([f"  - _+{line.more} more (--full for all)_"] if line.more else [])


def render_markdown(
    report: Report,
    old: CaptureInfo,
    new: CaptureInfo,
    source: str,
    *,
    alerting: Alerting | None = None,
    every: bool = False,
) -> str:
    """`alerting`: which changes alert, so that they come first (see render.outline); `every`:
    list every paragraph of a collapsed group."""
    days = f" ({phrases.plural(report.days, 'day')})" if report.days is not None else ""
    lines = [f"### {escape(source)}: {old.day} → {new.day}{days}", ""]
    lines += [f"> {escape(n)}" for n in report.notes]
    if report.notes:
        lines.append("")  # else the first section title would continue the quote
    for section in outline(report, alerting=alerting, full=True, every=every):
        lines += [f"**{escape(section.title)}**", ""]
        for line in section.lines:
            lines += [_line(line), *_listed(line)]
        lines.append("")
    if not report.has_changes:
        lines += ["No changes beyond noise.", ""]
    noise = phrases.noise_line(report)
    if noise:
        lines += [f"_{escape(noise)}_", ""]
    return "\n".join(lines)
