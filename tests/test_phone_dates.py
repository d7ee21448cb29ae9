"""A date or date-time written in digits is never a phone, in any region: "2024-05-01 10:00" on
a US page was read as +1 202-405-0110 (202: Washington's area code), so every US or Chinese page
with a timestamp alerted on each capture. A real number beside a date is still found."""

from __future__ import annotations

import json
from pathlib import Path

import phonenumbers
import pytest
from cli_helpers import tracker
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker import dates
from tracker.differ.contacts import find

PAGES = Path(__file__).parent / "pages" / "phone-dates"
REGIONS = sorted(phonenumbers.SUPPORTED_REGIONS)


def _store(tmp_path: Path, name: str) -> str:
    store = tmp_path / "snaps"
    ext = "txt" if (PAGES / f"{name}-before.txt").exists() else "html"
    for when, side in (("2024-03-04T17:00:00Z", "before"), ("2024-03-05T09:00:00Z", "after")):
        path = PAGES / f"{name}-{side}.{ext}"
        r = tracker("import", "--store", str(store), "--source", "page", "--at", when, str(path))
        assert r.code == 0, r.err
    return str(store)


@pytest.mark.parametrize(
    "name",
    [
        "us-water",  # en-US on a .gov site: "2024-03-04 16:20" → "2024-03-05 08:45"
        "us-status",  # a text capture with a +1 number: ISO and slashed stamps
        "cn-notice",  # zh-CN: only the time of "2024-03-04 16:20:05" changes
        "en-cn-office",  # English with +86 numbers: "2024.03.04 16:20"
    ],
)
def test_a_restamped_page_is_no_contact_change(tmp_path, name):
    store = _store(tmp_path, name)
    check = tracker("check", "--store", store)
    assert check.code == 0, check.out
    assert "phone" not in check.out
    doc = json.loads(tracker("diff", "--store", store, "--format", "json").out)
    assert [c for c in doc["changes"] if c["kind"] == "contact"] == []
    assert {c["kind"] for c in doc["changes"]} == {"volatile"}


def test_a_number_changed_right_beside_a_date_is_found(tmp_path):
    """`TEL 03-3201-4567 2024/03/04 16:20 更新`: number and stamp are one run of digits and
    separators; with the date cut out the number is read (it was a bare figure change)."""
    store = _store(tmp_path, "ja-office")
    check = tracker("check", "--store", store, "--format", "json")
    assert check.code == 1
    alerts = json.loads(check.out)["alerts"]
    assert [(a["kind"], a["old"], a["new"]) for a in alerts] == [
        ("contact", "+81332014567", "+81332014999")
    ]


# every way a date or date-time is written in digits and separators alone
FORMS = [
    "{Y}-{m}-{d} {H}:{M}",
    "{Y}-{m}-{d} {H}:{M}:{S}",
    "{Y}-{m}-{d}T{H}:{M}:{S}",
    "{Y}-{m}-{d}",
    "{Y}/{m}/{d} {H}:{M}:{S}",
    "{Y}/{m}/{d} {H}:{M}",
    "{Y}.{m}.{d} {H}:{M}",
    "{Y}. {m}. {d}. {H}:{M}",
    "{d}.{m}.{Y} {H}:{M}",
    "{d}.{m}.{Y}, {H}.{M}",
    "{d}. {m}. {Y} {H}:{M}",
    "{d}-{m}-{Y} {H}:{M}",
    "{d}/{m}/{Y} {H}:{M}",
    "{m}/{d}/{Y} {H}:{M} AM",
    "{m}/{d}/{y} {H}:{M}",
    "{d}.{m}.{y} {H}:{M}",
    "{Y}{m}{d} {H}{M}",
    "{Y}{m}{d}T{H}{M}{S}",
    "{Y}{m}{d}{H}{M}",
    "{H}.{M}-{H2}.{M}",
]
LABELS = ["Posted: {}", "发布时间：{}", "Stand {} Uhr", "({})", "Last checked {} UTC"]


