"""HTML to text: blocks kept, invisible markup dropped, encodings and archives undone."""

from __future__ import annotations

import codecs
from datetime import UTC, datetime
from pathlib import Path

import pytest
from samples import PAIRS, needs_pairs

from tracker.capture.html import (
    EXTRACTOR_VERSION,
    HtmlReader,
    decode_html,
    html_to_text,
    page_url,
)
from tracker.capture.memo import forget
from tracker.capture.wayback_clean import clean_wayback
from tracker.cloudflare import cloudflare_hidden, decode_cfemail
from tracker.errors import TrackerError


def cf_encode(address: str, key: int = 0x4F) -> str:
    return f"{key:02x}" + "".join(f"{b ^ key:02x}" for b in address.encode())


def text(html: str, **kw) -> str:
    return html_to_text(html.encode("utf-8"), **kw)


def test_blocks_become_paragraphs_and_br_ends_a_line():
    out = text(
        "<html><body><h1>Title</h1><p>One <b>bold</b>\n  word.</p><div>Block<br>next line</div>"
        "<ul><li>first</li><li>second</li></ul>"
        "<table><tr><th>Name</th><td>Phone</td></tr><tr><td>A</td><td>1</td></tr></table>"
        "</body></html>"
    )
    assert out == (
        "Title\n\nOne bold word.\n\nBlock\nnext line\n\nfirst\n\nsecond\n\nName | Phone\n\nA | 1\n"
    )


def test_invisible_markup_is_not_text():
    out = text(
        "<html><head><title>T</title><style>p{}</style><script>var x='js'</script></head><body>"
        "<p>shown</p><script>alert('no')</script><noscript>nojs</noscript>"
        "<template><p>tpl</p></template><svg><text>svgtext</text></svg><!-- a comment -->"
        "<div hidden>hid</div><div style='display: none'>none</div>"
        "<input type='hidden' value='secret'><span aria-hidden='true'>icon</span>"
        "<p>end</p></body></html>"
    )
    assert out == "shown\n\nicon\n\nend\n"


def test_pre_keeps_its_lines_and_two_brs_break_a_paragraph():
    out = text("<body><pre>a  b\n  c</pre><p>x<br><br>y</p></body>")
    assert out == "a  b\n  c\n\nx\n\ny\n"


@pytest.mark.slow
def test_deep_nesting_does_not_recurse():
    depth = 100_000
    html = "<body>" + "<div>" * depth + "deep" + "</div>" * depth + "<p>after</p></body>"
    assert text(html) == "deep\n\nafter\n"


def test_unclosed_and_broken_markup_still_gives_text():
    assert text("<p>one<p>two<div>three") == "one\n\ntwo\n\nthree\n"
    assert text("<html><body><p>a</p><script>never closed") == "a\n"


@needs_pairs
def test_mojibake_is_repaired_on_a_real_page():
    out = html_to_text((PAIRS / "pair8-after.html").read_bytes())
    assert "Español" in out and "Niño" in out
    assert "Ã" not in out and "Â" not in out


@needs_pairs
def test_cp1252_mojibake_is_repaired_on_a_real_page():
    out = html_to_text((PAIRS / "pair7-after.html").read_bytes())
    assert "â\x80\x99" not in out
    assert "Nation’s Critical Energy" in out


def test_correct_text_is_left_alone():
    assert text("<p>São Paulo – “Ниньо” Ñandú</p>") == "São Paulo – “Ниньо” Ñandú\n"


@pytest.mark.parametrize(
    ("data", "header", "expected"),
    [
        ("<meta charset='windows-1251'><p>Привет</p>".encode("cp1251"), None, "cp1251"),
        (
            "<meta http-equiv='Content-Type' content='text/html; charset=koi8-r'>"
            "<p>Привет</p>".encode("koi8-r"),
            None,
            "koi8-r",
        ),
        ("<p>Привет</p>".encode("cp1251"), "windows-1251", "cp1251"),
        (codecs.BOM_UTF16_LE + "<p>Привет</p>".encode("utf-16-le"), "iso-8859-1", "utf-16"),
        ("<p>Привет</p>".encode(), None, "utf-8"),
    ],
)
def test_encoding_order_bom_header_meta(data, header, expected):
    decoded, encoding = decode_html(data, header)
    assert "Привет" in decoded
    assert codecs.lookup(encoding).name == codecs.lookup(expected).name
    assert html_to_text(data, header) == "Привет\n"


def test_meta_latin1_means_windows_1252():
    data = "<meta charset=iso-8859-1><p>it’s</p>".encode("cp1252")
    assert html_to_text(data) == "it’s\n"


def test_a_stray_byte_in_utf8_does_not_switch_encoding():
    data = ("<meta charset=utf-8><p>" + "Ниньо " * 500 + "</p>").encode() + b"\xff<p>end</p>"
    out = html_to_text(data)
    assert out.startswith("Ниньо Ниньо") and out.endswith("end\n")


