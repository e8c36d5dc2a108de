"""Tests for OHCHR's own JSON layout of the UHRI export (``formats/uhri_json.py``), on
files built from the real data by ``uhri_json_layout``: each record must read exactly
as the spreadsheet layout of the same row reads, and import like it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from rightstrack.ingest.formats import ohchr_docx
from rightstrack.ingest.formats.uhri import ParseError, detect, parse
from rightstrack.ingest.formats.uhri_json import plain_text, split_number
from rightstrack.ingest.registry import detect_format
from rightstrack.ingest.tests import uhri_fixtures as fx
from rightstrack.ingest.tests import uhri_json_layout as jl

TAXONOMIES = ("uhri-themes", "affected-persons", "sdg-goals", "sdg-targets")


@pytest.fixture(scope="module")
def rows(shared_data: Path) -> list[dict]:
    return jl.real_layout_rows(shared_data)


@pytest.fixture(scope="module")
def files(rows, tmp_path_factory) -> dict[str, Path]:
    """The corpus in the real layout and, for comparison, as a spreadsheet."""
    folder = tmp_path_factory.mktemp("uhri-real")
    return {
        "real": jl.write_real_layout(rows, folder / "export-full-en.json"),
        "xlsx": fx.write_xlsx(rows, folder / "export-full-en.xlsx"),
    }


@pytest.fixture(scope="module")
def parsed(files) -> dict[str, object]:
    """The real-layout records, by annotation id."""
    records = list(parse(files["real"]))
    by_id = {record.external_ids["uhri"]: record for record in records}
    assert len(by_id) == len(records), "an annotation id was yielded twice"
    return by_id


# ---- detection ------------------------------------------------------------------------------


def test_the_real_layout_is_detected(files, rows, shared_data, tmp_path):
    assert detect(files["real"])
    assert detect_format(files["real"]).name == "uhri-json"
    assert detect(jl.write_real_layout(rows[:3], tmp_path / "bom.json", bom=True))
    # A first text longer than the bytes peeked: the keys before it are enough.
    long = {**rows[0], "Text": "121.1 " + "Ratify the Convention. " * 5000}
    assert detect(jl.write_real_layout([long], tmp_path / "long.json"))
    assert not detect(shared_data / fx.CCPR_JSON)
    other = tmp_path / "other.json"
    other.write_text(json.dumps([{"AnnotationId": "x", "id": 1, "Text": "y"}]), encoding="utf-8")
    assert not detect(other)


# ---- the corpus built from the real data ---------------------------------------------------


def test_every_field_matches_the_spreadsheet_reading_of_the_same_row(files, rows):
    """Paragraph numbers excepted where the JSON text has one the row's text lacks."""
    real, sheet = list(parse(files["real"])), list(parse(files["xlsx"]))
    assert len(real) == len(sheet) == len(rows)
    for record, expected, row in zip(real, sheet, rows, strict=True):
        if row.get("_paragraph"):
            assert (record.paragraph, expected.paragraph) == (row["_paragraph"], "")
            record = dataclasses.replace(record, paragraph="")
        assert dataclasses.replace(record, location="") == dataclasses.replace(expected, location="")
    assert real[0].location == "record 1"


def test_counts_by_mechanism_and_type(parsed, shared_data):
    slovenia = sum(len(list(ohchr_docx.parse(shared_data / name))) for name in fx.OHCHR_LISTS)
    counts = Counter((record.mechanism, record.type) for record in parsed.values())
    assert counts == {
        ("UPR", "recommendation"): 141 + slovenia,
        ("CCPR", "recommendation"): 286,
        ("CCPR", "concern"): 81,
        ("CCPR", "observation"): 112,
        ("SP", "recommendation"): 4,
    }


