"""HTML to the text a reader sees, one block per paragraph, so the differ compares content.

The page is streamed through libxml2's HTML parser (lxml) into a small event handler: no tree is
built, nothing recurses, so 100,000 nested divs or a large page cost memory in proportion to the
text, not to the markup. Measured (benchmarks/bench_html.py) it is ~3x faster than BeautifulSoup
with lxml (~4x with html.parser) on the gov-pairs, and ~10x lighter on big pages, which is why
BeautifulSoup is not used here.

Block elements (headings, paragraphs, list items, table rows, divs...) become paragraphs separated
by blank lines; `<br>` ends a line; table cells on one row are joined by " | ". Not text: script,
style, template, noscript, svg, head, comments, elements with `hidden` or an inline
`display:none`. `aria-hidden` content is kept: it hides from screen readers, not from the eye.
"""

from __future__ import annotations

import functools
import hashlib
import html as htmllib
import os
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from tracker.capture.cloudflare import PLACEHOLDERS, decode_cfemail, href_address
from tracker.capture.readers import Reader, register
from tracker.capture.wayback_clean import clean_wayback
from tracker.errors import TrackerError
from tracker.models import NewCapture

# Bump when the text for the same bytes changes: cached extractions of older versions are ignored.
EXTRACTOR_VERSION = "2"

_SKIP = frozenset(
    "script style template noscript svg math head title iframe object embed canvas select "
    "datalist audio video".split()
)
_BLOCK = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li "
    "main menu nav ol p pre section summary table tbody tfoot thead tr ul".split()
)
_CELL = frozenset(("td", "th"))
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_MOJIBAKE_HINT = re.compile("[\u0080-\u009f\u00c2\u00c3\u00c5\u00ce\u00cf\u00d0\u00d1\u00e2]")
_CHUNK = 1 << 16


def html_to_text(data: bytes, encoding: str | None = None, *, cache_dir: Path | None = None) -> str:
    """The visible text of an HTML page; `encoding` is the HTTP header's charset, if any.

    Cached by the bytes' sha256 under `cache_dir` (or $TRACKER_CACHE), a cache safe to delete.
    """
    cache = _cache_file(data, encoding, cache_dir)
    if cache is not None:
        try:
            return cache.read_text(encoding="utf-8")
        except OSError:
            pass
    text = extract(decode_html(data, encoding)[0])
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, cache)
        except OSError:
            pass  # a read-only or full cache only costs time
    return text


def _cache_file(data: bytes, encoding: str | None, cache_dir: Path | None) -> Path | None:
    root = cache_dir or os.environ.get("TRACKER_CACHE")
    if not root:
        return None
    digest = hashlib.sha256(data).hexdigest()
    suffix = f"-{re.sub(r'[^A-Za-z0-9_-]', '_', encoding)}" if encoding else ""
    return Path(root) / f"html-v{EXTRACTOR_VERSION}" / digest[:2] / f"{digest}{suffix}.txt"


def selected_text(
    data: bytes,
    encoding: str | None,
    select: tuple[str, ...],
    exclude: tuple[str, ...],
    *,
    cache_dir: Path | None = None,
) -> str | None:
    """The visible text of the parts of a page the CSS selectors keep (`select`; the whole
    page when empty) minus those they drop (`exclude`); None when `select` matches nothing.

    Selection happens before extraction, on a parsed tree (the streaming extractor has none),
    and only when a selector is set. Cached by the bytes and the selectors, so changing a
    selector re-reads every capture with it while the stored bytes stay as they are.
    """
    key = hashlib.sha256(repr((select, exclude)).encode()).hexdigest()[:16]
    cache = _cache_file(data, encoding, cache_dir)
    if cache is not None:
        cache = cache.with_name(cache.stem + f"-sel{key}.txt")
        try:
            text = cache.read_text(encoding="utf-8")
            return None if text == _NOTHING else text
        except OSError:
            pass
    text = _select(decode_html(data, encoding)[0], select, exclude)
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(_NOTHING if text is None else text, encoding="utf-8")
            os.replace(tmp, cache)
        except OSError:
            pass
    return text


_NOTHING = "\x00nothing selected"


@functools.lru_cache(maxsize=64)
def _css(selector: str):
    """A compiled selector: a history of thousands of captures compiles each one once."""
    from lxml.cssselect import CSSSelector

    return CSSSelector(selector)


