"""The few git plumbing calls the store needs, each one process for a whole batch.

Writing goes through `git fast-import` (one stream: every blob and one commit), never through a
per-file `git add`: 10,000 captures cost one process, and the user's index is never used to build
the commit, so nothing the user staged or changed can slip into it.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import threading
import time
from pathlib import Path

from tracker.errors import TrackerError
from tracker.store.lock import HELD

ZERO = "0" * 40
FALLBACK_NAME, FALLBACK_EMAIL = "tracker", "tracker@localhost"
# Variables that would point git at another repository or index than the one we ask for.
_REPO_VARS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_PREFIX")


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _REPO_VARS}
    env["GIT_TERMINAL_PROMPT"] = "0"
    env.update(extra or {})
    return env


def run(
    cwd: Path, *args: str, input: bytes | None = None, check: bool = True,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    try:
        proc = subprocess.run(
            ["git", *args], cwd=cwd, input=input, capture_output=True, env=_env(env),
            pass_fds=tuple(HELD),
        )
    except FileNotFoundError:
        raise TrackerError("git is not installed", "install git and try again") from None
    if check and proc.returncode != 0:
        raise TrackerError(f"git {args[0]} failed: {_first_line(proc.stderr)}", _hint(proc.stderr))
    return proc


def out(cwd: Path, *args: str, check: bool = True) -> str:
    return run(cwd, *args, check=check).stdout.decode("utf-8", "surrogateescape").strip()


def _first_line(stderr: bytes) -> str:
    lines = [ln.strip() for ln in stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    return lines[0] if lines else "(no message)"


def _hint(stderr: bytes) -> str | None:
    if b"index.lock" in stderr:
        return "another git process is using the repository; if none is, remove .git/index.lock"
    return None


def find_repo(path: Path) -> tuple[Path, Path] | None:
    """(work tree top, absolute git dir) of the repository holding `path`, or None."""
    start = path
    while not start.is_dir():
        if start.parent == start:
            return None
        start = start.parent
    proc = run(start, "rev-parse", "--show-toplevel", "--absolute-git-dir", check=False)
    if proc.returncode != 0:
        broken = _dot_git_above(start)
        if broken is None:
            return None
        # git stops looking at a .git it cannot open (a damaged HEAD says "not a repository"):
        # never take that for "no repository", or the next write would nest a new one inside.
        raise TrackerError(
            f"the git repository at {broken} is damaged: {_first_line(proc.stderr)}",
            f"run git fsck in {broken} and repair .git (e.g. its HEAD file), or restore it "
            "from a clone or a backup",
        )
    lines = proc.stdout.decode("utf-8", "surrogateescape").splitlines()
    if len(lines) != 2 or not lines[0]:
        return None  # a bare repository or inside .git: not a work tree
    return Path(lines[0]), Path(lines[1])


def _dot_git_above(path: Path) -> Path | None:
    """The nearest folder at or above `path` that holds a `.git` (folder or file), if any."""
    for folder in (path, *path.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return None


def init(path: Path) -> None:
    run(path, "init", "-q")


def current_branch(top: Path) -> tuple[str, str | None]:
    """(full ref of the checked-out branch, its tip or None when unborn)."""
    proc = run(top, "symbolic-ref", "-q", "HEAD", check=False)
    if proc.returncode != 0:
        raise TrackerError(
            f"the repository at {top} has a detached HEAD",
            "check out a branch (git switch NAME) before importing",
        )
    ref = proc.stdout.decode().strip()
    return ref, head_commit(top, ref)


def head_commit(top: Path, ref: str = "HEAD") -> str | None:
    """The commit `ref` names; None on an unborn branch; an error when it names an object git
    cannot read (a damaged repository must not look like an empty one)."""
    commit = resolve(top, ref)
    if commit is None:
        named = run(top, "rev-parse", "-q", "--verify", ref, check=False)
        oid = named.stdout.decode().strip()
        if named.returncode == 0 and oid:
            raise TrackerError(
                f"the git repository at {top} is damaged: {ref} names {oid[:12]}, "
                "which git cannot read",
                "run git fsck, and restore the repository from a clone or a backup",
            )
    return commit


def resolve(top: Path, ref: str) -> str | None:
    proc = run(top, "rev-parse", "-q", "--verify", ref + "^{commit}", check=False)
    return proc.stdout.decode().strip() or None if proc.returncode == 0 else None


def identity(top: Path) -> tuple[str, str]:
    """git's configured user (env first, then config), else tracker <tracker@localhost>."""
    proc = run(top, "config", "-z", "--get-regexp", r"^user\.(name|email)$", check=False)
    conf: dict[str, str] = {}
    for item in proc.stdout.decode("utf-8", "replace").split("\0"):
        key, _, value = item.partition("\n")
        if key:
            conf[key] = value
    name = os.environ.get("GIT_AUTHOR_NAME") or conf.get("user.name") or FALLBACK_NAME
    email = os.environ.get("GIT_AUTHOR_EMAIL") or conf.get("user.email") or FALLBACK_EMAIL
    return name, email


