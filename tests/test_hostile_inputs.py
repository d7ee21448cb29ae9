"""Hostile import inputs: cut WARCs, git histories with merges and odd entries, captures timed
in the future, Wayback addresses and indexes, crawls saved as timestamped folders.

Each input is imported through the CLI: what is right is stored, what is not is refused with
one line (exit 2) and the store is left exactly as it was.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import IDENTITY, tracker, tracker_process
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def page(body: str) -> bytes:
    return f"<!DOCTYPE html><html><body><h1>News</h1><p>{body}</p></body></html>".encode()


def write_warc(path: Path, records, *, gz: bool = False) -> Path:
    """records: (url, WARC-Date, body[, status[, more WARC headers]]), text/html responses."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for url, date, body, *rest in records:
            status = rest[0] if rest else "200 OK"
            http = StatusAndHeaders(status, [("Content-Type", "text/html")],
                                    protocol="HTTP/1.1")
            headers = {"WARC-Date": date, **(rest[1] if len(rest) > 1 else {})}
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                               http_headers=http, warc_headers_dict=headers)
            writer.write_record(record)
    return path


def state(store: Path):
    """HEAD, the index and every file of the store (None: no store at all)."""
    if not store.exists():
        return None
    head = subprocess.run(["git", "rev-parse", "-q", "--verify", "HEAD"], cwd=store,
                          capture_output=True, text=True).stdout
    index = subprocess.run(["git", "ls-files", "-s"], cwd=store, capture_output=True,
                           text=True).stdout
    files = {str(p.relative_to(store)): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(store.rglob("*")) if p.is_file() and ".git" not in p.parts}
    return head, index, files


def refused(store: Path, before, *args, words=()) -> str:
    r = tracker(*args)
    assert r.code == 2, (r.out, r.err)
    assert "Traceback" not in r.err and "internal error" not in r.err, r.err
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tracker: error: "), r.err
    for word in words:
        assert word in r.err, r.err
    assert state(store) == before
    return r.err


def stored(store: Path, source: str) -> list[bytes]:
    return [p.read_bytes() for p in sorted((store / source).glob("*.html"))] + [
        p.read_bytes() for p in sorted((store / source).glob("*.txt"))]


# -- WARC ------------------------------------------------------------------------------------


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_a_warc_cut_inside_a_record_is_refused_not_stored_cut(tmp_path, git_env, gz):
    """warcio hands out the part of a record the file holds without a word: a page cut in the
    middle would be stored as the page."""
    name = "crawl.warc.gz" if gz else "crawl.warc"
    whole = write_warc(tmp_path / f"whole-{name}", [
        ("https://example.org/", "2024-03-01T10:00:00Z", page("Opening hours " * 40)),
        ("https://example.org/", "2024-03-02T10:00:00Z",
         page(" ".join(f"Item {i * 7919 % 10007} closed." for i in range(400)))),
    ], gz=gz)
    data = whole.read_bytes()
    cut = tmp_path / name
    cut.write_bytes(data[: len(data) - 100])
    store = tmp_path / "store"
    refused(store, None, "import", "--store", store, cut, words=["cut short", name])
    # The complete file imports both pages whole.
    r = tracker("import", "--store", store, whole)
    assert r.code == 0, r.err
    assert len(stored(store, "example.org")) == 2


@pytest.mark.parametrize(("headers", "words"), [
    ({"WARC-Truncated": "length"}, ["its crawler cut it short (WARC-Truncated: length)"]),
    ({"WARC-Segment-Number": "1"}, ["one segment of a record split across several"]),
])
def test_a_record_its_crawler_marked_incomplete_is_refused(tmp_path, git_env, headers, words):
    """Heritrix and wget cut a record at their size limit and say so in a header; the bytes
    are complete as a record, so only the header tells the page is not whole."""
    crawl = write_warc(tmp_path / "crawl.warc", [
        ("https://example.org/", "2024-03-01T10:00:00Z", page("Opening hours")),
        ("https://example.org/", "2024-03-02T10:00:00Z", page("Closed for wo"), "200 OK",
         headers),
    ])
    store = tmp_path / "store"
    refused(store, None, "import", "--store", store, crawl,
            words=["the record for https://example.org/ is not the whole page", *words])


