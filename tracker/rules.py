"""The alert policy: `tracker.toml` at the store root, validated up front, then flags on top.

A typo in a rules file must not silently turn alerting off, so every unknown key, wrong type or
bad regex is an error naming the file, the key and the problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from tracker.differ.model import KINDS
from tracker.errors import TrackerError
from tracker.patterns import user_patterns

# What a rule can ask to alert on: the differ's kinds (noise never alerts), numbers split into
# anomalies, figures and all counters, new images and links apart, and page chrome.
_SPLIT = {
    "counter": ("counter-anomaly", "figure", "counter"),
    "image": ("image", "image-added"),
    "link": ("link", "link-added"),
}
ALERT_KINDS = (
    *(k for kind in KINDS if kind != "volatile" for k in _SPLIT.get(kind, (kind,))),
    "chrome",
)
# "figure": a number with no schedule changed (a fee, a population, a river level): a fact.
# "counter" asks for every counter, days counters on schedule too.
DEFAULT_KINDS = frozenset(
    {
        "status",
        "contact",
        "counter-anomaly",
        "figure",
        "added",
        "removed",
        "rewritten",
        "image",
        "link",
    }
)
RULES_FILE = "tracker.toml"

_SECTION_KEYS = {
    "kinds",
    "ignore",
    "watch",
    "region",
    "min_changes",
    "counter",
    "learn_noise",
    "not_noise",
}
_COUNTER_KEYS = {"max_delta"}


@dataclass(frozen=True)
class Rules:
    """The rules for one source, after merging `[alert]`, `[sources.NAME]` and flags."""

    kinds: frozenset[str] = DEFAULT_KINDS
    ignore: tuple[str, ...] = ()  # regexes masked when diffing (never applied to stored bytes)
    watch: tuple[str, ...] = ()  # when set, only blocks matching one of them alert
    # the country of phone numbers written without +CC; None: inferred from the page and its URL
    region: str | None = None
    max_delta: int | None = None  # a counter with no schedule alerts only when |delta| > this
    min_changes: int = 1  # ordinary alerts needed before anything alerts (contacts always do)
    learn_noise: bool = True  # class blocks that change in nearly every capture as volatile
    not_noise: tuple[str, ...] = ()  # learned noise labels matching these are not noise
    path: Path | None = None  # the file they came from, for messages

    def override(
        self,
        *,
        kinds: str | None = None,
        ignore: tuple[str, ...] = (),
        watch: tuple[str, ...] = (),
    ) -> Rules:
        """Flags on top of the file: --alert-on and --watch replace, --ignore adds."""
        rules = self
        if kinds is not None:
            names = [k.strip() for k in kinds.split(",") if k.strip()]
            rules = replace(rules, kinds=frozenset(_kinds(names, "--alert-on")))
        if ignore:
            rules = replace(rules, ignore=rules.ignore + _patterns(list(ignore), "--ignore"))
        if watch:
            rules = replace(rules, watch=_patterns(list(watch), "--watch"))
        return rules


@dataclass(frozen=True)
class RuleSet:
    """A whole validated rules file: `[alert]` defaults and each `[sources."NAME"]` table."""

    base: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)
    path: Path | None = None

    def for_source(self, source: str) -> Rules:
        """The source's rules: its own values replace the defaults, its patterns add to them."""
        merged = dict(self.base)
        for key, value in self.sources.get(source, {}).items():
            if key in ("ignore", "watch", "not_noise"):
                merged[key] = merged.get(key, ()) + value
            else:
                merged[key] = value
        return Rules(path=self.path, **merged)


def parse_rules(data: dict, *, path: Path | None = None) -> RuleSet:
    """Validate the whole document, every source and not just the one checked, so a mistake
    shows the first time any check reads the file."""
    where = str(path or RULES_FILE)
    unknown = set(data) - {"alert", "sources"}
    if unknown:
        fail(where, sorted(unknown)[0], 'unknown key (expected [alert] or [sources."NAME"])')
    base = _section(data.get("alert", {}), where, "alert")
    sources = data.get("sources", {})
    if not isinstance(sources, dict):
        fail(where, "sources", 'must be a table of [sources."NAME"] tables')
    per_source = {name: _section(s, where, f'sources."{name}"') for name, s in sources.items()}
    return RuleSet(base=base, sources=per_source, path=path)


def _section(table: object, where: str, name: str) -> dict:
    if not isinstance(table, dict):
        fail(where, name, "must be a table")
    for key in table:
        if key not in _SECTION_KEYS:
            fail(
                where, f"{name}.{key}", f"unknown key (known: {', '.join(sorted(_SECTION_KEYS))})"
            )
    out: dict = {}
    if "kinds" in table:
        value = table["kinds"]
        if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
            fail(where, f"{name}.kinds", "must be a list of strings")
        out["kinds"] = frozenset(_kinds(value, f"{where}: {name}.kinds"))
    if "learn_noise" in table:
        if not isinstance(table["learn_noise"], bool):
            fail(where, f"{name}.learn_noise", "must be true or false")
        out["learn_noise"] = table["learn_noise"]
    for key in ("ignore", "watch", "not_noise"):
        if key in table:
            value = strings(
                table[key], where, f"{name}.{key}", "regular expressions (strings)"
            )
            out[key] = _patterns(value, f"{where}: {name}.{key}")
    if "region" in table:
        region = table["region"]
        if not isinstance(region, str) or not re.fullmatch(r"[A-Za-z]{2}", region):
            fail(where, f"{name}.region", 'must be a two-letter country code such as "GB"')
        import phonenumbers

        if region.upper() not in phonenumbers.SUPPORTED_REGIONS:
            fail(where, f"{name}.region", f"{region!r} is not a country with phone numbers")
        out["region"] = region.upper()
    if "min_changes" in table:
        out["min_changes"] = _positive(table["min_changes"], where, f"{name}.min_changes", 1)
    if "counter" in table:
        counter = table["counter"]
        if not isinstance(counter, dict):
            fail(where, f"{name}.counter", "must be a table")
        for key in counter:
            if key not in _COUNTER_KEYS:
                fail(where, f"{name}.counter.{key}", "unknown key (known: max_delta)")
        if "max_delta" in counter:
            out["max_delta"] = _positive(
                counter["max_delta"], where, f"{name}.counter.max_delta", 0
            )
    return out


def _kinds(names: list[str], where: str) -> list[str]:
    for kind in names:
        if kind == "volatile":
            raise TrackerError(
                f"{where}: 'volatile' cannot alert: it is noise by definition",
                "to alert on a block the differ calls volatile, add a watch pattern for it",
            )
        if kind not in ALERT_KINDS:
            raise TrackerError(
                f"{where}: unknown kind {kind!r}", f"known: {', '.join(ALERT_KINDS)}"
            )
    return names


def _patterns(patterns: list[str], where: str) -> tuple[str, ...]:
    return user_patterns(patterns, where)


def _positive(value: object, where: str, key: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        fail(where, key, f"must be an integer >= {minimum}")
    return value


def fail(where: str, key: str, problem: str):
    """Every error of a tracker.toml, rules or sources: where, which key, what is wrong."""
    raise TrackerError(f"{where}: {key}: {problem}", "see docs/rules.md for the format")


def strings(value, where: str, key: str, what: str, *, empty: bool = True) -> list[str]:
    """A string or a list of strings (`what`: what they are, for the error), as a list."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(
        isinstance(v, str) and (empty or v) for v in value
    ):
        fail(where, key, f"must be a list of {what}")
    return value
