"""CSV files as spreadsheet programs save them: UTF-16 with a byte-order mark (Excel's
"Unicode text", little or big endian), UTF-8 with a BOM ("CSV UTF-8"), and cells
separated by semicolons (Excel where the decimal mark is a comma: French, Spanish…) or
tabs. Both CSV readers (UPR Info exports and mapped tables) and auto-detection must
take them all; the rows are real UPR Info rows re-saved in each form."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from rightstrack.ingest.formats import table, upr_info
from rightstrack.ingest.formats.base import ParseError
from rightstrack.ingest.registry import detect_format
from rightstrack.recommendations.models import Recommendation

UTF8 = "upr-info/upr-info-sessions-1-17.utf8.csv"
ROWS = 250
ENCODINGS = {  # name: how to turn text into the file's bytes
    "utf-16-le": lambda text: b"\xff\xfe" + text.encode("utf-16-le"),
    "utf-16-be": lambda text: b"\xfe\xff" + text.encode("utf-16-be"),
    "utf-8-bom": lambda text: text.encode("utf-8-sig"),
    "utf-8": lambda text: text.encode("utf-8"),
}
DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t"}


@pytest.fixture(scope="module")
def rows(shared_data: Path) -> list[list[str]]:
    """The header, the first rows, and later rows whose cells hold semicolons or quotes."""
    with open(shared_data / UTF8, encoding="utf-8", newline="") as handle:
        every = list(csv.reader(handle))
    special = [row for row in every[ROWS + 1 :] if ";" in row[3]][:30] + [
        row for row in every[ROWS + 1 :] if '"' in row[3]
    ][:10]
    return every[: ROWS + 1] + special


def save(tmp_path: Path, rows: list[list[str]], encoding: str, delimiter: str, name: str = "upr.csv") -> Path:
    """The rows as a spreadsheet program writes them (CRLF, quotes only where needed)."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path = tmp_path / name
    path.write_bytes(ENCODINGS[encoding](out.getvalue()))
    return path


@pytest.mark.parametrize("delimiter", DELIMITERS)
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_upr_info_in_every_encoding_and_separator(tmp_path, shared_data, rows, encoding, delimiter):
    expected = list(upr_info.parse(save(tmp_path, rows, "utf-8", ",", name="plain.csv")))
    path = save(tmp_path, rows, encoding, DELIMITERS[delimiter])
    assert detect_format(path).name == "upr-info-csv"
    assert list(upr_info.parse(path)) == expected
    assert len(expected) > 200 and all(any(c in r.text for r in expected) for c in ',;"')


@pytest.mark.parametrize("delimiter", DELIMITERS)
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_table_rows_in_every_encoding_and_separator(tmp_path, rows, encoding, delimiter):
    path = save(tmp_path, rows, encoding, DELIMITERS[delimiter])
    assert list(table.read_rows(path)) == rows


def test_a_doubled_quote_does_not_fool_the_separator(tmp_path):
    # csv.Sniffer takes the comma after "plan"" for the separator of this file.
    rows = [["Recommandation", "Pays"], ['Adopter le "plan", enfin', "France"], ["Ratifier, vite", "Chili"]]
    path = save(tmp_path, rows, "utf-8", ";", name="plan.csv")
    assert path.read_bytes().decode().startswith('Recommandation;Pays\r\n"Adopter le ""plan"", enfin";')
    assert list(table.read_rows(path)) == rows


def test_one_column_and_quoted_header_cells(tmp_path):
    single = save(tmp_path, [["Recommendation"], ["Adopt a plan, soon; and fund it"]], "utf-8", ",", name="one.csv")
    assert list(table.read_rows(single)) == [["Recommendation"], ["Adopt a plan, soon; and fund it"]]
    quoted = save(tmp_path, [["No., para", "Text"], ["1", "Ratify"]], "utf-16-le", ";", name="quoted.csv")
    assert list(table.read_rows(quoted)) == [["No., para", "Text"], ["1", "Ratify"]]


def test_forced_encoding_still_wins_and_bad_utf16_is_reported(tmp_path, rows):
    path = save(tmp_path, rows[:3], "utf-16-le", ";")
    with pytest.raises(ParseError, match=r"upr\.csv: row 1: byte offset 0: not valid utf-8"):
        list(upr_info.parse(path, encoding="utf-8"))
    broken = tmp_path / "broken.csv"
    broken.write_bytes(path.read_bytes() + b"\x00")  # an odd number of bytes is no UTF-16
    with pytest.raises(ParseError, match=r"broken\.csv: .*not valid utf-16"):
        list(upr_info.parse(broken))
    with pytest.raises(ParseError, match=r"broken\.csv: not a text CSV file"):
        list(table.read_rows(broken))


@pytest.mark.django_db
@pytest.mark.parametrize("format_option", [[], ["--format", "upr-info-csv"]])
def test_import_command_takes_utf16_semicolon_exports(tmp_path, rows, format_option):
    path = save(tmp_path, rows, "utf-16-le", ";")
    err = io.StringIO()
    call_command("import", str(path), *format_option, stdout=io.StringIO(), stderr=err)
    assert Recommendation.objects.count() == len(list(upr_info.parse(path))), err.getvalue()


@pytest.mark.django_db
def test_table_format_takes_excel_unicode_text(tmp_path):
    rows = [["Recommandation", "Pays", "Réponse"], ["Ratifier le protocole, enfin", "Slovénie", "Accepted"]]
    path = save(tmp_path, rows, "utf-16-le", "\t", name="plan.csv")
    out = io.StringIO()
    call_command(
        "import",
        str(path),
        "--format",
        "table",
        "--mechanism",
        "UPR",
        "--country",
        "SVN",
        "--columns",
        "text=Recommandation,position=Réponse",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert out.getvalue() == "imported 1 new, 0 updated, 0 unchanged, 0 errors\n"
    assert Recommendation.objects.values_list("text", "position").get() == ("Ratifier le protocole, enfin", "supported")
