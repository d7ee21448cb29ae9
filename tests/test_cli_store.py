"""`tracker import | log | show | verify` as a user runs them: output, exit codes, refusals."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import tracker

SOURCE = "rusemb.org.uk"
run = tracker  # the CLI in-process, from the current folder: (exit code, stdout, stderr)


def snapshot(top: Path) -> tuple:
    head = subprocess.run(["git", "rev-parse", "-q", "--verify", "HEAD"], cwd=top,
                          capture_output=True, text=True).stdout
    index = subprocess.run(["git", "ls-files", "-s"], cwd=top, capture_output=True,
                           text=True).stdout
    files = {str(p.relative_to(top)): p.read_bytes() for p in sorted(top.rglob("*"))
             if p.is_file() and ".git" not in p.relative_to(top).parts}
    return head, index, files


@pytest.fixture
def project(tmp_path, git_env, monkeypatch):
    """A git project with one capture stored, the CLI run from its top."""
    top = tmp_path / "project"
    top.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=top, check=True)
    (top / "README").write_text("hello\n")
    subprocess.run(["git", "add", "README"], cwd=top, check=True)
    subprocess.run(["git", "commit", "-qm", "first"], cwd=top, check=True)
    monkeypatch.chdir(top)
    page = tmp_path / "page.txt"
    page.write_text("20 September 2021\nMoscow: 10:59\nLondon: 08:59\n\nhello\n")
    assert run("import", "--source", "ex", str(page)).code == 0
    return top


def test_import_log_show_verify_on_the_samples(tmp_path, git_env, seeds, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run("import", "--source", SOURCE, str(seeds))
    assert code == 0, err
    assert "0 already stored, 5 added" in out
    assert (tmp_path / "snapshots" / ".git").is_dir()  # made a repository on first write
    code, out, _ = run("import", "--source", SOURCE, str(seeds))
    assert (code, out.strip()) == (0, "5 already stored, 0 added")

    code, out, _ = run("log", "--format", "json")
    doc = json.loads(out)
    assert doc["schema"] == "tracker.log/1" and doc["source"] == SOURCE
    assert [c["captured_at"][:10] for c in doc["captures"]] == [
        "2018-10-18", "2018-10-22", "2021-09-20", "2021-10-26", "2022-05-21"
    ]
    assert doc["captures"][2]["id"] == "20210920075900"
    assert doc["captures"][2]["captured_at"] == "2021-09-20T10:59:00+03:00"
    assert {"id", "captured_at", "time_source", "size", "sha256", "media_type", "url"} <= set(
        doc["captures"][0]
    )
    code, out, _ = run("log")
    assert code == 0 and "20211025210300" in out and "2021-10-26 00:03 +03:00" in out

    code, out, _ = run("show", "2021-10-26")
    assert code == 0 and out.startswith("26 October 2021\nMoscow: 00:03\nLondon: 22:03")
    raw = run("show", "--raw", "latest").raw
    assert raw in {p.read_bytes() for p in seeds.iterdir()} and raw.startswith(b"21 May 2022")

    code, out, _ = run("verify")
    assert (code, out.strip()) == (0, "5 captures verified: all intact")


def test_show_an_unknown_day_names_the_nearest(sample_store, monkeypatch):
    monkeypatch.setenv("TRACKER_STORE", str(sample_store.root))
    code, out, err = run("show", "2021-10-25")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "2021-09-20 (20210920075900)" in err and "2021-10-26 (20211025210300)" in err


def test_verify_exits_1_and_reports_json(sample_store, monkeypatch):
    monkeypatch.setenv("TRACKER_STORE", str(sample_store.root))
    target = sample_store.root / SOURCE / "20210920075900.txt"
    target.write_bytes(target.read_bytes().replace(b"1296", b"1297"))
    code, out, _ = run("verify", "--format", "json")
    doc = json.loads(out)
    assert code == 1 and doc["schema"] == "tracker.verify/1" and doc["ok"] is False
    assert doc["problems"][0]["kind"] == "modified"
    assert doc["problems"][0]["path"] == f"{SOURCE}/20210920075900.txt"


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    good = "20 September 2021\nMoscow: 10:59\nLondon: 08:59\n\n"
    files = {
        "empty": ("empty.txt", b""),
        "binary": ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4),
        "undated": ("000_347da821e69120f5.txt", b"a page with no date\n"),
    }
    paths = {}
    tmp.mkdir()
    for key, (name, data) in files.items():
        (tmp / key).mkdir()
        (tmp / key / "good.txt").write_text(good + "fine\n")
        (tmp / key / name).write_bytes(data)
        paths[key] = tmp / key
    (tmp / "broken").mkdir()
    (tmp / "broken" / "good.txt").write_text(good + "fine\n")
    (tmp / "broken" / "link.txt").symlink_to(tmp / "nowhere")
    paths["unreadable"] = tmp / "broken"
    return paths


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("empty", "empty"),
        ("binary", "binary"),
        ("undated", "no capture time"),
        ("unreadable", "cannot read"),
    ],
)
def test_bad_input_refuses_the_whole_import(project, tmp_path, case, message):
    folder = _bad_inputs(tmp_path / "in")[case]
    before = snapshot(project)
    code, out, err = run("import", "--source", "ex", str(folder))
    assert code == 2 and message in err and "Traceback" not in err
    assert err.count("\n") == 1
    if case == "undated":
        assert "000_347da821e69120f5.txt" in err and "--at" in err
    assert snapshot(project) == before


def test_invalid_utf8_is_decoded_with_a_detected_encoding_and_stored_unchanged(project, tmp_path):
    text = ("20 September 2021\nMoscow: 10:59\nLondon: 08:59\n\n"
            "Посольство России в Лондоне. Консульские вопросы и новости посольства.\n"
            "Министр иностранных дел провёл переговоры с коллегами. Заявление для прессы.\n" * 3)
    data = text.encode("cp1251")
    (tmp_path / "cp.txt").write_bytes(data)
    code, out, err = run("import", "--source", "cp", str(tmp_path / "cp.txt"))
    assert code == 0, err
    stored = project / "snapshots" / "cp" / "20210920075900.txt"
    assert stored.read_bytes() == data
    code, out, _ = run("show", "--source", "cp", "latest")
    assert "Посольство России" in out


def test_at_sets_the_time_and_needs_no_date_on_the_page(project, tmp_path):
    (tmp_path / "plain.txt").write_text("no date on this page\n")
    code, out, err = run("import", "--at", "2021-09-21T10:59+03:00", "--source", "ex",
                         str(tmp_path / "plain.txt"))
    assert code == 0, err
    doc = json.loads((project / "snapshots" / "ex" / "20210921075900.json").read_text())
    assert doc["time_source"] == "at" and doc["captured_at"] == "2021-09-21T10:59:00+03:00"


def test_no_source_and_an_empty_store_asks_for_one(tmp_path, git_env, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.txt").write_text("20 September 2021\n\nhello\n")
    code, _, err = run("import", str(tmp_path / "p.txt"))
    assert code == 2 and "--source" in err
    assert not (tmp_path / "snapshots").exists() or not any((tmp_path / "snapshots").iterdir())


def test_store_path_that_is_a_file(tmp_path, git_env, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("x")
    (tmp_path / "p.txt").write_text("20 September 2021\n\nhello\n")
    code, _, err = run("import", "--store", "afile", "--source", "a", str(tmp_path / "p.txt"))
    assert code == 2 and "is a file" in err and (tmp_path / "afile").read_text() == "x"


def test_staged_changes_in_the_store_are_refused_elsewhere_kept(project, tmp_path):
    (tmp_path / "p2.txt").write_text("21 September 2021\n\nhello again\n")
    (project / "README").write_text("staged edit\n")
    subprocess.run(["git", "add", "README"], cwd=project, check=True)
    (project / "snapshots" / "ex" / "mine.txt").write_text("mine\n")
    subprocess.run(["git", "add", "snapshots/ex/mine.txt"], cwd=project, check=True)
    before = snapshot(project)
    code, _, err = run("import", "--source", "ex", str(tmp_path / "p2.txt"))
    assert code == 2 and "staged change" in err and snapshot(project) == before
    subprocess.run(["git", "restore", "--staged", "snapshots/ex/mine.txt"], cwd=project, check=True)
    code, _, err = run("import", "--source", "ex", str(tmp_path / "p2.txt"))
    assert code == 0, err
    staged = subprocess.run(["git", "diff", "--cached", "--name-only"], cwd=project,
                            capture_output=True, text=True).stdout.split()
    assert staged == ["README"]  # still staged, not committed
    committed = subprocess.run(["git", "show", "--name-only", "--format=", "HEAD"], cwd=project,
                               capture_output=True, text=True).stdout.split()
    assert all(p.startswith("snapshots/ex/20210921") for p in committed) and len(committed) == 2


def test_git_history_options_go_together(project):
    code, _, err = run("import", "--git", str(project))
    assert code == 2 and "--path" in err


def test_two_imports_at_once_the_second_fails_cleanly(project, tmp_path, git_env):
    from tracker.store.lock import locked

    (tmp_path / "p3.txt").write_text("22 September 2021\n\nhello\n")
    gitdir = project / ".git"
    before = snapshot(project)
    with locked(gitdir / "tracker.lock"):
        done = run("import", "--source", "ex", str(tmp_path / "p3.txt"),
                   env={"TRACKER_LOCK_TIMEOUT": "0.5"})
    assert done.code == 2 and "another tracker process" in done.err
    assert "Traceback" not in done.err and snapshot(project) == before


# A `python -m tracker`-like process that SIGKILLs itself at the named step of an import:
# "Class.method" or "function" of tracker.store.gitio / tracker.store.Store, and how far that
# step gets first ("before" it, "half" of its files, or its "n"th call).
KILLER = """
import os, signal, sys
from tracker.cli import main
from tracker.store import Store, gitio

