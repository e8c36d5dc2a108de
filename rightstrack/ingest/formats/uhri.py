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
its taxonomy tags even when the field is empty (the source says "none"); see ``_tags``.

Both files are read as streams (openpyxl read-only rows, ``ijson`` items), one record
at a time, so a 400 MB export needs bounded memory. Records are yielded as they are
read: a bad record raises :class:`ParseError` after the ones before it were yielded,
so the caller must import in one transaction (the ingest service does).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from rightstrack.ingest.formats.base import ParseError, position_word
from rightstrack.ingest.records import ParsedRecommendation
from rightstrack.ingest.text import split_paragraph_number
from rightstrack.reference.directory import read_data_csv

HEADERS = (
    "Text", "Countries Concerned", "Reccomending Body", "Document Symbol", "Themes",
    "Affected Persons", "Sdgs", "Document Publication Date", "UPR Reccomending States",
    "UPR Position", "Type", "OHCHR Annotation Id", "UPR Session", "Regions Concerned",
    "Recommending Regions", "Date of publication on UHRI",
)
REQUIRED = ("Text", "Countries Concerned", "Reccomending Body", "OHCHR Annotation Id")
# Should OHCHR ever fix its spelling, the corrected headers must still be found.
_HEADER_ALIASES = {"recommending body": "Reccomending Body",
                   "upr recommending states": "UPR Reccomending States"}
_JSON_PEEK = 64 * 1024
_BOM = b"\xef\xbb\xbf"

# UHRI itself has no pledges; rightstrack's UHRI-layout export (reports/uhri_export.py) does.
_TYPES = {"recommendation", "observation", "concern", "pledge"}
_BULLET = re.compile(r"^\s*-\s+")
_SDG = re.compile(r"^(?:sdg|goal)?\s*(\d{1,2})(?:\.(\d{1,2}|[a-z]))?\s*(?:[-\u2013:]|$)", re.IGNORECASE)
_ORDINAL = r"(\d{1,3})\s*(?:st|nd|rd|th)?"
_SESSION = re.compile(
    rf"(?:{_ORDINAL}\s+session|session\s*(?:no\.?\s*)?(\d{{1,3}}))"
    rf"(?:\s*[-\u2013,;:/(]?\s*(?:{_ORDINAL}\s+cycle|cycle\s*(\d{{1,2}}))\s*\)?)?",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ].*)?")
_SERIAL = re.compile(r"\d+(?:\.\d+)?")


class _Record:
    """One row or JSON object, by canonical header, with its place for error messages."""

    def __init__(self, name: str, location: str, values: dict[str, object]):
        self.name, self.location, self.values = name, location, values

    def error(self, field: str, problem: str) -> ParseError:
        return ParseError(f"{self.name}: {self.location}: {field}: {problem}")

    def text(self, field: str) -> str:
        value = self.values.get(field)
        if isinstance(value, (list, tuple)):
            return "\n".join(str(item) for item in value if item is not None).strip()
        return "" if value is None else str(value).strip()

    def many(self, field: str) -> list[str]:
        return _split_values(self.values.get(field))


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
    from rightstrack.ingest.formats import uhri_json  # it imports this module

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
        columns = _columns(next(rows, ()))
        _check_required(columns, path.name, "row 1")
        # openpyxl's read-only rows fill gaps with empty rows, so counting them gives
        # the row number a user sees in Excel.
        for number, cells in enumerate(rows, start=2):
            if all(cell is None or str(cell).strip() == "" for cell in cells):
                continue
            # Every column is in ``values``, even past a short row's end: a column the
            # sheet has is a field the record gives (see _tags).
            values = {h: cells[i] if i < len(cells) else None for h, i in columns.items()}
            yield _to_record(_Record(path.name, f"row {number}", values))
    finally:
        workbook.close()


@functools.lru_cache(maxsize=1024)  # JSON keys repeat in every record
def _canonical(header: object) -> str | None:
    """The UHRI header a cell or JSON key names (case and spacing ignored), or None."""
    key = " ".join(str(header or "").split()).casefold()
    return _HEADER_INDEX.get(key) or _HEADER_ALIASES.get(key)


_HEADER_INDEX = {header.casefold(): header for header in HEADERS}


def _columns(header_cells) -> dict[str, int]:
    """Map each known header to its column index; the first of duplicates wins."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(header_cells):
        header = _canonical(cell)
        if header:
            columns.setdefault(header, index)
    return columns


def _check_required(columns, name: str, location: str) -> None:
    missing = [header for header in REQUIRED if header not in columns]
    if missing:
        raise ParseError(f"{name}: {location}: {missing[0]}: required column missing"
                         f" (missing: {', '.join(missing)})")


# --- JSON ------------------------------------------------------------------------------

def _first_object_keys(start: bytes) -> set[str]:
    """The keys of the first object of a JSON list, read from the file's first bytes."""
    import ijson

    keys: set[str] = set()
    try:
        for prefix, event, value in ijson.parse(start.removeprefix(_BOM)):
            if prefix == "item" and event == "map_key":
                keys.add(_canonical(value) or value)
            elif (prefix, event) in (("item", "end_map"), ("", "start_map")):
                break
    except Exception:  # cut off inside the peeked bytes, or not JSON at all
        pass
    return keys