def _written(form: str, y: int, mo: int, d: int, h: int, mi: int, s: int) -> str:
    return form.format(
        Y=f"{y:04d}",
        y=f"{y % 100:02d}",
        m=f"{mo:02d}",
        d=f"{d:02d}",
        H=f"{h:02d}",
        M=f"{mi:02d}",
        S=f"{s:02d}",
        H2=f"{(h + 4) % 24:02d}",
    )


@settings(max_examples=150, deadline=None)
@given(
    form=st.sampled_from(FORMS),
    label=st.sampled_from(LABELS),
    y=st.integers(1990, 2039),
    mo=st.integers(1, 12),
    d=st.integers(1, 28),
    h=st.integers(0, 23),
    mi=st.integers(0, 59),
    s=st.integers(0, 59),
)
def test_no_date_form_is_a_phone_in_any_region(form, label, y, mo, d, h, mi, s):
    text = label.format(_written(form, y, mo, d, h, mi, s))
    phones = {r: [c.value for c in find(text, r) if c.type == "phone"] for r in REGIONS}
    assert {r: v for r, v in phones.items() if v} == {}, text


def test_the_forms_that_were_phones_are_none_now():
    """The forms the red team and this sweep found read as phones, each in every region."""
    for form in FORMS:
        text = "Posted: " + _written(form, 2024, 5, 1, 10, 0, 12)
        found = {r: [c.value for c in find(text, r)] for r in REGIONS}
        assert {r: v for r, v in found.items() if v} == {}, text


def test_the_forms_are_dates_to_the_date_grammar_too():
    """The cut is no private notion of a date: what the grammar reads is among the forms."""
    read = [f for f in FORMS if dates.find(_written(f, 2024, 5, 1, 10, 0, 12))]
    assert len(read) >= 10


@pytest.mark.parametrize(
    ("text", "region", "number"),
    [
        ("Call 202-555-0147 (updated 2024-05-01)", "US", "+12025550147"),
        ("Updated 2024-05-01 10:00 · call 202-555-0147", "US", "+12025550147"),
        ("2024-05-01 202-555-0147", "US", "+12025550147"),
        ("咨询电话：010-12345678 2024-05-01 10:00", "CN", "+861012345678"),
        ("TEL 03-1234-5678 2024/05/01 10:00", "JP", "+81312345678"),
        ("Stand 01.05.2024 Tel. 030 1234567", "DE", "+49301234567"),
        # numbers that look like a date in part stay whole
        ("Tél. 06.12.05.34.56", "FR", "+33612053456"),
        ("тел. (8452) 12-05-56", "RU", "+78452120556"),
        ("Tlf. 20 24 05 01", "DK", "+4520240501"),
        ("Seoul office 02-2024-0501", "KR", "+82220240501"),
    ],
)
def test_a_real_number_beside_a_date_is_still_found(text, region, number):
    assert [c.value for c in find(text, region) if c.type == "phone"] == [number]


NUMBERS = [  # (region, as written, E.164)
    ("US", "202-555-0147", "+12025550147"),
    ("US", "(312) 555-0190", "+13125550190"),
    ("CN", "021-63211234", "+862163211234"),
    ("JP", "03-3201-4567", "+81332014567"),
    ("DE", "030 9026 1234", "+493090261234"),
    ("FR", "01 42 76 40 40", "+33142764040"),
    ("DK", "33 12 34 56", "+4533123456"),
]


@settings(max_examples=150, deadline=None)
@given(
    number=st.sampled_from(NUMBERS),
    form=st.sampled_from(FORMS),
    joint=st.sampled_from([" ", " (", ", ", " · ", "\t"]),
    first=st.booleans(),
    y=st.integers(1990, 2039),
    mo=st.integers(1, 12),
    d=st.integers(1, 28),
    h=st.integers(0, 23),
    mi=st.integers(0, 59),
)
def test_a_number_beside_any_date_form_is_found(number, form, joint, first, y, mo, d, h, mi):
    region, written, e164 = number
    date = _written(form, y, mo, d, h, mi, 0)
    text = f"{date}{joint}{written}" if first else f"{written}{joint}{date}"
    assert [c.value for c in find(text, region) if c.type == "phone"] == [e164], text
