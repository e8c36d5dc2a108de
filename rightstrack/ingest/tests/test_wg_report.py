"""Tests for the UPR Working Group report parser: the real Slovenia reports checked against
OHCHR's thematic lists of the same reviews, the same reports in other containers, the
real cycle-1 addendum, and small built files for the wording variants and bad input."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from pathlib import Path

import docx
import pytest

from rightstrack.ingest.formats import ohchr_docx
from rightstrack.ingest.formats.wg_report import ParseError, detect, parse, parse_document, parse_responses
from rightstrack.reference.directory import lookup_builtin_state

CYCLE2, CYCLE3 = "A/HRC/28/15", "A/HRC/43/15"
REPORTS = {  # symbol: (report, OHCHR list of the same review, session, distribution date)
    CYCLE2: (
        "wg-reports/A_HRC_28_15_Working_Group_Report.md",
        "ohchr-lists/UPR20__Slovenia_ThematicListRecommendations_E.docx",
        20,
        dt.date(2014, 12, 10),
    ),
    CYCLE3: (
        "wg-reports/A_HRC_43_15_Working_Group_Report.md",
        "ohchr-lists/UPR34_Slovenia_Thematic_list_of_Recommendations.docx",
        34,
        dt.date(2019, 12, 19),
    ),
}
ADDENDUM = "wg-reports/A_HRC_14_15_Working_Group_Report.md"
# Every paragraph whose text differs between the report and OHCHR's list, and why.
TEXT_DIFFERENCES = {
    (CYCLE2, "115.2"): "the list lost two spaces: 'toarticle8'; the report has 'to article 8'",
    (CYCLE2, "115.81"): "the list edited 'health care' into 'healthcare'",
    (CYCLE2, "115.104"): "the report has the typo 'childre,'; the list corrected it to 'children,'",
    (CYCLE2, "115.158"): "the list lost a space: 'oftenancy'; the report has 'of tenancy'",
}


def normal(text: str) -> str:
    """Text compared without whitespace and quote-style differences."""
    text = text.translate(str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}))
    return " ".join(text.split())


def iso3(names: list[str]) -> set[str | None]:
    return {lookup_builtin_state(name) for name in names}


@pytest.fixture(scope="module")
def reports(shared_data: Path) -> dict[str, dict[str, object]]:
    """Both real reports parsed once, each as {paragraph: record}."""
    result = {}
    for symbol, (report, *_) in REPORTS.items():
        records = list(parse(shared_data / report))
        result[symbol] = {record.paragraph: record for record in records}
        assert len(result[symbol]) == len(records), "a paragraph was yielded twice"
    return result


@pytest.fixture(scope="module")
def lists(shared_data: Path) -> dict[str, dict[str, object]]:
    """OHCHR's thematic lists of the same reviews, each as {paragraph: record}."""
    return {
        symbol: {r.paragraph: r for r in ohchr_docx.parse(shared_data / listed)}
        for symbol, (_, listed, *_) in REPORTS.items()
    }


# ---- the real reports ---------------------------------------------------------------------


def test_detect(shared_data):
    assert all(detect(shared_data / report) for report, *_ in REPORTS.values())
    assert detect(shared_data / ADDENDUM)
    assert not detect(shared_data / REPORTS[CYCLE3][1])  # the OHCHR list names no Working Group report
    assert not detect(shared_data / "no-such-file.pdf")


@pytest.mark.parametrize("symbol", list(REPORTS))
def test_parse_document(shared_data, symbol):
    report, _, session, date = REPORTS[symbol]
    document = parse_document(shared_data / report)
    assert (document.symbol, document.mechanism, document.countries) == (symbol, "UPR", ["Slovenia"])
    assert (document.session, document.date, document.language) == (session, date, "en")
    assert document.title == "Report of the Working Group on the Universal Periodic Review: Slovenia"


@pytest.mark.parametrize("symbol", list(REPORTS))
def test_same_paragraphs_and_states_as_ohchr_list(reports, lists, symbol):
    assert len(reports[symbol]) == {CYCLE2: 163, CYCLE3: 215}[symbol]
    assert set(reports[symbol]) == set(lists[symbol])
    for paragraph, record in reports[symbol].items():
        states = iso3(record.recommending_states)
        assert None not in states, (paragraph, record.recommending_states)
        assert states == iso3(lists[symbol][paragraph].recommending_states), paragraph


