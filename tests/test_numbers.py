"""Numbers read whole, engagement counts, versions and list numbering (issue #9, points 2 and 3),
at unit level and through the differ on the realistic pages of tests/pages/numbers/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from samples import PAIRS, needs_pairs

from tracker.capture.html import html_to_text
from tracker.differ import diff, normalize, rebuild
from tracker.differ import numbers as N
from tracker.differ.counters import counter_changes
from tracker.differ.engagement import is_engagement, mask_words
from tracker.render import phrases

PAGES = Path(__file__).parent / "pages" / "numbers"


@pytest.mark.parametrize(
    "text, tokens, values",
    [
        ("Views: 27 514", ["27 514"], [27514]),
        ("Households: 2 306 (27% rent)", ["2 306", "27"], [2306, 27]),
        ("Residents: 1\u00a0204", ["1 204"], [1204]),  # normalised: a no-break space
        ("1,482 citizens", ["1,482"], [1482]),
        ("Gebühr: 1.243 Fälle", ["1.243"], [1243]),  # German page: "." groups thousands
        ("Fee: 1.243 units", ["1.243"], [1.243]),  # English: "." is the decimal mark
        ("Inflation 3.4%", ["3.4"], [3.4]),
        ("Inflation 2,9 %", ["2,9"], [2.9]),
        ("£108.00 a year", ["108.00"], [108.0]),
        ("$1,234.56 due", ["1,234.56"], [1234.56]),
        ("1 234,56 ₽", ["1 234,56"], [1234.56]),
        ("1.234.567 Einwohner", ["1.234.567"], [1234567]),
        ("Total 12 345 678,9 m³", ["12 345 678,9"], [12345678.9]),
        ("Release 3.2.1", ["3.2.1"], ["3.2.1"]),
        ("on 25.10.2021", ["25.10.2021"], ["25.10.2021"]),
        # phones stay several numbers; a year next to a count is two numbers
        ("+7 495 123 45 67", ["7", "495", "123", "45", "67"], [7, 495, 123, 45, 67]),
        ("+44 (0) 203 668 7474", ["44", "0", "203", "668", "7474"], [44, 0, 203, 668, 7474]),
        ("in 2021 150 people", ["2021", "150"], [2021, 150]),
    ],
)
def test_numbers_are_read_whole(text, tokens, values):
    text = normalize(text)
    found = N.NUMBER.findall(text)
    assert found == tokens
    mark = N.decimal_mark(text)
    assert [N.value(t, mark, text) for t in found] == values
    assert N.mask(text).count("#") == len(tokens)


def test_a_block_shows_its_decimal_mark():
    assert N.decimal_mark("Fee 37,50 € and 1.243 cases") == ","
    assert N.value("1.243", N.decimal_mark("37,50 € and 1.243"), "") == 1243
    assert N.decimal_mark("Rate 3.25 and 1,482 cases") == "."
    assert N.value("1,482", ".", "") == 1482
    assert N.decimal_mark("25.10.2021 and 1296") is None
    assert N.page_mark("Einwohnerinnen und Einwohner: 1.204\n\nGebühr für Bürger 5 €") == ","
    assert N.page_mark("Population: 1.204 people in the parish") is None


@pytest.mark.parametrize(
    "text, shown",
    [
        ("costs £108.00 now", "£108.00"),
        ("costs €60 now", "€60"),
        ("kostet 60 € jetzt", "60 €"),
        ("was 2,9 % then", "2,9 %"),
        ("was 3.4% then", "3.4%"),
        ("1 234,56 ₽ total", "1 234,56 ₽"),
        ("level 312 cm", "312"),
    ],
)
def test_a_number_is_shown_as_written(text, shown):
    m = N.NUMBER.search(text)
    assert N.written(text, m.start(), m.end()) == shown


@pytest.mark.parametrize(
    "token, before, version",
    [
        ("3.2.1", "release ", True),
        ("10.0.19045", "Windows ", True),
        ("3.3", "Version ", True),
        ("2.0", "v", True),
        ("3.4", "Inflation ", False),
        ("25.10.2021", "", False),
        ("2021.10.25", "", False),
        ("1.234.567", "", False),
    ],
)
def test_versions(token, before, version):
    assert N.is_version(token, before) is version


@pytest.mark.parametrize(
    "text",
    [
        "Views: 27 514",
        "Number of views (4099)",
        "27 514 views",
        "1 comment",
        "Просмотров: 1 234",
        "1 234 просмотра",
        "21 комментарий",
        "Нравится: 56",
        "2.318 Aufrufe",
        "Gefällt mir 48",
        "12 Kommentare",
        "5 432 vues",
        "J'aime 87",
        "J’aime 87",
        "23 commentaires",
        "Me gusta 12",
        "1.024 visitas",
        "7 comentarios",
        "1.234 visualizzazioni",
        "Mi piace 56",
        "1.234 visualizações",
        "1.234 keer bekeken",
        "Wyświetleń: 1 234",
        "Переглядів: 1 234",
        "Gefällt 87 Mal",
        "1,2 тыс. просмотров",
        "1.2K views",
        "👁 1 234",
        "💬 12",
        "❤\ufe0f 48",
        "(123 reviews)",
        "23 people are viewing this",
    ],
)
def test_engagement_counts_in_every_language(text):
    m = N.NUMBER.search(text)
    assert is_engagement(text[: m.start()], text[m.end() :])


@pytest.mark.parametrize(
    "text",
    [
        "Residents: 1 204",
        "уровень воды 312 см",
        "Reisepass 60 €",
        "Comment 3 of the guidance",  # a singular form counts only after the number
        "Inflation 2.9 %",
        "The museum had 1 204 visitors. Entry costs 12",  # the sentence ends before "12"
        "Download (PDF, 2",  # "download" names a count only after its number
        "Avis n° 12",
        "Case reviews completed: 12",
        "Gefällt 87 Prozent der Gäste",  # "gefällt # mal" needs both of its words
        "23 people are waiting",
        "Budget: 2,4 млн руб.",
    ],
)
def test_facts_are_not_engagement(text):
    m = list(N.NUMBER.finditer(text))[-1]
    assert not is_engagement(text[: m.start()], text[m.end() :])


def test_engagement_words_that_agree_with_their_number_mask_alike():
    assert mask_words("# просмотра · # комментариев") == mask_words("# просмотров · # комментарий")
    assert mask_words("# comment") == mask_words("# comments")


def test_the_label_marks_the_number_that_changed():
    (c,) = counter_changes("Gauge 3 of 5: 312 cm", "Gauge 3 of 5: 355 cm", None, None)
    assert (c.old, c.new, c.delta, c.index) == (312, 355, 43, 2)
    assert c.label == "Gauge # of #: # cm"
    assert phrases.counter_label(c) == "Gauge 3 of 5: N cm"
    assert phrases.describe(c) == "312 → 355 (+43): Gauge 3 of 5: N cm"


def test_a_list_number_is_no_counter():
    old, new = "4. Advertise for 28 days.", "5. Advertise for 21 days."
    (c,) = counter_changes(old, new, None, None)
    assert (c.old, c.new, c.index) == (28, 21, 1)


def test_space_grouped_numbers_are_one_counter():
    r = diff("Residents: 1\u00a0204\n\nOther text", "Residents: 1\u00a0377\n\nOther text")
    (c,) = r.changes
    assert (c.kind, c.old, c.new, c.delta) == ("counter", 1204, 1377, 173)
    assert (c.old_written, c.new_written) == ("1 204", "1 377")


def test_an_inserted_item_renumbers_without_counters():
    items = ["Check the guidance.", "Prepare a plan.", "Pay the fee.", "Advertise it."]
    old = "\n\n".join(f"{k}. {t}" for k, t in enumerate(items, 1))
    items.insert(1, "Ask the fire service.")
    new = "\n\n".join(f"{k}. {t}" for k, t in enumerate(items, 1))
    r = diff(old, new)
    assert [(c.kind, c.reason) for c in r.changes] == [("added", None)] + [
        ("volatile", "numbering")
    ] * 3
    assert r.of_kind("added")[0].new == "2. Ask the fire service."
    assert rebuild(old, r) == normalize(new)


def pair(name: str):
    old = html_to_text((PAGES / f"{name}-before.html").read_bytes())
    new = html_to_text((PAGES / f"{name}-after.html").read_bytes())
    r = diff(old, new)
    assert rebuild(old, r) == normalize(new)
    return r


def facts(r) -> list[tuple]:
    return [(c.old_written, c.new_written, c.delta) for c in r.of_kind("counter")]


def test_fee_tables_in_four_languages():
    assert facts(pair("fees-en")) == [
        ("£82.50", "£88.50", 6.0),
        ("£93.00", "£100.00", 7.0),
        ("£108.00", "£120.00", 12.0),
        ("€120", "€135", 15),
    ]
    assert facts(pair("fees-fr")) == [
        ("86 €", "96 €", 10),
        ("20 €", "25 €", 5),
        ("15,50 €", "16,50 €", 1.0),
    ]
    assert facts(pair("fees-de")) == [("60 €", "70 €", 10), ("1.204", "1.377", 173)]
    assert facts(pair("fees-es")) == [("€30,00", "€30,50", 0.5), ("€80,00", "€90,00", 10.0)]


def test_statistics_and_a_russian_river_bulletin():
    r = pair("population-en")
    assert facts(r) == [
        ("1 204", "1 377", 173),
        ("2.9 %", "3.1 %", 0.2),
        ("£108.00", "£112.50", 4.5),
        ("27 514", "28 090", 576),
    ]
    r = pair("river-ru")
    assert facts(r) == [("312", "355", 43), ("1 204", "1 377", 173)]
    assert phrases.counter_label(r.of_kind("counter")[0]).startswith(
        "р. Зея – г. Зея: уровень воды N см, опасная отметка 600 см"
    )
    assert [c.reason for c in r.of_kind("volatile")] == ["engagement"]


@pytest.mark.parametrize("lang", ["ru", "de", "fr"])
def test_blog_engagement_counts_are_noise(lang):
    r = pair(f"blog-{lang}")
    assert {(c.kind, c.reason) for c in r.changes} == {("volatile", "engagement")}
    assert len(r.changes) == 2 and not r.has_changes


def test_a_release_is_a_version_change_not_a_counter():
    r = pair("release-en")
    assert not r.of_kind("counter")
    versions = [c for c in r.changes if c.kind == "rewritten"]
    assert versions and all(c.reason == "version" for c in versions)
    assert ["-", "3.2.1"] in [list(e) for e in versions[0].edits]
    assert ["+", "3.3.0"] in [list(e) for e in versions[0].edits]
    # the download count is engagement
    assert [c.reason for c in r.of_kind("volatile")] == ["engagement"]


def test_a_reordered_agenda_is_one_move():
    r = pair("agenda-es")
    assert [(c.kind, c.reason) for c in r.changes] == [
        ("moved", None),
        ("volatile", "numbering"),
        ("volatile", "numbering"),
    ]
    assert r.changes[0].new == "4. Dación de cuenta de los decretos de Alcaldía."


def test_an_inserted_step_and_a_fact_in_a_renumbered_step():
    r = pair("steps-en")
    assert [c.kind for c in r.changes if c.kind != "volatile"] == ["counter", "added"]
    (c,) = r.of_kind("counter")
    assert (c.old, c.new) == (28, 21)
    assert phrases.counter_label(c, None) == (
        "5. Advertise your application on a blue notice at the premises for N consecutive days."
    )
    assert [c.reason for c in r.of_kind("volatile")] == ["numbering"] * 3


# Completeness, by property: numbered lists edited at random (items added, dropped, moved,
# a fact or an engagement count changed, in several languages) are rebuilt from the report.
ITEMS = [
    "Check the guidance on licensable activities.",
    "Pay the fee of £108.00 a year.",
    "Advertise the application for 28 days.",
    "Уровень воды 312 см · Просмотров: 1 234",
    "Gebühr 60 € · 2.318 Aufrufe",
    "Tarif 86 € · 5 432 vues · J'aime 87",
    "Trámite: €30,00 · 7 comentarios",
    "Version 3.2.1 is out · 27 514 downloads",
]


@st.composite
def edited_list(draw):
    items = draw(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=8, unique=True))
    new = list(items)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["insert", "delete", "move", "number"]))
        k = draw(st.integers(0, len(new) - 1)) if new else 0
        if op == "insert":
            new.insert(k, draw(st.sampled_from(ITEMS)) + f" ({draw(st.integers(1, 99))})")
        elif op == "delete" and len(new) > 1:
            del new[k]
        elif op == "move" and new:
            new.insert(draw(st.integers(0, len(new) - 1)), new.pop(k))
        elif new:
            n = draw(st.integers(1, 9))
            new[k] = re.sub(r"\d+", lambda m, n=n: str(int(m.group()) + n), new[k], count=n % 3 + 1)
    style = draw(
        st.sampled_from(["{k}. {t}", "{k}) {t}", "({k}) {t}", "Step {k}: {t}", "№ {k}. {t}"])
    )
    return tuple(
        "\n\n".join(style.format(k=k, t=t) for k, t in enumerate(side, 1)) for side in (items, new)
    )


@given(edited_list())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_edited_lists_are_complete(pair):
    old, new = pair
    r = diff(old, new)
    assert rebuild(old, r) == normalize(new)
    claimed: dict = {}
    for c in r.changes:
        unit = ("counter", c.old_block, c.new_block) if c.kind == "counter" else id(c)
        for side, b in ((0, c.old_block), (1, c.new_block)):
            if b is not None:
                assert claimed.setdefault((side, b), unit) == unit, f"block {b} claimed twice"


@needs_pairs
@pytest.mark.parametrize("n", range(1, 9))
def test_gov_pairs_stay_complete(n):
    sides = (PAIRS / f"pair{n}-{side}.html" for side in ("before", "after"))
    old, new = (html_to_text(path.read_bytes()) for path in sides)
    assert rebuild(old, diff(old, new)) == normalize(new)


def test_a_long_block_labels_its_number_by_its_window():
    filler = "Background to the figures published by the county council each month. " * 6
    old = filler + "Residents: 1 204, households: 2 306."
    new = filler + "Residents: 1 204, households: 2 377."
    (c,) = counter_changes(old, new, None, None)
    assert len(new) > 300 and c.label.startswith("…")
    assert c.label.endswith("Residents: #, households: #.")
    assert (c.old, c.new, c.index) == (2306, 2377, c.label.count("#") - 1)
    assert phrases.counter_label(c, None).endswith("Residents: #, households: N.")


def test_magnitudes_are_cldr_compact_symbols():
    """The engagement look-around skips CLDR's short compact-decimal symbols ("тыс.", "K",
    "Mio."): the list in engagement.py is theirs, for the date grammar's languages."""
    from babel import Locale

    from tracker.dates import LOCALES
    from tracker.differ.engagement import LETTER, MAGNITUDES

    found = set()
    for code in LOCALES:
        for forms in Locale.parse(code).compact_decimal_formats["short"].values():
            for pattern in forms.values():  # a word with its vowel signs: Hindi "हज़ार"
                found.update(w.lower() for w in re.findall(rf"{LETTER}+", pattern.pattern))
    assert sorted(MAGNITUDES.split()) == sorted(found)


