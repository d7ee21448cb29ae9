"""Changes in words: the one place that decides how a change reads to a person.

Terminal, Markdown, GitHub annotations and chat notifications all speak through these helpers,
so the same change is described the same way everywhere.
"""

from __future__ import annotations

from tracker.differ.model import Change, Report

# Sections in the order a reader wants them: what matters first, noise last.
SECTIONS = (
    ("status", "Status"),
    ("contact", "Contacts"),
    ("counter", "Counters"),
    ("added", "Added"),
    ("removed", "Removed"),
    ("rewritten", "Rewritten"),
    ("moved", "Moved"),
)


def shorten(text: str | None, width: int | None = 100) -> str:
    """One line of text, cut to `width` with an ellipsis; `width=None` keeps it whole (piped
    output and files are never cut: a log or a grep must see the full text)."""
    text = " ".join(str(text or "").split())
    if width is None or len(text) <= width:
        return text
    return text[: width - 1].rstrip() + "…"


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 day', '2 days', '1 news item', '3 counter anomalies': the number with its noun."""
    return f"{n} {one if n == 1 else many or one + 's'}"


def signed(n: int | float | None) -> str:
    return "" if n is None else f"{n:+,}" if isinstance(n, int) else f"{n:+}"


def counter_verdict(c: Change) -> str:
    """'on schedule', 'anomaly: expected +36' or '' for a number with no schedule."""
    if c.on_schedule is None:
        return ""
    if c.on_schedule:
        return "on schedule"
    if c.delta == 0:
        return f"anomaly: stalled, expected {signed(c.expected)}"
    if c.delta is not None and c.delta < 0:
        return f"anomaly: went back, expected {signed(c.expected)}"
    return f"anomaly: expected {signed(c.expected)}"


def counter_label(c: Change, width: int | None = 90) -> str:
    return shorten((c.label or "").replace("#", "N", 1), width)


def contact_phrase(c: Change) -> str:
    what = c.type or "contact"
    if c.change == "changed":
        return f"{what} changed: {c.old} → {c.new}"
    if c.change == "hidden":
        if c.old:
            return f"{what} hidden by Cloudflare: {c.old} now shows as {c.new}"
        return f"{what} shown again, hidden by Cloudflare: {c.new}"
    if c.change == "revealed":
        return f"{what} revealed: {c.new}"
    if c.change == "added":
        return f"{what} added: {c.new}"
    if c.change == "removed":
        return f"{what} removed: {c.old}"
    return f"{what}: {c.old} → {c.new}"


_STATUS = {
    "error": "page became an error page",
    "gone": "page gone",
    "recovered": "page recovered",
    "redirected": "page redirected",
    "changed": "page error changed",
}


def status_phrase(c: Change) -> str:
    """ "page gone: 200 OK → 404 Not Found"."""
    return f"{_STATUS.get(c.change or '', 'page status changed')}: {c.old} → {c.new}"


def block_title(c: Change, width: int | None = 160) -> str:
    text = c.title or (c.new if c.kind in ("added", "moved") else c.old) or c.new
    return shorten(text, width)


def describe(c: Change, width: int | None = 100) -> str:
    """One line for one change, e.g. for alerts and notifications."""
    if c.kind == "contact":
        return contact_phrase(c)
    if c.kind == "status":
        return status_phrase(c)
    if c.kind == "counter":
        verdict = counter_verdict(c)
        tail = f" ({verdict})" if verdict else ""
        return f"{c.old} → {c.new} ({signed(c.delta)}){tail}: {counter_label(c, width)}"
    if c.kind == "volatile":
        return f"noise ({c.reason or 'volatile'}): {shorten(c.new or c.old, width)}"
    verb = {"added": "added", "removed": "removed", "rewritten": "rewritten", "moved": "moved"}
    return f"{verb.get(c.kind, c.kind)}: {block_title(c, width)}"


def noise_line(report: Report) -> str | None:
    """'noise: 1 date, 2 clocks' — the single dim line the volatile changes get."""
    noisy = report.of_kind("volatile")
    if not noisy:
        return None
    counts: dict[str, int] = {}
    for c in noisy:
        counts[c.reason or "volatile"] = counts.get(c.reason or "volatile", 0) + 1
    many = {"learned": "learned", "volatile": "volatile"}
    parts = [plural(n, r, many.get(r)) for r, n in counts.items()]
    return "noise ignored: " + ", ".join(parts)


def ordered(changes: list[Change]) -> list[Change]:
    """Contacts, counter anomalies, other counters, then block changes in page order."""
    rank = {kind: i for i, (kind, _) in enumerate(SECTIONS)}

    def key(item: tuple[int, Change]):
        i, c = item
        return (rank.get(c.kind, len(rank)), 0 if c.is_anomaly else 1, i)

    return [c for _, c in sorted(enumerate(changes), key=key)]