def test_a_206_partial_answer_is_no_capture(tmp_path, git_env):
    crawl = write_warc(tmp_path / "crawl.warc", [
        ("https://example.org/", "2024-03-01T10:00:00Z", page("Opening hours")),
        ("https://example.org/", "2024-03-02T10:00:00Z", page("Opening")[:30], "206 Partial"),
    ])
    store = tmp_path / "store"
    r = tracker("import", "--store", store, crawl)
    assert r.code == 0, r.err
    assert stored(store, "example.org") == [page("Opening hours")]


def test_a_response_without_content_type_is_read_as_a_browser_reads_it(tmp_path, git_env):
    """Servers omit Content-Type; `tracker capture` sniffs such a body, a WARC record of the
    same answer was dropped ("no HTML or text response records"). Bytes that are no HTML
    (an image) are still no page."""
    def record(date: str, body: bytes) -> bytes:
        block = b"HTTP/1.1 200 OK\r\nServer: x\r\n\r\n" + body
        head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/\r\n"
                f"WARC-Date: {date}\r\nWARC-Record-ID: <urn:uuid:{date}>\r\n"
                "Content-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {len(block)}\r\n\r\n")
        return head.encode() + block + b"\r\n\r\n"

    crawl = tmp_path / "crawl.warc"
    crawl.write_bytes(record("2024-03-01T10:00:00Z", page("Opening hours"))
                      + record("2024-03-01T10:00:01Z", b"\x89PNG\r\n\x1a\n" + bytes(200)))
    store = tmp_path / "store"
    r = tracker("import", "--store", store, crawl)
    assert r.code == 0, r.err
    assert stored(store, "example.org") == [page("Opening hours")]


def test_a_crawl_imported_into_a_source_gives_it_its_page_only(tmp_path, git_env):
    """A site's crawl holds the page a source follows and others: `--source home` imports the
    home page's records and leaves the others out (main refused the whole crawl, naming a
    --source that could not help: every record goes to the one named)."""
    store = tmp_path / "store"
    first = write_warc(tmp_path / "first.warc", [
        ("https://www.example.org/", "2024-03-01T10:00:00Z", page("Opening hours"))])
    assert tracker("import", "--store", store, "--source", "home", first).code == 0
    crawl = write_warc(tmp_path / "crawl.warc", [
        ("https://example.org/about", "2024-03-02T10:00:00Z", page("About us")),
        ("https://example.org/", "2024-03-02T10:00:01Z", page("Closed for works")),
        ("https://example.org/contact", "2024-03-02T10:00:02Z", page("Call us")),
    ])
    r = tracker("import", "--store", store, "--source", "home", crawl)
    assert r.code == 0, r.err
    assert stored(store, "home") == [page("Opening hours"), page("Closed for works")]
    assert r.err.strip() == ("tracker: note: left out 2 capture(s) of other pages than "
                             "https://www.example.org/ (https://example.org/about, "
                             "https://example.org/contact)")
    assert sorted(p.name for p in store.iterdir() if p.name != ".git") == ["home"]
    other = write_warc(tmp_path / "other.warc", [
        ("https://example.org/about", "2024-03-03T10:00:00Z", page("About us, new"))])
    refused(store, state(store), "import", "--store", store, "--source", "home", other,
            words=["nothing to import of https://www.example.org/, the page source home "
                   "follows"])


def test_a_warc_record_warcio_cannot_parse_is_one_line(tmp_path, git_env):
    """A response record without WARC-Target-URI made warcio fail on None deep inside: an
    internal error, after a good WARC of the same import."""
    good = write_warc(tmp_path / "a.warc", [("https://example.org/", "2024-03-01T10:00:00Z",
                                             page("Opening hours"))])
    bad = tmp_path / "b.warc"
    bad.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2024-03-02T10:00:00Z\r\n"
                    b"Content-Length: 20\r\n\r\nHTTP/1.1 200 OK\r\n\r\nx\r\n\r\n")
    store = tmp_path / "store"
    refused(store, None, "import", "--store", store, good, bad,
            words=["b.warc: not a readable WARC", "at byte 0"])


