"""OHCHR "thematic list of UPR recommendations" Word files (.docx).

OHCHR publishes, for each UPR review, a Word table of the recommendations grouped by
theme. Layouts differ across cycles and offices (column order, column names, whether
themes, affected persons and SDGs share a cell), so columns are found by their header
text. A row whose first cell starts with ``Theme:`` or ``Right or area:`` opens a
thematic group (Word merges it across the row; python-docx repeats the merged text in
every cell). Every other row is one recommendation::

    121.1 Ratify the ICPPED (France) (Lithuania);
    Source of Position: A/HRC/43/15 - Para 121

Labelled lines (``Affected persons:``, ``SDGs:``, ``Source of position:``) may sit in
any cell; the lines after a label, usually bulleted with ``- ``, are its values.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from rightstrack.ingest.formats.base import ParseError, check_archive, position_word
from rightstrack.ingest.records import ParsedRecommendation
from rightstrack.ingest.text import split_paragraph_number, split_recommending_states, split_state_list


# Checked in order, the first role whose keyword occurs in a header wins: "Source of
# position" must not be taken for "Position", nor "Full list of themes, affected
# persons and SDGs" for an SDG column.
_ROLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("source", ("source of position", "source of the position", "position source")),
    ("comments", ("comment", "assessment", "implementation", "follow-up", "follow up")),
    ("states", ("recommending", "recommended by", "made by")),
    ("themes", ("theme", "right or area", "rights or areas", "issue")),
    ("sdgs", ("sdg", "sustainable development")),
    ("affected", ("affected", "groups of persons", "persons concerned")),
    ("position", ("position", "response")),
)
_TAG_ROLES = ("themes", "sdgs", "affected")
_GROUP_ROW = re.compile(r"^\s*(?:themes?|rights?\s+or\s+areas?)\s*:\s*(.*)$", re.I | re.S)
_LABEL = re.compile(
    r"^\s*(?P<label>source\s+of\s+(?:the\s+)?position|affected\s+persons|groups?\s+of\s+persons"
    r"|sdgs?|sustainable\s+development\s+goals?|(?:full\s+list\s+of\s+)?themes?)\s*:\s*(?P<rest>.*)$",
    re.I,
)
_BULLET = re.compile(r"^\s*[-\u2013\u2022\u00b7*]\s*")
_SYMBOL = re.compile(r"\b([A-Z]{1,8}(?:/[A-Za-z0-9.]+)+)")  # A/HRC/43/15/Add.1, A/HRC/WG.6/34/SVN/1
_SDG = re.compile(r"^(?:sdg|goal)?\s*(\d{1,2})(?:\.(\w{1,2}))?(?![\d\w])", re.I)


@dataclass
class _Context:
    """What every row needs: where it comes from and the facts of the whole file."""

    name: str
    columns: dict[str, int]
    country: str | None
    session: int | None
    is_state: Callable[[str], bool]

    def error(self, location: str, field: str, problem: str) -> ParseError:
        return ParseError(f"{self.name}: {location}: {field}: {problem}")


def parse(
    path: str | Path,
    *,
    country: str | None = None,
    session: int | None = None,
    is_state: Callable[[str], bool] | None = None,
) -> Iterator[ParsedRecommendation]:
    """Yield the recommendations of an OHCHR thematic-list .docx, once per paragraph.

    ``country`` and ``session`` default to what the document says (page header, title,
    paragraphs, rows above the table header), then to the file name (``UPR34_Slovenia_…``).
    ``is_state`` tells recommending States from other parentheses; it defaults to the
    built-in State list. While iterating, raises :class:`ParseError` (a ``ValueError``)
    naming the file, row and field on input it cannot read; nothing is yielded before
    the whole table has been read, so a bad row never leaves a partial import.
    """
    path = Path(path)
    if is_state is None:
        from rightstrack.reference.directory import lookup_builtin_state

        def is_state(name: str) -> bool:
            return lookup_builtin_state(name) is not None

    document = _open(path)
    tables = _recommendation_tables(document)
    if not tables:
        raise ParseError(f"{path.name}: no table with a 'Recommendation' column found")
    texts = _document_texts(document, tables[0][0], tables[0][1])
    if country is None:
        country = _country_from_texts(texts, is_state) or _country_from_name(path, is_state)
    if session is None:
        session = _session_from_texts(texts) or _name_parts(path)[0]
    records: dict[str, ParsedRecommendation] = {}
    for number, (table, header_row, columns) in enumerate(tables, start=1):
        prefix = f"table {number}, " if len(tables) > 1 else ""
        context = _Context(path.name, columns, country, session, is_state)
        _read_table(table, header_row, context, prefix, records)
    yield from records.values()


def detect(path: str | Path) -> bool:
    """True for a Word file holding a table with a recommendation column (and no more:
    a Working Group report in Word is prose, not such a table)."""
    try:
        return bool(_recommendation_tables(_open(Path(path))))
    except ParseError:
        return False


def _open(path: Path):
    """Open the Word file, turning every reader failure into a ParseError."""
    import docx  # python-docx; imported here so that importing the module stays cheap

    check_archive(path)
    try:
        return docx.Document(str(path))
    except Exception as exc:  # python-docx raises several unrelated types for bad files
        raise ParseError(f"{path.name}: not a readable Word .docx file ({exc})") from exc


def _recommendation_tables(document) -> list[tuple[object, int, dict[str, int]]]:
    """Every table with a recommendation column: ``(table, header row index, columns)``."""
    found = []
    for table in document.tables:
        for index, row in enumerate(table.rows[:3]):  # a title row may come first
            columns = _header_columns([cell.text for cell in row.cells])
            if "recommendation" in columns:
                found.append((table, index, columns))
                break
    return found


def _header_columns(cells: list[str]) -> dict[str, int]:
    """Map each column role to the index of the first header cell that names it."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        header = " ".join(cell.split()).casefold()
        if not header or len(header) > 80 or split_paragraph_number(header)[0]:
            continue  # a data row, not a header
        role = _header_role(header)
        if role:
            columns.setdefault(role, index)
    return columns


