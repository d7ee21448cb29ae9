"""The CLI used as a hostile user would: a pipe or a device to import, the store's own files
imported into it, a capture whose sidecar is gone. Each is one line on stderr, exit 2, no
traceback, and the store exactly as it was."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

from cli_helpers import tracker

PAGE = "<html><body><h1>Fees</h1><p>The passport fee is 75 EUR.</p></body></html>"


def _store(tmp_path: Path) -> Path:
    store = tmp_path / "work" / "store"
    for day in ("01", "02", "03"):
        page = tmp_path / f"page{day}.html"
        page.write_text(PAGE.replace("75", str(70 + int(day))), encoding="utf-8")
        r = tracker("import", "--store", store, "--source", "p", "--at", f"2024-05-{day}", page)
        assert r.code == 0, r.err
    return store


def _state(store: Path) -> str:
    """Every file of the store but git's own cache, with its bytes."""
    h = hashlib.sha256()
    for path in sorted(store.rglob("*")):
        rel = path.relative_to(store).as_posix()
        if path.is_file() and not rel.startswith(".git/tracker"):
            h.update(rel.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _refused(r, words: str) -> None:
    assert r.code == 2, (r.code, r.out, r.err)
    assert "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1, r.err
    assert r.err.startswith("tracker: error: ") and words in r.err, r.err


class _Feeder:
    """A writer that hands the FIFO a whole page each time it is opened for reading (what
    `cat page.html > fifo` in a loop does), until stopped."""

    def __init__(self, fifo: Path, text: str):
        self.fifo, self.text, self.stop = fifo, text, False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stop:
            try:
                with open(self.fifo, "w") as f:
                    f.write(self.text)
            except BrokenPipeError:
                pass

    def close(self):
        self.stop = True
        reader = os.open(self.fifo, os.O_RDONLY | os.O_NONBLOCK)  # lets a waiting writer go
        self.thread.join()
        os.close(reader)


def test_a_fifo_is_refused_not_read(tmp_path):
    """A pipe has no size to check against --max-bytes and blocks until someone writes: here
    a writer sends a whole page, which the import took as a capture."""
    store = _store(tmp_path)
    before = _state(store)
    fifo = tmp_path / "feed.html"
    os.mkfifo(fifo)
    feeder = _Feeder(fifo, PAGE.replace("75", "99"))
    r = tracker("import", "--store", store, "--at", "2024-05-04", fifo)
    feeder.close()
    _refused(r, "not a regular file")
    assert _state(store) == before


def test_a_fifo_inside_a_folder_is_refused(tmp_path):
    store = _store(tmp_path)
    before = _state(store)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_text(PAGE.replace("75", "98"), encoding="utf-8")
    os.mkfifo(folder / "zz.html")
    feeder = _Feeder(folder / "zz.html", PAGE.replace("75", "97"))
    r = tracker("import", "--store", store, "--at", "2024-05-04", folder)
    feeder.close()
    _refused(r, "zz.html: not a regular file")
    assert _state(store) == before


def test_importing_the_store_into_itself_is_refused(tmp_path):
    """`tracker import .` from the folder that holds the store took its captures and sidecars
    as new captures of themselves."""
    store = _store(tmp_path)
    before = _state(store)
    # the folder above holds nothing but the store (its own files are skipped); the source
    # folder and a capture are named: refused as inside the store
    for target, words in (
        (store.parent, "holds no files"),
        (store / "p", "is inside the store"),
        (store / "p" / "20240501120000.html", "is inside the store"),
    ):
        r = tracker("import", "--store", store, "--at", "2024-05-09", target)
        _refused(r, words)
        assert _state(store) == before
    r = tracker("log", "--store", store)
    assert r.out.startswith("p  3 captures"), r.out


def test_a_capture_whose_sidecar_is_gone_is_an_error_not_a_shorter_history(tmp_path):
    """Left out, the latest capture vanished: `check` compared the two before it and alerted
    on a change the page no longer shows."""
    store = _store(tmp_path)
    (store / "p" / "20240503120000.json").unlink()
    before = _state(store)
    for command in (["log"], ["check"], ["diff", "first", "latest"], ["show", "latest"]):
        r = tracker(*command, "--store", store)
        _refused(r, "p/20240503120000 has no sidecar")
    page = tmp_path / "page04.html"
    page.write_text(PAGE, encoding="utf-8")
    _refused(tracker("import", "--store", store, "--at", "2024-05-04", page), "no sidecar")
    assert _state(store) == before
    verify = tracker("verify", "--store", store)
    assert verify.code == 1 and "20240503120000.json" in verify.out


def test_a_file_gone_before_it_is_read_is_one_line(tmp_path):
    store = _store(tmp_path)
    before = _state(store)
    link = tmp_path / "gone.html"
    link.symlink_to(tmp_path / "deleted.html")
    _refused(tracker("import", "--store", store, "--at", "2024-05-04", link), "gone.html")
    assert _state(store) == before


def test_a_store_inside_a_source_folder_of_another_is_refused(tmp_path):
    """`--store store/p` made a second store among the captures of source p, committed in the
    first store's repository."""
    store = _store(tmp_path)
    before = _state(store)
    page = tmp_path / "page09.html"
    page.write_text(PAGE, encoding="utf-8")
    for inner in (store / "p", store / "p" / "archive" / "2024"):
        r = tracker("import", "--store", inner, "--source", "q", "--at", "2024-05-09", page)
        _refused(r, "a source folder of a store")
        assert _state(store) == before
    assert sorted(path.name for path in (store / "p").iterdir()) == [
        f"202405{day}120000.{ext}" for day in ("01", "02", "03") for ext in ("html", "json")
    ]


def test_a_store_path_inside_git_is_refused_not_called_damaged(tmp_path):
    store = _store(tmp_path)
    before = _state(store)
    for command in (["log"], ["import", "--source", "q", "--at", "2024-05-09", tmp_path / "x"]):
        r = tracker(*command, "--store", store / ".git")
        _refused(r, "inside git's own folder")
        assert "damaged" not in r.err
    assert _state(store) == before
