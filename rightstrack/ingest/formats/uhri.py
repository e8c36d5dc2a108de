"""The Universal Human Rights Index (UHRI) full export, as .xlsx or .json.

OHCHR publishes every annotated recommendation of the UPR, the treaty bodies and the
special procedures (about 250,000 records) as ``export-full-en.xlsx`` and ``.json``.
The spreadsheet has one row per record under 16 headers, two of them misspelled by
OHCHR (``Reccomending Body``, ``UPR Reccomending States``). Cells holding several values
put one per line, each line starting with ``- ``. A JSON list of objects keyed like these
headers (what rightstrack's own UHRI-layout export writes) is read here too, a value
with several items being ``- `` lines or a list. OHCHR's own daily JSON has keys of its
own (``AnnotationId``, ``Body``, ``UprPositions``, …) and HTML in its texts: the first
object's keys tell the two JSON layouts apart, and :mod:`.uhri_json` maps OHCHR's.

Whatever the layout, a record that has a Themes, Affected Persons or Sdgs field gives
its taxonomy tags even when the field is empty (the source says "none"); see ``read_tags``.

Both files are read as streams (openpyxl read-only rows, ``ijson`` items), one record
at a time, so a 400 MB export needs bounded memory. Records are yielded as they are
read: a bad record raises :class:`ParseError` after the ones before it were yielded,
so the caller must import in one transaction (the ingest service does).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from rightstrack.core.limits import MAX_JSON_DEPTH, kind_of
from rightstrack.ingest.formats import uhri_json
from rightstrack.ingest.formats.base import ParseError, position_word
from rightstrack.ingest.formats.table import check_cells
from rightstrack.ingest.formats.uhri_fields import (  # noqa: F401  (HEADERS: named here by its users)
    HEADERS,
    REQUIRED,
    SESSION,
    Record,
    canonical,
    checked_session,
    mechanism_of,
    read_date,
    read_tags,
)
from rightstrack.ingest.records import ParsedRecommendation
from rightstrack.ingest.text import split_paragraph_number

_JSON_PEEK = 64 * 1024
_TEXT_FIELDS = {"Text", "OHCHR Annotation Id", "Document Symbol"}
_BOM = b"\xef\xbb\xbf"

# UHRI itself has no pledges; rightstrack's UHRI-layout export (reports/uhri_export.py) does.
_TYPES = {"recommendation", "observation", "concern", "pledge"}


def detect(path: str | Path) -> bool:
    """True for a UHRI export: an .xlsx whose first row holds the required headers, or a
    JSON list whose first object has ``OHCHR Annotation Id`` and ``Text`` or is in
    OHCHR's own JSON layout (``AnnotationId`` among its keys)."""
    path = Path(path)
    try:
        with open(path, "rb") as file:
            start = file.read(_JSON_PEEK)
    except OSError:
        return False
    if start.startswith(b"PK"):  # a zip container: maybe a workbook
        return _detect_xlsx(path)

    keys = _first_object_keys(start)
    return {"OHCHR Annotation Id", "Text"} <= keys or ("AnnotationId" in keys and uhri_json.is_real_layout(keys))


def parse(path: str | Path) -> Iterator[ParsedRecommendation]:
    """Yield the records of a UHRI export (.xlsx or .json), streaming.

    Raises :class:`ParseError` (a ``ValueError``) naming the file, the row or record and
    the field on input it cannot read. See the module docstring for the transaction rule.
    """
    path = Path(path)
    with open(path, "rb") as file:
        is_zip = file.read(2) == b"PK"
    if is_zip or path.suffix.casefold() == ".xlsx":
        yield from _parse_xlsx(path)
    else:
        yield from _parse_json(path)


# --- spreadsheet ---------------------------------------------------------------------


def _open_workbook(path: Path):
    """Open read-only, turning every reader failure into a ParseError."""
    import openpyxl  # imported here so that importing the module stays cheap

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML and key errors for bad files
        raise ParseError(f"{path.name}: not a readable .xlsx workbook ({exc})") from exc


def _detect_xlsx(path: Path) -> bool:
    """True when row 1 of the first sheet holds the required headers.

    openpyxl scans a whole sheet that lacks a ``<dimension>`` element while opening it
    (seconds for a full export); Excel always writes one.
    """
    workbook = None
    try:
        workbook = _open_workbook(path)
        header = next(workbook.worksheets[0].iter_rows(max_row=1, values_only=True), ())
        return set(REQUIRED) <= set(_columns(header))
    except Exception:  # unreadable or damaged: simply not ours
        return False
    finally:
        if workbook is not None:
            workbook.close()


