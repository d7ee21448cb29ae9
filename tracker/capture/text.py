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
        text, encoding = decode(data, name=str(path))
        when, how = capture_time(text, Path(path), at, self.folder)
        yield NewCapture(
            data=data,
            captured_at=when,
            time_source=how,
            media_type="text/plain",
            encoding=encoding,
            original_name=Path(path).name,
        )
