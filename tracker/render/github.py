"""`check --format github`: GitHub Actions workflow commands, one line per alert.

Each line is `::error title=…::message` (status, contacts, counter anomalies) or
`::warning …`, with the escaping GitHub's runner expects, so a stray `%`, newline, `:` or `,`
cannot break or forge a command; the job summary gets the Markdown version.
"""

from __future__ import annotations

import os

from tracker.errors import TrackerError
from tracker.render.message import (
    CheckView,
    item_line,
    items,
    render_check_markdown,
    span,
    verdict,
)

ANNOTATIONS = 10  # GitHub shows at most 10 errors and 10 warnings per step

_TITLES = {
    "status": "Page status",
    "contact": "Contact changed",
    "counter-anomaly": "Counter off schedule",
    "figure": "Figure changed",
    "counter": "Number changed",
    "added": "Added",
    "removed": "Removed",
    "rewritten": "Rewritten",
    "moved": "Moved",
    "image": "Image changed",
    "image-added": "Image added",
    "link": "Link changed",
    "link-added": "Link added",
    "chrome": "Page chrome changed",
}


def escape_data(text: str) -> str:
    """A command's message: %, CR and LF escaped (GitHub's `escapeData`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: as a message, plus `:` and `,` (GitHub's `escapeProperty`)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: str) -> str:
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def render_github(result: CheckView) -> str:
    """One workflow command per alerting item (errors for contacts and counter anomalies), then
    a notice with the verdict and notes. GitHub shows only 10 annotations of each level per
    step, so past that the 10th says how many more there are (all are in the job summary)."""
    levelled = []
    for item in items(result):
        urgent = any(result.is_urgent(c) for c in item)
        levelled.append(("error" if urgent else "warning", item))
    lines = []
    for level in ("error", "warning"):
        mine = [item for lv, item in levelled if lv == level]
        keep = mine if len(mine) <= ANNOTATIONS else mine[: ANNOTATIONS - 1]
        for item in keep:
            kind = result.kind_of(item[0]) or item[0].kind
            title = f"{_TITLES.get(kind, kind)}: {result.source}"
            lines.append(command(level, item_line(result, item)[2:], title=title))
        if len(keep) < len(mine):
            more = f"… and {len(mine) - len(keep)} more (see the job summary)"
            lines.append(command(level, more, title=f"More alerts: {result.source}"))
    summary = "; ".join([verdict(result), *result.notes])
    lines.append(command("notice", summary, title=f"tracker check {span(result)}"))
    return "\n".join(lines) + "\n"


def write_step_summary(result: CheckView, environ=os.environ) -> bool:
    """Append the check's Markdown summary to $GITHUB_STEP_SUMMARY when set; True if written."""
    return append_step_summary(render_check_markdown(result), environ)


def append_step_summary(markdown: str, environ=os.environ) -> bool:
    """Append Markdown to $GITHUB_STEP_SUMMARY when set; True if written."""
    path = environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return False
    try:
        with open(path, "a", encoding="utf-8") as f:
            f.write(markdown + "\n")
    except OSError as e:
        raise TrackerError(
            f"cannot write the job summary to {path}: {e.strerror}",
            "GITHUB_STEP_SUMMARY must name a writable file",
        ) from None
    return True