def _parse_json(path: Path) -> Iterator[ParsedRecommendation]:
    import ijson

    from rightstrack.ingest.formats import uhri_json  # it imports this module

    with open(path, "rb") as file:
        _expect_list(file, path.name)
        number = 0
        real = None  # OHCHR's own layout? Decided by the first object, for the whole file
        try:
            # use_float: numbers as floats, not Decimals (date serials, session numbers)
            for number, item in enumerate(ijson.items(file, "item", use_float=True), start=1):
                location = f"record {number}"
                if not isinstance(item, dict):
                    raise ParseError(f"{path.name}: {location}: expected an object,"
                                     f" found {type(item).__name__}")
                if real is None:
                    real = uhri_json.is_real_layout(item.keys())
                if real:
                    yield uhri_json.to_record(_Record(path.name, location, uhri_json.keyed(item)))
                    continue
                # Keys are not checked one by one: an export may leave out empty
                # fields, and the fields that must have a value are checked below.
                values = {_canonical(key) or key: value for key, value in item.items()}
                yield _to_record(_Record(path.name, location, values))
        except (ijson.JSONError, UnicodeDecodeError) as exc:
            raise ParseError(f"{path.name}: record {number + 1}: invalid or truncated JSON"
                             f" after {number} complete records ({exc})") from None


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

def _to_record(record: _Record) -> ParsedRecommendation:
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
        text=text, mechanism=_mechanism(record), country=countries[0] if countries else None,
        paragraph=paragraph, document_symbol=record.text("Document Symbol"),
        session=session, cycle=cycle, date=_date(record, "Document Publication Date"),
        type=_type(record), position=_position(record),
        recommending_states=record.many("UPR Reccomending States"), tags=_tags(record),
        external_ids=external_ids, location=record.location,
    )


def _split_values(value: object) -> list[str]:
    """The values of a multi-valued cell, in order, without bullets, blanks or repeats.

    When some lines start with ``- ``, a line that does not continues the value above
    it (a long theme wrapped by hand); otherwise each line is a value.
    """
    if isinstance(value, (list, tuple)):  # a JSON list: one value per item
        items = (" ".join(_BULLET.sub("", str(item)).split()) for item in value if item is not None)
        return list(dict.fromkeys(item for item in items if item))
    if value is None or value == "":
        return []
    lines = [(_BULLET.match(line), line) for line in str(value).splitlines()]
    bulleted = any(bullet for bullet, _ in lines)
    values: list[str] = []
    for bullet, line in lines:
        text = " ".join((line[bullet.end():] if bullet else line).split())
        if text and bulleted and values and not bullet:
            values[-1] = f"{values[-1]} {text}"
        elif text:
            values.append(text)
    return list(dict.fromkeys(values))


@functools.lru_cache(maxsize=1)
def _mechanism_index() -> dict[str, str]:
    """Normalised body name, short form or code -> mechanism code."""
    index = {}
    for row in read_data_csv("mechanisms.csv"):
        index[_body_key(row["name"])] = index[_body_key(row["code"])] = row["code"]
    for row in read_data_csv("special_procedures.csv"):
        index[_body_key(row["name"])] = "SP"
    index.update({_body_key(name): code for name, code in _BODY_ALIASES.items()})
    return index


_BODY_ALIASES = {
    "UPR Working Group": "UPR", "Working Group on the Universal Periodic Review": "UPR",
    "Special Procedures": "SP", "Special Procedure": "SP",
    "Committee on Migrant Workers": "CMW",
    "Subcommittee on Prevention of Torture and Other Cruel, Inhuman or Degrading"
    " Treatment or Punishment": "SPT",
}
# Mandate titles change over the years (an Independent Expert becomes a Special
# Rapporteur), so a title the mandate list lacks is still a special procedure.
_SP_TITLES = ("special rapporteur", "independent expert", "working group on", "working group of experts")


def _body_key(name: str) -> str:
    """Fold case, spacing, apostrophes, a leading "the" and a final "(CRC)"."""
    key = " ".join(name.replace("\u2019", "'").split()).casefold().rstrip(".")
    key = re.sub(r"\s*\([a-z]{2,6}\)$", "", key)
    return key.removeprefix("the ")


