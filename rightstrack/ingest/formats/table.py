"""Any table (CSV or XLSX) with a column mapping: national spreadsheets.

A mapping names, for each rightstrack field, the column that holds it::

    text=Recommendation,country=State,paragraph=No.,position=Response,themes=Cluster

Fields: text (required), country, mechanism, paragraph, document_symbol, session, date,
type, position, position_source, recommending_states, subject, comments, and tag lists
themes, affected_persons, sdg_goals, sdg_targets, upr_info_issues, action_category.
List cells hold several values separated by ";", "|" or new lines. Positions accept
the words people write ("Accepted", "Supported", "Noted", "Partially accepted").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path

from rightstrack.core.limits import MAX_CELL_CHARS
from rightstrack.ingest.formats.base import ParseError, check_archive, position_word
from rightstrack.ingest.formats.encodings import decode
from rightstrack.ingest.records import ParsedRecommendation
from rightstrack.reference import choices as ref

SCALAR_FIELDS = {
    "text",
    "country",
    "mechanism",
    "paragraph",
    "document_symbol",
    "session",
    "date",
    "type",
    "position",
    "position_source",
    "recommending_states",
    "subject",
    "comments",
}
TAG_FIELDS = {
    "themes": ref.UHRI_THEMES,
    "affected_persons": ref.AFFECTED_PERSONS,
    "sdg_goals": ref.SDG_GOALS,
    "sdg_targets": ref.SDG_TARGETS,
    "upr_info_issues": ref.UPR_INFO_ISSUES,
    "action_category": ref.ACTION_CATEGORY,
}
_LIST_SPLIT = re.compile(r"\s*[;|\n]\s*")
_DELIMITERS = (",", ";", "\t")
_SNIFF_CHARS = 4096


def parse_mapping(text: str) -> dict[str, str]:
    """Read "field=Column,field=Column" into {field: column}; errors name the bad part."""
    mapping = {}
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        field, sep, column = part.partition("=")
        field = field.strip().replace("-", "_")
        if not sep or not column.strip():
            raise ParseError(f"column mapping: {part!r} is not field=Column")
        if field not in SCALAR_FIELDS and field not in TAG_FIELDS:
            raise ParseError(f"column mapping: unknown field {field!r}")
        mapping[field] = column.strip()
    if "text" not in mapping:
        raise ParseError("column mapping: the 'text' field needs a column (text=Column)")
    return mapping


def sniff_delimiter(text: str) -> str:
    """The separator of CSV text: the one of comma, semicolon and tab found in its header
    line (outside quotes) that splits the most of the next rows into as many cells as
    the header, then the one the header holds most often; a comma when the header holds
    none (one column).

    Excel writes semicolons where the decimal mark is a comma (French, Spanish, German…)
    and tabs in "Unicode text". The header leads because cells of text hold commas and
    semicolons freely; csv.Sniffer, which weighs the data rows alone, takes the comma of
    a doubled-quote cell such as ``"the ""plan"", at last";France`` for the separator.
    """
    head = text[:_SNIFF_CHARS].lstrip("\ufeff\r\n")
    unquoted = re.sub(r'"[^"]*"', "", head)  # a quoted name may hold any of them
    header = re.split(r"[\r\n]", unquoted, maxsplit=1)[0]
    found = [delimiter for delimiter in _DELIMITERS if delimiter in header]
    if len(found) < 2:
        return found[0] if found else ","

    def fit(delimiter: str) -> tuple[int, int]:
        rows = csv.reader(io.StringIO(head, newline=""), delimiter=delimiter)
        try:
            widths = [len(row) for row in rows]
        except csv.Error:
            return 0, 0
        if len(text) > _SNIFF_CHARS:
            widths.pop()  # the last row read may be cut short
        return sum(width == widths[0] for width in widths[1:]), header.count(delimiter)

    return max(found, key=fit)  # the first (comma) on a tie


def decode_csv(raw: bytes, name: str, encoding: str | None = None) -> str:
    """CSV bytes as text: the encoding given, else the one a byte-order mark announces
    (UTF-16 or UTF-8), else UTF-8, else the one detected with certainty
    (``formats.encodings``); ParseError naming the file if none fits."""
    try:
        return decode(raw, name, encoding)
    except ParseError as exc:
        problem = str(exc).removeprefix(f"{name}: ")
        if problem.startswith(("not a text", "not UTF-8")):
            raise
        raise ParseError(f"{name}: not a text CSV file: {problem}") from None


# What Excel stores in a cell whose formula failed; openpyxl reads it as this text.
EXCEL_ERRORS = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
    }
)


def check_cells(row: list, name: str, number: int, header: list | None = None) -> list:
    """Refuse a cell larger than MAX_CELL_CHARS or holding a formula error, naming the
    row and the column; return the row."""
    for index, cell in enumerate(row):
        if isinstance(cell, str) and (len(cell) > MAX_CELL_CHARS or cell in EXCEL_ERRORS):
            column = repr(str(header[index])) if header and index < len(header) else str(index + 1)
            problem = (
                f"a formula error ({cell}) instead of a value"
                if cell in EXCEL_ERRORS
                else f"a cell of {len(cell):,} characters, more than the {MAX_CELL_CHARS:,} allowed"
            )
            raise ParseError(f"{name}: row {number}: column {column}: {problem}")
    return row


def read_rows(path: Path, encoding: str | None = None) -> Iterator[list]:
    """The rows of a CSV (UTF-8, UTF-16 with its byte-order mark, or a legacy encoding
    given or detected with certainty; comma, semicolon or tab as separator) or of an
    XLSX file's first sheet, header included; ParseError naming the file (and the row)
    if unreadable, or if a cell is too large or a formula error (``check_cells``)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        check_archive(path)
        try:
            sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        except Exception as exc:
            raise ParseError(f"{path.name}: not a readable .xlsx file ({exc})") from None
        header = None
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = check_cells(["" if v is None else v for v in row], path.name, number, header)
            header = header or cells
            yield cells
        return
    text = decode_csv(path.read_bytes(), path.name, encoding)
    if not text:
        raise ParseError(f"{path.name}: not a text CSV file")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    header = None
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader, None)
        except csv.Error as exc:  # a cell over the csv module's limit, a stray quote…
            raise ParseError(f"{path.name}: row {line}: not readable as CSV ({exc})") from None
        if row is None:
            return
        yield check_cells(row, path.name, line, header)
        header = header or row