def blob_id(data: bytes) -> str:
    """The object id git gives these bytes as a blob (no filters): sha1("blob <len>\\0" + data)."""
    h = hashlib.sha1(b"blob %d\0" % len(data))
    h.update(data)
    return h.hexdigest()


def tree_blobs(top: Path, commit: str | None, rel: str) -> dict[str, str]:
    """{path relative to the top: blob id} for every file under `rel` in `commit`."""
    if commit is None:
        return {}
    args = ["ls-tree", "-r", "-z", "--full-tree", commit]
    if rel:
        args += ["--", rel]
    proc = run(top, *args, env={"GIT_LITERAL_PATHSPECS": "1"}, check=False)
    if proc.returncode != 0:
        raise damaged(top, f"the tree of {commit[:12]} is unreadable ({_first_line(proc.stderr)})")
    blobs = {}
    for entry in proc.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if not entry:
            continue
        meta, _, path = entry.partition("\t")
        mode, kind, oid = meta.split()
        if kind == "blob":
            blobs[path] = oid
    return blobs


def damaged(top: Path, problem: str) -> TrackerError:
    return TrackerError(
        f"the git repository at {top} is damaged: {problem}",
        "run git fsck, and restore the repository from a clone or a backup",
    )


def missing_objects(top: Path, oids: list[str]) -> list[str]:
    """The objects git has no readable header for: one `cat-file --batch-check` for all."""
    if not oids:
        return []
    proc = run(top, "cat-file", "--batch-check", input="\n".join(oids).encode() + b"\n")
    return [
        line.split()[0]
        for line in proc.stdout.decode("ascii", "replace").splitlines()
        if line.endswith(" missing")
    ]


def unreadable_blobs(top: Path, oids: list[str]) -> set[str]:
    """The blobs git cannot give back whole and unchanged (lost, truncated or corrupt).

    One `cat-file --batch` reads every blob; each is hashed again, so damage that still
    inflates is caught too. git dies at an object it cannot stream: that one is unreadable,
    and a new process goes on with the rest (one process in all for a sound store).
    """
    bad: set[str] = set()
    todo = list(dict.fromkeys(oids))
    while todo:
        done = _read_batch(top, todo, bad)
        todo = todo[done:]
    return bad


