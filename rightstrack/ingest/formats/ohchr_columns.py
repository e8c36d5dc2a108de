"""Finding the columns of an OHCHR thematic-list table, by header and by content.

OHCHR's Word lists changed across cycles: column order, header wording ("Position",
"Response"), headers naming two things ("Recommendation / Recommending State"), headers
of two rows with merged cells, tables continued over pages with or without the header
repeated, and tables with no header at all. So a column's roles come first from its
header and, where the header is missing, merged over several columns or names a role an
earlier column already holds, from what its cells look like: paragraph numbers open
recommendations, "Supported"/"Noted" are positions, ``16 - PEACE…`` lines are SDGs,
``- `` lists of labels are themes or affected persons. Some lists keep the paragraph
number in a column of its own ("No.", "#": ``121.1``, or a bare ``1``); its recommendation
column is then the one of prose.

A row holding one short text only, merged across the table or in its first cell, is a
group row when it says ``Theme: …`` or names a theme: a UHRI theme (legacy code or
label of the shipped vocabulary) or one that a later row's themes cell lists. Any other
such row is a caption ("Thematic list of recommendations").

A :class:`Column` has an ordered tuple of roles: the first gets the lines of a cell that
no label (``SDGs:``) claims; the others are what the header also names, so that, say, an
SDG line in a "Themes and SDGs" cell goes to the SDGs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rightstrack.ingest.formats.base import position_word
from rightstrack.ingest.text import split_paragraph_number, split_state_list

# The order in which a row's columns are read, so that tag values come out in the same
# order whatever the column order of the file.
ROLES = ("number", "recommendation", "states", "position", "source", "themes", "sdgs", "affected", "comments")

GROUP_ROW = re.compile(r"^\s*(?:themes?|rights?\s+or\s+areas?)\s*:\s*(.*)$", re.I | re.S)
LABEL = re.compile(
    r"^\s*(?P<label>source\s+of\s+(?:the\s+)?position|affected\s+persons|groups?\s+of\s+persons"
    r"|sdgs?|sustainable\s+development\s+goals?|(?:full\s+list\s+of\s+)?themes?)\s*:\s*(?P<rest>.*)$",
    re.I,
)
BULLET = re.compile(r"^\s*[-\u2013\u2022\u00b7*]\s*")
SYMBOL = re.compile(r"\b([A-Z]{1,8}(?:/[A-Za-z0-9.]+)+)")  # A/HRC/43/15/Add.1, A/HRC/WG.6/34/SVN/1
# A cell holding only a paragraph number: "121.1", "121.1.", or a bare "1".
NUMBER_ONLY = re.compile(r"^\s*\d{1,3}(?:\.\d{1,3})*\.?\s*$")
# A caption or header naming the report paragraph bare numbers belong to ("Recommendations
# in paragraph 122", "Para. 121").
PARAGRAPH_PREFIX = re.compile(r"\bpara(?:graph)?s?\.?\s*(\d{1,3})\b(?!\.\d)", re.I)
# A legacy UHRI theme code before its label: "A41 Constitutional and legislative framework".
_THEME_CODE = re.compile(r"^[A-H]\d{1,3}\s+[A-Z]")
_MAX_GROUP = 150  # characters: a theme name is short, a caption may not be
# A whole SDG line: "16", "16.2", "16 - PEACE, JUSTICE…", "SDG 5.a: …" ("2030 Agenda" is not).
SDG_LINE = re.compile(r"^(?:sdg|goal)?\s*\d{1,2}(?:\.\w{1,2})?(?:\s*[-\u2013\u2014:]\s*\S.*)?$", re.I)
_SOURCE_LINE = re.compile(r"^\s*(?i:source\s+of\s+(?:the\s+)?position\s*:\s*)?[A-Z]{1,8}/")

# Header keywords, tried in this order; each match is blanked out before the next role
# is tried, so "Source of position" is not also a "Position".
_HEADER_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(pattern))
    for role, pattern in (
        # the whole header, tried first: "Recommendation no." names the number, not the text
        (
            "number",
            r"^(?:(?:rec(?:ommendation)?s?|para(?:graph)?)\.?\s*)?(?:no\.?|n[°º]\.?|#|number)$"
            r"|^para(?:graph)?s?\.?(?:\s*\d{1,3})?$",
        ),
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
    prefix: str = ""  # the report paragraph a header gives bare numbers ("Para. 121")

    def column_of(self, role: str) -> Column | None:
        """The column whose first role is ``role``."""
        return next((column for column in self.columns if column.roles[0] == role), None)


@dataclass
class Grid:
    """A table's cell texts, one list per row over the layout grid, with merges marked.

    python-docx repeats a merged cell once per grid column it spans (and the cell above
    for a vertical merge); ``ids[r][c]`` identifies the Word cell under grid column
    ``c``, so equal neighbours are one merged cell; ``whole[r]`` says one cell covers
    the whole row. ``groups`` maps a group row to its theme; ``candidates`` the rows of
    one short text that may be groups or captions until the themes column is known.
    """

    texts: list[list[str]]
    ids: list[list[int]]
    whole: list[bool]
    groups: dict[int, str] = field(default_factory=dict)
    candidates: dict[int, str] = field(default_factory=dict)

    def spanned(self, row: int, index: int) -> bool:
        """True when the cell at ``index`` is merged with a neighbouring column's."""
        ids = self.ids[row]
        return (index > 0 and ids[index - 1] == ids[index]) or (index + 1 < len(ids) and ids[index + 1] == ids[index])


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
    grid = Grid(texts, ids, whole)
    for row in range(len(texts)):
        _classify_single_text_row(grid, row)
    return grid


