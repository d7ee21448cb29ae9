"""A registry of input readers: each turns one path into zero or more `NewCapture`s.

Like urlwatch's filters, a reader is a small class with a `name`; `import` asks each in order
whether it takes a file (WARC before HTML before plain text), so a new kind of input is one new
module listed in `_MODULES`, and nothing else changes.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from tracker.errors import TrackerError
from tracker.models import NewCapture

# Modules that define readers, asked in this order.
_MODULES = ("tracker.capture.warc", "tracker.capture.html", "tracker.capture.text")

_READERS: list[type[Reader]] = []


# The largest capture `import` takes by default (`--max-bytes` raises it): a capture is held in
# memory a few times over while it is stored and diffed.
MAX_BYTES = 50_000_000


class Reader:
    """Base class: `matches` looks at the name and the first bytes, `read` yields captures.
    `max_bytes`: refuse a capture larger than this (None: no limit); `folder`: where the time
    may be read off the folder names below it, as crawls are saved (`<timestamp>/index.html`)."""

    name = "reader"
    max_bytes: int | None = None
    folder: Path | None = None  # the folder named on the command line the file was found in

    @classmethod
    def matches(cls, path: Path, head: bytes) -> bool:
        raise NotImplementedError

    def read(self, path: Path, *, at: datetime | None = None) -> Iterator[NewCapture]:
        raise NotImplementedError


def register(cls: type[Reader]) -> type[Reader]:
    if cls not in _READERS:
        _READERS.append(cls)
    return cls


def readers() -> list[type[Reader]]:
    """Every reader, in `_MODULES` order whatever order their modules were imported in."""
    for module in _MODULES:
        importlib.import_module(module)
    order = {module: i for i, module in enumerate(_MODULES)}
    return sorted(_READERS, key=lambda cls: order.get(cls.__module__, len(order)))


def reader_for(path: Path) -> Reader:
    """The first registered reader that takes `path`, or an error naming the file."""
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError as e:
        raise TrackerError(
            f"cannot read {path}: {e.strerror}", "check the path and its permissions"
        ) from None
    for cls in readers():
        if cls.matches(path, head):
            return cls()
    raise TrackerError(f"{path}: not a capture tracker can read", "give a text, HTML or WARC file")


def check_size(what: str, size: int, limit: int | None) -> None:
    """Refuse a capture over the import limit, before its bytes are read."""
    if limit is not None and size > limit:
        raise TrackerError(
            f"{what} is {size:,} bytes, more than the import limit of {limit:,}",
            f"raise the limit with --max-bytes {size}",
        )
