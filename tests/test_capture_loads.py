"""`tracker capture URL` is one fetch and one commit: it loads neither `tracker run`'s module
(`tracker.watch`: due sources, shards, concurrent fetching) nor the checks it runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CAPTURE = """
import sys
from tracker.cli import main
try:
    main(sys.argv[1:])
except SystemExit as done:
    code = done.code
print(code, *sorted(m for m in sys.modules if m.startswith("tracker")), file=sys.stderr)
"""


def test_capture_loads_only_what_it_uses(server, tmp_path, git_env):
    base, routes = server
    routes["/page"] = {
        "status": 200,
        "headers": {"Content-Type": "text/html; charset=utf-8"},
        "body": b"<html><body><p>Consular queries: +44 (0) 203 668 7474</p></body></html>",
    }
    store = tmp_path / "snaps"
    done = subprocess.run(
        [sys.executable, "-c", _CAPTURE, "capture", base + "/page", "--store", str(store)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=git_env,
    )
    code, *loaded = done.stderr.strip().splitlines()[-1].split()
    assert code == "0" and "captured 127.0.0.1-page" in done.stdout, done.stdout + done.stderr
    assert "tracker.watch" not in loaded and "tracker.alert.check" not in loaded, loaded