def _header_role(header: str) -> str | None:
    """The role of one header, by keyword; see ``_ROLES``."""
    for role, keywords in _ROLES:
        if any(keyword in header for keyword in keywords):
            return role
    # Only a header *starting* with it: "Source of recommendation" names a body, not text.
    if header.startswith("recommendation") or header in ("text", "recommendation text"):
        return "recommendation"
    return None


def _read_table(table, header_row: int, context: _Context, prefix: str, records: dict) -> None:
    """Parse the rows under the header into ``records`` (keyed by paragraph number)."""
    group = ""
    header = [cell.text for cell in table.rows[header_row].cells]
    text_column = context.columns["recommendation"]
    for index, row in enumerate(table.rows[header_row + 1 :], start=header_row + 2):
        cells = [cell.text for cell in row.cells]
        # Group rows are usually merged across the row; if not, the label sits in the
        # first cell or in the recommendation column.
        firsts = cells[:1] + cells[text_column : text_column + 1]
        match = next(filter(None, (_GROUP_ROW.match(cell) for cell in firsts)), None)
        if match:
            group = " ".join(match.group(1).split())
            continue
        if not any(cell.strip() for cell in cells) or cells == header:
            continue  # spacer rows, headers repeated on each page
        record = _parse_row(cells, context, f"{prefix}row {index}")
        _add(records, record, group, context)


def _add(records: dict, record: ParsedRecommendation, group: str, context: _Context) -> None:
    """Store a record; a paragraph listed again under another theme is merged, not doubled."""
    key = record.paragraph or record.text
    first = records.get(key)
    if first is None:
        record.subject = group
        records[key] = record
        return
    if (first.text, first.position, first.position_source) != (
        record.text, record.position, record.position_source,
    ):
        raise context.error(record.location, "recommendation",
                            f"paragraph {key} differs from the one in {first.location}")
    themes = first.tags.get("uhri-themes", [])
    for theme in [group, *record.tags.get("uhri-themes", [])]:
        if theme and theme not in themes:
            themes.append(theme)
    if themes:
        first.tags["uhri-themes"] = themes


