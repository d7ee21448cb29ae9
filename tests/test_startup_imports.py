"""What a command's process imports beside what it uses: each module a command never needs is
start-up time every run pays (measured with `python -X importtime -m tracker ...`; here the
modules are listed, not timed)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from cli_helpers import tracker

# Runs one command as the `tracker` process does (tracker.cli.main), then lists the modules
# it loaded on stderr, after a marker line.
_LOADED = """
import json, sys
from tracker.cli import main
try:
    main(json.loads(sys.argv[1]))
except SystemExit:
    pass
print("\\0", *sorted(sys.modules), sep="\\n", file=sys.stderr)
"""


def loaded(*args: str, cwd) -> set[str]:
    done = subprocess.run([sys.executable, "-c", _LOADED, json.dumps(list(args))], cwd=cwd,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    _, marker, modules = done.stderr.partition("\0\n")
    assert marker, done.stderr[-2000:]
    return set(modules.split())


@pytest.fixture
def store(tmp_path, git_env):
    pages = tmp_path / "pages"
    pages.mkdir()
    for day, text in (("20240101", "One.\n\nTwo."), ("20240102", "One.\n\nThree.")):
        (pages / f"{day}120000.txt").write_text(text, encoding="utf-8")
    store = tmp_path / "store"
    done = tracker("import", str(pages), "--source", "page", "--store", str(store))
    assert done.code == 0, done.err
    return store


def test_sources_loads_no_event_loop_nor_process_pool(store):
    """`tracker sources` reads the store: asyncio (with ssl, ~25 ms) is `run`'s fetching and a
    process pool (~10 ms) the changelog's workers; neither loads for it."""
    modules = loaded("sources", "--store", str(store), "--format", "json", cwd=store.parent)
    assert {"tracker.watch", "tracker.fork"} <= modules  # the command ran
    tops = {m.split(".")[0] for m in modules}
    assert not tops & {"asyncio", "multiprocessing", "concurrent", "ssl"}, sorted(tops)
