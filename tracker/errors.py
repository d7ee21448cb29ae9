"""One exception type for every failure a user can act on.

The CLI turns a `TrackerError` into one line on stderr and exit code 2, so no traceback ever
reaches a user for bad input, and every layer can raise it without knowing about the terminal.
"""

from __future__ import annotations


class TrackerError(Exception):
    """A problem the user can fix: `message` says what is wrong, `hint` what to do."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message
