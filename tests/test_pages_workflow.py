"""docs/pages-workflow.yml: its shell step builds the report and absolute-linked feeds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from cli_helpers import make_store
from test_workflow import parse_yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / "docs" / "pages-workflow.yml"


@pytest.mark.slow
def test_pages_workflow_builds_report_and_feeds(tmp_path):
    doc = parse_yaml(WORKFLOW.read_text(encoding="utf-8"))
    steps = doc["jobs"]["build"]["steps"]
    upload = next(
        s for s in steps if str(s.get("uses", "")).startswith("actions/upload-pages-artifact")
    )
    assert upload["with"]["path"] == "report"
    run = next(s["run"] for s in steps if s.get("name") == "Write the report and the feeds")
    store = make_store(tmp_path)
    bindir = Path(sys.executable).parent  # `tracker` on PATH, as the install step provides
    env = {
        **os.environ,
        "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}",
        "TRACKER_STORE": str(store),
        "GITHUB_REPOSITORY_OWNER": "someone",
        "GITHUB_REPOSITORY": "someone/watch",
    }
    p = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", run],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 0, p.stderr
    site = tmp_path / upload["with"]["path"]
    assert (site / "index.html").is_file()
    feed = feedparser.parse((site / "feed.atom").read_bytes())
    assert not feed.bozo
    assert feed.entries[0].link == (
        "https://someone.github.io/watch/rusemb.org.uk/20220521081600.html"
    )