def _classify_single_text_row(grid: Grid, row: int) -> None:
    """Record a row of one text as a group row or, when that cannot be told yet, as a
    candidate; rows of several texts, or of a paragraph number, are neither."""
    cells = grid.texts[row]
    texts = [cell for cell in cells if cell.strip()]
    if not texts or any(cell != texts[0] for cell in texts):
        return
    match = GROUP_ROW.match(texts[0])
    if match:
        grid.groups[row] = " ".join(match.group(1).split())
        return
    name = " ".join(texts[0].split())
    # A bare theme is merged across the row or written in its first cell; one line only,
    # since a theme name is short and a caption of several lines is prose.
    if (
        not (grid.whole[row] or cells[0].strip())
        or "\n" in texts[0].strip()
        or len(name) > _MAX_GROUP
        or NUMBER_ONLY.match(name)
        or opens_with_paragraph(name)
    ):
        return
    if _THEME_CODE.match(name) or _theme_key(name) in _theme_names():
        grid.groups[row] = name
    else:
        grid.candidates[row] = name


def promote_listed_groups(grid: Grid, layout: Layout) -> bool:
    """Make group rows of the candidates that a later row's themes cell lists (an open
    taxonomy names themes the shipped vocabulary lacks); True when any was promoted."""
    if not grid.candidates:
        return False
    theme_columns = {column.index for column in layout.columns if column.roles[0] == "themes"}
    listed: set[str] = set()
    promoted = False
    for row in reversed(range(layout.data_start, len(grid.texts))):  # "later": gather from the bottom up
        if row in grid.candidates:
            if _theme_key(grid.candidates[row]) in listed:
                grid.groups[row] = grid.candidates.pop(row)
                promoted = True
            continue
        if row in grid.groups or grid.whole[row]:
            continue
        for index, cell in enumerate(grid.texts[row]):
            listed.update(_theme_key(value) for value in _theme_values(cell, index in theme_columns))
    return promoted


