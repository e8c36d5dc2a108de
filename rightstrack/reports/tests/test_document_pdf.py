"""A report (``reports.document``) as PDF: every block type in English, Arabic (right to
left, tables mirrored) and Chinese, read back with pdftotext and PyMuPDF."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import time
import unicodedata

import pymupdf
import pytest

from rightstrack.reports import document_pdf
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

AS_OF = dt.date(2026, 12, 7)
HOSTILE = "Ministry <script>alert(1)</script> & Partners"


class FakePicture:
    """A chart stand-in: a real PNG of coloured bars, drawn by PyMuPDF."""

    def __init__(self, title: str = "Status of recommendations", size: tuple[int, int] = (400, 200)):
        self.title = title
        self.size = size

    def png(self, dpi: int = 200) -> bytes:
        width, height = self.size
        pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, width, height), 0)
        pixmap.clear_with(255)
        for number, colour in enumerate([(31, 56, 100), (112, 173, 71), (237, 125, 49)]):
            top = height - (number + 1) * height // 4
            pixmap.set_rect(pymupdf.IRect(20 + number * width // 3, top, (number + 1) * width // 3, height), colour)
        return pixmap.tobytes("png")

    def svg(self) -> str:
        return "<svg/>"

    def description(self) -> str:
        return "Three bars"


def english(*, rows: int = 3, figures: int = 1, landscape: bool = False) -> Document:
    document = Document(
        title="Mid-term report Slovenia",
        language="en",
        as_of=AS_OF,
        landscape=landscape,
        author="NMRF Slovenia",
        cover=Cover(
            title="Mid-term report on the implementation of recommendations",
            subtitle="Universal Periodic Review, third cycle",
            facts=[("State", "Slovenia"), ("As of", "7 December 2026")],
        ),
    )
    document.add(
        Heading("Introduction", 1),
        Paragraph("This report follows the recommendations received by Slovenia."),
        Paragraph("Strongly worded paragraph", bold=True),
        Paragraph("Source: national database of recommendations", note=True),
        Bullets(["First bullet item", "Second bullet item"]),
        Facts([("Working Group session", "34"), ("Responsible", HOSTILE)]),
        Heading("Status of implementation", 2),
        Table(
            ["Recommendation", "Position", "Status"],
            [Band("Goal: Equality & non-discrimination")]
            + [
                [
                    f"121.{n} Ratify convention number {n}\nSource of position: A/HRC/43/15/Add.1",
                    "Supported",
                    "In progress",
                ]
                for n in range(1, rows + 1)
            ],
            widths=(0.6, 0.2, 0.2),
        ),
    )
    for number in range(1, figures + 1):
        document.add(
            Figure(
                FakePicture(size=(400, 200 + number - 1)),
                caption=f"Figure {number}: recommendations by status",
                width=0.6,
            )
        )
    document.add(PageBreak(), Heading("Annex detail", 3), Paragraph("After the page break."))
    return document


def arabic() -> Document:
    document = Document(
        title="تقرير منتصف المدة",
        language="ar",
        as_of=AS_OF,
        author="آلية وطنية",
        cover=Cover(
            title="تقرير منتصف المدة عن تنفيذ التوصيات",
            subtitle="الاستعراض الدوري الشامل",
            facts=[("الدولة", "سلوفينيا")],
        ),
    )
    document.add(
        Heading("مقدمة", 1),
        Paragraph("يعرض هذا التقرير التوصيات"),
        Paragraph("Ratify the Convention against Torture"),
        Bullets(["بند أول", "بند ثان"]),
        Table(
            ["نص", "موقف"],
            [Band("هدف المساواة"), ["توصية أولى", "مؤيدة"], ["Ratify the Convention", "مؤيدة"]],
            widths=(0.7, 0.3),
        ),
        Figure(FakePicture(), caption="رسم بياني", width=0.5),
    )
    return document


def chinese() -> Document:
    document = Document(
        title="中期报告",
        language="zh-hans",
        as_of=AS_OF,
        cover=Cover(title="关于建议执行情况的中期报告", subtitle="普遍定期审议", facts=[("国家", "斯洛文尼亚")]),
    )
    document.add(
        Heading("导言", 1),
        Paragraph("本报告介绍收到的建议。"),
        Bullets(["第一项"]),
        Table(["建议", "立场"], [["批准公约", "支持"]]),
    )
    return document


def write(document: Document) -> bytes:
    stream = io.BytesIO()
    document_pdf.write(document, stream)
    return stream.getvalue()


def pdftotext(pdf: bytes, tmp_path, *args: str) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(path), "-"], capture_output=True, check=True)
    return unicodedata.normalize("NFKC", result.stdout.decode("utf-8"))


def page_texts(pdf: bytes) -> list[str]:
    with pymupdf.open("pdf", pdf) as doc:
        return [unicodedata.normalize("NFKC", page.get_text()) for page in doc]  # "ﬁ" → "fi"


def test_english_blocks_are_all_there(tmp_path):
    pdf = write(english())
    text = " ".join(pdftotext(pdf, tmp_path).split())
    for expected in (
        "Mid-term report on the implementation of recommendations",
        "Universal Periodic Review",
        "Slovenia",
        "Introduction",
        "Strongly worded paragraph",
        "Source: national database",
        "First bullet item",
        "Working Group session",
        "Status of implementation",
        "Recommendation",
        "Goal: Equality & non-discrimination",
        "121.3 Ratify convention number 3",
        "Figure 1: recommendations by status",
        "Annex detail",
        "After the page break.",
    ):
        assert expected in text, expected
    # a cell's lines stay lines
    lines = page_texts(pdf)[1].splitlines()
    assert "121.1 Ratify convention number 1" in lines
    assert "Source of position: A/HRC/43/15/Add.1" in lines


def test_user_text_is_escaped_not_markup(tmp_path):
    text = pdftotext(write(english()), tmp_path)
    assert HOSTILE in " ".join(text.split())


def test_footer_and_page_count(tmp_path):
    pdf = write(english())
    with pymupdf.open("pdf", pdf) as doc:
        count = doc.page_count
        assert doc[0].rect.width < doc[0].rect.height  # portrait
        assert round(doc[0].rect.width) == 595
    assert count == 3  # cover, body, after the page break
    pages = page_texts(pdf)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {count}" in page
        assert "Mid-term report Slovenia" in page
    assert "Introduction" in pages[1] and "Introduction" not in pages[0]  # the cover is a page of its own
    assert "Annex detail" in pages[2] and "Annex detail" not in pages[1]  # the page break


def test_landscape():
    with pymupdf.open("pdf", write(english(landscape=True))) as doc:
        assert doc[0].rect.width > doc[0].rect.height
        assert round(doc[0].rect.width) == 842


def test_metadata_and_outline():
    with pymupdf.open("pdf", write(english())) as doc:
        assert doc.metadata["title"] == "Mid-term report Slovenia"
        assert doc.metadata["author"] == "NMRF Slovenia"
        assert doc.metadata["creator"] == "rightstrack"
        assert doc.language == "en"
        assert [entry[:2] for entry in doc.get_toc()] == [
            [1, "Introduction"],
            [2, "Status of implementation"],
            [3, "Annex detail"],
        ]
        assert doc.get_toc()[2][2] == 3  # the heading after the page break is on page 3


def test_figure_is_an_image_under_its_width():
    with pymupdf.open("pdf", write(english())) as doc:
        images = [(page.number, image) for page in doc for image in page.get_images()]
        assert len(images) == 1
        page_number, image = images[0]
        assert image[2:4] == (400, 200)  # the PNG itself, not redrawn
        box = doc[page_number].get_image_rects(image[0])[0]
        text_width = doc[page_number].rect.width - 2 * document_pdf._MARGIN
        assert box.width == pytest.approx(0.6 * text_width, rel=0.03)
        assert box.width / box.height == pytest.approx(2, rel=0.03)
        caption = doc[page_number].search_for("Figure 1: recommendations")[0]
        assert caption.y0 > box.y1  # the caption under the figure


def test_table_header_is_bold_shaded_and_columns_follow_widths():
    with pymupdf.open("pdf", write(english())) as doc:
        page = doc[1]
        spans = {
            span["text"].strip(): span
            for block in page.get_text("dict")["blocks"]
            for line in block.get("lines", [])
            for span in line["spans"]
        }
        header, position = spans["Recommendation"], spans["Position"]
        assert "Bold" in header["font"]
        text_width = page.rect.width - 2 * document_pdf._MARGIN
        # the second column starts 60 % of the text width in (widths=(0.6, 0.2, 0.2))
        assert position["bbox"][0] - document_pdf._MARGIN == pytest.approx(0.6 * text_width, abs=8)
        drawings = page.get_drawings()
        middle = pymupdf.Rect(header["bbox"]).tl + (5, 6)
        shades = [d["fill"] for d in drawings if d.get("fill") and d["rect"].contains(middle)]
        assert (0.851, 0.851, 0.851) in [tuple(round(c, 3) for c in fill) for fill in shades]  # #d9d9d9
        borders = [d for d in drawings if d.get("fill") and tuple(round(c, 1) for c in d["fill"]) == (0.6,) * 3]
        assert len(borders) >= 4 * 3 * 3  # four sides of each cell of the header and three rows
        band = spans["Goal: Equality & non-discrimination"]
        assert band["bbox"][2] - band["bbox"][0] > 0.3 * text_width or "Bold" in band["font"]


def test_long_table_repeats_its_header_on_every_page(tmp_path):
    pdf = write(english(rows=300, figures=0))
    pages = page_texts(pdf)
    table_pages = [page for page in pages if "Ratify convention number" in page]
    assert len(table_pages) >= 5
    for page in table_pages:
        assert "Recommendation" in page and "Position" in page and "Status" in page
    assert sum(page.count("Ratify convention number") for page in table_pages) == 300
    text = pdftotext(pdf, tmp_path)
    assert "121.300 Ratify convention number 300" in text
    # no row is cut in two: each row's number and its source line are on the same page
    for page in table_pages:
        assert page.count("Ratify convention number") == page.count("Source of position")


def test_arabic_reads_right_to_left_with_mirrored_tables(tmp_path):
    pdf = write(arabic())
    # pdftotext may put a space inside an Arabic word (its guess from the glyphs' gaps):
    # compared without spaces. Words with "ل" read back too (the Arabic font maps its lam).
    text = "".join(pdftotext(pdf, tmp_path).split())
    for word in ("مقدمة", "بند ثان", "توصية", "مؤيدة", "هدف", "رسم بياني", "صفحة", "الصفحة", "المساواة"):
        assert "".join(word.split()) in text, word
    with pymupdf.open("pdf", pdf) as doc:
        page = doc[1]
        right = page.rect.width - document_pdf._MARGIN
        heading = _words(page, "مقدمة")[0]
        assert heading.x1 == pytest.approx(right, abs=3)  # right aligned
        english_paragraph = page.search_for("Ratify the Convention against Torture")[0]
        assert english_paragraph.x0 == pytest.approx(document_pdf._MARGIN, abs=3)  # an English text reads LTR
        first_column, second_column = _words(page, "نص")[0], _words(page, "موقف")[0]
        assert first_column.x0 > second_column.x1  # the first column on the right
        assert doc.language == "ar"
        fonts = {font[3] for font in page.get_fonts()}
        assert any("DejaVu Sans" in font for font in fonts), fonts
        assert page.get_images()


def test_chinese_glyphs_are_embedded(tmp_path):
    pdf = write(chinese())
    text = pdftotext(pdf, tmp_path)
    for word in ("关于建议执行情况的中期报告", "导言", "本报告介绍收到的建议", "批准公约", "第1页，共2页"):
        assert unicodedata.normalize("NFKC", word) in text, word
    with pymupdf.open("pdf", pdf) as doc:
        fonts = {font[3] for page in doc for font in page.get_fonts()}
        assert any("DroidSansFallback" in font.replace(" ", "") for font in fonts), fonts


def test_many_rows_and_figures_are_quick_and_small():
    document = english(rows=300, figures=6)
    started = time.perf_counter()
    pdf = write(document)
    elapsed = time.perf_counter() - started
    assert elapsed < 10, elapsed
    assert len(pdf) < 1_000_000, len(pdf)  # fonts subset
    with pymupdf.open("pdf", pdf) as doc:
        assert sum(len(page.get_images()) for page in doc) == 6


@pytest.mark.parametrize("lines", range(40, 52))
def test_headings_stay_with_what_follows(lines):
    """Whatever the filler before it, a heading never closes a page: it moves to the next
    page with its text, its table (and the table's header row) or its figure."""
    document = english(rows=0, figures=0)
    document.blocks = [Paragraph(f"Filler line {n}") for n in range(lines)]
    for number in range(3):
        document.add(
            Heading(f"Section {number} text", 2),
            Paragraph(f"Text {number} under the heading" + " words" * 120),
            Paragraph("Filler " * 60),
        )
        document.add(
            Heading(f"Section {number} table", 2), Table(["Header"], [[f"Cell {number}.{n}"] for n in range(3)])
        )
        document.add(Heading(f"Section {number} figure", 2), Figure(FakePicture(), caption=f"Caption {number}"))
    pages = page_texts(write(document))
    for number in range(3):
        assert _page_of(pages, f"Section {number} text") == _page_of(pages, f"Text {number} under the heading")
        assert _page_of(pages, f"Section {number} table") == _page_of(pages, f"Cell {number}.0")
        assert "Header" in pages[_page_of(pages, f"Cell {number}.0")]
        assert _page_of(pages, f"Section {number} figure") == _page_of(pages, f"Caption {number}")


def _page_of(pages: list[str], text: str) -> int:
    return next(number for number, page in enumerate(pages) if text in page)


def test_page_breaks_make_no_empty_page():
    document = english(rows=1, figures=0)
    document.blocks = [PageBreak(), Paragraph("First"), PageBreak(), PageBreak(), Paragraph("Second"), PageBreak()]
    pages = page_texts(write(document))
    assert len(pages) == 3  # the cover, "First", "Second"
    assert "First" in pages[1] and "Second" in pages[2]


def test_russian_is_shaped_and_translated(tmp_path):
    document = Document(
        title="Среднесрочный доклад",
        language="ru",
        as_of=AS_OF,
        cover=Cover(title="Среднесрочный доклад об осуществлении рекомендаций"),
    )
    document.add(Heading("Введение", 1), Table(["Рекомендация", "Позиция"], [["Ратифицировать конвенцию", "Да"]]))
    text = " ".join(pdftotext(write(document), tmp_path).split())
    for expected in (
        "Среднесрочный доклад об осуществлении рекомендаций",
        "Введение",
        "Ратифицировать конвенцию",
        "Страница 2 из 2",
    ):
        assert expected in text, expected


def test_opens_right_to_left():
    assert document_pdf.opens_right_to_left("توصية")
    assert not document_pdf.opens_right_to_left("121.1 Ratify")
    assert document_pdf.opens_right_to_left("12.3")  # no letter


def _words(page, word: str) -> list:
    """Where ``word`` (Arabic, compared without its presentation forms) is on ``page``."""
    return [pymupdf.Rect(w[:4]) for w in page.get_text("words") if unicodedata.normalize("NFKC", w[4]) == word]


def test_a_row_taller_than_a_page_is_cut_not_lost():
    """MuPDF never splits a table row: one with 150 measures (a recommendation served by
    a cluster's action reported on for years) would run past the page's foot."""
    measures = "\n".join(f"Measure number {n:03d} reported" for n in range(1, 151))
    document = Document(
        title="Long",
        language="en",
        as_of=dt.date(2026, 12, 7),
        cover=Cover(title="Long"),
        blocks=[Table(["Recommendation", "Measures"], [["121.1 Ratify", measures], ["121.2 Next", "One"]])],
    )
    pdf = write(document)
    pages = page_texts(pdf)
    found = [line for page in pages for line in page.splitlines() if line.startswith("Measure number")]
    assert found == [f"Measure number {n:03d} reported" for n in range(1, 151)]  # each once, in order
    assert sum("Recommendation" in page for page in pages) >= 3  # the header on every page of the table
    with pymupdf.open("pdf", pdf) as doc:
        for page in doc:
            bottom = page.rect.height - document_pdf._MARGIN
            for *box, text, _block, _line, _word in page.get_text("words"):
                if text == "Measure":
                    assert box[3] <= bottom + 1, (page.number, box)  # nothing below the text area