def test_treaty_body_records(parsed, files, shared_data):
    data = json.loads((shared_data / fx.CCPR_JSON).read_text(encoding="utf-8"))
    items = {item["AnnotationId"]: item for item in json.loads(files["real"].read_text(encoding="utf-8"))}
    glued = html = 0
    for iso3, state in data.items():
        for paragraph in state["paragraphs"]:
            if not paragraph["recommendation"].strip():
                continue
            key = fx.annotation_id(f"ccpr:{iso3}:{paragraph['num']}")
            record, text = parsed[key], items[key]["Text"]
            assert (record.paragraph, record.text) == (paragraph["num"], paragraph["recommendation"].strip())
            assert (record.mechanism, record.country, record.document_symbol) == (
                "CCPR",
                state["name"],
                state["co_symbol"],
            )
            assert (record.session, record.cycle, record.position, record.recommending_states) == (None, None, None, [])
            assert record.tags == {slug: [] for slug in TAXONOMIES}  # UHRI gives them: "none"
            glued += bool(re.match(r"\d+\.\S", text))
            html += text.startswith("<")
    assert glued > 50 and html > 50
    concern = parsed[fx.annotation_id("ccpr-assessment:UZB:5:1")]
    assert (concern.type, concern.document_symbol, concern.paragraph) == ("concern", "CCPR/C/140/2/Add.4", "")
    assert concern.text.startswith("The Committee regrets the absence of information")


def test_special_procedure_records(parsed, files):
    items = {item["AnnotationId"]: item for item in json.loads(files["real"].read_text(encoding="utf-8"))}
    food = parsed[fx.annotation_id("sp:food:1")]
    assert items[fx.annotation_id("sp:food:1")]["Text"].startswith("<p>The Special Rapporteur recommends")
    assert items[fx.annotation_id("sp:food:1")]["Body"] == "- Special Rapporteur on the right to food"
    assert food.text == (
        "The Special Rapporteur recommends that the Government:\n"
        "(a) Adopt a national strategy on the right to food & nutrition;\n"
        "(b) Ensure that social assistance covers the cost of an adequate diet."
    )
    assert (food.mechanism, food.country, food.document_symbol, food.position) == (
        "SP",
        "Slovenia",
        "A/HRC/99/50/Add.1",
        None,
    )
    assert {parsed[fx.annotation_id(key)].mechanism for key, *_ in jl.SPECIAL_PROCEDURES} == {"SP"}


def test_upr_records_and_their_value_shapes(parsed, files):
    items = json.loads(files["real"].read_text(encoding="utf-8"))
    upr = [item for item in items if item["Body"] == "- UPR"]
    # every shape of UprSession and UprCycle is in the file
    assert {type(item["UprSession"]).__name__ for item in upr} == {"list", "int"}
    assert {re.sub(r"\d", "N", str(item["UprCycle"])) for item in upr} == {
        "Cycle N",
        "Nrd cycle",
        "Nnd cycle",
        "Nth cycle",
        "N",
    }
    assert {re.sub(r"\d", "N", str(item["UprSession"])) for item in upr} >= {"['NNth session']", "['NN']", "NN"}
    record = parsed[fx.annotation_id("ohchr:34:121.1")]
    assert (record.paragraph, record.document_symbol, record.session, record.cycle) == ("121.1", "A/HRC/43/15", 34, 3)
    assert (record.position, record.recommending_states) == ("supported", ["France", "Lithuania"])
    assert record.tags["sdg-goals"] == ["16"] and "Enforced disappearances" in record.tags["uhri-themes"]
    assert record.date == dt.date(2019, 12, 19)
    positions = Counter((r.session, r.position) for r in parsed.values() if r.mechanism == "UPR")
    assert {
        (20, "supported"): 142,
        (20, "noted"): 21,
        (34, "supported"): 182,
        (34, "noted"): 33,
    }.items() <= positions.items()
    assert {position for session, position in positions if session == 49} == {
        "supported",
        "noted",
        "partially_supported",
    }