def _mechanism(record: _Record, field: str = "Reccomending Body") -> str:
    """The mechanism code of the body or bodies that ``field`` names (one mechanism)."""
    bodies = record.many(field)
    if not bodies:
        raise record.error(field, "empty")
    codes = []
    for body in bodies:
        key = _body_key(body)
        code = _mechanism_index().get(key) or ("SP" if key.startswith(_SP_TITLES) else None)
        if code is None:
            raise record.error(field, f"unknown body {body!r}")
        codes.append(code)
    if len(set(codes)) > 1:
        raise record.error(field, f"several mechanisms in one record: {bodies!r}")
    return codes[0]


@functools.lru_cache(maxsize=1)
def _cycles() -> dict[int, int]:
    """UPR session -> cycle, from the shipped session calendar (1-12 -> 1, 13-26 -> 2, ...)."""
    return {int(row["session"]): int(row["cycle"]) for row in read_data_csv("upr_sessions.csv")}


def _session(record: _Record) -> tuple[int | None, int | None]:
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
    match = _SESSION.fullmatch(" ".join(text.split()))
    if not match:
        raise record.error("UPR Session", f"not a UPR session: {text!r}")
    session = int(match.group(1) or match.group(2))
    cycle = match.group(3) or match.group(4)
    return _checked_session(record, "UPR Session", text, session, None if cycle is None else int(cycle))


def _checked_session(record: _Record, field: str, text: str, session: int | None,
                     cycle: int | None) -> tuple[int | None, int | None]:
    """Check a session and cycle read from ``field`` (``text``) against the calendar; a
    contradiction keeps only the cycle (see ``_session``)."""
    if session is not None and session < 1:
        raise record.error(field, f"not a UPR session: {text!r}")
    if cycle is None:
        return session, None
    if cycle not in set(_cycles().values()):
        raise record.error(field, f"cycle {cycle} is not a UPR cycle yet: {text!r}")
    if session is None or _cycles().get(session) != cycle:
        return None, cycle
    return session, cycle


def _date(record: _Record, field: str) -> dt.date | None:
    """An Excel serial (1900 date system), a datetime cell or an ISO text date."""
    value = record.values.get(field)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = "" if value is None or isinstance(value, bool) else str(value).strip()
    if not text:
        return None
    if _SERIAL.fullmatch(text):
        return _from_serial(float(text), record, field)
    match = _ISO_DATE.fullmatch(text)
    try:
        if match:
            return dt.date.fromisoformat(match.group(1))
    except ValueError:  # 2019-02-30
        pass
    raise record.error(field, f"not an Excel date serial or YYYY-MM-DD date: {text!r}")


def _from_serial(serial: float, record: _Record, field: str) -> dt.date:
    """Excel's day count: day 1 is 1900-01-01 and day 60 the 29 February 1900 that
    Lotus 1-2-3 invented and Excel kept, so later serials count from 1899-12-30."""
    days = int(serial)
    if not 1 <= days <= 2958465 or days == 60:
        raise record.error(field, f"not an Excel date serial: {serial!r}")
    base = dt.date(1899, 12, 31) if days < 60 else dt.date(1899, 12, 30)
    return base + dt.timedelta(days=days)


def _type(record: _Record) -> str:
    value = record.text("Type").casefold()
    if not value:
        return "recommendation"  # the column is optional; UHRI mostly holds recommendations
    if value not in _TYPES:
        raise record.error("Type", f"unknown type {record.text('Type')!r}")
    return value


def _position(record: _Record) -> str | None:
    raw = record.text("UPR Position")
    try:
        return position_word(raw)
    except KeyError:
        raise record.error("UPR Position", f"unknown position {raw!r}") from None


def _tags(record: _Record, themes: str = "Themes", persons: str = "Affected Persons",
          sdgs: str = "Sdgs") -> dict[str, list[str]]:
    """Themes, affected persons, SDG targets and the goals they (or goal lines) name.

    A slug is given, possibly with no terms, whenever its field is in the record: an
    empty Themes cell says "no theme", and the importer then drops UHRI themes an older
    import gave; a field the record lacks says nothing, so its slugs are left out.
    """
    goals: list[str] = []
    targets: list[str] = []
    for line in record.many(sdgs):
        match = _SDG.match(line)
        if not match or not 1 <= int(match.group(1)) <= 17:
            raise record.error(sdgs, f"not an SDG goal or target: {line!r}")
        goal = str(int(match.group(1)))
        goals.append(goal)
        if match.group(2):
            targets.append(f"{goal}.{match.group(2).lower()}")
    tags = {
        (themes, "uhri-themes"): record.many(themes),
        (persons, "affected-persons"): record.many(persons),
        (sdgs, "sdg-targets"): list(dict.fromkeys(targets)),
        (sdgs, "sdg-goals"): list(dict.fromkeys(goals)),
    }
    return {slug: values for (field, slug), values in tags.items() if field in record.values}
