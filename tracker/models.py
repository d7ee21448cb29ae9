"""The plain data that flows between the capture readers and the store.

`NewCapture` is what a reader produces (bytes plus what is known about them); `CaptureInfo` is a
stored capture as its JSON sidecar describes it. Both are frozen: captures are evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

# How a capture's time was found, strongest first (DESIGN §4).
TIME_SOURCES = ("at", "page", "filename", "warc", "wayback", "http", "commit")
# How far ahead of now (or of its commit) a capture's time may be: a clock a little fast, a
# page already showing tomorrow's date somewhere east.
AHEAD = timedelta(days=1)


@dataclass(frozen=True)
class NewCapture:
    """One capture read from a file, a URL, a WARC record or a commit, not yet stored."""

    data: bytes
    captured_at: datetime  # timezone-aware, in the page's own offset when the page showed one
    time_source: str  # one of TIME_SOURCES
    media_type: str = "text/plain"  # "text/plain" or "text/html"
    encoding: str = "utf-8"
    source: str | None = None  # None: the CLI's --source or the store's only source
    original_name: str | None = None
    url: str | None = None
    extra: dict = field(default_factory=dict)  # e.g. HTTP status, final URL, headers, commit


@dataclass(frozen=True)
class CaptureInfo:
    """A stored capture: its id (14 UTC digits, maybe a suffix) and its sidecar."""

    source: str
    id: str  # "20210920075900", or "20210920075900-1a2b3c4d" for a second capture that instant
    captured_at: datetime
    time_source: str
    sha256: str
    size: int
    media_type: str
    encoding: str
    path: str  # relative to the store root, e.g. "rusemb.org.uk/20210920075900.txt"
    original_name: str | None = None
    url: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def utc(self) -> datetime:
        return self.captured_at.astimezone(UTC)

    @property
    def day(self) -> str:
        """The day the page itself showed (its own offset), as YYYY-MM-DD."""
        return self.captured_at.date().isoformat()

    def ref(self) -> dict:
        """How every JSON output names a capture (`from`/`to` of diff and check, log entries)."""
        return {"id": self.id, "captured_at": self.captured_at.isoformat()}

    def to_dict(self) -> dict:
        """The capture as JSON lists it (`log --captures`, `log` entries): its ref, then what
        the sidecar says of its bytes."""
        return {
            **self.ref(),
            "time_source": self.time_source,
            "size": self.size,
            "sha256": self.sha256,
            "media_type": self.media_type,
            "url": self.url,
        }


@dataclass(frozen=True)
class Link:
    """A link of an HTML page: its target (absolute, normalised) and what a reader sees of it."""

    href: str
    text: str
    chrome: bool = False  # inside the site's navigation, header or footer
    title: str | None = None  # the nearest heading above it
    context: str | None = None  # its paragraph (the one before, when it is the whole paragraph)


@dataclass(frozen=True)
class Image:
    """An image of an HTML page: its `src` (absolute, normalised) and its `alt` text."""

    src: str
    alt: str
    chrome: bool = False
    title: str | None = None


@dataclass(frozen=True)
class PageStructure:
    """What an HTML page says beyond its text, read in the same pass as the text: links,
    images, the paragraphs that lie in page chrome (nav, banner, footer), its headings, its
    bold paragraphs, and the language it declares (`<html lang>`, else `<meta
    http-equiv=content-language>`: a hint of the country of its phone numbers)."""

    links: tuple[Link, ...] = ()
    images: tuple[Image, ...] = ()
    chrome: tuple[str, ...] = ()  # paragraph texts (as extracted) inside page chrome
    headings: tuple[str, ...] = ()  # paragraph texts (as extracted) of its h1-h6
    bold: tuple[str, ...] = ()  # paragraphs wholly in <strong>/<b>: a heading's look
    lang: str | None = None  # as written: "de-AT", "fr", "en_GB"
    aside: tuple[str, ...] = ()  # paragraph texts inside an <aside>: titled by its own heading
