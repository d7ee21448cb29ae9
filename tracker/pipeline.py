"""Wires the stages for one comparison: store → capture text → differ, with the source's rules.

`diff`, `check` and `log` all compare captures the same way; this module is that one way, so the
CLI stays thin and the differ never learns about git, files or rules files.
"""

from __future__ import annotations

import json
from weakref import WeakKeyDictionary

from tracker.capture.errorpage import PageStatus, error_reason, page_status
from tracker.cloudflare import cloudflare_hidden
from tracker.differ import DIFFER_VERSION, DiffOptions, diff
from tracker.differ.model import Change, Report
from tracker.errors import TrackerError
from tracker.models import CaptureInfo


def pick_pair(
    store, source: str, refs: tuple[str, ...]
) -> tuple[CaptureInfo, CaptureInfo, list[str]]:
    """The two captures named by 0, 1 or 2 refs (one ref: it against the capture before it)."""
    notes: list[str] = []
    if len(refs) > 2:
        raise TrackerError(
            "give at most two captures to compare", "e.g. tracker diff 2021-09-20 2021-10-26"
        )
    if len(refs) == 2:
        old, n1 = store.resolve(source, refs[0])
        new, n2 = store.resolve(source, refs[1])
        notes += [n for n in (n1, n2) if n]
        return old, new, notes
    captures = store.captures(source)
    if len(refs) == 1:
        new, note = store.resolve(source, refs[0])
        notes += [note] if note else []
    else:
        if not captures:
            raise TrackerError(
                f"source {source!r} has no captures", "import some with `tracker import`"
            )
        new = captures[-1]
    index = next(i for i, c in enumerate(captures) if c.id == new.id)
    if index == 0:
        raise TrackerError(
            f"{new.id} is the first capture of {source!r}: nothing before it to compare with",
            "name two captures, e.g. tracker diff first latest",
        )
    return captures[index - 1], new, notes


def error_note(store, info: CaptureInfo, text: str, which: str) -> str | None:
    reason = error_reason(info.extra or {}, text)
    return f"the {which} capture ({info.id}) is an error page: {reason}" if reason else None


_STATUSES: WeakKeyDictionary = WeakKeyDictionary()  # per Store object: {(source, id): status}


def capture_status(store, info: CaptureInfo, text: str | None = None, cache=None, read=None):
    """The capture's PageStatus, worked out once per command (and per content, with `cache`):
    deciding which captures are error pages must not re-read a whole history every time.
    `read`: a `PairReader` to take the whole text from when it is needed."""
    memo = _STATUSES.setdefault(store, {})
    key = (info.source, info.id)
    if key in memo:
        return memo[key]
    extra = info.extra or {}
    ckey = None
    if cache is not None:
        ckey = _status_key(info)
        value = cache.get(ckey) if text is None else None
        if value is not None:
            memo[key] = PageStatus(*value)
            return memo[key]
    code = extra.get("status")
    if isinstance(code, int) and not 200 <= code < 300:
        text = ""  # an HTTP error is an error page whatever its text says
    elif text is None:
        text = read.whole(info) if read is not None else store.read_text(info, whole=True)
    status = memo[key] = page_status(extra, text, info.url)
    if ckey is not None and info.path not in store.tampered:  # edited bytes: not its sha256's
        cache.put(ckey, [status.label, status.error, status.code, status.final_url])
    return status


def _status_key(info: CaptureInfo) -> str:
    extra = info.extra or {}
    facts = json.dumps(
        [extra.get("status"), extra.get("final_url"), info.url, info.media_type], default=str
    )
    return f"status:{DIFFER_VERSION}:{info.sha256}:{facts}"


def remember_status(store, info: CaptureInfo, status, cache=None) -> None:
    """A status worked out in a worker process (tracker.fork), kept as capture_status keeps
    its own."""
    _STATUSES.setdefault(store, {})[(info.source, info.id)] = status
    if cache is not None:
        cache.put(_status_key(info), [status.label, status.error, status.code, status.final_url])


_GONE = ("error: not found", "error: gone")


def status_change(before, after) -> Change | None:
    """The page becoming an error, recovering, disappearing (404/410) or ending at another
    address is a change of its own, whatever the two texts say."""
    if before.label == after.label or (
        not before.error and not after.error and before.final_url == after.final_url
    ):
        return None
    if after.error:
        # a soft 404 (a "not found" page answered with 200, or a saved file) is gone too
        gone = after.code in (404, 410) or after.label.startswith(_GONE)
        change = "gone" if gone else "changed" if before.error else "error"
    elif before.error:
        change = "recovered"
    else:
        change = "redirected"
    return Change(kind="status", old=before.label, new=after.label, change=change)


