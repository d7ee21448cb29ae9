"""The capture store: one file per capture plus a JSON sidecar, in a git work tree (DESIGN §3).

Reads come straight from the work tree (a capture is one file: reading capture 1 of 100,000
costs what reading the newest does). Writes are one `git fast-import` commit per import, then only
the new paths go into the index and the work tree (`update-index` + `checkout-index`), so
the index and work tree gain exactly the new files and
whatever the user staged or changed elsewhere stays as it was. The branch moves last: a failure
before that is undone on the spot, and a journal in the git dir makes an import killed half way
complete itself on the next write.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from tracker.capture import text_of
from tracker.config import load_config
from tracker.errors import TrackerError
from tracker.models import CaptureInfo, NewCapture
from tracker.store import gitio, pages, refs, sidecar
from tracker.store.lock import locked

JOURNAL = "tracker-journal.json"
LOCK = "tracker.lock"
_STORED_SUFFIXES = (*sidecar.CAPTURE_SUFFIXES, ".json")
PENDING = "refs/tracker/pending"  # fast-import's private ref, before the branch moves
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # opening a link fails (where the system can)


@dataclass(frozen=True)
class AddResult:
    """What one `Store.add` did: the captures it stored and those it left out."""

    added: list[CaptureInfo]
    # Not stored, each as the stored capture it repeats: the very same capture (source, bytes
    # and instant), or the capture just before it in time when the bytes are the same.
    skipped: list[CaptureInfo]
    commit: str | None
    recovered: str | None = None  # the commit of an interrupted import this one completed
    unchanged: int = 0  # how many of `skipped` only repeat the capture before them in time


@dataclass(frozen=True)
class Problem:
    """One finding of `tracker verify`."""

    kind: str  # "modified" | "missing" | "uncommitted" | "interrupted" | "damaged"
    path: str  # relative to the store root
    detail: str

    def to_dict(self) -> dict:
        return {"kind": self.kind, "path": self.path, "detail": self.detail}


class Store:
    def __init__(self, root: Path):
        self.root = root
        self._repo_info: tuple[Path, Path] | None = None
        self._listed: dict[str, list[CaptureInfo]] = {}  # sidecars read once per command
        self._checked: set[str] = set()  # captures whose sha256 was checked (once per command)
        self._real_folders: set[str] = set()  # folders of the store found not to be links
        self.tampered: set[str] = set()  # of those, the ones edited after they were stored
        self.warn: Callable[[str], None] = lambda message: None  # the CLI prints these
        self._config = None
        self.selections: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self.unmatched: set[str] = set()  # captures whose `select` matched nothing

    @classmethod
    def open(cls, path: Path, *, create: bool = False) -> Store:
        root = Path(os.path.realpath(Path(path).expanduser()))
        if root.exists() and not root.is_dir():
            raise TrackerError(
                f"the store path {path} is a file, not a directory", "give --store DIR"
            )
        if not root.exists() and not create:
            raise TrackerError(
                f"no store at {path}", "import captures first (tracker import), or give --store DIR"
            )
        if "\n" in str(root):
            raise TrackerError(f"cannot use a store path with a newline: {path!r}", None)
        if ".git" in root.parts:
            top = Path(*root.parts[: root.parts.index(".git")])
            raise TrackerError(
                f"the store path {path} is inside git's own folder", f"give --store {top}"
            )
        if create:
            _outside_sources(root, path)
        return cls(root)

    # -- reading --------------------------------------------------------------------------

    def sources(self) -> list[str]:
        if not self.root.is_dir():
            return []
        names = []
        for entry in os.scandir(self.root):
            if entry.is_dir() and sidecar.SLUG.match(entry.name) and _has_sidecar(entry.path):
                names.append(entry.name)
        return sorted(names)

    def resolve_source(self, source: str | None) -> str:
        """The source asked for (it must exist), or the store's only one."""
        names = self.sources()
        if source:
            sidecar.check_source(source)
            if source not in names:
                held = ", ".join(names) if names else "none yet"
                raise TrackerError(f"no captures of {source} in {self.root}", f"sources: {held}")
            return source
        if len(names) == 1:
            return names[0]
        if not names:
            raise TrackerError(
                f"the store {self.root} holds no captures", "run tracker import first"
            )
        raise TrackerError(
            f"the store holds {len(names)} sources: {', '.join(names)}", "choose one with --source"
        )

    def captures(self, source: str) -> list[CaptureInfo]:
        """Every capture of `source`, by capture time (UTC) then id (read once, until `add`)."""
        if source not in self._listed:
            self._listed[source] = self._read_captures(source)
        return list(self._listed[source])

    def _read_captures(self, source: str) -> list[CaptureInfo]:
        folder = self.root / sidecar.check_source(source)
        if not folder.is_dir():
            return []
        infos = []
        pending = self._unfinished_paths()
        bare = set()  # capture files, until their sidecar is seen
        for entry in os.scandir(folder):
            stem, dot, ext = entry.name.rpartition(".")
            if not sidecar.ID.match(stem) or f"{source}/{entry.name}" in pending:
                continue
            if ext != "json":
                if f".{ext}" in sidecar.CAPTURE_SUFFIXES:
                    bare.add(stem)
                continue
            raw = self._read_file(f"{source}/{entry.name}", "sidecar")
            try:
                infos.append(sidecar.loads(raw, source, stem))
            except (ValueError, KeyError, TypeError) as e:
                raise TrackerError(
                    f"unreadable sidecar {source}/{entry.name}: {e}",
                    "restore it with git checkout, or run tracker verify for the whole store",
                ) from None
        bare.difference_update(info.id for info in infos)
        if bare:
            # left out, the capture would silently vanish from the history (and `check` would
            # compare the two before it)
            path = f"{source}/{min(bare)}"
            raise TrackerError(
                f"capture {path} has no sidecar ({path}.json is missing)",
                "restore it with git checkout, or run tracker verify for the whole store",
            )
        infos.sort(key=sidecar.sort_key)
        return infos

    def resolve(self, source: str, ref: str) -> tuple[CaptureInfo, str | None]:
        return refs.resolve(self.captures(source), ref, source)

    def read_bytes(self, info: CaptureInfo) -> bytes:
        """The capture's bytes, never through a link; a warning when they are not the bytes
        its sidecar recorded (edited after it was stored)."""
        data = self._read_file(info.path, "capture")
        if info.path not in self._checked:
            self._checked.add(info.path)
            if sidecar.sha256(data) != info.sha256:
                self.tampered.add(info.path)
                self.warn(
                    f"capture {info.path} was changed after it was stored (its sha256 differs "
                    "from its sidecar's); run tracker verify"
                )
        return data

    def _read_file(self, path: str, what: str) -> bytes:
        """A file of the store, refusing a symbolic link anywhere on its way (never followed:
        it could point anywhere outside the store)."""
        with self._open_file(path, what) as f:
            try:
                return f.read()
            except OSError as e:
                raise TrackerError(
                    f"cannot read {what} {path}: {e.strerror}", "run tracker verify"
                ) from None

    def _open_file(self, path: str, what: str) -> BinaryIO:
        full = os.path.join(self.root, path)
        link = TrackerError(
            f"the {what} {path} is a symbolic link (tracker never follows links in a store)",
            f"restore the file: git checkout -- {path}, then run tracker verify",
        )
        if self._through_link(path) or (not _NOFOLLOW and os.path.islink(full)):
            raise link
        try:
            fd = os.open(full, os.O_RDONLY | _NOFOLLOW)
        except OSError as e:
            if os.path.islink(full):  # O_NOFOLLOW refused it
                raise link from None
            raise TrackerError(
                f"cannot read {what} {path}: {e.strerror}", "run tracker verify"
            ) from None
        return os.fdopen(fd, "rb")

    def _through_link(self, path: str) -> bool:
        """Whether `path` leaves the store or goes through a linked folder below its root
        (the file itself is opened with O_NOFOLLOW). Each folder is looked at once per
        command: a history's thousands of reads cost a few lstat calls, not a realpath each."""
        folder, _, name = path.rpartition("/")
        if name in ("", ".", ".."):
            return True
        if folder in self._real_folders:
            return False
        here = str(self.root)
        for part in folder.split("/") if folder else ():
            here = os.path.join(here, part)
            if part in ("", ".", "..") or os.path.islink(here):
                return True
        self._real_folders.add(folder)
        return False

    def open_bytes(self, info: CaptureInfo) -> BinaryIO:
        """The stored bytes as a file, for reading a large capture in pieces (never a link)."""
        return self._open_file(info.path, "capture")

    def read_text(
        self, info: CaptureInfo, data: bytes | None = None, *, whole: bool = False
    ) -> str:
        """The capture's text; `data`: its bytes, when the caller has read them already.

        An HTML capture is read through its source's selectors (tracker.toml `select` and
        `exclude`) unless `whole`; when `select` matches nothing the text is empty and the
        capture is in `self.unmatched`, so the differ is not shown "everything removed".
        """
        cache = self.cache_dir if info.media_type == "text/html" else None
        data = self.read_bytes(info) if data is None else data
        select, exclude = ((), ()) if whole else self.selection(info.source)
        if info.media_type == "text/html" and (select or exclude):
            from tracker.capture.html import selected_text

            text = selected_text(data, info.encoding, select, exclude, cache_dir=cache)
            if text is None:
                self.unmatched.add(info.path)
                return ""
            return text
        return text_of(info, data, cache_dir=cache)

    def selection(self, source: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The (select, exclude) selectors that apply when reading `source` (override with
        `self.selections`, as `tracker show --select` does)."""
        if source in self.selections:
            return self.selections[source]
        return self.config.selection(source)

    def selection_key(self, source: str) -> str:
        """Part of the cache keys of anything derived from a source's text: it changes with
        the selectors, so a history cached under old selectors is read again."""
        select, exclude = self.selection(source)
        if not select and not exclude:
            return ""
        return hashlib.sha256(repr((select, exclude)).encode()).hexdigest()[:16]

    @property
    def config(self):
        """tracker.toml at the store root (tracker.config), read once per command; sections
        that apply to nothing are warned about then."""
        if self._config is None:
            self._config = load_config(self.root)
            for warning in self._config.unknown_sections(self.sources()):
                self.warn(warning)
        return self._config

    @property
    def cache_dir(self) -> Path:
        """For derived data (never committed): inside the git dir, one folder per store."""
        repo = self._repo()
        if repo is None:
            path = self.root / ".tracker-cache"
        else:
            key = hashlib.sha1(self._rel(repo[0]).encode()).hexdigest()[:12]
            path = repo[1] / "tracker" / "cache" / key
        path.mkdir(parents=True, exist_ok=True)
        return path

    # -- writing --------------------------------------------------------------------------

    def add(
        self,
        captures: Iterable[NewCapture],
        *,
        source: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        state: dict[str, bytes] | None = None,
        message: str | None = None,
    ) -> AddResult:
        """Store new captures in one commit; captures already stored are skipped, not added.

        `state`: small files of tracker's own memory (paths under `.tracker/`) committed in
        the same commit (`tracker run`'s failure counts), even when no capture is new.

        `captures` may be a generator: each blob goes to git as it arrives, and an error from
        the generator (a file that cannot be read or dated) aborts the import with nothing
        written (a store this call created is removed again).
        """
        if source is not None:
            sidecar.check_source(source)
        stream = iter(captures)
        first = next(stream, None)
        if first is None and not state:
            return AddResult([], [], None)
        held = self.sources()
        if first is not None:  # a missing --source fails before anything is made
            self._source_for(first, source, held)
        total = len(captures) if hasattr(captures, "__len__") else 0
        made_root, made_repo = not self.root.exists(), self._repo() is None
        top, gitdir = self._ensure_repo()
        try:
            with locked(gitdir / LOCK):
                result = self._add_locked(
                    top, gitdir, itertools.chain([first] if first is not None else [], stream),
                    source, held, progress, total, state or {}, message,
                )
            self._listed.clear()  # the listing read before the write is stale now
            return result
        except BaseException:
            self._listed.clear()
            if made_repo and gitio.resolve(top, "HEAD") is None:
                import shutil

                shutil.rmtree(self.root if made_root else self.root / ".git", ignore_errors=True)
                self._repo_info = None
            raise

    def _add_locked(
        self, top, gitdir, stream, source, held, progress, total, state=None, message=None
    ) -> AddResult:
        self._stale_index_lock(top, gitdir)
        recovered = self._recover(top, gitdir)
        if recovered:
            self._listed.clear()  # listed before, without the import just completed
        rel = self._rel(top)
        ref, tip = gitio.current_branch(top)  # first: a damaged repository says so
        committed = gitio.tree_blobs(top, tip, rel)
        lost = set(gitio.missing_objects(top, sorted(set(committed.values()))))
        if lost:
            path = next(p for p, oid in sorted(committed.items()) if oid in lost)
            raise gitio.damaged(
                top, f"git has lost {len(lost)} committed file(s) of the store, e.g. {path}"
            )
        staged = gitio.staged_under(top, rel)
        if staged:
            raise TrackerError(
                f"{len(staged)} staged change(s) inside the store, e.g. {staged[0]}",
                "commit them or unstage them (git restore --staged PATH), then import again",
            )
        exact: dict[tuple[str, str, str], CaptureInfo | None] = {}  # (source, sha256, base id)
        stored: dict[str, list[CaptureInfo]] = {}
        stored_bytes: dict[str, set[str]] = {}  # each source's sha256s, whose blobs git holds
        followed: dict[str, dict[str, str]] = {}  # each source's page: {page key: URL}
        taken: dict[str, set[str]] = {}
        marks: dict[str, int] = {}  # sha256 -> its blob in this stream
        new: list[tuple[str, NewCapture, str, str]] = []  # source, capture, sha256, blob oid
        repeats: list[tuple[str, str, str]] = []  # the very same capture met again in this batch
        skipped: list[CaptureInfo] = []
        now = datetime.now(UTC)
        with gitio.FastImport(top) as stream_out:
            for count, capture in enumerate(stream, 1):
                sidecar.check_time(capture, now)
                src = self._source_for(capture, source, held)
                if src not in taken:
                    if src not in held:
                        self._check_free(src, f"{rel}/{src}" if rel else src, committed)
                    stored[src] = self.captures(src)
                    taken[src] = self._load_existing(src, exact)
                    stored_bytes[src] = {info.sha256 for info in stored[src]}
                    followed[src] = self.followed(src)
                pages.check_same_page(src, followed[src], capture)
                digest = sidecar.sha256(capture.data)
                key = (src, digest, sidecar.base_id(capture.captured_at))
                if key in exact:
                    stored_as = exact[key]
                    if stored_as is None:
                        repeats.append(key)
                    else:
                        skipped.append(stored_as)
                else:
                    exact[key] = None
                    if digest not in marks and digest not in stored_bytes[src]:
                        marks[digest] = stream_out.blob(capture.data)  # new bytes: always kept
                    new.append((src, capture, digest, gitio.blob_id(capture.data)))
                if progress is not None:
                    progress(count, total)
            same = _same_as_before(new, stored)
            # Ids once every capture is in: by capture time, so naming ignores input order.
            order = sorted(
                range(len(new)), key=lambda i: (new[i][1].captured_at.astimezone(UTC), new[i][2])
            )
            prefix = f"{rel}/" if rel else ""
            added, files, paths, named = [], [], [], {}
            for i in order:
                if i in same:
                    continue
                src, capture, digest, oid = new[i]
                info = sidecar.info_for(capture, src, _new_id(capture, digest, taken[src]), digest)
                exact[(src, digest, info.id[:14])] = named[i] = info
                added.append(info)
                if digest not in marks:  # bytes git already holds, back after a change
                    marks[digest] = stream_out.blob(capture.data)
                meta = sidecar.dumps(info)
                meta_path = f"{prefix}{src}/{info.id}.json"
                files += [(prefix + info.path, marks[digest]), (meta_path, stream_out.blob(meta))]
                paths += [(prefix + info.path, oid), (meta_path, gitio.blob_id(meta))]
            for i, before in same.items():
                src, capture, digest, _ = new[i]
                info = named[before] if isinstance(before, int) else before
                exact[(src, digest, sidecar.base_id(capture.captured_at))] = info
                skipped.append(info)
            skipped += [exact[key] for key in repeats]
            unchanged = len(same)
            for path, data in (state or {}).items():
                files.append((prefix + path, stream_out.blob(data)))
                paths.append((prefix + path, gitio.blob_id(data)))
            if not added and not state:
                stream_out.abort()
                return AddResult([], skipped, None, recovered, unchanged)
            text = _message(added) if added else ""
            if message:
                text = message + ("\n\n" + text.partition("\n\n")[2] if added else "\n")
            commit = stream_out.commit(PENDING, text, tip, files)
        # The branch moves last: files first (index and work tree), so a failure on the way
        # (a read-only folder, a full disk) is undone on the spot and HEAD never names a commit
        # whose files are not there; a kill is completed by the next write from the journal.
        message = f"tracker import: {len(added)} capture(s)"
        self._apply(top, gitdir, ref, tip, commit, paths, message)
        return AddResult(added, skipped, commit, recovered, unchanged)

    def _apply(self, top, gitdir, ref, tip, commit, paths, message: str) -> None:
        """Journal the commit, check its files out, then move the branch; on any failure before
        the branch moved, take the files out again (the store is as it was)."""
        journal = gitdir / JOURNAL
        try:
            tmp = journal.with_suffix(".tmp")
            tmp.write_text(json.dumps({"ref": ref, "tip": tip, "commit": commit, "files": paths}))
            os.replace(tmp, journal)
        except OSError as e:
            journal.with_suffix(".tmp").unlink(missing_ok=True)
            gitio.delete_ref(top, PENDING)
            raise TrackerError(f"cannot write {journal}: {e.strerror}", None) from None
        try:
            gitio.checkout_paths(top, paths)
            gitio.update_ref(top, ref, commit, tip, message)
        except BaseException:
            if gitio.resolve(top, ref) != commit:
                self._rollback(top, gitdir, paths)
            raise
        self._done(top, gitdir)

    def _rollback(self, top: Path, gitdir: Path, paths: list[tuple[str, str]]) -> None:
        """Undo an import whose branch did not move: its index entries and work-tree files
        (new paths, so nothing of the user's), then the journal. Best effort: if this fails
        too, the journal stays and the next write finishes the job."""
        try:
            gitio.forget_paths(top, [path for path, _ in paths])
            folders = set()
            for path, _ in paths:
                full = top / path
                if os.path.lexists(full):
                    full.unlink()
                folders.add(full.parent)
            for folder in folders:
                with contextlib.suppress(OSError):
                    folder.rmdir()  # a source folder this import made, now empty
        except (OSError, TrackerError):
            return
        self._done(top, gitdir)

    def _done(self, top: Path, gitdir: Path) -> None:
        (gitdir / JOURNAL).unlink(missing_ok=True)
        gitio.delete_ref(top, PENDING)

    def commit_state(self, files: dict[str, bytes], message: str) -> str | None:
        """Commit small files of tracker's own memory (paths relative to the store, under a
        name no source can take) in one commit holding exactly them, so that `git push`
        carries them with the captures. The user's own changes are left as they were."""
        top, gitdir = self._ensure_repo()
        rel = self._rel(top)
        prefix = f"{rel}/" if rel else ""
        with locked(gitdir / LOCK):
            self._recover(top, gitdir)
            ref, tip = gitio.current_branch(top)
            with gitio.FastImport(top) as stream_out:
                marks = [(prefix + path, stream_out.blob(data)) for path, data in files.items()]
                commit = stream_out.commit(PENDING, message, tip, marks)
            paths = [(prefix + path, gitio.blob_id(data)) for path, data in files.items()]
            self._apply(top, gitdir, ref, tip, commit, paths, message.splitlines()[0])
        return commit

    def _source_for(self, capture: NewCapture, source: str | None, held: list[str]) -> str:
        if source:
            return source
        if capture.source:
            try:
                name = sidecar.check_source(capture.source.lower())
            except TrackerError as e:
                origin = capture.url or capture.original_name or "the capture"
                raise TrackerError(
                    f"{e.message} (from {origin})", "name the source with --source NAME"
                ) from None
            urls = pages.urls_of(capture.url, capture.extra, capture.time_source)
            return self._page_source(name, urls, held) if urls else name
        if len(held) == 1:
            return held[0]
        where = f" (the store holds {', '.join(held)})" if held else ""
        raise TrackerError(
            f"which page are these captures of?{where}", "name it with --source NAME"
        )

    def _check_free(self, src: str, path_in_repo: str, committed: dict[str, str]) -> None:
        """A new source's folder must not replace a file of the store's (work tree or HEAD):
        git would commit that file's deletion."""
        path = self.root / src
        if ((path.exists() or path.is_symlink()) and not path.is_dir()) or (
            path_in_repo in committed
        ):
            raise TrackerError(
                f"cannot store a source named {src!r}: the store already holds a file by that name",
                "give the source another name with --source NAME",
            )

    def default_source(self, url: str) -> str:
        """The source a page goes to without --source: the one named after it (host and path)."""
        return self._page_source(pages.source_name(url), {pages.page_key(url): url}, self.sources())

    def _page_source(self, name: str, urls: dict[str, str], held: list[str]) -> str:
        """`name`, unless the store was made when sources were named by host alone and its
        host's source follows this page: that source keeps it."""
        if name in held:
            return name
        host = pages.host_name(next(iter(urls.values())))
        if host != name and host in held and urls.keys() & self.followed(host).keys():
            return host
        return name

    def of_its_page(
        self, captures: Iterable[NewCapture], source: str, left_out: list[NewCapture]
    ) -> Iterator[NewCapture]:
        """The captures of the page `source` follows; those fetched from other pages (the rest
        of a crawl's WARC) go to `left_out`, never refusing the ones asked for. A source that
        follows no page yet takes them all (`add` then refuses a second page)."""
        followed = self.followed(source) if source in self.sources() else {}
        for capture in captures:
            mine = pages.urls_of(capture.url, capture.extra, capture.time_source)
            if followed and mine and not followed.keys() & mine.keys():
                left_out.append(capture)
            else:
                yield capture

    def followed(self, src: str) -> dict[str, str]:
        """The page `src` follows, as {page key: URL}: every URL its captures were fetched from."""
        out: dict[str, str] = {}
        for info in self.captures(src):
            for key, url in pages.urls_of(info.url, info.extra, info.time_source).items():
                out.setdefault(key, url)
        return out

    def _load_existing(self, src: str, exact: dict) -> set[str]:
        """Record `src`'s stored captures in `exact`; return the names its folder already uses."""
        for info in self.captures(src):
            exact.setdefault((src, info.sha256, info.id[:14]), info)
        return self._taken(src)

    def _taken(self, src: str) -> set[str]:
        folder = self.root / src
        if not folder.is_dir():
            return set()
        return {name.rpartition(".")[0] for name in os.listdir(folder)}

    def refusal(self, capture: NewCapture, name: str, held: list[str]) -> str | None:
        """Why `add` would refuse `capture` as source `name` (a file by that name, a page
        another source follows, another page than the source's), or None: asked of each
        capture of a batch before its one commit, so one misfit never refuses the others."""
        path = self.root / name
        if path.exists() and not path.is_dir():
            return f"the store holds a file named {name}: give the source another name"
        try:
            actual = self._source_for(capture, None, held)
            if actual != name:
                return (
                    f"{capture.url} is stored as source {actual}: name it {actual} in tracker.toml"
                )
            pages.check_same_page(name, self.followed(name), capture)
        except TrackerError as e:
            return e.message
        return None

    def stand_in(self, capture: NewCapture, name: str) -> CaptureInfo:
        """The capture `add` would store for `capture` as `name` now (the same id and sidecar),
        listed as `name`'s latest by this Store object only, until its next write; its bytes
        are the caller's to serve (read_bytes). A check can so start before the commit."""
        digest = sidecar.sha256(capture.data)
        info = sidecar.info_for(capture, name, _new_id(capture, digest, self._taken(name)), digest)
        self._listed[name] = [*self.captures(name), info]
        return info

    def note_checked(self, paths: Iterable[str], edited: Iterable[str] = ()) -> None:
        """Captures another process (a worker) read and checked against their sha256: not
        checked again here; `edited`: those it found changed since they were stored."""
        self._checked.update(paths)
        self.tampered.update(edited)

    def _stale_index_lock(self, top: Path, gitdir: Path) -> None:
        """git's index.lock left by a killed import is removed (with a warning); any other is
        the user's git at work, or left by it: refuse, naming the exact remedy."""
        lock = gitdir / "index.lock"
        if not os.path.lexists(lock):
            return
        # Ours only if an import of ours was interrupted (every index write of ours happens
        # under its journal), no git process is working in this repository, and we hold the
        # store's lock (so no git child of a killed import is still running).
        if (gitdir / JOURNAL).exists() and _git_running_in(top, gitdir) is False:
            lock.unlink()
            self.warn(f"removed {lock}, left by an interrupted import")
            return
        raise TrackerError(
            f"the git index is locked: {lock} exists (a git command is running, or was killed)",
            f"if no git command is running, remove it (rm '{lock}') and run the command again",
        )

    def unfinished(self) -> bool:
        """An import was interrupted; until the next write completes it, reads leave out the
        files it may have written in part (`_unfinished_paths`)."""
        repo = self._repo()
        return repo is not None and (repo[1] / JOURNAL).exists()

    def _unfinished_paths(self) -> set[str]:
        repo = self._repo()
        if repo is None or not (repo[1] / JOURNAL).exists():
            return set()
        try:
            files = json.loads((repo[1] / JOURNAL).read_text())["files"]
            prefix = self._rel(repo[0])
            return {path.removeprefix(f"{prefix}/" if prefix else "") for path, _ in files}
        except (OSError, ValueError, KeyError, TypeError):
            return set()

    def _recover(self, top: Path, gitdir: Path) -> str | None:
        """Complete an import that was killed before it finished (return its commit).

        The journal is written once the commit and its objects are in git, before any file
        is checked out, so the import can always be completed: check its files out again,
        then move the branch if it has not moved yet. Only if the branch has moved elsewhere
        since is the import taken out again.
        """
        journal = gitdir / JOURNAL
        if not journal.exists():
            gitio.delete_ref(top, PENDING)
            return None
        try:
            entry = json.loads(journal.read_text())
            ref, commit, files = entry["ref"], entry["commit"], entry["files"]
            paths = [(path, oid) for path, oid in files]
        except (OSError, ValueError, KeyError, TypeError):
            journal.unlink(missing_ok=True)
            gitio.delete_ref(top, PENDING)
            return None
        now = gitio.resolve(top, ref)
        if now == commit:
            gitio.checkout_paths(top, paths)
            self._done(top, gitdir)
            return commit
        if "tip" in entry and now == entry["tip"] and gitio.resolve(top, commit):
            message = f"tracker import: {len(paths) // 2} capture(s)"
            self._apply(top, gitdir, ref, entry["tip"], commit, paths, message)
            return commit
        # The branch moved elsewhere meanwhile: take out what it did not commit itself.
        kept = gitio.tree_blobs(top, now, "") if now else {}
        self._rollback(top, gitdir, [(path, oid) for path, oid in paths if path not in kept])
        return None

    def _repo(self) -> tuple[Path, Path] | None:
        if self._repo_info is None:
            self._repo_info = gitio.find_repo(self.root)
        return self._repo_info

    def _ensure_repo(self) -> tuple[Path, Path]:
        """The repository holding the store; `git init` the store on its first write if none."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise TrackerError(f"cannot create the store {self.root}: {e.strerror}", None) from None
        repo = self._repo()
        if repo is None:
            gitio.init(self.root)
            repo = self._repo_info = gitio.find_repo(self.root)
            if repo is None:
                raise TrackerError(f"could not make {self.root} a git repository", None)
        return repo

    def _rel(self, top: Path) -> str:
        rel = Path(self.root).relative_to(os.path.realpath(top)).as_posix()
        return "" if rel == "." else rel

    # -- checking -------------------------------------------------------------------------

    def verify(self) -> list[Problem]:
        """Every capture against its sidecar's sha256 and against the commit at HEAD, whose
        blobs git must still be able to read (the work tree alone is not the evidence)."""
        problems: list[Problem] = []
        repo = self._repo()
        committed: dict[str, str] = {}
        if repo is not None:
            top, gitdir = repo
            rel = self._rel(top)
            prefix = f"{rel}/" if rel else ""
            head = gitio.head_commit(top)
            for path, oid in gitio.tree_blobs(top, head, rel).items():
                committed[path[len(prefix) :]] = oid
            lost = gitio.unreadable_blobs(top, [oid for _, oid in sorted(committed.items())])
            for path, oid in sorted(committed.items()):
                if oid in lost:
                    problems.append(
                        Problem(
                            "damaged",
                            path,
                            "git cannot read its committed copy (object lost or corrupt): "
                            "run git fsck",
                        )
                    )
            if (gitdir / JOURNAL).exists():
                problems.append(
                    Problem(
                        "interrupted",
                        JOURNAL,
                        "an import was interrupted; the next one completes it",
                    )
                )
        seen: set[str] = set()
        for source in self._source_dirs():
            for name in sorted(os.listdir(self.root / source)):
                stem, _, ext = name.rpartition(".")
                if not sidecar.ID.match(stem) or "." + ext not in _STORED_SUFFIXES:
                    continue
                path = f"{source}/{name}"
                seen.add(path)
                problems.extend(self._check_file(path, committed))
        for path in sorted(set(committed) - seen):
            stem = path.rpartition("/")[2].rpartition(".")[0]
            if "/" in path and sidecar.ID.match(stem):
                problems.append(
                    Problem("missing", path, "committed but gone from the work tree (git checkout)")
                )
        return problems

    def count(self) -> int:
        """How many captures the store holds (its sidecars), without reading them."""
        return sum(
            1
            for source in self._source_dirs()
            for name in os.listdir(self.root / source)
            if name.endswith(".json") and sidecar.ID.match(name[:-5])
        )

    def _source_dirs(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(
            e.name
            for e in os.scandir(self.root)
            if e.is_dir(follow_symlinks=False) and sidecar.SLUG.match(e.name)
        )

    def _check_file(self, path: str, committed: dict[str, str]) -> list[Problem]:
        if os.path.islink(self.root / path):
            return [Problem("modified", path, "a symbolic link, not the stored file (not read)")]
        data = (self.root / path).read_bytes()
        stem, _, ext = path.rpartition(".")
        if ext == "json":
            source, capture_id = stem.split("/", 1)
            try:
                info = sidecar.loads(data, source, capture_id)
            except (ValueError, KeyError, TypeError) as e:
                return [Problem("modified", path, f"not a sidecar tracker wrote ({e})")]
            out = []
            if not (self.root / info.path).exists() and info.path not in committed:
                out.append(Problem("missing", info.path, "a sidecar without its capture file"))
            elif (self.root / info.path).exists() and not os.path.islink(self.root / info.path):
                actual = sidecar.sha256((self.root / info.path).read_bytes())
                if actual != info.sha256:
                    out.append(
                        Problem(
                            "modified",
                            info.path,
                            f"sha256 {actual[:12]}… is not the sidecar's {info.sha256[:12]}…",
                        )
                    )
            out.extend(self._against_head(path, data, committed))
            return out
        problems = []
        if not (self.root / f"{stem}.json").exists():
            problems.append(
                Problem("missing", f"{stem}.json", "a capture file without its sidecar")
            )
        problems.extend(self._against_head(path, data, committed))
        return problems

    def _against_head(self, path: str, data: bytes, committed: dict[str, str]) -> list[Problem]:
        oid = committed.get(path)
        if oid is None:
            return [Problem("uncommitted", path, "not in the commit at HEAD")]
        if gitio.blob_id(data) != oid:
            return [Problem("modified", path, "differs from the committed file")]
        return []


def _same_as_before(
    new: list[tuple[str, NewCapture, str, str]], stored: dict[str, list[CaptureInfo]]
) -> dict[int, CaptureInfo | int]:
    """The new captures that repeat the capture just before them in time, each with that
    capture (stored, or the index of a new one). Only a repeat adds nothing: a page that goes
    back to an older text (A → B → A) changed, and a backfill is judged by its place in time."""
    timelines: dict[str, list[tuple]] = {}
    for i, (src, capture, digest, _) in enumerate(new):
        timelines.setdefault(src, []).append(
            (capture.captured_at.astimezone(UTC), 1, digest, digest, i)
        )
    same: dict[int, CaptureInfo | int] = {}
    for src, timeline in timelines.items():
        # At one second, stored captures in their listing order (by id), then new ones.
        timeline += [(info.utc, 0, info.id, info.sha256, info) for info in stored[src]]
        timeline.sort(key=lambda t: t[:3])
        before: tuple[str, CaptureInfo | int] | None = None  # the last capture kept: its bytes
        for _, is_new, _, digest, capture in timeline:
            if is_new and before is not None and before[0] == digest:
                same[capture] = before[1]
            else:
                before = (digest, capture)
    return same


def _new_id(capture: NewCapture, digest: str, taken: set[str]) -> str:
    """The UTC instant; at an instant already taken by other bytes, named by content too.

    A page fetched now (time source `http`, timed to the millisecond) is always named by a hash
    of its bytes and that time too: two clones capturing the same second write different files
    (the same file only for the same bytes at the same millisecond, with the same sidecar), so
    their commits always merge.
    """
    base = sidecar.base_id(capture.captured_at)
    if capture.time_source == "http":
        key = f"{capture.captured_at.astimezone(UTC).isoformat()} {digest}"
        digest = hashlib.sha256(key.encode()).hexdigest()
        capture_id = f"{base}-{digest[:8]}"
    else:
        capture_id = base
    if capture_id in taken:
        capture_id = f"{base}-{digest[:8]}"
        if capture_id in taken:
            capture_id = f"{base}-{digest}"
    taken.add(capture_id)
    return capture_id


def _git_running_in(top: Path, gitdir: Path) -> bool | None:
    """Whether a git process works in this repository (its cwd inside the work tree or the
    git dir); None when this system cannot tell (no /proc), so nothing is removed."""
    proc = Path("/proc")
    if not (proc / "self" / "cwd").exists():
        return None
    roots = (str(top), str(gitdir))
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if not (entry / "comm").read_text().startswith("git"):
                continue
            cwd = os.readlink(entry / "cwd")
        except FileNotFoundError:
            continue  # gone meanwhile
        except OSError:
            return None  # a git process we may not inspect: it could be working here
        if any(cwd == root or cwd.startswith(root + os.sep) for root in roots):
            return True
    return False


def _outside_sources(root: Path, path: Path) -> None:
    """A store written inside another store's source folder (`--store snapshots/site`) would
    put its captures among that source's: refused. Looked for up to the top of the git work
    tree holding it, where such a folder would be."""
    for folder in (root, *root.parents):
        if folder.is_dir():
            if _has_sidecar(str(folder)):
                raise TrackerError(
                    f"the store path {path} lies in {folder}, a source folder of a store",
                    f"give the store itself: --store {folder.parent}",
                )
            if (folder / ".git").exists():
                return


def _has_sidecar(folder: str) -> bool:
    with os.scandir(folder) as entries:
        return any(e.name.endswith(".json") and sidecar.ID.match(e.name[:-5]) for e in entries)


def _message(added: list[CaptureInfo]) -> str:
    sources = sorted({info.source for info in added})
    if len(added) == 1:
        info = added[0]
        subject = f"tracker import: {info.source} {info.id}"
        trailers = [f"Source: {info.source}", f"Captured-At: {info.captured_at.isoformat()}"]
    else:
        subject = f"tracker import: {len(added)} captures of {', '.join(sources)}"
        trailers = [f"Source: {s}" for s in sources] + [f"Captures: {len(added)}"]
        first, last = added[0].captured_at.isoformat(), added[-1].captured_at.isoformat()
        trailers.append(f"Captured-Between: {first} {last}")
    return subject + "\n\n" + "\n".join(trailers) + "\n"
