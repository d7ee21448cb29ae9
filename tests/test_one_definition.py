"""One definition per concept (issue #12): the kinds, the Cloudflare placeholder, "looks
binary", HTML-or-text sniffing and a capture's JSON each live in one module; everything else,
help texts included, comes from there. Copies drift apart: `check --help` forgot `figure`."""

from __future__ import annotations

import ast
import functools
import json
from pathlib import Path

import pytest
from cli_helpers import make_store, tracker

from tracker.differ.model import KINDS
from tracker.history.changelog import FILTER_KINDS
from tracker.rules import ALERT_KINDS

TRACKER = Path(__file__).resolve().parents[1] / "tracker"
BLOCK_KINDS = ("added", "removed", "rewritten", "moved")


def help_text(command: str) -> str:
    r = tracker(command, "--help", env={"COLUMNS": "500"})
    assert r.code == 0, r.err
    return " ".join(r.out.split())


def test_check_help_names_every_kind_a_rule_can_alert_on():
    shown = help_text("check").split("replacing the rules file's: ")[1].split(".")[0]
    assert shown.split(", ") == list(ALERT_KINDS)
    assert "figure" in shown


def test_log_help_names_every_kind_log_can_filter_on():
    shown = help_text("log").split("changes of these kinds: ")[1].split(".")[0]
    assert shown.split(", ") == list(FILTER_KINDS)


def test_unknown_kinds_are_answered_with_the_same_lists(tmp_path):
    store = str(make_store(tmp_path))
    r = tracker("check", "--store", store, "--alert-on", "nonsense")
    assert r.code == 2 and ", ".join(ALERT_KINDS) in r.err
    r = tracker("log", "--store", store, "--only", "nonsense")
    assert r.code == 2 and ", ".join(FILTER_KINDS) in r.err


def test_every_output_names_a_capture_alike(tmp_path):
    store = str(make_store(tmp_path))
    diff = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    check = json.loads(tracker("check", "--store", store, "--format", "json").out)
    log = json.loads(tracker("log", "--store", store, "--format", "json").out)
    listed = json.loads(tracker("log", "--store", store, "--captures", "--format", "json").out)
    newest = max(listed["captures"], key=lambda c: c["id"])
    ref = {"id": newest["id"], "captured_at": newest["captured_at"]}
    assert diff["to"] == check["to"] == ref
    entry = next(e for e in log["captures"] if e["id"] == ref["id"])
    assert {k: entry[k] for k in newest} == newest


def test_renderers_have_a_label_for_every_kind():
    from tracker.render.github import _TITLES
    from tracker.render.phrases import SECTIONS

    assert set(_TITLES) == set(ALERT_KINDS)
    assert [k for k, _ in SECTIONS] == [k for k in KINDS if k != "volatile"]
    from tracker.differ.model import BLOCK_KINDS as model_block_kinds

    assert model_block_kinds == BLOCK_KINDS


# -- no second copy in the code ------------------------------------------------------------


@functools.cache
def _modules() -> list[tuple[str, list[ast.AST]]]:
    """Each module's name and nodes but its docstrings, parsed and walked once for all the
    concepts (the nodes are only read)."""
    out = []
    for path in sorted(TRACKER.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        nodes = [node for node in ast.walk(tree) if id(node) not in docs]
        out.append((path.relative_to(TRACKER).as_posix(), nodes))
    return out


def _docstrings(tree) -> set[int]:
    """ids of the string constants that are docstrings (they may mention anything)."""
    out = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            if isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
                out.add(id(body[0].value))
    return out


def _where(found) -> list[str]:
    hits = []
    for name, nodes in _modules():
        for node in nodes:
            if found(node):
                hits.append(name)
                break
    return hits


def _strings(node) -> list[str]:
    if isinstance(node, ast.Tuple | ast.List):
        return [e.value for e in node.elts if isinstance(e, ast.Constant)]
    return []


@pytest.mark.parametrize(
    ("concept", "found", "home"),
    [
        (
            "the Cloudflare placeholder",
            lambda n: (
                isinstance(n, ast.Constant)
                and isinstance(n.value, str)
                and "protected]" in n.value.replace("\\", "")
            ),
            ["cloudflare.py"],
        ),
        (
            "the names of HTML files",
            lambda n: ".htm" in _strings(n) or ".xhtml" in _strings(n),
            ["capture/mediatype.py"],
        ),
        (
            "the control bytes that make a file binary",
            lambda n: {9, 10, 12, 13, 27} <= set(_strings(n)),
            ["capture/decode.py"],
        ),
        (
            "the kinds of block changes",
            lambda n: set(BLOCK_KINDS) <= set(_strings(n)),
            ["differ/model.py"],
        ),
        (
            "a list of the differ's kinds",
            lambda n: len(set(_strings(n)) & (set(KINDS) | set(ALERT_KINDS))) >= 5,
            ["differ/model.py"],
        ),
        (
            "a capture as JSON",
            lambda n: (
                isinstance(n, ast.Dict)
                and {"id", "captured_at"}
                <= {k.value for k in n.keys if isinstance(k, ast.Constant)}
            ),
            ["models.py"],
        ),
        (
            "running work in a forked copy of the process, and how many cores it may use",
            lambda n: (
                isinstance(n, ast.Call)
                and ast.unparse(n.func)
                in {"os.fork", "ProcessPoolExecutor", "os.sched_getaffinity", "os.cpu_count"}
            ),
            ["fork.py"],
        ),
        (
            "what a change is shown under (its item or heading, else its own title)",
            lambda n: isinstance(n, ast.IfExp) and "located" in ast.unparse(n.test),
            ["differ/model.py"],
        ),
    ],
    ids=[
        "cloudflare", "html-suffixes", "binary", "block-kinds", "kinds", "capture-json",
        "fork", "shown-title",
    ],
)
def test_one_definition(concept, found, home):
    assert _where(found) == home, concept