def good_base(
    store, source: str, old: CaptureInfo, new: CaptureInfo, cache=None, read=None
) -> tuple[CaptureInfo, list[CaptureInfo]]:
    """The capture `new`'s content is compared with, and the error captures skipped for it.

    An error page holds no content of the page: a good capture is compared with the last good
    capture at or before `old`, so a change made while the page was down is never lost.
    """
    if not capture_status(store, old, cache=cache, read=read).error:
        return old, []
    if capture_status(store, new, cache=cache, read=read).error:
        return old, []
    captures = store.captures(source)
    index = next((i for i, c in enumerate(captures) if c.id == old.id), None)
    skipped = [old]
    for earlier in reversed(captures[:index] if index is not None else []):
        if not capture_status(store, earlier, cache=cache).error:
            return earlier, skipped[::-1]
        skipped.append(earlier)
    return old, []


def skipped_note(store, skipped: list[CaptureInfo], cache=None) -> str:
    named = ", ".join(
        f"{c.id} ({capture_status(store, c, cache=cache).label})" for c in skipped
    )
    return f"skipped error captures: {named}"


def compare_pair(
    store,
    source: str,
    old: CaptureInfo,
    new: CaptureInfo,
    options: DiffOptions,
    cache=None,
    *,
    status_from: CaptureInfo | None = None,
    history: bool = True,
    read: PairReader | None = None,
) -> tuple[CaptureInfo, Report]:
    """`new` against `old` as a reader means it: its status against `old`'s (or
    `status_from`'s), its content against the last good capture (returned with the report, for
    the header). `options`: the source's (tracker.history.options.diff_options). `read`: what
    the caller read of the two captures already."""
    read = read or PairReader(store, (old, new))
    base, skipped = good_base(store, source, old, new, cache, read)
    report = compare(store, source, base, new, options, status_from=status_from or old,
                     cache=cache, history=history, read=read)
    if skipped:
        report.notes.insert(0, skipped_note(store, skipped, cache))
    elif base.id == old.id and capture_status(store, old, cache=cache).error and not (
        capture_status(store, new, cache=cache).error
    ):
        report.notes.append("no good capture before it: its content is compared with nothing")
    return base, report


def compare(
    store,
    source: str,
    old: CaptureInfo,
    new: CaptureInfo,
    options: DiffOptions,
    *,
    status_from: CaptureInfo | None = None,
    cache=None,
    history: bool = True,
    read: PairReader | None = None,
) -> Report:
    """The report between two stored captures. An error page yields a note and a `status`
    change (against `status_from`, default `old`), never a whole-page rewrite. `history`: also
    say when `new` is back to an earlier text (a note the pair alone can't give, so the
    changelog's pair cache asks for it separately). `read`: what `compare_pair` read already."""
    read = read or PairReader(store, (old, new))
    old_data, new_data = read.data(old), read.data(new)
    # the structure first: its pass also caches the text
    old_page, new_page = structure(store, old, old_data), structure(store, new, new_data)
    selected = any(store.selection(source))
    if selected:  # a page's status is the whole page's, whatever part of it is watched
        old_text, new_text = store.read_text(old, old_data), store.read_text(new, new_data)
    old_whole, new_whole = read.whole(old), read.whole(new)
    if not selected:
        old_text, new_text = old_whole, new_whole
    if status_from is None or status_from.id == old.id:
        before = capture_status(store, old, old_whole, cache)
    else:
        before = capture_status(store, status_from, cache=cache)
    status = status_change(before, capture_status(store, new, new_whole, cache))
    notes = [
        n
        for n in (
            error_note(store, old, old_whole, "old"),
            error_note(store, new, new_whole, "new"),
        )
        if n
    ]
    if selected and not notes:
        notes = [
            f"the selectors match nothing on the {which} capture ({info.id}): "
            "the selected part of the page is missing, so it is not compared"
            for which, info in (("old", old), ("new", new))
            if info.path in store.unmatched
        ]
    back = []
    if history:
        captures = store.captures(source)
        at = next((i for i, c in enumerate(captures) if c.id == new.id), None)
        back = revert_notes(old, new, None if at is None else went_back(captures)[at])
    if notes:
        notes += back
        changes = [status] if status else []
        return Report(changes=changes, old_time=old.captured_at, new_time=new.captured_at,
                      notes=notes)
    cloudflare = cloudflare_notes((old, old_data), (new, new_data))
    del old_data, new_data  # the bytes are not needed while diffing: peak memory stays lower
    read.forget()
    report = diff(
        old_text,
        new_text,
        old_time=old.captured_at,
        new_time=new.captured_at,
        options=options,
        old_page=old_page,
        new_page=new_page,
    )
    if status:
        report.changes.insert(0, status)
    report.notes.extend(cloudflare)
    report.notes.extend(back)
    return report


