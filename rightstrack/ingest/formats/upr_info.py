"""UPR Info database CSV exports (UPR sessions 1-17 and voluntary pledges).

UPR Info (upr-info.org) published its database of UPR recommendations as CSV files with
one row per recommending State and the columns::

    To, To-Rgrp, To-Org, Text, From, From-Rgrp, From-Org, Response, Action, Issue, Session

``To`` is the State under review, ``From`` the recommending State (``&#40;Unknown&#41;``
where UPR Info did not know it), ``Response`` is ``Accepted``, ``Noted`` or, in the
pledges file, ``Voluntary Pledge`` (then ``From`` is the reviewed State itself),
``Action`` is UPR Info's action category 1-5 and ``Issue`` a comma-joined list of UPR
Info issue labels (no label contains a comma). Columns are found by header name.

The raw exports are Mac Roman with bare CR line endings; copies may be UTF-8 (with or
without BOM) or UTF-16 (with BOM: Excel's "Unicode text") with LF or CRLF, their cells
separated by commas, semicolons (Excel in locales with a decimal comma) or tabs. A
recommendation several States made appears once per State, not always on adjacent rows,
so rows are grouped by State under review, session and text (compared after
``normalize_name``, which folds the stray final dots and spaces of the copies) into one
record that lists every recommending State.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rightstrack.ingest.formats.base import POSITION_WORDS, ParseError
from rightstrack.ingest.formats.encodings import bom_encoding, decode
from rightstrack.ingest.formats.table import check_cells, sniff_delimiter
from rightstrack.ingest.records import ParsedRecommendation
from rightstrack.reference.names import normalize_name

_REQUIRED = ("to", "text", "session")
_DETECT = {"to", "text", "from", "response", "session"}
_SNIFF_BYTES = 4096
# UPR Info's own database export (a Mac application) wrote Mac Roman. Mac Roman maps every
# byte to a character, so it cannot fail: it is taken only when the detection finds it
# among the best readings (a Latin-2 or GB18030 copy is read as such, or refused).
_FALLBACK_ENCODING = "mac_roman"
_PLEDGE = "voluntary pledge"
# Since 2011 (HRC res. 16/21) recommendations a State does not support are "noted";
# anything else ("Pending", "General response", empty) is no position yet.
_ACTIONS = {"1", "2", "3", "4", "5"}
_SESSION = re.compile(r"[0-9]{1,3}")


@dataclass
class _Row:
    """One CSV row, with the file name and line number its errors must name."""

    name: str
    line: int
    cells: list[str]
    columns: dict[str, int]

    def get(self, column: str) -> str:
        index = self.columns.get(column)
        return self.cells[index].strip() if index is not None and index < len(self.cells) else ""

    def error(self, field: str, problem: str) -> ParseError:
        return ParseError(f"{self.name}: row {self.line}: {field}: {problem}")


def detect(path: str | Path) -> bool:
    """True if the file's first line holds the UPR Info columns (To, Text, From,
    Response, Session, in any order and case); reads only the first few KB."""
    with open(path, "rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    # Header names are ASCII, so any decoding that keeps ASCII will do here, but UTF-16
    # must be decoded as such: its every other byte is a NUL.
    text = head.decode(bom_encoding(head) or "utf-8-sig", errors="replace")
    first_line = re.split(r"[\r\n]", text, maxsplit=1)[0]
    try:
        cells = next(csv.reader([first_line], delimiter=sniff_delimiter(text)), [])
    except csv.Error:
        return False
    return _DETECT <= {cell.strip().casefold() for cell in cells}


def parse(path: str | Path, *, encoding: str | None = None) -> Iterator[ParsedRecommendation]:
    """Yield one record per recommendation (or voluntary pledge) of a UPR Info CSV export.

    ``encoding`` defaults to the one a byte-order mark announces, else UTF-8 when the
    whole file decodes as UTF-8, else the one detected with certainty, Mac Roman winning
    a tie (see ``_FALLBACK_ENCODING``); else the file is refused. The cell
    separator is found from the header row. Rows made by several States become one record, located
    at its first row ("row N", the header being row 1). While iterating, raises
    :class:`ParseError` naming the file, row and field on input it cannot read; nothing
    is yielded before the whole file has been read.
    """
    from rightstrack.reference.selectors import is_placeholder_state  # needs Django's apps

    path = Path(path)
    text = _decode(path, encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    header = _next(reader, path.name, 1)
    if header is None:
        raise ParseError(f"{path.name}: row 1: empty file, no header row")
    columns = _columns(header, path.name)
    records: dict[tuple, ParsedRecommendation] = {}
    line = reader.line_num
    while (cells := _next(reader, path.name, line + 1)) is not None:
        row, line = _Row(path.name, line + 1, cells, columns), reader.line_num
        if any(cell.strip() for cell in cells):  # blank lines carry nothing
            _add(records, row, is_placeholder_state)
    yield from records.values()


def _decode(path: Path, encoding: str | None) -> str:
    """The decoded file (CR, LF or CRLF line ends left for the csv module)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"{path.name}: cannot read the file ({exc.strerror or exc})") from exc
    # A byte-order mark is what the file says of itself: a UTF-16 copy made by Excel's
    # "Unicode text" is no Mac Roman file, and its decoding errors must be reported.
    # Without one, UPR Info's own encoding wins a tie of the detection (formats.encodings).
    return decode(data, path.name, encoding, prefer=_FALLBACK_ENCODING)


