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
A shell whose text is drawn by scripts (under `_SHELL` characters without them, a fifth of what
it reads with its `<noscript>` and its JSON-LD) is read with them: noscript as a reader without
scripts sees it, each JSON-LD object a paragraph of `key: value` lines (a product's price, an
event's date), which is all such a page says without its scripts.

Form controls say what a visitor can choose and do: each option of a `<select>` (and each
optgroup's label) is a paragraph, as a list item is, and a submit, reset or plain button
`<input>` reads as its `value`, as a `<button>` reads as its text. Not text: hidden inputs
(tokens), what a visitor types (a text field's `value`: a search box holds the last query) and
placeholders, which are examples ("z. B. 030 123456", "TT.MM.JJJJ") that would be read as a
phone or a date.
"""

from __future__ import annotations

import functools
import hashlib
import html as htmllib
import json
import os
import re
from bisect import bisect_left
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urljoin

from tracker.capture.decode import decode, whatwg
from tracker.capture.links import normalize_url, srcset_first
from tracker.capture.mediatype import sniff
from tracker.capture.memo import remember
from tracker.capture.readers import Reader, check_size, register
from tracker.capture.timefind import capture_time
from tracker.capture.wayback_clean import clean_wayback
from tracker.cloudflare import PLACEHOLDER_TEXT, decode_cfemail, href_address
from tracker.errors import TrackerError
from tracker.models import Image, Link, NewCapture, PageStructure

# Bump when the text for the same bytes changes: cached extractions of older versions are ignored.
EXTRACTOR_VERSION = "4"
# Bump when the raw structure beside the text (links, images, chrome) changes shape or content.
STRUCTURE_VERSION = "7"

_SKIP = frozenset(
    "script style template noscript svg math head title iframe object embed canvas datalist "
    "audio video".split()
)
_BLOCK = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li "
    "main menu nav ol optgroup option p pre section select summary table tbody tfoot thead tr "
    "ul".split()
)
_SHELL = 500  # characters: a page with less text may be a shell its scripts fill
_LIST_LINES = 20  # lines: a paragraph of more `<br>` lines is a list, a block per line
_SHELL_HOLDS = re.compile(r"<noscript|application/ld\+json", re.IGNORECASE)
_BUTTONS = frozenset(("submit", "reset", "button"))  # <input type=…> whose value is its label
_CELL = frozenset(("td", "th"))
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_MOJIBAKE_HINT = re.compile("[\u0080-\u009f\u00c2\u00c3\u00c5\u00ce\u00cf\u00d0\u00d1\u00e2]")
_CHUNK = 1 << 16
HEAD_CHARS = 8192  # text from the top of a page that the capture time is read from


def html_to_text(data: bytes, encoding: str | None = None, *, cache_dir: Path | None = None) -> str:
    """The visible text of an HTML page; `encoding` is the HTTP header's charset, if any.

    Cached by the bytes' sha256 under `cache_dir` (or $TRACKER_CACHE), a cache safe to delete.
    """
    digest = hashlib.sha256(data).hexdigest()

    def text() -> str:
        cache = _cache_file(digest, encoding, cache_dir)
        if cache is not None:
            try:
                return cache.read_text(encoding="utf-8")
            except OSError:
                pass
        return _extracted(data, digest, encoding, cache_dir)[0]

    return remember(("text", digest, encoding, cache_dir), text)


def html_structure(
    data: bytes, encoding: str | None = None, *, url: str | None = None, cache_dir=None
) -> PageStructure:
    """The links, images, chrome paragraphs and language of an HTML page, hrefs made absolute
    against `<base href>` or `url` (the page's address) and normalised (`tracker.capture.links`).

    Read in the same pass as the text and cached beside it (the raw structure: resolving it
    against a URL is cheap and the URL lives in the sidecar, not in the bytes)."""
    digest = hashlib.sha256(data).hexdigest()

    def structure() -> dict:
        cache = _cache_file(digest, encoding, cache_dir, kind="page", ext="json")
        if cache is not None:
            try:
                return json.loads(cache.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                pass
        return _extracted(data, digest, encoding, cache_dir)[1]

    raw = remember(("structure", digest, encoding, cache_dir), structure)
    return resolve_structure(raw, url or raw["url"])


def _extracted(data: bytes, digest: str, encoding: str | None, cache_dir) -> tuple[str, dict]:
    """(text, raw structure) from one pass over the page, written to both disk caches: a
    command asks for a capture's text (its status, the diff) and its structure, and each
    asking must not decode and parse the page again."""

    def extract_both() -> tuple[str, dict]:
        html = _decoded(data, digest, encoding)[0]
        text, raw = extract_structure(html)
        raw["url"] = page_url(html)
        _write_cache(
            _cache_file(digest, encoding, cache_dir, kind="page", ext="json"),
            json.dumps(raw, ensure_ascii=False),
        )
        text_cache = _cache_file(digest, encoding, cache_dir)
        if text_cache is not None and not text_cache.exists():
            _write_cache(text_cache, text)
        return text, raw

    return remember(("extracted", digest, encoding), extract_both)


def resolve_structure(raw: dict, url: str | None) -> PageStructure:
    """Raw hrefs made absolute and normalised; links and images with no target left out.
    `raw` is `extract_structure`'s with its "url", as made or cached (the cache's directory
    names STRUCTURE_VERSION: its shape is this one's); only a link no paragraph followed has
    no "context"."""
    base = url
    if raw["base"]:
        base = urljoin(url, raw["base"]) if url else raw["base"]
    links = []
    own = _own_addresses(url, raw["url"])
    for d in raw["links"]:
        href = normalize_url(d["href"], base)
        if href is not None and not _shares(href, own):
            links.append(Link(href, d["text"], d["chrome"], d["title"], d.get("context")))
    images = []
    for d in raw["images"]:
        src = normalize_url(d["src"], base, image=True)
        if src is not None:
            images.append(Image(src, d["alt"], d["chrome"], d["title"]))
    return PageStructure(
        tuple(links),
        tuple(images),
        tuple(raw["chrome"]),
        tuple(raw["headings"]),
        tuple(raw["bold"]),
        raw["lang"],
        tuple(raw["aside"]),
    )


def _own_addresses(*urls: str | None) -> tuple[str, ...]:
    """The page's own address, without scheme or trailing slash, as share buttons quote it."""
    out = []
    for url in urls:
        norm = normalize_url(url) if url else None
        if norm:
            out.append(norm.split("://", 1)[-1].split("?", 1)[0].rstrip("/"))
    return tuple(a for a in out if "/" in a)  # a bare host is too common to mean "this page"


def _shares(href: str, own: tuple[str, ...]) -> bool:
    """A share button ("Share on Facebook": sharer.php?u=<this page>) links to another site
    *about* this page: its target moves with the page's own address, which is no change."""
    query = href.partition("?")[2]
    if not query or not own:
        return False
    query = unquote(query)
    # the address whole: a share of /climate is not a link to /climatechange or /climate/report
    return any(re.search(re.escape(a) + r"/?(?=$|[?&#\s])", query) for a in own)


def _write_cache(cache: Path | None, text: str) -> None:
    if cache is None:
        return
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only or full cache only costs time


def _cache_file(
    digest: str, encoding: str | None, cache_dir: Path | None, *, kind="html", ext="txt"
) -> Path | None:
    root = cache_dir or os.environ.get("TRACKER_CACHE")
    if not root:
        return None
    suffix = f"-{re.sub(r'[^A-Za-z0-9_-]', '_', encoding)}" if encoding else ""
    version = EXTRACTOR_VERSION if kind == "html" else STRUCTURE_VERSION
    return Path(root) / f"{kind}-v{version}" / digest[:2] / f"{digest}{suffix}.{ext}"


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
    digest = hashlib.sha256(data).hexdigest()

    def text() -> str | None:
        cache = _selected_cache(digest, encoding, cache_dir, select, exclude, "html", "txt")
        if cache is not None:
            try:
                text = cache.read_text(encoding="utf-8")
                return None if text == _NOTHING else text
            except OSError:
                pass
        return _selected(data, digest, encoding, select, exclude, cache_dir)[0]

    return remember(("selected text", digest, encoding, select, exclude, cache_dir), text)


def selected_structure(
    data: bytes,
    encoding: str | None,
    select: tuple[str, ...],
    exclude: tuple[str, ...],
    *,
    url: str | None = None,
    cache_dir: Path | None = None,
) -> PageStructure | None:
    """`html_structure` of the selected parts only (links and images outside them are not
    watched either); None when `select` matches nothing."""
    digest = hashlib.sha256(data).hexdigest()

    def structure() -> dict | None:
        cache = _selected_cache(digest, encoding, cache_dir, select, exclude, "page", "json")
        if cache is not None:
            try:
                return json.loads(cache.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                pass
        return _selected(data, digest, encoding, select, exclude, cache_dir)[1]

    raw = remember(("selected structure", digest, encoding, select, exclude, cache_dir), structure)
    return None if raw is None else resolve_structure(raw, url or raw["url"])


def _selected(data, digest, encoding, select, exclude, cache_dir) -> tuple:
    """(text, raw structure) of the selected parts, from one selection and one pass, written
    to both disk caches ((None, None) when `select` matches nothing)."""

    def extract_both() -> tuple:
        html = _decoded(data, digest, encoding)[0]
        fragment = select_html(html, select, exclude)
        text = raw = None
        if fragment is not None:
            text, raw = extract_structure(fragment)
            raw["url"] = page_url(html)
        for kind, ext, value in (
            ("html", "txt", _NOTHING if text is None else text),
            ("page", "json", json.dumps(raw, ensure_ascii=False)),
        ):
            _write_cache(
                _selected_cache(digest, encoding, cache_dir, select, exclude, kind, ext), value
            )
        return text, raw

    return remember(("selected", digest, encoding, select, exclude), extract_both)


def _selected_cache(digest, encoding, cache_dir, select, exclude, kind, ext) -> Path | None:
    cache = _cache_file(digest, encoding, cache_dir, kind=kind, ext=ext)
    if cache is None:
        return None
    key = hashlib.sha256(repr((select, exclude)).encode()).hexdigest()[:16]
    return cache.with_name(f"{cache.stem}-sel{key}.{ext}")


_NOTHING = "\x00nothing selected"


@functools.lru_cache(maxsize=64)
def _css(selector: str):
    """A compiled selector: a history of thousands of captures compiles each one once."""
    from lxml.cssselect import CSSSelector

    return CSSSelector(selector)


def select_html(html: str, select: tuple[str, ...], exclude: tuple[str, ...]) -> str | None:
    """The page reduced to what `select` keeps minus what `exclude` drops, as HTML for the
    extractor (its `<head>` kept, for `<base href>` and the canonical link); None when
    `select` matches nothing."""
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
        return lxml_html.tostring(root, encoding="unicode")
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
    head = root.find("head")
    head = lxml_html.tostring(head, encoding="unicode") if head is not None else ""
    body = "".join(f"<div>{p}</div>" for p in parts)
    lang = root.get("lang")  # the page's language, a hint of its phones' country
    lang = f' lang="{htmllib.escape(lang)}"' if lang else ""
    return f"<html{lang}>{head}<body>{body}</body></html>"


def decode_html(data: bytes, encoding: str | None = None, *, name: str = "page") -> tuple[str, str]:
    """(text, encoding): a BOM, then the HTTP charset, then `<meta charset>`, then the bytes
    (tracker.capture.decode's rule)."""
    return _decoded(data, hashlib.sha256(data).hexdigest(), encoding, name)


def _decoded(data: bytes, digest: str, encoding: str | None, name: str = "page") -> tuple[str, str]:
    def decode_once() -> tuple[str, str]:
        declared = whatwg(encoding)
        if declared is None:
            # beautifulsoup4's detector reads <meta charset>, http-equiv and XML declarations.
            from bs4.dammit import EncodingDetector

            label = EncodingDetector.find_declared_encoding(data[:16384], is_html=True)
            declared = _meta_encoding(label)
        return decode(data, declared, name=name)

    text, chosen = remember(("decoded", digest, encoding), decode_once)
    if chosen != encoding:  # read again by the codec chosen, the page is the same text
        remember(("decoded", digest, chosen), lambda: (text, chosen))
    return text, chosen


def _meta_encoding(label: str | None) -> str | None:
    """As browsers read a `<meta>` label: a page that could read it is not UTF-16, so UTF-16
    means UTF-8 (and Latin-1 means windows-1252, as for every label)."""
    name = whatwg(label)
    if name and name.startswith("utf-16"):
        return "utf-8"
    return name


_XML_LANG = "xml:lang"  # as libxml2's HTML parser names it (XHTML pages)


def _first_lang(value: str | None) -> str | None:
    """The first language tag of an attribute ("de-AT"; a header-style "de, en" gives "de")."""
    tag = (value or "").split(",", 1)[0].strip()
    return tag[:35] or None  # a tag longer than BCP 47's longest is not one


def extract(html: str) -> str:
    """The visible text of decoded HTML (see the module docstring for the rules)."""
    return _shell(html, _parse(html)).result()


def extract_structure(html: str) -> tuple[str, dict]:
    """(the visible text, the raw structure beside it), from one pass over the page."""
    target = _shell(html, _parse(html, structured=True), structured=True)
    return target.result(), target.structure()


def _shell(html: str, target: _TextTarget, structured: bool = False) -> _TextTarget:
    """`target`, or the page read again with its `<noscript>` and JSON-LD when it is a shell
    (little text without scripts) and they hold four fifths of its text: a second pass only on
    short pages that have one ("enable JavaScript" beside a page's own text stays out)."""
    chars = sum(map(len, target.paragraphs))
    if chars >= _SHELL or not _SHELL_HOLDS.search(html):
        return target
    again = _parse(html, structured, shell=True)
    return again if sum(map(len, again.paragraphs)) > 5 * chars else target


def _parse(html: str, structured: bool = False, shell: bool = False) -> _TextTarget:
    from lxml import etree

    target = _TextTarget(structured, shell)
    parser = etree.HTMLParser(target=target, recover=True, no_network=True, huge_tree=True)
    html = clean_wayback(html)
    try:
        for i in range(0, len(html), _CHUNK):
            parser.feed(html[i : i + _CHUNK])
        parser.close()
    except etree.LxmlError:
        target.close()  # keep what was read: libxml2 recovers from almost anything
    return target


def head_text(html: str, chars: int) -> str:
    """At least the first `chars` characters of `extract(html)`, from as little of the page as
    gives them: the capture time is read from the top of a page, and extracting all of a 300 MB
    page for it took a minute. Each try extracts a prefix twice as long; the text before its
    last paragraph (which the cut may have shortened) is what the whole page gives too."""
    size = 1 << 18
    while size < len(html):
        text = extract(html[:size])
        if text.rstrip("\n").rfind("\n\n") >= chars:
            return text
        size *= 4
    return extract(html)


def _json_ld_lines(raw: str) -> list[str]:
    """A JSON-LD object's values as `key: value` lines, in its order (`@context`, `@id`: no
    content); nothing when it is no JSON."""
    try:
        doc = json.loads(raw)
    except ValueError:
        return []
    lines: list[str] = []
    stack: list[tuple[str, object]] = [("", doc)]
    while stack:  # no recursion: a page's JSON may nest deep
        key, value = stack.pop()
        if isinstance(value, dict):
            items = [(k, v) for k, v in value.items() if k not in ("@context", "@id")]
            stack.extend(reversed(items))
        elif isinstance(value, list):
            stack.extend((key, v) for v in reversed(value))
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = " ".join(str(value).split())
            if text:
                lines.append(f"{key}: {text}" if key else text)
    return lines


class _TextTarget:
    """lxml parser target: turns start/end/data events into paragraphs, with no tree."""

    def __init__(self, structured: bool = False, shell: bool = False) -> None:
        self.structured = structured  # also read links, images and chrome (`PageStructure`)
        self.shell = shell  # read noscript and JSON-LD too (`_shell`)
        self.skipped = _SKIP - {"noscript"} if shell else _SKIP
        self.json_ld: tuple[int, list[str]] | None = None  # an open JSON-LD script, its text
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
        # the structure beside the text (see `PageStructure`): read in the same pass
        self.base: str | None = None
        self.lang: str | None = None  # <html lang>
        self.meta_lang: str | None = None  # <meta http-equiv=content-language>
        self.links: list[dict] = []
        self.images: list[dict] = []
        self.chrome_paragraphs: list[int] = []
        self.chrome_at: list[int] = []  # depths of the open chrome elements (nav, footer...)
        # open elements named like a menu or a sidebar: chrome if links make most of their text
        # (depth, then paragraphs, links, images, characters and link characters before them)
        self.link_lists: list[tuple[int, int, int, int, int, int]] = []
        self.chars = self.link_chars = 0  # counted only inside those
        self.heading_paragraphs: list[int] = []
        # paragraphs wholly in <strong>/<b> (links aside): what older pages write headings as
        self.bold_at: list[int] = []  # depths of the open strong/b elements
        self.para_bold = self.para_plain = False  # the open paragraph has bold / other text
        self.bold_paragraphs: list[int] = []
        self.banner: list[bool] = []  # for each: is it the site's header?
        self.section_at: list[int] = []  # depths of the open article/aside/main/nav/section
        self.link: tuple[int, dict, list[str]] | None = None  # depth, link, its text
        self.unplaced: list[dict] = []  # links whose paragraph is not finished yet
        self.heading: str | None = None
        self.heading_at: tuple[int, list[str]] | None = None
        # open asides and chrome (nav, footer…), each with the heading above it: a heading
        # inside one titles only what it holds, and the one above it is back once it closes
        self.scopes: list[tuple[int, str | None]] = []
        self.aside_paragraphs: list[int] = []  # paragraphs inside an aside

    # lxml target interface
    def start(self, tag, attrib, nsmap=None) -> None:
        self.depth += 1
        if self.shell and tag == "script" and "ld+json" in (attrib.get("type") or "").lower():
            self.json_ld = (self.depth, [])
        if self.skip_at or not isinstance(tag, str):
            if tag == "base" and self.base is None and self.structured:
                self.base = attrib.get("href")
            elif tag == "meta" and self.meta_lang is None and self.structured:
                if (attrib.get("http-equiv") or "").strip().lower() == "content-language":
                    self.meta_lang = _first_lang(attrib.get("content"))
            return
        tag = tag.rsplit("}", 1)[-1].lower()
        if tag in self.skipped or self._hidden(attrib):
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
            elif tag == "optgroup" and attrib.get("label"):
                self._text(attrib["label"])
                self._block()
        elif tag == "br":
            if not self._line() and self.lines:
                self._block()  # two <br> in a row: a paragraph break
        elif tag in _CELL:
            if self.has_text:
                self.cur.append(" | ")
        elif tag == "input" and (attrib.get("type") or "").strip().lower() in _BUTTONS:
            value = attrib.get("value")
            if value and not value.isspace():
                self.data(f" {value} ")
        elif tag == "a" and self.cf_link is None:
            address = href_address(attrib.get("href", ""))
            if address:
                self.cf_link = (self.depth, address, len(self.cur), self.flushes)
        if self.structured:
            self._structure(tag, attrib)

    def end(self, tag) -> None:
        depth, self.depth = self.depth, max(self.depth - 1, 0)
        if self.json_ld is not None and depth <= self.json_ld[0]:
            lines = _json_ld_lines("".join(self.json_ld[1]))
            self.json_ld = None
            if lines:
                self._block()
                self.paragraphs.append("\n".join(lines))
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
                inner = PLACEHOLDER_TEXT.sub(lambda _: address, inner)
                self.cur[index:] = [inner]
        if self.structured:
            self._structure_end(depth)

    def data(self, text: str) -> None:
        if self.json_ld is not None:
            self.json_ld[1].append(text)
        if self.skip_at:
            return
        if self.structured and not text.isspace():
            if self.link is None:
                if self.bold_at:
                    self.para_bold = True
                else:
                    self.para_plain = True
            elif not self.bold_at:
                self.para_plain = True
        if self.link_lists:
            n = len(text.strip())
            self.chars += n
            if self.link is not None:
                self.link_chars += n
        if self.link is not None:
            self.link[2].append(text)
        if self.heading_at is not None:
            self.heading_at[1].append(text)
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
            # a list written with line breaks (members, dates, addresses): a block per line,
            # as a list's items are, not one block of a whole page that any edit rewrites
            lines = self.lines if len(self.lines) > _LIST_LINES else ["\n".join(self.lines)]
            for text in lines:
                if self.chrome_at and not (self.heading_at and self.banner[-1]):
                    self.chrome_paragraphs.append(len(self.paragraphs))
                if self.scopes and not (self.chrome_at and not self.banner[-1]):
                    self.aside_paragraphs.append(len(self.paragraphs))
                if self.heading_at is not None:
                    self.heading_paragraphs.append(len(self.paragraphs))
                elif self.para_bold and not self.para_plain:
                    self.bold_paragraphs.append(len(self.paragraphs))
                self.paragraphs.append(text)
            self.lines = []
            if self.unplaced:
                self._place_links()
        self.para_bold = self.para_plain = False

    def result(self) -> str:
        self.close()
        return "".join(p + "\n\n" for p in self.paragraphs).rstrip("\n") + "\n"

    # the structure beside the text
    def _structure(self, tag: str, attrib) -> None:
        if tag == "a":
            href = attrib.get("href")
            if href is not None and self.link is None:
                label = attrib.get("aria-label") or attrib.get("title") or ""
                link = {"href": href, "text": "", "label": label}
                chrome = bool(self.chrome_at)
                link.update(chrome=chrome, title=None if chrome else self.heading)
                self.link = (self.depth, link, [])
        elif tag == "img":
            # a lazy loader's real picture first: `src` then holds a placeholder
            src = attrib.get("data-src") or attrib.get("data-lazy-src") or attrib.get("src") or ""
            if not src or src.startswith("data:"):
                src = srcset_first(attrib.get("srcset") or attrib.get("data-srcset") or "") or src
            alt = " ".join((attrib.get("alt") or "").split())
            if src:
                chrome = bool(self.chrome_at)  # a heading above the site's chrome is not its own
                title = None if chrome else self.heading
                self.images.append({"src": src, "alt": alt, "chrome": chrome, "title": title})
            if self.link is not None and alt and not self.link[1]["label"]:
                self.link[1]["label"] = alt
            if self.link is not None and self.link_lists:  # a linked logo: a link's text
                self.chars += len(alt)
                self.link_chars += len(alt)
        elif tag in _HEADINGS and self.heading_at is None:
            self.heading_at = (self.depth, [])
        elif tag in _BOLD:
            self.bold_at.append(self.depth)
        elif tag == "base" and self.base is None:
            self.base = attrib.get("href")
        elif tag == "html" and self.lang is None:
            self.lang = _first_lang(attrib.get("lang") or attrib.get(_XML_LANG))
        kind = _chrome_kind(tag, attrib, bool(self.section_at))
        if kind == "links":
            if not self.chrome_at:
                counts = (len(self.paragraphs), len(self.links), len(self.images))
                self.link_lists.append((self.depth, *counts, self.chars, self.link_chars))
        elif kind:
            self.chrome_at.append(self.depth)
            self.banner.append(kind == "banner")
        if tag == "aside" or (kind and kind not in ("links", "banner")):
            self.scopes.append((self.depth, self.heading))
        if tag in _SECTIONING:
            self.section_at.append(self.depth)

    def _structure_end(self, depth: int) -> None:
        if self.link is not None and depth <= self.link[0]:
            _, link, parts = self.link
            self.link = None
            link["text"] = " ".join(_repair("".join(parts)).split()) or " ".join(
                link["label"].split()
            )
            del link["label"]
            self.links.append(link)
            self.unplaced.append(link)
        if self.heading_at is not None and depth <= self.heading_at[0]:
            text = " ".join(_repair("".join(self.heading_at[1])).split())
            self.heading_at = None
            if text:
                self.heading = text[:200]
        while self.chrome_at and depth <= self.chrome_at[-1]:
            self.chrome_at.pop()
            self.banner.pop()
        while self.scopes and depth <= self.scopes[-1][0]:
            self.heading = self.scopes.pop()[1]
        while self.section_at and depth <= self.section_at[-1]:
            self.section_at.pop()
        while self.bold_at and depth <= self.bold_at[-1]:
            self.bold_at.pop()
        while self.link_lists and depth <= self.link_lists[-1][0]:
            _, paragraphs, links, images, chars, link_chars = self.link_lists.pop()
            link_chars = self.link_chars - link_chars
            if link_chars and 2 * link_chars >= self.chars - chars:
                self._chrome_since(paragraphs, links, images)

    def _chrome_since(self, paragraphs: int, links: int, images: int) -> None:
        """Mark what an element just closed holds as chrome: its paragraphs, links, images."""
        del self.chrome_paragraphs[bisect_left(self.chrome_paragraphs, paragraphs) :]
        self.chrome_paragraphs.extend(range(paragraphs, len(self.paragraphs)))
        for item in (*self.links[links:], *self.images[images:]):
            item["chrome"], item["title"] = True, None

    def _place_links(self) -> None:
        """Give the links of the paragraph just finished their context: that paragraph, or the
        one before it when the link is the whole paragraph ("View article" under its title)."""
        k = len(self.paragraphs) - 1
        para = self.paragraphs[k]
        for link in self.unplaced:
            context = para
            if para == link["text"] and k:
                context = self.paragraphs[k - 1]
            link["context"] = context[:300]  # differ.media.CONTEXT
        self.unplaced.clear()

    def structure(self) -> dict:
        """The links, images, chrome paragraphs, headings, bold paragraphs and language, raw
        (hrefs as written): cached as JSON."""
        self.close()
        chrome = [self.paragraphs[i] for i in self.chrome_paragraphs]
        headings = [self.paragraphs[i] for i in self.heading_paragraphs]
        bold = [self.paragraphs[i] for i in self.bold_paragraphs]
        lang = self.lang or self.meta_lang
        aside = [self.paragraphs[i] for i in self.aside_paragraphs]
        return {
            "aside": aside,
            "base": self.base,
            "links": self.links,
            "images": self.images,
            "chrome": chrome,
            "headings": headings,
            "bold": bold,
            "lang": lang,
        }


_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_BOLD = frozenset(("strong", "b"))
# Elements whose header/footer is theirs, not the site's (HTML-AAM: no banner/contentinfo role).
_SECTIONING = frozenset("article aside main nav section".split())
_CHROME_ROLES = frozenset(("navigation", "contentinfo", "banner"))
# class/id names of site chrome on pages that predate <nav> and <footer> (any element), and
# the cookieconsent library's banner
_CHROME_NAMES = frozenset(
    "footer site-footer page-footer global-footer footer-wrapper navbar site-nav main-nav "
    "main-menu breadcrumb breadcrumbs cc-window cc-banner".split()
)
# Words of a block's class, id or aria-label that name site chrome, as real sites write them
# ("cookie-banner", "copyrightNotice", "skip-link", aria-label="Hauptnavigation"): one list.
_CHROME_WORDS = frozenset(
    "nav navbar navigation navigations breadcrumb breadcrumbs crumbs footer copyright cookie "
    "cookies cookiebanner cookieconsent cookiebot consent gdpr onetrust skip skiplink skiplinks "
    "ariane navegación navegacion navigazione nawigacja навигация".split()
)
# Words that name chrome only when links make at least half of the element's text: a "menu"
# can be a restaurant's, a "sidebar" can hold the article's own facts.
# (a mobile menu slides in: Bootstrap's "offcanvas", a "drawer", behind a "hamburger" button)
_LINK_LIST_WORDS = frozenset(
    "menu menus menubar submenu megamenu menü menú меню sidebar sidenav offcanvas drawer "
    "hamburger burger".split()
)
# Words that make a name content when they come before its chrome word ("article-footer",
# "entry-copyright", "content-menu-item": a menu item of the page's own content; but
# "footer-content" and "skip-to-content" are chrome)...
_CONTENT_WORDS = frozenset(
    "content article post entry story comment comments card teaser product recipe form".split()
)
# ...and words of a layout's state, which name a wrapper of the whole page ("nav-open",
# "has-sidebar"), wherever they stand
_STATE_WORDS = frozenset("has no with without is open opened active visible shown".split())
# ...and words of a page's own document, wherever they stand: a cookie or privacy policy's
# text ("cookie-policy", "privacy-consent-form") is what such a page says, not its banner
_DOCUMENT_WORDS = frozenset(
    "policy policies privacy statement terms conditions datenschutz datenschutzerklärung "
    "politique política".split()
)
_PAGE = frozenset(("html", "body", "main"))
_CHROME_HEADS = ("cookie", "gdpr", "breadcrumb", "copyright", "skiplink")  # "cookielaw"...
_CHROME_TAILS = ("navigation", "navbar")  # "Hauptnavigation", "topnavbar"
_CHROME_HINT = re.compile(
    "nav|crumb|foot|copyright|cookie|consent|gdpr|onetrust|skip|ariane|menu|menü|menú|меню"
    "|sidebar|навига|offcanvas|drawer|burger",
    re.IGNORECASE,
)
_NAME_WORDS = re.compile(r"[^\W\d_]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _chrome_kind(tag: str, attrib, in_section: bool) -> str | None:
    """Landmarks of page chrome: nav, a header/footer not inside a section (the site's banner
    and contentinfo), the same roles written out, and the class/id names of older sites.
    "banner" for the site's header (whose headings are the page's title, not chrome); "links"
    for a block named like a menu or sidebar, chrome when links make most of its text."""
    if tag == "nav":
        return "navigation"
    if tag in ("header", "footer"):
        return None if in_section else "banner" if tag == "header" else "contentinfo"
    if not attrib:
        return None
    role = attrib.get("role")
    if role and role.strip().lower() in _CHROME_ROLES:
        return role.strip().lower()
    ident, classes, label = attrib.get("id"), attrib.get("class"), attrib.get("aria-label")
    if ident is None and classes is None and label is None:
        return None
    kind = _named(ident or "", classes or "", label or "")
    if kind == "name":
        return "navigation"
    # a link or a span named so sits in content as a word does; the page's own classes say
    # its state ("has-sidebar")
    return kind if kind and tag in _BLOCK and tag not in _PAGE else None


@functools.lru_cache(maxsize=4096)
def _named(ident: str, classes: str, label: str) -> str | None:
    """The kind an element's names give: `name` for an older site's chrome name (any
    element), else `_named_chrome` of the words (blocks only). Names repeat across a page,
    so each set is read once."""
    names = f"{ident} {classes}"
    if not _CHROME_NAMES.isdisjoint(names.lower().split()):
        return "name"
    if label:
        names = f"{names} {'-'.join(label.split())}"
    return _named_chrome(names) if _CHROME_HINT.search(names) else None


def _named_chrome(names: str) -> str | None:
    """The kind a block's class/id/aria-label words give (`navigation`, `links` or None): each
    name (a class, the id, the label) split into words at "-", "_" and camelCase."""
    found = None
    for name in names.split(" "):
        words = [w.lower() for w in _NAME_WORDS.findall(_CAMEL.sub(" ", name))]
        if not _STATE_WORDS.isdisjoint(words) or not _DOCUMENT_WORDS.isdisjoint(words):
            continue
        for w in words:
            if w in _CONTENT_WORDS:
                break  # the rest of the name is the content's own
            if w in _CHROME_WORDS or w.startswith(_CHROME_HEADS) or w.endswith(_CHROME_TAILS):
                return "navigation"
            if w in _LINK_LIST_WORDS or w.endswith(("menu", "menü", "menú")):
                found = "links"
    return found


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


@register
class HtmlReader(Reader):
    """A saved HTML page: the bytes stored as they are, the time found in its visible text."""

    name = "html"

    @classmethod
    def matches(cls, path: Path, head: bytes) -> bool:
        return sniff(head, path.name) == "text/html"

    def read(self, path: Path, *, at: datetime | None = None) -> Iterator[NewCapture]:
        try:
            check_size(str(path), path.stat().st_size, self.max_bytes)
            data = path.read_bytes()
        except OSError as e:
            raise TrackerError(f"cannot read {path}: {e.strerror}", "check the path") from None
        text, encoding = decode_html(data, name=str(path))
        head = head_text(text, HEAD_CHARS) if at is None else ""
        when, how = capture_time(head, path, at, self.folder)
        yield NewCapture(
            data=data,
            captured_at=when,
            time_source=how,
            media_type="text/html",
            encoding=encoding,
            original_name=path.name,
            url=page_url(text),
        )
