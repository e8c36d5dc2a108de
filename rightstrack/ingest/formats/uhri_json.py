"""OHCHR's own JSON layout of the UHRI full export (``export-full-en.json``).

The daily JSON export is a list of objects whose keys are not the spreadsheet's headers::

    {"AffectedPersons": ["Children"], "AnnotationId": "a9ceae8c-…",
     "AnnotationType": "- Concerns/Observations", "Body": "- CRC", "Countries": ["Peru"],
     "DocumentId": "41a0b08f-…", "PublicationDate": "2025-02-12T00:00:00",
     "PublicationDateOnUhri": "2025-03-03T10:53:45.827", "Regions": [...],
     "Sdgs": ["16.2 - Protect children from abuse, …"], "Symbol": "CRC/C/PER/CO/6-7",
     "Text": "4.The Committee reminds …", "Themes": [...], "UprCycle": null,
     "UprPositions": [], "UprRecommendingCountry": [], "UprRecommendingRegions": [],
     "UprSession": []}

Texts may be HTML (``<p>``, ``<br>``, ``&amp;``) and start with their paragraph number,
often glued on ("4.The …"); ``Body`` and ``AnnotationType`` carry the ``- `` bullet of
the spreadsheet cells. The ``Upr…`` fields come as lists, plain strings or numbers.
``DocumentId``, the regions and the date of publication on UHRI are not read.

:mod:`.uhri` streams the file and hands each object here; the body names, dates, SDG
lines and session calendar are read by the same helpers as the spreadsheet, so both
layouts of one record give the same ParsedRecommendation.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from html.parser import HTMLParser

from rightstrack.ingest.formats.base import position_word
from rightstrack.ingest.formats.document_text import BLOCK_TAGS
from rightstrack.ingest.formats.uhri_fields import (
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

KEYS = (
    "AffectedPersons",
    "AnnotationId",
    "AnnotationType",
    "Body",
    "Countries",
    "DocumentId",
    "PublicationDate",
    "PublicationDateOnUhri",
    "Regions",
    "Sdgs",
    "Symbol",
    "Text",
    "Themes",
    "UprCycle",
    "UprPositions",
    "UprRecommendingCountry",
    "UprRecommendingRegions",
    "UprSession",
)
_KEY_INDEX = {key.casefold(): key for key in KEYS}
_SHARED = {"Text", "Themes", "Sdgs"}  # spelled alike in both layouts: they decide nothing

# What each field read may hold. Fields not read (DocumentId, regions, the UHRI date) are
# not checked: a change there must not stop an import.
_SCALARS = ("AnnotationId", "Symbol", "Text")
_LISTS = (
    "AffectedPersons",
    "AnnotationType",
    "Body",
    "Countries",
    "Sdgs",
    "Themes",
    "UprPositions",
    "UprRecommendingCountry",
)
_NUMBERS_OR_TEXT = ("UprSession", "UprCycle")

_TAG = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?\s*>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# "4.The Committee", "4. The", "121.5. Ratify", "12.(a)": a number and a dot before text
# that does not start with a digit ("4.5 per cent" is no paragraph number).
_GLUED_NUMBER = re.compile(r"(\d{1,4}(?:\.\d{1,4})*)\.\s*(?=[^\s\d.])(.*)", re.DOTALL)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
_CYCLE = re.compile(
    r"(?:cycle\s*(?:no\.?\s*)?(\d{1,2})|(\d{1,2})\s*(?:st|nd|rd|th)?(?:\s*cycle)?"
    rf"|({'|'.join(_ORDINALS)})\s+cycle)",
    re.IGNORECASE,
)
_WHITESPACE = re.compile(r"\s+")
_LINE_BREAKS = frozenset(BLOCK_TAGS | {"ul", "ol", "blockquote"})
# "Concerns/Observations" names two types; the paragraph's wording says which it is.
_TYPE_WORDS = {
    "recommendation": "recommendation",
    "concern": "concern",
    "observation": "observation",
    "pledge": "pledge",
    "voluntary pledge": "pledge",
    "voluntary commitment": "pledge",
}


def is_real_layout(keys: Iterable[object]) -> bool:
    """True when a JSON object's keys are OHCHR's own rather than the spreadsheet's: at
    least two keys of OHCHR's layout, and more of them than spreadsheet headers."""
    own, sheet = set(), set()
    for key in keys:
        name = _KEY_INDEX.get(str(key).casefold())
        if name and name not in _SHARED:
            own.add(name)
        elif not name and canonical(key) and canonical(key) not in _SHARED:
            sheet.add(canonical(key))
    return len(own) >= 2 and len(own) > len(sheet)


