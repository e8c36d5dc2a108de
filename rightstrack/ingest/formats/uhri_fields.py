"""Reading the fields of one UHRI record, shared by both layouts of the export.

The spreadsheet (and JSON keyed like it) and OHCHR's own JSON name their fields
differently (``uhri``, ``uhri_json``) but hold the same kinds of value: lists of themes,
bodies, sessions, dates, SDG targets. This module reads those values from a
:class:`Record` and raises a ParseError naming the file, record and field.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from rightstrack.ingest.formats.base import ParseError
from rightstrack.reference.directory import read_data_csv

HEADERS = (
    "Text",
    "Countries Concerned",
    "Reccomending Body",
    "Document Symbol",
    "Themes",
    "Affected Persons",
    "Sdgs",
    "Document Publication Date",
    "UPR Reccomending States",
    "UPR Position",
    "Type",
    "OHCHR Annotation Id",
    "UPR Session",
    "Regions Concerned",
    "Recommending Regions",
    "Date of publication on UHRI",
)


REQUIRED = ("Text", "Countries Concerned", "Reccomending Body", "OHCHR Annotation Id")


# Should OHCHR ever fix its spelling, the corrected headers must still be found.
HEADER_ALIASES = {"recommending body": "Reccomending Body", "upr recommending states": "UPR Reccomending States"}


BULLET = re.compile(r"^\s*-\s+")


SDG = re.compile(r"^(?:sdg|goal)?\s*(\d{1,2})(?:\.(\d{1,2}|[a-z]))?\s*(?:[-\u2013:]|$)", re.IGNORECASE)


ORDINAL = r"(\d{1,3})\s*(?:st|nd|rd|th)?"


SESSION = re.compile(
    rf"(?:{ORDINAL}\s+session|session\s*(?:no\.?\s*)?(\d{{1,3}}))"
    rf"(?:\s*[-\u2013,;:/(]?\s*(?:{ORDINAL}\s+cycle|cycle\s*(\d{{1,2}}))\s*\)?)?",
    re.IGNORECASE,
)


ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ].*)?")


SERIAL = re.compile(r"\d+(?:\.\d+)?")


class Record:
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
        return split_values(self.values.get(field))


@functools.lru_cache(maxsize=1024)  # JSON keys repeat in every record
def canonical(header: object) -> str | None:
    """The UHRI header a cell or JSON key names (case and spacing ignored), or None."""
    key = " ".join(str(header or "").split()).casefold()
    return HEADER_INDEX.get(key) or HEADER_ALIASES.get(key)


HEADER_INDEX = {header.casefold(): header for header in HEADERS}


def split_values(value: object) -> list[str]:
    """The values of a multi-valued cell, in order, without bullets, blanks or repeats.

    When some lines start with ``- ``, a line that does not continues the value above
    it (a long theme wrapped by hand); otherwise each line is a value.
    """
    if isinstance(value, (list, tuple)):  # a JSON list: one value per item
        items = (" ".join(BULLET.sub("", str(item)).split()) for item in value if item is not None)
        return list(dict.fromkeys(item for item in items if item))
    if value is None or value == "":
        return []
    lines = [(BULLET.match(line), line) for line in str(value).splitlines()]
    bulleted = any(bullet for bullet, _ in lines)
    values: list[str] = []
    for bullet, line in lines:
        text = " ".join((line[bullet.end() :] if bullet else line).split())
        if text and bulleted and values and not bullet:
            values[-1] = f"{values[-1]} {text}"
        elif text:
            values.append(text)
    return list(dict.fromkeys(values))


@functools.lru_cache(maxsize=1)
def mechanism_index() -> dict[str, str]:
    """Normalised body name, short form or code -> mechanism code."""
    index = {}
    for row in read_data_csv("mechanisms.csv"):
        index[body_key(row["name"])] = index[body_key(row["code"])] = row["code"]
    for row in read_data_csv("special_procedures.csv"):
        index[body_key(row["name"])] = "SP"
    index.update({body_key(name): code for name, code in BODY_ALIASES.items()})
    return index


BODY_ALIASES = {
    "UPR Working Group": "UPR",
    "Working Group on the Universal Periodic Review": "UPR",
    "Special Procedures": "SP",
    "Special Procedure": "SP",
    "Committee on Migrant Workers": "CMW",
    "Subcommittee on Prevention of Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment": "SPT",
}


# Mandate titles change over the years (an Independent Expert becomes a Special
# Rapporteur), so a title the mandate list lacks is still a special procedure.
SP_TITLES = ("special rapporteur", "independent expert", "working group on", "working group of experts")


def body_key(name: str) -> str:
    """Fold case, spacing, apostrophes, a leading "the" and a final "(CRC)"."""
    key = " ".join(name.replace("\u2019", "'").split()).casefold().rstrip(".")
    key = re.sub(r"\s*\([a-z]{2,6}\)$", "", key)
    return key.removeprefix("the ")


def mechanism_of(record: Record, field: str = "Reccomending Body") -> str:
    """The mechanism code of the body or bodies that ``field`` names (one mechanism)."""
    bodies = record.many(field)
    if not bodies:
        raise record.error(field, "empty")
    codes = []
    for body in bodies:
        key = body_key(body)
        code = mechanism_index().get(key) or ("SP" if key.startswith(SP_TITLES) else None)
        if code is None:
            raise record.error(field, f"unknown body {body!r}")
        codes.append(code)
    if len(set(codes)) > 1:
        raise record.error(field, f"several mechanisms in one record: {bodies!r}")
    return codes[0]


@functools.lru_cache(maxsize=1)
def cycles() -> dict[int, int]:
    """UPR session -> cycle, from the shipped session calendar (1-12 -> 1, 13-26 -> 2, ...)."""
    return {int(row["session"]): int(row["cycle"]) for row in read_data_csv("upr_sessions.csv")}


def checked_session(
    record: Record, field: str, text: str, session: int | None, cycle: int | None
) -> tuple[int | None, int | None]:
    """Check a session and cycle read from ``field`` (``text``) against the calendar; a
    contradiction keeps only the cycle (see ``_session``)."""
    if session is not None and session < 1:
        raise record.error(field, f"not a UPR session: {text!r}")
    if cycle is None:
        return session, None
    if cycle not in set(cycles().values()):
        raise record.error(field, f"cycle {cycle} is not a UPR cycle yet: {text!r}")
    if session is None or cycles().get(session) != cycle:
        return None, cycle
    return session, cycle


def read_date(record: Record, field: str) -> dt.date | None:
    """An Excel serial (1900 date system), a datetime cell or an ISO text date."""
    value = record.values.get(field)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = "" if value is None or isinstance(value, bool) else str(value).strip()
    if not text:
        return None
    if SERIAL.fullmatch(text):
        return from_serial(float(text), record, field)
    match = ISO_DATE.fullmatch(text)
    try:
        if match:
            return dt.date.fromisoformat(match.group(1))
    except ValueError:  # 2019-02-30
        pass
    raise record.error(field, f"not an Excel date serial or YYYY-MM-DD date: {text!r}")


def from_serial(serial: float, record: Record, field: str) -> dt.date:
    """Excel's day count: day 1 is 1900-01-01 and day 60 the 29 February 1900 that
    Lotus 1-2-3 invented and Excel kept, so later serials count from 1899-12-30."""
    days = int(serial)
    if not 1 <= days <= 2958465 or days == 60:
        raise record.error(field, f"not an Excel date serial: {serial!r}")
    base = dt.date(1899, 12, 31) if days < 60 else dt.date(1899, 12, 30)
    return base + dt.timedelta(days=days)


def read_tags(
    record: Record, themes: str = "Themes", persons: str = "Affected Persons", sdgs: str = "Sdgs"
) -> dict[str, list[str]]:
    """Themes, affected persons, SDG targets and the goals they (or goal lines) name.

    A slug is given, possibly with no terms, whenever its field is in the record: an
    empty Themes cell says "no theme", and the importer then drops UHRI themes an older
    import gave; a field the record lacks says nothing, so its slugs are left out.
    """
    goals: list[str] = []
    targets: list[str] = []
    for line in record.many(sdgs):
        match = SDG.match(line)
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