def _next(reader, name: str, line: int) -> list[str] | None:
    """The next CSV row, or None at the end; the csv module's errors (a cell over its
    size limit, core.limits.MAX_CELL_CHARS) and oversized cells become ParseErrors."""
    try:
        row = next(reader, None)
    except csv.Error as exc:
        raise ParseError(f"{name}: row {line}: not readable as CSV ({exc})") from None
    return row if row is None else check_cells(row, name, line)


def _columns(header: list[str], name: str) -> dict[str, int]:
    """Map each header name (case-folded) to its first index; the required ones must exist."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        # A BOM stays in the first name when the caller forces "utf-8" rather than "utf-8-sig".
        columns.setdefault(cell.lstrip("\ufeff").strip().casefold(), index)
    for column in _REQUIRED:
        if column not in columns:
            raise ParseError(f"{name}: row 1: missing column {column.title()!r}")
    return columns


def _add(records: dict, row: _Row, is_placeholder: Callable[[str], bool]) -> None:
    """Add a row to its group's record; later rows of a group only add their State."""
    record = _record(row)
    key = (record.country, record.session, record.type, normalize_name(record.text))
    # A group's Response, Action and Issue come from its first row, even when later rows
    # disagree (12 groups of the real exports do): UPR Info coded them per row.
    record = records.setdefault(key, record)
    state = row.get("from")
    if record.type == "pledge" or not state or is_placeholder(state):
        return  # a pledge is the reviewed State's own; "(Unknown)" names nobody
    if all(normalize_name(state) != normalize_name(known) for known in record.recommending_states):
        record.recommending_states.append(state)


def _record(row: _Row) -> ParsedRecommendation:
    """Turn one row into a record, without its recommending State."""
    text, country = row.get("text"), row.get("to")
    if not text:
        raise row.error("Text", "no recommendation text")
    if not country:
        raise row.error("To", "no State under review")
    response = " ".join(row.get("response").split()).casefold()
    pledge = response == _PLEDGE
    return ParsedRecommendation(
        text=text,
        mechanism="UPR",
        country=country,
        session=_session(row),
        type="pledge" if pledge else "recommendation",
        position=None if pledge else POSITION_WORDS.get(response),
        tags=_tags(row),
        location=f"row {row.line}",
    )


def _session(row: _Row) -> int:
    """The UPR Working Group session number."""
    value = row.get("session")
    if not _SESSION.fullmatch(value) or int(value) == 0:
        raise row.error("Session", f"not a session number: {value!r}")
    return int(value)


def _tags(row: _Row) -> dict[str, list[str]]:
    """The action category and issue labels, leaving out the empty ones."""
    tags: dict[str, list[str]] = {}
    action = row.get("action")
    if action:
        if action not in _ACTIONS:
            raise row.error("Action", f"not an action category 1-5: {action!r}")
        tags["action-category"] = [action]
    issues = list(dict.fromkeys(label.strip() for label in row.get("issue").split(",") if label.strip()))
    if issues:
        tags["upr-info-issues"] = issues
    return tags
