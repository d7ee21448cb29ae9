"""Changes in words: the one place that decides how a change reads to a person.

Terminal, Markdown, GitHub annotations and chat notifications all speak through these helpers,
so the same change is described the same way everywhere.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from tracker.differ import numbers
from tracker.differ.model import Change, Report, noise_counts

# Sections in the order a reader wants them: what matters first, noise last.
SECTIONS = (
    ("status", "Status"),
    ("contact", "Contacts"),
    ("counter", "Counters"),
    ("added", "Added"),
    ("removed", "Removed"),
    ("rewritten", "Rewritten"),
    ("moved", "Moved"),
    ("image", "Images"),
    ("link", "Links"),
)


def shorten(text: str | None, width: int | None = 100) -> str:
    """One line of text, cut to `width` with an ellipsis; `width=None` keeps it whole (piped
    output and files are never cut: a log or a grep must see the full text)."""
    text = str(text or "")
    if width is None:
        return " ".join(text.split())
    # collapse spaces in a prefix just long enough: a line per change must not cost the block
    k = 2 * width + 2
    while True:
        short = " ".join(text[:k].split())
        if len(short) > width or k >= len(text):
            break
        k *= 4
    return short if len(short) <= width else short[: width - 1].rstrip() + "…"


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
    if c.delta is not None and c.delta < 0 and (c.expected or 0) >= 0:
        return f"anomaly: went back, expected {signed(c.expected)}"
    return f"anomaly: expected {signed(c.expected)}"


# A counter's block up to this long is shown whole around its `N`; a longer one by its label.
LABEL_TEXT_MAX = 300


def counter_label(c: Change, width: int | None = 90) -> str:
    """The block with `N` where the number that changed stands (its other numbers as written)."""
    k = c.index or 0
    if c.text is not None and len(c.text) <= LABEL_TEXT_MAX:
        for m in numbers.NUMBER.finditer(c.text):
            if numbers.mask(c.text[: m.start()]).count("#") == k:
                return shorten(f"{c.text[: m.start()]}N{c.text[m.end() :]}", width)
    parts = (c.label or "").split("#")
    if k + 1 < len(parts):
        return shorten("#".join(parts[: k + 1]) + "N" + "#".join(parts[k + 1 :]), width)
    return shorten(c.label, width)


def counter_values(c: Change) -> str:
    """ "£108.00 → £120.00": the numbers as the page writes them."""
    old = c.old_written if c.old_written is not None else c.old
    new = c.new_written if c.new_written is not None else c.new
    return f"{old} → {new}"


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


def media_phrase(c: Change, width: int | None = 100) -> str:
    """'link retargeted: "Annual report 2023" annual-report.pdf → annual-report-v2.pdf'."""
    key, label = ("href", "text") if c.kind == "link" else ("src", "alt")
    old, new = c.old if isinstance(c.old, dict) else {}, c.new if isinstance(c.new, dict) else {}
    one = new or old
    name = shorten(one.get(label), width // 2 if width else None)
    quoted = f'"{name}" ' if name else ""
    if old and new:
        a, b = old.get(key, ""), new.get(key, "")
        return f"{c.kind} {c.action}: {quoted}{short_url(a, b)} → {short_url(b, a)}"
    return f"{c.kind} {c.action}: {quoted}{short_url(one.get(key, ''))}"


def short_url(url: str, other: str | None = None) -> str:
    """A URL as a line shows it: only its last segment when both URLs share the rest of the
    path (annual-report.pdf → annual-report-v2.pdf), else without its scheme."""
    def split(u: str) -> tuple[str, str]:
        s = urlsplit(u)
        head, _, last = s.path.rpartition("/")
        return f"{s.scheme}://{s.netloc}{head}", last + (f"?{s.query}" if s.query else "")

    if other is not None:
        (d1, t1), (d2, t2) = split(url), split(other)
        if d1 == d2 and t1 and t2:
            return t1
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            return url[len(prefix) :]
    return url


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
        return f"{counter_values(c)} ({signed(c.delta)}){tail}: {counter_label(c, width)}"
    if c.kind == "volatile":
        return f"noise ({c.reason or 'volatile'}): {shorten(c.new or c.old, width)}"
    if c.kind in ("image", "link"):
        return media_phrase(c, width)
    verb = {"added": "added", "removed": "removed", "rewritten": "rewritten", "moved": "moved"}
    return f"{verb.get(c.kind, c.kind)}: {block_title(c, width)}"


def noise_line(report: Report) -> str | None:
    """'noise ignored: 1 date, 2 clocks' — the single dim line the volatile changes get."""
    counts = noise_counts(report.changes)
    if not counts:
        return None
    return "noise ignored: " + ", ".join(plural(n, *name) for name, n in counts.items())


def ordered(changes: list[Change]) -> list[Change]:
    """Contacts, counter anomalies, other counters, then block changes in page order."""
    rank = {kind: i for i, (kind, _) in enumerate(SECTIONS)}

    def key(item: tuple[int, Change]):
        i, c = item
        return (rank.get(c.kind, len(rank)), 0 if c.is_anomaly else 1, i)

    return [c for _, c in sorted(enumerate(changes), key=key)]
