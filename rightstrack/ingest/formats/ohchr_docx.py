"""OHCHR "thematic list of UPR recommendations" Word files (.docx).

OHCHR publishes, for each UPR review, a Word table of the recommendations grouped by
theme. Layouts differ across cycles and offices (column order, header wording, merged
header cells, tables split over pages, no header at all, whether themes, affected
persons and SDGs share a cell); :mod:`.ohchr_columns` finds the columns by header and by
content. A row ``Theme: …`` or ``Right or area: …``, or one holding just a theme's name,
opens a thematic group (Word merges it across the row; python-docx repeats the merged
text in every cell); another text merged across the row is a caption. Every other row is
one recommendation::

    121.1 Ratify the ICPPED (France) (Lithuania);
    Source of Position: A/HRC/43/15 - Para 121

The paragraph number may instead have a column of its own: ``121.1``, or a bare ``1``
that a caption ("Recommendations in paragraph 121") or the column header ("Para. 121")
places in its report paragraph; without one, a bare number is kept as written.

Labelled lines (``Affected persons:``, ``SDGs:``, ``Source of position:``) may sit in
any cell; the lines after a label, usually bulleted with ``- ``, are its values.

Tags follow the importer's contract: a taxonomy slug in ``tags`` means the list gives
that taxonomy (an empty list: "none" for this recommendation), an absent slug that it
says nothing about it. A list gives a taxonomy when it has a column for it or a labelled
section of it in any row, so the same list reads the same whichever layout it has.
``sdg-targets`` is given only by a list that names targets (``16.2``) somewhere; most
name goals only. ``position`` is None when there is no position column or its cell is
empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rightstrack.ingest.formats.base import ParseError, check_archive, position_word
from rightstrack.ingest.formats.ohchr_columns import (
    BULLET,
    LABEL,
    PARAGRAPH_PREFIX,
    ROLES,
    SDG_LINE,
    SYMBOL,
    Column,
    Grid,
    Layout,
    find_layout,
    group_label,
    is_group_row,
    is_position,
    is_state_list,
    opens_with_paragraph,
    promote_listed_groups,
    read_grid,
)
from rightstrack.ingest.records import ParsedRecommendation
from rightstrack.ingest.text import split_paragraph_number, split_recommending_states, split_state_list

_SDG = re.compile(r"^(?:sdg|goal)?\s*(\d{1,2})(?:\.(\w{1,2}))?(?![\d\w])", re.I)
_SOURCE_START = re.compile(r"^[A-Z]{1,8}/")
_SLUGS = ("uhri-themes", "affected-persons", "sdg-goals", "sdg-targets")


@dataclass
class _Context:
    """What every row needs: where it comes from and the facts of the whole file."""

    name: str
    country: str | None
    session: int | None
    is_state: Callable[[str], bool]

    def error(self, location: str, field: str, problem: str) -> ParseError:
        return ParseError(f"{self.name}: {location}: {field}: {problem}")


@dataclass
class _Records:
    """The records read so far, keyed by paragraph, with the group rows each stood under."""

    by_key: dict[str, ParsedRecommendation]
    groups: dict[str, list[str]]
    group: str = ""  # the current group: a table continued over pages keeps it
    prefix: str = ""  # the report paragraph of bare numbers, from the last caption naming one


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
    tables = _recommendation_tables(document, is_state)
    if not tables:
        raise ParseError(f"{path.name}: no table with a 'Recommendation' column found")
    texts = _document_texts(document, *tables[0])
    if country is None:
        country = _country_from_texts(texts, is_state) or _country_from_name(path, is_state)
    if session is None:
        session = _session_from_texts(texts) or _name_parts(path)[0]
    context = _Context(path.name, country, session, is_state)
    records = _Records({}, {})
    for number, (grid, layout) in enumerate(tables, start=1):
        prefix = f"table {number}, " if len(tables) > 1 else ""
        _read_table(grid, layout, context, prefix, records)
    _complete_tags(records)
    yield from records.by_key.values()


def detect(path: str | Path) -> bool:
    """True for a Word file holding a table with a recommendation column (and no more:
    a Working Group report in Word is prose, not such a table)."""
    try:
        return bool(_recommendation_tables(_open(Path(path)), lambda name: False))
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


def _recommendation_tables(document, is_state: Callable[[str], bool]) -> list[tuple[Grid, Layout]]:
    """Every table with a recommendation column, with how to read it."""
    found: list[tuple[Grid, Layout]] = []
    for table in document.tables:
        grid = read_grid(table)
        if not grid.texts:
            continue
        previous = found[-1][1] if found else None
        layout = find_layout(grid, previous, is_state)
        if layout is not None and promote_listed_groups(grid, layout):
            layout = find_layout(grid, previous, is_state)  # the new groups may tell themes apart
        if layout is not None:
            found.append((grid, layout))
    return found


def _read_table(grid: Grid, layout: Layout, context: _Context, prefix: str, records: _Records) -> None:
    """Parse the rows under the header into ``records``."""
    # Read columns in role order, so that values come out in the same order whatever
    # the column order of the file.
    columns = sorted(layout.columns, key=lambda column: (ROLES.index(column.roles[0]), column.index))
    records.prefix = layout.prefix or records.prefix
    numbered = layout.column_of("number") is not None
    for index in range(layout.data_start, len(grid.texts)):
        cells = grid.texts[index]
        if is_group_row(grid, index):
            records.group = group_label(grid, index)
            continue
        if not any(cell.strip() for cell in cells) or cells in layout.headers:
            continue  # spacer rows, headers repeated on each page
        # A caption merged across the table, or (where numbers have a column, so a
        # recommendation fills more than one cell) a text alone in the first cell.
        if (grid.whole[index] and not opens_with_paragraph(cells[0])) or (numbered and index in grid.candidates):
            match = PARAGRAPH_PREFIX.search(cells[0])
            records.prefix = match.group(1) if match else records.prefix
            continue
        record = _parse_row(cells, columns, context, f"{prefix}row {index + 1}", records.prefix)
        _add(records, record, context)


def _add(records: _Records, record: ParsedRecommendation, context: _Context) -> None:
    """Store a record; a paragraph listed again under another theme is merged, not doubled."""
    key = record.paragraph or record.text
    group = records.group
    first = records.by_key.get(key)
    if first is None:
        record.subject = group
        records.by_key[key] = record
        records.groups[key] = [group] if group else []
        return
    if (first.text, first.position, first.position_source) != (
        record.text,
        record.position,
        record.position_source,
    ):
        raise context.error(
            record.location, "recommendation", f"paragraph {key} differs from the one in {first.location}"
        )
    if group and group not in records.groups[key]:
        records.groups[key].append(group)
    if "uhri-themes" in first.tags:
        themes = first.tags["uhri-themes"]
        for theme in [group, *record.tags.get("uhri-themes", [])]:
            if theme and theme not in themes:
                themes.append(theme)


def _complete_tags(records: _Records) -> None:
    """Give every record the taxonomies the list gives (see the module docstring)."""
    given = {slug for record in records.by_key.values() for slug in record.tags}
    if "uhri-themes" not in given and any(records.groups.values()):
        # No theme column: the group rows are the themes.
        for key, record in records.by_key.items():
            record.tags["uhri-themes"] = list(records.groups[key])
        given.add("uhri-themes")
    if not any(record.tags.get("sdg-targets") for record in records.by_key.values()):
        given.discard("sdg-targets")
    for record in records.by_key.values():
        for slug in _SLUGS:  # in a fixed order, so that records print and serialise alike
            if slug in given:
                record.tags.setdefault(slug, [])
            else:
                record.tags.pop(slug, None)


def _parse_row(
    cells: list[str], columns: list[Column], context: _Context, location: str, prefix: str = ""
) -> ParsedRecommendation:
    """Turn one recommendation row into a record; ``prefix`` is the report paragraph of
    a bare number in a number column."""
    sections: dict[str, list[str]] = {}
    for column in columns:
        text = cells[column.index] if column.index < len(cells) else ""
        for role in column.roles:
            sections.setdefault(role, [])
        for role, values in _sections(text, column.roles, context.is_state).items():
            sections.setdefault(role, []).extend(values)
    paragraph, body = split_paragraph_number(" ".join(sections.get("recommendation", [])))
    paragraph = _numbered(paragraph, " ".join(sections.get("number", [])), prefix, context, location)
    text, states = split_recommending_states(body, context.is_state)
    if not text:
        raise context.error(location, "recommendation", "no recommendation text")
    if sections.get("states"):
        states = split_state_list("\n".join(sections["states"]), context.is_state)
    source = _position_source(" ".join(sections.get("source", [])), context, location)
    return ParsedRecommendation(
        text=text,
        mechanism="UPR",
        country=context.country,
        paragraph=paragraph,
        document_symbol=re.sub(r"/Add\.\d+$", "", source, flags=re.I),
        session=context.session,
        position=_position(" ".join(sections.get("position", [])), context, location),
        position_source=source,
        recommending_states=states,
        tags=_tags(sections, context, location),
        comments="\n".join(sections.get("comments", [])).strip(),
        location=location,
    )


def _numbered(in_text: str, in_column: str, prefix: str, context: _Context, location: str) -> str:
    """The paragraph of a row from its text's number and its number column's.

    A bare column number (``3``) takes the report paragraph of the caption above it
    (``122.3``), or stays bare when the list names none. When the text opens with a
    number too, the column must agree with it, or be a running count (bare) beside it.
    """
    number = in_column.strip().rstrip(".")
    if not number:
        return in_text
    if "." not in number and prefix and not in_text:
        number = f"{prefix}.{number}"
    if in_text and number != in_text and "." in number:
        raise context.error(location, "paragraph number", f"{number!r} but the text opens with {in_text!r}")
    return in_text or number


def _sections(text: str, roles: tuple[str, ...], is_state: Callable[[str], bool]) -> dict[str, list[str]]:
    """Split a cell into labelled sections: ``{"affected": [...], "sdgs": [...], ...}``.

    Lines before any label go to the column's first role, or to another role its header
    names when the line plainly is one (an SDG line in a "Themes and SDGs" cell). A label
    with nothing after it still opens its section: the list says "none". Bullets are
    kept here (a recommendation may start with a dash); ``_values`` removes them.
    """
    sections: dict[str, list[str]] = {}
    current = None
    for number, line in enumerate((text or "").splitlines()):
        match = LABEL.match(line)
        if match:
            current = _label_role(match.group("label"))
            sections.setdefault(current, [])
            line = match.group("rest")
        if line.strip():
            role = current or _route(line.strip(), roles, number, is_state)
            sections.setdefault(role, []).append(line.strip())
    return sections


def _route(line: str, roles: tuple[str, ...], number: int, is_state: Callable[[str], bool]) -> str:
    """The role of an unlabelled line in a column whose header names several."""
    others = roles[1:]
    bare = BULLET.sub("", line).strip()
    if "sdgs" in others and SDG_LINE.match(bare):
        return "sdgs"
    if "source" in others and _SOURCE_START.match(bare):
        return "source"
    if "position" in others and is_position(bare):
        return "position"
    if "states" in others and number > 0 and is_state_list(bare, is_state):  # the first line holds the text
        return "states"
    return roles[0]


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
        value = " ".join(BULLET.sub("", line).split())
        if value and value not in values:
            values.append(value)
    return values


def _tags(sections: dict[str, list[str]], context: _Context, location: str) -> dict[str, list[str]]:
    """The taxonomy tags of a row, by slug: one for each taxonomy the row has a column
    or a section for, even when it is empty."""
    tags: dict[str, list[str]] = {}
    if "themes" in sections:
        tags["uhri-themes"] = _values(sections["themes"])
    if "affected" in sections:
        tags["affected-persons"] = _values(sections["affected"])
    if "sdgs" in sections:
        tags["sdg-goals"], tags["sdg-targets"] = _sdg_codes(_values(sections["sdgs"]), context, location)
    return tags


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
    match = SYMBOL.search(text)
    if not match:
        raise context.error(location, "source of position", f"no document symbol in {text.strip()!r}")
    return match.group(1).rstrip(".")


def _position(value: str, context: _Context, location: str) -> str | None:
    """Normalise the position cell; None when the list gives none (no column, empty cell)."""
    if not value.strip():
        return None
    try:
        position = position_word(value)
    except KeyError:
        position = None
    if not position:
        raise context.error(location, "position", f"unknown position {value.strip()!r}")
    return position


def _document_texts(document, grid: Grid, layout: Layout) -> list[str]:
    """Text that may name the State and session: title, page headers, body, table title."""
    texts = [document.core_properties.title or ""]
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.even_page_header):
            if not part.is_linked_to_previous:  # reading a linked part would create it
                texts += [paragraph.text for paragraph in part.paragraphs]
    texts += [paragraph.text for paragraph in document.paragraphs]
    for cells in grid.texts[: layout.data_start]:
        if cells not in layout.headers:
            texts += list(dict.fromkeys(cells))
    return [text for text in texts if text.strip()]


_COUNTRY_IN_TEXT = re.compile(
    r"\b(?:UPR|Universal\s+Periodic\s+Review)\s+of\s+(?:the\s+)?(?P<name>[^\t\n]+?)"
    r"\s*(?:\((?=[^)]*(?:cycle|session))|[\t\n]|\s[-\u2013\u2014:]\s|,|$)",
    re.I,
)
_SESSION_IN_TEXT = (
    # "the 43rd session of the Human Rights Council" is not a UPR Working Group session
    re.compile(r"\b(\d{1,2})\s*(?:st|nd|rd|th)?\s+session\b(?!\s+of\s+the\s+(?:human\s+rights\s+)?council)", re.I),
    re.compile(r"\bsession\s*(?:no\.?\s*)?(\d{1,2})\b", re.I),
    re.compile(r"\bUPR\s*-?\s*(\d{1,2})\b"),
)
_NAME_STOP_WORDS = {
    "thematic",
    "list",
    "matrix",
    "matrice",
    "recommendations",
    "recommendation",
    "e",
    "en",
    "eng",
    "infographic",
    "final",
    "updated",
}


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
