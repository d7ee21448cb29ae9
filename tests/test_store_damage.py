"""Data loss and silent damage (issue #13, items 1-5): hostile names, a damaged repository, lost
blobs, failures half way through an import, and captures changed after they were stored."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest
from cli_helpers import make_store, tracker

PAGE = "1 May 2023\nMoscow: 10:00\nLondon: 08:00\n\nhello\n"


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


def state(store: Path) -> tuple:
    """HEAD, the index and every file under the store: what 'exactly as it was' means."""
    head = subprocess.run(["git", "rev-parse", "-q", "--verify", "HEAD"], cwd=store,
                          capture_output=True, text=True).stdout.strip()
    index = subprocess.run(["git", "ls-files", "-s"], cwd=store, capture_output=True,
                           text=True).stdout
    files = {
        str(p.relative_to(store)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(store.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(store).parts
    }
    return head, index, files


def one_line_error(r, *words: str) -> None:
    assert r.code == 2, (r.out, r.err)
    assert "Traceback" not in r.err and "internal error" not in r.err, r.err
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tracker: error: "), r.err
    for word in words:
        assert word in r.err, r.err


@pytest.fixture
def ruled_store(tmp_path) -> Path:
    """The samples plus a committed tracker.toml at the store root."""
    store = make_store(tmp_path)
    (store / "tracker.toml").write_text('[alert]\non = ["contact"]\n')
    git(store, "add", "tracker.toml")
    git(store, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "rules")
    (tmp_path / "page.txt").write_text(PAGE)
    return store


# -- 1. names the store uses are reserved -----------------------------------------------------


@pytest.mark.parametrize("name", ["tracker.toml", "tracker", "tracker.state"])
def test_a_source_named_like_the_stores_own_files_is_refused(ruled_store, tmp_path, name):
    before = state(ruled_store)
    r = tracker("import", "--store", str(ruled_store), "--source", name, str(tmp_path / "page.txt"))
    one_line_error(r, "reserved", "--source")
    assert state(ruled_store) == before
    assert (ruled_store / "tracker.toml").is_file()


def test_a_source_named_like_any_file_of_the_store_is_refused(ruled_store, tmp_path):
    (ruled_store / "notes.txt").write_text("mine\n")
    git(ruled_store, "add", "notes.txt")
    git(ruled_store, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "n")
    before = state(ruled_store)
    r = tracker("import", "--store", str(ruled_store), "--source", "notes.txt",
                str(tmp_path / "page.txt"))
    one_line_error(r, "already holds a file", "--source")
    assert state(ruled_store) == before
    assert git(ruled_store, "ls-tree", "--name-only", "HEAD", "notes.txt") == "notes.txt"


def test_a_warc_whose_host_is_a_reserved_name_asks_for_a_source(ruled_store, tmp_path):
    from test_warc import page, write_warc

    warc = write_warc(tmp_path / "crawl.warc.gz", [
        ("http://tracker.toml/", "2023-05-01T08:00:00Z", 200, "text/html", page("x")),
    ])
    before = state(ruled_store)
    r = tracker("import", "--store", str(ruled_store), str(warc))
    one_line_error(r, "reserved", "http://tracker.toml/", "--source")
    assert state(ruled_store) == before
    ok = tracker("import", "--store", str(ruled_store), "--source", "other", str(warc))
    assert ok.code == 0, ok.err
    assert git(ruled_store, "ls-tree", "--name-only", "HEAD", "tracker.toml") == "tracker.toml"


# -- 2. a damaged repository is never replaced by a new one ------------------------------------


@pytest.mark.parametrize("nested", [False, True])
def test_a_damaged_head_is_reported_never_a_new_repository(tmp_path, nested):
    if nested:  # the store is a folder of a project's repository
        top = tmp_path / "project"
        top.mkdir()
        git(top, "init", "-q")
        (top / "README").write_text("hi\n")
        git(top, "add", "README")
        git(top, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "a")
        store = top / "snapshots"
        r = tracker("import", "--store", str(store), "--source", "ex", *map(str, _seeds()[:2]))
        assert r.code == 0, r.err
    else:
        store = top = make_store(tmp_path)
    (top / ".git" / "HEAD").write_text("garbage\n")
    before = state(store)
    (tmp_path / "page.txt").write_text(PAGE)
    for args in (("import", "--source", "ex", str(tmp_path / "page.txt")), ("verify",),
                 ("log",), ("diff",)):
        r = tracker(*args, "--store", str(store))
        one_line_error(r, "damaged", "git fsck")
    assert not (store / ".git").exists() if nested else (store / ".git").is_dir()
    assert (top / ".git" / "HEAD").read_text() == "garbage\n"
    assert state(store) == before


def _seeds() -> list[Path]:
    from cli_helpers import seed_files

    return seed_files()


# -- 3. verify reads every committed blob; import refuses to build on lost ones ----------------


def _loose(store: Path) -> None:
    """Unpack the store's objects so that single objects can be deleted or truncated."""
    packs = list((store / ".git" / "objects" / "pack").glob("*.pack"))
    for pack in packs:
        moved = pack.with_name("x" + pack.name)
        pack.rename(moved)
        pack.with_suffix(".idx").unlink()
        for rev in pack.parent.glob(pack.stem + ".*"):
            rev.unlink()
        with open(moved, "rb") as f:
            subprocess.run(["git", "unpack-objects", "-q"], cwd=store, stdin=f, check=True)
        moved.unlink()


