"""A source is one page: the page a source follows (its name and page keys: tracker.names).

A source remembers the page it follows through its captures' sidecars: the URL each was fetched
from (and where the fetch was redirected). Only fetched captures count (`tracker capture`,
WARC records, the Wayback Machine); a saved file's `<link rel=canonical>` is the page's claim
about itself, not where the bytes came from, so it neither defines nor limits a source.
"""

from __future__ import annotations

from tracker.errors import TrackerError
from tracker.names import host_name, page_key, source_name  # noqa: F401 (the store's API)

FETCHED = frozenset({"http", "warc", "wayback"})  # time sources of captures fetched from a URL


def urls_of(url: str | None, extra: dict | None, time_source: str) -> dict[str, str]:
    """The pages a fetched capture is of ({page key: URL}): the URL asked for, and the URLs
    it was redirected through to its final one (http → https, www, a moved page)."""
    if time_source not in FETCHED or not url:
        return {}
    extra = extra or {}
    found = [url, extra.get("final_url")]
    found += [r.get("url") for r in extra.get("redirects") or () if isinstance(r, dict)]
    out: dict[str, str] = {}
    for each in found:
        key = page_key(each) if isinstance(each, str) else None
        if key is not None:
            out.setdefault(key, each)
    return out


def check_same_page(source: str, followed: dict[str, str], capture) -> None:
    """Refuse a capture fetched from another page than the one `source` follows (its
    `followed` pages); a capture of the page adds its URLs to `followed`."""
    mine = urls_of(capture.url, capture.extra, capture.time_source)
    if not mine:
        return
    if followed and not followed.keys() & mine.keys():
        page = next(iter(followed.values()))
        suggestion = source_name(capture.url)
        if suggestion == source:
            suggestion = f"{suggestion}-2"
        hint = f"give this page its own source, e.g. --source {suggestion}"
        if capture.time_source == "warc":  # --source names the source of every record
            hint = (f"import the WARC without --source (each page to its own source, this one "
                    f"to {suggestion}), or with the --source of a page it holds")
        raise TrackerError(
            f"the source {source} follows {page}, not {capture.url}: one source is one page", hint
        )
    for key, url in mine.items():
        followed.setdefault(key, url)
