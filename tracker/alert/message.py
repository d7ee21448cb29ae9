"""Moved to tracker.render.message (render words what alert decides); kept for old imports."""

from tracker.render.message import (  # noqa: F401
    alert_lines,
    describe,
    e164,
    item_line,
    items,
    render_chat,
    render_check_markdown,
    render_text,
    span,
    verdict,
)
