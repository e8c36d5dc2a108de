"""The OHCHR matrix as a Word document, and the record that lets it come back.

``write`` prints a :class:`~rightstrack.reports.matrix.Matrix` in OHCHR's layout: A4
landscape, a title, one table of four columns (``Recommendation | Position | Full list
of themes | Assessment/comments on level of implementation``) whose header row repeats
on every page, and a merged, shaded ``Theme: …`` row opening each thematic group. The
cells read like OHCHR's own lists (``121.1 text (State) (State)`` then ``Source of
position: A/HRC/…/Add.1``; themes, ``SDGs:``, ``Affected persons:`` as ``- `` lists),
so rightstrack's OHCHR-list importer reads a generated UPR matrix back as it was.
Arabic prints right to left (table ``bidiVisual``, paragraphs ``bidi``, Arabic runs
``rtl``); Chinese runs carry the East Asian font hint.

The return-trip record (``read``, ``is_matrix``) lives in a **custom XML part**
(``/customXml/itemN.xml``, with its ``itemProps`` part, namespace ``RECORD_NS``): per
row, the recommendation id, paragraph, document and the assessment exactly as written.
Word keeps custom XML parts (its data store) when a document is edited and saved, and
LibreOffice keeps them too (7.4 checked: ``soffice --convert-to docx`` writes the part
back unchanged; ``test_the_record_survives_libreoffice``), whereas core properties hold
a few short texts. Nobody sees the part while editing, so nobody damages it by accident.
(python-docx's own template already holds ``customXml/item1.xml``: the record takes the
next free number, and ``is_matrix`` looks for its namespace, not for a number.)
``read`` finds each table row's record by the paragraph number the row shows (rows may
be moved, deleted or the table split), so the cell as it is now can be compared with
what rightstrack wrote (``matrix_return.added_text``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import uuid
import zipfile
from collections import deque
from pathlib import Path

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rightstrack.reports import docx_parts as parts
from rightstrack.reports.matrix import Matrix, ReturnedCell, Row, subtitle

RECORD_NS = "urn:rightstrack:matrix:1"
_CUSTOM_XML_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
_RT_CUSTOM_XML_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
_WIDTHS = (0.40, 0.12, 0.22, 0.26)  # of the text width: recommendation, position, themes, assessment
_HEADER_FILL, _THEME_FILL = "D9D9D9", "DEEAF6"
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})*")  # a paragraph number opening a row


def headings() -> list[str]:
    """The four column headings, in the active language."""
    return [
        _("Recommendation"),
        _("Position"),
        _("Full list of themes"),
        _("Assessment/comments on level of implementation"),
    ]


def recommendation_lines(row: Row, *, state: bool = False) -> list[str]:
    """The recommendation cell: ``121.1 text (State) (State)`` then its source line,
    and (``state``: in a matrix of several States) the State under review."""
    first = " ".join(part for part in (row.paragraph, row.text) if part)
    if row.mechanism == "UPR":
        first += "".join(f" ({state})" for state in row.states)
        lines = [first] + (
            [_("Source of position: %(symbol)s") % {"symbol": row.position_source}] if row.position_source else []
        )
    else:
        source = f"{row.document} ({row.mechanism})" if row.document else row.mechanism
        lines = [first, _("Source: %(document)s") % {"document": source}]
    if state and row.country:
        lines.append(_("State under review: %(state)s") % {"state": row.country})
    return lines


def themes_lines(row: Row) -> list[str]:
    """The themes cell: themes, then ``SDGs:`` and ``Affected persons:``, as ``- `` lists."""
    lines = [f"- {theme}" for theme in row.themes]
    if row.sdgs:
        lines += [_("SDGs:")] + [f"- {sdg}" for sdg in row.sdgs]
    if row.affected:
        lines += [_("Affected persons:")] + [f"- {group}" for group in row.affected]
    return lines


# ---- writing ------------------------------------------------------------------------------


def write(matrix: Matrix, out) -> None:
    """Write ``matrix`` as a .docx to ``out`` (a path or a binary stream)."""
    import docx

    with translation.override(matrix.language):
        document = docx.Document()
        _page(document)
        _footer(document, matrix)
        parts.set_defaults(document, matrix.language, size=9, after=40, line=240)
        _paragraph(document, matrix.title, matrix, bold=True, size=14)
        _paragraph(document, subtitle(matrix), matrix, size=9, italic=True)
        _table(document, matrix)
        _properties(document, matrix)
        _record(document, matrix)
    document.save(str(out) if isinstance(out, Path) else out)


def _page(document) -> None:
    parts.page_setup(document.sections[0], landscape=True, margin_mm=15)


def _footer(document, matrix: Matrix) -> None:
    """ "Page 3 of 61", centred under every page (``docx_parts.page_footer``)."""
    parts.page_footer(document.sections[0].footer.paragraphs[0], rtl=matrix.rtl)


def _paragraph(container, text: str, matrix: Matrix, **options):
    """One paragraph of one run; in an Arabic matrix, right to left unless its text opens
    in a left-to-right script (``docx_parts.paragraph``)."""
    return parts.paragraph(container, text, matrix.language, **options)


def _table(document, matrix: Matrix) -> None:
    """The table: header row, then each group's Theme row and recommendation rows."""
    width = parts.text_width(document.sections[0])
    widths = [int(width * share) for share in _WIDTHS]
    table = document.add_table(rows=0, cols=4)
    table.style = document.styles["Table Grid"]
    parts.fixed_layout(table, widths, rtl=matrix.rtl)
    header = _row(table, widths, headings(), matrix, bold=True, fill=_HEADER_FILL)
    parts.repeat_header(header)
    several = matrix.several_states
    for theme, rows in matrix.groups():
        if theme:
            _theme_row(table, widths, theme, matrix)
        for row in rows:
            _row(
                table,
                widths,
                [
                    recommendation_lines(row, state=several),
                    [row.position],
                    themes_lines(row),
                    row.assessment.split("\n"),
                ],
                matrix,
            )


