"""The bad-input corpus: every case gets a clear error naming the file (and the row or
paragraph and field where there is one), a non-zero exit, and an unchanged database."""

import io
import json
import zipfile

import docx
import pytest
from django.core.management import call_command

from rightstrack.recommendations.models import Document, Recommendation, TagAssignment, Translation
from rightstrack.reference.models import Term

pytestmark = pytest.mark.django_db

UPR_INFO_HEADER = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\n"
UPR_INFO_ROW = 'Slovenia,EEG,EU,"Ratify the OP-CAT",France,WEOG,EU,Accepted,5,"Torture and other CID treatment",7\n'


def _text(name, content):
    def build(tmp, shared):
        path = tmp / name
        path.write_text(content, encoding="utf-8")
        return [path]

    return build


def _bytes(name, content):
    def build(tmp, shared):
        path = tmp / name
        path.write_bytes(content)
        return [path]

    return build


def _json(records):
    return _text("records.json", json.dumps(records))


def _rec(**changes):
    return {
        "text": "Ratify the OP-CAT",
        "mechanism": "UPR",
        "country": "SVN",
        "paragraph": "1",
        "document_symbol": "A/HRC/1/1",
        **changes,
    }


def _truncated_docx(tmp, shared):
    path = tmp / "list.docx"
    path.write_bytes(
        (shared / "ohchr-lists" / "UPR34_Slovenia_Thematic_list_of_Recommendations.docx").read_bytes()[:3000]
    )
    return [path]


def _zip_bomb(tmp, shared):
    path = tmp / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    return [path]


def _docx_without_table(tmp, shared):
    path = tmp / "memo.docx"
    document = docx.Document()
    document.add_paragraph("Minutes of the NMRF meeting")
    document.save(path)
    return [path]


def _docx_bad_position(tmp, shared):
    path = tmp / "list.docx"
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Recommendation", "Position"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "1.1 Ratify the OP-CAT (France);", "Maybe"
    document.save(path)
    return [path]


def _mac_roman_upr_info(tmp, shared):
    path = tmp / "upr.csv"
    path.write_bytes((UPR_INFO_HEADER + UPR_INFO_ROW.replace("OP-CAT", "OP-CAT \u2013 in full")).encode("mac_roman"))
    return [path]


def _report_without_recommendations(tmp, shared):
    text = (shared / "wg-reports" / "A_HRC_43_15_Working_Group_Report.md").read_text(encoding="utf-8")
    cut = text.rindex("Conclusions and/or recommendations")
    path = tmp / "A_HRC_43_15.md"
    path.write_text(text[:cut], encoding="utf-8")
    return [path]


def _co_unknown_body(tmp, shared):
    return _text(
        "co.txt",
        "United Nations\nXYZ/C/SVN/CO/1\nConcluding observations on the initial report of Slovenia\n"
        "C. Principal subjects of concern and recommendations\n5. The State party should act.\n",
    )(tmp, shared)


TABLE = [
    "--format",
    "table",
    "--mechanism",
    "UPR",
    "--columns",
    "text=Recommendation,country=State,date=Date,session=Session,position=Response",
]
TABLE_HEADER = "Recommendation,State,Date,Session,Response\n"

