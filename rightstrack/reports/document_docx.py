"""A :class:`~rightstrack.reports.document.Document` as a Word file.

``write`` lays the report on A4 (landscape for a report of wide tables), a cover page
(title, subtitle, the facts that identify it) then its blocks. Headings use Word's own
"Heading 1"–"Heading 3" styles and the cover title its "Title" style, so Word's
navigation pane and a table of contents the reader inserts find the chapters; those
styles are restyled here with explicit fonts for every script (the template's theme
fonts lack Arabic in some readers), complex-script sizes and bold (``w:szCs``,
``w:bCs``) and no theme colours. Lists use "List Bullet", tables "Table Grid" with a
header row repeated on every page, figures are pictures with their values as
alternative text. An Arabic report reads right to left (section and paragraphs
``w:bidi``, Arabic runs ``w:rtl``, tables ``w:bidiVisual``); Word shapes Arabic itself.
Chinese runs carry the East Asian font hint. The pieces shared with the matrix writer
are in ``docx_parts``.
"""

from __future__ import annotations

import io
from pathlib import Path

from django.utils import timezone, translation

from rightstrack.reports import docx_parts as parts
from rightstrack.reports.document import (
    Band,
    Bullets,
    Cover,
    Document,
    Facts,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    Table,
)

_MARGIN_MM = 20
_BODY_SIZE, _NOTE_SIZE, _SMALL_SIZE = 10.5, 8.5, 8
_INK, _ACCENT, _GREY = "1A1A1A", "1F4E79", "595959"
_HEADER_FILL, _BAND_FILL = "D9D9D9", "DEEAF6"
# Heading level -> (points, space before in points); sizes for Latin and complex scripts alike.
_HEADINGS = {1: (16, 18), 2: (13, 12), 3: (11, 10)}
_FACT_LABEL_SHARE = 0.35  # of the text width, in a facts table
_FIGURE_HEIGHT_SHARE = 0.75  # of the text height, at most


def write(document: Document, out) -> None:
    """Write ``document`` as a .docx to ``out`` (a path or a binary stream), in the
    document's language (footer sentence, direction, fonts)."""
    import docx

    with translation.override(document.language):
        word = docx.Document()
        section = word.sections[0]
        parts.page_setup(section, landscape=document.landscape, margin_mm=_MARGIN_MM)
        if document.rtl:
            parts.child(section._sectPr, "w:bidi")
        parts.set_defaults(word, document.language, size=_BODY_SIZE, after=120, line=264)
        _styles(word, document.language)
        _footer(word, document)
        writer = _Writer(word, document)
        writer.cover(document.cover)
        for block in document.blocks:
            writer.block(block)
        _properties(word, document)
    word.save(str(out) if isinstance(out, Path) else out)


# ---- styles, footer, properties -----------------------------------------------------------


def _styles(word, language: str) -> None:
    """Restyle the template's Title, Heading 1–3, Caption and Footer for ``language``."""
    title = word.styles["Title"].element
    _style_run(title, language, size=24, color=_ACCENT)
    r_pr = title.get_or_add_rPr()
    for name in ("w:spacing", "w:kern"):  # letter spacing breaks Arabic joining in some readers
        found = r_pr.find(parts.qn(name))
        if found is not None:
            r_pr.remove(found)
    border = title.get_or_add_pPr().find(f"{parts.qn('w:pBdr')}/{parts.qn('w:bottom')}")
    if border is not None:
        _plain_color(border, _ACCENT)
    for level, (size, before) in _HEADINGS.items():
        style = word.styles[f"Heading {level}"]
        _style_run(style.element, language, size=size, color=_ACCENT if level < 3 else _INK, bold=True)
        _plain_space(style, before)
    caption = word.styles["Caption"].element
    _style_run(caption, language, size=9, color=_GREY)
    for name in ("w:b", "w:bCs"):
        found = caption.get_or_add_rPr().find(parts.qn(name))
        if found is not None:
            caption.rPr.remove(found)
    _style_run(word.styles["Footer"].element, language, size=8, color=_GREY)