def _parse_row(cells: list[str], context: _Context, location: str) -> ParsedRecommendation:
    """Turn one recommendation row into a record."""
    columns = context.columns

    def cell(role: str) -> str:
        index = columns.get(role)
        return cells[index] if index is not None and index < len(cells) else ""

    sections = _sections(cell("recommendation"), "text")
    for role in _TAG_ROLES:
        for key, values in _sections(cell(role), role).items():
            sections.setdefault(key, []).extend(values)
    paragraph, body = split_paragraph_number(" ".join(sections.pop("text", [])))
    text, states = split_recommending_states(body, context.is_state)
    if not text:
        raise context.error(location, "recommendation", "no recommendation text")
    if cell("states").strip():
        states = split_state_list(cell("states"), context.is_state)
    source_text = " ".join(sections.pop("source", [])) or cell("source")
    source = _position_source(source_text, context, location)
    return ParsedRecommendation(
        text=text,
        mechanism="UPR",
        country=context.country,
        paragraph=paragraph,
        document_symbol=re.sub(r"/Add\.\d+$", "", source, flags=re.I),
        session=context.session,
        position=_position(cell("position"), "position" in columns, context, location),
        position_source=source,
        recommending_states=states,
        tags=_tags(sections, context, location),
        comments=cell("comments").strip(),
        location=location,
    )


def _sections(text: str, default: str) -> dict[str, list[str]]:
    """Split a cell into labelled sections: ``{"affected": [...], "sdgs": [...], ...}``.

    Lines before any label belong to ``default``. Bullets are kept here (the text of a
    recommendation may start with a dash); ``_values`` removes them from tag values.
    """
    sections: dict[str, list[str]] = {}
    current = default
    for line in (text or "").splitlines():
        match = _LABEL.match(line)
        if match:
            current = _label_role(match.group("label"))
            line = match.group("rest")
        if line.strip():
            sections.setdefault(current, []).append(line.strip())
    return sections


def _label_role(label: str) -> str:
    """The section a cell label opens."""
    label = label.casefold()
    if label.startswith("source"):
        return "source"
    if "theme" in label:
        return "themes"
    if label.startswith(("sdg", "sustainable")):
        return "sdgs"
    return "affected"


def _values(lines: list[str]) -> list[str]:
    """Tag values without bullets, blanks or repeats, in order."""
    values: list[str] = []
    for line in lines:
        value = " ".join(_BULLET.sub("", line).split())
        if value and value not in values:
            values.append(value)
    return values


def _tags(sections: dict[str, list[str]], context: _Context, location: str) -> dict[str, list[str]]:
    """The taxonomy tags of a row, by slug, leaving out the empty ones."""
    goals, targets = _sdg_codes(_values(sections.get("sdgs", [])), context, location)
    tags = {
        "uhri-themes": _values(sections.get("themes", [])),
        "affected-persons": _values(sections.get("affected", [])),
        "sdg-goals": goals,
        "sdg-targets": targets,
    }
    return {slug: values for slug, values in tags.items() if values}


def _sdg_codes(values: list[str], context: _Context, location: str) -> tuple[list[str], list[str]]:
    """Goal numbers ("16") and targets ("16.2") from lines like ``16 - PEACE, JUSTICE…``."""
    goals: list[str] = []
    targets: list[str] = []
    for value in values:
        match = _SDG.match(value)
        if not match or not 1 <= int(match.group(1)) <= 17:
            raise context.error(location, "SDGs", f"not an SDG goal or target: {value!r}")
        goal = str(int(match.group(1)))
        if goal not in goals:
            goals.append(goal)
        if match.group(2) and f"{goal}.{match.group(2)}" not in targets:
            targets.append(f"{goal}.{match.group(2)}")
    return goals, targets


def _position_source(text: str, context: _Context, location: str) -> str:
    """The document symbol in ``A/HRC/43/15/Add.1 - Para.3`` (empty when not given)."""
    if not text.strip():
        return ""
    match = _SYMBOL.search(text)
    if not match:
        raise context.error(location, "source of position", f"no document symbol in {text.strip()!r}")
    return match.group(1).rstrip(".")


