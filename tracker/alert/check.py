"""One check: a capture against its base, compared as `diff` compares it, and what alerts.

`tracker check`, `tracker run` (each new capture) and `tracker report` (its index) decide
here, so a page alerts alike whichever command looked at it. It sits over `history` (the
source's options, learned noise included) and under `render`, which words the result.
"""

from __future__ import annotations

from tracker.alert.result import CheckResult, build_result
from tracker.history.options import diff_options
from tracker.models import CaptureInfo
from tracker.pipeline import PairReader, compare_pair, structure
from tracker.rules import Rules


def check_pair(
    store,
    source: str,
    old: CaptureInfo | None,
    new: CaptureInfo | None,
    rules: Rules,
    notes: list[str] | None = None,
    *,
    status_from: CaptureInfo | None = None,
    cache=None,
    options=None,
) -> CheckResult:
    """`new` against `old` with the source's `rules` (any flags already merged in); `old`
    None: nothing to compare (a first capture, nothing new), which `notes` explain.
    `status_from`: the capture whose status `new`'s is compared with instead of `old`'s.
    `options`: the source's diff options under `rules`, when the caller has them already."""
    if old is None or new is None:
        return build_result(source, None, new, None, rules, notes)
    read = PairReader(store, (old, new))  # each capture read once, here and in the comparison
    for info in (old, new):
        # One parse of each page gives its structure and caches its text; the noise learned
        # from the history and the page status read the text first and would parse it twice.
        structure(store, info, read.data(info))
    if options is None:
        options = diff_options(store, source, source_rules=rules, cache=cache)
    base, report = compare_pair(
        store, source, old, new, options, cache, status_from=status_from, read=read
    )
    return build_result(source, base, new, report, rules, notes)
