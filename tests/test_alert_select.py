"""select_alerts: the alert policy on hand-made reports (no store, no differ, no network)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.alert.select import alert_kind, is_urgent, select_alerts
from tracker.differ.model import Change, Report
from tracker.rules import Rules


def counter(delta, on_schedule, label="days have passed since the Salisbury incident"):
    return Change("counter", 1296, 1296 + delta, label=label, delta=delta, on_schedule=on_schedule,
                  expected=36 if on_schedule is not None else None)


def phone():
    return Change("contact", "+44 (0) 203 668 7474", "+44 (0) 203 161 8868", type="phone",
                  change="changed")


NOISE = [Change("volatile", "18 October 2018", "22 October 2018", reason="date"),
         Change("volatile", "Moscow: 10:29", "Moscow: 15:44", reason="clock"),
         Change("volatile", "London: 08:29", "London: 13:44", reason="clock")]


def test_noise_alone_never_alerts():
    assert select_alerts(Report(NOISE), Rules()) == []
    everything = Rules(kinds=frozenset(
        {"contact", "counter-anomaly", "counter", "added", "removed", "rewritten", "moved"}))
    assert select_alerts(Report(NOISE), everything) == []


def test_counter_on_schedule_is_quiet_off_schedule_alerts():
    on, off = counter(36, True), counter(400, False)
    assert select_alerts(Report([on]), Rules()) == []
    assert select_alerts(Report([off]), Rules()) == [off]
    assert alert_kind(off, Rules()) == "counter-anomaly" and is_urgent(off, Rules())
    # kind "counter" asks for every counter change, on schedule or not
    assert select_alerts(Report([on]), Rules(kinds=frozenset({"counter"}))) == [on]


def test_counter_without_schedule_alerts_only_above_max_delta():
    small, big = counter(50, None, "residents"), counter(-150, None, "residents")
    # no threshold: a number with no schedule is a fact that changed, a "figure"
    assert select_alerts(Report([small, big]), Rules()) == [small, big]
    assert alert_kind(small, Rules()) == "figure" and not is_urgent(small, Rules())
    quiet = Rules(kinds=Rules().kinds - {"figure"})
    assert select_alerts(Report([small, big]), quiet) == []
    rules = Rules(max_delta=100)
    assert select_alerts(Report([small, big]), rules) == [big]
    assert alert_kind(big, rules) == "counter-anomaly"
    # an on-schedule counter stays quiet whatever its size
    assert select_alerts(Report([counter(5000, True)]), rules) == []


def test_default_kinds_and_importance_order():
    added = Change("added", None, "New item", title="Visa centre reopens")
    moved = Change("moved", "x", "x")
    rewritten = Change("rewritten", "old words", "new words")
    removed = Change("removed", "Gone", None)
    anomaly, contact = counter(400, False), phone()
    report = Report([*NOISE, added, moved, rewritten, anomaly, removed, contact])
    assert select_alerts(report, Rules()) == [contact, anomaly, added, rewritten, removed]


def test_kinds_restrict_what_alerts():
    added, contact = Change("added", None, "Text"), phone()
    only_contact = Rules(kinds=frozenset({"contact"}))
    assert select_alerts(Report([added, contact]), only_contact) == [contact]
    assert select_alerts(Report([added]), only_contact) == []
    assert select_alerts(Report([Change("moved", "a", "a")]), Rules(kinds=frozenset({"moved"})))


def test_watch_keeps_only_matching_blocks_but_never_hides_contacts():
    consular = Change("rewritten", "Consular queries: by phone", "Consular queries: by email")
    news = Change("added", None, "Statement on Syria", title="Statement on Syria")
    titled = Change("removed", "body text", None, title="Consular fees from June")
    rules = Rules(watch=("Consular",))
    report = Report([news, consular, titled, phone()])
    assert select_alerts(report, rules) == [report.changes[3], consular, titled]


def test_min_changes_needs_enough_ordinary_alerts_but_not_for_urgent_ones():
    a, b = Change("added", None, "A"), Change("removed", "B", None)
    rules = Rules(min_changes=3)
    assert select_alerts(Report([a, b]), rules) == []
    assert select_alerts(Report([a, b, Change("added", None, "C")]), rules) != []
    contact = phone()
    assert select_alerts(Report([a, contact]), rules) == [contact, a]


KINDS = ["contact", "counter", "added", "removed", "rewritten", "moved", "volatile"]
changes = st.builds(
    Change,
    kind=st.sampled_from(KINDS),
    delta=st.integers(-500, 500),
    on_schedule=st.sampled_from([True, False, None]),
)


@given(st.lists(changes, max_size=12), st.sets(st.sampled_from(
    ["contact", "counter-anomaly", "counter", "added", "removed", "rewritten", "moved"])))
def test_selection_is_an_ordered_subset_without_noise(items, kinds):
    rules = Rules(kinds=frozenset(kinds))
    chosen = select_alerts(Report(items), rules)
    assert all(any(c is i for i in items) for c in chosen)
    assert not any(c.kind == "volatile" for c in chosen)
    ranks = [0 if c.kind == "contact" else 1 if is_urgent(c, rules) else 2 for c in chosen]
    assert ranks == sorted(ranks)
    assert len({id(c) for c in chosen}) == len(chosen)