# -- git-scraping histories ------------------------------------------------------------------


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Scraper", GIT_AUTHOR_EMAIL="s@example.org",
               GIT_COMMITTER_NAME="Scraper", GIT_COMMITTER_EMAIL="s@example.org")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(["git", "-C", str(repo), *args], env=env, capture_output=True,
                          text=True).stdout


def scrape(repo: Path, text: str | bytes, date: str, name: str = "page.txt") -> None:
    data = text.encode() if isinstance(text, str) else text
    (repo / name).write_bytes(data)
    git(repo, "add", name)
    git(repo, "commit", "-q", "-m", f"Latest data: {date}", date=date)


@pytest.fixture
def scraper(tmp_path, git_env) -> Path:
    repo = tmp_path / "scraper"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    scrape(repo, "Beds free: 12\n", "2024-01-01T10:00:00Z")
    return repo


def test_a_merge_is_a_version_and_a_side_branch_is_never_dropped(scraper, tmp_path):
    """Two scrapers pushed at once: a hand-resolved merge is the page's text from then on, and
    git's default walk would drop the side a later `-s ours` merge did not take."""
    git(scraper, "checkout", "-q", "-b", "laptop")
    scrape(scraper, "Beds free: 9\n", "2024-01-02T10:00:00Z")
    git(scraper, "checkout", "-q", "main")
    scrape(scraper, "Beds free: 7\n", "2024-01-03T10:00:00Z")
    git(scraper, "merge", "-q", "laptop")  # a conflict, resolved by hand:
    scrape(scraper, "Beds free: 8\n", "2024-01-04T10:00:00Z")
    git(scraper, "checkout", "-q", "-b", "retry")
    scrape(scraper, "Beds free: 3\n", "2024-01-05T10:00:00Z")
    git(scraper, "checkout", "-q", "main")
    scrape(scraper, "unrelated\n", "2024-01-06T10:00:00Z", name="other.txt")
    git(scraper, "merge", "-q", "-s", "ours", "retry", "-m", "keep main", date="2024-01-07T10:00Z")
    store = tmp_path / "store"
    r = tracker("import", "--store", store, "--source", "beds", "--git", scraper,
                "--path", "page.txt")
    assert r.code == 0, r.err
    times = sorted(p.name for p in (store / "beds").glob("*.txt"))
    texts = [(store / "beds" / name).read_text().split(": ")[1].strip() for name in times]
    # 01: 12, 02: 9 (laptop), 03: 7, 04: 8 (the merge), 05: 3 (retry), 07: 8 again (ours)
    assert texts == ["12", "9", "7", "8", "3", "8"], texts
    assert r.out.count("+ beds/") == 6 and "0 already stored" in r.out
    again = tracker("import", "--store", store, "--source", "beds", "--git", scraper,
                    "--path", "page.txt")
    assert again.code == 0 and "6 already stored, 0 added" in again.out, again.out


@pytest.mark.parametrize("entry", ["symlink", "submodule"])
def test_a_link_or_submodule_at_the_path_is_refused(scraper, tmp_path, entry):
    git(scraper, "rm", "-q", "page.txt")
    if entry == "symlink":
        os.symlink("../secrets.txt", scraper / "page.txt")
        git(scraper, "add", "page.txt")
    else:
        git(scraper, "update-index", "--add", "--cacheinfo", f"160000,{'1' * 40},page.txt")
    git(scraper, "commit", "-q", "-m", entry, date="2024-01-02T10:00:00Z")
    store = tmp_path / "store"
    words = ["symbolic link" if entry == "symlink" else "submodule", "--path"]
    refused(store, None, "import", "--store", store, "--source", "beds", "--git", scraper,
            "--path", "page.txt", words=words)


def test_max_bytes_applies_to_a_historys_versions(scraper, tmp_path):
    scrape(scraper, "Beds free: 11\n" * 200, "2024-01-02T10:00:00Z")
    store = tmp_path / "store"
    refused(store, None, "import", "--store", store, "--source", "beds", "--max-bytes", "1000",
            "--git", scraper, "--path", "page.txt", words=["2,800 bytes", "--max-bytes 2800"])


