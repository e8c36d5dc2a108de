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
import unicodedata
import uuid
import zipfile
from collections import deque
from pathlib import Path

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rightstrack.reports.matrix import Matrix, ReturnedCell, Row, subtitle

RECORD_NS = "urn:rightstrack:matrix:1"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CUSTOM_XML_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
_RT_CUSTOM_XML_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
_WIDTHS = (0.40, 0.12, 0.22, 0.26)  # of the text width: recommendation, position, themes, assessment
_HEADER_FILL, _THEME_FILL = "D9D9D9", "DEEAF6"
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
# The fonts Word offers everywhere; Arial has Arabic glyphs, SimSun is the Chinese one.
_FONT, _CHINESE_FONT = "Arial", "SimSun"
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})*")  # a paragraph number opening a row
_LANG_TAGS = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "ar": "ar-SA", "ru": "ru-RU", "zh-hans": "zh-CN"}


def headings() -> list[str]:
    """The four column headings, in the active language."""
    return [_("Recommendation"), _("Position"), _("Full list of themes"),
            _("Assessment/comments on level of implementation")]


def recommendation_lines(row: Row, *, state: bool = False) -> list[str]:
    """The recommendation cell: ``121.1 text (State) (State)`` then its source line,
    and (``state``: in a matrix of several States) the State under review."""
    first = " ".join(part for part in (row.paragraph, row.text) if part)
    if row.mechanism == "UPR":
        first += "".join(f" ({state})" for state in row.states)
        lines = [first] + ([_("Source of position: %(symbol)s") % {"symbol": row.position_source}]
                           if row.position_source else [])
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
        _defaults(document, matrix.language)
        _paragraph(document, matrix.title, matrix, bold=True, size=14)
        _paragraph(document, subtitle(matrix), matrix, size=9, italic=True)
        _table(document, matrix)
        _properties(document, matrix)
        _record(document, matrix)
    document.save(str(out) if isinstance(out, Path) else out)


def _page(document) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(15)


