"""Regular expressions written by users (`--ignore`, `--watch`, `ignore`, `watch`, `not_noise`).

A backtracking pattern such as `(a|a)+$` can take longer than the age of the universe on one
line of 30 `a`s, so every user pattern runs on the `regex` engine with a time limit per call and
fails with a line naming the rule, never hangs. One validator serves the rules file and the
flags of every command, so a pattern is accepted or refused the same way everywhere.
"""

from __future__ import annotations

import re

from tracker.errors import TrackerError

# Seconds one search or substitution of one user pattern may take on one block of text.
TIME_LIMIT = 1.0


class UserPattern(str):
    """A user's pattern: still the pattern text (rules compare it, cache keys hash it), plus
    `where` it came from, for the message when it is too slow."""

    def __new__(cls, pattern: str, where: str = "ignore") -> UserPattern:
        self = super().__new__(cls, pattern)
        self.where = where
        import regex  # loaded with the first pattern, not by every command

        self.compiled = regex.compile(pattern)
        return self

    def search(self, text: str):
        try:
            return self.compiled.search(text, timeout=TIME_LIMIT)
        except TimeoutError:
            raise self._too_slow() from None

    def sub(self, repl: str, text: str) -> str:
        try:
            return self.compiled.sub(repl, text, timeout=TIME_LIMIT)
        except TimeoutError:
            raise self._too_slow() from None

    def _too_slow(self) -> TrackerError:
        return TrackerError(
            f"{self.where}: the regular expression {str(self)!r} took over {TIME_LIMIT:g} s on "
            "one block of text",
            "simplify it: nested repeats such as (a|a)+ or (a+)+ backtrack without end",
        )


def user_patterns(patterns: list[str] | tuple[str, ...], where: str) -> tuple[UserPattern, ...]:
    """Validate and compile patterns from `where` (a flag, or a rules file and key): Python
    regex syntax, and never a pattern that matches the empty string (it would match
    everywhere)."""
    if not patterns:
        return ()
    import regex

    out = []
    for pattern in patterns:
        if isinstance(pattern, UserPattern):
            out.append(pattern)
            continue
        try:
            re.compile(pattern)
            compiled = UserPattern(pattern, where)
        except (re.error, regex.error) as e:
            raise TrackerError(
                f"{where}: bad regular expression {pattern!r}: {e}",
                "use Python regex syntax; in TOML write regexes in 'single quotes'",
            ) from None
        if compiled.compiled.fullmatch("", timeout=TIME_LIMIT):
            raise TrackerError(
                f"{where}: the regular expression {pattern!r} matches the empty string",
                "it would match everywhere; make it match at least one character",
            )
        out.append(compiled)
    return tuple(out)


def as_user_pattern(pattern: str, where: str = "pattern") -> UserPattern:
    """A pattern handed over as a plain string (the Python API) runs with the same limit."""
    return pattern if isinstance(pattern, UserPattern) else user_patterns([pattern], where)[0]