CASES = {
    # generic
    "missing file": (lambda tmp, shared: [tmp / "nowhere.csv"], [], "nowhere.csv: no such file"),
    "empty file": (_bytes("empty.csv", b""), [], "empty.csv: the file is empty"),
    "binary junk": (_bytes("junk.bin", bytes(range(256)) * 40), [], "junk.bin: not a format rightstrack recognises"),
    "prose": (
        _text("notes.txt", "Some notes about a meeting.\n"),
        [],
        "notes.txt: not a format rightstrack recognises",
    ),
    "table without mapping": (
        _text("t.csv", "a,b\n1,2\n"),
        ["--format", "table"],
        "t.csv: the table format needs a column mapping",
    ),
    "unknown country option": (
        _text("t.csv", TABLE_HEADER),
        [*TABLE, "--country", "XXX"],
        "--country: unknown State: 'XXX'",
    ),
    "wrong format forced": (
        _text("t.csv", TABLE_HEADER),
        ["--format", "ohchr-docx"],
        "t.csv: a damaged or truncated Office/ZIP file",
    ),
    # Word lists
    "truncated docx": (_truncated_docx, [], "list.docx: a damaged or truncated Office/ZIP file"),
    # refused by its size before its ratio (ingest/tests/test_archive_limits.py tests both)
    "zip bomb": (_zip_bomb, ["--format", "ohchr-docx"], "bomb.docx: refused: word/document.xml would expand to"),
    "docx without table": (
        _docx_without_table,
        ["--format", "ohchr-docx"],
        "memo.docx: no table with a 'Recommendation' column",
    ),
    "docx bad position": (_docx_bad_position, [], "list.docx: row 2: position"),
    # any table
    "table missing column": (_text("t.csv", "Recommendation,Country\nx,y\n"), TABLE, "t.csv: no column named 'State'"),
    "table unknown State": (
        _text("t.csv", TABLE_HEADER + "Adopt a law,Gondor,,,\n"),
        TABLE,
        "t.csv: row 2: field 'country': unknown State: 'Gondor'",
    ),
    "table bad position": (
        _text("t.csv", TABLE_HEADER + "Adopt a law,Slovenia,,,Perhaps\n"),
        TABLE,
        "t.csv: row 2: field 'position'",
    ),
    "table bad date": (
        _text("t.csv", TABLE_HEADER + "Adopt a law,Slovenia,31/31/2020,,\n"),
        TABLE,
        "t.csv: row 2: field 'date'",
    ),
    "table bad session": (
        _text("t.csv", TABLE_HEADER + "Adopt a law,Slovenia,,seven,\n"),
        TABLE,
        "t.csv: row 2: field 'session'",
    ),
    "table session out of range": (
        _text("t.csv", TABLE_HEADER + "Adopt a law,Slovenia,,99,\n"),
        TABLE,
        "t.csv: row 2: field 'session': unknown UPR session 99",
    ),
    "table empty text": (_text("t.csv", TABLE_HEADER + ",Slovenia,,,\n"), TABLE, "t.csv: row 2: field 'text': empty"),
    "table no mechanism": (
        _text("t.csv", "Recommendation\nAdopt a law\n"),
        ["--format", "table", "--columns", "text=Recommendation"],
        "t.csv: row 2: field 'mechanism': no mechanism given",
    ),
    "table unknown mechanism": (
        _text("t.csv", "Recommendation,Body\nAdopt a law,ILO\n"),
        ["--format", "table", "--columns", "text=Recommendation,mechanism=Body"],
        "t.csv: row 2: field 'mechanism': unknown mechanism: 'ILO'",
    ),
    "xlsx that is not one": (
        _text("t.xlsx", "not a spreadsheet"),
        TABLE,
        "t.xlsx: a damaged or truncated Office/ZIP file",
    ),
    # rightstrack JSON
    "invalid json": (
        _text("records.json", '[{"text": "Ratify", "mechanism": "UPR"'),
        ["--format", "rightstrack-json"],
        "records.json: not a rightstrack JSON file",
    ),
    "json object": (
        _text("records.json", '{"text": 1, "mechanism": "UPR"}'),
        ["--format", "rightstrack-json"],
        "records.json: expected a list of recommendations",
    ),
    "json without text": (
        _json([{"mechanism": "UPR", "text": ""}]),
        ["--format", "rightstrack-json"],
        "records.json: record 1: needs at least 'text' and 'mechanism'",
    ),
    "json unknown SDG": (_json([_rec(sdg_goals=[18])]), [], "records.json: record 1: unknown term in sdg-goals: '18'"),
    "json bad type": (_json([_rec(type="wish")]), [], "records.json: record 1: field 'type': 'wish'"),
    "json bad date": (_json([_rec(date="19/12/2019")]), [], "records.json: record 1: field 'date'"),
    "json bad position": (
        _json([_rec(position="accepted")]),
        [],
        "records.json: record 1: field 'position': 'accepted'",
    ),
    "json second record bad": (
        _json([_rec(), _rec(paragraph="2", country="Gondor")]),
        [],
        "records.json: record 2: field 'country': unknown State: 'Gondor'",
    ),
    # UPR Info
    "upr info missing column": (
        _text("upr.csv", UPR_INFO_HEADER.replace(",Session", "") + UPR_INFO_ROW.rsplit(",", 1)[0] + "\n"),
        ["--format", "upr-info-csv"],
        "upr.csv: row 1: missing column 'Session'",
    ),
    "upr info bad session": (
        _text("upr.csv", UPR_INFO_HEADER + UPR_INFO_ROW.replace(",7\n", ",seven\n")),
        [],
        "upr.csv: row 2",
    ),
    "upr info bad action": (
        _text("upr.csv", UPR_INFO_HEADER + UPR_INFO_ROW.replace(",5,", ",9,")),
        [],
        "upr.csv: row 2",
    ),
    "upr info unknown State": (
        _text("upr.csv", UPR_INFO_HEADER + UPR_INFO_ROW.replace("Slovenia", "Gondor")),
        [],
        "upr.csv: row 2: field 'country': unknown State: 'Gondor'",
    ),
    "upr info wrong encoding": (_mac_roman_upr_info, ["--encoding", "utf-8"], "upr.csv: row 2"),
    # reports
    "report without recommendations": (_report_without_recommendations, ["--format", "wg-report"], "A_HRC_43_15.md"),
    "co unknown treaty body": (_co_unknown_body, ["--format", "concluding-observations"], "co.txt"),
}


