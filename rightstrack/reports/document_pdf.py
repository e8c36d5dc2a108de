"""A report (``reports.document``) as PDF, laid out by PyMuPDF's ``Story`` (MuPDF's HTML engine).

Every block becomes HTML (all texts escaped: they are user data, never markup) and MuPDF
lays it out on A4 pages (landscape when the document asks), shaping Arabic and Chinese
with HarfBuzz, in open-licence fonts that come with the Python packages (MuPDF's Nimbus
Sans and Droid Sans Fallback; for Arabic, matplotlib's DejaVu Sans: see ``_ARABIC_CSS``),
embedded and subset: no system font is needed.

MuPDF's HTML does not do everything a report needs, so the pages are filled here, one
``Story`` after another (``_Pages``):

- a table's header row is not repeated where MuPDF breaks a table, so a table is laid
  out page by page: the rows that fit (MuPDF never splits a row) are drawn under the
  header, and the next page starts a new table of header and remaining rows;
- MuPDF knows no "keep with next": headings just before a table or a figure travel with
  it to the next page, and a heading that would close a page moves to the next one;
- MuPDF does not mirror tables for ``dir="rtl"`` and draws list bullets on the left
  whatever the direction: Arabic tables are written last column first, and list items
  are paragraphs opening with a bullet and a hanging indent;
- percentages are not widths for MuPDF: column and image widths are given in points.

The running footer ("Page 3 of 12" and the short title) is added to the finished PDF,
once the number of pages is known.
"""

from __future__ import annotations

import html
import io
import struct
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _

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
    opens_right_to_left,
)

_MARGIN = 56.7  # 2 cm, in points
_GAP = 4.0  # between two stories on a page, where MuPDF's margins do not reach across
_PADDING, _BORDER = 3.0, 0.5  # of a table cell, left and right (points)
_ROOM = 36.0  # less room than this at the foot of a page: the next story starts a new page
_ORPHAN = 30.0  # a heading followed by less than this on its page moves to the next page
_LANG_TAGS = {"zh-hans": "zh-Hans"}  # Django's language code → BCP 47, where they differ

_CSS = """
body { margin: 0; padding: 0; font-family: sans-serif; font-size: 10pt; line-height: 1.25; color: #000; }
h1, h2, h3 { font-weight: bold; color: #1f3864; margin: 0; }
h1 { font-size: 16pt; padding: 10pt 0 6pt 0; }
h2 { font-size: 13pt; padding: 8pt 0 4pt 0; }
h3 { font-size: 11pt; padding: 6pt 0 3pt 0; }
p { margin: 0 0 5pt 0; }
p.note { font-size: 8.5pt; color: #595959; }
p.bold { font-weight: bold; }
p.bullet { margin: 0 0 2pt 0; text-indent: -10pt; }
p.bullet.ltr { padding-left: 14pt; }
p.bullet.rtl { padding-right: 14pt; }
table { border-collapse: collapse; margin: 0 0 6pt 0; }
table.grid td, table.grid th { border: 0.5pt solid #999999; padding: 1.5pt 3pt 1.5pt 3pt;
  vertical-align: top; font-size: 9pt; }
table.grid.small td, table.grid.small th { font-size: 7.5pt; }
/* left: the start side, also in RTL */
table.grid th { font-weight: bold; background-color: #d9d9d9; text-align: left; }
table.grid tr.band td { font-weight: bold; background-color: #deeaf6; }
table.facts td { padding: 1pt 3pt 1pt 3pt; vertical-align: top; }
table.facts td.label { font-weight: bold; }
div.figure { text-align: center; margin: 4pt 0 8pt 0; }
div.figure p { font-size: 9pt; font-style: italic; text-align: center; margin: 3pt 0 0 0; }
div.cover { padding-top: 110pt; }
div.cover p.title { font-size: 26pt; font-weight: bold; color: #1f3864; line-height: 1.15; margin: 0 0 12pt 0; }
div.cover p.subtitle { font-size: 14pt; color: #404040; margin: 0 0 30pt 0; }
div.cover table.facts td { font-size: 11pt; padding: 2pt 4pt 2pt 4pt; }
"""
# Arabic in DejaVu Sans (matplotlib carries it): MuPDF's built-in Noto Naskh draws Arabic
# well but maps some of its glyphs (the lam's joined forms) to wrong characters, so a text
# copied from the PDF, searched in it or read by a screen reader lost every "ل". DejaVu
# Sans encodes its Arabic forms, has a bold, and the text reads back as written.
_ARABIC_CSS = """
@font-face { font-family: rtarabic; src: url(DejaVuSans.ttf); }
@font-face { font-family: rtarabic; src: url(DejaVuSans-Bold.ttf); font-weight: bold; }
@font-face { font-family: rtarabic; src: url(DejaVuSans-Oblique.ttf); font-style: italic; }
@font-face { font-family: rtarabic; src: url(DejaVuSans-BoldOblique.ttf); font-weight: bold; font-style: italic; }
body { font-family: rtarabic; }
"""