def _read_batch(top: Path, oids: list[str], bad: set[str]) -> int:
    """Read `oids` in one process; return how many were settled before git stopped."""
    try:
        proc = subprocess.Popen(
            ["git", "cat-file", "--batch"], cwd=top, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_env(), pass_fds=tuple(HELD),
        )
    except FileNotFoundError:
        raise TrackerError("git is not installed", "install git and try again") from None

    def feed() -> None:
        try:
            proc.stdin.write("".join(oid + "\n" for oid in oids).encode())
            proc.stdin.close()
        except OSError:
            pass  # git stopped early: the reader sees it

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    settled = 0
    try:
        for oid in oids:
            header = proc.stdout.readline().split()
            if len(header) != 3 or header[1] != b"blob":
                bad.add(oid)
                if not header:  # git stopped at this object
                    return settled + 1
                settled += 1
                continue
            size = int(header[2])
            data = proc.stdout.read(size + 1)
            if len(data) != size + 1:
                bad.add(oid)
                return settled + 1
            if blob_id(data[:size]) != oid:
                bad.add(oid)
            settled += 1
        return settled
    finally:
        proc.stdout.close()
        proc.kill()
        proc.wait()
        writer.join()


def staged_under(top: Path, rel: str) -> list[str]:
    """Paths under `rel` whose index entry differs from HEAD (staged by the user)."""
    args = ["diff", "--cached", "--name-only", "-z", "--no-renames"]
    if rel:
        args += ["--", rel]
    proc = run(top, *args, env={"GIT_LITERAL_PATHSPECS": "1"})
    return [p for p in proc.stdout.decode("utf-8", "surrogateescape").split("\0") if p]


def _quote(path: str) -> bytes:
    raw = path.encode("utf-8", "surrogateescape")
    if raw.startswith(b'"') or b"\n" in raw:
        raise TrackerError(f"cannot store a path like {path!r}", "use a simpler store directory")
    return raw


INCOMING = "tracker-incoming"  # fast-import's own object folder, inside the objects folder


def objects_dir(top: Path) -> Path:
    """The repository's object folder (shared by linked work trees)."""
    return top / out(top, "rev-parse", "--git-path", "objects")


