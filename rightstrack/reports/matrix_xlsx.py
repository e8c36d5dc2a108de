"""The OHCHR matrix as an Excel workbook, and reading it back when a ministry filled it in.

``write`` puts one row per recommendation with every field the matrix holds, under a
title, an "as of" line and a header row at a fixed place (``HEADER_ROW``): filters,
frozen header, wrapped text, right to left in Arabic, printable (landscape, fit to
width, the header repeated on every page). The last column is the assessment, the
same text the Word matrix writes, for the ministries to complete.

A very hidden sheet ``rightstrack`` records, per row, the recommendation's id, its
paragraph and document and the assessment exactly as written. ``is_matrix`` looks for
that record, ``read`` matches each visible row to it by the id the row shows, so rows
re-sorted or filtered in Excel or LibreOffice still come back to the right
recommendation (``matrix_return`` turns the changed cells into draft progress reports).
"""

from __future__ import annotations

import math
import re
import zipfile
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from rightstrack.core.spreadsheet import looks_like_formula
from rightstrack.reports.matrix import Matrix, ReturnedCell, Row, long_date, subtitle

RECORD_SHEET = "rightstrack"
MARKER = "rightstrack matrix"
VERSION = 1
HEADER_ROW = 4  # title, "as of", filters, then the table: the record says where it starts
EXCEL_CELL_MAX = 32_767  # characters (UTF-16 units) an Excel cell holds
# An assessment is cut shorter than that, so a ministry can still add to the cell.
ASSESSMENT_MAX = 30_000


def _columns() -> list[tuple[str, str, int]]:
    """(key, translated heading, width) of the table's columns, in order; call under
    ``override(language)``. The keys id, paragraph, document and assessment are what
    the return trip reads."""
    return [
        ("id", _("Id"), 6),
        ("paragraph", _("Paragraph"), 10),
        ("document", _("Document"), 15),
        ("mechanism", _("Mechanism"), 11),
        ("country", _("State under review"), 11),
        ("text", _("Recommendation"), 48),
        ("states", _("Recommending States"), 15),
        ("position", _("Position"), 10),
        ("position_source", _("Source of position"), 17),
        ("themes", _("Themes"), 24),
        ("sdgs", _("SDGs"), 22),
        ("affected", _("Affected persons"), 18),
        ("status", _("Implementation status"), 15),
        ("lead", _("Lead entity"), 18),
        ("supporting", _("Supporting entities"), 18),
        ("actions", _("Actions"), 28),
        ("indicators", _("Indicators"), 22),
        ("last_update", _("Last validated update"), 12),
        ("assessment", _("Assessment/comments on level of implementation"), 55),
    ]


RETURN_KEYS = ("id", "paragraph", "document", "assessment")


def write(matrix: Matrix, out: str | Path | IO[bytes]) -> None:
    """Write ``matrix`` as an .xlsx workbook to a path or a binary stream."""
    from openpyxl import Workbook

    with override(matrix.language):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _sheet_title(_("Matrix"))
        columns = _columns()
        rows = [row for _theme, group in matrix.groups() for row in group]
        _write_table(sheet, matrix, columns, rows)
        record = workbook.create_sheet(RECORD_SHEET)
        _write_record(record, sheet.title, columns, rows)
        record.sheet_state = "veryHidden"
        workbook.active = 0
        workbook.properties.title = matrix.title
        workbook.properties.creator = "rightstrack"
        workbook.save(out)


