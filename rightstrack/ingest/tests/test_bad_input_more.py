"""The bad-input corpus, continued: hostile files against the limits of core.limits
(oversized cells and texts, NUL bytes, deep JSON, wrong JSON types, over-long fields, a
paragraph given twice, encodings that cannot be told, formula errors, too many records
or archive entries), for every format the registry knows. Each is refused with a clear
error naming the file, the row or record and the field, exit 1, database unchanged."""

import json

import openpyxl
import pytest

from rightstrack.ingest.tests.test_bad_input import (
    TABLE,
    UPR_INFO_HEADER,
    UPR_INFO_ROW,
    _bytes,
    _json,
    _rec,
    _text,
    check_refused,
)

pytestmark = pytest.mark.django_db

LONG_TEXT = "Adopt a law " * 5000  # 60,000 characters: over core.limits.MAX_TEXT_CHARS
TABLE_FULL = [
    "--format",
    "table",
    "--mechanism",
    "UPR",
    "--columns",
    "text=Recommendation,country=State,paragraph=No,document_symbol=Symbol,subject=Heading",
]
FULL_HEADER = "Recommendation,State,No,Symbol,Heading\n"
CZ = "Příliš žluťoučký kůň úpěl ďábelské ódy; všechny děti"  # too short to tell cp1250 from Latin-2
ZH = "批准公约"


def _csv_row(text="Adopt a law", state="Slovenia", no="1", symbol="A/HRC/1/1", heading="Justice"):
    return f'"{text}",{state},{no},{symbol},{heading}\n'


def _xlsx(name, rows):
    def build(tmp, shared):
        path = tmp / name
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        book.save(path)
        return [path]

    return build


UHRI_HEADERS = ["Text", "Countries Concerned", "Reccomending Body", "Document Symbol", "OHCHR Annotation Id"]


def _uhri_row(text="121.1 Ratify the OP-CAT", symbol="A/HRC/43/15", annotation="0f1e2d3c-1"):
    return [text, "- Slovenia", "- Universal Periodic Review", symbol, annotation]


def _uhri(records):
    return _text("uhri.json", json.dumps(records))


def _uhri_rec(**changes):
    return {
        "Text": "121.1 Ratify the OP-CAT",
        "Countries Concerned": ["Slovenia"],
        "Reccomending Body": ["Universal Periodic Review"],
        "Document Symbol": "A/HRC/43/15",
        "OHCHR Annotation Id": "0f1e2d3c-1",
        **changes,
    }


def _ohchr(**changes):
    return {
        "AnnotationId": "a9ceae8c-1",
        "AnnotationType": "- Recommendations",
        "Body": "- CRC",
        "Countries": ["Slovenia"],
        "Symbol": "CRC/C/SVN/CO/3-4",
        "Text": "4.The Committee recommends it.",
        **changes,
    }


def _deep(levels):
    return "[" * levels + "]" * levels


def _report(edit, name="A_HRC_43_15.md", encoding="utf-8"):
    def build(tmp, shared):
        text = (shared / "wg-reports" / "A_HRC_43_15_Working_Group_Report.md").read_text(encoding="utf-8")
        path = tmp / name
        path.write_bytes(edit(text).encode(encoding))
        return [path]

    return build


def _in_recommendation(insert):
    """The report with ``insert`` added inside its first recommendation (121.1 …)."""

    def edit(text):
        start = text.index("121.1", text.rindex("Conclusions and/or recommendations"))
        return text[: start + 10] + insert + text[start + 10 :]

    return edit


CO = (
    "United Nations\nCCPR/C/SVN/CO/4\nInternational Covenant on Civil and Political Rights\n"
    "Human Rights Committee\nConcluding observations on the fourth periodic report of Slovenia\n"
    "C. Principal matters of concern and recommendations\nNational human rights institution\n"
    "5. The Committee is concerned about the mandate of the Ombudsman.\n"
    "6. The State party should {text}.\n"
)


def _zip_entries(count):
    def build(tmp, shared):
        path = tmp / "t.xlsx"
        book = openpyxl.Workbook()
        book.active.append(["Recommendation"])
        book.save(path)
        import zipfile

        with zipfile.ZipFile(path, "a") as archive:
            for number in range(count):
                archive.writestr(f"extra/{number}.xml", "<x/>")
        return [path]

    return build