class FastImport:
    """One `git fast-import` stream: blobs as they come (git compresses them on the other core
    while we read the next file), then one commit on a private ref.

    fast-import writes into a folder of its own (the repository's objects stay readable through
    it as an alternate), moved into the repository only once the stream is complete: an import
    refused or killed half way leaves no `tmp_pack_*` and no objects behind (the next one
    removes its folder, under the store's lock).
    """

    def __init__(self, top: Path):
        self.top = top
        self.marks = 0
        objects = objects_dir(top).resolve()
        self.incoming = objects / INCOMING
        self._clear()  # what a refused or killed import left: its tmp_pack_*, unused objects
        try:
            (self.incoming / "pack").mkdir(parents=True)
        except OSError as e:
            raise TrackerError(f"cannot write into {objects}: {e.strerror}", None) from None
        alternate = str(objects)
        if ":" in alternate or alternate.startswith('"'):  # the variable is colon-separated
            alternate = '"' + alternate.replace("\\", "\\\\").replace('"', '\\"') + '"'
        env = _env({"GIT_OBJECT_DIRECTORY": str(self.incoming),
                    "GIT_ALTERNATE_OBJECT_DIRECTORIES": alternate})
        try:
            self.proc = subprocess.Popen(
                # Loose-object speed, as `git add` has: zlib level 1 and no delta search (a
                # later `git gc` repacks with deltas).
                ["git", "-c", "pack.compression=1", "fast-import", "--quiet", "--force",
                 "--done", "--depth=0"],
                cwd=top, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE, env=env, pass_fds=tuple(HELD),
            )
        except FileNotFoundError:
            raise TrackerError("git is not installed", "install git and try again") from None

    def __enter__(self) -> FastImport:
        return self

    def __exit__(self, kind, value, tb) -> None:
        if self.proc.poll() is None:
            self.abort()

    def _write(self, *chunks: bytes) -> None:
        try:
            for chunk in chunks:
                self.proc.stdin.write(chunk)
        except BrokenPipeError:
            self._failed()

    def _failed(self):
        self.proc.kill()
        stderr = self.proc.stderr.read() if self.proc.stderr else b""
        self.proc.wait()
        self._clear()
        raise TrackerError(f"git fast-import failed: {_first_line(stderr)}", _hint(stderr))

    def blob(self, data: bytes) -> int:
        self.marks += 1
        self._write(b"blob\nmark :%d\ndata %d\n" % (self.marks, len(data)), data, b"\n")
        return self.marks

    def commit(
        self, ref: str, message: str, parent: str | None, files: list[tuple[str, int]]
    ) -> str:
        """Commit `files` (path, blob mark) on top of `parent`; return the commit's id."""
        name, email = identity(self.top)
        ident = f"{name} <{email}> {int(time.time())} {time.strftime('%z') or '+0000'}".encode()
        msg = message.encode()
        lines = [b"commit " + ref.encode() + b"\n", b"author " + ident + b"\n",
                 b"committer " + ident + b"\n", b"data %d\n" % len(msg), msg, b"\n"]
        if parent:
            lines.append(b"from " + parent.encode() + b"\n")
        lines.extend(b"M 100644 :%d " % mark + _quote(path) + b"\n" for path, mark in files)
        lines.append(b"\ndone\n")
        self._write(*lines)
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        if self.proc.wait() != 0:
            self._failed()
        self._publish()
        commit = resolve(self.top, ref)
        if commit is None:
            raise TrackerError("git fast-import wrote no commit", None)
        return commit

    def _publish(self) -> None:
        """Move the new objects into the repository: loose ones (a small import), then the
        pack with its index file last, as git does, so git never sees an index without its
        pack."""
        objects = self.incoming.parent
        for folder in self.incoming.iterdir():
            if len(folder.name) == 2 and folder.is_dir():
                (objects / folder.name).mkdir(exist_ok=True)
                for obj in folder.iterdir():
                    os.replace(obj, objects / folder.name / obj.name)
        pack = self.incoming / "pack"
        order = {".pack": 0, ".rev": 1, ".idx": 2}
        for path in sorted(pack.iterdir(), key=lambda p: order.get(p.suffix, 1)):
            if path.name.startswith("pack-"):
                os.replace(path, objects / "pack" / path.name)
        self._clear()

    def _clear(self) -> None:
        """Only fast-import ever writes here, under the store's lock: safe to remove whole."""
        import shutil

        shutil.rmtree(self.incoming, ignore_errors=True)

    def abort(self) -> None:
        self.proc.kill()
        self.proc.wait()
        self._clear()


def update_ref(top: Path, ref: str, new: str, old: str | None, message: str) -> None:
    run(top, "update-ref", "-m", message, ref, new, old or ZERO)


def delete_ref(top: Path, ref: str) -> None:
    run(top, "update-ref", "-d", ref, check=False)


def forget_paths(top: Path, paths: list[str]) -> None:
    """Take `paths` out of the index (their files are left to the caller)."""
    if paths:
        listing = b"".join(path.encode("utf-8", "surrogateescape") + b"\0" for path in paths)
        run(top, "update-index", "-z", "--force-remove", "--stdin", input=listing)


def checkout_paths(top: Path, files: list[tuple[str, str]]) -> None:
    """Put exactly `files` (path, blob id) into the index and the work tree; nothing else.

    Two linear stdin-fed calls: `update-index --index-info` sets the entries, `checkout-index -u`
    writes them and records their stat data. (`git checkout <commit> -- <pathspecs>` does the
    same but matches every pathspec against every path: 1 s for 2,000 files.)
    """
    if not files:
        return
    entries = b"".join(
        b"100644 %s\t%s\0" % (oid.encode(), path.encode("utf-8", "surrogateescape"))
        for path, oid in files
    )
    run(top, "update-index", "-z", "--index-info", input=entries)
    listing = b"\0".join(path.encode("utf-8", "surrogateescape") for path, _ in files) + b"\0"
    run(top, "checkout-index", "-f", "-u", "-z", "--stdin", input=listing)
