"""What the current command has decoded and extracted, so that each capture is read once.

A command asks for one capture's text several times (its status, the diff, its links) and
several readers decode a page they were handed as bytes. The values are pure functions of the
key (the bytes' sha256, the charset, the selectors, the disk cache read), kept for the few
captures a command works on at a time (the pair it compares, the one before) and dropped when
the next command starts (`forget`, called by the CLI).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

SIZE = 16  # entries: a pair of captures needs up to ten (decoded, extracted, selected...)
_MEMO: OrderedDict[tuple, object] = OrderedDict()


def remember(key: tuple, make: Callable[[], T]) -> T:
    """`make()`, once for `key` while it stays among the SIZE most recently used."""
    if key in _MEMO:
        _MEMO.move_to_end(key)
        return _MEMO[key]  # type: ignore[return-value]
    value = _MEMO[key] = make()
    while len(_MEMO) > SIZE:
        _MEMO.popitem(last=False)
    return value


def forget() -> None:
    _MEMO.clear()
