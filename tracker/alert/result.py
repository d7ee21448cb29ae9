"""What one check found: the two captures, the report, the alerts and notes, and its JSON.

One object for every output (text, JSON, Markdown, GitHub, webhooks) so they never disagree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tracker.alert.select import alert_kind, is_urgent, select_alerts
from tracker.differ.model import Change, Report, noise_counts
from tracker.models import CaptureInfo
from tracker.rules import Rules

SCHEMA = "tracker.check/1"


@dataclass
class CheckResult:
    source: str
    old: CaptureInfo | None  # None: nothing to compare with (a first capture)
    new: CaptureInfo | None  # None: the source has no capture yet
    report: Report | None  # None when no diff ran (first capture, nothing new since last check)
    rules: Rules = field(default_factory=Rules)
    alerts: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    full: bool = False  # the Markdown report lists every paragraph of a group

    @property
    def alert(self) -> bool:
        return bool(self.alerts)

    def kind_of(self, change: Change) -> str | None:
        return alert_kind(change, self.rules)

    def is_urgent(self, change: Change) -> bool:
        """Status, contact and counter anomaly: an error, not a warning, in CI."""
        return is_urgent(change, self.rules)

    @property
    def region(self) -> str:
        """Where phone numbers written without a country code are read (E.164 in alerts)."""
        return self.rules.region or "GB"

    def quiet(self) -> list[Change]:
        """Changes that did not alert (noise, on-schedule counters, moves, unwatched blocks)."""
        if self.report is None:
            return []
        alerting = {id(c) for c in self.alerts}
        return [c for c in self.report.changes if id(c) not in alerting]

    def to_json(self, *, text: str | None = None) -> dict:
        """The tracker.check/1 object; `text` adds a chat-sized summary for webhooks."""
        d: dict = {
            "schema": SCHEMA,
            "source": self.source,
            "alert": self.alert,
            "from": self.old.ref() if self.old is not None else None,
            "to": self.new.ref() if self.new is not None else None,
            "days": self.report.days if self.report else None,
            "alerts": [dict(c.to_dict(), alert=self.kind_of(c)) for c in self.alerts],
            "summary": self.report.summary() if self.report else {},
            "notes": list(self.notes),
        }
        if text is not None:
            d["text"] = text
        return d


def build_result(
    source: str,
    old: CaptureInfo | None,
    new: CaptureInfo | None,
    report: Report | None,
    rules: Rules,
    notes: list[str] | None = None,
) -> CheckResult:
    """Select the alerts and say in notes what was seen but did not alert, so a quiet check
    still shows it looked (e.g. "noise ignored: date, 2 clocks")."""
    result = CheckResult(source, old, new, report, rules, notes=list(notes or []))
    if report is None:
        return result
    result.alerts = select_alerts(report, rules)
    result.notes.extend(report.notes)
    quiet = result.quiet()
    noise = _listed(noise_counts(quiet))
    other = _listed(Counter(_quiet_label(c) for c in quiet if c.kind != "volatile"))
    if noise:
        result.notes.append(f"noise ignored: {noise}")
    if other:
        result.notes.append(f"not alerting: {other}")
    if not report.changes:
        result.notes.append("no change at all")
    return result


def _quiet_label(change: Change) -> tuple[str, str]:
    one, many = _quiet_noun(change)
    if change.chrome:
        return (f"{one} in page chrome", f"{many} in page chrome")
    return one, many


def _quiet_noun(change: Change) -> tuple[str, str]:
    if change.kind in ("image", "link"):
        return (f"{change.kind} {change.action}", f"{change.kind}s {change.action}")
    if change.kind == "counter":
        if change.on_schedule:
            return ("counter on schedule", "counters on schedule")
        return ("number change", "number changes")
    if change.kind in ("contact", "status"):
        return (f"{change.kind} change", f"{change.kind} changes")
    noun = f"{change.kind} block"
    return (noun, noun + "s")


def _listed(counts: dict[tuple[str, str], int]) -> str:
    """("date","dates") x1 and ("clock","clocks") x2 -> "date, 2 clocks": a note's short form
    (a count of one goes without its number)."""
    return ", ".join(one if n == 1 else f"{n} {many}" for (one, many), n in counts.items())