@pytest.mark.parametrize(
    "old, new",
    [
        ("Cotisation annuelle : 60 €", "Cotisation annuelle : 60,00 €"),
        ("Annual membership: 1234,56 €", "Annual membership: 1 234,56 €"),
        ("Jahresbeitrag: 60 €", "Jahresbeitrag: € 60,-"),
        ("Fee: £108.00", "Fee: £108"),
        ("Inflation 3%", "Inflation 3 %"),
        ("Residents: 1 204 (27%)", "Residents: 1204 (27%)"),
    ],
)
def test_the_same_values_written_another_way(old, new):
    assert N.same_values(old, new)
    r = diff(f"Fees\n\n{old}", f"Fees\n\n{new}")
    assert [(c.kind, c.reason) for c in r.changes] == [("volatile", "format")]
    assert rebuild(f"Fees\n\n{old}", r) == normalize(f"Fees\n\n{new}")


@pytest.mark.parametrize(
    "old, new",
    [
        ("Cotisation annuelle : 60 €", "Cotisation annuelle : 65,00 €"),  # another value
        ("Fee: 60 €", "Fee: 60 $"),  # another currency
        ("Fee: 60 €", "Fee: 60 € a month"),  # other words
        ("Version 3.2", "Version 3.20"),  # a version is compared as written
        ("Updated 05.06.2024", "Updated 5.6.2024"),  # so is a date
    ],
)
def test_other_values_or_words_are_no_format_change(old, new):
    assert not N.same_values(old, new)


