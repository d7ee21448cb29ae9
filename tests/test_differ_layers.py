"""The differ's stages import each other one way: no module of tracker.differ imports, even
lazily inside a function, a module that imports it back (issue #12.3: normalize <-> segment)."""

from __future__ import annotations

import ast
from pathlib import Path

import tracker.differ

DIFFER = Path(tracker.differ.__file__).parent


def _imports(path: Path) -> set[str]:
    """The tracker.differ modules a file imports, at module level or inside functions."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "tracker.differ":
                out.update(f"tracker.differ.{a.name}" for a in node.names)
            elif node.module.startswith("tracker.differ."):
                out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("tracker.differ."))
    return out


def test_no_import_cycle_inside_the_differ():
    graph = {
        f"tracker.differ.{p.stem}": _imports(p) for p in DIFFER.glob("*.py") if p.stem != "__init__"
    }
    graph = {m: {d for d in deps if d in graph} for m, deps in graph.items()}
    cycles = []

    def walk(m: str, path: list[str]) -> None:
        for d in sorted(graph[m]):
            if d in path:
                cycles.append(path[path.index(d) :] + [d])
            elif d not in done:
                walk(d, [*path, d])
        done.add(m)

    done: set[str] = set()
    for m in sorted(graph):
        if m not in done:
            walk(m, [m])
    assert not cycles, f"import cycles: {cycles}"
