"""What the README says that no generated example shows, held to the code (issue 12, point 5:
a README that cannot lie)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_verify_schema_names_every_kind_of_problem():
    """`tracker.verify/1` lists the kinds a problem can have: every one the store reports."""
    store = ROOT / "tracker" / "store" / "__init__.py"
    kinds = {
        node.args[0].value
        for node in ast.walk(ast.parse(store.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Problem"
        and node.args and isinstance(node.args[0], ast.Constant)
    }
    line = README[README.index("- `tracker.verify/1`") :].split("\n- ", 1)[0]
    named = set(re.findall(r'"(\w+)"', line.split('"kind":', 1)[1]))
    assert kinds and kinds <= named, sorted(kinds - named)


def test_the_layers_drawn_are_the_contracts_layers():
    """*Layers, checked* draws the import-linter contract of pyproject.toml: the same layers,
    in the same order (the entry point `__main__` apart)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(
        c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"
    )
    layers = [layer for layer in contract["layers"] if layer != "__main__"]
    drawing = README[README.index("**Layers, checked.**") :].split("```")[1]
    drawn = [
        line.split("  ")[0].strip()
        for line in drawing.splitlines()
        if line.strip() and not line.startswith(" ")
    ]
    assert drawn == layers