def test_an_amount_alone_written_another_way_pairs_by_its_value():
    """ "90 €" → "€ 90,-" share no word to pair them by: they meet by their values."""
    old, new = "Kursgebühr\n\n90 €\n\nEnde", "Kursgebühr\n\n€ 90,-\n\nEnde"
    r = diff(old, new)
    assert [(c.kind, c.reason, c.old, c.new) for c in r.changes] == [
        ("volatile", "format", "90 €", "€ 90,-")
    ]
    assert rebuild(old, r) == normalize(new)
    r = diff(old, new.replace("90", "95"))
    assert sorted(c.kind for c in r.changes) == ["added", "removed"]


def test_a_delta_of_zero_is_never_a_figure():
    """A block with a fact and a number that only changed its writing: one counter, and the
    other number is format noise beside it."""
    old, new = "Fee: 60 € (was 50 €)", "Fee: 60,00 € (was 55 €)"
    r = diff(old, new)
    assert [(c.kind, c.reason, c.delta) for c in r.changes] == [
        ("counter", None, 5),
        ("volatile", "format", None),
    ]
    assert rebuild(old, r) == normalize(new)
    (c,) = counter_changes("Ref 007", "Ref 7", None, None)
    assert (c.delta, c.reason) == (0, "format")


@pytest.mark.parametrize(
    "text, number",
    [
        ("Schritt 2: Gebühr bezahlen", "2"),
        ("Step 3 – Pay the fee", "3"),
        ("Étape 4. Payer", "4"),
        ("Paso 1: Rellenar", "1"),
        ("Шаг 2. Подать заявление", "2"),
        ("Nr. 5: Antrag", "5"),
        ("№ 1. Паспорт", "1"),
        ("#2 Best seller", "2"),
        ("N° 3 : Justificatif", "3"),
        ("Step 4", "4"),  # a heading alone
    ],
)
def test_a_label_and_a_number_head_a_list_item(text, number):
    m = N.leading_ordinal(text)
    assert m and re.sub(r"\D", "", m.group()) == number
    renumbered = text.replace(number, str(int(number) + 1), 1)
    assert N.mask_ordinal(text) == N.mask_ordinal(renumbered) != renumbered