def _fonts(document: Document):
    """The archive the document's fonts come from and the CSS naming them."""
    import pymupdf

    if not document.rtl:
        return pymupdf.Archive(), ""
    import matplotlib

    return pymupdf.Archive(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf")), _ARABIC_CSS


_WINDOW = 24  # table rows laid out at first for a page

_FOOTER_CSS = """
body { margin: 0; font-family: sans-serif; font-size: 8pt; color: #595959; }
td { padding: 0; }
td.end { text-align: right; }  /* MuPDF mirrors left and right in a right-to-left cell: the end side */
"""


def write(document: Document, out) -> None:
    """Write ``document`` as PDF to ``out`` (a binary stream)."""
    out.write(render(document))


def render(document: Document) -> bytes:
    """``document`` as the bytes of a PDF: laid out, footed, with its outline and metadata."""
    import pymupdf

    with translation.override(document.language):
        pages = _Pages(document)
        pages.cover(document.cover)
        pages.blocks(document.blocks)
        pdf = pymupdf.open("pdf", pages.close())
        _footers(pdf, document)
    pdf.set_toc(pages.outline())
    now = pymupdf.get_pdf_now()
    pdf.set_metadata(
        {
            "title": document.title,
            "author": document.author,
            "subject": document.cover.subtitle,
            "creator": "rightstrack",
            "producer": f"PyMuPDF {pymupdf.VersionBind}",
            "creationDate": now,
            "modDate": now,
        }
    )
    pdf.set_language(_LANG_TAGS.get(document.language, document.language))
    pdf.subset_fonts()
    return pdf.tobytes(garbage=4, deflate=True)


# ---- HTML -----------------------------------------------------------------------------------


class _Html:
    """Blocks as HTML fragments in one document's direction and page width."""

    def __init__(self, document: Document, width: float, height: float):
        self.rtl = document.rtl
        self.width, self.height = width, height  # of the text area, points
        self.archive, fonts = _fonts(document)
        self.css = _CSS + fonts
        self.headings: dict[str, tuple[int, str]] = {}  # element id → (level, text), for the outline
        self._figures = 0
        self._open = (
            f'<body dir="{"rtl" if self.rtl else "ltr"}" lang="{_LANG_TAGS.get(document.language, document.language)}">'
        )

    def page(self, fragment: str) -> str:
        return f"{self._open}{fragment}</body>"

    def direction(self, text: str) -> str:
        """The direction of an element holding ``text``: in an Arabic document, a text
        opening with a left-to-right letter (an English recommendation) reads left to right."""
        return "rtl" if self.rtl and opens_right_to_left(text) else "ltr"

    def attributes(self, text: str, *classes: str) -> str:
        """``dir`` (which also aligns: MuPDF aligns to the start by default, and reads
        ``text-align: left`` as "start" in a right-to-left element) and ``class``."""
        direction = self.direction(text)
        names = " ".join(filter(None, (*classes, direction)))
        return f'dir="{direction}" class="{names}"'

    def lines(self, text: str) -> str:
        """A cell's lines; in an Arabic document each with its own direction, so that an
        English line under an Arabic one ("Human Rights Ombudsman (demo)") keeps its
        brackets where they belong."""
        if not self.rtl or "\n" not in (text or ""):
            return _text(text)
        return "".join(
            f'<div dir="{self.direction(line)}">{html.escape(line) or "&#160;"}</div>' for line in text.split("\n")
        )

    def cover(self, cover: Cover) -> str:
        parts = [f'<div class="cover"><p {self.attributes(cover.title, "title")}>{_text(cover.title)}</p>']
        if cover.subtitle:
            parts.append(f"<p {self.attributes(cover.subtitle, 'subtitle')}>{_text(cover.subtitle)}</p>")
        if cover.facts:
            parts.append(self.facts(Facts(cover.facts), (0.4, 0.6)))
        return "".join(parts) + "</div>"

    def block(self, block) -> str:
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 3)
            ident = f"h{len(self.headings)}"
            self.headings[ident] = (level, block.text)
            return f'<h{level} id="{ident}" {self.attributes(block.text)}>{_text(block.text)}</h{level}>'
        if isinstance(block, Paragraph):
            kinds = ("note" if block.note else "", "bold" if block.bold else "")
            return f"<p {self.attributes(block.text, *kinds)}>{_text(block.text)}</p>"
        if isinstance(block, Bullets):
            return "".join(
                f"<p {self.attributes(item, 'bullet')}>\u2022\u00a0{_text(item)}</p>" for item in block.items
            )
        if isinstance(block, Facts):
            return self.facts(block, (0.35, 0.65))
        if isinstance(block, Figure):
            return self.figure(block)
        raise TypeError(f"no HTML for {type(block).__name__}")

    def facts(self, facts: Facts, widths: tuple[float, float]) -> str:
        """Label–value pairs as a two-column table without borders (label first, on the
        right in Arabic)."""
        label_w, value_w = (self.width * fraction - 2 * _PADDING for fraction in widths)
        rows = []
        for label, value in facts.items:
            cells = [
                f'<td {self.attributes(label, "label")} style="width:{label_w:.1f}pt">{_text(label)}</td>',
                f'<td {self.attributes(value)} style="width:{value_w:.1f}pt">{_text(value)}</td>',
            ]
            rows.append(f"<tr>{''.join(reversed(cells) if self.rtl else cells)}</tr>")
        return f'<table class="facts">{"".join(rows)}</table>'

    def figure(self, figure: Figure) -> str:
        """The picture as an image of the archive, as wide as asked (but never taller than
        most of a page), its caption under it."""
        png = figure.picture.png()
        self._figures += 1
        name = f"figure{self._figures}.png"
        self.archive.add(png, name)
        width = self.width * min(max(figure.width, 0.05), 1.0)
        pixels = _png_size(png)
        if pixels and all(pixels):
            width = min(width, self.height * 0.8 * pixels[0] / pixels[1])
        caption = f"<p {self.attributes(figure.caption)}>{_text(figure.caption)}</p>" if figure.caption else ""
        return f'<div class="figure"><img src="{name}" style="width:{width:.1f}pt"/>{caption}</div>'

    def table(self, table: Table) -> tuple[str, list[str]]:
        """The opening of ``table`` with its header row, and each row's HTML (``id="rN"``)."""
        count, points = self.columns(table)
        classes = "grid small" if table.small else "grid"
        head = f'<table class="{classes}">'
        if table.columns:
            head += self._row("", "th", list(table.columns), points)
        return head, [self.table_row(f"r{number}", row, count, points) for number, row in enumerate(table.rows)]

    def table_row(self, ident: str, row: list[str] | Band, count: int, points: list[float]) -> str:
        """One row of a table of ``count`` columns ``points`` wide, as HTML."""
        if isinstance(row, Band):
            return (
                f'<tr id="{ident}" class="band"><td colspan="{count}" {self.attributes(row.text)}>'
                f"{_text(row.text)}</td></tr>"
            )
        return self._row(f' id="{ident}"', "td", list(row) + [""] * (count - len(row)), points)

    def columns(self, table: Table) -> tuple[int, list[float]]:
        """How many columns ``table`` has and their widths in points (MuPDF counts a cell's
        padding and its share of the collapsed borders outside the width)."""
        count = max([len(table.columns), 1] + [len(row) for row in table.rows if not isinstance(row, Band)])
        return count, [self.width * fraction - 2 * _PADDING - _BORDER for fraction in _widths(table.widths, count)]

    def _row(self, ident: str, tag: str, cells: list[str], points: list[float]) -> str:
        parts = [
            f'<{tag} {self.attributes(cell)} style="width:{width:.1f}pt">{self.lines(cell)}</{tag}>'
            for cell, width in zip(cells, points, strict=False)
        ]
        if self.rtl:  # MuPDF lays table columns left to right whatever the direction
            parts.reverse()
        return f"<tr{ident}>{''.join(parts)}</tr>"