def _footer(document, matrix: Matrix) -> None:
    """"Page 3 of 61", centred under every page: the numbers are Word fields (PAGE,
    NUMPAGES), placed where the translated sentence puts them."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement

    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if matrix.rtl:
        _child(paragraph._p.get_or_add_pPr(), "w:bidi")
    sentence = _("Page %(page)s of %(pages)s") % {"page": "\x00PAGE\x00", "pages": "\x00NUMPAGES\x00"}
    for number, part in enumerate(sentence.split("\x00")):
        if number % 2 == 0:
            if part:
                paragraph.add_run(part)
            continue
        field = OxmlElement("w:fldSimple")
        field.set(_qn("w:instr"), part)
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"  # shown until the reader's program updates the field
        run.append(text)
        field.append(run)
        paragraph._p.append(field)


def _defaults(document, language: str) -> None:
    """Fonts, size, language and spacing of every paragraph (the template's theme fonts
    would otherwise decide, and they lack Arabic in some readers)."""
    from docx.oxml.ns import qn

    defaults = document.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = r_pr.find(qn("w:rFonts"))
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), _FONT)
    fonts.set(qn("w:eastAsia"), _CHINESE_FONT if language == "zh-hans" else _FONT)
    r_pr.find(qn("w:sz")).set(qn("w:val"), "18")
    r_pr.find(qn("w:szCs")).set(qn("w:val"), "18")
    lang = r_pr.find(qn("w:lang"))
    tag = _LANG_TAGS.get(language, "en-GB")
    lang.set(qn("w:val"), "en-GB" if language in ("ar", "zh-hans") else tag)
    lang.set(qn("w:bidi"), "ar-SA")
    lang.set(qn("w:eastAsia"), "zh-CN" if language == "zh-hans" else tag)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "40")
    spacing.set(qn("w:line"), "240")


def _paragraph(container, text: str, matrix: Matrix, *, bold: bool = False, size: float | None = None,
               italic: bool = False, keep: bool = False):
    """One paragraph of one run; in an Arabic matrix, right to left unless its text opens
    in a left-to-right script (a recommendation stored in English only reads as
    English, as a browser's ``dir="auto"`` would show it)."""
    from docx.shared import Pt

    paragraph = container.add_paragraph()
    if matrix.rtl and _opens_right_to_left(text):
        _child(paragraph._p.get_or_add_pPr(), "w:bidi")
    if keep:
        paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    r_pr = run._r.get_or_add_rPr()
    if bold:
        _child(r_pr, "w:bCs")
    if size:
        run.font.size = Pt(size)
        _child(r_pr, "w:szCs").set(_qn("w:val"), str(int(size * 2)))
    if matrix.language == "zh-hans":
        _child(r_pr, "w:rFonts").set(_qn("w:hint"), "eastAsia")
    if matrix.rtl and _ARABIC.search(text):
        _child(r_pr, "w:rtl")
    return paragraph


def _opens_right_to_left(text: str) -> bool:
    """Whether the first letter with a direction is right to left (no letter: True)."""
    for character in text:
        direction = unicodedata.bidirectional(character)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return True


def _qn(name: str) -> str:
    from docx.oxml.ns import qn

    return qn(name)


# The order of a run's and a table's properties is fixed by the schema; Word refuses a
# file that breaks it, so children go in their place.
_ORDER = {
    "w:rPr": ["w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
              "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
              "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs",
              "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
              "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"],
    "w:pPr": ["w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
              "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
              "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
              "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
              "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"],
    "w:tblPr": ["w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
                "w:tblLayout", "w:tblCellMar", "w:tblLook"],
    "w:trPr": ["w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter", "w:cantSplit",
               "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden"],
    "w:tcPr": ["w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap",
               "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"],
}


def _child(parent, name: str):
    """The child ``name`` of a properties element, created in its schema place."""
    from docx.oxml import OxmlElement

    found = parent.find(_qn(name))
    if found is not None:
        return found
    element = OxmlElement(name)
    order = _ORDER[parent.tag.replace(f"{{{_W}}}", "w:")]
    rank = order.index(name)
    for index, existing in enumerate(parent):
        tag = existing.tag.replace(f"{{{_W}}}", "w:")
        if tag in order and order.index(tag) > rank:
            parent.insert(index, element)
            return element
    parent.append(element)
    return element


def _table(document, matrix: Matrix) -> None:
    """The table: header row, then each group's Theme row and recommendation rows."""
    from docx.shared import Length

    section = document.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    widths = [int(width * share) for share in _WIDTHS]
    table = document.add_table(rows=0, cols=4)
    table.style = document.styles["Table Grid"]
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    if matrix.rtl:
        _child(tbl_pr, "w:bidiVisual")
    tbl_w = _child(tbl_pr, "w:tblW")
    tbl_w.set(_qn("w:w"), str(Length(sum(widths)).twips))
    tbl_w.set(_qn("w:type"), "dxa")
    _child(tbl_pr, "w:tblLayout").set(_qn("w:type"), "fixed")
    for column, size in zip(table.columns, widths):
        column.width = size
    header = _row(table, widths, headings(), matrix, bold=True, fill=_HEADER_FILL)
    _child(header._tr.get_or_add_trPr(), "w:tblHeader")
    several = matrix.several_states
    for theme, rows in matrix.groups():
        if theme:
            _theme_row(table, widths, theme, matrix)
        for row in rows:
            _row(table, widths, [recommendation_lines(row, state=several), [row.position], themes_lines(row),
                                 row.assessment.split("\n")], matrix)


def _row(table, widths: list[int], cells: list, matrix: Matrix, *, bold: bool = False, fill: str = ""):
    """Add a row of four cells, each a text or a list of lines (one paragraph a line)."""
    row = table.add_row()
    for cell, size, lines in zip(row.cells, widths, cells):
        cell.width = size
        _fill_cell(cell, [lines] if isinstance(lines, str) else lines, matrix, bold=bold)
        if fill:
            _shade(cell, fill)
    return row


def _theme_row(table, widths: list[int], theme: str, matrix: Matrix) -> None:
    """``Theme: X`` merged across the row, shaded, kept with the row after it."""
    row = table.add_row()
    for cell, size in zip(row.cells, widths):
        cell.width = size
    merged = row.cells[0].merge(row.cells[-1])
    _fill_cell(merged, [_("Theme: %(theme)s") % {"theme": theme}], matrix, bold=True, keep=True)
    _shade(merged, _THEME_FILL)


def _fill_cell(cell, lines: list[str], matrix: Matrix, *, bold: bool = False, keep: bool = False) -> None:
    """Put ``lines`` in a cell, one paragraph each (the cell's empty first paragraph is
    reused, so the cell holds exactly these lines)."""
    first = cell.paragraphs[0]
    for line in lines or [""]:
        _paragraph(cell, line, matrix, bold=bold, keep=keep)
    first._p.getparent().remove(first._p)


def _shade(cell, fill: str) -> None:
    shd = _child(cell._tc.get_or_add_tcPr(), "w:shd")
    shd.set(_qn("w:val"), "clear")
    shd.set(_qn("w:color"), "auto")
    shd.set(_qn("w:fill"), fill)


def _properties(document, matrix: Matrix) -> None:
    properties = document.core_properties
    properties.title = matrix.title
    properties.subject = _("Recommendations and their implementation (OHCHR matrix)")
    properties.author = properties.last_modified_by = "rightstrack"
    properties.language = _LANG_TAGS.get(matrix.language, matrix.language)
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
            item = etree.SubElement(root, f"{{{RECORD_NS}}}row", id=str(row.id), paragraph=row.paragraph,
                                    document=row.document, key=_row_key(recommendation_lines(row)[0]))
            item.text = row.assessment
    package = document.part.package
    item = Part(PackURI(package.next_partname("/customXml/item%d.xml")), "application/xml",
                etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), package)
    props = etree.Element(_qn_ds("datastoreItem"), nsmap={"ds": _DS})
    props.set(_qn_ds("itemID"), "{%s}" % str(uuid.uuid4()).upper())
    refs = etree.SubElement(props, _qn_ds("schemaRefs"))
    etree.SubElement(refs, _qn_ds("schemaRef")).set(_qn_ds("uri"), RECORD_NS)
    number = item.partname.idx
    props_part = Part(PackURI(f"/customXml/itemProps{number}.xml"), _CUSTOM_XML_PROPS,
                      etree.tostring(props, xml_declaration=True, encoding="UTF-8", standalone=True), package)
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
    records = [(int(item.get("id")), item.get("paragraph") or "", item.get("document") or "", item.text or "")
               for item in root.findall("m:row", ns)]
    matcher = _Matcher([item.get("key") or "" for item in root.findall("m:row", ns)],
                       [paragraph for _id, paragraph, _document, _written in records])
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
                    raise ParseError(f"{path.name}: {location}: recommendation: rightstrack did not write this "
                                     f"text and no paragraph number opens it, so the row's recommendation is "
                                     f"unknown ({first[:60]!r}): put back the text of the first column")
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
        for index, (key, paragraph) in enumerate(zip(keys, paragraphs)):
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