@pytest.mark.parametrize(
    "cycle, symbol, session, count",
    [
        (2, "A/HRC/28/15", 20, 163),
        (3, "A/HRC/43/15", 34, 215),
        (None, None, None, 378),
    ],
)
def test_slovenia_real_layout_carries_the_ohchr_list(shared_data, tmp_path, cycle, symbol, session, count):
    path = jl.slovenia_real_layout(shared_data, tmp_path / "slovenia.json", cycle=cycle)
    records = {(r.document_symbol, r.paragraph): r for r in parse(path)}
    assert len(records) == count
    expected = [
        s for name in fx.OHCHR_LISTS for s in ohchr_docx.parse(shared_data / name) if session in (None, s.session)
    ]
    assert len(expected) == count
    for source in expected:
        record = records[source.document_symbol, source.paragraph]
        assert symbol in (None, record.document_symbol)
        assert (record.text, record.country, record.session, record.position) == (
            source.text,
            "Slovenia",
            source.session,
            source.position,
        )
        assert record.recommending_states == source.recommending_states
        for slug in TAXONOMIES:
            assert record.tags[slug] == source.tags.get(slug, []), slug
    with pytest.raises(ValueError, match="cycles 2 and 3"):
        jl.slovenia_real_layout(shared_data, tmp_path / "x.json", cycle=4)


# ---- importing -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_import_and_reimport(shared_data, tmp_path):
    from rightstrack.ingest.services import import_file
    from rightstrack.recommendations.models import Recommendation

    rows = jl.real_layout_rows(shared_data, spain=False)
    path = jl.write_real_layout(rows, tmp_path / "export-full-en.json")
    fmt, summary, skipped = import_file(path)
    assert (fmt, summary.new, summary.updated, summary.errors, skipped) == ("uhri-json", len(rows), 0, [], 0)
    stored = Counter(Recommendation.objects.values_list("mechanism__code", "type"))
    assert stored == {
        ("UPR", "recommendation"): 378,
        ("CCPR", "recommendation"): 286,
        ("CCPR", "concern"): 81,
        ("CCPR", "observation"): 112,
        ("SP", "recommendation"): 4,
    }
    upr = Recommendation.objects.get(uhri_id=fx.annotation_id("ohchr:34:121.1"))
    assert (upr.paragraph, upr.position, upr.upr_session.number, upr.state.name) == (
        "121.1",
        "supported",
        34,
        "Slovenia",
    )
    assert sorted(upr.recommending_states.values_list("name", flat=True)) == ["France", "Lithuania"]
    ccpr = Recommendation.objects.get(uhri_id=fx.annotation_id("ccpr:UZB:5"))
    assert (ccpr.paragraph, ccpr.position, ccpr.mechanism.code, ccpr.date) == ("5", None, "CCPR", dt.date(2020, 3, 27))
    food = Recommendation.objects.get(uhri_id=fx.annotation_id("sp:food:1"))
    assert (food.mechanism.code, food.state.name) == ("SP", "Slovenia") and "& nutrition" in food.text
    again = import_file(path)[1]
    assert (again.new, again.updated, again.unchanged, again.errors) == (0, 0, len(rows), [])


@pytest.mark.django_db
def test_import_of_a_bad_record_names_file_record_and_field(rows, tmp_path):
    from rightstrack.ingest.services import import_file

    path = write_items(tmp_path / "bad.json", [jl.real_item(rows[0]), {**jl.real_item(rows[1]), "Text": 7}])
    with pytest.raises(ParseError, match=r"bad\.json: record 2: Text: expected text, found a number"):
        import_file(path, "uhri-json")


# ---- values as OHCHR writes them ---------------------------------------------------------------