def _row(table, widths: list[int], cells: list, matrix: Matrix, *, bold: bool = False, fill: str = ""):
    """Add a row of four cells, each a text or a list of lines (one paragraph a line)."""
    row = parts.add_row(table, widths)
    for cell, lines in zip(row.cells, cells, strict=False):
        parts.fill_cell(cell, [lines] if isinstance(lines, str) else lines, matrix.language, bold=bold)
        if fill:
            parts.shade(cell, fill)
    return row


def _theme_row(table, widths: list[int], theme: str, matrix: Matrix) -> None:
    """``Theme: X`` merged across the row, shaded, kept with the row after it."""
    row = parts.add_row(table, widths)
    merged = row.cells[0].merge(row.cells[-1])
    parts.fill_cell(merged, [_("Theme: %(theme)s") % {"theme": theme}], matrix.language, bold=True, keep=True)
    parts.shade(merged, _THEME_FILL)


def _properties(document, matrix: Matrix) -> None:
    properties = document.core_properties
    properties.title = matrix.title
    properties.subject = _("Recommendations and their implementation (OHCHR matrix)")
    properties.author = properties.last_modified_by = "rightstrack"
    properties.language = parts.LANG_TAGS.get(matrix.language, matrix.language)
    properties.keywords = "rightstrack-matrix"
    properties.comments = ""
    now = timezone.now().replace(microsecond=0)
    properties.created = properties.modified = now
    properties.revision = 1


def _record(document, matrix: Matrix) -> None:
    """The return-trip record as a custom XML part (see the module docstring)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from lxml import etree

    root = etree.Element(f"{{{RECORD_NS}}}matrix", nsmap={None: RECORD_NS})
    root.set("version", "1")
    root.set("language", matrix.language)
    root.set("as-of", matrix.as_of.isoformat())
    for heading in headings():
        etree.SubElement(root, f"{{{RECORD_NS}}}heading").text = heading
    for _theme, rows in matrix.groups():
        for row in rows:
            item = etree.SubElement(
                root,
                f"{{{RECORD_NS}}}row",
                id=str(row.id),
                paragraph=row.paragraph,
                document=row.document,
                key=_row_key(recommendation_lines(row)[0]),
            )
            item.text = row.assessment
    package = document.part.package
    item = Part(
        PackURI(package.next_partname("/customXml/item%d.xml")),
        "application/xml",
        etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True),
        package,
    )
    props = etree.Element(_qn_ds("datastoreItem"), nsmap={"ds": _DS})
    props.set(_qn_ds("itemID"), f"{{{str(uuid.uuid4()).upper()}}}")
    refs = etree.SubElement(props, _qn_ds("schemaRefs"))
    etree.SubElement(refs, _qn_ds("schemaRef")).set(_qn_ds("uri"), RECORD_NS)
    number = item.partname.idx
    props_part = Part(
        PackURI(f"/customXml/itemProps{number}.xml"),
        _CUSTOM_XML_PROPS,
        etree.tostring(props, xml_declaration=True, encoding="UTF-8", standalone=True),
        package,
    )
    item.relate_to(props_part, _RT_CUSTOM_XML_PROPS)
    document.part.relate_to(item, RT.CUSTOM_XML)


_DS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"


def _qn_ds(name: str) -> str:
    return f"{{{_DS}}}{name}"


# ---- reading back -------------------------------------------------------------------------


def _record_root(path: Path):
    """The record's root element, or None when the file holds none (or is no .docx)."""
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if not re.fullmatch(r"customXml/item\d+\.xml", name):
                    continue
                info = archive.getinfo(name)
                if info.file_size > 200 * 1024 * 1024:
                    continue
                data = archive.read(name)
                if RECORD_NS.encode() not in data:
                    continue
                parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
                root = etree.fromstring(data, parser)
                if root.tag == f"{{{RECORD_NS}}}matrix":
                    return root
    except (zipfile.BadZipFile, OSError, KeyError, etree.XMLSyntaxError):
        return None
    return None