class PairReader:
    """The bytes and whole text of the two captures of one comparison, each read and decoded
    once: telling whether the old capture is an error page needs its whole text, and so does
    the diff (a 10 MB capture read twice cost 15 ms). Other captures are read as asked.

    The one way to read a capture once per command: a history's consecutive pairs share a
    capture, so a reader made with `then` takes over the newer capture's bytes from the
    reader of the pair before (kept past `forget` only when `chained`)."""

    def __init__(self, store, pair: tuple[CaptureInfo, ...], *, chained: bool = False):
        self.store = store
        self.keep = {info.path for info in pair}
        self.bytes: dict[str, bytes] = {}
        self.texts: dict[str, str] = {}
        self.newest = pair[-1].path if chained else None  # its bytes outlive `forget`

    def data(self, info: CaptureInfo) -> bytes:
        data = self.bytes.get(info.path)
        if data is None:
            data = self.store.read_bytes(info)
            if info.path in self.keep:
                self.bytes[info.path] = data
        return data

    def whole(self, info: CaptureInfo) -> str:
        text = self.texts.get(info.path)
        if text is None:
            text = self.store.read_text(info, self.data(info), whole=True)
            if info.path in self.keep:
                self.texts[info.path] = text
        return text

    def forget(self) -> None:
        """Drop what was read: the diff holds the texts it needs, no more."""
        kept = self.bytes.get(self.newest) if self.newest else None
        self.bytes.clear()
        self.texts.clear()
        if kept is not None:
            self.bytes[self.newest] = kept

    def then(self, pair: tuple[CaptureInfo, ...]) -> PairReader:
        """The reader of the next pair of a history: a capture both pairs hold is not read
        again."""
        after = PairReader(self.store, pair, chained=True)
        after.bytes = {path: data for path, data in self.bytes.items() if path in after.keep}
        return after


def revert_notes(old: CaptureInfo, new: CaptureInfo, earlier: CaptureInfo | None) -> list[str]:
    """Say when `new` holds the very bytes of an earlier capture (`went_back`): the page went
    back (A → B → A), and the reader should know which text it went back to."""
    if new.sha256 == old.sha256:
        return ["the two captures hold the same bytes"]
    if earlier is None:
        return []
    return [f"back to the text of {earlier.day}: the same bytes as capture {earlier.id}"]


def went_back(captures: list[CaptureInfo]) -> list[CaptureInfo | None]:
    """For each capture, the latest earlier one with its bytes that a different text followed
    (None: a text not seen before it), in one pass over the history."""
    latest: dict[str, int] = {}
    out: list[CaptureInfo | None] = []
    for i, c in enumerate(captures):
        if i and captures[i - 1].sha256 == c.sha256:
            out.append(out[-1])  # the same text as just before: no change, no revert
        else:
            out.append(captures[latest[c.sha256]] if c.sha256 in latest else None)
        latest[c.sha256] = i
    return out


def structure(store, info: CaptureInfo, data: bytes):
    """The links, images and chrome of an HTML capture (None for text: it has none), resolved
    against the URL it was captured from."""
    if info.media_type != "text/html":
        return None
    from tracker.capture.html import html_structure, selected_structure

    url = (info.extra or {}).get("final_url") or info.url
    select, exclude = store.selection(info.source)
    if select or exclude:  # only the watched part's links and images count
        return selected_structure(
            data, info.encoding, select, exclude, url=url, cache_dir=store.cache_dir
        )
    return html_structure(data, info.encoding, url=url, cache_dir=store.cache_dir)


def cloudflare_notes(old: tuple[CaptureInfo, bytes], new: tuple[CaptureInfo, bytes]) -> list[str]:
    """HTML text holds the real addresses; say when the page started or stopped hiding one
    behind Cloudflare's email protection, which the text alone no longer shows."""
    if "text/html" not in (old[0].media_type, new[0].media_type):
        return []
    def hidden(side: tuple[CaptureInfo, bytes]) -> set[str]:
        info, data = side
        return cloudflare_hidden(data) if info.media_type == "text/html" else set()

    before, after = hidden(old), hidden(new)
    notes = [
        f"{a} is now hidden behind Cloudflare's email protection" for a in sorted(after - before)
    ]
    notes += [f"{a} is no longer hidden by Cloudflare" for a in sorted(before - after)]
    return notes
