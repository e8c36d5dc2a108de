"""Word (python-docx) pieces the report writers share: the matrix (``matrix_docx``) and
the reports made of blocks (``document_docx``).

Each takes plain arguments (a language code, a right-to-left flag), not a report. What
they hold is what Word needs to show every UN language properly: explicit fonts for
Latin, complex (Arabic) and East Asian text, the language tags, paragraphs right to
left by their first letter, runs marked ``rtl`` and East Asian, properties written in
the order the schema fixes (Word refuses a file that breaks it), and the "Page 3 of
12" footer made of fields. python-docx is imported inside the functions: Django loads
this module's importers at start-up.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from rightstrack.reports.document import opens_right_to_left

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
# The fonts Word offers everywhere; Arial has Arabic glyphs, SimSun is the Chinese one.
FONT, CHINESE_FONT = "Arial", "SimSun"
LANG_TAGS = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "ar": "ar-SA", "ru": "ru-RU", "zh-hans": "zh-CN"}


def is_rtl(language: str) -> bool:
    """Whether ``language`` (a Django code) is written right to left."""
    return language == "ar"


def qn(name: str) -> str:
    """``w:bidi`` -> the element's Clark name, as lxml spells it."""
    from docx.oxml.ns import qn as docx_qn

    return docx_qn(name)


# The order of the children of properties elements is fixed by the schema; Word refuses
# a file that breaks it, so children go in their place.
ORDER = {
    "w:rPr": [
        "w:rStyle",
        "w:rFonts",
        "w:b",
        "w:bCs",
        "w:i",
        "w:iCs",
        "w:caps",
        "w:smallCaps",
        "w:strike",
        "w:dstrike",
        "w:outline",
        "w:shadow",
        "w:emboss",
        "w:imprint",
        "w:noProof",
        "w:snapToGrid",
        "w:vanish",
        "w:webHidden",
        "w:color",
        "w:spacing",
        "w:w",
        "w:kern",
        "w:position",
        "w:sz",
        "w:szCs",
        "w:highlight",
        "w:u",
        "w:effect",
        "w:bdr",
        "w:shd",
        "w:fitText",
        "w:vertAlign",
        "w:rtl",
        "w:cs",
        "w:em",
        "w:lang",
        "w:eastAsianLayout",
        "w:specVanish",
        "w:oMath",
    ],
    "w:pPr": [
        "w:pStyle",
        "w:keepNext",
        "w:keepLines",
        "w:pageBreakBefore",
        "w:framePr",
        "w:widowControl",
        "w:numPr",
        "w:suppressLineNumbers",
        "w:pBdr",
        "w:shd",
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    ],
    "w:tblPr": [
        "w:tblStyle",
        "w:tblpPr",
        "w:tblOverlap",
        "w:bidiVisual",
        "w:tblStyleRowBandSize",
        "w:tblStyleColBandSize",
        "w:tblW",
        "w:jc",
        "w:tblCellSpacing",
        "w:tblInd",
        "w:tblBorders",
        "w:shd",
        "w:tblLayout",
        "w:tblCellMar",
        "w:tblLook",
    ],
    "w:trPr": [
        "w:cnfStyle",
        "w:divId",
        "w:gridBefore",
        "w:gridAfter",
        "w:wBefore",
        "w:wAfter",
        "w:cantSplit",
        "w:trHeight",
        "w:tblHeader",
        "w:tblCellSpacing",
        "w:jc",
        "w:hidden",
    ],
    "w:tcPr": [
        "w:cnfStyle",
        "w:tcW",
        "w:gridSpan",
        "w:hMerge",
        "w:vMerge",
        "w:tcBorders",
        "w:shd",
        "w:noWrap",
        "w:tcMar",
        "w:textDirection",
        "w:tcFitText",
        "w:vAlign",
        "w:hideMark",
    ],
    "w:sectPr": [
        "w:headerReference",
        "w:footerReference",
        "w:footnotePr",
        "w:endnotePr",
        "w:type",
        "w:pgSz",
        "w:pgMar",
        "w:paperSrc",
        "w:pgBorders",
        "w:lnNumType",
        "w:pgNumType",
        "w:cols",
        "w:formProt",
        "w:vAlign",
        "w:noEndnote",
        "w:titlePg",
        "w:textDirection",
        "w:bidi",
        "w:rtlGutter",
        "w:docGrid",
        "w:printerSettings",
        "w:sectPrChange",
    ],
}


def child(parent, name: str):
    """The child ``name`` of a properties element (``w:rPr``, ``w:pPr``, ``w:tblPr``,
    ``w:trPr``, ``w:tcPr``, ``w:sectPr``), created in its schema place when missing."""
    from docx.oxml import OxmlElement

    found = parent.find(qn(name))
    if found is not None:
        return found
    element = OxmlElement(name)
    order = ORDER[parent.tag.replace(f"{{{W_NS}}}", "w:")]
    rank = order.index(name)
    for index, existing in enumerate(parent):
        tag = existing.tag.replace(f"{{{W_NS}}}", "w:")
        if tag in order and order.index(tag) > rank:
            parent.insert(index, element)
            return element
    parent.append(element)
    return element


def set_fonts(r_fonts, language: str) -> None:
    """Replace an ``w:rFonts``'s fonts (theme fonts included, which would otherwise win
    and lack Arabic in some readers) by the explicit fonts of ``language``."""
    for name in list(r_fonts.attrib):
        del r_fonts.attrib[name]
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        r_fonts.set(qn(attribute), FONT)
    r_fonts.set(qn("w:eastAsia"), CHINESE_FONT if language == "zh-hans" else FONT)