def _ohchr_list_long_cell(tmp, shared):
    import docx

    path = tmp / "list.docx"
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Recommendation", "Position"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = f"1.1 {LONG_TEXT} (France);", "Supported"
    document.save(path)
    return [path]


JSON = ["--format", "rightstrack-json"]
MORE_CASES = {
    # any table (CSV)
    "table NUL byte": (
        _text("t.csv", FULL_HEADER + _csv_row(text="Adopt\x00 a law")),
        TABLE_FULL,
        "t.csv: row 2: field 'text': holds a NUL byte",
    ),
    "table 1 MB cell": (
        _text("t.csv", FULL_HEADER + _csv_row(text="x" * 1024**2)),
        TABLE_FULL,
        "t.csv: row 2: not readable as CSV (field larger than field limit",
    ),
    "table 5 MB text": (
        _text("t.csv", FULL_HEADER + _csv_row(text="Adopt a law " * 420_000)),
        TABLE_FULL,
        "t.csv: row 2: not readable as CSV",
    ),
    "table text too long": (
        _text("t.csv", FULL_HEADER + _csv_row(text=LONG_TEXT)),
        TABLE_FULL,
        "t.csv: row 2: field 'text': 59,999 characters, more than the 50,000 allowed",
    ),
    "table paragraph too long": (
        _text("t.csv", FULL_HEADER + _csv_row(no="1" * 31)),
        TABLE_FULL,
        "t.csv: row 2: field 'paragraph': 31 characters, more than the 30 allowed",
    ),
    "table symbol too long": (
        _text("t.csv", FULL_HEADER + _csv_row(symbol="A/" * 60)),
        TABLE_FULL,
        "t.csv: row 2: field 'document_symbol': 120 characters, more than the 100 allowed",
    ),
    "table subject too long": (
        _text("t.csv", FULL_HEADER + _csv_row(heading="J" * 301)),
        TABLE_FULL,
        "t.csv: row 2: field 'subject': 301 characters, more than the 300 allowed",
    ),
    "table State name too long": (
        _text("t.csv", FULL_HEADER + _csv_row(state="S" * 600)),
        TABLE_FULL,
        "t.csv: row 2: field 'country': 600 characters",
    ),
    "table repeated paragraph": (
        _text(
            "t.csv", FULL_HEADER + _csv_row(no="12") + _csv_row(no="13", text="Other") + _csv_row(no="12", text="Again")
        ),
        TABLE_FULL,
        "t.csv: row 4: field 'paragraph': repeats paragraph 12 of A/HRC/1/1, already given by row 2",
    ),
    "table Latin-2 short": (
        _bytes("t.csv", (FULL_HEADER + _csv_row(text=CZ)).encode("iso8859_2")),
        TABLE_FULL,
        "t.csv: not UTF-8, and its encoding cannot be told for sure (it could be",
    ),
    "table GB18030 short": (
        _bytes("t.csv", (FULL_HEADER + _csv_row(text=ZH)).encode("gb18030")),
        TABLE_FULL,
        "t.csv: not UTF-8, and its encoding cannot be told for sure",
    ),
    "table invalid UTF-8 forced": (
        _bytes("t.csv", (FULL_HEADER + _csv_row(text=CZ)).encode("iso8859_2")),
        [*TABLE_FULL, "--encoding", "utf-8"],
        "t.csv: not a text CSV file: row 2: byte offset",
    ),
    "table unknown encoding": (
        _text("t.csv", FULL_HEADER + _csv_row()),
        [*TABLE_FULL, "--encoding", "klingon"],
        "t.csv: not a text CSV file: unknown encoding 'klingon'",
    ),
    "table UTF-16 without BOM": (
        _bytes("t.csv", (FULL_HEADER + _csv_row()).encode("utf-16-le")),
        TABLE_FULL,
        "t.csv: not a text file (UTF-16 without its byte-order mark",
    ),
    "table UTF-8 BOM then Latin-1": (
        _bytes("t.csv", b"\xef\xbb\xbf" + (FULL_HEADER + _csv_row(text="Né")).encode("latin-1")),
        TABLE_FULL,
        "t.csv: not a text CSV file: row 2: byte offset",
    ),
    "table UTF-16 BOM odd length": (
        _bytes("t.csv", b"\xff\xfe" + (FULL_HEADER + _csv_row()).encode("utf-16-le") + b"\x00"),
        TABLE_FULL,
        "t.csv: not a text CSV file: row 3",
    ),
    "table UTF-32 BOM garbage": (
        _bytes("t.csv", b"\xff\xfe\x00\x00" + b"\xff\xff\xff\xff"),
        TABLE_FULL,
        "t.csv: not a text CSV file: row 1",
    ),
    "table header only": (_text("t.csv", FULL_HEADER), TABLE_FULL, "t.csv: no recommendation found in the file"),
    "table blank rows only": (
        _text("t.csv", FULL_HEADER + ",,,,\n\n,,,,\n"),
        TABLE_FULL,
        "t.csv: no recommendation found in the file",
    ),
    "table BOM only": (_bytes("t.csv", b"\xef\xbb\xbf"), TABLE_FULL, "t.csv: not a text CSV file"),
    "table too many records": (
        _text("t.csv", FULL_HEADER + "".join(_csv_row(no=str(n)) for n in range(4))),
        TABLE_FULL,
        "t.csv: more than 3 records: split the file",
        {"rightstrack.ingest.pipeline.MAX_RECORDS_PER_FILE": 3},
    ),
    # any table (XLSX)
    "xlsx formula error": (
        _xlsx("t.xlsx", [["Recommendation", "State"], ["#DIV/0!", "Slovenia"]]),
        [*TABLE[:-1], "text=Recommendation,country=State"],
        "t.xlsx: row 2: column 'Recommendation': a formula error (#DIV/0!)",
    ),
    "xlsx too many archive entries": (
        _zip_entries(30),
        TABLE,
        "t.xlsx: refused: the archive holds",
        {"rightstrack.ingest.formats.base.MAX_ARCHIVE_ENTRIES": 20},
    ),
    "xlsx archive too large": (
        _xlsx("t.xlsx", [["Recommendation"], ["Adopt a law"]]),
        TABLE,
        "t.xlsx: refused: the archive would expand to",
        {"rightstrack.ingest.formats.base.MAX_WORKBOOK_BYTES": 1000},
    ),
    "xlsx header only": (
        _xlsx("t.xlsx", [["Recommendation", "State"]]),
        [*TABLE[:-1], "text=Recommendation,country=State"],
        "t.xlsx: no recommendation found in the file",
    ),
    # UPR Info
    "upr info NUL byte": (
        _text("upr.csv", UPR_INFO_HEADER + UPR_INFO_ROW.replace("OP-CAT", "OP-\x00CAT")),
        [],
        "upr.csv: row 2: field 'text': holds a NUL byte",
    ),
    "upr info 1 MB cell": (
        _text("upr.csv", UPR_INFO_HEADER + UPR_INFO_ROW.replace("OP-CAT", "x" * 1024**2)),
        [],
        "upr.csv: row 2: not readable as CSV",
    ),
    "upr info text too long": (
        _text("upr.csv", UPR_INFO_HEADER + UPR_INFO_ROW.replace("Ratify the OP-CAT", LONG_TEXT)),
        [],
        "upr.csv: row 2: field 'text': 59,999 characters",
    ),
    "upr info State too long": (
        _text("upr.csv", UPR_INFO_HEADER + UPR_INFO_ROW.replace("Slovenia", "S" * 600)),
        [],
        "upr.csv: row 2: field 'country': 600 characters",
    ),
    "upr info GB18030 short": (
        _bytes("upr.csv", (UPR_INFO_HEADER + UPR_INFO_ROW.replace("OP-CAT", ZH)).encode("gb18030")),
        [],
        "upr.csv: not UTF-8",
    ),
    "upr info unknown encoding": (
        _text("upr.csv", UPR_INFO_HEADER + UPR_INFO_ROW),
        ["--encoding", "klingon"],
        "upr.csv: unknown encoding 'klingon'",
    ),
    "upr info header only": (_text("upr.csv", UPR_INFO_HEADER), [], "upr.csv: no recommendation found in the file"),
    "upr info too many records": (
        _text("upr.csv", UPR_INFO_HEADER + "".join(UPR_INFO_ROW.replace("OP-CAT", f"OP-CAT {n}") for n in range(3))),
        [],
        "upr.csv: more than 2 records",
        {"rightstrack.ingest.pipeline.MAX_RECORDS_PER_FILE": 2},
    ),
    # rightstrack JSON
    "json nested 100,000 deep": (
        _text("records.json", '[{"text": "a", "mechanism": "UPR", "tags": ' + _deep(100_000) + "}]"),
        JSON,
        "records.json: refused: lists or objects nested more than 32 levels deep",
    ),
    "json nested 40 deep": (
        _json([_rec(comments=json.loads(_deep(40)))]),
        JSON,
        "records.json: refused: lists or objects nested more than 32 levels deep",
    ),
    "json text a number": (
        _json([_rec(text=5)]),
        JSON,
        "records.json: record 1: field 'text': expected text, found a number",
    ),
    "json text a list": (
        _json([_rec(text=["Ratify"])]),
        JSON,
        "records.json: record 1: field 'text': expected text, found a list",
    ),
    "json text an object": (
        _json([_rec(text={"en": "Ratify"})]),
        JSON,
        "records.json: record 1: field 'text': expected text, found an object",
    ),
    "json text null": (_json([_rec(text=None)]), JSON, "records.json: record 1: needs at least 'text' and 'mechanism'"),
    "json States a string": (
        _json([_rec(recommending_states="France")]),
        JSON,
        "records.json: record 1: field 'recommending_states': expected a list, found text",
    ),
    "json session a word": (
        _json([_rec(session="seven")]),
        JSON,
        "records.json: record 1: field 'session': expected a whole number, found text",
    ),
    "json tags a string": (
        _json([_rec(sdg_goals="16")]),
        JSON,
        "records.json: record 1: field 'sdg_goals': expected a list",
    ),
    "json translations a list": (
        _json([_rec(translations=["fr"])]),
        JSON,
        "records.json: record 1: field 'translations': expected an object",
    ),
    "json record a string": (
        _json(["Ratify the OP-CAT"]),
        JSON,
        "records.json: record 1: expected an object, found text",
    ),
    "json NUL byte": (
        _json([_rec(text="Ratify\x00 the OP-CAT")]),
        JSON,
        "records.json: record 1: field 'text': holds a NUL",
    ),
    "json 5 MB text": (
        _json([_rec(text="Ratify " * 750_000)]),
        JSON,
        "records.json: record 1: field 'text': 5,250,000 characters, more than the 50,000 allowed",
    ),
    "json paragraph too long": (
        _json([_rec(paragraph="1." * 20)]),
        JSON,
        "records.json: record 1: field 'paragraph': 40 characters",
    ),
    "json symbol too long": (
        _json([_rec(document_symbol="A/" * 60)]),
        JSON,
        "records.json: record 1: field 'document_symbol': 120 characters",
    ),
    "json subject too long": (
        _json([_rec(subject="S" * 400)]),
        JSON,
        "records.json: record 1: field 'subject': 400 characters",
    ),
    "json repeated paragraph": (
        _json([_rec(), _rec(paragraph="2", text="Other"), _rec(text="Again")]),
        JSON,
        "records.json: record 3: field 'paragraph': repeats paragraph 1 of A/HRC/1/1, already given by record 1",
    ),
    "json document title too long": (
        _text(
            "records.json",
            json.dumps(
                {
                    "documents": [{"symbol": "A/HRC/1/1", "mechanism": "UPR", "title": "T" * 600}],
                    "recommendations": [_rec()],
                }
            ),
        ),
        JSON,
        "records.json: document A/HRC/1/1: field 'title': 600 characters",
    ),
    "json invalid UTF-8": (
        _bytes("records.json", json.dumps([_rec(text="Né")], ensure_ascii=False).encode("latin-1")),
        JSON,
        "records.json: not a rightstrack JSON file",
    ),
    "json UTF-16": (
        _bytes("records.json", json.dumps([_rec()]).encode("utf-16")),
        JSON,
        "records.json: not a rightstrack JSON file",
    ),
    # UHRI JSON, both layouts
    "uhri json nested deep": (
        _text("uhri.json", '[{"OHCHR Annotation Id": "x", "Text": ' + _deep(100_000) + "}]"),
        ["--format", "uhri-json"],
        "uhri.json: record 1: refused: lists or objects nested more than 32",
    ),
    "uhri own json nested deep": (
        _text("uhri.json", '[{"AnnotationId": "x", "Symbol": "A", "Body": ' + _deep(100_000) + "}]"),
        ["--format", "uhri-json"],
        "uhri.json: record 1: refused: lists or objects nested",
    ),
    "uhri json text a number": (
        _uhri([_uhri_rec(Text=5)]),
        [],
        "uhri.json: record 1: Text: expected text, found a number",
    ),
    "uhri json text an object": (
        _uhri([_uhri_rec(Text={"p": "Ratify"})]),
        [],
        "uhri.json: record 1: Text: expected text, found an object",
    ),
    "uhri own json text a number": (
        _uhri([_ohchr(Text=4)]),
        [],
        "uhri.json: record 1: Text: expected text, found a number",
    ),
    "uhri json NUL byte": (
        _uhri([_uhri_rec(Text="121.1 Ratify\x00")]),
        [],
        "uhri.json: record 1: field 'text': holds a NUL",
    ),
    "uhri json symbol too long": (
        _uhri([_uhri_rec(**{"Document Symbol": "A/" * 60})]),
        [],
        "uhri.json: record 1: field 'document_symbol': 120 characters",
    ),
    "uhri json repeated annotation": (
        _uhri([_uhri_rec(), _uhri_rec(Text="121.2 Other")]),
        [],
        "uhri.json: record 2: field 'uhri_id': repeats UHRI annotation 0f1e2d3c-1, already given by record 1",
    ),
    "uhri json repeated paragraph": (
        _uhri([_uhri_rec(), _uhri_rec(**{"OHCHR Annotation Id": "0f1e2d3c-2"})]),
        [],
        "uhri.json: record 2: field 'paragraph': repeats paragraph 121.1 of A/HRC/43/15, already given by record 1",
    ),
    # UHRI spreadsheet
    "uhri xlsx formula error": (
        _xlsx("uhri.xlsx", [UHRI_HEADERS, _uhri_row(text="#REF!")]),
        [],
        "uhri.xlsx: row 2: column 'Text': a formula error (#REF!)",
    ),
    "uhri xlsx repeated paragraph": (
        _xlsx("uhri.xlsx", [UHRI_HEADERS, _uhri_row(), _uhri_row(annotation="0f1e2d3c-2")]),
        [],
        "uhri.xlsx: row 3: field 'paragraph': repeats paragraph 121.1 of A/HRC/43/15, already given by row 2",
    ),
    "uhri xlsx symbol too long": (
        _xlsx("uhri.xlsx", [UHRI_HEADERS, _uhri_row(symbol="A/" * 60)]),
        [],
        "uhri.xlsx: row 2: field 'document_symbol': 120 characters",
    ),
    # OHCHR Word list
    "docx text too long": (
        _ohchr_list_long_cell,
        ["--format", "ohchr-docx", "--country", "Slovenia", "--session", "34"],
        "list.docx: row 2: field 'text'",
    ),
    "docx too many archive entries": (
        _ohchr_list_long_cell,
        ["--format", "ohchr-docx"],
        "list.docx: refused: the archive holds",
        {"rightstrack.ingest.formats.base.MAX_ARCHIVE_ENTRIES": 5},
    ),
    # reports
    "report NUL byte": (
        _report(_in_recommendation("\x00")),
        ["--format", "wg-report"],
        "field 'text': holds a NUL byte",
    ),
    "report recommendation too long": (
        _report(_in_recommendation(LONG_TEXT)),
        ["--format", "wg-report"],
        "A_HRC_43_15.md: paragraph 121.1: field 'text': 60,0",
    ),
    "report symbol too long": (
        _report(lambda text: text),
        ["--format", "wg-report", "--document", "A/HRC/" + "9" * 100],
        "field 'document_symbol': 106 characters",
    ),
    "report UTF-16 odd length": (
        _bytes("report.txt", "\ufeffRecommendations".encode("utf-16-le") + b"\x00"),
        ["--format", "wg-report"],
        "report.txt: row 1",
    ),
    "co paragraph too long": (
        _text("co.txt", CO.format(text=LONG_TEXT)),
        ["--format", "concluding-observations"],
        "co.txt: paragraph 6: field 'text': 60,0",
    ),
    "co NUL byte": (
        _text("co.txt", CO.format(text="act\x00")),
        ["--format", "concluding-observations"],
        "co.txt: paragraph 6: field 'text': holds a NUL byte",
    ),
}


@pytest.mark.parametrize("case", MORE_CASES)
def test_more_bad_input_is_refused_clearly_and_changes_nothing(case, tmp_path, shared_data, monkeypatch):
    check_refused(MORE_CASES[case], tmp_path, shared_data, monkeypatch)
