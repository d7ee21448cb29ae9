"""How bytes become text: a capture is read as it was written (README, "Encodings").

Real texts of a few KB (tests/texts/, UTF-8) are written in legacy code pages with Python's
codecs, imported through the CLI, and must read back as the original text; UTF-8 with a few bad
sequences stays UTF-8.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import tracker
from samples import SAMPLES

from tracker.capture import decode as decoding
from tracker.capture.decode import decode

TEXTS = Path(__file__).resolve().parent / "texts"
CLEAN = SAMPLES / "20210920075900.txt"  # the sample that still shows info@rusemb.org.uk


run = tracker  # the CLI in-process: (exit code, stdout, stderr)


def latin1(text: str) -> str:
    """The text as a Latin-1 writer would type it: no curly quotes, dashes or euro."""
    return text.translate(
        str.maketrans(
            {
                "’": "'",
                "‘": "'",
                "“": '"',
                "”": '"',
                "„": '"',
                "–": "-",
                "—": "-",
                "…": "...",
                "€": "EUR",
            }
        )
    )


# (text file, codec that writes it, encoding tracker must read it as)
CASES = [
    ("en_fee_notice.txt", "cp1252", "cp1252"),  # read as cp1250 before: "Ł50.00"
    ("en_fees.txt", "cp1252", "cp1252"),
    ("fr.txt", "cp1252", "cp1252"),
    ("de.txt", "cp1252", "cp1252"),
    ("fr.txt", "latin-1", "cp1252"),  # WHATWG: Latin-1 is read as its superset windows-1252
    ("de.txt", "latin-1", "cp1252"),
    ("cs.txt", "cp1250", "cp1250"),
    ("pl.txt", "cp1250", "cp1250"),
    ("ru.txt", "koi8-r", "koi8-r"),
    ("ru.txt", "cp1251", "cp1251"),
    ("ja.txt", "shift_jis", "shift_jis"),
    ("ja.txt", "euc_jp", "euc_jp"),
]


def original(name: str, codec: str) -> str:
    text = (TEXTS / name).read_text(encoding="utf-8")
    return latin1(text) if codec == "latin-1" else text


@pytest.mark.parametrize(("name", "codec", "expected"), CASES)
def test_decode_reads_each_code_page_back_to_the_original(name, codec, expected):
    text = original(name, codec)
    assert decode(text.encode(codec)) == (text, expected)


@pytest.mark.parametrize(("name", "codec", "expected"), CASES)
def test_import_then_show_gives_the_original_text(name, codec, expected, tmp_path, git_env):
    text = original(name, codec)
    data = text.encode(codec)
    page = tmp_path / f"page-{codec}.txt"
    page.write_bytes(data)
    store = tmp_path / "store"
    code, _, err = run(
        "import", "--store", str(store), "--source", "p", "--at", "2022-03-03", str(page)
    )
    assert code == 0, err
    stored = store / "p" / "20220303120000.txt"
    assert stored.read_bytes() == data  # evidence: the bytes as they came
    sidecar = json.loads(stored.with_suffix(".json").read_text(encoding="utf-8"))
    assert sidecar["encoding"] == expected
    code, out, err = run("show", "--store", str(store), "--source", "p", "latest")
    assert code == 0, err
    assert out.rstrip("\n") == text.rstrip("\n")


def test_a_fee_in_pounds_is_pounds_in_show_diff_and_check(tmp_path, git_env):
    text = (TEXTS / "en_fee_notice.txt").read_text(encoding="utf-8")
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_bytes(text.encode("cp1252"))
    new.write_bytes(text.replace("£50.00", "£55.00").encode("cp1252"))
    store = str(tmp_path / "store")
    for path, at in ((old, "2022-03-03"), (new, "2022-03-10")):
        code, _, err = run("import", "--store", store, "--source", "fees", "--at", at, str(path))
        assert code == 0, err
    code, shown, _ = run("show", "--store", store, "--source", "fees", "latest")
    assert "£55.00" in shown and "“biometric”" in shown and "can’t" in shown and "Ł" not in shown
    code, diff, _ = run("diff", "--store", store, "--source", "fees", "first", "latest")
    # the fee as written, the label with N where it stands (issue #9: numbers read whole)
    assert code == 0 and "£50.00 → £55.00" in diff and ": £N" in diff and "Ł" not in diff
    code, out, _ = run("check", "--store", store, "--source", "fees", "--alert-on", "counter")
    assert code == 1 and "£50.00 → £55.00" in out and ": £N" in out and "Ł" not in out


def damaged(data: bytes, after: bytes, bad: bytes) -> bytes:
    i = data.index(after) + len(after)
    return data[:i] + bad + data[i:]


@pytest.mark.parametrize(
    "bad",
    [
        [(b"info@rusemb.org.uk", b"\xff")],
        [(b"info@rusemb.org.uk", b"\xff"), (b"Salisbury", b"\xc3("), (b"Glushkov", b"\xe2\x82")],
    ],
    ids=["one-ff", "three-bad-sequences"],
)
def test_utf8_with_a_few_bad_bytes_stays_utf8_and_no_contact_changes(bad, tmp_path, git_env):
    data = CLEAN.read_bytes()
    broken = data
    for after, junk in bad:
        broken = damaged(broken, after, junk)
    text, encoding = decode(broken)
    assert encoding == "utf-8"
    assert text.replace("\ufffd", "").replace("(", "") == data.decode().replace("(", "")
    (tmp_path / "clean.txt").write_bytes(data)
    (tmp_path / "broken.txt").write_bytes(broken)
    store = str(tmp_path / "store")
    for name, at in (
        ("clean.txt", "2021-09-20T10:59+03:00"),
        ("broken.txt", "2021-09-21T10:59+03:00"),
    ):
        code, _, err = run(
            "import", "--store", store, "--source", "r", "--at", at, str(tmp_path / name)
        )
        assert code == 0, err
    sidecar = json.loads((Path(store) / "r" / "20210921075900.json").read_text())
    assert sidecar["encoding"] == "utf-8"
    code, out, err = run("check", "--store", store, "--source", "r", "--format", "json")
    doc = json.loads(out)
    assert not [a for a in doc["alerts"] if a["kind"] == "contact"], doc["alerts"]
    # What changed is the damaged spots, one rewrite each, nothing else (before: a changed
    # email and a rewrite of every line holding a no-break space).
    assert doc["summary"] == {"rewritten": len(bad)}, doc["summary"]
    code, shown, _ = run("show", "--store", store, "--source", "r", "latest")
    assert "info@rusemb.org.uk\ufffd" in shown and "В\xa0" not in shown


def test_a_big_utf8_file_with_one_bad_sequence_is_decoded_without_a_detector(monkeypatch):
    def no_detector(*args, **kwargs):
        raise AssertionError("no encoding detection for text that is mostly UTF-8")

    monkeypatch.setattr(decoding, "_guess_legacy", no_detector)
    monkeypatch.setattr("charset_normalizer.from_bytes", no_detector)
    data = CLEAN.read_bytes() * 800  # 8 MB
    broken = data[: len(data) // 2] + b"\xff" + data[len(data) // 2 :]
    text, encoding = decode(broken)
    assert encoding == "utf-8" and text.count("\ufffd") == 1
    assert text.count("info@rusemb.org.uk") == 800


@pytest.mark.parametrize(
    ("name", "codec", "join"), [("ru.txt", "cp1251", "\n"), ("ja.txt", "shift_jis", "")]
)
def test_a_big_legacy_file_is_judged_on_a_sample(name, codec, join, monkeypatch):
    seen = []
    read = decoding._read

    def spy(text):
        seen.append(len(text))
        return read(text)

    monkeypatch.setattr(decoding, "_read", spy)
    # 1-2 MB; the Japanese one without a space or a line end to cut the sample at.
    lines = (TEXTS / name).read_text(encoding="utf-8").splitlines()
    text = join.join(lines * 500)
    assert decode(text.encode(codec)) == (text, codec)
    assert seen and max(seen) <= 1 << 15


def test_a_declared_encoding_wins_unless_the_bytes_contradict_it():
    czech = (TEXTS / "cs.txt").read_text(encoding="utf-8")
    # Declared and fitting: taken as declared (Latin-1 labels mean windows-1252, as in browsers).
    assert decode("£5 it’s".encode("cp1252"), "iso-8859-1") == ("£5 it’s", "cp1252")
    assert decode(czech.encode("cp1250"), "windows-1250") == (czech, "cp1250")
    # Declared UTF-8, but the bytes are windows-1250 throughout: the bytes win.
    assert decode(czech.encode("cp1250"), "utf-8") == (czech, "cp1250")
    # Declared Shift_JIS, but the bytes are UTF-8.
    assert decode(czech.encode("utf-8"), "shift_jis") == (czech, "utf-8")
    # ASCII text with one stray byte: UTF-8 if declared so, else what browsers do (cp1252).
    stray = b"plain ASCII text, " * 100 + b"\xff" + b"and more of it. " * 100
    assert decode(stray, "utf-8")[1] == "utf-8"
    assert decode(stray)[1] == "cp1252"


def test_html_without_a_declaration_reads_like_text(tmp_path, git_env):
    notice = (TEXTS / "en_fee_notice.txt").read_text(encoding="utf-8")
    paragraphs = notice.strip().split("\n\n")
    body = "<html><body>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</body></html>"
    page = tmp_path / "fees.html"
    page.write_bytes(body.encode("cp1252"))
    store = str(tmp_path / "store")
    code, _, err = run("import", "--store", store, "--source", "h", "--at", "2022-03-03", str(page))
    assert code == 0, err
    code, out, _ = run("show", "--store", store, "--source", "h", "latest")
    assert "(up to 10 working days): £50.00" in out and "Ł" not in out


def test_what_is_recorded_reads_the_same_text_back():
    """The sidecar's encoding, used as a declaration, gives the same text (HTML re-reads so)."""
    for name, codec, _ in CASES:
        data = original(name, codec).encode(codec)
        text, encoding = decode(data)
        assert decode(data, encoding) == (text, encoding)
        assert data.decode(encoding, errors="replace") == text
    broken = damaged(CLEAN.read_bytes(), b"info@rusemb.org.uk", b"\xff")
    assert decode(broken, "utf-8") == decode(broken)