def _cell_date(value, where: str) -> dt.date | None:
    if value in ("", None):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d %B %Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ParseError(f"{where}: field 'date': {text!r} is not a date (use YYYY-MM-DD)")


def _record(values: dict, mechanism: str | None, name: str, number: int) -> ParsedRecommendation:
    where = f"{name}: row {number}"

    def get(name):
        value = values.get(name, "")
        return value.strip() if isinstance(value, str) else value

    try:
        position = position_word(str(get("position") or ""))
    except KeyError:
        raise ParseError(
            f"{where}: field 'position': {get('position')!r} (use Supported, Noted or Partially supported)"
        ) from None
    session = get("session")
    try:
        session = int(session) if session not in ("", None) else None
    except (TypeError, ValueError):
        raise ParseError(f"{where}: field 'session': {session!r} is not a number") from None
    tags = {slug: [v for v in _LIST_SPLIT.split(str(get(f) or "")) if v] for f, slug in TAG_FIELDS.items() if get(f)}
    return ParsedRecommendation(
        text=str(get("text") or ""),
        mechanism=str(get("mechanism") or mechanism or ""),
        country=str(get("country") or "") or None,
        paragraph=str(get("paragraph") or ""),
        document_symbol=str(get("document_symbol") or ""),
        session=session,
        date=_cell_date(get("date"), where),
        type=str(get("type") or "recommendation").casefold(),
        position=position,
        position_source=str(get("position_source") or ""),
        recommending_states=[v for v in _LIST_SPLIT.split(str(get("recommending_states") or "")) if v],
        tags=tags,
        subject=str(get("subject") or ""),
        comments=str(get("comments") or ""),
        location=f"row {number}",
    )


def parse(
    path: str | Path, *, mapping: dict[str, str], mechanism: str | None = None, encoding: str | None = None
) -> Iterator[ParsedRecommendation]:
    """Yield one record per non-empty row; the first row holds the column names."""
    path = Path(path)
    rows = read_rows(path, encoding)
    header = [str(h).strip() for h in next(rows, [])]
    missing = [column for column in mapping.values() if column not in header]
    if missing:
        raise ParseError(f"{path.name}: no column named {missing[0]!r} (columns: {', '.join(header)})")
    index = {field: header.index(column) for field, column in mapping.items()}
    for number, row in enumerate(rows, start=2):
        if not any(str(v).strip() for v in row):
            continue
        values = {field: (row[i] if i < len(row) else "") for field, i in index.items()}
        yield _record(values, mechanism, path.name, number)