def set_defaults(document, language: str, *, size: float = 9, after: int = 40, line: int = 240) -> None:
    """Fonts, type size (points), language tags and spacing (``after`` in twips,
    ``line`` in 240ths of a line) of every paragraph of ``document``."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(r_pr.find(qn("w:rFonts")), language)
    r_pr.find(qn("w:sz")).set(qn("w:val"), str(int(size * 2)))
    r_pr.find(qn("w:szCs")).set(qn("w:val"), str(int(size * 2)))
    lang = r_pr.find(qn("w:lang"))
    tag = LANG_TAGS.get(language, "en-GB")
    # Word picks the tag by the run's script: Latin (val), complex (bidi), East Asian.
    lang.set(qn("w:val"), "en-GB" if language in ("ar", "zh-hans") else tag)
    lang.set(qn("w:bidi"), "ar-SA")
    lang.set(qn("w:eastAsia"), "zh-CN" if language == "zh-hans" else tag)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), str(after))
    spacing.set(qn("w:line"), str(line))


def page_setup(section, *, landscape: bool, margin_mm: float) -> None:
    """A4, portrait or landscape, with the same margin on every side."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(margin_mm)
    section.top_margin = section.bottom_margin = Mm(margin_mm)


def text_width(section) -> int:
    """The width between the margins (EMU)."""
    return section.page_width - section.left_margin - section.right_margin


def page_footer(paragraph, *, rtl: bool) -> None:
    """ "Page 3 of 61", centred, in ``paragraph`` (a footer's): the numbers are Word
    fields (PAGE, NUMPAGES), placed where the translated sentence puts them. Call it in
    the document's language."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if rtl:
        child(paragraph._p.get_or_add_pPr(), "w:bidi")
    sentence = _("Page %(page)s of %(pages)s") % {"page": "\x00PAGE\x00", "pages": "\x00NUMPAGES\x00"}
    for number, part in enumerate(sentence.split("\x00")):
        if number % 2 == 0:
            if part:
                paragraph.add_run(part)
            continue
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), part)
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"  # shown until the reader's program updates the field
        run.append(text)
        field.append(run)
        paragraph._p.append(field)


def format_run(
    run,
    text: str,
    language: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    color: str = "",
) -> None:
    """Bold, italic, size (points, Latin and complex scripts) and colour (hex);
    the East Asian hint in Chinese (so punctuation takes the Chinese font); ``rtl`` on a
    run holding Arabic in a right-to-left document."""
    from docx.shared import Pt, RGBColor

    run.bold = bold or None
    run.italic = italic or None
    r_pr = run._r.get_or_add_rPr()
    if bold:
        child(r_pr, "w:bCs")
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    if size:
        run.font.size = Pt(size)
        child(r_pr, "w:szCs").set(qn("w:val"), str(int(size * 2)))
    if language == "zh-hans":
        child(r_pr, "w:rFonts").set(qn("w:hint"), "eastAsia")
    if is_rtl(language) and ARABIC.search(text):
        child(r_pr, "w:rtl")


def mark_direction(paragraph, text: str, *, rtl: bool) -> None:
    """In a right-to-left document, the paragraph reads right to left unless its text
    opens in a left-to-right script (a recommendation stored in English only reads as
    English, as a browser's ``dir="auto"`` would show it)."""
    if rtl and opens_right_to_left(text):
        child(paragraph._p.get_or_add_pPr(), "w:bidi")


def paragraph(
    container,
    text: str,
    language: str,
    *,
    bold: bool = False,
    size: float | None = None,
    italic: bool = False,
    keep: bool = False,
    style: str | None = None,
    color: str = "",
):
    """Add one paragraph of one run to ``container`` (a document, cell, header…), its
    direction and run marked for ``language``; returns it."""
    added = container.add_paragraph(style=style) if style else container.add_paragraph()
    mark_direction(added, text, rtl=is_rtl(language))
    if keep:
        added.paragraph_format.keep_with_next = True
    run = added.add_run(text)
    format_run(run, text, language, bold=bold, italic=italic, size=size, color=color)
    return added


def fill_cell(
    cell, lines: list[str], language: str, *, bold: bool = False, keep: bool = False, size: float | None = None
) -> None:
    """Put ``lines`` in a cell, one paragraph each (the cell's empty first paragraph is
    removed, so the cell holds exactly these lines)."""
    first = cell.paragraphs[0]
    for line in lines or [""]:
        paragraph(cell, line, language, bold=bold, keep=keep, size=size)
    first._p.getparent().remove(first._p)


def shade(cell, fill: str) -> None:
    """Fill a cell's background with ``fill`` (hex RGB)."""
    shd = child(cell._tc.get_or_add_tcPr(), "w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)


def fixed_layout(table, widths: list[int], *, rtl: bool) -> None:
    """Give ``table`` fixed column ``widths`` (EMU; readers would otherwise size columns
    by their content) and, right to left, its first column on the right."""
    from docx.shared import Length

    table.autofit = False
    tbl_pr = table._tbl.tblPr
    if rtl:
        child(tbl_pr, "w:bidiVisual")
    tbl_w = child(tbl_pr, "w:tblW")
    tbl_w.set(qn("w:w"), str(Length(sum(widths)).twips))
    tbl_w.set(qn("w:type"), "dxa")
    child(tbl_pr, "w:tblLayout").set(qn("w:type"), "fixed")
    for column, size in zip(table.columns, widths, strict=False):
        column.width = size


def add_row(table, widths: list[int]):
    """A new row of ``table`` whose cells have the column widths (Word reads a cell's
    own width, not the grid's)."""
    row = table.add_row()
    for cell, size in zip(row.cells, widths, strict=False):
        cell.width = size
    return row


def repeat_header(row) -> None:
    """Make ``row`` a header row, repeated at the top of every page the table runs onto."""
    child(row._tr.get_or_add_trPr(), "w:tblHeader")