@pytest.mark.parametrize("symbol", list(REPORTS))
def test_same_text_as_ohchr_list(reports, lists, symbol):
    differ = {(symbol, p) for p, r in reports[symbol].items() if normal(r.text) != normal(lists[symbol][p].text)}
    assert differ == {key for key in TEXT_DIFFERENCES if key[0] == symbol}


def test_positions_cycle2_all_awaiting_the_addendum(reports):
    records = reports[CYCLE2].values()
    assert {(r.position, r.position_source) for r in records} == {(None, "")}


def test_positions_cycle3(reports, lists):
    records = reports[CYCLE3]
    assert Counter((p.split(".")[0], r.position) for p, r in records.items()) == {
        ("121", "supported"): 58,
        ("122", None): 157,
    }
    for paragraph, record in records.items():
        if record.position:
            assert record.position_source == CYCLE3
            assert lists[CYCLE3][paragraph].position == "supported", paragraph
        else:
            assert record.position_source == ""


@pytest.mark.parametrize("symbol", list(REPORTS))
def test_every_record_is_complete(reports, symbol):
    _, _, session, date = REPORTS[symbol]
    for paragraph, record in reports[symbol].items():
        assert (record.mechanism, record.country, record.document_symbol) == ("UPR", "Slovenia", symbol)
        assert (record.session, record.date, record.type, record.language) == (session, date, "recommendation", "en")
        assert record.location == f"paragraph {paragraph}"
        assert re.fullmatch(r"1\d\d\.\d{1,3}", paragraph)
        # no page furniture or footnote glued into the text, nothing left of the number or the end
        assert not re.search(r"A/HRC|GE\.\d|have not been edited|\s{2}|[;.]$", record.text), paragraph
        assert record.text[0].isupper(), paragraph


def test_cycle2_details(reports):
    records = reports[CYCLE2]
    assert records["115.1"].recommending_states == ["Croatia"]
    record = records["115.6"]  # nested parentheses, and an acronym that is not a State
    assert record.text.endswith("Members of Their Families (ICRMW)")
    assert record.recommending_states == ["Iran (Islamic Republic of)"]
    assert records["115.8"].recommending_states == [
        "Senegal",
        "Sierra Leone",
        "Venezuela (Bolivarian Republic of)",
        "Peru",
        "Uruguay",
    ]
    record = records["115.38"]  # three clauses, each with its State
    assert "Paris Principles; continue with the efforts" in record.text
    assert record.recommending_states == ["Egypt", "Peru", "Azerbaijan"]
    # a footnote ("** Conclusions and recommendations have not been edited.") and a page
    # break fall between 115.12 and 115.13
    assert records["115.12"].text.endswith("it is currently under examination")
    assert records["115.13"].text == "Continue its efforts to ratify ICRMW"
    assert records["115.163"].recommending_states == ["Nigeria"]


def test_cycle3_details(reports):
    records = reports[CYCLE3]
    assert records["121.2"].text.startswith("Complete the process of ratification")
    assert "Enforced Disappearance; Increase efforts towards ratification" in records["121.2"].text
    assert records["121.3"].text.endswith("Forced Labour Convention, 1930 (No. 29)")
    assert records["122.7"].recommending_states == ["Slovakia", "Spain", "North Macedonia"]
    assert records["122.153"].text.endswith("principle of non-refoulement")  # hyphen at a line end
    assert records["122.157"].recommending_states == ["Costa Rica"]  # the last one ends with "."


# ---- the same reports in other containers ---------------------------------------------------


def write_docx(lines: list[str], path: Path) -> None:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))


def write_html(lines: list[str], path: Path) -> None:
    # UN pages declare their charset; without it lxml reads the bytes as Latin-1
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    head = '<head><meta charset="utf-8"><title>A/HRC</title></head>'
    path.write_text(f"<!DOCTYPE html><html>{head}<body>{body}</body></html>", encoding="utf-8")