def _position(value: str, has_column: bool, context: _Context, location: str) -> str | None:
    """Normalise the position cell; None only when the table has no position column."""
    if not has_column:
        return None
    try:
        position = position_word(value)
    except KeyError:
        position = ""
    if not position:
        raise context.error(location, "position", f"unknown position {value.strip()!r}")
    return position


def _document_texts(document, table, header_row: int) -> list[str]:
    """Text that may name the State and session: title, page headers, body, table title."""
    texts = [document.core_properties.title or ""]
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.even_page_header):
            if not part.is_linked_to_previous:  # reading a linked part would create it
                texts += [paragraph.text for paragraph in part.paragraphs]
    texts += [paragraph.text for paragraph in document.paragraphs]
    for row in table.rows[:header_row]:
        texts += list(dict.fromkeys(cell.text for cell in row.cells))
    return [text for text in texts if text.strip()]


_COUNTRY_IN_TEXT = re.compile(
    r"\b(?:UPR|Universal\s+Periodic\s+Review)\s+of\s+(?:the\s+)?(?P<name>[^\t\n]+?)"
    r"\s*(?:\((?=[^)]*(?:cycle|session))|[\t\n]|\s[-\u2013\u2014:]\s|,|$)",
    re.I,
)
_SESSION_IN_TEXT = (
    # "the 43rd session of the Human Rights Council" is not a UPR Working Group session
    re.compile(
        r"\b(\d{1,2})\s*(?:st|nd|rd|th)?\s+session\b(?!\s+of\s+the\s+(?:human\s+rights\s+)?council)", re.I
    ),
    re.compile(r"\bsession\s*(?:no\.?\s*)?(\d{1,2})\b", re.I),
    re.compile(r"\bUPR\s*-?\s*(\d{1,2})\b"),
)
_NAME_STOP_WORDS = {"thematic", "list", "matrix", "matrice", "recommendations", "recommendation",
                    "e", "en", "eng", "infographic", "final", "updated"}


def _country_from_texts(texts: list[str], is_state: Callable[[str], bool]) -> str | None:
    """The State under review, from e.g. "UPR of Slovenia (3rd Cycle - 34th Session)".

    A name that is a State wins; words are dropped from the end of a candidate until it
    is one ("UPR of Slovenia in 2019"); failing that, the first candidate is kept as
    written, for the ingest step to resolve or report.
    """
    fallback = None
    for text in texts:
        for match in _COUNTRY_IN_TEXT.finditer(text):
            words = match.group("name").split()
            for size in range(len(words), 0, -1):
                if is_state(" ".join(words[:size])):
                    return " ".join(words[:size])
            fallback = fallback or " ".join(words) or None
    return fallback


def _session_from_texts(texts: list[str]) -> int | None:
    """The UPR session, from e.g. "34th Session", "Session 34" or "UPR 34"."""
    for pattern in _SESSION_IN_TEXT:
        for text in texts:
            match = pattern.search(text)
            if match and 1 <= int(match.group(1)) <= 99:
                return int(match.group(1))
    return None


def _name_parts(path: Path) -> tuple[int | None, list[str]]:
    """``UPR34_Slovenia_Thematic_list…`` -> ``(34, ["Slovenia", "Thematic", ...])``."""
    match = re.match(r"UPR[\s_\-]*(\d{1,2})[\s_\-]+(.*)$", path.stem, re.I)
    if not match:
        return None, []
    return int(match.group(1)), [part for part in re.split(r"[\s_\-]+", match.group(2)) if part]


def _country_from_name(path: Path, is_state: Callable[[str], bool]) -> str | None:
    """The State in a file name like ``UPR20__Slovenia_Thematic…``, if it is one."""
    words = []
    for part in _name_parts(path)[1]:
        if part.casefold() in _NAME_STOP_WORDS:
            break
        words.append(part)
    name = " ".join(words)
    # File names are loose, so a guess is kept only when it really names a State.
    return name if name and is_state(name) else None