def keyed(item: dict) -> dict[str, object]:
    """The object with OHCHR's keys in their own spelling (case ignored)."""
    return {_KEY_INDEX.get(str(key).casefold(), key): value for key, value in item.items()}


def to_record(record: Record) -> ParsedRecommendation:
    """Turn one object of OHCHR's layout (keys as :func:`keyed` gives them) into a record."""
    _check_types(record)
    annotation = record.text("AnnotationId")
    if not annotation:
        raise record.error("AnnotationId", "missing (it is UHRI's key for the record)")
    paragraph, text = split_number(plain_text(record.text("Text")))
    if not text:
        raise record.error("Text", "empty recommendation text")
    countries = record.many("Countries")
    external_ids = {"uhri": annotation}
    if len(countries) > 1:
        external_ids["countries"] = "|".join(countries)
    session, cycle = _session(record)
    return ParsedRecommendation(
        text=text,
        mechanism=mechanism_of(record, "Body"),
        country=countries[0] if countries else None,
        paragraph=paragraph,
        document_symbol=record.text("Symbol"),
        session=session,
        cycle=cycle,
        date=read_date(record, "PublicationDate"),
        type=_type(record, text),
        position=_position(record),
        recommending_states=record.many("UprRecommendingCountry"),
        tags=read_tags(record, themes="Themes", persons="AffectedPersons", sdgs="Sdgs"),
        external_ids=external_ids,
        location=record.location,
    )


# --- text -------------------------------------------------------------------------------