def _select(html: str, select: tuple[str, ...], exclude: tuple[str, ...]) -> str | None:
    from lxml import etree
    from lxml import html as lxml_html

    html = clean_wayback(html)
    try:
        root = lxml_html.document_fromstring(html, parser=lxml_html.HTMLParser(huge_tree=True))
    except (etree.LxmlError, ValueError):
        return None if select else ""
    for selector in exclude:
        for element in _css(selector)(root):
            if element.getparent() is not None:
                element.drop_tree()
    if not select:
        return extract(lxml_html.tostring(root, encoding="unicode"))
    kept = []
    for selector in select:
        kept += _css(selector)(root)
    if not kept:
        return None
    chosen = set(kept)
    # An element inside another kept one is already in it; document order, each once.
    parts = [
        lxml_html.tostring(e, encoding="unicode", with_tail=False)
        for e in root.iter()
        if e in chosen and not any(a in chosen for a in e.iterancestors())
    ]
    return extract("<html><body>" + "".join(f"<div>{p}</div>" for p in parts) + "</body></html>")


def decode_html(data: bytes, encoding: str | None = None, *, name: str = "page") -> tuple[str, str]:
    """(text, encoding): a BOM, then the HTTP charset, then `<meta charset>`, then the bytes
    (tracker.capture.decode's rule)."""
    from tracker.capture.decode import decode, whatwg

    declared = whatwg(encoding)
    if declared is None:
        # beautifulsoup4's detector reads <meta charset>, http-equiv and XML declarations.
        from bs4.dammit import EncodingDetector

        label = EncodingDetector.find_declared_encoding(data[:16384], is_html=True)
        declared = _meta_encoding(label)
    return decode(data, declared, name=name)


def _meta_encoding(label: str | None) -> str | None:
    """As browsers read a `<meta>` label: a page that could read it is not UTF-16, so UTF-16
    means UTF-8 (and Latin-1 means windows-1252, as for every label)."""
    from tracker.capture.decode import whatwg

    name = whatwg(label)
    if name and name.startswith("utf-16"):
        return "utf-8"
    return name


def extract(html: str) -> str:
    """The visible text of decoded HTML (see the module docstring for the rules)."""
    from lxml import etree

    target = _TextTarget()
    parser = etree.HTMLParser(target=target, recover=True, no_network=True, huge_tree=True)
    html = clean_wayback(html)
    try:
        for i in range(0, len(html), _CHUNK):
            parser.feed(html[i : i + _CHUNK])
        parser.close()
    except etree.LxmlError:
        target.close()  # keep what was read: libxml2 recovers from almost anything
    return target.result()


