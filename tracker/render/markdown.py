"""The report as Markdown: for job summaries, issues and chat that renders Markdown."""

from __future__ import annotations

from tracker.differ.model import Report
from tracker.models import CaptureInfo
from tracker.render import phrases
from tracker.render.outline import Line, outline


def escape(text: str) -> str:
    """Escape what Markdown would read as markup in page text."""
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text


def _word_diff(edits: list) -> str:
    out = []
    for op, text in edits:
        if op == "=":
            out.append(escape(text if len(text) <= 120 else f"{text[:60]} … {text[-60:]}"))
        elif text.strip():
            mark = "~~" if op == "-" else "**"
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
            out.append(f"{lead}{mark}{escape(text.strip())}{mark}{trail}")
        else:
            out.append(text)
    return "".join(out)


def _line(line: Line) -> str:
    c = line.change
    if c is not None and c.kind == "rewritten" and c.edits:
        body = _word_diff(c.edits)
    elif line.mark in ("!", "✗"):
        body = f"**{escape(line.text)}**"
    else:
        body = escape(line.text)
    mark = {"+": "➕", "-": "➖", "✓": "✅", "✗": "⚠️", "!": "❗"}.get(line.mark, line.mark)
    detail = f" _{escape(line.detail)}_" if line.detail else ""
    return f"- {mark} {body}{detail}"


def _listed(line: Line) -> list[str]:
    out = [f"  - {escape(text)}" for text in line.listed]
    return out + ([f"  - _+{line.more} more (--full for all)_"] if line.more else [])


def render_markdown(
    report: Report, old: CaptureInfo, new: CaptureInfo, source: str, full: bool = False
) -> str:
    days = f" ({report.days} days)" if report.days is not None else ""
    lines = [f"### {escape(source)}: {old.day} → {new.day}{days}", ""]
    lines += [f"> {escape(n)}" for n in report.notes]
    if report.notes:
        lines.append("")  # else the first section title would continue the quote
    for section in outline(report, full):
        lines += [f"**{escape(section.title)}**", ""]
        for line in section.lines:
            lines += [_line(line), *_listed(line)]
        lines.append("")
    if not report.has_changes:
        lines += ["No changes beyond noise.", ""]
    noise = phrases.noise_line(report)
    if noise:
        lines += [f"_{noise}_", ""]
    return "\n".join(lines)
