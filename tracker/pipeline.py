"""Wires the stages for one comparison: store → capture text → differ, with the source's rules.

`diff`, `check` and `log` all compare captures the same way; this module is that one way, so the
CLI stays thin and the differ never learns about git, files or rules files.
"""

from __future__ import annotations

from tracker.differ.model import Report
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


def diff_options(store, source: str, *, ignore: tuple[str, ...] = (), rules=None):
    """DiffOptions from the store's rules (tracker.toml) for this source, plus extra ignores,
    plus the noise learned from the source's history (unless the rules turn learning off)."""
    import re

    from tracker.alert.rules import load_rules
    from tracker.differ import DiffOptions
    from tracker.history.noise import learned_labels

    src = (rules if rules is not None else load_rules(store.root)).for_source(source)
    learned: set[str] = set()
    if src.learn_noise:
        learned = {
            label
            for label in learned_labels(store, source)
            if not any(re.search(p, label) for p in src.not_noise)
        }
    return DiffOptions(
        ignore=list(src.ignore) + list(ignore),
        volatile_labels=learned,
        default_region=src.region or "GB",
    )


def error_note(store, info: CaptureInfo, text: str, which: str) -> str | None:
    from tracker.capture.errorpage import error_reason

    reason = error_reason(info.extra or {}, text)
    return f"the {which} capture ({info.id}) is an error page: {reason}" if reason else None


def compare(store, source: str, old: CaptureInfo, new: CaptureInfo, options=None) -> Report:
    """The report between two stored captures; an error page yields a note, not a rewrite."""
    from tracker.differ import diff

    old_data, new_data = store.read_bytes(old), store.read_bytes(new)
    old_text, new_text = store.read_text(old, old_data), store.read_text(new, new_data)
    notes = [
        n
        for n in (error_note(store, old, old_text, "old"), error_note(store, new, new_text, "new"))
        if n
    ]
    if notes:
        return Report(changes=[], old_time=old.captured_at, new_time=new.captured_at, notes=notes)
    if options is None:
        options = diff_options(store, source)
    cloudflare = cloudflare_notes((old, old_data), (new, new_data))
    del old_data, new_data  # the bytes are not needed while diffing: peak memory stays lower
    report = diff(
        old_text, new_text, old_time=old.captured_at, new_time=new.captured_at, options=options
    )
    report.notes.extend(cloudflare)
    return report


def cloudflare_notes(old: tuple[CaptureInfo, bytes], new: tuple[CaptureInfo, bytes]) -> list[str]:
    """HTML text holds the real addresses; say when the page started or stopped hiding one
    behind Cloudflare's email protection, which the text alone no longer shows."""
    if "text/html" not in (old[0].media_type, new[0].media_type):
        return []
    from tracker.capture.cloudflare import cloudflare_hidden

    def hidden(side: tuple[CaptureInfo, bytes]) -> set[str]:
        info, data = side
        return cloudflare_hidden(data) if info.media_type == "text/html" else set()

    before, after = hidden(old), hidden(new)
    notes = [
        f"{a} is now hidden behind Cloudflare's email protection" for a in sorted(after - before)
    ]
    notes += [f"{a} is no longer hidden by Cloudflare" for a in sorted(before - after)]
    return notes
