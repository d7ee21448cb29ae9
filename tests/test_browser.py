"""The report as a person sees it: headless Chromium (the system's, driven by Playwright).

Skipped, with the reason, when Playwright or a Chromium binary is missing; `.ci/run` installs
Chromium, so CI (where CI is set) runs them, and fails when it cannot.
"""

from __future__ import annotations

import os
import shutil

import pytest
from report_helpers import build, hostile_store, make_store

CHROMIUM = next(
    (
        p
        for p in (
            os.environ.get("TRACKER_CHROMIUM"),
            shutil.which("chromium"),
            shutil.which("chromium-browser"),
            shutil.which("google-chrome"),
        )
        if p
    ),
    None,
)
try:
    import playwright.sync_api as playwright
except ImportError:
    playwright = None
if playwright is None:
    MISSING = "Playwright is not installed (pip install -e '.[test]')"
elif CHROMIUM is None:
    MISSING = "no Chromium on this machine (apt-get install chromium; .ci/run does it)"
else:
    MISSING = None
if MISSING and os.environ.get("CI"):  # CI installs both: there a missing browser is a failure
    pytest.fail(f"browser tests cannot run in CI: {MISSING}", pytrace=False)
pytestmark = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        args = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
        b = p.chromium.launch(executable_path=CHROMIUM, args=args)
        yield b
        b.close()


class Page:
    """A page that records every console error, uncaught exception and dialog."""

    def __init__(self, browser):
        self.page = browser.new_page(viewport={"width": 1200, "height": 900})
        self.errors: list[str] = []
        self.page.on(
            "console",
            lambda m: m.type in ("error", "warning") and self.errors.append(f"{m.type}: {m.text}"),
        )
        self.page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        self.page.on("dialog", lambda d: (self.errors.append(f"dialog: {d.message}"), d.dismiss()))

    def open(self, path):
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")
        return self.page


@pytest.mark.slow
def test_samples_report_in_the_browser(browser, tmp_path):
    store = make_store(tmp_path)
    out = tmp_path / "site"
    build(store, out)
    tab = Page(browser)

    page = tab.open(out / "index.html")
    assert page.locator("table.sources tbody tr").count() == 1
    assert page.locator("svg.spark").count() == 2
    page.get_by_role("link", name="rusemb.org.uk").click()
    page.wait_for_load_state("load")
    assert page.title() == "rusemb.org.uk: 5 captures"

    page = tab.open(out / "rusemb.org.uk" / "20220521081600.html")
    contacts = page.locator("section.contacts li").all_inner_texts()
    assert any("phone changed: +442036687474 → +442031618868" in t for t in contacts)
    counters = page.locator("section.counters li").all_inner_texts()
    assert len(counters) == 2
    assert "1332 → 1539 (+207, on schedule)" in counters[0]
    assert "1324 → 1531 (+207, on schedule)" in counters[1]
    page.screenshot(path=tmp_path / "pair.png")
    assert (tmp_path / "pair.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    page = tab.open(out / "rusemb.org.uk" / "20210920075900.html")
    text = page.locator("section.text")
    inline, side = text.locator(".inline"), text.locator(".side")
    assert inline.is_visible() and not side.is_visible()
    deleted = inline.locator("del").all_inner_texts()
    inserted = inline.locator("ins").all_inner_texts()
    assert "media question concerning the new Bellingcat’s investigation" in deleted
    assert "question on allegations in the UK concerning “Russian cyberthreats”" in inserted
    # deletions struck and insertions underlined: marked by more than colour
    style = page.locator("section.text .inline del").first.evaluate(
        "e => getComputedStyle(e).textDecorationLine"
    )
    assert "line-through" in style
    style = page.locator("section.text .inline ins").first.evaluate(
        "e => getComputedStyle(e).textDecorationLine"
    )
    assert "underline" in style
    text.locator("label").click()  # the side-by-side toggle, with no script
    assert side.is_visible() and not inline.is_visible()
    assert "media question concerning" in " ".join(side.locator("del").all_inner_texts())
    page.screenshot(path=tmp_path / "side.png", full_page=True)
    assert tab.errors == []


@pytest.mark.slow
def test_captured_script_never_runs(browser, tmp_path):
    out = tmp_path / "site"
    build(hostile_store(tmp_path), out)
    tab = Page(browser)
    pair = next((out / "example.org").glob("2*.html"))
    page = tab.open(pair)
    assert page.title() == "example.org: 2024-01-01 → 2024-01-11"
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.images.length") == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert "<script>document.title='PWNED'</script>" in page.locator("section.added").inner_text()
    page.screenshot(path=tmp_path / "hostile.png", full_page=True)
    for name in ("index.html", "example.org/index.html", "feed.atom"):
        page = tab.open(out / name)
        assert "PWNED" not in page.title()
    for raw in (out / "example.org" / "raw").iterdir():
        page = tab.open(raw)  # the evidence, shown as text
        assert "PWNED" not in page.title()
        assert page.evaluate("document.scripts.length") == 0
    assert tab.errors == []