# -- capture times no capture can have ------------------------------------------------------


@pytest.mark.parametrize(("date", "words"), [
    ("2999-01-01T10:00:00Z", ["WARC-Date 2999-01-01T10:00:00+00:00 is in the future"]),
    ("1970-01-01T00:00:00Z", ["WARC-Date 1970-01-01T00:00:00+00:00 is before the web"]),
])
def test_a_warc_date_no_crawl_can_have_is_refused(tmp_path, git_env, date, words):
    """A crawler's clock unset or set wrong: the store would sort that capture after (or
    before) every real one, and never be able to hold the true one in its place."""
    crawl = write_warc(tmp_path / "crawl.warc", [
        ("https://example.org/", "2024-03-01T10:00:00Z", page("Opening hours")),
        ("https://example.org/", date, page("Closed")),
    ])
    store = tmp_path / "store"
    (tmp_path / "seed.txt").write_text("seed\n")
    r = tracker("import", "--store", store, "--source", "ex", "--at", "2024-02-01",
                tmp_path / "seed.txt")
    assert r.code == 0, r.err
    refused(store, state(store), "import", "--store", store, "--source", "ex", crawl,
            words=["https://example.org/: ", *words])


def test_a_time_before_the_year_1000_is_refused_not_stored_unlisted(tmp_path, git_env):
    """Its name would have 13 digits: stored, committed, and never listed again."""
    (tmp_path / "scan.txt").write_text("Charter\n")
    store = tmp_path / "store"
    refused(store, None, "import", "--store", store, "--source", "ex", "--at",
            "0999-06-01T12:00Z", tmp_path / "scan.txt", words=["before the year 1000", "--at"])
    r = tracker("import", "--store", store, "--source", "ex", "--at", "1215-06-15T12:00Z",
                tmp_path / "scan.txt")
    assert r.code == 0, r.err
    assert [p.name for p in (store / "ex").glob("*.txt")] == ["12150615120000.txt"]
    assert "1215-06-15" in tracker("log", "--store", store).out


# -- the Wayback Machine ---------------------------------------------------------------------


class Archive:
    """A fake archive: `rows` is the CDX answer, `bodies` what each timestamp plays back."""

    def __init__(self, rows, bodies):
        self.rows, self.bodies, self.asked = rows, bodies, []

    def answer(self, request):
        from urllib.parse import parse_qs, urlsplit

        parts = urlsplit(request.path)
        if parts.path == "/cdx/search/cdx":
            self.asked.append(parse_qs(parts.query)["url"][0])
            return (200, {"Content-Type": "application/json"}, json.dumps(self.rows).encode())
        ts = parts.path.removeprefix("/web/").partition("/")[0].removesuffix("id_")
        if ts not in self.bodies:
            return (404, {"Content-Type": "text/plain"}, b"not in the archive")
        return (200, {"Content-Type": "text/html"}, self.bodies[ts])


@pytest.fixture
def archive(http_server, monkeypatch):
    def make(rows, bodies):
        fake = Archive(rows, bodies)
        http_server.routes["*"] = fake.answer
        monkeypatch.setenv("TRACKER_WAYBACK_URL", http_server.base)
        return fake
    return make


HEAD = ["timestamp", "original", "mimetype"]
DAYS = [f"2024010{i}100000" for i in range(1, 5)]


def test_a_capture_the_archive_will_not_play_back_holds_back_none_after_it(archive, tmp_path):
    """A listed capture that answers 404 stopped the backfill there, on every run after."""
    archive([HEAD] + [[ts, "https://example.org/", "text/html"] for ts in DAYS],
            {ts: page(f"Day {i}") for i, ts in enumerate(DAYS) if i != 1})
    store = tmp_path / "store"
    for run in range(2):
        r = tracker("wayback", "https://example.org/", "--rate", "0", "--store", store)
        assert r.code == 2 and "Traceback" not in r.err, r.err
        assert r.err.strip().splitlines()[-1] == (
            "tracker: error: the archive lists 1 capture it would not play back: "
            "20240102100000 (HTTP 404) (the others are stored; run the same command later to "
            "try those again)")
        assert sorted(p.name[:14] for p in (store / "example.org").glob("*.html")) == \
            [DAYS[0], DAYS[2], DAYS[3]]
        assert ("3 added" if run == 0 else "0 added") in r.out


