"""The store: layout, one commit per import, dedupe, naming, refs, verify, safety."""

from __future__ import annotations

import hashlib
import json
import subprocess
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tracker.errors import TrackerError
from tracker.models import NewCapture
from tracker.store import Store, gitio
from tracker.store.lock import locked

SOURCE = "rusemb.org.uk"
IDS = ["20181018072900", "20181022124400", "20210920075900", "20211025210300", "20220521081600"]
MSK = timezone(timedelta(hours=3))


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


def state(top: Path) -> tuple:
    """HEAD, the index and every work-tree file: what 'unchanged' means."""
    head = subprocess.run(["git", "rev-parse", "-q", "--verify", "HEAD"], cwd=top,
                          capture_output=True, text=True).stdout.strip()
    files = {
        str(p.relative_to(top)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(top.rglob("*")) if p.is_file() and ".git" not in p.relative_to(top).parts
    }
    return head, git(top, "ls-files", "-s"), files


def cap(text: str, when: datetime, **kw) -> NewCapture:
    return NewCapture(data=text.encode(), captured_at=when, time_source="at", **kw)


def test_samples_are_stored_by_utc_instant_with_sidecars(sample_store, seeds):
    infos = sample_store.captures(SOURCE)
    assert [i.id for i in infos] == IDS
    assert [i.captured_at.isoformat() for i in infos][2] == "2021-09-20T10:59:00+03:00"
    assert all(i.captured_at.utcoffset() == timedelta(hours=3) for i in infos)
    originals = {p.read_bytes() for p in seeds.iterdir()}
    for info in infos:
        data = (sample_store.root / info.path).read_bytes()
        assert data in originals  # byte for byte
        assert hashlib.sha256(data).hexdigest() == info.sha256 and len(data) == info.size
        doc = json.loads((sample_store.root / SOURCE / f"{info.id}.json").read_text())
        assert set(doc) >= {"captured_at", "time_source", "original_name", "url", "sha256",
                            "size", "media_type", "encoding", "extra"}
    assert sample_store.sources() == [SOURCE]


def test_one_commit_holding_exactly_the_new_files_with_trailers(sample_store):
    root = sample_store.root
    assert git(root, "rev-list", "--count", "HEAD") == "1"
    files = git(root, "show", "--name-only", "--format=", "HEAD").split()
    assert sorted(files) == sorted(f"{SOURCE}/{i}.{ext}" for i in IDS for ext in ("txt", "json"))
    message = git(root, "log", "-1", "--format=%B")
    assert f"Source: {SOURCE}" in message and "Captures: 5" in message
    assert git(root, "status", "--porcelain") == ""
    assert git(root, "log", "-1", "--format=%an <%ae>") == "Test Author <author@example.org>"


def test_reimport_adds_nothing(sample_store, seeds):
    from tracker.capture.text import TextReader

    head = git(sample_store.root, "rev-parse", "HEAD")
    again = [c for p in sorted(seeds.iterdir()) for c in TextReader().read(p)]
    result = sample_store.add(again, source=SOURCE)
    assert (len(result.added), len(result.skipped), result.commit) == (0, 5, None)
    assert git(sample_store.root, "rev-parse", "HEAD") == head


def test_same_instant_other_bytes_are_both_kept_named_by_content(tmp_path, git_env):
    store = Store.open(tmp_path / "s", create=True)
    when = datetime(2021, 9, 20, 10, 59, tzinfo=MSK)
    first = store.add([cap("one", when)], source="a").added[0]
    second = store.add([cap("two", when)], source="a").added[0]
    digest = hashlib.sha256(b"two").hexdigest()
    assert (first.id, second.id) == ("20210920075900", f"20210920075900-{digest[:8]}")
    assert [i.id for i in store.captures("a")] == [first.id, second.id]
    assert store.resolve("a", f"20210920075900-{digest[:8]}")[0].id == second.id


def test_captures_sort_by_utc_whatever_order_they_came_in(tmp_path, git_env):
    store = Store.open(tmp_path / "s", create=True)
    late = cap("late", datetime(2021, 1, 1, 12, tzinfo=UTC))
    early = cap("early", datetime(2021, 1, 1, 14, tzinfo=timezone(timedelta(hours=5))))
    store.add([late], source="a")
    store.add([early], source="a")
    assert [i.id for i in store.captures("a")] == ["20210101090000", "20210101120000"]


@pytest.mark.parametrize("name", ["../escape", "UPPER", "a/b", "", ".hidden", "a..b", "sp ace"])
def test_unsafe_source_names_are_refused_and_nothing_written(tmp_path, git_env, name):
    store = Store.open(tmp_path / "s", create=True)
    with pytest.raises(TrackerError, match="invalid source name"):
        store.add([cap("x", datetime(2021, 1, 1, tzinfo=UTC))], source=name)
    assert not (tmp_path / "s").exists() or not any((tmp_path / "s").iterdir())


def test_source_comes_from_the_capture_or_the_only_source(tmp_path, git_env):
    store = Store.open(tmp_path / "s", create=True)
    with pytest.raises(TrackerError, match="--source"):
        store.add([cap("x", datetime(2021, 1, 1, tzinfo=UTC))])
    store.add([cap("x", datetime(2021, 1, 1, tzinfo=UTC), source="Example.ORG")])
    assert store.sources() == ["example.org"]
    store.add([cap("y", datetime(2021, 1, 2, tzinfo=UTC))])  # the store's only source
    assert len(store.captures("example.org")) == 2
    store.add([cap("z", datetime(2021, 1, 3, tzinfo=UTC))], source="other")
    with pytest.raises(TrackerError, match="holds 2 sources"):
        store.resolve_source(None)
    with pytest.raises(TrackerError, match="--source"):
        store.add([cap("w", datetime(2021, 1, 4, tzinfo=UTC))])


def test_store_inside_a_repository_commits_under_its_folder(tmp_path, git_env):
    top = tmp_path / "project"
    top.mkdir()
    git(top, "init", "-q")
    (top / "README").write_text("mine\n")
    git(top, "add", "README")
    git(top, "commit", "-q", "-m", "first")
    store = Store.open(top / "data" / "snapshots", create=True)
    store.add([cap("x", datetime(2021, 1, 1, tzinfo=UTC))], source="a")
    assert git(top, "show", "--name-only", "--format=", "HEAD").split() == [
        "data/snapshots/a/20210101000000.json", "data/snapshots/a/20210101000000.txt"
    ]
    assert git(top, "rev-list", "--count", "HEAD") == "2"
    assert store.verify() == []


def test_unborn_branch_is_supported(tmp_path, git_env):
    top = tmp_path / "project"
    top.mkdir()
    git(top, "init", "-q")
    store = Store.open(top / "snapshots", create=True)
    store.add([cap("x", datetime(2021, 1, 1, tzinfo=UTC))], source="a")
    assert git(top, "rev-list", "--count", "HEAD") == "1"
    assert git(top, "status", "--porcelain") == ""


def test_detached_head_is_refused(sample_store):
    root = sample_store.root
    git(root, "checkout", "-q", "--detach")
    before = state(root)
    with pytest.raises(TrackerError, match="detached HEAD"):
        sample_store.add([cap("x", datetime(2023, 1, 1, tzinfo=UTC))], source=SOURCE)
    assert state(root) == before


def _project_with_store(tmp_path) -> tuple[Path, Store]:
    top = tmp_path / "project"
    top.mkdir()
    git(top, "init", "-q")
    (top / "notes.txt").write_text("v1\n")
    (top / "other.txt").write_text("v1\n")
    git(top, "add", ".")
    git(top, "commit", "-q", "-m", "first")
    store = Store.open(top / "snapshots", create=True)
    store.add([cap("x", datetime(2021, 1, 1, tzinfo=UTC))], source="a")
    return top, store


def test_staged_changes_inside_the_store_are_refused(tmp_path, git_env):
    top, store = _project_with_store(tmp_path)
    (top / "snapshots" / "a" / "notes.md").write_text("my note\n")
    git(top, "add", "snapshots/a/notes.md")
    before = state(top)
    with pytest.raises(TrackerError, match="staged change"):
        store.add([cap("y", datetime(2021, 1, 2, tzinfo=UTC))], source="a")
    assert state(top) == before


def test_the_users_changes_elsewhere_are_left_exactly_as_they_were(tmp_path, git_env):
    top, store = _project_with_store(tmp_path)
    (top / "notes.txt").write_text("v2 staged\n")
    git(top, "add", "notes.txt")
    (top / "notes.txt").write_text("v3 unstaged on top\n")
    (top / "other.txt").write_text("v2 unstaged\n")
    (top / "untracked.txt").write_text("new\n")
    status = git(top, "status", "--porcelain")
    staged = git(top, "diff", "--cached")
    result = store.add([cap("y", datetime(2021, 1, 2, tzinfo=UTC))], source="a")
    assert git(top, "show", "--name-only", "--format=", "HEAD").split() == [
        "snapshots/a/20210102000000.json", "snapshots/a/20210102000000.txt"
    ]
    assert result.commit == git(top, "rev-parse", "HEAD")
    assert git(top, "status", "--porcelain") == status
    assert git(top, "diff", "--cached") == staged
    assert (top / "notes.txt").read_text() == "v3 unstaged on top\n"


def test_an_import_killed_after_the_ref_moved_is_completed_by_the_next(
    tmp_path, git_env, monkeypatch
):
    store = Store.open(tmp_path / "s", create=True)
    store.add([cap("x", datetime(2021, 1, 1, tzinfo=UTC))], source="a")

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # as if the process died after the ref moved

    monkeypatch.setattr(Store, "_done", killed)  # a killed process cleans nothing up
    with pytest.raises(KeyboardInterrupt):
        store.add([cap("y", datetime(2021, 1, 2, tzinfo=UTC))], source="a")
    assert [p.kind for p in store.verify()][:1] == ["interrupted"]
    monkeypatch.undo()
    result = store.add([cap("z", datetime(2021, 1, 3, tzinfo=UTC))], source="a")
    assert len(result.added) == 1 and result.recovered is not None
    assert [i.id for i in store.captures("a")] == [
        "20210101000000", "20210102000000", "20210103000000"
    ]
    assert git(store.root, "status", "--porcelain") == ""
    assert store.verify() == []


def test_an_import_killed_before_the_ref_moved_is_discarded(tmp_path, git_env, monkeypatch):
    store = Store.open(tmp_path / "s", create=True)
    store.add([cap("x", datetime(2021, 1, 1, tzinfo=UTC))], source="a")
    head = git(store.root, "rev-parse", "HEAD")

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    real = gitio.update_ref
    monkeypatch.setattr(gitio, "update_ref", killed)
    with pytest.raises(KeyboardInterrupt):
        store.add([cap("y", datetime(2021, 1, 2, tzinfo=UTC))], source="a")
    monkeypatch.setattr(gitio, "update_ref", real)
    assert git(store.root, "rev-parse", "HEAD") == head
    result = store.add([cap("y", datetime(2021, 1, 2, tzinfo=UTC))], source="a")
    assert [i.id for i in result.added] == ["20210102000000"]
    assert store.verify() == [] and git(store.root, "status", "--porcelain") == ""


def test_a_second_writer_waits_then_fails_cleanly(sample_store, monkeypatch):
    monkeypatch.setenv("TRACKER_LOCK_TIMEOUT", "0.3")
    gitdir = Path(git(sample_store.root, "rev-parse", "--absolute-git-dir"))
    before = state(sample_store.root)
    with locked(gitdir / "tracker.lock"):
        with pytest.raises(TrackerError, match="another tracker process"):
            sample_store.add([cap("x", datetime(2023, 1, 1, tzinfo=UTC))], source=SOURCE)
    assert state(sample_store.root) == before


def test_identity_falls_back_when_git_has_none(tmp_path, git_env, monkeypatch):
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.delenv(f"GIT_{role}_NAME")
        monkeypatch.delenv(f"GIT_{role}_EMAIL")
    store = Store.open(tmp_path / "s", create=True)
    store.add([cap("x", datetime(2021, 1, 1, tzinfo=UTC))], source="a")
    who = git(store.root, "log", "-1", "--format=%an <%ae>|%cn")
    assert who == "tracker <tracker@localhost>|tracker"


def test_a_store_path_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(TrackerError, match="is a file"):
        Store.open(tmp_path / "f", create=True)
    with pytest.raises(TrackerError, match="no store"):
        Store.open(tmp_path / "missing")


def test_resolve_refs(sample_store):
    def rid(ref):
        return sample_store.resolve(SOURCE, ref)[0].id

    assert rid("2021-09-20") == "20210920075900"
    assert rid("2021-10-26") == "20211025210300"  # the page's day, not the UTC one
    assert rid("first") == IDS[0] and rid("latest") == IDS[-1] and rid("latest~1") == IDS[-2]
    assert rid("20181022124400") == "20181022124400"
    assert rid("2021-09-20T10:59:00+03:00") == "20210920075900"
    assert rid("2021-09-20T07:59:00") == "20210920075900"  # naive: UTC
    with pytest.raises(TrackerError, match="has only 5 captures"):
        rid("latest~5")
    with pytest.raises(TrackerError) as err:
        rid("2021-10-25")
    assert "2021-09-20 (20210920075900)" in str(err.value)
    assert "2021-10-26 (20211025210300)" in str(err.value)
    with pytest.raises(TrackerError, match="names no capture"):
        rid("yesterday")


def test_several_captures_on_a_day_give_the_last_with_a_note(tmp_path, git_env):
    store = Store.open(tmp_path / "s", create=True)
    store.add([cap("a", datetime(2021, 9, 20, 9, tzinfo=MSK)),
               cap("b", datetime(2021, 9, 20, 18, tzinfo=MSK))], source="a")
    info, note = store.resolve("a", "2021-09-20")
    assert info.id == "20210920150000" and "2 captures" in note


def test_verify_finds_modified_missing_and_uncommitted(sample_store):
    root = sample_store.root
    assert sample_store.verify() == []
    (root / SOURCE / f"{IDS[0]}.txt").write_bytes(b"tampered\n")
    (root / SOURCE / f"{IDS[1]}.txt").unlink()
    (root / SOURCE / f"{IDS[2]}.json").unlink()
    (root / SOURCE / f"{IDS[2]}.txt").unlink()
    (root / SOURCE / "20990101000000.txt").write_text("stray\n")
    found = {(p.kind, p.path) for p in sample_store.verify()}
    assert ("modified", f"{SOURCE}/{IDS[0]}.txt") in found
    assert ("missing", f"{SOURCE}/{IDS[1]}.txt") in found
    assert ("missing", f"{SOURCE}/{IDS[2]}.txt") in found
    assert ("missing", f"{SOURCE}/{IDS[2]}.json") in found
    assert ("uncommitted", f"{SOURCE}/20990101000000.txt") in found


def test_verify_catches_a_commit_that_altered_a_capture(sample_store):
    root = sample_store.root
    (root / SOURCE / f"{IDS[3]}.txt").write_bytes(b"rewritten history\n")
    git(root, "commit", "-q", "-am", "oops")
    kinds = [(p.kind, p.path) for p in sample_store.verify()]
    assert kinds == [("modified", f"{SOURCE}/{IDS[3]}.txt")]  # its sidecar's sha256 disagrees


def test_read_text_and_cache_dir(sample_store):
    info, _ = sample_store.resolve(SOURCE, "2021-09-20")
    assert sample_store.read_text(info).startswith("20 September 2021\nMoscow: 10:59")
    gitdir = Path(git(sample_store.root, "rev-parse", "--absolute-git-dir"))
    assert sample_store.cache_dir.is_relative_to(gitdir)
