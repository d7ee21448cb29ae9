"""The completeness check: the new normalised text from the old text and the report alone.

Unchanged blocks are the old blocks no change claims (`old_block`); they keep their relative
order and fill, in order, every new position no change claims (`new_block`). A claimed new
position takes its text from the change: `edits` ("=" and "+") for rewritten, `text` for
counters and contacts, `new` for the rest. If this gives back `normalize(new)`, nothing was
silently dropped.
"""

from __future__ import annotations

from tracker.differ.model import Report
from tracker.differ.segment import block_texts
from tracker.differ.words import new_text


def rebuild(old_text: str, report: Report) -> str:
    old = block_texts(old_text)
    claimed = {c.old_block for c in report.changes if c.old_block is not None}
    placed: dict[int, str] = {}
    for c in report.changes:
        if c.new_block is None:
            continue
        if c.kind == "rewritten":
            text = new_text(c.edits or [])
        elif c.text is not None:
            text = c.text
        else:
            text = str(c.new)
        placed[c.new_block] = text
    kept = [old[i] for i in range(len(old)) if i not in claimed]
    size = len(kept) + len(placed)
    if any(j >= size for j in placed):
        raise ValueError("report does not fit the old text: a change points past the new page")
    kept.reverse()
    out = [placed[j] if j in placed else kept.pop() for j in range(size)]
    return "\n\n".join(out)