def _write_table(sheet, matrix: Matrix, columns, rows: list[Row]) -> None:
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
    from openpyxl.utils import get_column_letter

    top = Alignment(wrap_text=True, vertical="top", readingOrder=2 if matrix.rtl else 0)
    as_of = _("As of %(date)s") % {"date": long_date(matrix.as_of)}
    count = ngettext("%(count)s recommendation", "%(count)s recommendations", len(rows)) % {"count": len(rows)}
    # Aligned to the sheet's outer edge, so the lines run on over the next columns
    # (a Latin name in an Arabic sheet would otherwise run off it).
    above = Alignment(horizontal="right" if matrix.rtl else "left", readingOrder=2 if matrix.rtl else 1)
    for number, (text, font) in enumerate(
        [
            (matrix.title, Font(bold=True, size=14)),
            (f"{as_of} · {count}", Font(bold=True)),
            (subtitle(matrix), Font(italic=True)),
        ],
        start=1,
    ):
        cell = _text(sheet.cell(number, 1), text)
        cell.font, cell.alignment = font, above

    thin = Side(style="thin", color="A6A6A6")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="DCE6F1")
    to_fill = PatternFill("solid", fgColor="FFF2CC")
    for number, (key, heading, width) in enumerate(columns, start=1):
        cell = _text(sheet.cell(HEADER_ROW, number), heading)
        cell.font = Font(bold=True)
        cell.fill = to_fill if key == "assessment" else fill  # the column to fill in
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = border
        sheet.column_dimensions[get_column_letter(number)].width = width
    widths = [width for _key, _heading, width in columns]
    sheet.row_dimensions[1].height = 21
    # Headings are bold and break at words: count fewer characters a line.
    sheet.row_dimensions[HEADER_ROW].height = _height([heading for _key, heading, _width in columns], widths, 0.9)

    # One named style for every table cell: assigning the alignment and the border
    # cell by cell made openpyxl hash them 19 times a row (2.5 times slower).
    body = NamedStyle(name="rightstrack matrix cell", alignment=top, border=border)
    sheet.parent.add_named_style(body)
    keys = [key for key, _heading, _width in columns]
    for offset, row in enumerate(rows, start=1):
        values = _values(row)
        for number, key in enumerate(keys, start=1):
            cell = sheet.cell(HEADER_ROW + offset, number)
            cell.style = body.name  # first: the date format and the quote prefix go over it
            value = values[key]
            if key == "id" or (key == "last_update" and value is not None):
                cell.value = value
                if key == "last_update":
                    cell.number_format = "yyyy-mm-dd"
            else:
                _text(cell, value, limit=ASSESSMENT_MAX if key == "assessment" else EXCEL_CELL_MAX)
        # Neither Excel nor LibreOffice grows a row to its wrapped text on opening a
        # file that does not say how high it is.
        sheet.row_dimensions[HEADER_ROW + offset].height = _height([values[key] for key in keys], widths)

    last_row = HEADER_ROW + max(len(rows), 1)
    last_column = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last_column}{last_row}"
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"  # the header, and the id and paragraph at the side
    sheet.sheet_view.rightToLeft = matrix.rtl
    _print_setup(sheet, matrix, as_of, f"A1:{last_column}{last_row}")


def _height(values: list, widths: list[int], per_unit: float = 1.15) -> float:
    """Points a row needs to show its wrapped cells whole (an estimate: ``per_unit``
    characters per unit of column width, 15 points a line, Excel's 409 at most)."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if isinstance(value, str) and value:
            lines = max(lines, sum(max(1, math.ceil(len(line) / (width * per_unit - 1))) for line in value.split("\n")))
    return min(15.0 * lines + 3, 409.0)


def _print_setup(sheet, matrix: Matrix, as_of: str, area: str) -> None:
    """Landscape A3, the width of one page, the header row repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A3
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_area = area
    sheet.print_options.gridLines = False
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    # Header and footer text is a format string ("&" starts a code: &P the page, &N
    # the pages) of at most 255 characters in all.
    sheet.oddHeader.left.text = matrix.title[:150].replace("&", "&&")
    sheet.oddHeader.right.text = as_of.replace("&", "&&")
    sheet.oddFooter.right.text = _("Page %(page)s of %(pages)s") % {"page": "&P", "pages": "&N"}


def _values(row: Row) -> dict:
    """The cell values of a row, by column key (lists one value per line)."""
    lines = "\n".join
    return {
        "id": row.id,
        "paragraph": row.paragraph,
        "document": row.document,
        "mechanism": row.mechanism,
        "country": row.country,
        "text": row.text,
        "states": lines(row.states),
        "position": row.position,
        "position_source": row.position_source,
        "themes": lines(row.themes),
        "sdgs": lines(row.sdgs),
        "affected": lines(row.affected),
        "status": row.status,
        "lead": lines(row.lead),
        "supporting": lines(row.supporting),
        "actions": lines(row.actions),
        "indicators": lines(row.indicators),
        "last_update": row.last_update,
        "assessment": row.assessment,
    }


