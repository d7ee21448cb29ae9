"""HTML: a pair's diff, a source's timeline and the index of sources, for `tracker report`.

Everything shown comes from captured pages, i.e. untrusted input, so every page is built by
Jinja2 with autoescaping on (a `<script>` in a capture is shown as text), and each page carries
a Content-Security-Policy that allows no script and no remote resource at all: the site works
from `file://` and on any static host with no network. The side-by-side toggle is a CSS
checkbox, so no JavaScript is needed. Pure: strings in, strings out; writing files is
tracker.site's job.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import tracker
from tracker.differ.model import BLOCK_KINDS, Change, Report
from tracker.models import CaptureInfo
from tracker.render import phrases
from tracker.render.outline import Alerting, outline
from tracker.render.sparkline import counter_series
from tracker.render.terminal import when

TEMPLATES = (
    "base.html",
    "macros.html",
    "fragment.html",
    "pair.html",
    "timeline.html",
    "index.html",
    "style.css",
)
# Facts about the page before its text: its status, contacts, counters, images and links
# (outline section keys).
_FACTS = ("", "status", "contacts", "counters", "media")


@cache
def environment():
    """The Jinja2 environment (imported here: `tracker --help` never loads Jinja2)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("tracker.render", "templates"),
        autoescape=True,  # every template, whatever its name: captured text is untrusted
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["version"] = tracker.__version__
    return env


@cache
def templates_version() -> str:
    """A hash of the templates and tracker's version: a page rendered by other templates is
    out of date (part of every incremental key)."""
    h = hashlib.sha256(tracker.__version__.encode())
    folder = resources.files("tracker.render") / "templates"
    for name in TEMPLATES:
        h.update((folder / name).read_bytes())
    return h.hexdigest()[:16]


@dataclass
class _Line:
    """One line of the HTML report, with its CSS class and word edits."""

    mark: str
    text: str
    detail: str
    change: Change | None
    css: str
    edits: bool
    moved: bool
    listed: list[str]  # a group's other paragraphs, under its line
    more: int  # and how many more the text below holds


def fragment(
    report: Report,
    old: CaptureInfo,
    new: CaptureInfo,
    *,
    alerting: Alerting | None = None,
    uid: str = "",
    side_by_side: bool = True,
    every: bool = False,
) -> str:
    """The diff as an HTML fragment (no page around it): the facts first (status, contacts,
    counters, images, links), then the article, news and paragraphs (what alerts first, as
    `tracker diff` orders them), then the changed blocks in page order with word
    edits as <del>/<ins>, inline or side by side, then the noise folded away. The same fragment
    is a pair page's body and, without the side-by-side view (`side_by_side=False`: a feed
    reader shows no CSS, so it would show the text twice), a feed entry's content."""
    sections = []
    parts = outline(report, alerting=alerting, full=True, every=every)
    parts = [s for s in parts if s.key in _FACTS] + [s for s in parts if s.key not in _FACTS]
    for section in parts:
        lines = []
        for line in section.lines:
            c = line.change
            urgent = line.mark in ("!", "✗")
            lines.append(
                _Line(
                    line.mark,
                    line.text,
                    line.detail,
                    c,
                    " ".join(filter(None, (c.kind if c else "", "urgent" if urgent else ""))),
                    bool(c is not None and c.kind == "rewritten" and c.edits),
                    bool(c is not None and c.kind == "moved"),
                    list(line.listed),
                    line.more,
                )
            )
        sections.append({"title": section.title, "key": section.key, "lines": lines})
    blocks = [_block(c) for c in report.changes if c.kind in BLOCK_KINDS]
    noise = report.of_kind("volatile")
    return (
        environment()
        .get_template("fragment.html")
        .render(
            notes=report.notes,
            sections=sections,
            has_changes=report.has_changes,
            blocks=blocks,
            noise=noise,
            noise_line=phrases.noise_line(report) or "",
            old_day=old.day,
            new_day=new.day,
            uid=uid or new.id,
            side_by_side=side_by_side,
        )
    )


def _block(c: Change) -> dict:
    return {"kind": c.kind, "old": c.old, "new": c.new, "change": c}


def render_pair_page(
    report: Report,
    old: CaptureInfo,
    new: CaptureInfo,
    source: str,
    *,
    alerting: Alerting | None = None,
    links: dict | None = None,
    body: str | None = None,
    every: bool = False,
) -> str:
    """A whole page for one compared pair (`tracker diff --format html`, and the report's pair
    pages, which add `links`: index, timeline, newer/older pair, raw captures). `body`: the
    fragment, when it was rendered (or cached) already."""
    from markupsafe import Markup

    if body is None:
        body = fragment(report, old, new, alerting=alerting, every=every)
    days = phrases.plural(report.days, "day") if report.days is not None else None
    return (
        environment()
        .get_template("pair.html")
        .render(
            source=source,
            old={"day": old.day, "id": old.id, "when": when(old)},
            new={"day": new.day, "id": new.id, "when": when(new)},
            days=days,
            links=links or {},
            fragment=Markup(body),  # rendered by fragment(), escaped there
            feed=None,
        )
    )


def sparkline(
    label: str, points: list[tuple[str, float, bool | None]], *, width: int = 160, height: int = 28
) -> dict:
    """Coordinates of an inline SVG sparkline for one counter's history (from
    render.sparkline.counter_series), anomalies as marked points with their day."""
    values = [v for _, v, _ in points]
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1
    pad = 4
    n = max(len(points) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        x = pad + (width - 2 * pad) * i / n
        y = height - pad - (height - 2 * pad) * (v - lo) / span
        return round(x, 1), round(y, 1)

    coords = [xy(i, v) for i, v in enumerate(values)]
    anomalies = [
        {"x": x, "y": y, "day": day, "value": f"{v:g}"}
        for (x, y), (day, v, ok) in zip(coords, points, strict=True)
        if ok is False
    ]
    first, last = points[0], points[-1]
    return {
        "label": label.replace("#", "N", 1),
        "width": width,
        "height": height,
        "polyline": " ".join(f"{x},{y}" for x, y in coords),
        "anomalies": anomalies,
        "summary": f"{first[1]:g} ({first[0]}) → {last[1]:g} ({last[0]})",
    }


def counter_charts(entries) -> list[dict]:
    return [sparkline(label, points) for label, points in counter_series(entries).items()]


def render_timeline(
    source: str,
    entries: list[dict],
    *,
    count: int,
    first_day: str,
    last_day: str,
    url: str | None,
    series: list[dict],
) -> str:
    return (
        environment()
        .get_template("timeline.html")
        .render(
            source=source,
            entries=entries,
            count=count,
            first_day=first_day,
            last_day=last_day,
            url=_safe_url(url),
            series=series,
            feed="feed.atom",
            feed_title=f"{source}: changes",
        )
    )


def render_index(sources: list[dict]) -> str:
    return (
        environment()
        .get_template("index.html")
        .render(sources=sources, feed="feed.atom", feed_title="tracker: changes of all sources")
    )


def _safe_url(url: str | None) -> str | None:
    """Only an http(s) address becomes a link (a captured `javascript:` URL never does)."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None
