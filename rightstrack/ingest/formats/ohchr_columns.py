"""Finding the columns of an OHCHR thematic-list table, by header and by content.

OHCHR's Word lists changed across cycles: column order, header wording ("Position",
"Response"), headers naming two things ("Recommendation / Recommending State"), headers
of two rows with merged cells, tables continued over pages with or without the header
repeated, and tables with no header at all. So a column's roles come first from its
header and, where the header is missing, merged over several columns or names a role an
earlier column already holds, from what its cells look like: paragraph numbers open
recommendations, "Supported"/"Noted" are positions, ``16 - PEACE…`` lines are SDGs,
``- `` lists of labels are themes or affected persons.

A :class:`Column` has an ordered tuple of roles: the first gets the lines of a cell that
no label (``SDGs:``) claims; the others are what the header also names, so that, say, an
SDG line in a "Themes and SDGs" cell goes to the SDGs.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Callable

from rightstrack.ingest.formats.base import position_word
from rightstrack.ingest.text import split_paragraph_number, split_state_list

# The order in which a row's columns are read, so that tag values come out in the same
# order whatever the column order of the file.
ROLES = ("recommendation", "states", "position", "source", "themes", "sdgs", "affected", "comments")

GROUP_ROW = re.compile(r"^\s*(?:themes?|rights?\s+or\s+areas?)\s*:\s*(.*)$", re.I | re.S)
LABEL = re.compile(
    r"^\s*(?P<label>source\s+of\s+(?:the\s+)?position|affected\s+persons|groups?\s+of\s+persons"
    r"|sdgs?|sustainable\s+development\s+goals?|(?:full\s+list\s+of\s+)?themes?)\s*:\s*(?P<rest>.*)$",
    re.I,
)
BULLET = re.compile(r"^\s*[-\u2013\u2022\u00b7*]\s*")
SYMBOL = re.compile(r"\b([A-Z]{1,8}(?:/[A-Za-z0-9.]+)+)")  # A/HRC/43/15/Add.1, A/HRC/WG.6/34/SVN/1
# A whole SDG line: "16", "16.2", "16 - PEACE, JUSTICE…", "SDG 5.a: …" ("2030 Agenda" is not).
SDG_LINE = re.compile(r"^(?:sdg|goal)?\s*\d{1,2}(?:\.\w{1,2})?(?:\s*[-\u2013\u2014:]\s*\S.*)?$", re.I)
_SOURCE_LINE = re.compile(r"^\s*(?i:source\s+of\s+(?:the\s+)?position\s*:\s*)?[A-Z]{1,8}/")

# Header keywords, tried in this order; each match is blanked out before the next role
# is tried, so "Source of position" is not also a "Position".
_HEADER_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(pattern))
    for role, pattern in (
        ("source", r"source\s+of\s+(?:the\s+)?position|position\s+source"),
        ("states", r"recommending|recommended\s+by|made\s+by|^states?(?:\s*\(s\))?$"),
        ("themes", r"theme|rights?\s+or\s+areas?|issue"),
        ("sdgs", r"sdg|sustainable\s+development"),
        ("affected", r"affected|groups?\s+of\s+persons|persons\s+concerned"),
        ("position", r"position|response"),
        ("recommendation", r"recommendation|^text$"),
    )
)
_COMMENTS_HEADER = re.compile(r"comment|assessment|implementation|follow[\s-]?up")
_MAX_HEADER = 80
_HEADER_SCAN = 6  # rows at the top of a table that may be titles or header rows


@dataclass(frozen=True)
class Column:
    """One column of a table and what it holds; ``roles[0]`` gets unlabelled lines."""

    index: int
    roles: tuple[str, ...]


@dataclass
class Layout:
    """How to read one table: its columns, its first data row and its header rows."""

    columns: list[Column]
    data_start: int
    headers: list[list[str]]
    width: int

    def column_of(self, role: str) -> Column | None:
        """The column whose first role is ``role``."""
        return next((column for column in self.columns if column.roles[0] == role), None)


@dataclass
class Grid:
    """A table's cell texts, one list per row over the layout grid, with merges marked.

    python-docx repeats a merged cell once per grid column it spans (and the cell above
    for a vertical merge); ``ids[r][c]`` identifies the Word cell under grid column
    ``c``, so equal neighbours are one merged cell; ``whole[r]`` says one cell covers
    the whole row.
    """

    texts: list[list[str]]
    ids: list[list[int]]
    whole: list[bool]

    def spanned(self, row: int, index: int) -> bool:
        """True when the cell at ``index`` is merged with a neighbouring column's."""
        ids = self.ids[row]
        return (index > 0 and ids[index - 1] == ids[index]) or (
            index + 1 < len(ids) and ids[index + 1] == ids[index])