def _style_run(style, language: str, *, size: float, color: str, bold: bool = False) -> None:
    """Explicit fonts, size and plain colour in a style's run properties."""
    r_pr = style.get_or_add_rPr()
    parts.set_fonts(parts.child(r_pr, "w:rFonts"), language)
    if bold:
        parts.child(r_pr, "w:b")
        parts.child(r_pr, "w:bCs")
    _plain_color(parts.child(r_pr, "w:color"), color)
    parts.child(r_pr, "w:sz").set(parts.qn("w:val"), str(int(size * 2)))
    parts.child(r_pr, "w:szCs").set(parts.qn("w:val"), str(int(size * 2)))


def _plain_color(element, color: str) -> None:
    """A colour by value only: a theme colour would win over it."""
    for name in ("w:themeColor", "w:themeShade", "w:themeTint"):
        element.attrib.pop(parts.qn(name), None)
    element.set(parts.qn("w:color" if element.tag.endswith("}bottom") else "w:val"), color)


def _plain_space(style, before: float) -> None:
    from docx.shared import Pt

    style.paragraph_format.space_before = Pt(before)
    style.paragraph_format.space_after = Pt(4)


def _footer(word, document: Document) -> None:
    """The report's short title over "Page 3 of 12" under every page but the cover."""
    section = word.sections[0]
    section.different_first_page_header_footer = True  # the cover stands alone
    numbers = section.footer.paragraphs[0]
    parts.page_footer(numbers, rtl=document.rtl)
    if document.title:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        title = numbers.insert_paragraph_before(style="Footer")
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        parts.mark_direction(title, document.title, rtl=document.rtl)
        parts.format_run(title.add_run(document.title), document.title, document.language)


def _properties(word, document: Document) -> None:
    properties = word.core_properties
    properties.title = document.title
    properties.subject = document.cover.subtitle
    properties.author = document.author
    properties.last_modified_by = document.author or "rightstrack"
    properties.language = parts.LANG_TAGS.get(document.language, document.language)
    properties.keywords = ""
    properties.comments = ""  # the template says "generated by python-docx"
    properties.created = properties.modified = timezone.now().replace(microsecond=0)
    properties.revision = 1


# ---- blocks -------------------------------------------------------------------------------