def write_pdf(lines: list[str], path: Path, per_page: int = 55) -> None:
    """A text PDF written with pypdf alone: Helvetica in WinAnsi, one text line per line.

    WinAnsi has no minus sign (A/HRC/43/15 writes "2018−2028"): code 0x81, unused in
    cp1252, is mapped to the glyph /minus. Other characters outside cp1252 (Slovene
    names in the annex) become "?", which the recommendations never contain.
    """
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject

    writer = PdfWriter()
    encoding = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Encoding"),
            NameObject("/BaseEncoding"): NameObject("/WinAnsiEncoding"),
            NameObject("/Differences"): ArrayObject([NumberObject(0x81), NameObject("/minus")]),
        }
    )
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): encoding,
        }
    )
    for start in range(0, len(lines), per_page):
        page = writer.add_blank_page(width=595, height=842)
        page[NameObject("/Resources")] = DictionaryObject(
            {
                NameObject("/Font"): DictionaryObject({NameObject("/F1"): font}),
            }
        )
        operations = [b"BT /F1 9 Tf 12 TL 40 800 Td"]
        for line in lines[start : start + per_page]:
            raw = b"\x81".join(part.encode("cp1252", "replace") for part in line.split("\u2212"))
            raw = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            operations.append(b"(" + raw + b") Tj T*")
        stream = DecodedStreamObject()
        stream.set_data(b"\n".join([*operations, b"ET"]))
        page.replace_contents(stream)
    with open(path, "wb") as handle:
        writer.write(handle)


WRITERS = {
    "docx": write_docx,
    "html": write_html,
    "txt": lambda lines, path: path.write_text("\n".join(lines), encoding="utf-8"),
    "pdf": lambda lines, path: write_pdf([line.strip() for line in lines], path),  # PDF text has no indent
}


@pytest.mark.parametrize("kind", list(WRITERS))
@pytest.mark.parametrize("symbol", list(REPORTS))
def test_other_containers_give_the_same_records(shared_data, reports, tmp_path, symbol, kind):
    report = shared_data / REPORTS[symbol][0]
    path = tmp_path / f"report.{kind}"
    WRITERS[kind](report.read_text(encoding="utf-8").splitlines(), path)
    assert detect(path)
    assert parse_document(path) == parse_document(report)
    assert list(parse(path)) == list(reports[symbol].values())


# ---- the real addendum (cycle 1) ---------------------------------------------------------


def test_cycle1_file_is_the_addendum(shared_data):
    path = shared_data / ADDENDUM
    document = parse_document(path)
    # the converter's Markdown header says A/HRC/14/15; the document itself is the addendum
    assert (document.symbol, document.countries, document.date) == (
        "A/HRC/14/15/Add.1",
        ["Slovenia"],
        dt.date(2010, 3, 23),
    )
    assert document.session is None  # an addendum does not say when the Working Group met
    assert list(parse(path)) == []  # its answers come from parse_responses


def test_cycle1_addendum_without_the_report_paragraph_keeps_bare_numbers(shared_data):
    responses = list(parse_responses(shared_data / ADDENDUM))
    assert len(responses) == 96 and all("." not in r.paragraph for r in responses)


def test_cycle1_addendum_responses(shared_data):
    # The addendum answers recommendations 1–97 of A/HRC/14/15 by number only. The report is
    # not in the shared data; 111 stands for its paragraph (unchecked here).
    responses = list(parse_responses(shared_data / ADDENDUM, report_paragraph="111"))
    by_number = {int(r.paragraph.split(".")[1]): r for r in responses}
    assert len(by_number) == len(responses) == 96
    assert set(range(1, 98)) - set(by_number) == {15}  # "agrees with the importance of …": no position
    assert {(r.document_symbol, r.position_source) for r in responses} == {("A/HRC/14/15", "A/HRC/14/15/Add.1")}
    assert all(r.paragraph == f"111.{n}" for n, r in by_number.items())
    assert Counter(r.position for r in responses) == {"supported": 89, "noted": 4, "partially_supported": 3}
    not_supported = {n: r.position for n, r in by_number.items() if r.position != "supported"}
    assert not_supported == {
        1: "noted",  # "cannot, at this point in time, make a definitive statement"
        3: "partially_supported",  # accepts ILO C174, no definitive statement on C118
        32: "partially_supported",
        58: "partially_supported",  # accepts one part, "cannot accept" the other
        84: "noted",
        88: "noted",
        93: "noted",  # "cannot accept" / "does not accept"
    }
    # one answer for several numbers, whose list runs over two lines ("40., 41., 42.," / "43., 44.")
    assert by_number[44].location == "answer to 40, 41, 42, 43, 44"
    assert by_number[87].location == "answer to 77, 78, 79, 82, 83, 85, 86, 87"
    assert by_number[80].location == "answer to 80"


