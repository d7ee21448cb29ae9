"""What the current command has decoded and extracted, so that each capture is read once.

A command asks for one capture's text several times (its status, the diff, its links) and
several readers decode a page they were handed as bytes. The values are pure functions of the
key (what they are, the bytes' sha256, the charset, the selectors, the disk cache read), kept
for the few captures a command works on at a time (the pair it compares, the one before) and
dropped when the next command starts (`forget`, called by the CLI).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

SIZE = 4  # captures remembered of each kind of value: a pair, and the one before or a base
# A decoded page is the largest value and is needed only until its one extraction pass (and
# its selection), which follow it closely.
SIZES = {"decoded": 3}
_MEMOS: dict[str, OrderedDict[tuple, object]] = {}


def remember(key: tuple, make: Callable[[], T]) -> T:
    """`make()`, once for `key` while it stays among the most recently used of its kind
    (`key[0]`)."""
    memo = _MEMOS.setdefault(key[0], OrderedDict())
    if key in memo:
        memo.move_to_end(key)
        return memo[key]  # type: ignore[return-value]
    value = memo[key] = make()
    while len(memo) > SIZES.get(key[0], SIZE):
        memo.popitem(last=False)
    return value


def forget() -> None:
    _MEMOS.clear()
