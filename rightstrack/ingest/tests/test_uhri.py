"""Tests for the UHRI full-export parser, on UHRI-layout files built from the real data."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from rightstrack.ingest.formats import ohchr_docx
from rightstrack.ingest.formats.uhri import HEADERS, ParseError, detect, parse
from rightstrack.ingest.tests import uhri_fixtures as fx

SPAIN_CSV = fx.SPAIN_CSV
# Dates printed on the two Working Group reports ("Distr.: General ...").
REPORT_DATES = {"A/HRC/28/15": dt.date(2014, 12, 10), "A/HRC/43/15": dt.date(2019, 12, 19)}


@pytest.fixture(scope="module")
def rows(shared_data: Path) -> list[dict]:
    return fx.build_rows(shared_data)


@pytest.fixture(scope="module")
def exports(rows, tmp_path_factory) -> dict[str, Path]:
    """The fixture rows as .xlsx, as JSON with "- " strings and as JSON with lists."""
    folder = tmp_path_factory.mktemp("uhri")
    return {
        "xlsx": fx.write_xlsx(rows, folder / "export-full-en.xlsx"),
        "json": fx.write_json(rows, folder / "export-full-en.json"),
        "json-lists": fx.write_json(rows, folder / "export-lists.json", lists=True),
    }


@pytest.fixture(scope="module")
def parsed(exports) -> dict[str, object]:
    """The .xlsx records, by annotation id."""
    records = list(parse(exports["xlsx"]))
    by_id = {record.external_ids["uhri"]: record for record in records}
    assert len(by_id) == len(records), "an annotation id was yielded twice"
    return by_id


def without_location(records):
    return [dataclasses.replace(record, location="") for record in records]


# ---- the files built from the real data -------------------------------------------------


def test_detect(exports, shared_data, tmp_path):
    assert all(detect(path) for path in exports.values())
    assert not detect(shared_data / SPAIN_CSV)
    assert not detect(shared_data / next(iter(fx.OHCHR_LISTS)))  # a .docx is a zip too
    assert not detect(shared_data / fx.CCPR_JSON)  # a JSON object, not a list
    other = tmp_path / "other.json"
    other.write_text(json.dumps([{"Text": "x", "id": 1}]))
    assert not detect(other)


def test_xlsx_and_json_parse_to_identical_records(exports):
    from_xlsx = list(parse(exports["xlsx"]))
    assert without_location(from_xlsx) == without_location(parse(exports["json"]))
    assert without_location(from_xlsx) == without_location(parse(exports["json-lists"]))
    assert from_xlsx[0].location == "row 2"
    assert next(iter(parse(exports["json"]))).location == "record 1"


def test_counts(parsed, shared_data):
    with open(shared_data / SPAIN_CSV, encoding="utf-8") as file:
        spain = sum(1 for _ in csv.DictReader(file))
    slovenia = sum(len(list(ohchr_docx.parse(shared_data / name))) for name in fx.OHCHR_LISTS)
    ccpr = json.loads((shared_data / fx.CCPR_JSON).read_text(encoding="utf-8"))
    ccpr_count = sum(1 for s in ccpr.values() for p in s["paragraphs"] if p["recommendation"].strip())
    assert (spain, slovenia, ccpr_count) == (141, 163 + 215, 286)
    mechanisms = Counter(record.mechanism for record in parsed.values())
    assert mechanisms == {"UPR": spain + slovenia, "CCPR": ccpr_count}
    assert Counter(record.session for record in parsed.values()) == {49: 141, 20: 163, 34: 215, None: 286}


def test_spain_records_match_the_csv(parsed, shared_data):
    positions = {"accepted": "supported", "noted": "noted", "partially_accepted": "partially_supported"}
    with open(shared_data / SPAIN_CSV, encoding="utf-8") as file:
        for source in csv.DictReader(file):
            record = parsed[fx.annotation_id(f"spain-upr4:{source['number']}")]
            targets = [t for t in source["uhri_targets"].split(";") if t]
            goals = {g for g in source["uhri_goals"].split(";") if g} | {t.split(".")[0] for t in targets}
            assert record.text == source["text"].strip()
            assert record.paragraph == source["number"]
            assert (record.mechanism, record.country, record.document_symbol) == ("UPR", "Spain", "A/HRC/60/8")
            assert record.session == 49 and record.date is None
            assert record.position == positions[source["position"]]
            assert record.tags.get("sdg-targets", []) == targets
            goal_tags = record.tags.get("sdg-goals", [])
            assert set(goal_tags) == goals and len(goal_tags) == len(goals)
            assert record.recommending_states == [re.findall(r"\(([^()]*)\)", source["text"])[-1]]
    assert parsed[fx.annotation_id("spain-upr4:50.63")].tags["sdg-targets"] == ["16.1", "16.2"]
    assert parsed[fx.annotation_id("spain-upr4:50.49")].tags["sdg-targets"] == ["16.b"]  # a lettered target
    assert parsed[fx.annotation_id("spain-upr4:50.141")].recommending_states == ["Mauricio"]


def test_slovenia_records_match_the_ohchr_lists(parsed, shared_data):
    positions = Counter()
    for name in fx.OHCHR_LISTS:
        for source in ohchr_docx.parse(shared_data / name):
            record = parsed[fx.annotation_id(f"ohchr:{source.session}:{source.paragraph}")]
            assert (record.text, record.paragraph) == (source.text, source.paragraph)
            assert (record.country, record.document_symbol) == ("Slovenia", source.document_symbol)
            assert (record.session, record.position) == (source.session, source.position)
            assert record.recommending_states == source.recommending_states
            for slug in ("uhri-themes", "affected-persons", "sdg-goals", "sdg-targets"):
                assert record.tags.get(slug, []) == source.tags.get(slug, []), slug
            assert record.date == REPORT_DATES[source.document_symbol]
            positions[source.session, record.position] += 1
    assert positions == {(20, "supported"): 142, (20, "noted"): 21, (34, "supported"): 182, (34, "noted"): 33}
    record = parsed[fx.annotation_id("ohchr:34:121.1")]
    assert record.recommending_states == ["France", "Lithuania"]
    assert record.tags["sdg-goals"] == ["16"] and "Enforced disappearances" in record.tags["uhri-themes"]


def test_ccpr_records_match_the_followup_file(parsed, shared_data):
    data = json.loads((shared_data / fx.CCPR_JSON).read_text(encoding="utf-8"))
    for iso3, state in data.items():
        for paragraph in state["paragraphs"]:
            if not paragraph["recommendation"].strip():
                continue
            record = parsed[fx.annotation_id(f"ccpr:{iso3}:{paragraph['num']}")]
            assert (record.text, record.paragraph) == (paragraph["recommendation"].strip(), "")
            assert (record.mechanism, record.type) == ("CCPR", "recommendation")
            assert (record.country, record.document_symbol) == (state["name"], state["co_symbol"])
            assert (record.session, record.position, record.recommending_states) == (None, None, [])
            expected = dt.datetime.strptime(state["co_date"], "%d %B %Y").date() if state["co_date"] else None
            assert record.date == expected
    assert parsed[fx.annotation_id("ccpr:UZB:5")].date == dt.date(2020, 3, 27)


# ---- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "serial, expected",
    [
        (1, dt.date(1900, 1, 1)),
        (59, dt.date(1900, 2, 28)),
        (61, dt.date(1900, 3, 1)),
        (43818, dt.date(2019, 12, 19)),
        ("43818", dt.date(2019, 12, 19)),
        (43818.75, dt.date(2019, 12, 19)),
        ("2019-12-19", dt.date(2019, 12, 19)),
        ("2019-12-19T00:00:00", dt.date(2019, 12, 19)),
    ],
)
def test_excel_serial_and_text_dates(tmp_path, serial, expected):
    path = write_one(tmp_path, {"Document Publication Date": serial})
    assert next(parse(path)).date == expected


@pytest.mark.parametrize("value", [60, 0, "19/12/2019", "2019-02-30"])
def test_bad_dates(tmp_path, value):
    path = write_one(tmp_path, {"Document Publication Date": value})
    with pytest.raises(ParseError, match=r"one\.json: record 1: Document Publication Date: "):
        list(parse(path))


def test_date_cells_and_serials_give_the_same_dates(rows, tmp_path):
    serials = fx.write_xlsx(rows[140:200], tmp_path / "serials.xlsx")
    cells = fx.write_xlsx(rows[140:200], tmp_path / "cells.xlsx", dates="datetime")
    iso = fx.write_json(rows[140:200], tmp_path / "iso.json", dates="iso")
    dates = [record.date for record in parse(serials)]
    assert dates == [record.date for record in parse(cells)] == [record.date for record in parse(iso)]
    assert dates[0] is None and dates[-1] == dt.date(2014, 12, 10)  # Spain's last, then Slovenia


# ---- other spellings ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, code",
    [
        ("Universal Periodic Review", "UPR"),
        ("UPR", "UPR"),
        ("CRC", "CRC"),
        ("Committee on the Rights of the Child", "CRC"),
        ("Human Rights Committee", "CCPR"),
        ("Committee on Economic, Social and Cultural Rights", "CESCR"),
        ("- Committee against Torture", "CAT"),
        ("Committee on the Elimination of Discrimination against Women (CEDAW)", "CEDAW"),
        ("Special Procedures", "SP"),
        ("Special Rapporteur on the right to food", "SP"),
        ("Working Group on Arbitrary Detention", "SP"),
        ("Human Rights Council", "HRC"),
    ],
)
def test_bodies(tmp_path, body, code):
    assert next(parse(write_one(tmp_path, {"Reccomending Body": body}))).mechanism == code


@pytest.mark.parametrize(
    "value, session",
    [
        ("28th Session - Cycle 3", 28),
        ("Session 28", 28),
        ("1st session - cycle 1", 1),
        ("41st Session (Cycle 4)", 41),
        ("28th session", 28),
        (28, 28),
        ("", None),
    ],
)
def test_sessions(tmp_path, value, session):
    assert next(parse(write_one(tmp_path, {"UPR Session": value}))).session == session


def test_a_council_session_with_its_cycle_keeps_only_the_cycle(tmp_path):
    # A/HRC/28/15 was adopted at the Council's 28th session, in cycle 2 (Working Group session 20).
    record = next(parse(write_one(tmp_path, {"UPR Session": "28th Session - Cycle 2"})))
    assert (record.session, record.cycle) == (None, 2)


@pytest.mark.parametrize(
    "value, position",
    [
        ("Supported", "supported"),
        ("Noted", "noted"),
        ("Supported/Noted", "partially_supported"),
        ("Supported / Noted", "partially_supported"),
        ("Partially supported", "partially_supported"),
        ("", None),
        ("partially_accepted", "partially_supported"),
        ("Partially-supported", "partially_supported"),
    ],
)
def test_positions(tmp_path, value, position):
    assert next(parse(write_one(tmp_path, {"UPR Position": value}))).position == position


def test_cells_with_several_values(tmp_path):
    record = next(
        parse(
            write_one(
                tmp_path,
                {
                    "Text": "118.7 Adopt a plan",
                    "Countries Concerned": "- Spain\n- Portugal",
                    "Sdgs": "- 16.2 - End abuse\n- 16.a - Strengthen institutions\n- 5 - GENDER EQUALITY\n- 16 - PEACE",
                    "Themes": (
                        "- A41 Constitutional and legislative framework\n- D27 Prohibition of slavery,\n  trafficking"
                    ),
                    "Type": "Observation",
                },
            )
        )
    )
    assert (record.paragraph, record.text, record.country) == ("118.7", "Adopt a plan", "Spain")
    assert record.external_ids["countries"] == "Spain|Portugal"
    assert record.tags["sdg-targets"] == ["16.2", "16.a"] and record.tags["sdg-goals"] == ["16", "5"]
    assert record.tags["uhri-themes"][1] == "D27 Prohibition of slavery, trafficking"  # a wrapped line
    assert record.type == "observation"


def test_a_taxonomy_column_the_record_has_gives_its_slugs_even_when_empty(rows, tmp_path):
    """An empty Themes cell says "no theme"; a file without the column says nothing."""
    slugs = {"uhri-themes": [], "affected-persons": [], "sdg-targets": [], "sdg-goals": []}
    row = {**rows[-1], "Themes": [], "Affected Persons": [], "Sdgs": []}  # a CCPR row: none of them
    assert next(parse(fx.write_xlsx([row], tmp_path / "empty.xlsx"))).tags == slugs
    assert next(parse(fx.write_json([row], tmp_path / "empty.json"))).tags == slugs
    headers = [h for h in HEADERS if h not in ("Themes", "Affected Persons", "Sdgs")]
    assert next(parse(fx.write_xlsx([row], tmp_path / "none.xlsx", headers=headers))).tags == {}
    assert next(parse(write_one(tmp_path, {}))).tags == {}


def test_columns_found_by_header_in_any_order(rows, exports, tmp_path):
    headers = ["Extra column", *reversed(HEADERS)]
    path = fx.write_xlsx(rows, tmp_path / "reordered.xlsx", headers=headers)
    assert without_location(parse(path)) == without_location(parse(exports["xlsx"]))


def test_empty_rows_are_skipped_and_rows_keep_their_numbers(rows, tmp_path):
    path = fx.write_xlsx([rows[0], {}, {}, rows[1]], tmp_path / "gaps.xlsx")
    assert [record.location for record in parse(path)] == ["row 2", "row 5"]


# ---- bad input ------------------------------------------------------------------------------


def test_missing_required_column(rows, tmp_path):
    headers = [h for h in HEADERS if h != "Reccomending Body"]
    path = fx.write_xlsx(rows[:3], tmp_path / "no-body.xlsx", headers=headers)
    with pytest.raises(ParseError, match=r"no-body\.xlsx: row 1: Reccomending Body: required column missing"):
        list(parse(path))


@pytest.mark.parametrize(
    "field, value, problem",
    [
        ("Reccomending Body", "Committee of Ministers", "unknown body 'Committee of Ministers'"),
        ("UPR Session", "Twenty-eighth session", "not a UPR session"),
        ("UPR Session", "60th Session - Cycle 5", "cycle 5 is not a UPR cycle yet"),
        ("OHCHR Annotation Id", None, "missing"),
        ("Text", "  ", "empty recommendation text"),
        ("Type", "Pledge of sorts", "unknown type"),
        ("UPR Position", "Accepted in spirit", "unknown position"),
        ("Sdgs", "- 18.1 - Nothing", "not an SDG goal or target"),
    ],
)
def test_bad_fields_name_file_row_and_field(rows, tmp_path, field, value, problem):
    bad = {**rows[1], field: value}
    xlsx = fx.write_xlsx([rows[0], bad], tmp_path / "bad.xlsx")
    with pytest.raises(ParseError, match=rf"bad\.xlsx: row 3: {field}: {re.escape(problem)}"):
        list(parse(xlsx))
    json_path = fx.write_json([rows[0], bad], tmp_path / "bad.json")
    with pytest.raises(ParseError, match=rf"bad\.json: record 2: {field}: {re.escape(problem)}"):
        list(parse(json_path))


def test_json_record_without_annotation_key(rows, tmp_path):
    path = tmp_path / "nokey.json"
    item = {key: fx.cell(value) for key, value in rows[0].items() if key != "OHCHR Annotation Id"}
    path.write_text(json.dumps([item]), encoding="utf-8")
    with pytest.raises(ParseError, match=r"nokey\.json: record 1: OHCHR Annotation Id: missing"):
        list(parse(path))


def test_truncated_json_names_the_record_reached(rows, tmp_path):
    path = fx.write_json(rows[:10], tmp_path / "cut.json")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # line 0 is "[", line n is record n: cut record 6 in half
    path.write_text("".join(lines[:6]) + lines[6][: len(lines[6]) // 2], encoding="utf-8")
    records = []
    with pytest.raises(ParseError, match=r"cut\.json: record 6: invalid or truncated JSON after 5"):
        records.extend(parse(path))
    assert len(records) == 5


def test_not_a_spreadsheet(tmp_path):
    text = tmp_path / "fake.xlsx"
    text.write_text("Text,Countries Concerned\n", encoding="utf-8")
    with pytest.raises(ParseError, match=r"fake\.xlsx: not a readable \.xlsx workbook"):
        list(parse(text))
    archive = tmp_path / "zip.xlsx"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("hello.txt", "not a workbook")
    with pytest.raises(ParseError, match=r"zip\.xlsx: not a readable \.xlsx workbook"):
        list(parse(archive))
    assert not detect(text) and not detect(archive)


def test_json_object_instead_of_list(rows, tmp_path):
    path = tmp_path / "object.json"
    path.write_text(json.dumps({"records": [fx.cell(rows[0]["Text"])]}), encoding="utf-8")
    with pytest.raises(ParseError, match=r"object\.json: top level: expected a JSON list .* found an object"):
        list(parse(path))


def test_json_item_that_is_not_an_object(rows, tmp_path):
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps([{k: fx.cell(v) for k, v in rows[0].items()}, "text"]), encoding="utf-8")
    with pytest.raises(ParseError, match=r"mixed\.json: record 2: expected an object, found str"):
        list(parse(path))


# ---- memory -----------------------------------------------------------------------------------


def test_json_is_streamed_with_bounded_memory(rows, tmp_path):
    """20,000 records: the peak of Python allocations stays far below the file's size.

    Measured at about 0.3 MB while parsing a 22 MB file; ``json.load`` of the same file
    peaks near 88 MB and ``list(parse(...))`` near 42 MB, so the bound tells them apart.
    """
    path = fx.write_json(fx.varied_rows(rows, 20_000), tmp_path / "big.json")
    bound = 10 * 1024 * 1024
    assert path.stat().st_size > 2 * bound
    count, peak = fx.parse_peak(parse, path)
    assert count == 20_000
    assert peak < bound, f"peak {peak / 1e6:.1f} MB"


# ---- helpers ----------------------------------------------------------------------------------


def write_one(folder: Path, changes: dict) -> Path:
    """A one-record JSON export: a plain UPR record with ``changes`` applied."""
    item = {
        "Text": "Ratify the Convention",
        "Countries Concerned": "Spain",
        "Reccomending Body": "Universal Periodic Review",
        "Document Symbol": "A/HRC/60/8",
        "OHCHR Annotation Id": fx.annotation_id("write-one"),
        "Type": "Recommendation",
        **changes,
    }
    path = folder / "one.json"
    path.write_text(json.dumps([item]), encoding="utf-8")
    return path
