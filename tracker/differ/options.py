"""What a caller can tune about a diff, kept apart so the CLI and the noise learner share it."""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.patterns import UserPattern, as_user_pattern

PLACEHOLDER = "…"


@dataclass
class DiffOptions:
    """`ignore`: regexes masked (with PLACEHOLDER) before blocks are compared, never applied to
    stored bytes: blocks that differ only inside them are reported as volatile ("rule").
    `volatile_labels`: learned noisy blocks, by masked text or masked fingerprint.
    `region`: the country of phone numbers written without one, when the rules name it;
    else the differ infers it from the page (the country codes of its international numbers),
    then `region_hint` (the country of the page's URL, worked out by the caller), then the
    pages' language (`PageStructure.lang`: "de-AT" → AT, "fr" → FR), then `default_region`.
    `word_timeout`: seconds the word diff may spend on one block pair.
    `word_edits`: False leaves rewritten blocks without their word diff (`edits` None): for a
    caller that shows none, such as the changelog (most of a pair's time on long paragraphs)."""

    ignore: list[str] = field(default_factory=list)
    volatile_labels: set[str] = field(default_factory=set)
    default_region: str = "GB"
    region: str | None = None
    region_hint: str | None = None
    word_timeout: float = 0.5
    word_edits: bool = True

    def compiled_ignore(self) -> list[UserPattern]:
        return [as_user_pattern(rule, "ignore") for rule in self.ignore]


def mask_rules(text: str, patterns: list[UserPattern]) -> str:
    for pattern in patterns:
        text = pattern.sub(PLACEHOLDER, text)
    return text