def test_empty_and_binary_are_refused():
    with pytest.raises(TrackerError):
        html_to_text(b"   ")
    with pytest.raises(TrackerError):
        html_to_text(b"\x00\x01\x02binary" * 100)


SAMPLE = """<!DOCTYPE html><html><head><title>Embassy</title>
<link rel="canonical" href="https://www.rusemb.org.uk/">
<script data-cfasync="false" src="/cdn-cgi/scripts/5c5dd728/cloudflare-static/email-decode.min.js">
</script></head><body>
<div class="date">20 September 2021</div>
<div class="clock">Moscow: 10:59</div><div class="clock">London: 08:59</div>
<div class="contacts"><p>Consular queries:<br>+44 (0) 203 668 7474<br>
<a href="/cdn-cgi/l/email-protection" class="__cf_email__" data-cfemail="{hexed}">[email&#160;protected]</a>
</p><p><a href="/cdn-cgi/l/email-protection#{hexed2}">[email&#160;protected]</a></p></div>
</body></html>"""  # noqa: E501


def sample(address="info@rusemb.org.uk", other="press@rusemb.org.uk") -> bytes:
    return SAMPLE.format(hexed=cf_encode(address), hexed2=cf_encode(other, 0x21)).encode()


def test_cloudflare_email_is_decoded_in_the_text():
    out = html_to_text(sample())
    assert "info@rusemb.org.uk" in out
    assert "press@rusemb.org.uk" in out
    assert "protected]" not in out
    assert out.splitlines()[:3] == ["20 September 2021", "", "Moscow: 10:59"]


def test_cloudflare_hidden_lists_each_address():
    assert cloudflare_hidden(sample()) == {"info@rusemb.org.uk", "press@rusemb.org.uk"}
    assert cloudflare_hidden(b"<p>info@rusemb.org.uk</p>") == set()


def test_decode_cfemail_rejects_garbage():
    assert decode_cfemail(cf_encode("a@b.org")) == "a@b.org"
    assert decode_cfemail("zz") is None
    assert decode_cfemail("4f") is None
    assert decode_cfemail(cf_encode("a@b.org?subject=hi")) == "a@b.org"


WAYBACK = """<!DOCTYPE html><html><head>
<script src="//archive.org/includes/athena.js" type="text/javascript"></script>
<script type="text/javascript">window.addEventListener('DOMContentLoaded',function(){{var v=archive_analytics.values;}});</script>
<script type="text/javascript" src="https://web-static.archive.org/_static/js/bundle-playback.js?v=1" charset="utf-8"></script>
<script type="text/javascript" src="/_static/js/wombat.js?v=1" charset="utf-8"></script>
<script>window.RufflePlayer=window.RufflePlayer||{{}};__wm.init("https://web.archive.org/web");</script>
<link rel="stylesheet" type="text/css" href="https://web-static.archive.org/_static/css/banner-styles.css?v=1" />
<!-- End Wayback Rewrite JS Include -->
<link rel="canonical" href="https://web.archive.org/web/{ts}/https://www.rusemb.org.uk/">
</head><body>
<!-- BEGIN WAYBACK TOOLBAR INSERT -->
<div id="wm-ipp-base"><div>The Wayback Machine - https://web.archive.org/web/{ts}/https://www.rusemb.org.uk/</div>
<a href="/web/{ts}*/https://www.rusemb.org.uk/">{n} captures</a><span>{ts}</span></div>
<!-- END WAYBACK TOOLBAR INSERT -->
<div>20 September 2021</div>
<p><a href="/web/{ts}/https://www.rusemb.org.uk/news">News</a>
<a href="https://web.archive.org/web/{ts}/https://www.rusemb.org.uk/cdn-cgi/l/email-protection#{hexed}">[email&#160;protected]</a></p>
</body></html>
<!--
     FILE ARCHIVED ON 07:59:00 Sep 20, 2021 AND RETRIEVED FROM THE
     INTERNET ARCHIVE ON 10:00:00 Jan 01, 2023.
-->
<!--
playback timings (ms):
  captures_list: {n}.5
-->"""  # noqa: E501

PLAIN = """<!DOCTYPE html><html><head>
<link rel="canonical" href="https://www.rusemb.org.uk/"></head><body>
<div>20 September 2021</div>
<p><a href="https://www.rusemb.org.uk/news">News</a>
<a href="https://www.rusemb.org.uk/cdn-cgi/l/email-protection#{hexed}">[email&#160;protected]</a></p>
</body></html>"""


def test_wayback_markup_never_makes_a_difference():
    hexed = cf_encode("info@rusemb.org.uk")
    one = WAYBACK.format(ts="20210920075900", n=12, hexed=hexed)
    two = WAYBACK.format(ts="20211026000300", n=345, hexed=hexed)
    plain = PLAIN.format(hexed=hexed)
    assert text(one) == text(two) == text(plain) == "20 September 2021\n\nNews info@rusemb.org.uk\n"
    assert page_url(one) == "https://www.rusemb.org.uk/"
    assert "__wm" not in clean_wayback(one) and "web-static" not in clean_wayback(one)


