"""The plain-text reader: the fallback that takes any file the WARC and HTML readers leave."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from tracker.capture.decode import decode
from tracker.capture.readers import Reader, check_size, register
from tracker.capture.timefind import capture_time
from tracker.errors import TrackerError
from tracker.models import NewCapture

# Control bytes that make a file look binary (tracker.capture.decode.looks_binary's rule).
_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """decode(), with a C-speed fast path for the common case: plain UTF-8 text, no BOM."""
    head = data[:8192]
    if head.strip() and head[:1] not in (b"\xef", b"\xfe", b"\xff", b"\x00"):
        controls = len(head) - len(head.translate(None, _CONTROLS))
        if b"\x00" not in head and controls <= len(head) * 0.05:
            try:
                return data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                pass
    return decode(data, name=name)


@register
class TextReader(Reader):
    name = "text"

    @classmethod
    def matches(cls, path: Path, head: bytes) -> bool:
        return True  # last in line: decode() refuses empty, binary and undecodable files clearly

    def read(self, path: Path, *, at: datetime | None = None) -> Iterator[NewCapture]:
        try:
            check_size(str(path), Path(path).stat().st_size, self.max_bytes)
            data = Path(path).read_bytes()
        except OSError as e:
            raise TrackerError(f"cannot read {path}: {e.strerror}", "check the path") from None
        text, encoding = _decode(data, str(path))
        when, how = capture_time(text, Path(path), at)
        yield NewCapture(
            data=data,
            captured_at=when,
            time_source=how,
            media_type="text/plain",
            encoding=encoding,
            original_name=Path(path).name,
        )