def _parse_xlsx(path: Path) -> Iterator[ParsedRecommendation]:
    workbook = _open_workbook(path)
    try:
        sheet = workbook.worksheets[0]
        # A <dimension> that undercounts would make openpyxl stop early: read every row.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, ())
        columns = _columns(header)
        _check_required(columns, path.name, "row 1")
        # openpyxl's read-only rows fill gaps with empty rows, so counting them gives
        # the row number a user sees in Excel.
        for number, cells in enumerate(rows, start=2):
            if all(cell is None or str(cell).strip() == "" for cell in cells):
                continue
            check_cells(cells, path.name, number, list(header))  # oversized cells, formula errors
            # Every column is in ``values``, even past a short row's end: a column the
            # sheet has is a field the record gives (see read_tags).
            values = {h: cells[i] if i < len(cells) else None for h, i in columns.items()}
            yield _to_record(Record(path.name, f"row {number}", values))
    finally:
        workbook.close()


def _columns(header_cells) -> dict[str, int]:
    """Map each known header to its column index; the first of duplicates wins."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(header_cells):
        header = canonical(cell)
        if header:
            columns.setdefault(header, index)
    return columns


def _check_required(columns, name: str, location: str) -> None:
    missing = [header for header in REQUIRED if header not in columns]
    if missing:
        raise ParseError(f"{name}: {location}: {missing[0]}: required column missing (missing: {', '.join(missing)})")


# --- JSON ------------------------------------------------------------------------------


def _first_object_keys(start: bytes) -> set[str]:
    """The keys of the first object of a JSON list, read from the file's first bytes.

    Read from ``basic_parse`` events: ``ijson.parse`` builds each event's path, whose
    length grows with the nesting, so a file of a few thousand ``[`` costs gigabytes.
    """
    import ijson

    keys: set[str] = set()
    depth = 0
    try:
        for event, value in ijson.basic_parse(start.removeprefix(_BOM)):
            if event in ("start_map", "start_array"):
                depth += 1
                if depth > MAX_JSON_DEPTH or (depth == 1 and event == "start_map"):
                    break
            elif event in ("end_map", "end_array"):
                depth -= 1
                if depth == 1:
                    break
            elif event == "map_key" and depth == 2:
                keys.add(canonical(value) or value)
    except Exception:  # cut off inside the peeked bytes, or not JSON at all
        pass
    return keys


def _items(file, name: str) -> Iterator[object]:
    """The items of the file's top-level JSON list, built from ``basic_parse`` events so
    that nesting deeper than MAX_JSON_DEPTH is refused before it costs anything (see
    ``_first_object_keys``)."""
    import ijson
    from ijson.common import ObjectBuilder

    depth, builder, number = 0, None, 0
    # use_float: numbers as floats, not Decimals (date serials, session numbers)
    for event, value in ijson.basic_parse(file, use_float=True):
        if event in ("start_map", "start_array"):
            depth += 1
            if depth > MAX_JSON_DEPTH:
                raise ParseError(
                    f"{name}: record {number + 1}: refused: lists or objects nested more than"
                    f" {MAX_JSON_DEPTH} levels deep"
                )
            if depth == 1:
                continue  # the top-level list
            if depth == 2:
                builder = ObjectBuilder()
        elif event in ("end_map", "end_array"):
            depth -= 1
            if depth == 0:
                return
        if builder is None:  # a bare value in the list
            number += 1
            yield value
            continue
        builder.event(event, value)
        if depth == 1:
            number += 1
            yield builder.value
            builder = None


def _parse_json(path: Path) -> Iterator[ParsedRecommendation]:
    import ijson

    with open(path, "rb") as file:
        _expect_list(file, path.name)
        number = 0
        real = None  # OHCHR's own layout? Decided by the first object, for the whole file
        try:
            for number, item in enumerate(_items(file, path.name), start=1):
                location = f"record {number}"
                if not isinstance(item, dict):
                    raise ParseError(f"{path.name}: {location}: expected an object, found {type(item).__name__}")
                if real is None:
                    real = uhri_json.is_real_layout(item.keys())
                if real:
                    yield uhri_json.to_record(Record(path.name, location, uhri_json.keyed(item)))
                    continue
                # Keys are not checked one by one: an export may leave out empty
                # fields, and the fields that must have a value are checked below.
                values = {canonical(key) or key: value for key, value in item.items()}
                _check_sheet_layout_types(Record(path.name, location, values))
                yield _to_record(Record(path.name, location, values))
        except (ijson.JSONError, UnicodeDecodeError) as exc:
            raise ParseError(
                f"{path.name}: record {number + 1}: invalid or truncated JSON after {number} complete records ({exc})"
            ) from None


def _check_sheet_layout_types(record: Record) -> None:
    """In the spreadsheet layout every value is a text, a list of texts, a number (a date
    serial, a session) or null: an object, or a number where a text is needed, is an error
    rather than its Python spelling ("{'a': 1}", "5") taken as a value."""
    for field, value in record.values.items():
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, (dict, list, bool)):
                raise record.error(field, f"expected text, found {kind_of(item)}")
        if field in _TEXT_FIELDS and any(item is not None and not isinstance(item, str) for item in items):
            raise record.error(field, f"expected text, found {kind_of(value)}")


def _expect_list(file, name: str) -> None:
    """Check that the JSON is a list and leave the file at its start (after any BOM)."""
    start = file.read(len(_BOM))
    offset = len(_BOM) if start == _BOM else 0
    file.seek(offset)
    head = file.read(4096).lstrip()
    file.seek(offset)
    if not head.startswith(b"["):
        found = {b"{": "an object", b"": "an empty file"}.get(head[:1], "no JSON list")
        raise ParseError(f"{name}: top level: expected a JSON list of UHRI records, found {found}")


# --- one record ---------------------------------------------------------------------------


def _to_record(record: Record) -> ParsedRecommendation:
    """Turn one row or object into a ParsedRecommendation."""
    paragraph, text = split_paragraph_number(record.text("Text"))
    if not text:
        raise record.error("Text", "empty recommendation text")
    annotation = record.text("OHCHR Annotation Id")
    if not annotation:
        raise record.error("OHCHR Annotation Id", "missing (it is UHRI's key for the record)")
    countries = record.many("Countries Concerned")
    external_ids = {"uhri": annotation}
    session, cycle = _session(record)
    if len(countries) > 1:
        external_ids["countries"] = "|".join(countries)
    return ParsedRecommendation(
        text=text,
        mechanism=mechanism_of(record),
        country=countries[0] if countries else None,
        paragraph=paragraph,
        document_symbol=record.text("Document Symbol"),
        session=session,
        cycle=cycle,
        date=read_date(record, "Document Publication Date"),
        type=_type(record),
        position=_position(record),
        recommending_states=record.many("UPR Reccomending States"),
        tags=read_tags(record),
        external_ids=external_ids,
        location=record.location,
    )


def _session(record: Record) -> tuple[int | None, int | None]:
    """The UPR Working Group session and cycle of ``28th Session - Cycle 3`` or ``Session 28``.

    When the cycle given contradicts the Working Group calendar ("28th Session - Cycle 2"),
    the number is the Human Rights Council session that adopted the outcome (A/HRC/28/15
    was adopted at the Council's 28th session, in cycle 2): the Working Group session is
    then unknown and only the cycle is kept.
    """
    value = record.values.get("UPR Session")
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        text = f"Session {int(value)}" if value == int(value) else str(value)
    else:
        text = record.text("UPR Session")
    if not text:
        return None, None
    match = SESSION.fullmatch(" ".join(text.split()))
    if not match:
        raise record.error("UPR Session", f"not a UPR session: {text!r}")
    session = int(match.group(1) or match.group(2))
    cycle = match.group(3) or match.group(4)
    return checked_session(record, "UPR Session", text, session, None if cycle is None else int(cycle))


def _type(record: Record) -> str:
    value = record.text("Type").casefold()
    if not value:
        return "recommendation"  # the column is optional; UHRI mostly holds recommendations
    if value not in _TYPES:
        raise record.error("Type", f"unknown type {record.text('Type')!r}")
    return value


def _position(record: Record) -> str | None:
    raw = record.text("UPR Position")
    try:
        return position_word(raw)
    except KeyError:
        raise record.error("UPR Position", f"unknown position {raw!r}") from None