def read_grid(table) -> Grid:
    """Read every row of a python-docx table into a :class:`Grid`."""
    texts, ids, whole = [], [], []
    width = len(table.columns)
    for row in table.rows:
        # Word lets a row start after the first grid column or end before the last.
        cells = [None] * row.grid_cols_before + list(row.cells) + [None] * row.grid_cols_after
        cells += [None] * (width - len(cells))
        row_ids = [id(cell._tc) if cell is not None else -1 - index for index, cell in enumerate(cells)]
        texts.append([cell.text if cell is not None else "" for cell in cells])
        ids.append(row_ids)
        whole.append(len(cells) > 1 and len(set(row_ids)) == 1)
    width = max((len(cells) for cells in texts), default=0)  # a damaged grid may be ragged
    for row, cells in enumerate(texts):
        ids[row] += [-1 - index for index in range(len(cells), width)]
        cells += [""] * (width - len(cells))
    return Grid(texts, ids, whole)


def header_roles(text: str) -> tuple[str, ...]:
    """The roles a header cell names, the one to give unlabelled lines first."""
    header = " ".join(text.split()).casefold()
    if not header or len(header) > _MAX_HEADER or split_paragraph_number(header)[0]:
        return ()
    if _COMMENTS_HEADER.search(header):
        return ("comments",)  # "Assessment/comments on level of implementation" names nothing else
    # "Source of recommendation" names the body that made it, not the text
    header = re.sub(r"source\s+of\s+(?:the\s+)?recommendations?", " ", header)
    found: list[tuple[int, str]] = []
    for role, pattern in _HEADER_ROLES:
        match = pattern.search(header)
        if match:
            found.append((match.start(), role))
            header = header[: match.start()] + " " * (match.end() - match.start()) + header[match.end():]
    roles = [role for _, role in sorted(found)]
    if "recommendation" in roles:
        roles.remove("recommendation")
        roles.insert(0, "recommendation")
        if re.search(r"\bsource\b", header) and "source" not in roles:
            roles.append("source")  # "Recommendation and Source"
    return tuple(roles)


def opens_with_paragraph(cell: str) -> bool:
    """A cell opening with a paragraph number and text (``121.1 Ratify…``); an SDG
    target line (``16.2 - End abuse``) does not."""
    number, rest = split_paragraph_number(cell.strip())
    return bool(number and rest) and not re.match(r"[-\u2013\u2014:]", rest)


def is_data_row(cells: list[str]) -> bool:
    """A row with a cell opening with a paragraph number."""
    return any(opens_with_paragraph(cell) for cell in cells)


def is_group_row(grid: Grid, row: int) -> bool:
    """A row opening a thematic group: ``Theme: …`` merged across the row, or written
    in one cell with the others empty or repeating it."""
    cells = [cell for cell in grid.texts[row] if cell.strip()]
    return bool(cells) and all(cell == cells[0] for cell in cells) and bool(GROUP_ROW.match(cells[0]))


def group_label(grid: Grid, row: int) -> str:
    """The theme a group row opens (``Theme: Migrants`` -> ``Migrants``)."""
    cell = next(cell for cell in grid.texts[row] if cell.strip())
    return " ".join(GROUP_ROW.match(cell).group(1).split())


def find_layout(grid: Grid, previous: Layout | None, is_state: Callable[[str], bool]) -> Layout | None:
    """How to read this table, or None when it holds no recommendations.

    A table without a header row that has as many columns as the previous one continues
    it (a table split across pages) when its cells agree; otherwise its columns are
    found by header and content. A "header" whose recommendation column holds no
    paragraph numbers while another column does was a title row: it is read without.
    """
    header_rows, data_start = _header_rows(grid)
    width = len(grid.texts[0]) if grid.texts else 0
    if not header_rows and previous is not None and previous.width == width:
        layout = Layout(previous.columns, data_start, previous.headers, width)
        if _numbered_share(grid, layout, layout.column_of("recommendation").index) >= 0.5:
            return layout
    layout = _columns(grid, header_rows, data_start, is_state)
    column = layout.column_of("recommendation")
    if header_rows and (column is None or _numbered_share(grid, layout, column.index) < 0.5):
        if any(_numbered_share(grid, layout, index) >= 0.5 for index in range(width)):
            layout = _columns(grid, [], data_start, is_state)
    return layout if layout.column_of("recommendation") else None