def test_index_rows_that_are_no_capture_of_their_own(archive, tmp_path):
    """An index that ignored the status filter (a 301, a 404) and lists one capture twice:
    one download per capture, pages only."""
    rows = [["timestamp", "original", "mimetype", "statuscode"],
            [DAYS[0], "https://example.org/", "text/html", "200"],
            [DAYS[0], "https://example.org/", "text/html", "200"],
            [DAYS[1], "https://example.org/", "text/html", "301"],
            [DAYS[2], "https://example.org/", "text/html", "404"]]
    archive(rows, {ts: page(ts) for ts in DAYS})
    store = tmp_path / "store"
    r = tracker("wayback", "https://example.org/", "--rate", "0", "--store", store)
    assert r.code == 0, r.err
    assert "1 distinct capture in the archive" in r.err
    assert [p.name for p in (store / "example.org").glob("*.html")] == [f"{DAYS[0]}.html"]


@pytest.mark.parametrize("bad", ["2024", "2024010110000", "20241301100000"])
def test_an_index_naming_a_capture_by_no_second_is_one_line(archive, tmp_path, bad):
    archive([HEAD, [bad, "https://example.org/", "text/html"],
             [DAYS[0], "https://example.org/", "text/html"]], {DAYS[0]: page("x")})
    store = tmp_path / "store"
    refused(store, None, "wayback", "https://example.org/", "--rate", "0", "--store", store,
            words=[repr(bad), "14-digit"])


def test_a_wayback_address_is_read_as_the_page_it_archived(archive, tmp_path):
    """The address in the browser's bar while looking at the archive's calendar."""
    fake = archive([HEAD, [DAYS[0], "https://example.org/news", "text/html"]],
                   {DAYS[0]: page("x")})
    store = tmp_path / "store"
    r = tracker("wayback", "https://web.archive.org/web/2024*/https://example.org/news",
                "--rate", "0", "--store", store)
    assert r.code == 0, r.err
    assert fake.asked == ["https://example.org/news"]
    assert [p.name for p in (store / "example.org-news").glob("*.html")] == [f"{DAYS[0]}.html"]


def test_a_warc_of_wayback_playbacks_holds_the_archived_page_at_its_timestamp(tmp_path, git_env):
    """A crawl of the archive's own addresses (`/web/<ts>id_/<page>`): each record is that page
    at that timestamp, not a page of web.archive.org fetched the day the WARC was written; and
    `tracker wayback` then knows them as stored."""
    crawl = write_warc(tmp_path / "wb.warc.gz", [
        (f"https://web.archive.org/web/{DAYS[0]}id_/https://example.org/", "2025-06-01T10:00:00Z",
         page("January")),
        (f"https://web.archive.org/web/{DAYS[1]}if_/https:/example.org/", "2025-06-01T10:00:05Z",
         page("February")),
    ], gz=True)
    store = tmp_path / "store"
    r = tracker("import", "--store", store, crawl)
    assert r.code == 0, r.err
    assert sorted(p.name for p in store.iterdir() if p.name != ".git") == ["example.org"]
    assert sorted(p.name for p in (store / "example.org").glob("*.html")) == \
        [f"{DAYS[0]}.html", f"{DAYS[1]}.html"]
    sidecar = json.loads((store / "example.org" / f"{DAYS[0]}.json").read_text())
    assert sidecar["url"] == "https://example.org/" and sidecar["time_source"] == "wayback"
    assert sidecar["extra"]["wayback_timestamp"] == DAYS[0]
    partial = write_warc(tmp_path / "partial.warc", [
        ("https://web.archive.org/web/2024/https://example.org/", "2025-06-01T10:00:00Z",
         page("Some day in 2024"))])
    refused(store, state(store), "import", "--store", store, partial,
            words=["timestamp 2024, not 14 digits", "tracker wayback"])


