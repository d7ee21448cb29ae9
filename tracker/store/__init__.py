"""The capture store: one file per capture plus a JSON sidecar, in a git work tree (DESIGN §3).

Reads come straight from the work tree (a capture is one file: reading capture 1 of 100,000
costs what reading the newest does). Writes are one `git fast-import` commit per import, then only
the new paths go into the index and the work tree (`update-index` + `checkout-index`), so
the index and work tree gain exactly the new files and
whatever the user staged or changed elsewhere stays as it was. A journal in the git dir makes an
import killed between the ref update and the checkout complete itself on the next write.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import BinaryIO

from tracker.errors import TrackerError
from tracker.models import CaptureInfo, NewCapture
from tracker.store import gitio, refs, sidecar
from tracker.store.lock import locked

JOURNAL = "tracker-journal.json"
LOCK = "tracker.lock"
_STORED_SUFFIXES = (*sidecar.CAPTURE_SUFFIXES, ".json")
PENDING = "refs/tracker/pending"  # fast-import's private ref, before the branch moves


@dataclass(frozen=True)
class AddResult:
    added: list[CaptureInfo]
    skipped: list[CaptureInfo]  # already stored (same source and sha256): the stored capture
    commit: str | None
    recovered: str | None = None  # the commit of an interrupted import this one completed


@dataclass(frozen=True)
class Problem:
    kind: str  # "modified" | "missing" | "uncommitted" | "interrupted"
    path: str  # relative to the store root
    detail: str

    def to_dict(self) -> dict:
        return {"kind": self.kind, "path": self.path, "detail": self.detail}


class Store:
    def __init__(self, root: Path):
        self.root = root
        self._repo_info: tuple[Path, Path] | None = None
        self._listed: dict[str, list[CaptureInfo]] = {}  # sidecars read once per command

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
        for entry in os.scandir(folder):
            stem, dot, ext = entry.name.rpartition(".")
            if ext != "json" or not sidecar.ID.match(stem):
                continue
            try:
                with open(entry.path, "rb") as f:
                    infos.append(sidecar.loads(f.read(), source, stem))
            except (OSError, ValueError, KeyError, TypeError) as e:
                raise TrackerError(
                    f"unreadable sidecar {source}/{entry.name}: {e}",
                    "restore it with git checkout, or run tracker verify for the whole store",
                ) from None
        infos.sort(key=sidecar.sort_key)
        return infos

    def resolve(self, source: str, ref: str) -> tuple[CaptureInfo, str | None]:
        return refs.resolve(self.captures(source), ref, source)

    def read_bytes(self, info: CaptureInfo) -> bytes:
        try:
            return (self.root / info.path).read_bytes()
        except OSError as e:
            raise TrackerError(
                f"cannot read capture {info.path}: {e.strerror}", "run tracker verify"
            ) from None

    def open_bytes(self, info: CaptureInfo) -> BinaryIO:
        """The stored bytes as a file, for reading a large capture in pieces."""
        try:
            return open(self.root / info.path, "rb")  # noqa: SIM115 (the caller closes it)
        except OSError as e:
            raise TrackerError(
                f"cannot read capture {info.path}: {e.strerror}", "run tracker verify"
            ) from None

    def read_text(self, info: CaptureInfo, data: bytes | None = None) -> str:
        """The capture's text; `data`: its bytes, when the caller has read them already."""
        from tracker.capture import text_of

        cache = self.cache_dir if info.media_type == "text/html" else None
        return text_of(info, self.read_bytes(info) if data is None else data, cache_dir=cache)

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
    ) -> AddResult:
        """Store new captures in one commit; captures already stored are skipped, not added.

        `captures` may be a generator: each blob goes to git as it arrives, and an error from
        the generator (a file that cannot be read or dated) aborts the import with nothing
        written (a store this call created is removed again).
        """
        if source is not None:
            sidecar.check_source(source)
        stream = iter(captures)
        first = next(stream, None)
        if first is None:
            return AddResult([], [], None)
        held = self.sources()
        self._source_for(first, source, held)  # a missing --source fails before anything is made
        total = len(captures) if hasattr(captures, "__len__") else 0
        made_root, made_repo = not self.root.exists(), self._repo() is None
        top, gitdir = self._ensure_repo()
        try:
            with locked(gitdir / LOCK):
                result = self._add_locked(
                    top, gitdir, itertools.chain([first], stream), source, held, progress, total
                )
            self._listed.clear()  # the listing read before the write is stale now
            return result
        except BaseException:
            self._listed.clear()
            if made_repo and gitio.resolve(top, "HEAD") is None:
                shutil.rmtree(self.root if made_root else self.root / ".git", ignore_errors=True)
                self._repo_info = None
            raise

    def _add_locked(self, top, gitdir, stream, source, held, progress, total) -> AddResult:
        recovered = self._recover(top, gitdir)
        rel = self._rel(top)
        ref, tip = gitio.current_branch(top)  # first: a damaged repository says so
        staged = gitio.staged_under(top, rel)
        if staged:
            raise TrackerError(
                f"{len(staged)} staged change(s) inside the store, e.g. {staged[0]}",
                "commit them or unstage them (git restore --staged PATH), then import again",
            )
        known: dict[tuple[str, str], CaptureInfo | None] = {}
        taken: dict[str, set[str]] = {}
        new: list[tuple[str, NewCapture, str, int, str]] = []  # source, capture, sha256, mark, oid
        repeats: list[tuple[str, str]] = []  # (source, sha256) met again in this batch
        skipped: list[CaptureInfo] = []
        with gitio.FastImport(top) as stream_out:
            for count, capture in enumerate(stream, 1):
                src = self._source_for(capture, source, held)
                if src not in taken:
                    taken[src] = self._load_existing(src, known)
                digest = sidecar.sha256(capture.data)
                if (src, digest) in known:
                    stored = known[(src, digest)]
                    if stored is None:
                        repeats.append((src, digest))
                    else:
                        skipped.append(stored)
                else:
                    known[(src, digest)] = None
                    mark = stream_out.blob(capture.data)
                    new.append((src, capture, digest, mark, gitio.blob_id(capture.data)))
                if progress is not None:
                    progress(count, total)
            if not new:
                stream_out.abort()
                return AddResult([], skipped, None, recovered)
            # Ids once every capture is in: by capture time, so naming ignores input order.
            new.sort(key=lambda n: (n[1].captured_at.astimezone(UTC), n[2]))
            prefix = f"{rel}/" if rel else ""
            added, files, paths = [], [], []
            for src, capture, digest, mark, oid in new:
                info = sidecar.info_for(capture, src, _new_id(capture, digest, taken[src]), digest)
                known[(src, digest)] = info
                added.append(info)
                meta = sidecar.dumps(info)
                meta_path = f"{prefix}{src}/{info.id}.json"
                files += [(prefix + info.path, mark), (meta_path, stream_out.blob(meta))]
                paths += [(prefix + info.path, oid), (meta_path, gitio.blob_id(meta))]
            skipped += [known[key] for key in repeats]
            commit = stream_out.commit(PENDING, _message(added), tip, files)
        journal = gitdir / JOURNAL
        tmp = journal.with_suffix(".tmp")
        tmp.write_text(json.dumps({"ref": ref, "commit": commit, "files": paths}))
        os.replace(tmp, journal)
        gitio.update_ref(top, ref, commit, tip, f"tracker import: {len(added)} capture(s)")
        self._finish(top, gitdir, paths)
        return AddResult(added, skipped, commit, recovered)

    def _source_for(self, capture: NewCapture, source: str | None, held: list[str]) -> str:
        if source:
            return source
        if capture.source:
            return sidecar.check_source(capture.source.lower())
        if len(held) == 1:
            return held[0]
        where = f" (the store holds {', '.join(held)})" if held else ""
        raise TrackerError(
            f"which page are these captures of?{where}", "name it with --source NAME"
        )

    def _load_existing(self, src: str, known: dict) -> set[str]:
        """Record `src`'s stored captures in `known`; return the names its folder already uses."""
        for info in self.captures(src):
            known.setdefault((src, info.sha256), info)
        folder = self.root / src
        if not folder.is_dir():
            return set()
        return {name.rpartition(".")[0] for name in os.listdir(folder)}

    def _finish(self, top: Path, gitdir: Path, files: list[tuple[str, str]]) -> None:
        gitio.checkout_paths(top, files)
        (gitdir / JOURNAL).unlink(missing_ok=True)
        gitio.delete_ref(top, PENDING)

    def _recover(self, top: Path, gitdir: Path) -> str | None:
        """Complete an import killed after its commit landed (return that commit), or drop one
        killed before: its objects are unreferenced and `git gc` removes them."""
        journal = gitdir / JOURNAL
        if not journal.exists():
            return None
        try:
            entry = json.loads(journal.read_text())
            ref, commit, files = entry["ref"], entry["commit"], entry["files"]
        except (OSError, ValueError, KeyError):
            journal.unlink(missing_ok=True)
            return None
        if gitio.resolve(top, ref) == commit:
            self._finish(top, gitdir, [(path, oid) for path, oid in files])
            return commit
        journal.unlink(missing_ok=True)
        gitio.delete_ref(top, PENDING)
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
        """Every capture against its sidecar's sha256 and against the commit at HEAD."""
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
            e.name for e in os.scandir(self.root) if e.is_dir() and sidecar.SLUG.match(e.name)
        )

    def _check_file(self, path: str, committed: dict[str, str]) -> list[Problem]:
        data = (self.root / path).read_bytes()
        stem, _, ext = path.rpartition(".")
        if ext == "json":
            source, capture_id = stem.split("/", 1)
            try:
                info = sidecar.loads(data, source, capture_id)
            except (ValueError, KeyError, TypeError):
                return [Problem("modified", path, "the sidecar is not valid JSON any more")]
            out = []
            if not (self.root / info.path).exists() and info.path not in committed:
                out.append(Problem("missing", info.path, "a sidecar without its capture file"))
            elif (self.root / info.path).exists():
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


def _new_id(capture: NewCapture, digest: str, taken: set[str]) -> str:
    """The UTC instant; at an instant already taken by other bytes, named by content too."""
    base = sidecar.base_id(capture.captured_at)
    capture_id = base
    if capture_id in taken:
        capture_id = f"{base}-{digest[:8]}"
        if capture_id in taken:
            capture_id = f"{base}-{digest}"
    taken.add(capture_id)
    return capture_id


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