@pytest.mark.parametrize("how", ["deleted", "truncated"])
def test_verify_finds_a_capture_whose_blob_git_lost(tmp_path, how):
    store = make_store(tmp_path)
    _loose(store)
    path = "rusemb.org.uk/20210920075900.txt"
    oid = git(store, "rev-parse", f"HEAD:{path}")
    obj = store / ".git" / "objects" / oid[:2] / oid[2:]
    if how == "deleted":
        obj.unlink()
    else:
        raw = obj.read_bytes()
        obj.chmod(0o644)
        obj.write_bytes(raw[: len(raw) // 2])
    r = tracker("verify", "--store", str(store), "--format", "json")
    assert r.code == 1, r.out
    problems = json.loads(r.out)["problems"]
    assert [(p["kind"], p["path"]) for p in problems] == [("damaged", path)]
    assert "git fsck" in problems[0]["detail"]
    if how == "deleted":  # import must not commit on top of it
        before = state(store)
        (tmp_path / "page.txt").write_text(PAGE)
        r = tracker("import", "--store", str(store), str(tmp_path / "page.txt"))
        one_line_error(r, "damaged", path, "git fsck")
        assert state(store) == before


# -- 5. a capture changed after it was stored is never used silently ---------------------------

CAPTURE = "rusemb.org.uk/20220521081600.txt"
SIDECAR = "rusemb.org.uk/20220521081600.json"


def test_every_command_that_reads_an_edited_capture_warns(tmp_path):
    store = make_store(tmp_path)
    path = store / CAPTURE
    path.write_bytes(path.read_bytes().replace(b"1539 days", b"1900 days"))
    for args in (("diff",), ("check",), ("log",), ("show", "latest"), ("noise",)):
        r = tracker(*args, "--store", str(store))
        assert r.code in (0, 1), (args, r.err)
        warnings = [ln for ln in r.err.splitlines() if "changed after it was stored" in ln]
        assert warnings == [
            f"tracker: warning: capture {CAPTURE} was changed after it was stored (its sha256 "
            "differs from its sidecar's); run tracker verify"
        ], (args, r.err)
    git(store, "checkout", "--", CAPTURE)  # restored: no warning, and nothing cached from it
    restored = tracker("log", "--store", str(store), "--format", "json")
    assert restored.code == 0 and restored.err == ""
    fresh = make_store(tmp_path / "fresh")
    assert restored.out == tracker("log", "--store", str(fresh), "--format", "json").out


@pytest.mark.parametrize(("content", "words"), [
    (b"[]", ("unreadable sidecar", SIDECAR, "not an object")),
    (None, ("unreadable sidecar", SIDECAR, "unknown encoding 'no-such-codec'")),
])
def test_a_sidecar_that_is_not_ours_is_a_one_line_error(tmp_path, content, words):
    store = make_store(tmp_path)
    meta = store / SIDECAR
    if content is None:
        doc = json.loads(meta.read_text())
        doc["encoding"] = "no-such-codec"
        content = json.dumps(doc).encode()
    meta.write_bytes(content)
    for args in (("diff",), ("log",), ("show", "latest"), ("check",)):
        one_line_error(tracker(*args, "--store", str(store)), *words)
    r = tracker("verify", "--store", str(store), "--format", "json")
    assert r.code == 1 and [p["path"] for p in json.loads(r.out)["problems"]] == [SIDECAR]


@pytest.mark.parametrize("which", [CAPTURE, SIDECAR])
def test_a_capture_replaced_by_a_link_out_of_the_store_is_never_followed(tmp_path, which):
    store = make_store(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET outside the store\n")
    (store / which).unlink()
    (store / which).symlink_to(secret)
    for args in (("show", "latest", "--raw"), ("diff",), ("log",)):
        r = tracker(*args, "--store", str(store))
        one_line_error(r, "symbolic link", which)
        assert "SECRET" not in r.out
    r = tracker("verify", "--store", str(store), "--format", "json")
    assert r.code == 1
    assert ("modified", which) in [(p["kind"], p["path"]) for p in json.loads(r.out)["problems"]]


def test_a_source_folder_replaced_by_a_link_out_of_the_store_is_never_followed(tmp_path):
    """A folder on the way counts as much as the file: reads check each folder once per
    command (not a realpath per file), and refuse a linked one."""
    import shutil

    store = make_store(tmp_path)
    folder = store / CAPTURE.split("/")[0]
    outside = tmp_path / "outside"
    shutil.copytree(folder, outside)
    (outside / CAPTURE.split("/")[1]).write_text("SECRET outside the store\n")
    shutil.rmtree(folder)
    folder.symlink_to(outside, target_is_directory=True)
    for args in (("show", "latest", "--raw"), ("log",)):
        r = tracker(*args, "--store", str(store))
        one_line_error(r, "symbolic link")
        assert "SECRET" not in r.out


# -- 4. a failure half way leaves the store as it was, or is completed --------------------------


run_in_process = tracker  # in-process, so a test can make one git step fail as a full disk would


def full_disk_checkout(monkeypatch, *, then=None):
    """Make `git checkout-index` write part of each file and fail, as on a full disk."""
    from tracker.errors import TrackerError
    from tracker.store import gitio

    real = gitio.run

    def run(cwd, *args, **kw):
        if args and args[0] == "checkout-index":
            for raw in kw["input"].split(b"\0"):
                if raw:
                    path = Path(cwd) / raw.decode()
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(b"" if raw.endswith(b".json") else b"1 May 2")
            if then is not None:
                then(cwd)
            raise TrackerError("git checkout-index failed: write error: No space left on device")
        return real(cwd, *args, **kw)

    monkeypatch.setattr(gitio, "run", run)


def test_a_full_disk_during_checkout_leaves_the_store_as_it_was(tmp_path, git_env, monkeypatch):
    store = make_store(tmp_path)
    (tmp_path / "page.txt").write_text(PAGE)
    before = state(store)
    full_disk_checkout(monkeypatch)
    code, _, err = run_in_process("import", "--store", str(store), str(tmp_path / "page.txt"))
    assert code == 2 and "No space left on device" in err and "Traceback" not in err
    monkeypatch.undo()
    assert state(store) == before  # HEAD, index and files: no partial capture, no empty sidecar
    assert git(store, "status", "--porcelain") == ""
    assert not list((store / ".git").glob("tracker-journal*"))
    r = tracker("verify", "--store", str(store))
    assert r.code == 0 and "all intact" in r.out
    again = tracker("import", "--store", str(store), str(tmp_path / "page.txt"))
    assert again.code == 0 and "1 added" in again.out


def test_an_import_killed_during_checkout_is_completed_and_its_index_lock_removed(
    tmp_path, git_env, monkeypatch
):
    from tracker.store import Store

    store = make_store(tmp_path)
    (tmp_path / "page.txt").write_text(PAGE)
    head = git(store, "rev-parse", "HEAD")

    def killed_with_git(cwd):  # the kill took git down too, with its index.lock
        (Path(cwd) / ".git" / "index.lock").write_bytes(b"")
        raise KeyboardInterrupt

    full_disk_checkout(monkeypatch, then=killed_with_git)
    monkeypatch.setattr(Store, "_rollback", lambda *a: None)  # a killed process undoes nothing
    run_in_process("import", "--store", str(store), str(tmp_path / "page.txt"))
    monkeypatch.undo()
    assert git(store, "rev-parse", "HEAD") == head and (store / ".git" / "index.lock").exists()
    for command in (("log",), ("show", "latest")):
        r = tracker(*command, "--store", str(store))
        assert r.code == 0
        assert "tracker: warning: an import is unfinished" in r.err, r.err
    (tmp_path / "page2.txt").write_text(PAGE.replace("1 May", "2 May"))
    # no other git works in the store (git's own detached auto-maintenance, started by the
    # commands above, may still run on a loaded machine: the lock would rightly be kept)
    monkeypatch.setattr("tracker.store._git_running_in", lambda top, gitdir: False)
    r = tracker("import", "--store", str(store), str(tmp_path / "page2.txt"))
    assert r.code == 0, r.err
    assert "removed" in r.err and "index.lock" in r.err
    assert "completed an interrupted import" in r.out and "1 added" in r.out
    assert len(git(store, "ls-files", "rusemb.org.uk").split()) == 14
    assert git(store, "status", "--porcelain") == ""
    v = tracker("verify", "--store", str(store))
    assert v.code == 0 and "7 captures verified: all intact" in v.out
    assert tracker("log", "--store", str(store)).err == ""


def test_an_index_lock_of_someone_else_is_named_with_its_remedy(tmp_path):
    store = make_store(tmp_path)
    (tmp_path / "page.txt").write_text(PAGE)
    lock = store / ".git" / "index.lock"
    lock.write_bytes(b"")
    before = state(store)
    r = tracker("import", "--store", str(store), str(tmp_path / "page.txt"))
    one_line_error(r, "index.lock", f"rm '{lock}'")
    assert state(store) == before and lock.exists()


def test_a_refused_import_leaves_no_pack_or_object_behind(tmp_path):
    store = make_store(tmp_path)
    objects = store / ".git" / "objects"
    before = sorted(p.relative_to(objects) for p in objects.rglob("*"))
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(150):  # enough for fast-import to write a pack, not loose objects
        (folder / f"a{i:03d}.txt").write_text(f"page {i}\n" * 100)
    (folder / "zz.txt").write_bytes(b"")  # refused after the others went to git
    r = tracker("import", "--store", str(store), "--source", "ex", "--at", "2023-05-01",
                str(folder))
    assert r.code == 2 and r.err.splitlines()[-1].endswith("(a capture must hold some text)")
    assert sorted(p.relative_to(objects) for p in objects.rglob("*")) == before


def test_an_interrupted_import_the_user_committed_meanwhile_is_left_as_committed(
    tmp_path, git_env, monkeypatch
):
    from tracker.store import Store, gitio

    store = make_store(tmp_path)
    (tmp_path / "page.txt").write_text(PAGE)

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # killed once its files were checked out, before the branch

    monkeypatch.setattr(gitio, "update_ref", killed)
    monkeypatch.setattr(Store, "_rollback", lambda *a: None)
    run_in_process("import", "--store", str(store), str(tmp_path / "page.txt"))
    monkeypatch.undo()
    git(store, "commit", "-qm", "the user's own commit of what was staged")
    committed = state(store)
    (tmp_path / "page2.txt").write_text(PAGE.replace("1 May", "2 May"))
    r = tracker("import", "--store", str(store), str(tmp_path / "page2.txt"))
    assert r.code == 0 and "1 added" in r.out, r.err
    head, _, files = state(store)
    assert set(committed[2]) < set(files) and git(store, "status", "--porcelain") == ""
    v = tracker("verify", "--store", str(store))
    assert v.code == 0 and "7 captures verified: all intact" in v.out