class _Writer:
    """Adds a document's cover and blocks to a Word document, in order."""

    def __init__(self, word, document: Document):
        self.word = word
        self.language = document.language
        self.rtl = document.rtl
        section = word.sections[0]
        self.width = parts.text_width(section)
        self.height = section.page_height - section.top_margin - section.bottom_margin
        self.after_break = False  # so a PageBreak right after the cover adds no blank page

    def cover(self, cover: Cover) -> None:
        """The title page: title, subtitle, facts, then a page break."""
        from docx.shared import Pt

        title = parts.paragraph(self.word, cover.title, self.language, style="Title")
        title.paragraph_format.space_before = Pt(120)
        if cover.subtitle:
            subtitle = parts.paragraph(self.word, cover.subtitle, self.language, size=14, color=_GREY)
            subtitle.paragraph_format.space_after = Pt(36)
        if cover.facts:
            self.facts(Facts(cover.facts))
        self.word.add_page_break()
        self.after_break = True

    def block(self, block) -> None:
        """Add one block (see ``rightstrack.reports.document``)."""
        if isinstance(block, PageBreak):
            if not self.after_break:
                self.word.add_page_break()
            self.after_break = True
            return
        self.after_break = False
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 3)
            parts.paragraph(self.word, block.text, self.language, style=f"Heading {level}")
        elif isinstance(block, Paragraph):
            parts.paragraph(
                self.word,
                block.text,
                self.language,
                bold=block.bold,
                size=_NOTE_SIZE if block.note else None,
                color=_GREY if block.note else "",
            )
        elif isinstance(block, Bullets):
            for item in block.items:
                parts.paragraph(self.word, item, self.language, style="List Bullet")
        elif isinstance(block, Facts):
            self.facts(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Figure):
            self.figure(block)
        else:
            raise TypeError(f"not a document block: {block!r}")

    def facts(self, facts: Facts) -> None:
        """Label–value pairs as a borderless two-column table, the labels bold."""
        label = int(self.width * _FACT_LABEL_SHARE)
        widths = [label, self.width - label]
        table = self.word.add_table(rows=0, cols=2)  # no style: the template's borderless Normal Table
        parts.fixed_layout(table, widths, rtl=self.rtl)
        for name, value in facts.items:
            row = parts.add_row(table, widths)
            parts.fill_cell(row.cells[0], [name], self.language, bold=True)
            parts.fill_cell(row.cells[1], value.split("\n"), self.language)
        self._spacer()

    def table(self, table: Table) -> None:
        """A bordered table: a shaded bold header row repeated on every page, Band rows
        merged across and shaded, cells of one paragraph a line."""
        count = len(table.columns)
        shares = list(table.widths or [1 / count] * count)[:count]
        shares += [shares[-1] if shares else 1 / count] * (count - len(shares))
        scale = 1 / sum(shares) if sum(shares) > 1 else 1  # never wider than the text
        widths = [int(self.width * share * scale) for share in shares]
        size = _SMALL_SIZE if table.small else None
        word_table = self.word.add_table(rows=0, cols=count)
        word_table.style = self.word.styles["Table Grid"]
        parts.fixed_layout(word_table, widths, rtl=self.rtl)
        header = parts.add_row(word_table, widths)
        for cell, heading in zip(header.cells, table.columns, strict=False):
            parts.fill_cell(cell, heading.split("\n"), self.language, bold=True, size=size)
            parts.shade(cell, _HEADER_FILL)
        parts.repeat_header(header)
        for row in table.rows:
            word_row = parts.add_row(word_table, widths)
            # A row reads whole, on one page; a taller one may break, since Word cuts off a row
            # taller than a page that it may not split.
            if _lines(row) <= _WHOLE_ROW_LINES:
                parts.child(word_row._tr.get_or_add_trPr(), "w:cantSplit")
            if isinstance(row, Band):
                merged = word_row.cells[0].merge(word_row.cells[-1]) if count > 1 else word_row.cells[0]
                parts.fill_cell(merged, row.text.split("\n"), self.language, bold=True, keep=True, size=size)
                parts.shade(merged, _BAND_FILL)
                continue
            cells = list(row)[:count] + [""] * (count - len(row))
            for cell, text in zip(word_row.cells, cells, strict=False):
                parts.fill_cell(cell, str(text).split("\n"), self.language, size=size)
        self._spacer()

    def figure(self, figure: Figure) -> None:
        """The chart as a picture ``figure.width`` of the text width, its values as the
        picture's alternative text, its caption under it."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        holder = self.word.add_paragraph()
        holder.alignment = WD_ALIGN_PARAGRAPH.CENTER
        holder.paragraph_format.keep_with_next = bool(figure.caption)
        parts.mark_direction(holder, figure.caption, rtl=self.rtl)
        width = int(self.width * min(max(figure.width, 0.05), 1.0))
        shape = holder.add_run().add_picture(io.BytesIO(figure.picture.png()), width=width)
        if shape.height > self.height * _FIGURE_HEIGHT_SHARE:  # a tall chart keeps room for its caption
            scale = self.height * _FIGURE_HEIGHT_SHARE / shape.height
            shape.width, shape.height = int(shape.width * scale), int(shape.height * scale)
        for doc_pr in holder._p.xpath(".//wp:docPr"):
            doc_pr.set("descr", figure.picture.description())
            doc_pr.set("title", figure.picture.title or figure.caption)
        if figure.caption:
            caption = parts.paragraph(self.word, figure.caption, self.language, style="Caption")
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def _spacer(self) -> None:
        """An empty paragraph after a table: space before what follows, and two tables
        in a row stay two (Word joins tables that touch)."""
        from docx.shared import Pt

        self.word.add_paragraph().paragraph_format.space_after = Pt(0)


_WHOLE_ROW_LINES = 30  # lines of a row kept on one page; a taller one may break across pages


def _lines(row: list[str] | Band) -> int:
    """The lines of a row's longest cell (a Band: one)."""
    if isinstance(row, Band):
        return 1
    return max([len((cell or "").split("\n")) for cell in row] or [1])
