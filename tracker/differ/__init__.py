"""The pure differ: two captures' texts in, a complete report of typed changes out.

No git, no terminal, no clock: `diff` depends only on its arguments, so the CLI, the changelog
and the tests all get the same answer. Stages, one module each: normalize, segment, align,
pairing, counters / contacts / news (classification), words (word diff), rebuild (completeness).
"""

from __future__ import annotations

from tracker import __version__
from tracker.differ.engine import diff
from tracker.differ.model import Change, Report
from tracker.differ.options import DiffOptions
from tracker.differ.rebuild import rebuild
from tracker.differ.segment import Block, normalize, segment

# Bump when the differ's output changes: part of every key of derived data cached
# (tracker.history.cache), so cached summaries are recomputed.
DIFFER_VERSION = f"{__version__}-2"

__all__ = [
    "DIFFER_VERSION",
    "Block",
    "Change",
    "DiffOptions",
    "Report",
    "diff",
    "normalize",
    "rebuild",
    "segment",
]
