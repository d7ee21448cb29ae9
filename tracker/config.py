"""The store's configuration, `tracker.toml` at its root, read and validated in one place.

Every command that reads it (`diff`, `log`, `show`, `check`, `run`, `sources`, `add`) goes
through `load_config`, so one file means the same thing everywhere: the alert rules
(`tracker.rules` validates those keys) and the pages to watch (`url`, `select`, `exclude`,
`headers`, `timeout`, `every`, `tags`, `expect_change_within`). The differ only ever receives
plain options built from it (`tracker.history.options.diff_options`).
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from tracker.errors import TrackerError
from tracker.names import check_source, check_url, page_key, source_name
from tracker.rules import _SECTION_KEYS, RuleSet, fail, parse_rules, strings

CONFIG_FILE = "tracker.toml"
# Keys of a [sources."NAME"] table that describe the page rather than the alert rules.
PAGE_KEYS = ("url", "select", "exclude", "headers", "timeout", "every", "tags",
             "expect_change_within")
_DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


@dataclass(frozen=True)
class SourceConfig:
    """One page to watch, or only rules for a source filled by imports (url None)."""

    name: str
    url: str | None = None
    select: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    headers: dict = field(default_factory=dict)
    timeout: float | None = None
    every: float | None = None  # seconds between captures; None: every run
    tags: tuple[str, ...] = ()
    expect_change_within: float | None = None  # seconds; None: never stale
    problem: str | None = None  # bad URL or selector, page watched twice: this source's failure

    @property
    def selection(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return self.select, self.exclude


@dataclass(frozen=True)
class Config:
    """A store's tracker.toml, read: the rules every source gets, and each source's own."""

    rules: RuleSet
    sources: dict[str, SourceConfig] = field(default_factory=dict)
    path: Path | None = None

    def selection(self, source: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The (select, exclude) CSS selectors applied when a capture of `source` is read;
        a source whose selectors are invalid cannot be read until they are fixed."""
        conf = self.sources.get(source)
        if conf is None:
            return (), ()
        for selector in conf.select + conf.exclude:
            error = selector_error(selector)
            if error:
                raise TrackerError(f"{self.where}: {source}: {error}", "fix it (CSS syntax)")
        return conf.selection

    @property
    def where(self) -> str:
        return str(self.path or CONFIG_FILE)

    def watching(self, url: str) -> SourceConfig | None:
        """The source that watches the page at `url` (the same page: tracker.names), if any."""
        key = page_key(url)
        return next(
            (s for s in self.sources.values() if s.url and page_key(s.url) == key), None
        )

    def unknown_sections(self, store_sources: list[str]) -> list[str]:
        """Warnings for `[sources."NAME"]` tables that declare no page and name no source of
        the store: a typo there would otherwise silently apply no rules."""
        out = []
        known = set(store_sources) | {n for n, s in self.sources.items() if s.url}
        for name in sorted(set(self.rules.sources) | set(self.sources)):
            if name in known:
                continue
            close = difflib.get_close_matches(name, sorted(known), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "add url = \"…\" to watch a page"
            out.append(
                f'{self.where}: [sources."{name}"] names no source of the store and has no url, '
                f"so it applies to nothing ({hint})"
            )
        return out


def config_path(where: Path) -> Path:
    path = Path(where)
    return path / CONFIG_FILE if path.is_dir() else path


def load_rules(where: Path, *, required: bool = False) -> RuleSet:
    """The rules of the configuration `where` (a file, or a directory holding tracker.toml),
    read and validated with the rest of the file."""
    return load_config(where, required=required).rules


def load_config(where: Path, *, required: bool = False) -> Config:
    """The configuration `where` (a file, or a directory holding tracker.toml); defaults when
    there is none, unless `required` (an explicit --rules PATH)."""
    path = config_path(where)
    if not path.is_file():
        if required:
            raise TrackerError(f"{path}: no such rules file", "check the --rules path")
        return Config(RuleSet())
    import tomllib  # only when there is a file: most stores have none

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise TrackerError(
            f"{path}: cannot read: {e}", "check the file and its permissions"
        ) from None
    except tomllib.TOMLDecodeError as e:
        raise TrackerError(f"{path}: not valid TOML: {e}", "see docs/rules.md") from None
    return parse_config(data, path=path)


def parse_config(data: dict, *, path: Path | None = None) -> Config:
    """Split each source's page keys from its rule keys and validate both, the whole file at
    once, so a mistake shows the first time any command reads it."""
    where = str(path or CONFIG_FILE)
    sources = data.get("sources", {})
    pages: dict[str, SourceConfig] = {}
    rules_data = dict(data)
    if isinstance(sources, dict):
        rule_tables = {}
        for name, table in sources.items():
            if isinstance(table, dict):
                for k in table:
                    if k not in PAGE_KEYS and k not in _SECTION_KEYS:
                        known = ", ".join(sorted((*PAGE_KEYS, *_SECTION_KEYS)))
                        fail(where, f'sources."{name}".{k}', f"unknown key (known: {known})")
                page = {k: v for k, v in table.items() if k in PAGE_KEYS}
                rule_tables[name] = {k: v for k, v in table.items() if k not in PAGE_KEYS}
                pages[name] = _source(name, page, where)
            else:
                rule_tables[name] = table
        rules_data["sources"] = rule_tables
    rules = parse_rules(rules_data, path=path)
    return Config(rules, _one_source_per_page(pages), path)


def _one_source_per_page(pages: dict[str, SourceConfig]) -> dict[str, SourceConfig]:
    """A page watched under two names would be fetched twice and split its history: the
    second name (in file order) is a problem of that source, reported by the run."""
    seen: dict[str, str] = {}
    out = {}
    for name, conf in pages.items():
        key = page_key(conf.url) if conf.url and not conf.problem else None
        if key in seen:
            conf = replace(conf, problem=f"{conf.url} is the same page as source {seen[key]}")
        elif key is not None:
            seen[key] = name
        out[name] = conf
    return out


def _source(name: str, table: dict, where: str) -> SourceConfig:
    key = f'sources."{name}"'
    out: dict = {}
    if "url" in table:
        url = table["url"]
        if not isinstance(url, str):
            fail(where, f"{key}.url", "must be a string")
        out["url"] = url
    problem = None
    try:
        check_source(name)
    except TrackerError as e:  # like a bad URL: this source fails, the others run
        problem = f"{key}: not a usable source name: {e.message}"
    if "url" in out and problem is None:
        try:
            check_url(out["url"])
        except TrackerError as e:  # the run reports it for this source and goes on
            problem = f"{key}.url: {e.message}"
    for which in ("select", "exclude"):
        if which in table:
            value = strings(table[which], where, f"{key}.{which}", "CSS selectors (strings)")
            out[which] = tuple(value)
            for selector in value:
                error = selector_error(selector)
                if error and problem is None:
                    problem = f"{key}.{which}: {error}"
    if "headers" in table:
        headers = table["headers"]
        if not isinstance(headers, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
        ):
            fail(where, f"{key}.headers", "must be a table of strings")
        out["headers"] = dict(headers)
    if "timeout" in table:
        timeout = table["timeout"]
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
            fail(where, f"{key}.timeout", "must be a number of seconds > 0")
        out["timeout"] = float(timeout)
    for which in ("every", "expect_change_within"):
        if which in table:
            out[which] = _duration(table[which], where, f"{key}.{which}")
    if "tags" in table:
        out["tags"] = tuple(strings(table["tags"], where, f"{key}.tags", "strings", empty=False))
    return SourceConfig(name=name, problem=problem, **out)


@functools.lru_cache(maxsize=256)
def selector_error(selector: str) -> str | None:
    """Why a CSS selector cannot be used, or None; one line, for the report or the error."""
    from cssselect import SelectorError
    from lxml.cssselect import CSSSelector

    try:
        CSSSelector(selector)
    except SelectorError as e:
        return f"invalid CSS selector {selector!r}: {str(e).splitlines()[0]}"
    return None


def parse_duration(text: str) -> float | None:
    """Seconds in "90s", "30m", "6h", "14d", "2w", or None."""
    match = _DURATION.fullmatch(text)
    if not match:
        return None
    return float(match.group(1)) * _UNITS[match.group(2)]


def _duration(value: object, where: str, key: str) -> float:
    seconds = parse_duration(value) if isinstance(value, str) else None
    if not seconds:
        fail(where, key, 'must be a duration such as "30m", "6h", "14d" or "2w"')
    return seconds



def add_source(
    store_path: Path,
    url: str,
    *,
    name: str | None = None,
    select: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    every: str | None = None,
    tags: tuple[str, ...] = (),
    expect_change_within: str | None = None,
    store=None,
) -> str:
    """Write a `[sources."NAME"]` table into tracker.toml with tomlkit, which keeps the
    user's comments, order and quoting; refuse a name or page already watched. Returns the
    source name. The file is validated as a whole before it replaces the old one. `store`:
    the open Store at `store_path` (None before it exists), whose sources the name must fit."""
    import tomlkit

    check_url(url)
    for selector in (*select, *exclude):
        error = selector_error(selector)
        if error:
            raise TrackerError(error, "use CSS syntax, e.g. --select 'main .content'")
    for flag, value in (("--every", every), ("--expect-change-within", expect_change_within)):
        if value is not None and not parse_duration(value):
            raise TrackerError(f"{flag} {value!r}: not a duration", 'e.g. "30m", "6h", "14d"')
    root = Path(store_path)
    path = root / CONFIG_FILE
    current = load_config(root) if path.is_file() else None
    store_sources = store.sources() if store is not None else []
    if name is None:
        name = store.default_source(url) if store is not None else source_name(url)
    check_source(name)
    key = page_key(url)
    if current is not None:
        other = current.watching(url)
        if other is not None:
            raise TrackerError(
                f"{path}: {url} is already watched as {other.name}", "nothing to add"
            )
        if name in current.sources and current.sources[name].url:
            raise TrackerError(
                f"{path}: the source {name} is already watched ({current.sources[name].url})",
                "choose another name with --name, or edit the file",
            )
    if name in store_sources:
        followed = store.followed(name)
        if followed and key not in followed:
            raise TrackerError(
                f"the source {name} follows {next(iter(followed.values()))}, not {url}: "
                "one source is one page",
                f"give this page its own name with --name, e.g. --name {name}-2",
            )
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    doc = tomlkit.parse(text)
    if "sources" not in doc:
        if text.strip():
            doc.add(tomlkit.nl())
        doc.add("sources", tomlkit.table(is_super_table=True))
    table = tomlkit.table()
    table.add("url", url)
    if select:
        table.add("select", list(select))
    if exclude:
        table.add("exclude", list(exclude))
    if every:
        table.add("every", every)
    if tags:
        table.add("tags", list(tags))
    if expect_change_within:
        table.add("expect_change_within", expect_change_within)
    sources = doc["sources"]
    if name in sources:  # rules written before the page: the page keys join them
        for k, v in table.items():
            sources[name][k] = v
    else:
        sources[name] = table
    out = tomlkit.dumps(doc)
    import tomllib

    parse_config(tomllib.loads(out), path=path)  # never write a file that does not load
    root.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{CONFIG_FILE}.{os.getpid()}.tmp")
    tmp.write_text(out, encoding="utf-8")
    os.replace(tmp, path)
    return name