# ---- built files: wording variants -----------------------------------------------------------

HEAD = """United Nations                                   {symbol}
General Assembly                                 Distr.: General
                                                 4 January 2010
Report of the Working Group on the Universal Periodic
Review*
{country}
* Not edited.
GE.10-10000
1. The Working Group on the Universal Periodic Review held its {session} session from 1 to 12 February.
"""


def write_report(
    tmp_path: Path,
    section: str,
    *,
    symbol: str = "A/HRC/14/15",
    country: str = "Slovenia",
    session: str = "seventh",
    name: str = "report.txt",
) -> Path:
    path = tmp_path / name
    path.write_text(HEAD.format(symbol=symbol, country=country, session=session) + section, encoding="utf-8")
    return path


SECTION = """II. Conclusions and/or recommendations
86. The recommendations formulated during the interactive dialogue have been examined by
Slovenia and enjoy the support of Slovenia:
86.1 Ratify the ICPPED (Argentina) (Côte d’Ivoire);
86.2 Do more (France).
87. The following recommendations did not enjoy the support of Slovenia:
87.1 Do less (Chile).
88. All conclusions and/or recommendations contained in the present report reflect the
position of the submitting State(s).
"""


@pytest.mark.parametrize(
    ("session", "number"),
    [
        ("seventh", 7),
        ("7th", 7),
        ("twentieth", 20),
        ("thirty-fourth", 34),
        ("forty-first", 41),
        ("twelfth", 12),
    ],
)
def test_session_words_and_numerals(tmp_path, session, number):
    assert parse_document(write_report(tmp_path, SECTION, session=session)).session == number


def test_built_report(tmp_path):
    records = list(parse(write_report(tmp_path, SECTION)))
    assert [(r.paragraph, r.text, r.recommending_states, r.position, r.position_source) for r in records] == [
        ("86.1", "Ratify the ICPPED", ["Argentina", "Côte d’Ivoire"], "supported", "A/HRC/14/15"),
        ("86.2", "Do more", ["France"], "supported", "A/HRC/14/15"),
        ("87.1", "Do less", ["Chile"], "noted", "A/HRC/14/15"),
    ]
    assert {(r.session, r.date, r.country) for r in records} == {(7, dt.date(2010, 1, 4), "Slovenia")}


@pytest.mark.parametrize(
    ("chapeau", "position"),
    [
        ("The following recommendations will be examined by Slovenia, which will provide responses in due time:", None),
        ("The recommendations listed below have been examined by Slovenia and enjoy its support:", "supported"),
        ("The following recommendations received the support of Slovenia:", "supported"),
        ("Slovenia considers that the following recommendations are already implemented:", "supported"),
        ("The following recommendations did not enjoy the support of Slovenia:", "noted"),
        ("The recommendations below have been noted by Slovenia:", "noted"),
        ("The following recommendations were listed during the dialogue:", None),
    ],
)
def test_chapeau_wording(tmp_path, chapeau, position):
    section = f"Conclusions and recommendations\n121. {chapeau}\n121.1 Do it\n(France);\n"
    (record,) = parse(write_report(tmp_path, section))
    assert (record.paragraph, record.text, record.position) == ("121.1", "Do it", position)
    assert record.position_source == ("A/HRC/14/15" if position else "")