def _columns(grid: Grid, header_rows: list[int], data_start: int, is_state: Callable[[str], bool]) -> Layout:
    """Give each column its roles: by header first, then by content for the others."""
    width = len(grid.texts[0])
    layout = Layout([], data_start, [grid.texts[row] for row in header_rows], width)
    columns: dict[int, tuple[str, ...]] = {}
    leftovers: dict[int, bool] = {}  # column -> whether its header leaves it open to anything
    taken: set[str] = set()
    for index in range(width):
        roles = _column_header(grid, header_rows, index)
        if roles and roles[0] not in taken:
            columns[index] = roles
            taken.add(roles[0])
        else:
            leftovers[index] = bool(roles) or not _named(grid, header_rows, index)
    _by_content(grid, layout, leftovers, columns, taken, is_state)
    layout.columns = [Column(index, roles) for index, roles in sorted(columns.items())]
    return layout


def _numbered_share(grid: Grid, layout: Layout, index: int) -> float:
    """The share of a column's cells that open with a paragraph number."""
    return _share(_column_cells(grid, layout, index), opens_with_paragraph)


def _header_rows(grid: Grid) -> tuple[list[int], int]:
    """The header rows at the top of a table and the index of its first data row.

    Rows above the first data or group row that name a role are header rows; rows above
    them (a merged title) are left out. Without a header the data start at the first
    data or group row.
    """
    header_rows: list[int] = []
    for row in range(min(len(grid.texts), _HEADER_SCAN)):
        cells = grid.texts[row]
        if is_data_row(cells) or is_group_row(grid, row):
            return header_rows, (header_rows[-1] + 1 if header_rows else row)
        if not grid.whole[row] and any(header_roles(cell) for cell in cells):
            header_rows.append(row)
    return header_rows, (header_rows[-1] + 1 if header_rows else 0)


def _column_header(grid: Grid, header_rows: list[int], index: int) -> tuple[str, ...]:
    """The roles the header rows give a column, from the lowest row that names one.

    A header cell merged over several columns ("Full list of themes" over themes,
    affected persons and SDGs) names only the first of them, unless a lower row names
    them one by one; the others are left to their content.
    """
    fallback: tuple[str, ...] = ()
    for row in reversed(header_rows):
        roles = header_roles(grid.texts[row][index])
        if roles and not grid.spanned(row, index):
            return roles
        follower = index > 0 and grid.ids[row][index - 1] == grid.ids[row][index]
        if roles and not fallback and not follower:
            fallback = roles
    return fallback


def _named(grid: Grid, header_rows: list[int], index: int) -> bool:
    """True when a header cell of this column alone has a text (a role or not)."""
    return any(
        grid.texts[row][index].strip() and not (index > 0 and grid.ids[row][index - 1] == grid.ids[row][index])
        for row in header_rows
    )


def _column_cells(grid: Grid, layout: Layout, index: int) -> list[str]:
    """The non-empty cells of a column in the data rows (not groups or repeated headers)."""
    cells = []
    for row in range(layout.data_start, len(grid.texts)):
        texts = grid.texts[row]
        if grid.whole[row] or is_group_row(grid, row) or texts in layout.headers or index >= len(texts):
            continue
        if texts[index].strip():
            cells.append(texts[index])
    return cells


def _share(cells: list[str], test: Callable[[str], bool]) -> float:
    """The share of ``cells`` that pass ``test`` (0 for no cells)."""
    return sum(1 for cell in cells if test(cell)) / len(cells) if cells else 0.0


def _lines(cell: str) -> list[str]:
    """The non-empty lines of a cell, bullets removed."""
    return [line for line in (BULLET.sub("", raw).strip() for raw in cell.splitlines()) if line]


def is_position(text: str) -> bool:
    """A cell that states a position ("Supported", "Noted.", "Accepted/Noted")."""
    try:
        return bool(position_word(text))
    except KeyError:
        return False


def is_state_list(text: str, is_state: Callable[[str], bool]) -> bool:
    """Text made only of State names ("France, Spain", one a line)."""
    names = split_state_list(text, is_state)
    return bool(names) and all(map(is_state, names))


