"""Tests for the UPR Info CSV parser: the six real exports and small built files."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections import Counter
from pathlib import Path

import pytest

from rightstrack.ingest.formats.upr_info import ParseError, detect, parse
from rightstrack.ingest.records import ParsedRecommendation
from rightstrack.reference.names import normalize_name

UTF8 = "upr-info/upr-info-sessions-1-17.utf8.csv"
# The raw files in the order their rows appear in the UTF-8 copy, with their row counts.
RAW = {"upr-info/1-5.csv": 6094, "upr-info/6-9.csv": 8343, "upr-info/10-13.csv": 9047, "upr-info/14-17.csv": 9598}
VOLUNTARY = "upr-info/voluntary.csv"
ROWS, RECORDS = 33082, 32076  # counted by a hand-run script; re-derived below by raw_groups()
HEADER = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session"


def raw_rows(path: Path) -> list[dict[str, str]]:
    """Every data row as a dict, read with the csv module independently of the parser."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("mac_roman")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def raw_groups(rows: list[dict[str, str]]) -> dict[tuple, list[dict[str, str]]]:
    """Rows grouped as the format's docstring says: State, session, normalised text."""
    groups: dict[tuple, list[dict[str, str]]] = {}
    for row in rows:
        key = (row["To"], int(row["Session"]), normalize_name(row["Text"].strip()))
        groups.setdefault(key, []).append(row)
    return groups


def without_location(record: ParsedRecommendation) -> ParsedRecommendation:
    return dataclasses.replace(record, location="")


@pytest.fixture(scope="module")
def utf8(shared_data: Path) -> list[ParsedRecommendation]:
    return list(parse(shared_data / UTF8))


@pytest.fixture(scope="module")
def utf8_groups(shared_data: Path) -> dict[tuple, list[dict[str, str]]]:
    rows = raw_rows(shared_data / UTF8)
    assert len(rows) == ROWS
    return raw_groups(rows)


@pytest.fixture(scope="module")
def voluntary(shared_data: Path) -> list[ParsedRecommendation]:
    return list(parse(shared_data / VOLUNTARY))


# ---- the real files ----------------------------------------------------------------------


def test_utf8_counts(utf8, utf8_groups):
    assert len(utf8) == RECORDS == len(utf8_groups)
    assert sum(len(rows) for rows in utf8_groups.values()) == ROWS
    assert {(r.mechanism, r.type) for r in utf8} == {("UPR", "recommendation")}
    assert Counter(r.session for r in utf8) == Counter(key[1] for key in utf8_groups)
    assert all(r.external_ids == {} and r.text == r.text.strip() and r.text for r in utf8)


def test_raw_files_hold_the_same_records(shared_data, utf8):
    records, offset = [], 0
    for name, rows in RAW.items():
        assert len(raw_rows(shared_data / name)) == rows
        for record in parse(shared_data / name):
            row = int(record.location.removeprefix("row "))
            records.append(dataclasses.replace(record, location=f"row {row + offset}"))
        offset += rows
    assert offset == ROWS
    # Same records, field by field, and each located at the same row of the UTF-8 copy.
    assert records == utf8


def test_known_multi_state_recommendation(shared_data, utf8):
    expected = ParsedRecommendation(
        # The source has a trailing space after "(CPED)".
        text="Ratify the International Convention for the Protection of All Persons from Enforced Disappearance (CPED)",
        mechanism="UPR",
        country="Canada",
        session=16,
        position="noted",
        recommending_states=["Cuba", "Japan", "Spain", "France", "Tunisia"],
        tags={"action-category": ["5"], "upr-info-issues": ["Enforced disappearances", "International instruments"]},
        location="row 25205",
    )
    assert [r for r in utf8 if r.location == "row 25205"] == [expected]
    raw = [r for r in parse(shared_data / "upr-info/14-17.csv") if r.location == "row 1721"]
    assert raw == [dataclasses.replace(expected, location="row 1721")]


def test_largest_group_and_no_repeated_states(utf8):
    assert max(len(r.recommending_states) for r in utf8) == 13
    for record in utf8:
        keys = [normalize_name(state) for state in record.recommending_states]
        assert len(keys) == len(set(keys)), record.location


