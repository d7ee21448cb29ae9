"""One way to do each thing (issue #12): commands that do the same work share one code path,
so they answer alike, and a fix made for one reaches the others."""

from __future__ import annotations

from cli_helpers import tracker


def test_add_on_a_store_path_that_is_a_file_says_so_like_every_command(tmp_path):
    """`add` opens the store as the other commands do: one line, exit 2, nothing written."""
    path = tmp_path / "file"
    path.write_text("not a store\n")
    added = tracker("add", "https://example.org/news", "--store", str(path))
    logged = tracker("log", "--store", str(path))
    assert logged.code == 2 and logged.err.startswith("tracker: error: the store path")
    assert (added.code, added.err) == (logged.code, logged.err)
    assert path.read_text() == "not a store\n"