def is_matrix(path) -> bool:
    """True for a Word file rightstrack wrote as a matrix (it holds the record)."""
    path = Path(path)
    return path.suffix.lower() == ".docx" and _record_root(path) is not None


def read(path) -> list[ReturnedCell]:
    """The assessment cells of a returned matrix, one per recommendation row, with the
    id, paragraph and document the record gives it and the text rightstrack wrote.

    Rows are matched to the record by their first line as written (``_Matcher``; moved
    or deleted rows are fine), else by the paragraph number it opens with. A row
    rightstrack did not write that has a paragraph number comes back without an id
    (``matrix_return`` looks it up); one without a number but with an assessment is an
    error naming the row.
    """
    import docx

    from rightstrack.ingest.formats.base import ParseError, check_archive

    path = Path(path)
    check_archive(path)
    root = _record_root(path)
    if root is None:
        raise ParseError(f"{path.name}: not a matrix written by rightstrack (its record of the rows is missing)")
    ns = {"m": RECORD_NS}
    heads = [" ".join((item.text or "").split()) for item in root.findall("m:heading", ns)]
    records = [
        (int(item.get("id")), item.get("paragraph") or "", item.get("document") or "", item.text or "")
        for item in root.findall("m:row", ns)
    ]
    matcher = _Matcher(
        [item.get("key") or "" for item in root.findall("m:row", ns)],
        [paragraph for _id, paragraph, _document, _written in records],
    )
    cells: list[ReturnedCell] = []
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several unrelated types for bad files
        raise ParseError(f"{path.name}: not a readable Word .docx file ({exc})") from exc
    for number, table in enumerate(document.tables, start=1):
        where = f"table {number}, " if len(document.tables) > 1 else ""
        for index, row in enumerate(table.rows, start=1):
            texts = [cell.text for cell in row.cells]
            if len(row._tr.tc_lst) <= 1 or len(texts) < 4:
                continue  # a Theme row (merged across) or a caption
            if [" ".join(text.split()) for text in texts[:4]] == heads:
                continue  # the header row, repeated or not
            first = texts[0].strip().split("\n", 1)[0]
            token = first.split(" ", 1)[0].rstrip(".") if first else ""
            found = matcher.match(_row_key(first), token if _NUMBER.fullmatch(token) else "")
            location = f"{where}row {index}"
            if found is None:
                if _NUMBER.fullmatch(token):
                    cells.append(ReturnedCell(location, None, token, "", texts[3], None))
                elif texts[3].strip():
                    raise ParseError(
                        f"{path.name}: {location}: recommendation: rightstrack did not write this "
                        f"text and no paragraph number opens it, so the row's recommendation is "
                        f"unknown ({first[:60]!r}): put back the text of the first column"
                    )
                continue
            pk, paragraph, symbol, written = records[found]
            cells.append(ReturnedCell(location, pk, paragraph, symbol, texts[3], written))
    return cells


def _row_key(first_line: str) -> str:
    """What identifies a row: its recommendation cell's first line (paragraph, text,
    States) as written, folded over spaces, hashed short."""
    return hashlib.sha1(" ".join(first_line.split()).encode()).hexdigest()[:16]


class _Matcher:
    """Finds each table row's record, in constant time a row (a 30,000-row matrix
    reads in seconds): by the key of its first line, in the record's order, else, when
    that line was edited, by the paragraph number it opens with. Rows without a
    number are matched by their text only: their order proves nothing once a row is
    deleted."""

    def __init__(self, keys: list[str], paragraphs: list[str]):
        self.used: set[int] = set()
        self.by_key: dict[str, deque[int]] = {}
        self.by_paragraph: dict[str, deque[int]] = {}
        for index, (key, paragraph) in enumerate(zip(keys, paragraphs, strict=False)):
            self.by_key.setdefault(key, deque()).append(index)
            if paragraph:
                self.by_paragraph.setdefault(paragraph, deque()).append(index)

    def match(self, key: str, paragraph: str) -> int | None:
        found = self._next(self.by_key.get(key)) if key else None
        if found is None and paragraph:
            found = self._next(self.by_paragraph.get(paragraph))
        if found is not None:
            self.used.add(found)
        return found

    def _next(self, queue: deque[int] | None) -> int | None:
        while queue:
            index = queue.popleft()
            if index not in self.used:
                return index
        return None


def as_of(path) -> dt.date | None:
    """The "as of" date the record gives (None when there is no record)."""
    root = _record_root(Path(path))
    return dt.date.fromisoformat(root.get("as-of")) if root is not None and root.get("as-of") else None
