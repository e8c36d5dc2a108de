"""Tests for the OHCHR thematic-list parser: the two real Slovenia lists and built files."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import docx
import pytest

from rightstrack.ingest.formats.ohchr_docx import ParseError, parse
from rightstrack.ingest.tests import ohchr_layouts
from rightstrack.reference.directory import builtin_state_index, lookup_builtin_state

CYCLE2 = "ohchr-lists/UPR20__Slovenia_ThematicListRecommendations_E.docx"
CYCLE3 = "ohchr-lists/UPR34_Slovenia_Thematic_list_of_Recommendations.docx"
# Counted by hand-run script from the raw "Position" cells, and by raw_positions() below.
EXPECTED = {CYCLE2: (20, 163, 142, 21), CYCLE3: (34, 215, 182, 33)}


def states_known() -> bool:
    try:
        builtin_state_index()
    except FileNotFoundError:
        return False
    return True


needs_states = pytest.mark.skipif(not states_known(), reason="reference/data/states.csv not written yet")


@pytest.fixture(scope="module")
def parsed(shared_data: Path) -> dict[str, dict[str, object]]:
    """Both real files parsed once, each as {paragraph: record}."""
    if not states_known():
        pytest.skip("reference/data/states.csv not written yet")
    result = {}
    for name in EXPECTED:
        records = list(parse(shared_data / name))
        result[name] = {record.paragraph: record for record in records}
        assert len(result[name]) == len(records), "a paragraph was yielded twice"
    return result


def raw_rows(path: Path) -> list[tuple[str, str]]:
    """(paragraph number, position cell) of every recommendation row, read straight from
    the docx cells, independently of the parser."""
    table = docx.Document(str(path)).tables[0]
    header = [cell.text.strip() for cell in table.rows[0].cells]
    position = header.index("Position")
    rows = []
    for row in table.rows[1:]:
        cells = [cell.text for cell in row.cells]
        match = re.match(r"(\d+\.\d+) ", cells[0])
        if match:
            rows.append((match.group(1), cells[position].strip()))
    return rows


# ---- the real files ----------------------------------------------------------------------


@pytest.mark.parametrize("name", list(EXPECTED))
def test_counts_and_positions(parsed, shared_data, name):
    session, total, supported, noted = EXPECTED[name]
    records = parsed[name].values()
    raw = raw_rows(shared_data / name)
    assert len(records) == total == len(raw)
    assert {r.paragraph for r in records} == {paragraph for paragraph, _ in raw}
    counts = Counter(r.position for r in records)
    assert counts == {"supported": supported, "noted": noted}
    assert counts == {key.lower(): value for key, value in Counter(p for _, p in raw).items()}
    assert {(r.country, r.session, r.mechanism) for r in records} == {("Slovenia", session, "UPR")}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_record_is_complete(parsed, name):
    for record in parsed[name].values():
        assert record.text and record.recommending_states, record.location
        assert record.subject in record.tags["uhri-themes"], record.location
        assert record.document_symbol in ("A/HRC/28/15", "A/HRC/43/15"), record.location
        assert record.position_source.startswith(record.document_symbol)
        assert re.fullmatch(r"row \d+", record.location)


@needs_states
@pytest.mark.parametrize("name", list(EXPECTED))
def test_recommending_states_resolve_and_are_gone_from_text(parsed, name):
    for record in parsed[name].values():
        assert all(lookup_builtin_state(state) for state in record.recommending_states), record
        last = re.search(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*$", record.text)
        if last:  # e.g. "(ICRMW)", "(No. 29)": not a State, nor a list of States
            parts = [part.strip() for part in last.group(1).split(",")]
            assert not lookup_builtin_state(last.group(1)), record.location
            assert not all(lookup_builtin_state(part) for part in parts), record.location


def test_distinct_recommending_states(parsed):
    def distinct(name):
        return {lookup_builtin_state(s) for r in parsed[name].values() for s in r.recommending_states}

    assert (len(distinct(CYCLE2)), len(distinct(CYCLE3))) == (71, 81)


def test_cycle2_first_row(parsed):
    record = parsed[CYCLE2]["115.1"]
    assert record.location == "row 3"
    assert record.text.startswith("Take further steps for the ratification of several")
    assert record.text.endswith("signed by Slovenia since the first UPR cycle")
    assert record.recommending_states == ["Croatia"]
    assert (record.position, record.position_source, record.document_symbol) == (
        "supported",
        "A/HRC/28/15/Add.1",
        "A/HRC/28/15",
    )
    assert record.subject == "A12 Acceptance of international norms"
    assert record.tags == {
        "uhri-themes": ["A12 Acceptance of international norms"],
        "affected-persons": ["general"],
    }
    assert record.comments == ""


def test_cycle2_nested_state_names(parsed):
    record = parsed[CYCLE2]["115.8"]
    assert record.text == "Ratify ICRMW"
    assert record.recommending_states == [
        "Senegal",
        "Sierra Leone",
        "Venezuela (Bolivarian Republic of)",
        "Peru",
        "Uruguay",
    ]
    assert record.position == "noted"
    assert record.tags["uhri-themes"] == ["A12 Acceptance of international norms", "G4 Migrants"]
    assert record.tags["affected-persons"] == ["migrants"]
    record = parsed[CYCLE2]["115.6"]
    assert record.text.endswith("Members of Their Families (ICRMW)")
    assert record.recommending_states == ["Iran (Islamic Republic of)"]


def test_cycle2_merged_clauses_and_odd_source(parsed):
    record = parsed[CYCLE2]["115.38"]
    assert record.text.startswith("Ensure the compliance of its National Ombudsman")
    assert "with the Paris Principles; continue with the efforts" in record.text
    assert "Paris Principles; take more effective measures" in record.text
    assert record.recommending_states == ["Egypt", "Peru", "Azerbaijan"]
    # "Source of position: A/HRC/28/15/Add.1, para. 3 - Para. 3"
    assert parsed[CYCLE2]["115.161"].position_source == "A/HRC/28/15/Add.1"
    # "Affected persons: " with nothing under it: the list says "none" (the contract of tags)
    assert parsed[CYCLE2]["115.34"].tags["affected-persons"] == []


def test_cycle3_first_rows(parsed):
    record = parsed[CYCLE3]["121.1"]
    assert record.location == "row 3"
    assert record.text == (
        "Ratify the International Convention for the Protection of All Persons from Enforced Disappearance"
    )
    assert record.recommending_states == ["France", "Lithuania"]
    # supported in the report itself: "Source of Position: A/HRC/43/15 - Para 121"
    assert (record.position, record.position_source, record.document_symbol) == (
        "supported",
        "A/HRC/43/15",
        "A/HRC/43/15",
    )
    assert record.tags == {
        "uhri-themes": ["Acceptance of international norms", "Enforced disappearances"],
        "affected-persons": ["Disappeared persons"],
        "sdg-goals": ["16"],
    }
    record = parsed[CYCLE3]["121.2"]
    assert record.text.startswith("Complete the process of ratification")
    assert "Enforced Disappearance; Increase efforts towards ratification" in record.text
    assert record.recommending_states == ["Ukraine", "Slovakia"]
    assert parsed[CYCLE3]["121.3"].text.endswith("Forced Labour Convention, 1930 (No. 29)")


def test_cycle3_noted_and_sdgs(parsed):
    record = parsed[CYCLE3]["122.3"]
    assert record.location == "row 227"
    assert record.text.startswith("Undertake measures to ratify the International Convention")
    assert record.recommending_states == ["Indonesia", "Niger", "Philippines"]
    assert (record.position, record.position_source) == ("noted", "A/HRC/43/15/Add.1")
    assert record.tags["sdg-goals"] == ["10"]
    assert record.tags["affected-persons"] == ["Migrants & domestic workers"]
    # the file lists "4 - QUALITY EDUCATION" twice for this one
    assert parsed[CYCLE3]["122.137"].tags["sdg-goals"] == ["1", "4", "11"]
    # "Source of Position: A/HRC/43/15/Add.1" without a paragraph
    assert parsed[CYCLE3]["122.143"].position_source == "A/HRC/43/15/Add.1"
    record = parsed[CYCLE3]["122.22"]
    assert "or any other condition; and strengthen its policies" in record.text
    assert record.recommending_states == ["Bolivarian Republic of Venezuela"]


# ---- files built here --------------------------------------------------------------------

STATES = {"france", "spain", "portugal", "iran (islamic republic of)", "ruritania"}


def fake_state(name: str) -> bool:
    return name.casefold() in STATES


HEADER = [
    "Position",
    "Recommendations",
    "Themes",
    "Affected persons",
    "SDGs",
    "Source of position",
    "Comments",
]


def build(path: Path, rows: list[list[str] | str], header=HEADER, title: str | None = None) -> Path:
    """Write a .docx whose table has ``header`` (none when empty); a str row is a merged
    group row."""
    document = docx.Document()
    if title:
        document.add_paragraph(title)
    width = len(header) or max(len(row) for row in rows if not isinstance(row, str))
    table = document.add_table(rows=1 if header else 0, cols=width)
    for cell, text in zip(table.rows[0].cells if header else (), header, strict=False):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        if isinstance(row, str):
            cells[0].merge(cells[-1]).text = row
        else:
            for cell, text in zip(cells, row, strict=False):
                cell.text = text
    document.save(str(path))
    return path


GOOD_ROWS = [
    "Right or area: Equality & non-discrimination",
    [
        "Supported / Noted",
        "41.1 Combat racism (France) (Spain);",
        "- Equality & non-discrimination",
        "- women\n- migrants",
        "- 10 - REDUCED INEQUALITIES\n16.2 - End abuse",
        "A/HRC/55/9/Add.1 - Para. 3",
        "Partly done",
    ],
    ["Noted", "41.2 Ratify the ICRMW (ICRMW) (Iran (Islamic Republic of)).", "Migrants", "", "", "", ""],
    "Theme: Migrants",
    [
        "Noted",
        "41.2 Ratify the ICRMW (ICRMW) (Iran (Islamic Republic of)).",
        "Migrants\nRacial discrimination",
        "",
        "",
        "",
        "",
    ],
]


def test_columns_found_by_header_in_another_order(tmp_path):
    title = "Thematic list – UPR of Ruritania (4th Cycle – 41st session)"
    path = build(tmp_path / "list.docx", GOOD_ROWS, title=title)
    first, second = parse(path, is_state=fake_state)
    assert (first.country, first.session) == ("Ruritania", 41)
    assert (first.paragraph, first.location) == ("41.1", "row 3")
    assert (first.text, first.recommending_states, first.position) == (
        "Combat racism",
        ["France", "Spain"],
        "partially_supported",
    )
    assert (first.position_source, first.document_symbol, first.comments) == (
        "A/HRC/55/9/Add.1",
        "A/HRC/55/9",
        "Partly done",
    )
    assert first.tags == {
        "uhri-themes": ["Equality & non-discrimination"],
        "affected-persons": ["women", "migrants"],
        "sdg-goals": ["10", "16"],
        "sdg-targets": ["16.2"],
    }
    assert first.subject == "Equality & non-discrimination"


def test_paragraph_repeated_under_two_themes_is_yielded_once(tmp_path):
    _, second = parse(build(tmp_path / "list.docx", GOOD_ROWS), is_state=fake_state, country="X", session=1)
    assert (second.paragraph, second.location, second.position) == ("41.2", "row 4", "noted")
    assert second.text == "Ratify the ICRMW (ICRMW)"
    assert second.recommending_states == ["Iran (Islamic Republic of)"]
    assert second.subject == "Equality & non-discrimination"
    assert second.tags["uhri-themes"] == ["Migrants", "Racial discrimination"]
    assert (second.country, second.session) == ("X", 1)


def test_country_and_session_from_file_name(tmp_path):
    path = build(tmp_path / "UPR41_Ruritania_Thematic_list_E.docx", GOOD_ROWS[:2])
    (record,) = parse(path, is_state=fake_state)
    assert (record.country, record.session) == ("Ruritania", 41)
    (record,) = parse(build(tmp_path / "list.docx", GOOD_ROWS[:2]), is_state=fake_state)
    assert (record.country, record.session) == (None, None)


def test_cycle2_style_cells(tmp_path):
    header = ["Recommendation", "Position", "Full list of themes", "Assessment/comments on level of implementation"]
    rows = [
        "Theme: A12 Acceptance of international norms",
        [
            "115.4 Ratify OP-ICESCR (Spain, Portugal);\nSource of position: A/HRC/28/15/Add.1 - Para. 3",
            "Supported",
            "A12 Acceptance of international norms\nAffected persons:\n- general\nSDGs:\n- 16 - PEACE",
            "\n",
        ],
    ]
    (record,) = parse(build(tmp_path / "l.docx", rows, header=header), is_state=fake_state)
    assert (record.text, record.recommending_states, record.position_source) == (
        "Ratify OP-ICESCR",
        ["Spain", "Portugal"],
        "A/HRC/28/15/Add.1",
    )
    assert record.tags == {
        "uhri-themes": ["A12 Acceptance of international norms"],
        "affected-persons": ["general"],
        "sdg-goals": ["16"],
    }


def test_no_recommendation_column(tmp_path):
    path = build(tmp_path / "wrong.docx", [["a", "b"]], header=["Position", "Themes"])
    with pytest.raises(ParseError, match=r"wrong\.docx: no table with a 'Recommendation' column found"):
        list(parse(path, is_state=fake_state))


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (0, "Maybe", r"bad\.docx: row 3: position: unknown position 'Maybe'"),
        (4, "- 19 - NOT A GOAL", r"bad\.docx: row 3: SDGs: not an SDG goal"),
        (5, "see annex", r"bad\.docx: row 3: source of position: no document symbol"),
        (1, "41.9 (France);", r"bad\.docx: row 3: recommendation: no recommendation text"),
    ],
)
def test_bad_cells_name_file_row_and_field(tmp_path, column, value, message):
    row = list(GOOD_ROWS[1])
    row[column] = value
    path = build(tmp_path / "bad.docx", [GOOD_ROWS[0], row])
    with pytest.raises(ParseError, match=message):
        list(parse(path, is_state=fake_state))


def test_repeated_paragraph_that_differs_is_an_error(tmp_path):
    rows = GOOD_ROWS[:3] + [["Supported", *GOOD_ROWS[2][1:]]]
    message = r"dup\.docx: row 5: recommendation: paragraph 41.2 differs from the one in row 4"
    with pytest.raises(ParseError, match=message):
        list(parse(build(tmp_path / "dup.docx", rows), is_state=fake_state))


def test_not_a_docx(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_text("plain text")
    with pytest.raises(ValueError, match=r"notes\.docx: a damaged or truncated Office/ZIP file"):
        list(parse(path, is_state=fake_state))


def test_other_header_names_and_a_states_column(tmp_path):
    header = ["Source of recommendation", "Recommendations", "Recommending State(s)", "Response", "Issues"]
    rows = [["UPR", "41.5 Adopt a law on equality", "France\nIran (Islamic Republic of)", "Supported.", "Equality"]]
    (record,) = parse(build(tmp_path / "other.docx", rows, header=header), is_state=fake_state)
    assert (record.paragraph, record.text) == ("41.5", "Adopt a law on equality")
    assert record.position == "supported"
    assert record.recommending_states == ["France", "Iran (Islamic Republic of)"]
    assert (record.tags, record.subject, record.position_source) == ({"uhri-themes": ["Equality"]}, "", "")


# ---- the contract of tags and position: given, "none" (an empty list), or absent -------


def test_a_column_gives_its_taxonomy_for_every_row_and_an_empty_cell_says_none(tmp_path):
    header = ["Recommendation", "Position", "Themes"]
    rows = [["41.1 Combat racism (France);", "Supported", "- Equality"], ["41.2 Ratify ICRMW (Spain);", "", ""]]
    first, second = parse(build(tmp_path / "l.docx", rows, header=header), is_state=fake_state)
    assert first.tags == {"uhri-themes": ["Equality"]}  # no SDG or affected-persons column: no key
    assert second.tags == {"uhri-themes": []}
    assert (first.position, second.position) == ("supported", None)  # an empty position cell gives none


def test_no_position_column_gives_no_position(tmp_path):
    rows = [["41.1 Combat racism (France);", "- Equality"]]
    (record,) = parse(build(tmp_path / "l.docx", rows, header=["Recommendations", "Themes"]), is_state=fake_state)
    assert (record.position, record.position_source) == (None, "")


def test_a_section_in_one_cell_gives_its_taxonomy_to_the_whole_list(tmp_path):
    # The same list with SDGs in a column of its own gives "sdg-goals" to every row; so a
    # list whose themes cells hold "SDGs:" sections does too, whatever row has one.
    header = ["Recommendation", "Position", "Full list of themes"]
    rows = [
        ["41.1 Combat racism (France);", "Noted", "- Equality\nSDGs:\n- 10 - REDUCED INEQUALITIES"],
        ["41.2 Ratify ICRMW (Spain);", "Noted", "- Migrants\nAffected persons:"],
    ]
    first, second = parse(build(tmp_path / "l.docx", rows, header=header), is_state=fake_state)
    assert first.tags == {"uhri-themes": ["Equality"], "sdg-goals": ["10"], "affected-persons": []}
    assert second.tags == {"uhri-themes": ["Migrants"], "sdg-goals": [], "affected-persons": []}


def test_sdg_targets_only_from_a_list_that_names_targets(tmp_path):
    header = ["Recommendation", "SDGs"]
    rows = [["41.1 Combat racism (France);", "- 10 - REDUCED INEQUALITIES"], ["41.2 Ratify ICRMW (Spain);", ""]]
    first, second = parse(build(tmp_path / "goals.docx", rows, header=header), is_state=fake_state)
    assert (first.tags, second.tags) == ({"sdg-goals": ["10"]}, {"sdg-goals": []})
    rows[1][1] = "16.2 - End abuse"
    first, second = parse(build(tmp_path / "targets.docx", rows, header=header), is_state=fake_state)
    assert first.tags == {"sdg-goals": ["10"], "sdg-targets": []}
    assert second.tags == {"sdg-goals": ["16"], "sdg-targets": ["16.2"]}


def test_group_rows_are_the_themes_of_a_list_without_a_theme_column(tmp_path):
    rows = [
        "Theme: Equality",
        ["41.1 Combat racism (France);", "Supported"],
        ["41.2 Ratify ICRMW (Spain);", "Noted"],
        "Theme: Migrants",
        ["41.2 Ratify ICRMW (Spain);", "Noted"],
    ]
    first, second = parse(build(tmp_path / "l.docx", rows, header=["Recommendation", "Position"]), is_state=fake_state)
    assert (first.subject, first.tags) == ("Equality", {"uhri-themes": ["Equality"]})
    assert (second.subject, second.tags) == ("Equality", {"uhri-themes": ["Equality", "Migrants"]})


def test_a_header_naming_two_things_routes_lines_by_content(tmp_path):
    header = ["Recommendation / Recommending State", "Position / Source of position", "Themes and SDGs"]
    rows = [
        [
            "41.1 Combat racism\nFrance, Spain",
            "Supported\nA/HRC/55/9/Add.1 - Para. 3",
            "- Equality\n- 10 - REDUCED INEQUALITIES\n16.2 - End abuse",
        ]
    ]
    (record,) = parse(build(tmp_path / "l.docx", rows, header=header), is_state=fake_state)
    assert (record.text, record.recommending_states) == ("Combat racism", ["France", "Spain"])
    assert (record.position, record.position_source) == ("supported", "A/HRC/55/9/Add.1")
    assert record.tags == {"uhri-themes": ["Equality"], "sdg-goals": ["10", "16"], "sdg-targets": ["16.2"]}


def test_without_header_an_empty_column_is_taken_for_nothing(tmp_path):
    rows = [
        "Theme: Equality",
        ["", "Noted", "41.1 Combat racism (France);", "- Equality\n- Migrants", "- women", "- 10 - X"],
        ["", "Supported", "41.2 Ratify ICRMW (Spain);", "- Equality", "", ""],
    ]
    path = build(tmp_path / "UPR41_Ruritania_list.docx", rows, header=())
    first, second = parse(path, is_state=fake_state)
    assert (first.paragraph, first.text, first.recommending_states) == ("41.1", "Combat racism", ["France"])
    assert (first.position, second.position, first.comments, first.location) == ("noted", "supported", "", "row 2")
    assert first.tags == {"uhri-themes": ["Equality", "Migrants"], "affected-persons": ["women"], "sdg-goals": ["10"]}
    assert second.tags == {"uhri-themes": ["Equality"], "affected-persons": [], "sdg-goals": []}
    assert (first.country, first.session, first.subject) == ("Ruritania", 41, "Equality")


def test_a_title_row_is_not_taken_for_a_header(tmp_path):
    rows = [
        ["UPR of Ruritania, 41st session", "Thematic list of recommendations"],
        ["41.1 Combat racism (France);", "Noted"],
    ]
    (record,) = parse(build(tmp_path / "l.docx", rows, header=()), is_state=fake_state)
    assert (record.text, record.position, record.location) == ("Combat racism", "noted", "row 2")
    assert (record.country, record.session) == ("Ruritania", 41)


def test_a_table_continued_without_its_header(tmp_path):
    path = build(tmp_path / "l.docx", GOOD_ROWS[:2])
    document = docx.Document(str(path))
    table = document.add_table(rows=1, cols=len(HEADER))
    for cell, text in zip(
        table.rows[0].cells, ["Noted", "41.3 Adopt a law (Spain);", "- Equality", "", "", "", ""], strict=False
    ):
        cell.text = text
    document.save(str(path))
    first, second = parse(path, is_state=fake_state, country="X", session=41)
    assert (second.paragraph, second.position, second.location) == ("41.3", "noted", "table 2, row 1")
    assert (second.subject, second.comments) == ("Equality & non-discrimination", "")
    assert second.tags == {"uhri-themes": ["Equality"], "affected-persons": [], "sdg-goals": [], "sdg-targets": []}


def test_detect_needs_a_recommendation_column_by_header_or_content(tmp_path):
    from rightstrack.ingest.formats.ohchr_docx import detect

    assert detect(build(tmp_path / "plain.docx", [["41.1 Combat racism (France);", "Noted"]], header=()))
    assert not detect(build(tmp_path / "other.docx", [["a", "b"]], header=["Name", "Date"]))


# ---- paragraph numbers in a column of their own -------------------------------------------


@pytest.mark.parametrize("heading", ["No.", "Para.", "Rec. no.", "#", "Recommendation No."])
def test_a_number_column_found_by_header(tmp_path, heading):
    rows = [["Combat racism (France);", "121.1", "Supported"], ["Ratify ICRMW (Spain);", "121.2.", "Noted"]]
    path = build(tmp_path / "l.docx", rows, header=["Recommendations", heading, "Position"])
    first, second = parse(path, is_state=fake_state)
    assert (first.paragraph, first.text, first.recommending_states) == ("121.1", "Combat racism", ["France"])
    assert (second.paragraph, second.text, second.position) == ("121.2", "Ratify ICRMW", "noted")


def test_a_number_column_found_by_content_beside_the_prose(tmp_path):
    # no header: the number column by its cells, the recommendation as the column of prose
    rows = [
        ["121.1", "- Equality", "Adopt a comprehensive law against racism (France);", "Supported"],
        ["121.2", "- Migrants", "Ratify ICRMW (Spain);", "Noted"],
    ]
    first, second = parse(build(tmp_path / "l.docx", rows, header=()), is_state=fake_state)
    assert (first.paragraph, first.text, first.tags) == (
        "121.1",
        "Adopt a comprehensive law against racism",
        {"uhri-themes": ["Equality"]},
    )
    assert (second.paragraph, second.text, second.location) == ("121.2", "Ratify ICRMW", "row 2")


def test_bare_numbers_are_kept_when_the_list_names_no_paragraph(tmp_path):
    rows = [["1", "Combat racism (France);", "Supported"], ["2", "Ratify ICRMW (Spain);", "Noted"]]
    path = build(tmp_path / "l.docx", rows, header=["#", "Recommendation", "Position"])
    assert [(r.paragraph, r.text) for r in parse(path, is_state=fake_state)] == [
        ("1", "Combat racism"),
        ("2", "Ratify ICRMW"),
    ]
    # ... and so without a header, where bare numbers up to 17 must run up to pass for numbers
    path = build(tmp_path / "bare.docx", rows, header=())
    assert [r.paragraph for r in parse(path, is_state=fake_state)] == ["1", "2"]


def test_bare_numbers_take_the_paragraph_a_caption_or_the_header_names(tmp_path):
    rows = [
        "Recommendations in paragraph 98 (supported)",
        ["1", "Combat racism (France);", "Supported"],
        "Recommendations in paragraph 99 (noted)",
        ["1", "Ratify ICRMW (Spain);", "Noted"],
    ]
    path = build(tmp_path / "l.docx", rows, header=["No.", "Recommendation", "Position"])
    assert [r.paragraph for r in parse(path, is_state=fake_state)] == ["98.1", "99.1"]
    path = build(tmp_path / "h.docx", rows[1:2], header=["Para. 98", "Recommendation", "Position"])
    assert [r.paragraph for r in parse(path, is_state=fake_state)] == ["98.1"]


def test_a_bare_sdg_column_is_not_a_number_column(tmp_path):
    rows = [["121.1 Combat racism (France);", "16"], ["121.2 Ratify ICRMW (Spain);", "5"]]
    first, second = parse(build(tmp_path / "l.docx", rows, header=()), is_state=fake_state)
    assert (first.paragraph, first.tags, second.tags) == ("121.1", {"sdg-goals": ["16"]}, {"sdg-goals": ["5"]})


def test_a_number_column_that_contradicts_the_text_is_an_error(tmp_path):
    rows = [["121.1 Combat racism (France);", "121.2", "Supported"]]
    path = build(tmp_path / "bad.docx", rows, header=["Recommendation", "No.", "Position"])
    with pytest.raises(ParseError, match=r"bad\.docx: row 2: paragraph number: '121.2' but the text opens"):
        list(parse(path, is_state=fake_state))


# ---- group rows holding just a theme's name ---------------------------------------------


def test_theme_names_open_groups_and_captions_do_not(tmp_path):
    header = ["Recommendation", "Position", "Themes"]
    rows = [
        "Thematic list of recommendations",  # a caption: not a theme
        "A41 Constitutional and legislative framework",  # a legacy UHRI code
        ["121.1 Adopt a constitution (France);", "Supported", "- A41 Constitutional and legislative framework"],
        "Slovenia \u2013 third cycle",  # a caption inside the table leaves the group as it is
        ["121.2 Amend the law (Spain);", "Supported", "- A41 Constitutional and legislative framework"],
        "acceptance of international NORMS",  # a theme of the shipped vocabulary, however written
        ["121.3 Ratify ICRMW (Spain);", "Noted", "- Acceptance of international norms"],
        "Ruritanian customs",  # in no vocabulary, but a later themes cell lists it
        ["121.4 Respect the customs (France);", "Noted", "- Ruritanian customs"],
    ]
    records = list(parse(build(tmp_path / "l.docx", rows, header=header), is_state=fake_state))
    assert [(r.paragraph, r.subject) for r in records] == [
        ("121.1", "A41 Constitutional and legislative framework"),
        ("121.2", "A41 Constitutional and legislative framework"),
        ("121.3", "acceptance of international NORMS"),
        ("121.4", "Ruritanian customs"),
    ]
    assert records[3].tags == {"uhri-themes": ["Ruritanian customs"]}


def test_theme_name_in_the_first_cell_only(tmp_path):
    rows = [
        ["No.", "Recommendation", "Position"],
        ["Acceptance of international norms", "", ""],
        ["121.1", "Ratify ICRMW (Spain);", "Noted"],
        ["Supported recommendations", "", ""],  # a caption in the first cell: neither group nor record
        ["121.2", "Combat racism (France);", "Supported"],
    ]
    first, second = parse(build(tmp_path / "l.docx", rows, header=()), is_state=fake_state)
    assert (first.paragraph, first.subject, first.tags) == (
        "121.1",
        "Acceptance of international norms",
        {"uhri-themes": ["Acceptance of international norms"]},
    )
    assert (second.paragraph, second.subject, second.location) == (
        "121.2",
        "Acceptance of international norms",
        "row 5",
    )


def test_an_unknown_name_listed_by_no_themes_cell_is_a_caption(tmp_path):
    rows = ["Ruritanian customs", ["121.1 Respect the customs (France);", "Noted"]]
    (record,) = parse(build(tmp_path / "l.docx", rows, header=["Recommendation", "Position"]), is_state=fake_state)
    assert (record.subject, record.tags) == ("", {})


# ---- the real lists rewritten in every layout OHCHR used ----------------------------------

COMPARED = (
    "text",
    "paragraph",
    "recommending_states",
    "position",
    "position_source",
    "document_symbol",
    "tags",
    "subject",
    "country",
    "session",
    "comments",
    "mechanism",
)


def same_fields(record) -> dict[str, object]:
    """What a layout must not change in a record (its location it may)."""
    return {name: getattr(record, name) for name in COMPARED}


@pytest.mark.parametrize("layout", ohchr_layouts.LAYOUTS, ids=lambda layout: layout.name)
@pytest.mark.parametrize("name", list(EXPECTED), ids=["cycle2", "cycle3"])
def test_real_list_rewritten_in_another_layout_reads_the_same(parsed, shared_data, tmp_path, name, layout):
    original = list(parsed[name].values())
    title = docx.Document(str(shared_data / name)).sections[0].header.paragraphs[0].text
    path = ohchr_layouts.write(original, layout, tmp_path / f"{layout.name}.docx", title)
    rewritten = list(parse(path))
    assert [r.paragraph for r in rewritten] == [r.paragraph for r in original]
    for before, after in zip(original, rewritten, strict=False):
        expected = same_fields(before)
        if not layout.groups:
            expected["subject"] = ""
        assert same_fields(after) == expected, after.location