def test_first_cycle_numbering_under_the_chapeau(tmp_path):
    section = """Conclusions and/or recommendations
111. The recommendations formulated during the interactive dialogue have been examined by
Slovenia and the recommendations listed below enjoy the support of Slovenia:
1. Consider ratifying the ICRMW (Algeria);
2. Continue its efforts, as in paragraph
15.1 of its report (France).
112. The following recommendations will be examined by Slovenia:
1. Adopt a law (Spain).
113. All conclusions and/or recommendations contained in the present report reflect the position.
"""
    records = list(parse(write_report(tmp_path, section)))
    assert [(r.paragraph, r.position) for r in records] == [
        ("111.1", "supported"),
        ("111.2", "supported"),
        ("112.1", None),
    ]
    assert records[1].text == "Continue its efforts, as in paragraph 15.1 of its report"


def test_list_without_its_chapeau_and_words_that_look_like_structure(tmp_path):
    section = """Conclusions and/or recommendations
121.1 Ratify the Protocol listed in
Annex II of the Convention (France);
121.2 Apply article 5 of
I. the Statute (Spain).
Annex
Composition of the delegation: 1. Mr. X (Chile).
"""
    records = list(parse(write_report(tmp_path, section)))
    assert [(r.paragraph, r.text, r.position) for r in records] == [
        ("121.1", "Ratify the Protocol listed in Annex II of the Convention", None),
        ("121.2", "Apply article 5 of I. the Statute", None),
    ]


def test_keywords_override_the_document(tmp_path):
    path = write_report(tmp_path, SECTION)
    records = list(
        parse(
            path,
            country="SVN",
            session=9,
            document="A/HRC/99/9",
            is_state=lambda name: name in {"France", "Chile", "Argentina", "Côte d’Ivoire"},
        )
    )
    assert {(r.country, r.session, r.document_symbol) for r in records} == {("SVN", 9, "A/HRC/99/9")}
    assert records[0].position_source == "A/HRC/99/9"


# ---- built files: addenda ------------------------------------------------------------------


def write_addendum(tmp_path: Path, body: str) -> Path:
    return write_report(tmp_path, body, symbol="A/HRC/28/15/Add.1", name="addendum.txt")


def test_addendum_with_lists(tmp_path):
    body = """1. The report lists 20 recommendations in paragraph 115 of the report.
2. The Government accepts 16 recommendations and notes 4.
3. The Government accepts the recommendations 1–5, 14 – 16 and 20.
4. The Government notes the recommendations 6 to 13 and 17.
Rec. 18 We consider that this recommendation is implemented.
Rec. 19 Slovenia accepts this recommendation.
"""
    responses = list(parse_responses(write_addendum(tmp_path, body)))
    positions = {r.paragraph: r.position for r in responses}
    supported = {f"115.{n}" for n in [1, 2, 3, 4, 5, 14, 15, 16, 20, 19]}
    noted = {f"115.{n}" for n in [6, 7, 8, 9, 10, 11, 12, 13, 17]}
    assert positions == {**dict.fromkeys(supported, "supported"), **dict.fromkeys(noted, "noted")}
    assert {(r.document_symbol, r.position_source) for r in responses} == {("A/HRC/28/15", "A/HRC/28/15/Add.1")}
    assert next(r for r in responses if r.paragraph == "115.20").location == "list in paragraph 3"
    assert next(r for r in responses if r.paragraph == "115.19").location == "answer to 19"


def test_addendum_with_dotted_answers(tmp_path):
    body = """Slovenia supports recommendations 122.1, 122.3 and 122.5.
Recommendations 122.2 and 122.4 are noted.
122.6 Supported
122.7 Noted.
122.8 Slovenia accepts the recommendation on shelters and cannot accept the recommendation on
a new law.
122.9 Slovenia agrees with the importance of the issue.
"""
    responses = list(parse_responses(write_addendum(tmp_path, body)))
    assert {r.paragraph: r.position for r in responses} == {
        "122.1": "supported",
        "122.3": "supported",
        "122.5": "supported",
        "122.2": "noted",
        "122.4": "noted",
        "122.6": "supported",
        "122.7": "noted",
        "122.8": "partially_supported",
    }


def test_addendum_giving_two_positions(tmp_path):
    body = "Slovenia supports recommendations 122.1 and 122.2.\n122.2 Noted\n"
    with pytest.raises(ParseError, match=r"addendum\.txt: recommendation 122\.2: supported in .* but noted in"):
        list(parse_responses(write_addendum(tmp_path, body)))


