"""Git-scraping histories: one file rewritten by a scheduled scraper, one commit per change.

Each commit that changed the file becomes a capture at the time the page shows, or else at its
commit time. One `git log --raw` lists commits and blob ids together, and GitPython's
persistent `git cat-file --batch` process reads every blob: a process per commit would cost
~10x more on a history of thousands of commits.
"""

from __future__ import annotations

import codecs
import posixpath
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from tracker.capture.body import decode_body
from tracker.capture.html import html_to_text
from tracker.capture.mediatype import sniff
from tracker.capture.readers import check_size
from tracker.capture.timefind import find_time
from tracker.errors import TrackerError
from tracker.models import AHEAD, NewCapture

_NULL = "0" * 40
_LFS = b"version https://git-lfs.github.com/spec/v1\n"  # a pointer file's first line
_NOT_FILES = {"120000": "a symbolic link", "160000": "a submodule"}  # git's modes for them


def list_changes(repo: Path, path: str) -> list[tuple[str, datetime, str]]:
    """(commit, commit time, blob id) for each commit that changed `path`, oldest first.
    A path that is a folder at any commit is refused: its files are not one page, nor is a
    symbolic link or a submodule there.

    Every branch's commits count, and a merge that changed the file against any of its
    parents (a conflict resolved by hand, a side's text taken back): `--full-history -m`, as
    git's default walk drops a side branch the merge did not take, and shows no merge's own
    text; `-m` lists a merge once per parent, with the same resulting blob."""
    out = _git(repo, "log", "--reverse", "--no-renames", "--full-history", "-m", "--raw",
               "--no-abbrev", "--format=commit %H %cI", "--", path)
    target = posixpath.normpath(path.replace("\\", "/")).strip("/")
    changes: list[tuple[str, datetime, str]] = []
    listed: set[str] = set()
    commit, when, blobs = None, None, []

    def finish():
        if commit is not None and blobs and blobs[-1] != _NULL and commit not in listed:
            listed.add(commit)
            changes.append((commit, when, blobs[-1]))

    for line in out.splitlines():
        if line.startswith("commit "):
            finish()
            _, commit, iso = line.split(" ", 2)
            when, blobs = datetime.fromisoformat(iso), []
        elif line.startswith(":"):
            raw, _, changed = line.partition("\t")
            changed = _unquote(changed)
            if target in (".", "") or changed.startswith(target + "/"):
                raise TrackerError(
                    f"{path} is a folder in {repo} (commit {commit[:10]} changed {changed})",
                    "give one file with --path",
                )
            meta = raw.split()
            if len(meta) >= 5:
                if meta[1] in _NOT_FILES and not meta[4].startswith("D"):
                    raise TrackerError(
                        f"{path} is {_NOT_FILES[meta[1]]} in {repo} at commit {commit[:10]}, "
                        "not a file",
                        "give the path of the file the scraper writes with --path",
                    )
                blobs.append(_NULL if meta[4].startswith("D") else meta[3])
    finish()
    return changes


def _unquote(path: str) -> str:
    """git writes unusual file names C-quoted: `"caf\\303\\251.txt"`."""
    if len(path) > 1 and path[0] == path[-1] == '"':
        return codecs.escape_decode(path[1:-1].encode())[0].decode("utf-8", "replace")
    return path


def read_history(repo: Path, path: str, max_bytes: int | None = None) -> Iterator[NewCapture]:
    """Every version of `path` in `repo`'s history (current branch), as captures, oldest first;
    a version larger than `max_bytes` is refused before it is read."""
    repo = Path(repo)
    changes = list_changes(repo, path)
    if not changes:
        raise TrackerError(
            f"no commit in {repo} changed {path}",
            "give the file's path relative to the repository root",
        )
    git = _repo(repo).git
    try:
        for commit, committed_at, blob in changes:
            size, stream = git.stream_object_data(blob)[2:]  # one persistent `cat-file --batch`
            if max_bytes is not None and size > max_bytes:
                while stream.read(1 << 20):  # the pipe must be read past it, a chunk at a time
                    pass
                check_size(f"{path} at commit {commit[:10]}", size, max_bytes)
            data = stream.read()
            if not data.strip():
                continue  # a scraper that wrote an empty file captured nothing
            yield _capture(data, path, commit, committed_at)
    finally:
        git.clear_cache()  # ends the persistent git process


def _capture(data: bytes, path: str, commit: str, committed_at: datetime) -> NewCapture:
    if data.startswith(_LFS) and len(data) < 1024:
        raise TrackerError(
            f"{path} at commit {commit[:10]} is a Git LFS pointer, not the page: its bytes are "
            "kept outside the history",
            "tracker reads the history itself, not LFS storage: import checked-out files instead",
        )
    media_type = sniff(data, path)
    text, encoding = decode_body(data, media_type, None, f"{path}@{commit[:10]}")
    if media_type == "text/html":
        text = html_to_text(data)  # its visible text (the page is decoded once: capture.memo)
    found = find_time(text, None, committed_at + AHEAD)  # fetched, then committed
    when, how = found if found is not None else (committed_at, "commit")
    return NewCapture(
        data=data,
        captured_at=when,
        time_source=how,
        media_type=media_type,
        encoding=encoding,
        original_name=Path(path).name,
        extra={"commit": commit},
    )


def _repo(path: Path):
    import git

    try:
        return git.Repo(path)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise TrackerError(f"{path} is not a git repository", "give one with --git") from None


def _git(repo: Path, *args: str) -> str:
    import git

    try:
        return _repo(repo).git.execute(["git", *args])
    except git.GitCommandError as e:
        first = (str(e.stderr).strip().strip("'").strip().splitlines() or ["failed"])[0]
        raise TrackerError(f"git in {repo}: {first}", "give a git repository with --git") from None
