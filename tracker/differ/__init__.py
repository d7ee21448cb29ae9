"""The pure differ: two captures' texts in, a complete report of typed changes out.

No git, no terminal, no clock: `diff` depends only on its arguments, so the CLI, the changelog
and the tests all get the same answer. Stages, one module each: normalize, segment, align,
pairing, counters / contacts / news (classification), words (word diff), rebuild (completeness).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker import __version__
from tracker.differ.model import Change, Report
from tracker.differ.options import DiffOptions
from tracker.differ.rebuild import rebuild
from tracker.differ.segment import Block, normalize, segment

if TYPE_CHECKING:
    from tracker.differ.engine import diff

# The stages load when first asked for (PEP 562): a warm `tracker log` prints cached summaries
# and needs only the model and DIFFER_VERSION, not the ~25 ms of the differ's stages. (Only
# names unlike their module's can wait: importing `tracker.differ.rebuild` sets the package's
# `rebuild` to the module, so the functions named after their module are bound here.)
_LAZY = {"diff": "tracker.differ.engine"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Bump when the differ's output changes: part of every key of derived data cached
# (tracker.history.cache), so cached summaries are recomputed.
DIFFER_VERSION = f"{__version__}-8"

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