def test_responses_of_a_report_and_recommendations_of_an_addendum(tmp_path):
    # the import registry reads both from every file of this format
    assert list(parse_responses(write_report(tmp_path, SECTION))) == []
    path = write_addendum(tmp_path, SECTION)
    assert detect(path)
    assert list(parse(path)) == []


def test_through_the_import_registry(shared_data):
    from rightstrack.ingest.registry import ImportOptions, read_file

    fmt, parsed = read_file(shared_data / REPORTS[CYCLE3][0], "auto", ImportOptions())
    assert fmt.name == "wg-report"
    assert [d.symbol for d in parsed.documents] == [CYCLE3]
    assert (len(list(parsed.records)), list(parsed.responses)) == (215, [])
    fmt, parsed = read_file(shared_data / ADDENDUM, "auto", ImportOptions())
    assert (fmt.name, [d.symbol for d in parsed.documents], list(parsed.records)) == (
        "wg-report",
        ["A/HRC/14/15/Add.1"],
        [],
    )
    assert len(list(parsed.responses)) == 96  # bare numbers, matched by the import


# ---- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("86. Nothing to report.\n", r"no 'Conclusions and/or recommendations' section found"),
        (
            "Conclusions and/or recommendations\n86. All conclusions … reflect the position.\n",
            r"no numbered recommendations",
        ),
        (
            "Conclusions and/or recommendations\n86. These enjoy the support of Slovenia:\n86.1 Do it (France);\n"
            "86.2 Do it without a State;\n",
            r"paragraph 86\.2: no recommending State",
        ),
        (
            "Conclusions and/or recommendations\n86. These enjoy the support of Slovenia:\n86.1 Do it (France);\n"
            "86.1 Do it again (Spain);\n",
            r"paragraph 86\.1: appears twice",
        ),
        (
            "Conclusions and/or recommendations\n86. These enjoy the support of Slovenia:\n86.1 Do it (France);\n"
            "86.3 Do it later (Spain);\n",
            r"paragraph 86\.3: follows 86\.1",
        ),
    ],
)
def test_bad_reports(tmp_path, section, message):
    with pytest.raises(ParseError, match=r"^report\.txt: " + message):
        list(parse(write_report(tmp_path, section)))


def test_no_symbol(tmp_path):
    path = write_report(tmp_path, SECTION, symbol="")
    with pytest.raises(ParseError, match=r"report\.txt: no document symbol"):
        parse_document(path)
    with pytest.raises(ParseError, match=r"report\.txt: no document symbol .* document="):
        list(parse(path))
    assert len(list(parse(path, document="A/HRC/14/15"))) == 3
    # The title and the recommendations section make it a report: --document gives the symbol.
    assert detect(path)
    without_section = write_report(tmp_path, "Some other text.\n", symbol="", name="other.txt")
    assert not detect(without_section)  # the title alone is not enough


def test_no_state_under_review(tmp_path):
    path = tmp_path / "anonymous.txt"
    path.write_text("A/HRC/14/15\nDistr.: General\n" + SECTION, encoding="utf-8")
    with pytest.raises(ParseError, match=r"anonymous\.txt: the State under review .* country="):
        list(parse(path))
    assert len(list(parse(path, country="Slovenia"))) == 3


def test_detect_wants_the_title_on_the_cover(tmp_path):
    path = tmp_path / "compilation.txt"
    path.write_text(
        "A/HRC/WG.6/34/SVN/2\nCompilation on Slovenia\n"
        + "Background text.\n" * 1000
        + "See the report of the Working Group on the Universal Periodic Review (A/HRC/28/15).\n",
        encoding="utf-8",
    )
    assert not detect(path)


def test_not_documents(tmp_path):
    empty, binary = tmp_path / "empty.txt", tmp_path / "binary.pdf"
    empty.write_text("", encoding="utf-8")
    binary.write_bytes(b"%PDF-1.4 broken\x00\x01")
    for path in (empty, binary, tmp_path / "missing.txt"):
        assert not detect(path)
        with pytest.raises(ParseError, match=path.name):
            list(parse(path))
