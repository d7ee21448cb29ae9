"""The layers of the code hold (README, *Design*): the import-linter contract of pyproject.toml
is kept, tracker's own imports sit at module level (so no cycle hides inside a function), and
`tracker --help` loads none of the heavy packages."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import tracker

from tracker.cli import COMMANDS

ROOT = Path(__file__).resolve().parent.parent

# Third-party packages that only the commands needing them load (inside the function that
# uses them); `tracker --help` must answer without any of them.
HEAVY = {
    "apprise", "babel", "bs4", "charset_normalizer", "cssselect", "diff_match_patch",
    "fast_diff_match_patch", "ftfy", "git", "httpx", "jinja2", "lxml", "markupsafe",
    "phonenumbers", "regex", "rich", "tomlkit", "warcio",
}
# Standard-library modules kept lazy for the same reason: costly, and needed on one path only.
LAZY_STDLIB = {"asyncio", "hashlib", "shutil", "tomllib", "traceback", "zoneinfo"}
# tracker's own modules a history module may load late: a warm `tracker log` prints cached
# summaries without the differ's stages (which tracker.pipeline loads) or the worker pool.
# lint-imports reads function bodies too, so these can hide no cycle from the contract.
# The learned-noise options (the differ's contact rules, the history's shapes) and the text
# renderers likewise: a warm `tracker log --format json` prints cached JSON text. A capture's
# HTML reader loads when an HTML capture is read: the store opens and lists, and a text pair
# compares, without it.
LAZY_OWN = {
    "tracker/history/": ("tracker.pipeline", "tracker.fork", "tracker.history.options"),
    "tracker/cli/log.py": (
        "tracker.alert.select",
        "tracker.render.changelog",
        "tracker.render.sparkline",
        "tracker.render.terminal",
    ),
    "tracker/capture/__init__.py": ("tracker.capture.html",),
    "tracker/store/__init__.py": ("tracker.capture.html",),
    "tracker/pipeline.py": ("tracker.capture.html",),
}


def _function_imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import):
                    yield inner.lineno, [a.name for a in inner.names]
                elif isinstance(inner, ast.ImportFrom):
                    yield inner.lineno, ["." * inner.level + (inner.module or "")]


def test_the_import_contract_holds():
    """`lint-imports` (the README's test command runs it too) keeps every layer to the ones
    below it and the differ free of git, the store, the terminal and the clock."""
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "Contracts: 3 kept, 0 broken." in done.stdout


def test_the_differ_reads_no_clock():
    """The contract forbids `time` in the differ but for the word diff's stopwatch; `datetime`
    is imported there only as a value type, so no call may ask it for the time."""
    found = []
    for path in sorted((ROOT / "tracker" / "differ").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("now", "today", "utcnow"):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: .{node.attr}")
    assert not found, found


def test_imports_inside_functions_are_only_of_heavy_packages():
    """An import of tracker's own code inside a function hides a cycle from the reader and
    from the contract's order; only heavy packages `tracker --help` must not load stay lazy."""
    found = []
    for path in sorted((ROOT / "tracker").rglob("*.py")):
        for line, modules in _function_imports(path):
            for module in modules:
                top = module.split(".")[0]
                if top in HEAVY or top in LAZY_STDLIB:
                    continue
                rel = str(path.relative_to(ROOT))
                if any(rel.startswith(f) and module in m for f, m in LAZY_OWN.items()):
                    continue
                if module.startswith(".") or top == "tracker":
                    found.append(f"{path.relative_to(ROOT)}:{line}: {module}")
                elif top not in sys.stdlib_module_names:
                    found.append(f"{path.relative_to(ROOT)}:{line}: {module} (not in HEAVY)")
    assert not found, "imports inside functions:\n" + "\n".join(found)


# One interpreter imports tracker.cli, as `tracker` does at start-up, then forks a child per
# command: each child starts from exactly what a new `tracker` process has loaded at that point
# (a new interpreter per command cost ~0.2 s each). The child prints its --help, then the
# modules it has loaded, after a marker line.
_FORKED_HELP = """
import json, os, sys
from tracker.cli import main
answers = {}
for argv in json.loads(sys.argv[1]):
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        out = os.fdopen(write, "w")
        sys.stdout = out
        try:
            main(argv)
        except SystemExit:
            pass
        print("\\0", *sorted(sys.modules), sep="\\n", file=out)
        out.flush()
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as got:
        answers[" ".join(argv)] = got.read()
    os.waitpid(pid, 0)
print(json.dumps(answers))
"""


@pytest.fixture(scope="module")
def helps() -> dict[str | None, tuple[str, set[str]]]:
    """command -> (what `tracker COMMAND --help` printed, the modules it had loaded)."""
    argvs = [[c, "--help"] if c else ["--help"] for c in (None, *COMMANDS)]
    done = subprocess.run([sys.executable, "-c", _FORKED_HELP, json.dumps(argvs)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    answers = json.loads(done.stdout)
    out = {}
    for command, argv in zip((None, *COMMANDS), argvs, strict=True):
        printed, _, modules = answers[" ".join(argv)].partition("\n\0\n")
        out[command] = (printed, set(modules.split()))
    return out


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_loads_no_heavy_package(command, helps):
    """`tracker --help` and every `tracker COMMAND --help` answer without the heavy packages;
    the bare `--help` loads no command module at all."""
    printed, loaded = helps[command]
    assert "Usage: tracker" in printed, printed[-2000:]
    assert not {m.split(".")[0] for m in loaded} & HEAVY, sorted(loaded)
    if command is None:
        ours = {m for m in loaded if m.startswith("tracker.")}
        # tracker.cli.regexes: the process's kept patterns, standard library only (marshal)
        allowed = {"tracker.cli", "tracker.cli.regexes", "tracker.errors", "tracker.redact"}
        assert ours <= allowed, sorted(ours)


def test_check_and_diff_compare_the_same_pair(tmp_path):
    """One definition chooses the pair (tracker.pipeline.pick_pair): `check` with no REF, or
    one, compares what `diff` compares."""
    pages = tmp_path / "pages"
    pages.mkdir()
    for day, text in (("20240101", "Phone +44 20 7946 0000\n\nOne."),
                      ("20240102", "Phone +44 20 7946 0000\n\nTwo."),
                      ("20240103", "Phone +44 20 7946 0999\n\nTwo.")):
        (pages / f"{day}120000.txt").write_text(text, encoding="utf-8")
    store = tmp_path / "store"
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    r = tracker("import", str(pages), "--source", "page", "--store", str(store), cwd=tmp_path)
    assert r.code == 0, r.err
    for refs in ((), ("20240102120000",)):
        d = tracker("diff", *refs, "--format", "json", "--store", str(store), cwd=tmp_path)
        c = tracker("check", *refs, "--format", "json", "--store", str(store), cwd=tmp_path)
        assert d.code == 0 and c.code in (0, 1), (d.err, c.err)
        diff_pair = _ids(d.out)
        assert diff_pair == _ids(c.out), (d.out, c.out)
    only = tmp_path / "one"
    (only / "p").mkdir(parents=True)
    (only / "p" / "20240101120000.txt").write_text("One.", encoding="utf-8")
    r = tracker("import", str(only / "p"), "--source", "p", "--store", str(store), cwd=tmp_path)
    c = tracker("check", "--source", "p", "--store", str(store), cwd=tmp_path)
    assert c.code == 0 and "nothing to compare yet" in c.out + c.err


def _ids(out: str) -> tuple[str, str]:
    import json

    data = json.loads(out)
    return data["from"]["id"], data["to"]["id"]