# -- folders ---------------------------------------------------------------------------------


def test_a_crawl_saved_as_timestamped_folders_is_dated_by_them(tmp_path, git_env):
    """wayback_machine_downloader --all-timestamps writes `<14 digits>/index.html`: every file
    has the same name, the time is in its folder (only folders below the one named count)."""
    site = tmp_path / "2023-12-31 downloads" / "example.org"
    for ts, text in ((DAYS[0], "Opening hours"), (DAYS[1], "Closed for works")):
        (site / ts).mkdir(parents=True)
        (site / ts / "index.html").write_bytes(page(text))
    (site / "2024-01-03T10:00Z" / "en").mkdir(parents=True)  # a folder nearer wins
    (site / "2024-01-03T10:00Z" / "en" / "20240104100000-notes").mkdir()
    (site / "2024-01-03T10:00Z" / "en" / "20240104100000-notes" / "index.html").write_bytes(
        page("Reopened"))
    store = tmp_path / "store"
    r = tracker("import", "--store", store, "--source", "ex", site)
    assert r.code == 0, r.err
    assert sorted(p.name for p in (store / "ex").glob("*.html")) == [
        f"{DAYS[0]}.html", f"{DAYS[1]}.html", f"{DAYS[3]}.html"]
    assert "(filename)" in r.out
    undated = tmp_path / "2024-02-01 notes"
    undated.mkdir()
    (undated / "index.html").write_bytes(page("No date"))
    refused(store, state(store), "import", "--store", store, "--source", "ex", undated,
            words=["--at"])


def test_a_pipe_is_refused_never_stored_without_its_first_bytes(tmp_path, git_env):
    """`tracker import /dev/stdin`: the reader's look at the first 4 KB consumed them, and the
    capture was stored from byte 4,097 on; a FIFO in a folder made the import wait forever."""
    text = "Opening hours\n" + "".join(f"Line {i}\n" for i in range(2000))
    store = tmp_path / "store"
    r = tracker_process("import", "--store", store, "--source", "ex", "--at", "2024-03-01",
                        "/dev/stdin", input=text)
    assert r.code == 2 and "/dev/stdin: not a regular file" in r.err, r.err
    assert len(r.err.strip().splitlines()) == 1 and not store.exists()
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(text)
    os.mkfifo(folder / "b.txt")
    refused(store, None, "import", "--store", store, "--source", "ex", "--at", "2024-03-01",
            folder, words=["b.txt: not a regular file"])


def test_a_git_lfs_pointer_is_refused_not_stored_as_the_page(scraper, tmp_path):
    """A scraper that keeps its pages in Git LFS commits three-line pointers: stored, they
    would read as the page's text."""
    pointer = ("version https://git-lfs.github.com/spec/v1\n"
               f"oid sha256:{'a' * 64}\nsize 48213\n")
    scrape(scraper, pointer, "2024-01-02T10:00:00Z")
    store = tmp_path / "store"
    refused(store, None, "import", "--store", store, "--source", "beds", "--git", scraper,
            "--path", "page.txt", words=["Git LFS pointer"])


def test_credentials_in_a_url_never_reach_the_store(tmp_path, git_env, http_server):
    """A WARC-Target-URI (or a URL to capture) with user:password@: the sidecar recorded it,
    and the store is a repository that gets pushed."""
    crawl = write_warc(tmp_path / "crawl.warc", [
        ("https://editor:s3cret-Pa55@example.org/", "2024-03-01T10:00:00Z", page("Draft"))])
    store = tmp_path / "store"
    r = tracker("import", "--store", store, crawl)
    assert r.code == 0, r.err
    http_server.routes["/intranet"] = (200, {"Content-Type": "text/html"}, page("Intranet"))
    address = http_server.base.replace("://", "://editor:s3cret-Pa55@") + "/intranet"
    r = tracker("capture", "--store", store, "--source", "intranet", address)
    assert r.code == 0, r.err
    files = [p for p in store.rglob("*") if p.is_file() and ".git" not in p.parts]
    assert not [p for p in files if b"s3cret" in p.read_bytes()]
    sidecar = json.loads(next((store / "example.org").glob("*.json")).read_text())
    assert sidecar["url"] == "https://example.org/"
    assert json.loads(next((store / "intranet").glob("*.json")).read_text())["url"] == \
        http_server.base + "/intranet"