def test_unknown_recommending_state_is_left_out(utf8, utf8_groups):
    assert not any("unknown" in state.casefold() for r in utf8 for state in r.recommending_states)
    nobody = [r for r in utf8 if not r.recommending_states]
    unknown = [key for key, rows in utf8_groups.items() if all(row["From"] == "&#40;Unknown&#41;" for row in rows)]
    assert len(nobody) == len(unknown) == 9
    assert {(r.country, r.session) for r in nobody} == {("Indonesia", 1)}


def test_positions_match_the_response_column(utf8, utf8_groups):
    rows = [row for group in utf8_groups.values() for row in group]
    assert Counter(row["Response"] for row in rows) == {"Accepted": 24378, "Noted": 8704}
    mapping = {"Accepted": "supported", "Noted": "noted"}
    expected = Counter(mapping.get(group[0]["Response"]) for group in utf8_groups.values())
    assert Counter(r.position for r in utf8) == expected == {"supported": 23818, "noted": 8258}


def test_action_categories(utf8, utf8_groups):
    assert all(len(r.tags["action-category"]) == 1 for r in utf8)
    counts = Counter(r.tags["action-category"][0] for r in utf8)
    assert counts == Counter(group[0]["Action"] for group in utf8_groups.values())
    assert set(counts) == {"1", "2", "3", "4", "5"}


def test_issue_labels(shared_data, utf8, utf8_groups):
    labels = Counter(label for r in utf8 for label in r.tags["upr-info-issues"])
    vocab = set((shared_data / "taxonomies/upr-info-issues.vocab").read_text().split("\n"))
    # No label holds a comma: every piece is a whole label of the published vocabulary,
    # or one of three older UPR Info labels it renamed or dropped.
    assert set(labels) <= vocab | {"NHRI", "National plan of action", "Right to water"}
    assert len(labels) == 54
    first = [group[0]["Issue"].split(",") for group in utf8_groups.values()]
    assert sum(labels.values()) == sum(len(issues) for issues in first)
    assert sum(len(r.tags["upr-info-issues"]) > 1 for r in utf8) == sum(len(i) > 1 for i in first)


def test_voluntary_pledges(shared_data, voluntary):
    rows = raw_rows(shared_data / VOLUNTARY)
    assert len(rows) == 947 and {row["Response"] for row in rows} == {"Voluntary Pledge"}
    assert len(voluntary) == 944 == len(raw_groups(rows))  # 3 pledges are listed twice
    assert {(r.type, r.position) for r in voluntary} == {("pledge", None)}
    assert not any(r.recommending_states for r in voluntary)
    assert {r.session for r in voluntary} == set(range(1, 20))
    bolivia = [r for r in voluntary if r.location == "row 128"]
    assert bolivia[0].country == "Bolivia" and bolivia[0].tags["action-category"] == ["4"]


@pytest.mark.parametrize("name", [UTF8, VOLUNTARY, *RAW])
def test_detect_real_files(shared_data, name):
    assert detect(shared_data / name)


def test_detect_rejects_other_files(shared_data, tmp_path):
    docx = next((shared_data / "ohchr-lists").glob("*.docx"))
    assert not detect(docx)
    other = tmp_path / "other.csv"
    other.write_text("Name,Text,Date\nAlice,hello,2020-01-01\n")
    assert not detect(other)


# ---- built files -------------------------------------------------------------------------


def write(
    tmp_path: Path, lines: list[str], *, newline: str = "\n", encoding: str = "utf-8", name: str = "upr.csv"
) -> Path:
    path = tmp_path / name
    path.write_bytes(newline.join(lines).encode(encoding))
    return path


ROW_A = (
    'Chile,GRULAC,OAS,"Ratify the OP-CAT.",France,WEOG,EU,Accepted,5,'
    '"Torture and other CID treatment,International instruments",2'
)
ROW_B = "Chile,GRULAC,OAS,Abolish forced labour,Spain,WEOG,EU,Noted,4,Labour,2"
ROW_C = "Chile,GRULAC,OAS,ratify the OP-CAT ,Peru,GRULAC,OAS,Noted,3,Detention,2"  # A's group


