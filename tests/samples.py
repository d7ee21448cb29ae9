"""Where the test data lives: the samples ship in the project, the gov-pairs beside it.

The five sample captures are the project's own `snapshots/rusemb.org.uk/*.txt` (imported byte
for byte from the seeds), so tests need nothing outside the clone for them; the gov-pairs corpus
is read from the `shared/` folder next to the clone (or $TRACKER_SHARED); tests that need it
skip with a reason when it is absent.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "snapshots" / "rusemb.org.uk"
# the shared corpus sits beside the clone; TRACKER_SHARED names another place for it
SHARED = Path(os.environ.get("TRACKER_SHARED") or ROOT.parent / "shared")
PAIRS = SHARED / "corpora" / "gov-pairs"
# a test reading the gov-pairs skips, saying where it looked, when the corpus is not there
needs_pairs = pytest.mark.skipif(
    not (PAIRS / "pair1-before.html").exists(),
    reason=f"the gov-pairs corpus is not at {PAIRS} (set TRACKER_SHARED to the shared folder)",
)


def sample_files() -> list[Path]:
    """The five sample captures, oldest first."""
    return sorted(SAMPLES.glob("*.txt"))


def sample_by_day() -> dict[str, Path]:
    """{"2021-09-20": path, …}: each sample by the day its page shows."""
    out = {}
    for path in sample_files():
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        out[meta["captured_at"][:10]] = path
    return out