def test_a_date_the_page_shows_ahead_of_its_capture_is_not_its_time(scraper, tmp_path):
    """An announcement's date at the top of the page ("14 March 2031 — Open day") read as the
    capture time: such a version sorted after every real one (main stored it in 2031)."""
    event = "<html><body><p>14 March 2031</p><h1>Open day</h1><p>Beds free: 5</p></body></html>"
    scrape(scraper, event, "2024-01-02T10:00:00Z", name="page.html")
    store = tmp_path / "store"
    r = tracker("import", "--store", store, "--source", "beds", "--git", scraper,
                "--path", "page.html")
    assert r.code == 0, r.err
    assert [p.name for p in (store / "beds").glob("*.html")] == ["20240102100000.html"]
    assert "(commit)" in r.out
    saved = tmp_path / "open-day-20240105093000.html"
    saved.write_text(event.replace("free: 5", "free: 4"))
    r = tracker("import", "--store", store, "--source", "beds", saved)
    assert r.code == 0, r.err
    assert "beds/20240105093000.html" in r.out and "(filename)" in r.out


KILL_AT_BRANCH = """
import os, signal, sys
from tracker.cli import main
from tracker.store import gitio
gitio.update_ref = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
main(sys.argv[1:])
"""


def test_a_backfill_killed_before_its_branch_moved_is_never_stored_twice(archive, tmp_path):
    """`wayback` lists what is stored before it writes; the import the kill left is completed
    under the lock, then the batch was judged against the listing made without it: every
    capture of that import stored a second time (as `<14 digits>-<hash>`)."""
    archive([HEAD] + [[ts, "https://example.org/", "text/html"] for ts in DAYS[:2]],
            {ts: page(f"Day {i}") for i, ts in enumerate(DAYS)})
    store = tmp_path / "store"
    args = ["wayback", "https://example.org/", "--rate", "0", "--store", str(store)]
    killed = subprocess.run([sys.executable, "-c", KILL_AT_BRANCH, *args], capture_output=True,
                            text=True, env={**os.environ, **IDENTITY})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    r = tracker(*args)
    assert r.code == 0, r.err
    assert sorted(p.name for p in (store / "example.org").glob("*.html")) == \
        [f"{DAYS[0]}.html", f"{DAYS[1]}.html"]
    assert tracker("verify", "--store", store).code == 0


def test_the_stores_own_files_are_never_imported_into_it(tmp_path, git_env):
    """`tracker import .` from a project holding its store, or the store's source folder named:
    each sidecar (named by its 14 digits) was stored as a new capture of the page."""
    project = tmp_path / "project"
    (project / "pages").mkdir(parents=True)
    (project / "pages" / "2024-03-01.txt").write_text("Opening hours\n")
    store = project / "snapshots"
    r = tracker("import", "--store", store, "--source", "ex", project / "pages")
    assert r.code == 0, r.err
    (project / "pages" / "2024-03-02.txt").write_text("Closed for works\n")
    r = tracker("import", "--store", store, "--source", "ex", project)
    assert r.code == 0, r.err
    assert "1 already stored, 1 added" in r.out
    assert sorted(p.name for p in (store / "ex").iterdir()) == [
        "20240301120000.json", "20240301120000.txt", "20240302120000.json",
        "20240302120000.txt"]
    refused(store, state(store), "import", "--store", store, "--source", "ex", store / "ex",
            words=["is inside the store", "stored captures already"])


def test_at_with_only_a_git_history_is_refused_not_ignored(scraper, tmp_path):
    """--at dates files; given with a history alone it was silently ignored, each version
    stored at its own time where the user asked for another."""
    store = tmp_path / "store"
    refused(store, None, "import", "--store", store, "--source", "beds", "--at", "2024-05-01",
            "--git", scraper, "--path", "page.txt", words=["--at does not apply to a git"])
