"""tracker.toml: parsed, merged per source, and every mistake named (file, key, problem)."""

from __future__ import annotations

import pytest

from tracker.config import load_rules
from tracker.errors import TrackerError
from tracker.rules import DEFAULT_KINDS, Rules, parse_rules

EXAMPLE = """
[alert]
kinds = ["contact", "counter-anomaly", "added", "removed", "rewritten"]
ignore = ['Last updated .*']

[sources."rusemb.org.uk"]
ignore = ['\\d+ views']
watch = ['Consular']
region = "gb"

[sources."rusemb.org.uk".counter]
max_delta = 100
"""


def write(tmp_path, text):
    path = tmp_path / "tracker.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_the_defaults(tmp_path):
    rules = load_rules(tmp_path).for_source("anything")
    assert rules.kinds == DEFAULT_KINDS
    assert "moved" not in rules.kinds and "counter" not in rules.kinds
    assert rules.ignore == () and rules.watch == () and rules.max_delta is None


def test_explicit_rules_path_must_exist(tmp_path):
    with pytest.raises(TrackerError, match="no such rules file"):
        load_rules(tmp_path / "missing.toml", required=True)


def test_example_layout_merges_source_over_defaults(tmp_path):
    rule_set = load_rules(write(tmp_path, EXAMPLE))  # a file path works as well as the root
    rules = rule_set.for_source("rusemb.org.uk")
    assert rules.ignore == ("Last updated .*", r"\d+ views")  # patterns add up
    assert rules.watch == ("Consular",)
    assert rules.region == "GB"
    assert rules.max_delta == 100
    other = load_rules(tmp_path).for_source("other.example")  # the store root: tracker.toml
    assert other.ignore == ("Last updated .*",) and other.watch == () and other.max_delta is None


def test_source_kinds_replace_the_defaults():
    rules = parse_rules(
        {"alert": {"kinds": ["contact"]}, "sources": {"s": {"kinds": ["added", "moved"]}}}
    ).for_source("s")
    assert rules.kinds == {"added", "moved"}


@pytest.mark.parametrize(
    "text, words",
    [
        ("[alerts]\n", ["alerts", "unknown key"]),
        ("[alert]\nkind = ['contact']\n", ["alert.kind", "unknown key"]),
        ("[sources.s]\nwatchh = ['x']\n", ['sources."s".watchh', "unknown key"]),
        ("[sources.s.counter]\nmax = 3\n", ['sources."s".counter.max', "unknown key"]),
        ("[alert]\nkinds = 'contact'\n", ["alert.kinds", "list of strings"]),
        ("[alert]\nkinds = ['contact', 'typo']\n", ["alert.kinds", "unknown kind 'typo'"]),
        ("[alert]\nkinds = ['volatile']\n", ["alert.kinds", "noise"]),
        ("[sources.s.counter]\nmax_delta = '100'\n", ["counter.max_delta", "integer"]),
        ("[sources.s.counter]\nmax_delta = -1\n", ["counter.max_delta", "integer >= 0"]),
        ("[alert]\nmin_changes = 0\n", ["alert.min_changes", ">= 1"]),
        ("[alert]\nregion = 'GBR'\n", ["alert.region", "two-letter"]),
        ("[alert]\nignore = [1]\n", ["alert.ignore", "regular expressions"]),
        ("[sources.s]\nwatch = ['(unclosed']\n", ['sources."s".watch', "(unclosed", "bad regular"]),
        ("[alert]\nignore = ['x*']\n", ["alert.ignore", "empty string"]),
        ("sources = 3\n", ["sources", "table"]),
        ("[alert\n", ["not valid TOML"]),
    ],
)
def test_mistakes_name_file_key_and_problem(tmp_path, text, words):
    path = write(tmp_path, text)
    with pytest.raises(TrackerError) as caught:
        load_rules(path)
    message = str(caught.value)
    assert str(path) in message
    for word in words:
        assert word in message


def test_a_mistake_in_another_source_is_still_an_error(tmp_path):
    write(tmp_path, "[sources.a]\nwatch = ['ok']\n[sources.b]\nwatch = ['[']\n")
    with pytest.raises(TrackerError, match='sources."b".watch'):
        load_rules(tmp_path)


def test_flags_override_the_file():
    base = Rules(kinds=frozenset({"contact"}), ignore=("a+",), watch=("Consular",))
    rules = base.override(kinds="added, moved", ignore=("b+",), watch=("Visa",))
    assert rules.kinds == {"added", "moved"}  # --alert-on replaces
    assert rules.ignore == ("a+", "b+")  # --ignore adds
    assert rules.watch == ("Visa",)  # --watch replaces
    assert base.override() == base


def test_flag_mistakes_name_the_flag():
    with pytest.raises(TrackerError, match="--alert-on: unknown kind 'contacts'"):
        Rules().override(kinds="contacts")
    with pytest.raises(TrackerError, match="--ignore: bad regular expression"):
        Rules().override(ignore=("(",))
    with pytest.raises(TrackerError, match="--watch"):
        Rules().override(watch=("[z-a]",))


def test_the_documented_example_is_valid():
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "rules.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(.*?)```", doc, re.S).group(1)
    import tomllib

    rules = parse_rules(tomllib.loads(example)).for_source("rusemb.org.uk")
    assert rules.watch == ("Consular", "(?i)visa") and rules.max_delta == 100
    assert rules.ignore == (r"Page generated in [\d.]+ s", r"\d+ views")