@pytest.mark.parametrize(
    "html, text",
    [
        ("<p>4.The Committee reminds the State party</p>", "4.The Committee reminds the State party"),
        ("Access to water &amp; sanitation", "Access to water & sanitation"),
        ("<p>Ratify <em>the</em>\n  Convention&nbsp;now</p>", "Ratify the Convention now"),
        ("<p>Should:</p><ol><li>(a) Do this;</li><li>(b) Do that.</li></ol>", "Should:\n(a) Do this;\n(b) Do that."),
        ("First line<br>second line<br/>", "First line\nsecond line"),
        ("Protect<script>fetch('http://x')</script> children<img src=\"http://x/y.png\">", "Protect children"),
        ("Children &lt; 15 &#8211; and &#x2013; more", "Children < 15 \u2013 and \u2013 more"),
        # Not HTML: kept as written, with its spacing and a bare "&" or "<".
        (
            "See FollowUp.aspx?Treaty=CCPR&Lang=en  and   children < 15",
            "See FollowUp.aspx?Treaty=CCPR&Lang=en  and   children < 15",
        ),
    ],
)
def test_plain_text(html, text):
    assert plain_text(html) == text


@pytest.mark.parametrize(
    "text, split",
    [
        ("4.The Committee", ("4", "The Committee")),
        ("4. The Committee", ("4", "The Committee")),
        ("121.5 Ratify", ("121.5", "Ratify")),
        ("121.5. Ratify", ("121.5", "Ratify")),
        ("12.(a) Adopt", ("12", "(a) Adopt")),
        ("4.\nThe Committee", ("4", "The Committee")),
        ("4.5 per cent of children", ("4.5", "per cent of children")),  # as the spreadsheet reads it
        ("45% of children", ("", "45% of children")),
        ("The Committee", ("", "The Committee")),
    ],
)
def test_paragraph_numbers(text, split):
    assert split_number(text) == split


@pytest.mark.parametrize(
    "session, cycle, expected",
    [
        (["34th session"], "Cycle 3", (34, 3)),
        (["34"], "3rd cycle", (34, 3)),
        (34, 3, (34, 3)),
        ("34th session", None, (34, None)),
        ([], None, (None, None)),
        (None, "Cycle 2", (None, 2)),
        (["34th Session - Cycle 3"], None, (34, 3)),
        ([34.0], "third cycle", (34, 3)),
        (["34th session", "34"], ["Cycle 3"], (34, 3)),
        (["28th session"], "Cycle 2", (None, 2)),  # the Council session that adopted a cycle-2 report
    ],
)
def test_sessions_and_cycles(tmp_path, session, cycle, expected):
    record = next(parse(write_one(tmp_path, {"UprSession": session, "UprCycle": cycle})))
    assert (record.session, record.cycle) == expected


@pytest.mark.parametrize(
    "value, text, kind",
    [
        ("- Recommendations", "Adopt a law", "recommendation"),
        ("Recommendation", "Adopt a law", "recommendation"),
        ("- Concerns/Observations", "The Committee is concerned about delays", "concern"),
        ("- Concerns/Observations", "The Committee regrets the delays", "concern"),
        ("- Concerns/Observations", "The Committee notes the adoption of the law", "observation"),
        ("- Concerns / Observations", "The Committee notes the law", "observation"),
        ("- Observations", "The Committee notes the law", "observation"),
        ("- Concerns", "Delays", "concern"),
        (["- Recommendations"], "Adopt a law", "recommendation"),
        (None, "Adopt a law", "recommendation"),
    ],
)
def test_annotation_types(tmp_path, value, text, kind):
    assert next(parse(write_one(tmp_path, {"AnnotationType": value, "Text": text}))).type == kind


@pytest.mark.parametrize(
    "value, position",
    [
        ([], None),
        (None, None),
        (["Supported"], "supported"),
        ("Noted", "noted"),
        (["Supported/Noted"], "partially_supported"),
        (["- Supported", "- Noted"], "partially_supported"),
    ],
)
def test_positions(tmp_path, value, position):
    assert next(parse(write_one(tmp_path, {"UprPositions": value}))).position == position