def _is_sdg_cell(cell: str) -> bool:
    """A cell of SDG lines only (``- 16 - PEACE…``, ``16.2``), labelled or not."""
    lines = [LABEL.match(line).group("rest") if LABEL.match(line) else line for line in _lines(cell)]
    return all(SDG_LINE.match(line) for line in lines if line) and any(lines)


def _is_label_list(cell: str) -> bool:
    """A cell of short lines, like a list of themes; not prose."""
    return all(len(line) <= 150 for line in _lines(cell))


def _by_content(grid: Grid, layout: Layout, leftovers: dict[int, bool], columns: dict[int, tuple[str, ...]],
                taken: set[str], is_state: Callable[[str], bool]) -> None:
    """Give roles to the columns the header left open, from their cells.

    Only distinctive cells (paragraph numbers, positions, symbols, SDGs, States) give a
    role to a column whose header names something else ("Source of recommendation");
    lists of labels and free text need a column without a header of its own.
    """
    lists: list[int] = []
    for index, open_to_all in leftovers.items():
        cells = _column_cells(grid, layout, index)
        if not cells:
            continue  # an empty column (e.g. "Assessment/comments") holds nothing
        tests: tuple[tuple[str, float, Callable[[str], bool]], ...] = (
            ("recommendation", 0.5, opens_with_paragraph),
            ("position", 0.8, lambda cell: is_position(cell.strip())),
            ("source", 0.8, lambda cell: bool(_SOURCE_LINE.match(cell.strip()))),
            ("sdgs", 0.8, _is_sdg_cell),
            ("states", 0.8, lambda cell: is_state_list(cell, is_state)),
            ("themes", 0.2, lambda cell: any(LABEL.match(line) for line in cell.splitlines())),
        )
        role = next((role for role, share, test in tests if role not in taken and _share(cells, test) >= share),
                    None)
        if role:
            columns[index] = (role,)
            taken.add(role)
        elif not open_to_all:
            continue
        elif _share(cells, _is_label_list) >= 0.8:
            lists.append(index)
        elif "comments" not in taken:
            columns[index] = ("comments",)
            taken.add("comments")
    for index, role in _themes_or_affected(grid, layout, lists, taken):
        columns[index] = (role,)


def _themes_or_affected(grid: Grid, layout: Layout, indexes: list[int], taken: set[str]) -> list[tuple[int, str]]:
    """Tell the theme column from the affected-persons column among unlabelled lists:
    the themes cell names the theme of its group row; failing groups, affected persons
    are the column whose values are known affected-person labels."""
    open_roles = [role for role in ("themes", "affected") if role not in taken]
    if not indexes or not open_roles:
        return []
    groups = {index: _group_share(grid, layout, index) for index in indexes}
    affected = {index: _affected_share(grid, layout, index) for index in indexes}
    # the most theme-like first
    ranked = sorted(indexes, key=lambda index: (-groups[index], affected[index], index))
    if open_roles == ["affected"]:
        return [(ranked[-1], "affected")]
    if len(ranked) == 1 and "affected" in open_roles and not groups[ranked[0]] and affected[ranked[0]] > 0.5:
        return [(ranked[0], "affected")]
    return list(zip(ranked, open_roles))


def _group_share(grid: Grid, layout: Layout, index: int) -> float:
    """The share of rows under a group row whose cell lists that group's theme."""
    group, hits, total = "", 0, 0
    for row in range(layout.data_start, len(grid.texts)):
        if is_group_row(grid, row):
            group = group_label(grid, row).casefold()
        elif group and is_data_row(grid.texts[row]):
            total += 1
            hits += group in (" ".join(line.split()).casefold() for line in _lines(grid.texts[row][index]))
    return hits / total if total else 0.0


def _affected_share(grid: Grid, layout: Layout, index: int) -> float:
    """The share of a column's values that are known affected-person labels."""
    values = [line.casefold() for cell in _column_cells(grid, layout, index) for line in _lines(cell)]
    return _share(values, lambda value: value in _affected_labels())


@functools.lru_cache(maxsize=1)
def _affected_labels() -> frozenset[str]:
    """Every affected-person label and alias of the shipped UHRI list, casefolded."""
    from rightstrack.reference.directory import read_data_csv, split_aliases

    try:
        rows = list(read_data_csv("taxonomies/affected-persons.csv"))
    except (FileNotFoundError, KeyError):  # the vocabulary only breaks ties
        return frozenset()
    return frozenset(name.casefold() for row in rows
                     for name in [row.get("label", ""), *split_aliases(row.get("aliases", ""))] if name)