def _theme_values(cell: str, themes_column: bool) -> list[str]:
    """The themes a cell lists: its unlabelled lines in a themes column, and the lines
    under a ``Themes:`` label in any column."""
    values, current = [], themes_column
    for line in cell.splitlines():
        match = LABEL.match(line)
        if match:
            current = "theme" in match.group("label").casefold()
            line = match.group("rest")
        value = BULLET.sub("", line).strip()
        if current and value:
            values.append(value)
    return values


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
            header = header[: match.start()] + " " * (match.end() - match.start()) + header[match.end() :]
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


def is_number_cell(cell: str) -> bool:
    """A cell holding only a paragraph number (``121.1``, ``7``)."""
    return bool(NUMBER_ONLY.match(cell))


def is_data_row(cells: list[str]) -> bool:
    """A row with a cell opening with a paragraph number, or with a cell of a number
    only beside a cell of text (a number column)."""
    if any(opens_with_paragraph(cell) for cell in cells):
        return True
    numbers = [cell for cell in cells if is_number_cell(cell)]
    return bool(numbers) and any(cell.strip() and not is_number_cell(cell) for cell in cells)


def is_group_row(grid: Grid, row: int) -> bool:
    """A row opening a thematic group: ``Theme: …`` or a theme's name, merged across the
    row or written in one cell with the others empty (see the module docstring)."""
    return row in grid.groups


def group_label(grid: Grid, row: int) -> str:
    """The theme a group row opens (``Theme: Migrants`` -> ``Migrants``)."""
    return grid.groups[row]


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
        layout = Layout(previous.columns, data_start, previous.headers, width, previous.prefix)
        if _numbered_rows(grid, layout) >= 0.5:
            return layout
    layout = _columns(grid, header_rows, data_start, is_state)
    if header_rows and _numbered_rows(grid, layout) < 0.5:
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
    number = layout.column_of("number")
    if number is not None:
        for row in header_rows:
            match = PARAGRAPH_PREFIX.search(grid.texts[row][number.index])
            layout.prefix = match.group(1) if match else layout.prefix
    return layout


def _numbered_share(grid: Grid, layout: Layout, index: int) -> float:
    """The share of a column's cells that open with a paragraph number."""
    return _share(_column_cells(grid, layout, index), opens_with_paragraph)


def _numbered_rows(grid: Grid, layout: Layout) -> float:
    """The share of the rows with a recommendation whose number the layout finds: at the
    start of the text or in the number column (0 without a recommendation column)."""
    text, number = layout.column_of("recommendation"), layout.column_of("number")
    if text is None:
        return 0.0
    rows = [grid.texts[row] for row in _data_rows(grid, layout) if grid.texts[row][text.index].strip()]
    return _share(
        rows,
        lambda cells: (
            opens_with_paragraph(cells[text.index]) or (number is not None and is_number_cell(cells[number.index]))
        ),
    )


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


def _data_rows(grid: Grid, layout: Layout) -> list[int]:
    """The rows under the header that may hold a recommendation (not groups, captions
    or repeated headers)."""
    return [
        row
        for row in range(layout.data_start, len(grid.texts))
        if not (grid.whole[row] or row in grid.groups or row in grid.candidates or grid.texts[row] in layout.headers)
    ]


def _column_cells(grid: Grid, layout: Layout, index: int) -> list[str]:
    """The non-empty cells of a column in the data rows (not groups or repeated headers)."""
    return [
        grid.texts[row][index]
        for row in _data_rows(grid, layout)
        if index < len(grid.texts[row]) and grid.texts[row][index].strip()
    ]


def _is_number_column(cells: list[str]) -> bool:
    """Cells of paragraph numbers only. Bare numbers up to 17 could be SDG goals: they
    count when they run up without repeats (1, 2, 3…)."""
    if _share(cells, is_number_cell) < 0.8:
        return False
    firsts = [int(cell.strip().split(".")[0]) for cell in cells if is_number_cell(cell)]
    if max(firsts) > 17:
        return True
    return len(set(firsts)) == len(firsts) and firsts == sorted(firsts)


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


def _has_tag_label(cell: str) -> bool:
    """A cell with a labelled list of tags (``Affected persons:``); a ``Source of
    position:`` line ends a recommendation cell instead."""
    return any(
        match and not match.group("label").casefold().startswith("source")
        for match in map(LABEL.match, cell.splitlines())
    )