@pytest.mark.parametrize("newline", ["\r", "\n", "\r\n"])
def test_line_endings_and_grouping(tmp_path, newline):
    path = write(tmp_path, [HEADER, ROW_A, ROW_B, ROW_C, ROW_A.replace("France", "&#40;Unknown&#41;")], newline=newline)
    first, second = parse(path)
    assert first == ParsedRecommendation(
        text="Ratify the OP-CAT.",
        mechanism="UPR",
        country="Chile",
        session=2,
        position="supported",
        recommending_states=["France", "Peru"],  # first row's Response, Action and Issue win
        tags={
            "action-category": ["5"],
            "upr-info-issues": ["Torture and other CID treatment", "International instruments"],
        },
        location="row 2",
    )
    assert (second.text, second.position, second.location) == ("Abolish forced labour", "noted", "row 3")


def test_mac_roman_bom_reordered_and_extra_columns(tmp_path):
    row = "C\u00f4te d\u2019Ivoire,R\u00e9duire la pauvret\u00e9,Br\u00e9sil,Accepted,9"
    mac = write(tmp_path, [HEADER, ROW_B], encoding="mac_roman", newline="\r", name="mac.csv")
    assert [r.country for r in parse(mac)] == ["Chile"]
    mac = write(tmp_path, ["To,Text,From,Response,Session", row], encoding="mac_roman", name="m2.csv")
    assert [(r.country, r.text, r.recommending_states) for r in parse(mac)] == [
        ("C\u00f4te d\u2019Ivoire", "R\u00e9duire la pauvret\u00e9", ["Br\u00e9sil"])
    ]
    bom = write(tmp_path, ["\ufeffExtra,Session,From,Response,Text,To", "x,9,Peru,Noted,T,Chile"], name="bom.csv")
    assert detect(bom)
    assert [(r.country, r.session, r.recommending_states, r.tags) for r in parse(bom)] == [("Chile", 9, ["Peru"], {})]
    forced = list(parse(bom, encoding="utf-8"))  # the BOM is then left in the first name
    assert forced[0].country == "Chile"


def test_other_responses_have_no_position(tmp_path):
    lines = [HEADER] + [
        ROW_B.replace("Noted", value).replace("forced", value or "no")
        for value in ("Pending", "General response", "", "Rejected")
    ]
    path = write(tmp_path, lines)
    assert [r.position for r in parse(path)] == [None, None, None, "noted"]


def test_pledge_and_empty_action(tmp_path):
    path = write(tmp_path, [HEADER, "Chile,GRULAC,OAS,Adopt a plan,Chile,GRULAC,OAS,Voluntary Pledge,,,2"])
    (pledge,) = parse(path)
    assert (pledge.type, pledge.position, pledge.recommending_states, pledge.tags) == ("pledge", None, [], {})


def test_quoted_line_break_keeps_row_numbers(tmp_path):
    path = write(tmp_path, [HEADER, ROW_A.replace("the OP-CAT.", "the\nOP-CAT."), ROW_B, ""], newline="\r")
    assert [r.location for r in parse(path)] == ["row 2", "row 4"]


def test_header_only_file_has_no_records(tmp_path):
    assert list(parse(write(tmp_path, [HEADER]))) == []


@pytest.mark.parametrize(
    "lines, message",
    [
        ([HEADER.replace(",Session", "")], r"upr\.csv: row 1: missing column 'Session'"),
        ([HEADER.replace("Text,", ""), "a"], r"upr\.csv: row 1: missing column 'Text'"),
        ([HEADER, ROW_B, ROW_B.replace(",2", ",2nd")], r"upr\.csv: row 3: Session: .*'2nd'"),
        ([HEADER, ROW_B.replace(",4,", ",6,")], r"upr\.csv: row 2: Action: .*'6'"),
        ([HEADER, ROW_B.replace("Abolish forced labour", " ")], r"upr\.csv: row 2: Text"),
        ([], r"upr\.csv: row 1: empty file"),
    ],
)
def test_bad_input(tmp_path, lines, message):
    with pytest.raises(ParseError, match=message):
        list(parse(write(tmp_path, lines)))


def test_undecodable_bytes_with_forced_encoding(tmp_path):
    path = write(tmp_path, [HEADER, ROW_B, ROW_B.replace("Spain", "Espa\u00f1a")], encoding="mac_roman", newline="\r")
    assert list(parse(path))[0].recommending_states == ["Spain", "Espa\u00f1a"]  # auto: Mac Roman
    offset = len(HEADER) + 1 + len(ROW_B) + 1 + ROW_B.index("Spain") + 4
    with pytest.raises(ParseError, match=rf"upr\.csv: row 3: byte offset {offset}: not valid utf-8"):
        list(parse(path, encoding="utf-8"))