@pytest.mark.parametrize(
    "text",
    [
        "Level 3 cases this week",  # no list word
        "Step 3 of the guidance explains",  # no mark after the number
        "June 3: council meeting",  # a date
        "Steps 1 to 4 are done online",
        "No 2 days are alike",
    ],
)
def test_other_words_before_a_number_head_no_list_item(text):
    assert N.leading_ordinal(text) is None


def test_labelled_steps_renumbered_by_an_insertion_are_noise():
    steps = ["Formular ausfüllen.", "Gebühr von 30 € bezahlen.", "Termin buchen."]
    old = "\n\n".join(f"Schritt {k}: {t}" for k, t in enumerate(steps, 1))
    steps.insert(0, "Konto anlegen.")
    new = "\n\n".join(f"Schritt {k}: {t}" for k, t in enumerate(steps, 1))
    r = diff(old, new)
    assert (
        sorted((c.kind, c.reason) for c in r.changes)
        == [("added", None)] + [("volatile", "numbering")] * 3
    )
    # the fee in a renumbered step still counts
    r = diff(old, new.replace("30 €", "35 €"))
    assert [(c.kind, c.old, c.new) for c in r.of_kind("counter")] == [("counter", 30, 35)]
    # steps that swapped places changed: their numbers are counters
    swapped = old.replace("Schritt 1:", "Schritt X:").replace("Schritt 2:", "Schritt 1:")
    r = diff(old, swapped.replace("Schritt X:", "Schritt 2:"))
    assert {c.kind for c in r.changes if c.kind != "volatile"} == {"counter"}
