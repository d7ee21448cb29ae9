"""`tracker report` works out a source's diff options once: its index's alert (what `tracker
check` says about the latest capture) reuses the options the timeline was compared with."""

from __future__ import annotations

from collections import Counter

from report_helpers import build, make_store

import tracker.alert.check
import tracker.site


def test_the_index_alert_reuses_the_sources_options(tmp_path, monkeypatch):
    store = make_store(tmp_path)
    asked: Counter = Counter()
    for module in (tracker.site, tracker.alert.check):
        real = module.diff_options

        def counted(store, source, *args, _real=real, **kwargs):
            asked[source] += 1
            return _real(store, source, *args, **kwargs)

        monkeypatch.setattr(module, "diff_options", counted)
    build(store, tmp_path / "site")
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "ALERT: rusemb.org.uk 2021-10-26 → 2022-05-21" in index  # as tracker check says it
    assert asked == {"rusemb.org.uk": 1}
