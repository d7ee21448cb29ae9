"""A check forked by `tracker run` (fork.start) reads the cache as the parent does and hands
back what it would have written: it must be able to do all a check asks of a cache (was: no
`prefetch`, so every forked check of a history of 4+ captures failed and was done again)."""

from __future__ import annotations

import json

from cli_helpers import make_store

from tracker import watch
from tracker.history.cache import Cache
from tracker.history.noise import learned_rules
from tracker.store import Store


def test_a_forked_check_learns_noise_as_the_parent_does_and_hands_its_writes_back(tmp_path):
    store = Store.open(make_store(tmp_path / "a"))
    source = store.resolve_source(None)
    assert len(store.captures(source)) > 3  # learned noise reads the history
    recorder = watch._Recorder(Cache(store.cache_dir))
    forked = learned_rules(store, source, recorder)

    twin = Store.open(make_store(tmp_path / "b"))
    assert forked == learned_rules(twin, source, Cache(twin.cache_dir))
    assert recorder.puts  # what it would have written, as JSON text

    parent = Cache(store.cache_dir)
    watch._merge(store, parent, {"puts": recorder.puts})
    key, raw = next(iter(recorder.puts.items()))
    assert parent.get(key) == json.loads(raw)