class _TextOnly(HTMLParser):
    """Collects the text of an HTML fragment; block elements become line breaks.

    The standard library's parser builds no tree, loads nothing and runs nothing: a
    ``<script>``, ``<img src=…>`` or link in a text is only markup to drop.
    """

    _SKIP = frozenset({"script", "style", "head", "title", "template"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in _LINE_BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in _LINE_BREAKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:  # a line break in the source is only a space in HTML
            self.parts.append(_WHITESPACE.sub(" ", data))


def plain_text(text: str) -> str:
    """The text of a UHRI ``Text`` value: HTML reduced to plain text, else as given.

    Only a value with a tag or a character reference (``&amp;``) is read as HTML, so a
    plain "children < 15" or an address with "&Lang=en" stays untouched. In HTML, runs of
    whitespace are one space and paragraphs, list items and ``<br>`` are line breaks.
    """
    if not (_TAG.search(text) or _ENTITY.search(text)):
        return text.strip()
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def split_number(text: str) -> tuple[str, str]:
    """Split the paragraph number off a text: ``"4.The …"`` -> ``("4", "The …")`` and,
    as in the spreadsheet, ``"121.5 Ratify …"`` -> ``("121.5", "Ratify …")``."""
    match = _GLUED_NUMBER.fullmatch(text)
    if match:
        return match.group(1), match.group(2).strip()
    return split_paragraph_number(text)


# --- fields -------------------------------------------------------------------------------

_JSON_TYPES = {
    dict: "an object",
    list: "a list",
    bool: "true or false",
    int: "a number",
    float: "a number",
    str: "text",
}


def _kind(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _check_types(record: Record) -> None:
    """Refuse values of the wrong JSON type, naming the field, before anything is read."""
    values = record.values
    for field in _SCALARS:
        value = values.get(field)
        if value is not None and not isinstance(value, str):
            raise record.error(field, f"expected text, found {_kind(value)}")
    for field in _LISTS:
        _check_list(record, field, (str,))
    for field in _NUMBERS_OR_TEXT:
        _check_list(record, field, (str, int, float))
    date = values.get("PublicationDate")
    if date is not None and (isinstance(date, bool) or not isinstance(date, (str, int, float))):
        raise record.error("PublicationDate", f"expected a date, found {_kind(date)}")


def _check_list(record: Record, field: str, allowed: tuple[type, ...]) -> None:
    """A list of ``allowed`` values, one such value, or null."""
    value = record.values.get(field)
    what, whole = (
        ("text", "text or a list of texts")
        if allowed == (str,)
        else ("a number or text", "a number, text or a list of them")
    )

    def wrong(item: object) -> bool:
        return item is not None and (isinstance(item, bool) or not isinstance(item, allowed))

    if not isinstance(value, list):
        if wrong(value):
            raise record.error(field, f"expected {whole}, found {_kind(value)}")
        return
    for number, item in enumerate(value, start=1):
        if wrong(item):
            raise record.error(field, f"item {number}: expected {what}, found {_kind(item)}")


def _type(record: Record, text: str) -> str:
    """recommendation, concern, observation or pledge from ``- Recommendations``,
    ``- Concerns/Observations`` and the like (singular or plural, any case)."""
    values = record.many("AnnotationType")
    if not values:
        return "recommendation"  # as in the spreadsheet: UHRI mostly holds recommendations
    if len(values) > 1:
        raise record.error("AnnotationType", f"several types in one record: {values!r}")
    words = set()
    for part in re.split(r"\s*(?:/|\band\b|&)\s*", values[0].casefold()):
        word = " ".join(part.split()).strip(" .")
        word = _TYPE_WORDS.get(word) or _TYPE_WORDS.get(word.removesuffix("s"))
        if word is None:
            raise record.error("AnnotationType", f"unknown type {values[0]!r}")
        words.add(word)
    if words == {"concern", "observation"}:
        # The test the concluding-observations reader uses: one paragraph, one type.
        from rightstrack.ingest.formats.concluding_observations import CONCERN

        return "concern" if CONCERN.search(text) else "observation"
    if len(words) > 1:
        raise record.error("AnnotationType", f"unknown type {values[0]!r}")
    return words.pop()


def _position(record: Record) -> str | None:
    """None when UprPositions is empty; a State supporting some parts of a recommendation
    and noting others (two positions) has partially supported it."""
    found = set()
    for value in record.many("UprPositions"):
        try:
            word = position_word(value)
        except KeyError:
            raise record.error("UprPositions", f"unknown position {value!r}") from None
        if word:
            found.add(word)
    if len(found) > 1:
        return "partially_supported"
    return found.pop() if found else None


def _numbers(record: Record, field: str) -> list[object]:
    """The items of a field that may be a list, a text or a number; blanks dropped."""
    value = record.values.get(field)
    items = value if isinstance(value, list) else [value]
    return [item for item in items if item is not None and str(item).strip() != ""]


def _whole(record: Record, field: str, value: float) -> int:
    if not math.isfinite(value) or value != int(value):
        raise record.error(field, f"not a whole number: {value!r}")
    return int(value)


def _session(record: Record) -> tuple[int | None, int | None]:
    """The Working Group session and cycle from UprSession (``["34th session"]``,
    ``["34"]``, ``34``, ``"34th Session - Cycle 3"``) and UprCycle (``"Cycle 3"``,
    ``"3rd cycle"``, ``3``), checked against the calendar like the spreadsheet's."""
    sessions, cycles = set(), set()
    for item in _numbers(record, "UprSession"):
        if isinstance(item, (int, float)):
            sessions.add(_whole(record, "UprSession", item))
            continue
        text = " ".join(item.split())
        if text.isdecimal() and len(text) <= 3:  # ["34"]
            sessions.add(int(text))
            continue
        match = SESSION.fullmatch(text)
        if not match:
            raise record.error("UprSession", f"not a UPR session: {item!r}")
        sessions.add(int(match.group(1) or match.group(2)))
        if match.group(3) or match.group(4):
            cycles.add(int(match.group(3) or match.group(4)))
    for item in _numbers(record, "UprCycle"):
        if isinstance(item, (int, float)):
            cycles.add(_whole(record, "UprCycle", item))
            continue
        match = _CYCLE.fullmatch(" ".join(item.split()))
        if not match:
            raise record.error("UprCycle", f"not a UPR cycle: {item!r}")
        number = match.group(1) or match.group(2)
        cycles.add(int(number) if number else _ORDINALS[match.group(3).casefold()])
    if len(sessions) > 1:
        raise record.error("UprSession", f"several sessions in one record: {sorted(sessions)}")
    if len(cycles) > 1:
        raise record.error("UprCycle", f"several cycles in one record: {sorted(cycles)}")
    session = sessions.pop() if sessions else None
    cycle = cycles.pop() if cycles else None
    field = "UprCycle" if cycle is not None and record.values.get("UprCycle") is not None else "UprSession"
    shown = _shown(record, "UprSession", "UprCycle")
    return checked_session(record, field, shown, session, cycle)


def _shown(record: Record, *fields: str) -> str:
    """The raw values of ``fields``, for an error message."""
    return ", ".join(f"{field}={record.values.get(field)!r}" for field in fields)