@needs_pairs
def test_clean_wayback_leaves_ordinary_pages_untouched():
    page = (PAIRS / "pair1-before.html").read_text(encoding="utf-8")
    assert clean_wayback(page) is page


def test_page_url_prefers_canonical_then_og_url():
    assert page_url('<meta property="og:url" content="https://a.org/x">') == "https://a.org/x"
    both = (
        '<meta property="og:url" content="https://a.org/x">'
        '<link href="https://a.org/c" rel="canonical">'
    )
    assert page_url(both) == "https://a.org/c"
    assert page_url("<p>no url</p>") is None


def test_cache_is_used_and_keyed_by_version(tmp_path):
    data = b"<p>cached text</p>"
    assert html_to_text(data, cache_dir=tmp_path) == "cached text\n"
    files = list(tmp_path.rglob("*.txt"))
    assert len(files) == 1 and f"html-v{EXTRACTOR_VERSION}" in str(files[0])
    files[0].write_text("from the cache\n", encoding="utf-8")
    forget()  # a new command: what the last one extracted is not remembered
    assert html_to_text(data, cache_dir=tmp_path) == "from the cache\n"
    assert html_to_text(data) == "cached text\n"  # no cache dir: extracted again


def test_cache_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_CACHE", str(tmp_path / "c"))
    html_to_text(b"<p>env cache</p>")
    assert len(list((tmp_path / "c").rglob("*.txt"))) == 1


def test_reader_matches_html_by_name_or_content(tmp_path):
    assert HtmlReader.matches(Path("a.HTM"), b"")
    assert HtmlReader.matches(Path("capture"), b"\n<!DOCTYPE html><html>")
    assert not HtmlReader.matches(Path("a.txt"), b"20 September 2021\nMoscow: 10:59")


def test_reader_keeps_bytes_and_finds_url(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(sample())
    at = datetime(2021, 9, 20, 7, 59, tzinfo=UTC)
    (capture,) = HtmlReader().read(path, at=at)
    assert capture.data == sample()
    assert capture.media_type == "text/html" and capture.encoding == "utf-8"
    assert capture.captured_at == at and capture.time_source == "at"
    assert capture.url == "https://www.rusemb.org.uk/"
    assert capture.original_name == "page.html"


def test_reader_finds_the_time_the_page_shows(tmp_path):
    pytest.importorskip("tracker.capture.timefind")
    path = tmp_path / "page.html"
    path.write_bytes(sample())
    (capture,) = HtmlReader().read(path)
    assert capture.time_source == "page"
    assert capture.captured_at.isoformat() == "2021-09-20T10:59:00+03:00"


def test_reader_without_a_time_asks_for_at(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(b"<html><body><p>no date here</p></body></html>")
    with pytest.raises(TrackerError, match="--at"):
        list(HtmlReader().read(path))


@needs_pairs
@pytest.mark.parametrize("name", sorted(p.name for p in PAIRS.glob("*.html")))
def test_every_real_page_extracts(name):
    out = html_to_text((PAIRS / name).read_bytes())
    assert len(out.splitlines()) > 50
    assert "<script" not in out and "function(" not in out


def test_show_prints_the_decoded_address(tmp_path):
    from cli_helpers import tracker

    page = tmp_path / "embassy.html"
    page.write_bytes(sample())
    store = str(tmp_path / "snapshots")
    assert tracker("import", "--store", store, str(page), "--source", "embassy").code == 0
    shown = tracker("show", "--store", store, "latest")
    assert shown.code == 0, shown.err
    assert "info@rusemb.org.uk" in shown.out and "protected]" not in shown.out


def test_a_changed_hidden_address_is_a_contact_change_and_hiding_is_noted(tmp_path):
    import json

    from cli_helpers import tracker

    store = str(tmp_path / "snapshots")
    pages = []
    plain = sample().replace(
        b'<a href="/cdn-cgi/l/email-protection" class="__cf_email__" data-cfemail="',
        b'<span data-x="',
    )
    plain = plain.replace(b"[email&#160;protected]</a>\n</p>", b"info@rusemb.org.uk</span></p>", 1)
    for i, (day, data) in enumerate(
        [(18, plain), (19, sample()), (20, sample(address="consular@rusemb.org.uk"))]
    ):
        page = tmp_path / f"p{i}.html"
        page.write_bytes(data.replace(b"20 September 2021", f"{day} September 2021".encode()))
        pages.append(str(page))
    assert tracker("import", "--store", store, "--source", "embassy", *pages).code == 0
    hid = json.loads(tracker("diff", "--store", store, "--format", "json", "first", "latest~1").out)
    assert "info@rusemb.org.uk is now hidden behind Cloudflare's email protection" in hid["notes"]
    changed = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    contacts = [
        (c["type"], c["change"], c["old"], c["new"])
        for c in changed["changes"]
        if c["kind"] == "contact"
    ]
    assert contacts == [("email", "changed", "info@rusemb.org.uk", "consular@rusemb.org.uk")]
