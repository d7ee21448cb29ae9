"""The differ announces the blocks that differ (`dates.vocabulary`) before it reads their dates:
whether they hold a CJK character is asked once for them all, not again at every read (a 10 MB
page with 5 % changed asked it 1.7 million times, a second of a diff)."""

from __future__ import annotations

from tracker import dates


def test_the_announced_texts_are_searched_for_cjk_once(monkeypatch):
    asked: list[str] = []
    real = dates._has_cjk

    def counting(text: str) -> bool:
        asked.append(text)
        return real(text)

    monkeypatch.setattr(dates, "_has_cjk", counting)
    monkeypatch.setattr(dates, "_cjk_mode", [False])
    texts = [f"Item {k}: updated 3 May 2024, {k} views — ещё {k} дней" for k in range(300)]
    dates.vocabulary(*texts)
    for text in texts:
        dates.find(text)
    # one search for the announced texts, and a couple for each text read (its own), never
    # one per announced text at each read (300 × 300)
    assert len(asked) <= 1 + 2 * len(texts)


def test_a_cjk_text_announced_switches_the_boundaries_on():
    mode = dates._cjk_mode[0]
    try:
        dates._cjk_mode[0] = False
        dates.vocabulary("Updated 3 May 2024", "更新日：2024年5月2日")
        assert dates._cjk_text("updated 3 may 2024")
        assert [e.text for e in dates.find("更新日：2024年5月2日")] == ["2024年5月2日"]
    finally:
        dates._cjk_mode[0] = mode
