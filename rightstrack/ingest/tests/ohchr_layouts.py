"""A corpus of OHCHR thematic-list layouts, generated from the real lists.

OHCHR's Word lists changed across cycles: column order, header wording, headers naming
two things, merged header cells, tables continued over pages, no header row at all,
SDGs in a column of their own or in the themes cell, paragraph numbers in a column of
their own (``121.1``, or a bare ``1`` under a caption naming paragraph 121), group rows
holding just the theme's name. Rather than hand-made fixtures,
:func:`write` takes the records the product's parser read from a real list and writes
them again with python-docx in one of the :data:`LAYOUTS`; the test then checks that
every rewritten file reads back to the same records.

Only the layout changes, never the information: a layout drops the columns of a
taxonomy the list does not give (the cycle-2 list has no SDGs) and a combined header
names only what the list gives, since naming a taxonomy in a header says the list gives it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK

from rightstrack.ingest.records import ParsedRecommendation

# Column kinds a layout can use, with their usual header.
HEADERS = {
    "number": "No.",
    "text": "Recommendation",
    "states": "Recommending State(s)",
    "position": "Position",
    "source": "Source of position",
    "position+source": "Position / Source of position",
    "themes": "Full list of themes",
    "affected": "Affected persons",
    "sdgs": "SDGs",
    "assessment": "Assessment/comments on level of implementation",
}
_SLUGS = {"affected": ("affected-persons",), "sdgs": ("sdg-goals", "sdg-targets")}
PUBLISHED_WORDS = {"supported": "Supported", "noted": "Noted", "partially_supported": "Supported/Noted"}
OTHER_WORDS = {"supported": "Accepted", "noted": "Not accepted", "partially_supported": "Partially accepted"}


@dataclass(frozen=True)
class Layout:
    """How to write a list. ``header``: ``row`` (one header row), ``none``, ``two-rows``
    (a merged "Full list of themes" over the tag columns, their own names below, the
    other headers merged down) or ``spanned`` (that merged cell and nothing below)."""

    name: str
    columns: tuple[str, ...]
    headers: dict[str, str] = field(default_factory=dict)
    header: str = "row"
    tables: int = 1  # the rows split over this many tables, as over pages
    repeat_header: bool = True
    words: dict[str, str] = field(default_factory=lambda: PUBLISHED_WORDS)
    states_in_parentheses: str = "each"  # "each": "(France) (Spain)"; "joined": "(France, Spain)"
    source_label: bool = True  # "Source of position: " before a source in the text cell
    bullets: bool = True
    merged_groups: bool = True  # "Theme: …" merged across the row, or in the first cell only
    title_row: bool = False  # the page header's title as a merged first row of the table
    groups: bool = True  # "Theme: …" rows; without them every record's subject is ""
    group_prefix: str = "Theme: "  # "": a group row holds just the theme's name
    # Where a "number" column is, it holds "121.1" ("full") or "1" ("bare", with a merged
    # caption "Recommendations in paragraph 121" wherever the paragraph changes).
    numbers: str = "full"


_OWN = ("text", "states", "position", "source", "themes", "affected", "sdgs", "assessment")


def _shuffled(seed: int, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    columns = list(_OWN + extra)
    random.Random(seed).shuffle(columns)
    return tuple(columns)


LAYOUTS: tuple[Layout, ...] = (
    Layout("as-published", ("text", "position", "themes", "assessment")),
    Layout(
        "position-first",
        ("position", "themes", "text", "assessment"),
        {"position": "Response", "themes": "Themes", "text": "Recommendations", "assessment": "Comments"},
    ),
    Layout("own-columns", _OWN),
    Layout("own-columns-reversed", tuple(reversed(_OWN)), bullets=False),
    Layout(
        "other-wordings",
        ("text", "states", "position", "source", "themes", "affected", "sdgs"),
        {
            "text": "Recommendations",
            "states": "Recommended by",
            "source": "Position source",
            "themes": "Themes",
            "sdgs": "Sustainable Development Goals",
        },
        words=OTHER_WORDS,
    ),
    Layout(
        "recommendation-and-state-header",
        ("text", "position", "themes"),
        {"text": "Recommendation / Recommending State"},
        states_in_parentheses="joined",
    ),
    Layout(
        "recommendation-and-source-header",
        ("position", "text", "themes", "affected"),
        {"text": "Recommendation and Source"},
        source_label=False,
    ),
    Layout("position-and-source-header", ("text", "position+source", "themes", "sdgs", "assessment")),
    Layout("combined-tags-header", ("themes", "text", "position", "assessment"), {"themes": "combined"}),
    Layout(
        "two-row-merged-header",
        ("text", "position", "themes", "affected", "sdgs", "assessment"),
        {"themes": "Themes"},
        header="two-rows",
    ),
    Layout("merged-header-over-tag-columns", ("text", "themes", "affected", "sdgs", "position"), header="spanned"),
    Layout("split-repeated-header", _OWN, tables=3),
    Layout("split-no-repeated-header", ("text", "position", "themes", "assessment"), tables=3, repeat_header=False),
    Layout(
        "split-two-row-header-not-repeated",
        ("text", "position", "themes", "affected", "sdgs"),
        header="two-rows",
        tables=2,
        repeat_header=False,
    ),
    Layout("no-header", ("text", "position", "themes"), header="none"),
    Layout(
        "no-header-own-columns", ("position", "sdgs", "text", "affected", "source", "themes", "states"), header="none"
    ),
    Layout("no-header-split", ("themes", "position", "text", "assessment"), header="none", tables=2),
    Layout(
        "no-header-empty-assessment-first",
        ("assessment", "text", "position", "themes", "affected"),
        header="none",
        bullets=False,
    ),
    Layout("empty-assessment-first", ("assessment", "themes", "position", "text", "sdgs")),
    Layout(
        "title-row-unmerged-groups", ("text", "position", "themes", "assessment"), title_row=True, merged_groups=False
    ),
    Layout("no-header-no-groups", ("text", "affected", "position", "themes", "source"), header="none", groups=False),
    Layout(
        "no-groups-split",
        ("text", "position", "affected", "themes", "sdgs"),
        groups=False,
        tables=2,
        repeat_header=False,
    ),
    Layout("shuffled-1", _shuffled(1)),
    Layout("shuffled-2", _shuffled(2), words=OTHER_WORDS),
    Layout("shuffled-3-no-header", _shuffled(3), header="none"),
    Layout("shuffled-4-no-header-split", _shuffled(4), header="none", tables=3),
    Layout("number-column", ("number", "text", "position", "themes", "assessment")),
    Layout(
        "number-column-after-text", ("text", "number", "position", "themes", "affected", "sdgs"), {"number": "Rec. no."}
    ),
    Layout("number-column-no-header", ("number", "position", "text", "themes", "assessment"), header="none"),
    Layout(
        "bare-numbers-under-paragraph-captions",
        ("number", "text", "position", "themes"),
        {"number": "#"},
        numbers="bare",
    ),
    Layout("theme-names-as-groups", ("text", "position", "themes", "assessment"), group_prefix=""),
    Layout(
        "theme-names-in-first-cell-title-row",
        ("text", "position", "themes", "affected"),
        title_row=True,
        merged_groups=False,
        group_prefix="",
    ),
    Layout(
        "number-column-theme-names-shuffled-split",
        _shuffled(5, ("number",)),
        {"number": "Para."},
        tables=3,
        repeat_header=False,
        group_prefix="",
    ),
    Layout(
        "number-column-theme-names-no-header-split",
        _shuffled(6, ("number",)),
        header="none",
        tables=2,
        group_prefix="",
        merged_groups=False,
    ),
    Layout(
        "bare-numbers-theme-names-shuffled-split", _shuffled(7, ("number",)), tables=2, numbers="bare", group_prefix=""
    ),
)


def write(records: list[ParsedRecommendation], layout: Layout, path: Path, title: str) -> Path:
    """Write ``records`` (one list, as parsed) as a .docx in ``layout``; ``title`` (e.g.
    "UPR of Slovenia (3rd Cycle - 34th Session)") goes where the page header was."""
    given = {slug for record in records for slug in record.tags}
    columns = [kind for kind in layout.columns if all(slug in given for slug in _SLUGS.get(kind, ())[:1])]
    document = docx.Document()
    if not layout.title_row:
        document.sections[0].header.paragraphs[0].text = title
    rows = _rows(records, layout, columns, given)
    parts = [
        rows[len(rows) * part // layout.tables : len(rows) * (part + 1) // layout.tables]
        for part in range(layout.tables)
    ]
    for number, part in enumerate(parts):
        if number:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        with_header = layout.header != "none" and (number == 0 or layout.repeat_header)
        _table(document, layout, columns, given, part, with_header, title if number == 0 else "")
    document.save(str(path))
    return path


def _rows(records, layout: Layout, columns: list[str], given: set[str]) -> list[list[str] | str | tuple[str]]:
    """The table rows: a str opens a group ("Theme: …"), a list holds a recommendation,
    a 1-tuple is a caption merged across the table."""
    rows: list[list[str] | str | tuple[str]] = []
    group = paragraph = None
    for record in records:
        if record.subject != group and layout.groups:
            group = record.subject
            if group:
                rows.append(f"{layout.group_prefix}{group}")
        if "number" in columns and layout.numbers == "bare" and record.paragraph.rpartition(".")[0] != paragraph:
            paragraph = record.paragraph.rpartition(".")[0]
            rows.append((f"Recommendations in paragraph {paragraph}",))
        rows.append([_cell(kind, record, layout, columns, given) for kind in columns])
    return rows


def _cell(kind: str, record: ParsedRecommendation, layout: Layout, columns: list[str], given: set[str]) -> str:
    """The text of one cell."""
    tags = record.tags
    if kind == "number":
        return record.paragraph.rpartition(".")[2] if layout.numbers == "bare" else record.paragraph
    if kind == "text":
        text = record.text if "number" in columns else f"{record.paragraph} {record.text}"
        if "states" not in columns and record.recommending_states:
            if layout.states_in_parentheses == "joined":
                text += f" ({', '.join(record.recommending_states)})"
            else:
                text += "".join(f" ({state})" for state in record.recommending_states)
        text += ";"
        if not {"source", "position+source"} & set(columns) and record.position_source:
            text += "\n" + ("Source of position: " if layout.source_label else "") + record.position_source
        return text
    if kind == "states":
        return "\n".join(record.recommending_states)
    if kind == "position":
        return layout.words[record.position] if record.position else ""
    if kind == "source":
        return record.position_source
    if kind == "position+source":
        return "\n".join(filter(None, [layout.words.get(record.position or "", ""), record.position_source]))
    if kind == "themes":
        lines = _list(tags.get("uhri-themes", []), layout)
        if "affected" not in columns and "affected-persons" in tags:
            lines += ["Affected persons:", *_list(tags["affected-persons"], layout)]
        if "sdgs" not in columns and "sdg-goals" in tags:
            lines += ["SDGs:", *_list(_sdg_lines(record), layout)]
        return "\n".join(lines)
    if kind == "affected":
        return "\n".join(_list(tags.get("affected-persons", []), layout))
    if kind == "sdgs":
        return "\n".join(_list(_sdg_lines(record), layout))
    return ""  # the assessment column, empty as in the published lists


def _list(values: list[str], layout: Layout) -> list[str]:
    return [f"- {value}" if layout.bullets else value for value in values]


def _sdg_lines(record: ParsedRecommendation) -> list[str]:
    """Goals, then targets, in the published form ``16 - …``."""
    return [f"{code} - SDG {code}" for code in record.tags.get("sdg-goals", []) + record.tags.get("sdg-targets", [])]


def _header_text(kind: str, layout: Layout, columns: list[str], given: set[str]) -> str:
    """A column's header; "combined" names every taxonomy the themes cell holds."""
    text = layout.headers.get(kind, HEADERS[kind])
    if text != "combined":
        return text
    named = ["themes"]
    named += ["affected persons"] * ("affected-persons" in given and "affected" not in columns)
    named += ["SDGs"] * ("sdg-goals" in given and "sdgs" not in columns)
    return "Full list of " + (", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else named[0])


def _table(document, layout: Layout, columns: list[str], given: set[str], rows, with_header: bool, title: str) -> None:
    """Add one table: title row, header rows, then ``rows``."""
    two_rows = layout.header == "two-rows" and with_header
    top = int(bool(title) and layout.title_row)
    heads = (2 if two_rows else 1) if with_header else 0
    table = document.add_table(rows=top + heads + len(rows), cols=len(columns))
    if top:
        table.cell(0, 0).merge(table.cell(0, len(columns) - 1)).text = title
    if with_header:
        _header(table, top, layout, columns, given)
    for offset, row in enumerate(rows, start=top + heads):
        cells = table.rows[offset].cells
        if isinstance(row, tuple):
            cells[0].merge(cells[-1]).text = row[0]
            continue
        if isinstance(row, str):
            if layout.merged_groups:
                cells[0].merge(cells[-1]).text = row
            else:
                cells[0].text = row
            continue
        for cell, text in zip(cells, row, strict=False):
            cell.text = text


def _header(table, top: int, layout: Layout, columns: list[str], given: set[str]) -> None:
    """Write the header row(s), merging cells as the layout says."""
    block = [index for index, kind in enumerate(columns) if kind in ("themes", "affected", "sdgs")]
    merged = layout.header in ("two-rows", "spanned") and len(block) > 1
    for index, kind in enumerate(columns):
        if merged and index in block:
            continue
        cell = table.cell(top, index)
        if layout.header == "two-rows":
            cell = cell.merge(table.cell(top + 1, index))  # merged down over both header rows
        cell.text = _header_text(kind, layout, columns, given)
    if not merged:
        return
    assert block == list(range(block[0], block[-1] + 1)), "the tag columns of a merged header must be adjacent"
    table.cell(top, block[0]).merge(table.cell(top, block[-1])).text = "Full list of themes"
    if layout.header == "two-rows":
        for index in block:
            table.cell(top + 1, index).text = _header_text(columns[index], layout, columns, given)