def _is_label_list(cell: str) -> bool:
    """A cell of short lines, like a list of themes; not prose."""
    return all(len(line) <= 150 for line in _lines(cell))


def _by_content(
    grid: Grid,
    layout: Layout,
    leftovers: dict[int, bool],
    columns: dict[int, tuple[str, ...]],
    taken: set[str],
    is_state: Callable[[str], bool],
) -> None:
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
        if "number" not in taken and _is_number_column(cells):
            columns[index] = ("number",)
            taken.add("number")
            continue
        tests: tuple[tuple[str, float, Callable[[str], bool]], ...] = (
            ("recommendation", 0.5, opens_with_paragraph),
            ("position", 0.8, lambda cell: is_position(cell.strip())),
            ("source", 0.8, lambda cell: bool(_SOURCE_LINE.match(cell.strip()))),
            ("sdgs", 0.8, _is_sdg_cell),
            ("states", 0.8, lambda cell: is_state_list(cell, is_state)),
            ("themes", 0.2, _has_tag_label),
        )
        role = next((role for role, share, test in tests if role not in taken and _share(cells, test) >= share), None)
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
    if "number" in taken and "recommendation" not in taken:
        _prose_column(grid, layout, leftovers, lists, columns, taken)
    for index, role in _themes_or_affected(grid, layout, lists, taken):
        columns[index] = (role,)


def _prose_column(
    grid: Grid,
    layout: Layout,
    leftovers: dict[int, bool],
    lists: list[int],
    columns: dict[int, tuple[str, ...]],
    taken: set[str],
) -> None:
    """Beside a number column, the recommendation column is the open one of prose: the
    longest first lines (a list of themes has short ones), read as lists or comments."""
    pool = lists + [index for index in leftovers if columns.get(index) == ("comments",)]
    if not pool:
        return

    def first_line_length(index: int) -> float:
        cells = _column_cells(grid, layout, index)
        return sum(len((_lines(cell) or [""])[0]) for cell in cells) / len(cells)

    best = max(pool, key=first_line_length)
    if best in lists:
        lists.remove(best)
    else:
        taken.discard("comments")
    columns[best] = ("recommendation",)
    taken.add("recommendation")


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
    return list(zip(ranked, open_roles, strict=False))


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


def _theme_key(name: str) -> str:
    """A theme name compared loosely: case, spacing and "&" against "and" aside."""
    return " ".join(name.casefold().replace("&", " and ").split()).rstrip(".:;")


@functools.lru_cache(maxsize=1)
def _theme_names() -> frozenset[str]:
    """Every theme label, alias and code-less label of the shipped UHRI list, as keys."""
    from rightstrack.reference.directory import read_data_csv, split_aliases

    try:
        rows = list(read_data_csv("taxonomies/uhri-themes.csv"))
    except (FileNotFoundError, KeyError):  # the vocabulary only tells groups from captions
        return frozenset()
    names = {name for row in rows for name in [row.get("label", ""), *split_aliases(row.get("aliases", ""))] if name}
    # "A12 Acceptance of international norms" may be written without its code
    names |= {re.sub(r"^[A-H]\d{0,3}\s+", "", name) for name in names}
    return frozenset(_theme_key(name) for name in names)


@functools.lru_cache(maxsize=1)
def _affected_labels() -> frozenset[str]:
    """Every affected-person label and alias of the shipped UHRI list, casefolded."""
    from rightstrack.reference.directory import read_data_csv, split_aliases

    try:
        rows = list(read_data_csv("taxonomies/affected-persons.csv"))
    except (FileNotFoundError, KeyError):  # the vocabulary only breaks ties
        return frozenset()
    return frozenset(
        name.casefold()
        for row in rows
        for name in [row.get("label", ""), *split_aliases(row.get("aliases", ""))]
        if name
    )
