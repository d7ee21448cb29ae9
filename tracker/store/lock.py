"""One writer per repository: an flock on a file in the git dir, released if the process dies."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tracker.errors import TrackerError

DEFAULT_TIMEOUT = 5.0  # seconds a second import waits for the first before giving up

# Lock fds held by this process. git children inherit them (gitio passes them on), so a git
# process left running by a killed import keeps the store locked until it has finished.
HELD: set[int] = set()


@contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    if timeout is None:
        timeout = float(os.environ.get("TRACKER_LOCK_TIMEOUT", DEFAULT_TIMEOUT))
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise TrackerError(
                        f"another tracker process is writing to this store (waited {timeout:g} s)",
                        "let it finish, then run the command again",
                    ) from None
                time.sleep(0.05)
        HELD.add(fd)
        try:
            yield
        finally:
            HELD.discard(fd)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