def _write_record(sheet, visible: str, columns, rows: list[Row]) -> None:
    """The return trip's record (see the module docstring): where the table is, the
    headings of the columns read back, then per row its sheet row, id, paragraph,
    document and assessment as the visible cell holds it."""
    headings = dict((key, heading) for key, heading, _width in columns)
    sheet.append([MARKER, VERSION, visible, HEADER_ROW])
    sheet.append(["columns", *(headings[key] for key in RETURN_KEYS)])
    sheet.append(["row", *RETURN_KEYS])
    for offset, row in enumerate(rows, start=1):
        number = 3 + offset
        sheet.cell(number, 1, HEADER_ROW + offset)
        sheet.cell(number, 2, row.id)
        _text(sheet.cell(number, 3), row.paragraph)
        _text(sheet.cell(number, 4), row.document)
        _text(sheet.cell(number, 5), row.assessment, limit=ASSESSMENT_MAX)
    for number in (1, 2, 3):
        for cell in sheet[number]:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def _text(cell, value, *, limit: int = EXCEL_CELL_MAX):
    """Put ``value`` in ``cell`` as text, never as a formula, cut to what a cell holds."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))
    cell.value = fit(text, limit)
    cell.data_type = "s"  # openpyxl takes a text starting with "=" for a formula
    if looks_like_formula(text):
        cell.quotePrefix = True  # and Excel keeps it text when someone edits the cell
    return cell


def fit(text: str, limit: int = EXCEL_CELL_MAX) -> str:
    """``text``, or its beginning and a note saying how much was cut when it is longer
    than ``limit`` UTF-16 units (Excel's measure of a cell)."""
    if _units(text) <= limit:
        return text
    head = text[:limit]
    while True:
        note = "\n" + _("[… %(count)s more characters: the full text is in rightstrack]") % {
            "count": len(text) - len(head)
        }
        excess = _units(head) + _units(note) - limit
        if excess <= 0:
            return head + note
        head = head[:-excess]


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _sheet_title(title: str) -> str:
    """A name Excel accepts for a sheet: none of []:*?/\\, at most 31 characters."""
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in title).strip(" '")[:31]
    return cleaned if cleaned and cleaned.lower() != RECORD_SHEET else "Matrix"


# --- reading back --------------------------------------------------------------------


def is_matrix(path: str | Path) -> bool:
    """True for an .xlsx workbook holding the record rightstrack writes into its matrix."""
    workbook = None
    try:
        if not _lists_record_sheet(Path(path)):
            return False
        workbook = _open(Path(path))
        return _header(workbook) is not None
    except Exception:  # unreadable or damaged: simply not ours
        return False
    finally:
        if workbook is not None:
            workbook.close()


_RECORD_SHEET_TAG = re.compile(rb'<(?:\w+:)?sheet\b[^>]*\bname="' + RECORD_SHEET.encode() + rb'"')