def _snapshot():
    return [m.objects.count() for m in (Recommendation, Document, TagAssignment, Translation, Term)]


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_refused_clearly_and_changes_nothing(case, tmp_path, shared_data, monkeypatch):
    check_refused(CASES[case], tmp_path, shared_data, monkeypatch)


def _existing():
    from rightstrack.ingest.records import ParsedRecommendation
    from rightstrack.ingest.services import import_records

    import_records(
        [
            ParsedRecommendation(
                text=f"Ratify the Optional Protocol number {n}",
                mechanism="UPR",
                country="Slovenia",
                paragraph=f"115.{n}",
                document_symbol="A/HRC/28/15",
                session=20,
                position="supported",
                translations={"fr": f"Ratifier le protocole {n}"},
                tags={"uhri-themes": ["Torture and other cruel, inhuman or degrading treatment"]},
            )
            for n in (1, 2, 3)
        ],
        source="earlier.csv",
        kind="table",
    )
    assert (
        Recommendation.objects.count() == 3 and TagAssignment.objects.count() == 3 and Translation.objects.count() == 3
    )


def check_refused(case, tmp_path, shared_data, monkeypatch):
    """Import the case's files: exit 1, its message on stderr, the database unchanged.
    A fourth item maps "module.ATTRIBUTE" to a lower limit, so a limit is tested on a
    small file."""
    build, options, message, *patches = case
    # Recommendations already there (with a document, tags and a translation) must survive
    # every failed import untouched. Written directly: importing a real list first would
    # cost a second per case.
    _existing()
    before = _snapshot()
    paths = [str(p) for p in build(tmp_path, shared_data)]
    for target, value in (patches[0] if patches else {}).items():
        monkeypatch.setattr(target, value)
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import", *paths, *options, stdout=io.StringIO(), stderr=err)
    assert exit_info.value.code == 1
    assert message in err.getvalue(), err.getvalue()
    assert _snapshot() == before


def test_the_corpus_is_large_enough():
    from rightstrack.ingest.tests.test_bad_input_more import MORE_CASES

    assert len(CASES) + len(MORE_CASES) >= 80
