"""Which changes of a report deserve an alert: a pure function of the report and the rules.

Pure so that the policy can be tested on hand-made reports, with no store, git or network.
"""

from __future__ import annotations

from collections.abc import Callable

from tracker.differ.model import Change, Report
from tracker.patterns import as_user_pattern
from tracker.rules import Rules

# The one list of urgent kinds (errors in CI, first in every output), most important first;
# everything else keeps the page's order after these.
URGENT = ("status", "contact", "counter-anomaly")


def alert_kind(change: Change, rules: Rules) -> str | None:
    """The rule kind a change falls under (see rules.ALERT_KINDS); None for noise."""
    if change.kind == "volatile":
        return None
    if change.chrome and change.kind != "contact":
        return "chrome"  # the site's nav, banner or footer: reported, alerting only on request
    if change.kind in ("image", "link"):
        if change.action == "rebuilt":
            return None  # the same asset with a new build fingerprint: reported, never alerting
        # removed, replaced and retargeted are "image" / "link"; a new one is "image-added"...
        return f"{change.kind}-added" if change.action == "added" else change.kind
    if change.kind != "counter":
        return change.kind
    if change.on_schedule is False:
        return "counter-anomaly"
    if change.on_schedule is None and rules.max_delta is not None and change.delta is not None:
        return "counter-anomaly" if abs(change.delta) > rules.max_delta else "counter"
    # a number with no schedule is a fact that changed; only a days counter can be on schedule
    return "figure" if change.on_schedule is None else "counter"


def is_urgent(change: Change, rules: Rules) -> bool:
    """Status changes, contact changes and counter anomalies: errors, not warnings, in CI."""
    return alert_kind(change, rules) in URGENT


def select_alerts(report: Report, rules: Rules) -> list[Change]:
    """The changes that alert under `rules`, contacts first, then counter anomalies, then the rest
    in page order. Empty when nothing matters (noise never alerts)."""
    chosen = [c for c in report.changes if is_alerting(c, rules)]
    urgent = [c for c in chosen if is_urgent(c, rules)]
    if not urgent and len(chosen) < rules.min_changes:
        return []
    rank = {kind: i for i, kind in enumerate(URGENT)}
    return sorted(chosen, key=lambda c: rank.get(alert_kind(c, rules), len(URGENT)))


def alerting(report: Report, rules: Rules) -> Callable[[Change], bool]:
    """Whether a change of `report` is one `select_alerts` chose: what the renderers put first,
    so that `diff` and `check` agree on what matters."""
    chosen = {id(c) for c in select_alerts(report, rules)}
    return lambda change: id(change) in chosen


def is_alerting(change: Change, rules: Rules) -> bool:
    """Whether this one change is of a kind that alerts (min_changes aside): for summaries that
    see changes one at a time, such as the changelog's."""
    kind = alert_kind(change, rules)
    if kind is None:
        return False
    wanted = kind in rules.kinds or (change.kind == "counter" and "counter" in rules.kinds)
    if not wanted:
        return False
    # Contacts and the page's status concern the whole page, not a block: a watch list does not
    # hide them.
    if rules.watch and change.kind not in ("contact", "status"):
        watch = [as_user_pattern(p, "watch") for p in rules.watch]
        return any(p.search(text) for p in watch for text in _texts(change))
    return True


def _texts(change: Change) -> list[str]:
    """The text a watch pattern looks at: the block before and after, its title, its label."""
    values = [change.old, change.new, change.title, change.label]
    for side in (change.old, change.new):
        if isinstance(side, dict):  # an image or a link: its alt or text, and its address
            values += side.values()
    return [v for v in values if isinstance(v, str) and v]