def _lists_record_sheet(path: Path) -> bool:
    """Whether the workbook's list of sheets names the record sheet: read from the
    small ``xl/workbook.xml`` alone, because every .xlsx import asks (opening a
    400 MB UHRI export with openpyxl would load its shared strings first)."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("xl/workbook.xml")
            if info.file_size > 10 * 1024 * 1024:
                return False
            return bool(_RECORD_SHEET_TAG.search(archive.read(info)))
    except (zipfile.BadZipFile, OSError, KeyError):
        return False


def read(path: str | Path) -> list[ReturnedCell]:
    """The assessment cells of a matrix rightstrack wrote, one per data row of its
    table, each with the text rightstrack wrote there (matched by the id the row shows,
    so rows may have been re-sorted or filtered). ParseError naming the file, the row
    and the field on what it cannot read."""
    from rightstrack.ingest.formats.base import ParseError, check_archive

    path = Path(path)
    check_archive(path)
    try:
        workbook = _open(path)
    except Exception as exc:  # openpyxl raises zip, XML and key errors for bad files
        raise ParseError(f"{path.name}: not a readable .xlsx workbook ({exc})") from exc
    try:
        header = _header(workbook)
        if header is None:
            raise ParseError(f"{path.name}: not a matrix written by rightstrack (no '{RECORD_SHEET}' record sheet)")
        visible, header_row, headings = header
        by_id, by_place = _record(workbook[RECORD_SHEET], path.name)
        sheet = _visible_sheet(workbook, visible, path.name)
        return list(_cells(sheet, header_row, headings, by_id, by_place, path.name))
    finally:
        workbook.close()


def _open(path: Path):
    import openpyxl

    if path.suffix.lower() != ".xlsx":
        raise ValueError("not an .xlsx file")
    return openpyxl.load_workbook(path, read_only=True, data_only=True)


def _header(workbook) -> tuple[str, int, list[str]] | None:
    """(visible sheet name, header row, headings of the columns read back) from the
    record, or None when the workbook holds no record."""
    if RECORD_SHEET not in workbook.sheetnames:
        return None
    sheet = workbook[RECORD_SHEET]
    sheet.reset_dimensions()
    first = list(sheet.iter_rows(min_row=1, max_row=2, values_only=True))
    if len(first) < 2 or not first[0] or first[0][0] != MARKER:
        return None
    try:
        header_row = int(first[0][3])
    except (TypeError, ValueError, IndexError):
        header_row = HEADER_ROW
    headings = [str(value or "") for value in first[1][1 : 1 + len(RETURN_KEYS)]]
    return str(first[0][2] or ""), header_row, headings


def _record(sheet, name: str) -> tuple[dict[int, tuple], dict[tuple[str, str], list[tuple]]]:
    """The rows as written: by id, and by (paragraph, document)."""
    by_id: dict[int, tuple] = {}
    by_place: dict[tuple[str, str], list[tuple]] = {}
    for values in sheet.iter_rows(min_row=4, values_only=True):
        values = (tuple(values) + (None,) * 5)[:5]
        if all(value in (None, "") for value in values):
            continue
        identifier = _integer(values[1])
        if identifier is None:
            continue  # damaged by hand: that row is matched by its paragraph, or drafts its whole cell
        entry = (identifier, _string(values[2]), _string(values[3]), _string(values[4]))
        by_id[identifier] = entry
        by_place.setdefault(entry[1:3], []).append(entry)
    return by_id, by_place


def _visible_sheet(workbook, name: str, filename: str):
    from rightstrack.ingest.formats.base import ParseError

    if name in workbook.sheetnames:
        return workbook[name]
    shown = [sheet for sheet in workbook.worksheets if sheet.title != RECORD_SHEET and sheet.sheet_state == "visible"]
    if not shown:
        raise ParseError(f"{filename}: the matrix sheet '{name}' is missing")
    return shown[0]


def _cells(sheet, header_row: int, headings: list[str], by_id, by_place, filename: str):
    """ReturnedCell per data row of the visible table."""
    from rightstrack.ingest.formats.base import ParseError

    sheet.reset_dimensions()
    rows = sheet.iter_rows(min_row=1, values_only=True)
    where = _find_header(rows, header_row, headings)
    if where is None:
        raise ParseError(
            f"{filename}: sheet '{sheet.title}': the table's header row is missing "
            f"(the columns '{headings[0]}' and '{headings[-1]}' were expected around row {header_row})"
        )
    header_number, place = where
    for number, values in enumerate(rows, start=header_number + 1):
        cell = dict((key, values[index] if index < len(values) else None) for key, index in place.items())
        shown_id, paragraph = cell["id"], _string(cell["paragraph"])
        document, text = _string(cell["document"]), _string(cell["assessment"])
        if shown_id in (None, "") and not paragraph and not document and not text:
            continue  # an empty row (or notes beside the table)
        identifier = _integer(shown_id)
        if shown_id not in (None, "") and identifier is None:
            raise ParseError(
                f"{filename}: sheet '{sheet.title}' row {number}: column '{headings[0]}': "
                f"{shown_id!r} is not a recommendation id"
            )
        entry = by_id.get(identifier) if identifier is not None else None
        if entry is None and identifier is None:
            # The id was cleared: the record still knows the row by paragraph and document.
            matches = by_place.get((paragraph, document), [])
            entry = matches[0] if len(matches) == 1 else None
        yield ReturnedCell(
            location=f"sheet '{sheet.title}' row {number}",
            id=identifier if identifier is not None else (entry[0] if entry else None),
            paragraph=paragraph,
            document=document,
            text=text,
            written=entry[3] if entry else None,
        )


def _find_header(rows, header_row: int, headings: list[str]):
    """(row number, {key: column index}) of the header row: the recorded one, or the
    first of the top rows holding the recorded headings (rows may have been inserted
    above, columns moved)."""
    wanted = {heading.strip(): key for key, heading in zip(RETURN_KEYS, headings, strict=False)}
    for number, values in enumerate(rows, start=1):
        place = {}
        for index, value in enumerate(values):
            key = wanted.get(_string(value))
            if key is not None and key not in place:
                place[key] = index
        if len(place) == len(RETURN_KEYS):
            return number, place
        if number >= header_row + 20:
            return None
    return None


def _string(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _integer(value) -> int | None:
    if isinstance(value, bool) or value in (None, ""):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = str(value).strip()
    return int(text) if text.isdigit() else None