@pytest.mark.parametrize(
    "body, code",
    [
        ("- CRC", "CRC"),
        ("- UPR", "UPR"),
        ("- Human Rights Committee", "CCPR"),
        (["- CEDAW"], "CEDAW"),
        ("- Special Rapporteur on the right to food", "SP"),
        ("- Working Group on Arbitrary Detention", "SP"),
        ("- Independent Expert on the situation of human rights in Mali", "SP"),
    ],
)
def test_bodies(tmp_path, body, code):
    assert next(parse(write_one(tmp_path, {"Body": body}))).mechanism == code


def test_taxonomy_keys_follow_the_fields_the_record_has(tmp_path):
    empty = next(parse(write_one(tmp_path, {"Themes": [], "AffectedPersons": [], "Sdgs": []})))
    assert empty.tags == {slug: [] for slug in TAXONOMIES}
    silent = next(parse(write_one(tmp_path, {})))
    assert silent.tags == {}
    given = next(parse(write_one(tmp_path, {"Themes": ["- Children"], "Sdgs": "16.2 - End abuse"})))
    assert given.tags == {"uhri-themes": ["Children"], "sdg-targets": ["16.2"], "sdg-goals": ["16"]}


def test_the_example_record_of_the_brief(tmp_path):
    item = {
        "AffectedPersons": ["Disappeared persons", "Children"],
        "AnnotationId": "a9ceae8c-0000",
        "AnnotationType": "- Concerns/Observations",
        "Body": "- CRC",
        "Countries": ["Peru"],
        "DocumentId": "41a0b08f-0000",
        "PublicationDate": "2025-02-12T00:00:00",
        "PublicationDateOnUhri": "2025-03-03T10:53:45.827",
        "Regions": ["Latin America and the Caribbean"],
        "Sdgs": ["16.2 - Protect children from abuse"],
        "Symbol": "CRC/C/PER/CO/6-7",
        "Text": "4.The Committee reminds the State party of the indivisibility of all rights.",
        "Themes": ["Violence against women"],
        "UprCycle": None,
        "UprPositions": [],
        "UprRecommendingCountry": [],
        "UprRecommendingRegions": [],
        "UprSession": [],
    }
    record = next(parse(write_items(tmp_path / "one.json", [item])))
    assert (record.mechanism, record.country, record.document_symbol, record.paragraph) == (
        "CRC",
        "Peru",
        "CRC/C/PER/CO/6-7",
        "4",
    )
    assert (record.type, record.date, record.session, record.cycle, record.position) == (
        "observation",
        dt.date(2025, 2, 12),
        None,
        None,
        None,
    )
    assert record.text == "The Committee reminds the State party of the indivisibility of all rights."
    assert record.tags == {
        "uhri-themes": ["Violence against women"],
        "affected-persons": ["Disappeared persons", "Children"],
        "sdg-targets": ["16.2"],
        "sdg-goals": ["16"],
    }
    assert (record.recommending_states, record.external_ids) == ([], {"uhri": "a9ceae8c-0000"})