OTHER_SCRIPTS = [
    (
        "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας και μία από τις αρχαιότερες πόλεις του κόσμου. "
        "Κάθε χρόνο χιλιάδες τουρίστες επισκέπτονται την Ακρόπολη και τα μουσεία της πόλης.",
        "cp1253",
    ),
    (
        "ירושלים היא בירת ישראל והעיר הגדולה ביותר במדינה. העיר העתיקה מוקפת חומה ויש בה מקומות "
        "קדושים רבים.",
        "cp1255",
    ),
    (
        "القاهرة هي عاصمة جمهورية مصر العربية وأكبر مدنها. تقع المدينة على ضفاف نهر النيل ولها "
        "تاريخ طويل.",
        "cp1256",
    ),
    (
        "北京是中华人民共和国的首都，也是全国的政治、文化中心。这座城市有三千多年的历史，留下了许多"
        "名胜古迹。我们在这里学习汉语，也了解中国的文化和生活。",
        "gbk",
    ),
    (
        "北京是中華人民共和國的首都，也是全國的政治、文化中心。這座城市有三千多年的歷史，留下了許多"
        "名勝古蹟。我們在這裡學習漢語，也了解中國的文化和生活。",
        "big5",
    ),
    (
        "대한민국의 수도는 서울입니다. 서울은 한강을 중심으로 발전한 도시이며, 많은 사람들이 살고 "
        "있습니다. 우리는 주말에 친구들과 함께 공원에 가서 산책을 했습니다.",
        "euc_kr",
    ),
    (
        "Київ є столицею України. Місто розташоване на річці Дніпро, і його історія налічує понад "
        "півтори тисячі років.",
        "koi8-u",
    ),
    (
        "София е столицата на България. Градът се намира в подножието на планината Витоша и има "
        "богата история.",
        "cp1251",
    ),
    (
        "Türkiye'nin başkenti Ankara'dır, ancak en kalabalık şehri İstanbul'dur. Şehir, "
        "Boğaziçi'nin iki yakasında kurulmuştur ve tarihi yarımadada pek çok cami bulunur.",
        "cp1254",
    ),
    (
        "Budapest Magyarország fővárosa és legnépesebb települése. A Duna két partján fekszik, a "
        "város gyönyörű hídjairól, fürdőiről és éjszakai életéről ismert.",
        "cp1250",
    ),
    # Not in tracker's own table: charset-normalizer's guess, as the script is not Latin.
    (
        "ประเทศไทยเป็นประเทศในภูมิภาคเอเชียตะวันออกเฉียงใต้ มีกรุงเทพมหานครเป็นเมืองหลวง "
        "และมีประชากรประมาณเจ็ดสิบล้านคน",
        "cp874",
    ),
]


@pytest.mark.parametrize(("text", "codec"), OTHER_SCRIPTS, ids=[c for _, c in OTHER_SCRIPTS])
def test_other_scripts_read_back(text, codec):
    text = (text + "\n") * 3
    decoded, encoding = decode(text.encode(codec))
    assert decoded == text, encoding