def _halve(row: list[str] | Band) -> list[list[str]] | None:
    """A row cut in two at half the lines of its longest cell (None: it has one line)."""
    if isinstance(row, Band):
        return None
    lines = [(cell or "").split("\n") for cell in row]
    cut = max(len(cell) for cell in lines) // 2
    if cut < 1:
        return None
    return [["\n".join(cell[:cut]) for cell in lines], ["\n".join(cell[cut:]) for cell in lines]]


def _text(text: str) -> str:
    """User text as HTML: escaped, its lines kept."""
    return "<br/>".join(html.escape(line) for line in (text or "").split("\n"))


def _widths(widths: tuple[float, ...] | None, count: int) -> list[float]:
    """Column widths as fractions adding up to 1 (equal when none or not one per column)."""
    if not widths or len(widths) != count or sum(widths) <= 0:
        return [1 / count] * count
    total = sum(widths)
    return [width / total for width in widths]


def _png_size(png: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG from its header (IHDR), without decoding it."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or len(png) < 24:
        return None
    return struct.unpack(">II", png[16:24])


# ---- pages ----------------------------------------------------------------------------------


class _Pages:
    """Fills pages with stories, one under the other, through a ``DocumentWriter``."""

    def __init__(self, document: Document):
        import pymupdf

        self._pymupdf = pymupdf
        self.mediabox = pymupdf.paper_rect("a4-l" if document.landscape else "a4")
        self.area = self.mediabox + (_MARGIN, _MARGIN, -_MARGIN, -_MARGIN)
        self.html = _Html(document, self.area.width, self.area.height)
        self._buffer = io.BytesIO()
        self._writer = pymupdf.DocumentWriter(self._buffer)
        self._device = None
        self.page = 0  # the current page, from 1
        self.y = self.area.y0
        self._break = False  # a page break asked for and not yet made
        self._outline: list[tuple[int, str, int]] = []

    # -- what is placed

    def cover(self, cover: Cover) -> None:
        self.flow(self.html.cover(cover))
        self.new_page()

    def blocks(self, blocks) -> None:
        """Place the blocks in order: running text as one story, tables and figures on
        their own, each with the headings just before it."""
        pending: list[str] = []  # HTML of running text not yet placed
        headings: list[str] = []  # HTML of the headings at the end of ``pending``
        for block in blocks:
            if isinstance(block, PageBreak):
                self.flow("".join(pending))
                pending, headings = [], []
                self._break = True  # taken when something comes: no empty page at the end
            elif isinstance(block, (Table, Figure)):
                self.flow("".join(pending[: len(pending) - len(headings)]))
                preamble = "".join(headings)
                pending, headings = [], []
                if isinstance(block, Table):
                    self.table(preamble, block)
                else:
                    self.flow(preamble + self.html.block(block), keep=True)
            else:
                fragment = self.html.block(block)
                pending.append(fragment)
                headings = headings + [fragment] if isinstance(block, Heading) else []
        self.flow("".join(pending))

    def flow(self, fragment: str, keep: bool = False) -> None:
        """Place ``fragment`` from where the page is filled, over as many pages as it
        needs; ``keep``: on the next page if it does not fit whole on this one."""
        if not fragment:
            return
        story = self._story(fragment)
        while True:
            self._room()
            more, filled, positions = self._place(story, self.y)
            if more:
                fresh = self.y <= self.area.y0
                orphan = None if keep else self._orphan(positions, filled)
                if not fresh and (keep or (orphan is not None and orphan - self.y < _ROOM)):
                    self.new_page()  # nothing drawn: the story starts again from there
                    keep = False
                    continue
                if orphan is not None and orphan - self.y >= _ROOM:
                    more, filled, positions = self._place(story, self.y, bottom=orphan)
                elif fresh and filled.height < 1:
                    raise RuntimeError("MuPDF placed nothing on an empty page")  # rather than pages without end
            keep = False
            self._draw(story, positions)
            self.y = filled.y1 + _GAP
            if not more:
                return
            self.new_page()

    def table(self, preamble: str, table: Table) -> None:
        """Place ``table`` (after ``preamble``, the headings that go with it) page by page,
        its header row on top of each page."""
        head, rows = self.html.table(table)
        cells = list(table.rows)  # a row taller than a page is cut in two (see _halve)
        # Only a window of the rows left is laid out for a page (all of them, on every page
        # of a 400-row annex, made the PDF quadratic: 8 of its 12 seconds); a window that
        # fits whole is doubled, as the page may hold more.
        start, window = 0, _WINDOW
        while True:
            self._room()
            end = min(len(rows), start + window)
            story = self._story(preamble + head + "".join(rows[start:end]) + "</table>")
            more, filled, positions = self._place(story, self.y)
            if not more and end < len(rows):
                window *= 2
                continue
            placed = [position for position in positions if position[0].startswith("r")]
            count = len({ident for ident, *_ in placed})
            if more and count == 0:
                if self.y > self.area.y0:
                    self.new_page()
                    continue
                halves = _halve(cells[start])
                if halves:  # taller than a page: MuPDF never splits a row, so it is cut here
                    number, points = self.html.columns(table)
                    cells[start : start + 1] = halves
                    cut = len(rows)  # a new number each time: a row's id names it alone
                    rows[start : start + 1] = [
                        self.html.table_row(f"r{start}c{cut}-{k}", half, number, points)
                        for k, half in enumerate(halves)
                    ]
                    continue
                count = 1  # one line taller than a page: it overflows the page alone
            if more and count > 1 and isinstance(cells[start + count - 1], Band):
                count -= 1  # a group heading does not close a page
            if more:
                story = self._story(preamble + head + "".join(rows[start : start + count]) + "</table>")
                more, filled, positions = self._place(story, self.y)
            self._draw(story, positions)
            # the filled rectangle of a table reaches below its last row: the rows tell
            self.y = (
                max([bottom for ident, _level, _top, bottom in positions if ident.startswith("r")] or [filled.y1])
                + _GAP
            )
            start += count
            window = max(_WINDOW, 2 * count)
            preamble = ""
            if start >= len(rows):
                return
            self.new_page()

    # -- pages and stories

    def new_page(self) -> None:
        if self._device is not None:
            self._writer.end_page()
        self._device = self._writer.begin_page(self.mediabox)
        self.page += 1
        self.y = self.area.y0

    def _room(self) -> None:
        """A new page when too little is left of this one: MuPDF, asked to fill a sliver
        where nothing fits, may skip what it was given."""
        if self._device is None or self.area.y1 - self.y < _ROOM or (self._break and self.y > self.area.y0):
            self.new_page()
        self._break = False

    def close(self) -> bytes:
        if self._device is None:
            self.new_page()
        self._writer.end_page()
        self._writer.close()
        return self._buffer.getvalue()

    def outline(self) -> list[list]:
        """The headings as a PDF outline: levels rising by one at most, as PDF wants."""
        toc, previous = [], 0
        for level, text, page in self._outline:
            level = min(level, previous + 1)
            toc.append([level, text, page])
            previous = level
        return toc

    def _story(self, fragment: str):
        return self._pymupdf.Story(self.html.page(fragment), user_css=self.html.css, archive=self.html.archive)

    def _place(self, story, top: float, bottom: float | None = None):
        """Lay ``story`` out in the free part of the page: whether more remains, the
        filled rectangle and the identified elements placed (id, level, top, bottom)."""
        if self._device is None:
            self.new_page()
        rect = self._pymupdf.Rect(self.area.x0, top, self.area.x1, bottom or self.area.y1)
        more, filled = story.place(rect)
        filled = self._pymupdf.Rect(filled)
        positions: list[tuple[str, int, float, float]] = []

        def collect(position):
            if position.id and position.open_close & 1:
                positions.append((position.id, position.heading, position.rect[1], position.rect[3]))

        story.element_positions(collect)
        return more, filled, positions

    def _orphan(self, positions, filled) -> float | None:
        """The top of a heading closing the page with (almost) nothing under it, if any
        and if it is not the first thing on the page."""
        headings = [position for position in positions if position[1]]
        if not headings:
            return None
        _ident, _level, top, bottom = headings[-1]
        if filled.y1 - bottom < _ORPHAN and top > self.y + 1:
            return top - 0.5
        return None

    def _draw(self, story, positions) -> None:
        story.draw(self._device)
        for ident, level, _top, _bottom in positions:
            if level and ident in self.html.headings:
                self._outline.append((*self.html.headings[ident], self.page))


# ---- footer ---------------------------------------------------------------------------------


def _footers(pdf, document: Document) -> None:
    """ "Page 3 of 12" and the short title under every page (start side: the title; end
    side: the page), in the document's language and direction."""
    import pymupdf

    count = pdf.page_count
    archive, fonts = _fonts(document)
    title_dir = "rtl" if document.rtl and opens_right_to_left(document.title) else "ltr"
    side = "rtl" if document.rtl else "ltr"
    for number, page in enumerate(pdf, start=1):
        area = page.rect + (_MARGIN, 0, -_MARGIN, 0)
        rect = pymupdf.Rect(area.x0, page.rect.y1 - _MARGIN + 14, area.x1, page.rect.y1 - _MARGIN + 34)
        sentence = _("Page %(page)s of %(pages)s") % {"page": number, "pages": count}
        title_w, page_w = area.width * 0.68, area.width * 0.3
        cells = [
            f'<td dir="{title_dir}" style="width:{title_w:.1f}pt">{_text(document.title)}</td>',
            f'<td dir="{side}" class="end" style="width:{page_w:.1f}pt">{html.escape(sentence)}</td>',
        ]
        row = "".join(reversed(cells) if document.rtl else cells)
        page.insert_htmlbox(
            rect, f'<body dir="{side}"><table><tr>{row}</tr></table></body>', css=_FOOTER_CSS + fonts, archive=archive
        )