# ---- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes, field, problem",
    [
        ({"AnnotationId": None}, "AnnotationId", "missing"),
        ({"AnnotationId": " "}, "AnnotationId", "missing"),
        ({"AnnotationId": 12}, "AnnotationId", "expected text, found a number"),
        ({"Text": ""}, "Text", "empty recommendation text"),
        ({"Text": "<p> </p><br>"}, "Text", "empty recommendation text"),
        ({"Text": 4.5}, "Text", "expected text, found a number"),
        ({"Text": ["a", "b"]}, "Text", "expected text, found a list"),
        ({"Themes": {"name": "Children"}}, "Themes", "expected text or a list of texts, found an object"),
        ({"Countries": [{"name": "Peru"}]}, "Countries", "item 1: expected text, found an object"),
        ({"UprRecommendingCountry": ["France", 3]}, "UprRecommendingCountry", "item 2: expected text, found a number"),
        ({"UprSession": {"number": 34}}, "UprSession", "expected a number, text or a list of them, found an object"),
        ({"UprSession": [True]}, "UprSession", "item 1: expected a number or text, found true or false"),
        ({"UprSession": ["session thirty-four"]}, "UprSession", "not a UPR session"),
        ({"UprSession": [34.5]}, "UprSession", "not a whole number"),
        ({"UprSession": ["34th session", "20th session"]}, "UprSession", "several sessions in one record"),
        ({"UprCycle": "Cycle 9"}, "UprCycle", "cycle 9 is not a UPR cycle yet"),
        ({"UprCycle": "the last cycle"}, "UprCycle", "not a UPR cycle"),
        ({"UprSession": ["34th Session - Cycle 3"], "UprCycle": "Cycle 2"}, "UprCycle", "several cycles in one record"),
        ({"Body": "- Committee of Ministers"}, "Body", "unknown body 'Committee of Ministers'"),
        ({"Body": []}, "Body", "empty"),
        ({"AnnotationType": "- Positive aspects"}, "AnnotationType", "unknown type 'Positive aspects'"),
        ({"UprPositions": ["Pending"]}, "UprPositions", "unknown position 'Pending'"),
        ({"Sdgs": ["18.1 - Nothing"]}, "Sdgs", "not an SDG goal or target"),
        ({"PublicationDate": "12/02/2025"}, "PublicationDate", "not an Excel date serial or YYYY-MM-DD date"),
        ({"PublicationDate": {"date": "2025-02-12"}}, "PublicationDate", "expected a date, found an object"),
        ({"Symbol": ["CRC/C/PER/CO/6-7"]}, "Symbol", "expected text, found a list"),
    ],
)
def test_bad_records_name_file_record_and_field(rows, tmp_path, changes, field, problem):
    path = write_items(tmp_path / "bad.json", [jl.real_item(rows[0]), {**jl.real_item(rows[1]), **changes}])
    records = []
    with pytest.raises(ParseError, match=rf"^bad\.json: record 2: {field}: {re.escape(problem)}"):
        records.extend(parse(path))
    assert len(records) == 1


def test_a_record_without_its_annotation_key(rows, tmp_path):
    item = jl.real_item(rows[1])
    del item["AnnotationId"]
    path = write_items(tmp_path / "nokey.json", [jl.real_item(rows[0]), item])
    with pytest.raises(ParseError, match=r"nokey\.json: record 2: AnnotationId: missing"):
        list(parse(path))
    # The first object decides the layout: without its key it is still OHCHR's layout.
    path = write_items(tmp_path / "first.json", [item])
    with pytest.raises(ParseError, match=r"first\.json: record 1: AnnotationId: missing"):
        list(parse(path))


def test_truncated_real_layout(rows, tmp_path):
    path = jl.write_real_layout(rows[:10], tmp_path / "cut.json")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:4]) + lines[4][:100], encoding="utf-8")
    with pytest.raises(ParseError, match=r"cut\.json: record 4: invalid or truncated JSON after 3"):
        list(parse(path))


def test_real_layout_is_streamed_with_bounded_memory(rows, tmp_path):
    """10,000 records (half of them HTML): the peak stays far below the file's size."""
    path = jl.write_real_layout(fx.varied_rows(rows, 10_000), tmp_path / "big.json")
    bound = 5 * 1024 * 1024
    assert path.stat().st_size > 2 * bound
    count, peak = fx.parse_peak(parse, path)
    assert count == 10_000
    assert peak < bound, f"peak {peak / 1e6:.1f} MB"


# ---- helpers ------------------------------------------------------------------------------------


def write_items(path: Path, items: list) -> Path:
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return path


def write_one(folder: Path, changes: dict) -> Path:
    """A one-record export in the real layout: a plain CRC record with ``changes``."""
    item = {
        "AnnotationId": fx.annotation_id("write-one-real"),
        "AnnotationType": "- Recommendations",
        "Body": "- CRC",
        "Countries": ["Peru"],
        "Symbol": "CRC/C/PER/CO/6-7",
        "Text": "5.The State party should end corporal punishment.",
        **changes,
    }
    return write_items(folder / "one.json", [item])
