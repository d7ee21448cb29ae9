"""Word-level diff of ONE paired block: what exactly was rewritten.

Words, runs of spaces and single punctuation marks become one character each (diff-match-patch's
linesToChars trick, on words), so the diff can only cut at word boundaries; semantic cleanup then
merges the crumbs. The C++ build (fast_diff_match_patch) runs when installed, the pure-Python
one otherwise. Both stop at `timeout` seconds and return a valid but coarser diff: that result is
marked truncated, never passed off as exact.
"""

from __future__ import annotations

import re
import time

TOKEN = re.compile(r"\w+|\s+|[^\w\s]")

Edit = tuple[str, str]  # (op, text), op in "=", "-", "+"
MAX_TOKENS = 0x110000 - 0x100 - 0x800  # the characters a token can be coded as


def word_diff(old: str, new: str, timeout: float = 0.5) -> tuple[list[Edit], bool]:
    """Edits turning `old` into `new` (joined "=" and "-" give old, "=" and "+" give new), and
    whether the time limit was hit."""
    if old == new:
        return ([("=", old)] if old else []), False
    ta, tb = TOKEN.findall(old), TOKEN.findall(new)
    codes = dict.fromkeys(ta)
    codes.update(dict.fromkeys(tb))
    if len(codes) > MAX_TOKENS:  # more distinct words than characters to code them with
        return coarse(old, new), True
    for n, token in enumerate(codes, 0x100):
        codes[token] = chr(n if n < 0xD800 else n + 0x800)  # skip the surrogate range
    ca = "".join(map(codes.__getitem__, ta))
    cb = "".join(map(codes.__getitem__, tb))
    start = time.perf_counter()
    counts = _diff_counts(ca, cb, timeout)
    truncated = timeout > 0 and time.perf_counter() - start >= timeout * 0.95
    edits: list[Edit] = []
    pa = pb = 0
    for op, n in counts:
        if op == "=":
            text = "".join(ta[pa : pa + n])
            pa += n
            pb += n
        elif op == "-":
            text = "".join(ta[pa : pa + n])
            pa += n
        else:
            text = "".join(tb[pb : pb + n])
            pb += n
        if not text:
            continue
        if edits and edits[-1][0] == op:
            edits[-1] = (op, edits[-1][1] + text)
        else:
            edits.append((op, text))
    return edits, truncated


def coarse(old: str, new: str) -> list[Edit]:
    """The common head and tail kept, the middle replaced: exact, if not fine-grained."""
    n = min(len(old), len(new))
    head = 0
    while head < n and old[head : head + 65536] == new[head : head + 65536]:
        head += 65536
    while head < n and old[head] == new[head]:
        head += 1
    head = min(head, n)
    tail = 0
    while tail < n - head and old[-tail - 1] == new[-tail - 1]:
        tail += 1
        if tail % 65536 == 0:
            k = tail + 65536
            while k <= n - head and old[-k:-tail] == new[-k:-tail]:
                tail = k
                k += 65536
    cut_old, cut_new = len(old) - tail, len(new) - tail
    edits = [("=", old[:head]), ("-", old[head:cut_old]), ("+", new[head:cut_new])]
    return [e for e in [*edits, ("=", old[cut_old:])] if e[1]]


def _diff_counts(a: str, b: str, timeout: float) -> list[tuple[str, int]]:
    try:
        from fast_diff_match_patch import diff
    except ImportError:
        return _pure_counts(a, b, timeout)
    return diff(a, b, timelimit=timeout, cleanup="Semantic", counts_only=True)


def _pure_counts(a: str, b: str, timeout: float) -> list[tuple[str, int]]:
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    dmp.Diff_Timeout = timeout
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    ops = {0: "=", -1: "-", 1: "+"}
    return [(ops[op], len(text)) for op, text in diffs]


def old_text(edits: list[Edit]) -> str:
    return "".join(t for op, t in edits if op != "+")


def new_text(edits: list[Edit]) -> str:
    return "".join(t for op, t in edits if op != "-")
