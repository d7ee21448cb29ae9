"""The options every comparison of a source uses: its rules from tracker.toml, extra ignores, and
the noise learned from its history.

They live in the history layer because learning reads the whole history.
"""

from __future__ import annotations

from tracker.differ import DiffOptions
from tracker.differ.contacts import url_region
from tracker.history.noise import learned_labels
from tracker.patterns import as_user_pattern, user_patterns


def diff_options(
    store, source: str, *, ignore: tuple[str, ...] = (), rules=None, cache=None,
    source_rules=None,
):
    """DiffOptions from the store's rules (tracker.toml) for this source, plus extra ignores,
    plus the noise learned from the source's history (unless the rules turn learning off).
    Extra ignores are validated like the rules file's, so diff and check accept the same.
    `rules`: another RuleSet; `source_rules`: this source's Rules as already merged (a
    check's flags over its rules file)."""
    if source_rules is not None:
        src = source_rules
    else:
        src = (rules if rules is not None else store.config.rules).for_source(source)
    learned: set[str] = set()
    if src.learn_noise:
        keep = [as_user_pattern(p, "not_noise") for p in src.not_noise]
        learned = {
            label
            for label in learned_labels(store, source, cache)
            if not any(p.search(label) for p in keep)
        }
    return DiffOptions(
        ignore=list(src.ignore) + list(user_patterns(ignore, "--ignore")),
        volatile_labels=learned,
        region=src.region,
        region_hint=url_region(_page_url(store, source)),
    )


def _page_url(store, source: str) -> str | None:
    """The address the source's latest capture was fetched from (or declares, for a file)."""
    for info in reversed(store.captures(source)):
        url = (info.extra or {}).get("final_url") or info.url
        if url:
            return url
    return None
