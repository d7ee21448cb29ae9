"""A damaged store is reported as damaged: never mistaken for an empty or new one."""

from __future__ import annotations

import json
import shutil

from cli_helpers import make_store, tracker


def test_a_corrupt_sidecar_is_a_verify_finding_and_a_clear_error_elsewhere(tmp_path):
    store = make_store(tmp_path)
    (store / "rusemb.org.uk" / "20210920075900.json").write_text("{garbage")
    verify = tracker("verify", "--store", str(store), "--format", "json")
    assert verify.code == 1
    doc = json.loads(verify.out)
    assert doc["captures"] == 5
    assert [(p["kind"], p["path"]) for p in doc["problems"]] == [
        ("modified", "rusemb.org.uk/20210920075900.json")
    ]
    log = tracker("log", "--store", str(store))
    assert log.code == 2 and "Traceback" not in log.err
    assert "unreadable sidecar rusemb.org.uk/20210920075900.json" in log.err


def test_a_repository_with_lost_objects_is_damaged_not_empty(tmp_path):
    store = make_store(tmp_path)
    objects = store / ".git" / "objects"
    for folder in objects.iterdir():
        if folder.name not in ("info",):
            shutil.rmtree(folder)
    before = sorted(p.name for p in (store / "rusemb.org.uk").iterdir())
    for args in (("verify",), ("import", "--source", "rusemb.org.uk", str(tmp_path / "new.txt"))):
        (tmp_path / "new.txt").write_text("1 May 2023\nMoscow: 10:00\nLondon: 08:00\n\nhello\n")
        r = tracker(*args, "--store", str(store))
        assert r.code == 2, r.out
        assert "is damaged" in r.err and "git fsck" in r.err and "Traceback" not in r.err
    assert sorted(p.name for p in (store / "rusemb.org.uk").iterdir()) == before
