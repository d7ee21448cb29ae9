"""The differ's output: typed changes and the report that holds them.

A `Change` names the blocks it covers (`old_block` / `new_block`, indexes into the two
segmentations) so that a report can be checked for completeness: the new text can be rebuilt
from the old one and the changes alone (see `tracker.differ.rebuild`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

KINDS = (
    "status",
    "contact",
    "counter",
    "added",
    "removed",
    "rewritten",
    "moved",
    "image",
    "link",
    "volatile",
)
# The kinds a block of text changes by (the others are facts about the page or noise).
BLOCK_KINDS = ("added", "removed", "rewritten", "moved")

# What a volatile change's reason is called, (one, many): the one wording of `diff`'s noise line
# ("1 date, 2 clocks") and `check`'s note ("date, 2 clocks"); NOISE_NAME for any other reason.
NOISE_NAMES = {
    "date": ("date", "dates"),
    "clock": ("clock", "clocks"),
    "learned": ("block that changes every time", "blocks that change every time"),
    "rule": ("ignored pattern", "ignored patterns"),
    "engagement": ("engagement count", "engagement counts"),
    "numbering": ("renumbered list item", "renumbered list items"),
    "reference": ("footnote marker", "footnote markers"),
    "format": ("value written another way", "values written another way"),
}
NOISE_NAME = ("volatile block", "volatile blocks")


# Fields each kind adds to the JSON, beyond kind/old/new (README: "JSON: tracker.diff/1").
_KIND_FIELDS = {
    "counter": (
        "label",
        "index",
        "old_written",
        "new_written",
        "delta",
        "expected",
        "on_schedule",
        "since",
    ),
    "contact": ("type", "change"),
    "status": ("change",),
    "rewritten": ("edits", "truncated"),
    "image": ("action",),
    "link": ("action",),
}


@dataclass
class Change:
    """One typed difference between two captures, as every renderer and `tracker.diff/1` read
    it; mutable because the differ's later steps title, flag and take over changes."""

    kind: str
    old: str | int | dict | None = None  # image: {"src", "alt"}; link: {"href", "text"}
    new: str | int | dict | None = None
    old_block: int | None = None
    new_block: int | None = None
    # counter
    label: str | None = None
    delta: int | None = None
    expected: int | None = None
    on_schedule: bool | None = None
    since: str | None = None  # ISO date the days counter counts from
    index: int | None = None  # which "#" of the label is the number that changed (from 0)
    old_written: str | None = None  # the number as the page writes it ("£108.00", "27 514")
    new_written: str | None = None
    # contact
    type: str | None = None  # "phone" | "email"
    # contact: changed | added | removed | hidden | revealed
    # status: error | gone | recovered | redirected | changed
    change: str | None = None
    # rewritten
    edits: list[tuple[str, str]] | None = None  # [op, text], op in "=", "-", "+"
    truncated: bool = False  # the word diff hit its time limit: edits are coarse
    # presentation: the title of a news item or section, and runs of adjacent blocks
    title: str | None = None
    group: int | None = None
    # what the change's block sits under: its news item, else the nearest heading above it (or
    # the block itself, when it is one); `located`: the differ looked (JSON `title` is this)
    section: str | None = None
    located: bool = False
    # rewritten: "version" (a version number changed: "3.2.1" → "3.3.0"), "date" (a deadline
    # or an event's day moved), "time" (a time of day in a sentence moved);
    # volatile: date, clock, learned, rule, engagement, numbering,
    # format
    reason: str | None = None
    # image: added | removed | replaced; link: added | removed | retargeted; either: rebuilt
    # (the same file name but for a build fingerprint: never alerts)
    action: str | None = None
    # every block it covers (or the link/image) lies in page chrome: nav, banner, footer
    chrome: bool = False
    # the new block's whole text, where old/new/edits do not give it (counter, contact): what
    # `rebuild` needs to restore the block exactly
    text: str | None = None

    @property
    def is_noise(self) -> bool:
        return self.kind == "volatile"

    @property
    def is_anomaly(self) -> bool:
        return self.kind == "counter" and self.on_schedule is False

    @property
    def shown_title(self) -> str | None:
        """The item or heading it sits under, None when none (JSON `title`, the changelog's
        highlights): says which of many alike lines changed."""
        return self.section if self.located else self.title

    def to_dict(self) -> dict:
        d: dict = {"kind": self.kind, "old": self.old, "new": self.new}
        for name in _KIND_FIELDS.get(self.kind, ()):
            value = getattr(self, name)
            d[name] = [list(e) for e in value] if name == "edits" and value else value
        d["title"] = self.shown_title
        # not `text`: the report's JSON holds each block's text once (render.json `blocks`)
        for name in ("reason", "group"):
            if getattr(self, name) is not None:
                d[name] = getattr(self, name)
        if self.chrome:
            d["chrome"] = True
        d["old_block"] = self.old_block
        d["new_block"] = self.new_block
        return d


@dataclass
class Report:
    """Every change between two captures in report order, with the notes a change cannot
    carry (an error page, a revert)."""

    changes: list[Change] = field(default_factory=list)
    old_time: datetime | None = None
    new_time: datetime | None = None
    notes: list[str] = field(default_factory=list)  # e.g. "one capture is an error page"

    @property
    def days(self) -> int | None:
        """Days between the two captures' own dates (the days a page's counter should move)."""
        if self.old_time is None or self.new_time is None:
            return None
        return (self.new_time.date() - self.old_time.date()).days

    def of_kind(self, *kinds: str) -> list[Change]:
        return [c for c in self.changes if c.kind in kinds]

    def summary(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for c in self.changes:
            counts[c.kind] = counts.get(c.kind, 0) + 1
        return {k: counts[k] for k in KINDS if k in counts}

    @property
    def has_changes(self) -> bool:
        """Anything beyond noise: what `diff --exit-code` reports."""
        return any(not c.is_noise for c in self.changes)


def noise_counts(changes: list[Change]) -> Counter:
    """How many volatile changes under each name, (one, many) -> n, in first-seen order."""
    quiet = (c for c in changes if c.kind == "volatile")
    return Counter(NOISE_NAMES.get(c.reason or "", NOISE_NAME) for c in quiet)