class _TextTarget:
    """lxml parser target: turns start/end/data events into paragraphs, with no tree."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.lines: list[str] = []
        self.cur: list[str] = []
        self.has_text = False
        self.depth = 0
        self.skip_at = 0  # skipping a subtree whose root is at this depth (0: not skipping)
        self.pre = 0
        self.flushes = 0
        self.cf_link: tuple[int, str, int, int] | None = None  # depth, address, cur index, flushes
        self.done = False

    # lxml target interface
    def start(self, tag, attrib, nsmap=None) -> None:
        self.depth += 1
        if self.skip_at or not isinstance(tag, str):
            return
        tag = tag.rsplit("}", 1)[-1].lower()
        if tag in _SKIP or self._hidden(attrib):
            self.skip_at = self.depth
            return
        hexed = attrib.get("data-cfemail")
        if hexed is not None:
            address = decode_cfemail(hexed)
            if address:
                self._text(address)
                self.skip_at = self.depth
                return
        if tag in _BLOCK:
            self._block()
            if tag == "pre":
                self.pre += 1
        elif tag == "br":
            if not self._line() and self.lines:
                self._block()  # two <br> in a row: a paragraph break
        elif tag in _CELL:
            if self.has_text:
                self.cur.append(" | ")
        elif tag == "a" and self.cf_link is None:
            address = href_address(attrib.get("href", ""))
            if address:
                self.cf_link = (self.depth, address, len(self.cur), self.flushes)

    def end(self, tag) -> None:
        depth, self.depth = self.depth, max(self.depth - 1, 0)
        if self.skip_at:
            if depth <= self.skip_at:
                self.skip_at = 0
            return
        if not isinstance(tag, str):
            return
        tag = tag.rsplit("}", 1)[-1].lower()
        if tag in _BLOCK:
            self._block()
            if tag == "pre" and self.pre:
                self.pre -= 1
        elif self.cf_link and depth <= self.cf_link[0]:
            _, address, index, flushes = self.cf_link
            self.cf_link = None
            if flushes == self.flushes:
                inner = "".join(self.cur[index:])
                for placeholder in PLACEHOLDERS:
                    inner = inner.replace(placeholder, address)
                self.cur[index:] = [inner]

    def data(self, text: str) -> None:
        if self.skip_at:
            return
        if self.pre:
            first, *rest = text.split("\n")
            self._text(first)
            for line in rest:
                self._line()
                self._text(line)
        else:
            self._text(text)

    def comment(self, text: str) -> None:
        pass

    def close(self) -> None:
        if not self.done:
            self.done = True
            self._block()

    # building the text
    @staticmethod
    def _hidden(attrib) -> bool:
        if "hidden" in attrib and attrib.get("hidden", "").lower() != "until-found":
            return True
        style = attrib.get("style")
        return bool(style and _HIDDEN_STYLE.search(style))

    def _text(self, text: str) -> None:
        if text:
            self.cur.append(text)
            if not self.has_text and not text.isspace():
                self.has_text = True

    def _line(self) -> bool:
        """End the current line; False when it held no text."""
        raw = _repair("".join(self.cur))
        self.cur.clear()
        self.has_text = False
        self.flushes += 1
        line = raw.rstrip() if self.pre else _SPACES.sub(" ", raw).strip()
        if line.strip():
            self.lines.append(line)
            return True
        return False

    def _block(self) -> None:
        self._line()
        if self.lines:
            self.paragraphs.append("\n".join(self.lines))
            self.lines.clear()

    def result(self) -> str:
        self.close()
        return "".join(p + "\n\n" for p in self.paragraphs).rstrip("\n") + "\n"


def _repair(line: str) -> str:
    """Undo UTF-8 read as Latin-1/cp1252 ("NiÃ±o" -> "Niño"), only where ftfy sees mojibake."""
    if not _MOJIBAKE_HINT.search(line):
        return line
    import ftfy
    from ftfy.badness import is_bad

    return ftfy.fix_encoding(line) if is_bad(line) else line


_TAG = re.compile(r"<(link|meta)\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")


def page_url(html: str) -> str | None:
    """The page's own URL: `<link rel=canonical>`, else `og:url` (archive prefixes removed)."""
    found: dict[str, str] = {}
    for m in _TAG.finditer(clean_wayback(html[:131072])):
        attrs = {k.lower(): htmllib.unescape(v.strip("\"'")) for k, v in _ATTR.findall(m.group(2))}
        if m.group(1).lower() == "link" and "canonical" in attrs.get("rel", "").lower().split():
            found.setdefault("canonical", attrs.get("href", ""))
        elif attrs.get("property", attrs.get("name", "")).lower() == "og:url":
            found.setdefault("og", attrs.get("content", ""))
    for key in ("canonical", "og"):
        url = found.get(key, "").strip()
        if url.startswith(("http://", "https://")):
            return url
    return None


def looks_like_html(head: bytes) -> bool:
    lowered = head[:4096].lower()
    return b"<html" in lowered or b"<!doctype html" in lowered


@register
class HtmlReader(Reader):
    """A saved HTML page: the bytes stored as they are, the time found in its visible text."""

    name = "html"

    @classmethod
    def matches(cls, path: Path, head: bytes) -> bool:
        return path.suffix.lower() in (".html", ".htm", ".xhtml") or looks_like_html(head)

    def read(self, path: Path, *, at: datetime | None = None) -> Iterator[NewCapture]:
        try:
            data = path.read_bytes()
        except OSError as e:
            raise TrackerError(f"cannot read {path}: {e.strerror}", "check the path") from None
        text, encoding = decode_html(data, name=str(path))
        from tracker.capture.timefind import capture_time

        when, how = capture_time(html_to_text(data) if at is None else "", path, at)
        yield NewCapture(
            data=data,
            captured_at=when,
            time_source=how,
            media_type="text/html",
            encoding=encoding,
            original_name=path.name,
            url=page_url(text),
        )