step, how, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
owner_name, _, name = step.rpartition(".")
owner = {"": gitio, "Store": Store, "FastImport": gitio.FastImport}[owner_name]
real = getattr(owner, name)
calls = []

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def step_then_die(*args, **kwargs):
    calls.append(1)
    if how == "half":  # checkout_paths(top, files): half the files reach index and work tree
        real(args[0], args[1][: len(args[1]) // 2])
    if how == "before" or how == "half" or len(calls) == int(how):
        die()
    return real(*args, **kwargs)

def run_then_die(top, *args, **kwargs):  # gitio.run: die before the named git command
    if args[0] == how:
        die()
    return real(top, *args, **kwargs)

setattr(owner, name, run_then_die if name == "run" else step_then_die)
main(argv)
"""

KILL_POINTS = {
    "streaming blobs": ("FastImport.blob", "7"),
    "before the commit object": ("FastImport.commit", "before"),
    "journal written, nothing checked out": ("checkout_paths", "before"),
    "index updated, work tree not": ("run", "checkout-index"),
    "half the files checked out": ("checkout_paths", "half"),
    "files out, branch not moved": ("update_ref", "before"),
    "branch moved, journal left": ("Store._done", "before"),
}
QUICK = ("half the files checked out", "branch moved, journal left")  # the rest: `slow`


@pytest.mark.parametrize(
    "point", [p if p in QUICK else pytest.param(p, marks=pytest.mark.slow) for p in KILL_POINTS]
)
def test_an_import_killed_at_any_step_leaves_a_store_the_next_import_repairs(
    tmp_path, git_env, point
):
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(12):
        (pages / f"p{i:02d}.txt").write_text(f"{1 + i} March 2020\nMoscow: 10:00\n\npage {i}\n")
    store = tmp_path / "store"
    args = ["import", "--source", "big", "--store", str(store), str(pages)]
    killed = subprocess.run([sys.executable, "-c", KILLER, *KILL_POINTS[point], *args],
                            capture_output=True, text=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr  # it did reach the step
    # Whatever step it died at, the next import finishes the job and the store is consistent.
    done = tracker(*args, env={"TRACKER_LOCK_TIMEOUT": "30"})
    assert done.code == 0, done.err
    check = tracker("verify", "--store", str(store))
    assert check.code == 0, check.out
    assert "12 captures verified" in check.out
    status = subprocess.run(["git", "status", "--porcelain"], cwd=store, capture_output=True,
                            text=True).stdout
    assert status == ""
    assert not (store / ".git" / "tracker-journal.json").exists()
    assert len(list((store / "big").glob("*.txt"))) == 12


def test_help_does_not_import_git_or_rich():
    code = ("import sys; from tracker.cli import main\n"
            "try: main(['import', '--help'])\nexcept SystemExit: pass\n"
            "assert not {'git', 'rich'} & set(sys.modules), sorted(sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_a_refused_first_import_leaves_no_store_behind(tmp_path, git_env, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("20 September 2021\nMoscow: 10:59\n\nfine\n")
    (tmp_path / "in" / "b.txt").write_bytes(b"")  # read after a.txt's blob went to git
    code, _, err = run("import", "--source", "ex", str(tmp_path / "in"))
    assert code == 2 and "empty" in err
    assert not (tmp_path / "snapshots").exists()
