"""The `tracker` process keeps the regular expressions it compiles from one run to the next.

A `tracker diff` of the samples compiles ~100 patterns (the date grammar for the names it
reads, phone, e-mail, number and date forms, the differ's own): ~15 ms of its ~110, more than
the diff itself, and Python keeps compiled patterns for one process only. `install` has `re`
keep, for each pattern it compiles, the code its compiler wrote (in a file of the user's cache
folder, keyed by the Python that wrote it) and hand that code back to the regex engine when
the same pattern, with the same flags, is compiled again: the same pattern object, without
parsing it again. Only the `tracker` process installs it (never a library caller, never the
tests' in-process runs); any failure to read, check or write the file only costs the compiles.
"""

from __future__ import annotations

import atexit
import contextlib
import marshal
import os
import re
import sys
import threading

from tracker.redact import holds_secret

_MAX_BYTES = 1 << 20  # a larger file keeps only the patterns of the last run (loads in ~1 ms)

_state: dict = {}  # "file", "pid", "known" (read at the first compile), "used", "new"
_checking = threading.local()  # inside `holds_secret`, in this thread


def install() -> None:
    """Serve `re`'s compiles from the kept codes (this process only; a no-op where CPython's
    compiler is not the one it knows)."""
    compiler = getattr(re, "_compiler", None)
    if _state or not all(
        hasattr(m, n) for m, n in ((compiler, "compile"), (compiler, "_code"),
                                   (getattr(re, "_parser", None), "parse"))
    ):
        return
    import _sre

    if not hasattr(_sre, "compile") or _sre.CODESIZE != 4:
        return
    # the code's format is the engine's (MAGIC) and the marshal format the interpreter's
    name = f"regex-{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}.marshal"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "tracker")
    _state.update(file=os.path.join(folder, name), folder=folder, pid=os.getpid(), used={})
    _state["original"], _state["sre"] = compiler.compile, _sre.compile
    compiler.compile = _compile
    atexit.register(_save)


def _known() -> dict:
    known = _state.get("known")
    if known is None:
        known = {}
        with contextlib.suppress(Exception):  # missing, unreadable or not ours: compiled anew
            with open(_state["file"], "rb") as f:
                loaded = marshal.loads(f.read())  # load(f) reads it a few bytes at a time
            if isinstance(loaded, dict):
                known = loaded
        _state["known"] = known
    return known


def _compile(pattern, flags=0):
    """`re._compiler.compile`, with the code of a pattern compiled before taken as it was."""
    if type(pattern) not in (str, bytes) or flags & re.DEBUG:
        return _state["original"](pattern, flags)
    if type(pattern) is str and not getattr(_checking, "now", False):
        _checking.now = True  # telling a secret compiles patterns of its own
        try:
            secret = holds_secret(pattern)
        finally:
            _checking.now = False
        if secret:  # `scrub`'s pattern of the notification URLs' pieces: never written anywhere
            return _state["original"](pattern, flags)
    key = (pattern, int(flags))
    entry = _known().get(key)
    if entry is not None:
        try:
            flags_, code, groups, groupindex, indexgroup = entry
            code = memoryview(code).cast("I").tolist()  # kept as bytes: read in one copy
            compiled = _state["sre"](pattern, flags_, code, groups, groupindex, indexgroup)
        except Exception:
            pass  # not a code this engine takes: compiled anew below
        else:
            _state["used"][key] = entry
            return compiled
    from array import array  # only when a pattern is compiled anew

    parsed = re._parser.parse(pattern, flags)
    code = re._compiler._code(parsed, flags)
    groupindex = parsed.state.groupdict
    indexgroup = [None] * parsed.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    # as re._compiler.compile makes it
    entry = (
        flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)
    )
    compiled = _state["sre"](pattern, *entry)
    try:
        kept = array("I", code).tobytes()
    except OverflowError:  # a code word wider than the engine's 4 bytes: not kept
        return compiled
    _state["used"][key] = (int(entry[0]), kept, entry[2], dict(groupindex), entry[4])
    _state["new"] = True
    return compiled


def _save() -> None:
    """Write the codes back when this run compiled a pattern anew (the process that installed
    it only: a forked worker's patterns are its parent's)."""
    if not _state.get("new") or os.getpid() != _state["pid"]:
        return
    with contextlib.suppress(Exception):  # a read-only or full cache folder: compiled next time
        data = marshal.dumps({**_known(), **_state["used"]})
        if len(data) > _MAX_BYTES:
            data = marshal.dumps(_state["used"])
        os.makedirs(_state["folder"], exist_ok=True)
        tmp = f"{_state['file']}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, _state["file"])
