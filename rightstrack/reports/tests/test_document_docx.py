"""Reports of blocks as Word: the cover, Word's own heading and list styles, tables with
repeated headers and merged bands, pictures with alternative text, the page footer,
and Arabic right to left, Chinese with its East Asian font."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from rightstrack.reports import document_docx, docx_parts
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

TEXTS = {
    "en": {
        "title": "Mid-term report: Slovenia",
        "subtitle": "Third cycle of the UPR",
        "facts": [("State under review", "Slovenia"), ("As of", "7 December 2026")],
        "headings": ["Introduction", "Method <draft> & sources", "Data"],
        "para": "Progress <so far> & next steps",
        "bullets": ["Ratify the Convention", "Adopt a plan"],
        "columns": ["Recommendation", "Status", "Lead"],
        "band": "Theme: Equality & non-discrimination",
        "cell": "121.1 Ratify\nSource of position: A/HRC/43/15",
        "caption": "Figure 1. Recommendations by status",
    },
    "ar": {
        "title": "تقرير منتصف المدة: سلوفينيا",
        "subtitle": "الجولة الثالثة من الاستعراض الدوري الشامل",
        "facts": [("الدولة قيد الاستعراض", "سلوفينيا"), ("في", "7 كانون الأول/ديسمبر 2026")],
        "headings": ["مقدمة", "المنهجية", "البيانات"],
        "para": "التقدم المحرز <حتى الآن> & الخطوات التالية",
        "bullets": ["التصديق على الاتفاقية", "Adopt a plan"],
        "columns": ["التوصية", "الحالة", "الجهة الرائدة"],
        "band": "الموضوع: المساواة وعدم التمييز",
        "cell": "121.1 التصديق\nمصدر الموقف: A/HRC/43/15",
        "caption": "الشكل 1. التوصيات حسب الحالة",
    },
    "zh-hans": {
        "title": "中期报告：斯洛文尼亚",
        "subtitle": "普遍定期审议第三轮",
        "facts": [("受审议国", "斯洛文尼亚")],
        "headings": ["导言", "方法", "数据"],
        "para": "取得的进展",
        "bullets": ["批准公约", "通过计划"],
        "columns": ["建议", "状态", "牵头实体"],
        "band": "主题：平等与不歧视",
        "cell": "121.1 批准\n立场来源",
        "caption": "图1. 按状态分列的建议",
    },
}


def png(width: int, height: int) -> bytes:
    """A real PNG of one grey colour."""
    import pymupdf

    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, width, height), False)
    pixmap.clear_with(180)
    return pixmap.tobytes("png")


class Picture:
    """What a chart offers a writer: a title, a PNG, its values in words."""

    def __init__(self, size=(120, 60)):
        self.title = "Recommendations by status"
        self.size = size

    def png(self, dpi: int = 200) -> bytes:
        return png(*self.size)

    def svg(self) -> str:
        return "<svg/>"

    def description(self) -> str:
        return "Not started: 5; In progress: 12 & <more>; Completed: 7"


def report(language: str = "en", *, landscape: bool = False) -> Document:
    text = TEXTS[language]
    document = Document(
        title=text["title"],
        language=language,
        as_of=dt.date(2026, 12, 7),
        landscape=landscape,
        cover=Cover(text["title"], text["subtitle"], text["facts"]),
        author="National mechanism",
    )
    first, second, third = text["headings"]
    document.add(
        Heading(first, 1),
        Paragraph(text["para"]),
        Heading(second, 2),
        Paragraph("Key", bold=True),
        Paragraph("Source: records", note=True),
        Bullets(text["bullets"]),
        Heading(third, 3),
        Facts(text["facts"]),
        Table(
            text["columns"],
            [Band(text["band"]), [text["cell"], "In progress", "MoJ"], ["121.2", "Done"]],
            widths=(0.5, 0.2, 0.3),
        ),
        Figure(Picture(), text["caption"], width=0.5),
        PageBreak(),
        Table(["A", "B"], [["1", "2"]], small=True),
    )
    return document


def written(tmp_path, document: Document):
    path = tmp_path / f"{document.language}.docx"
    document_docx.write(document, path)
    return docx.Document(str(path)), path


def part(path, name: str = "word/document.xml") -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode()


def all_parts(path) -> str:
    """The body, footers, styles… of a .docx, as one text."""
    with zipfile.ZipFile(path) as archive:
        return "".join(
            archive.read(name).decode()
            for name in archive.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        )


def style_of(paragraph) -> str:
    return paragraph.style.name


# ---- layout and blocks ------------------------------------------------------------------------


def test_an_english_report_has_its_cover_and_blocks_in_words_styles(tmp_path):
    document, _path = written(tmp_path, report())
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == round(section.top_margin.mm) == 20
    paragraphs = document.paragraphs
    assert (style_of(paragraphs[0]), paragraphs[0].text) == ("Title", "Mid-term report: Slovenia")
    assert paragraphs[1].text == "Third cycle of the UPR"
    cover_end = next(i for i, p in enumerate(paragraphs) if 'w:type="page"' in p._p.xml)
    assert paragraphs[cover_end + 1].text == "Introduction"  # the cover ends with a page break
    headings = [(style_of(p), p.text) for p in paragraphs if style_of(p).startswith("Heading")]
    assert headings == [("Heading 1", "Introduction"), ("Heading 2", "Method <draft> & sources"), ("Heading 3", "Data")]
    texts = {p.text: p for p in paragraphs}
    assert texts["Progress <so far> & next steps"].runs[0].bold is None
    assert texts["Key"].runs[0].bold
    note = texts["Source: records"].runs[0]
    assert note.font.size.pt == 8.5 and str(note.font.color.rgb) == "595959"
    assert [p.text for p in paragraphs if style_of(p) == "List Bullet"] == ["Ratify the Convention", "Adopt a plan"]
    assert [p.text for p in paragraphs if style_of(p) == "Caption"] == ["Figure 1. Recommendations by status"]


def test_facts_are_a_borderless_table_of_bold_labels(tmp_path):
    document, _path = written(tmp_path, report())
    cover, facts = document.tables[0], document.tables[1]
    for table in (cover, facts):
        assert [tuple(cell.text for cell in row.cells) for row in table.rows] == TEXTS["en"]["facts"]
        assert table.style is None or "Grid" not in table.style.name
        assert all(run.bold for row in table.rows for run in row.cells[0].paragraphs[0].runs)


def test_a_table_repeats_its_header_and_merges_its_bands(tmp_path):
    document, path = written(tmp_path, report())
    table = document.tables[2]
    assert table.style.name == "Table Grid"
    header, band, first, second = table.rows
    assert [cell.text for cell in header.cells] == ["Recommendation", "Status", "Lead"]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    assert header.cells[0]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "D9D9D9"
    assert len(band._tr.tc_lst) == 1 and band._tr.tc_lst[0].tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "3"
    assert band.cells[0].text == "Theme: Equality & non-discrimination"
    assert band._tr.tc_lst[0].tcPr.find(qn("w:shd")).get(qn("w:fill")) == "DEEAF6"
    assert [p.text for p in first.cells[0].paragraphs] == ["121.1 Ratify", "Source of position: A/HRC/43/15"]
    assert [cell.text for cell in second.cells] == ["121.2", "Done", ""]  # a short row is padded
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in (band, first, second))
    widths = [column.width for column in table.columns]
    assert [round(100 * width / sum(widths)) for width in widths] == [50, 20, 30]
    text_width = docx_parts.text_width(document.sections[0])
    assert abs(sum(widths) - text_width) < 10
    small = document.tables[3]
    assert all(run.font.size.pt == 8 for row in small.rows for cell in row.cells for run in cell.paragraphs[0].runs)
    assert document.tables[2].rows[0].cells[0].paragraphs[0].runs[0].font.size is None


def test_a_figure_is_a_picture_with_its_values_as_alternative_text(tmp_path):
    document, path = written(tmp_path, report())
    shapes = document.inline_shapes
    assert len(shapes) == 1
    text_width = docx_parts.text_width(document.sections[0])
    assert abs(shapes[0].width - text_width * 0.5) < 12700  # within a point
    assert shapes[0].height * 2 == pytest.approx(shapes[0].width, rel=0.01)  # the picture's proportions kept
    doc_pr = shapes[0]._inline.docPr
    assert doc_pr.get("descr") == "Not started: 5; In progress: 12 & <more>; Completed: 7"
    assert any(name.startswith("word/media/") for name in zipfile.ZipFile(path).namelist())
    body = [child for child in document.element.body]
    picture = next(i for i, element in enumerate(body) if element.xpath(".//wp:docPr"))
    assert body[picture + 1].xpath("string(.)") == "Figure 1. Recommendations by status"


def test_a_tall_figure_is_kept_on_the_page(tmp_path):
    document = report()
    document.blocks = [Figure(Picture(size=(20, 400)), "Tall", width=1.0)]
    word, _path = written(tmp_path, document)
    section = word.sections[0]
    assert word.inline_shapes[0].height <= 0.75 * (section.page_height - section.top_margin - section.bottom_margin)


def test_page_breaks_and_no_blank_page_after_the_cover(tmp_path):
    document = report()
    document.blocks = [PageBreak(), Heading("One"), PageBreak(), Heading("Two")]
    _word, path = written(tmp_path, document)
    assert part(path).count('w:type="page"') == 2  # the cover's, and the one between the headings


def test_landscape(tmp_path):
    document, _path = written(tmp_path, report(landscape=True))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    assert section.orientation == 1  # WD_ORIENT.LANDSCAPE


def test_the_footer_counts_pages_with_fields_and_names_the_report(tmp_path):
    document, path = written(tmp_path, report())
    section = document.sections[0]
    assert section.different_first_page_header_footer  # not on the cover
    footer = section.footer._element
    assert [field.get(qn("w:instr")) for field in footer.iter(qn("w:fldSimple"))] == ["PAGE", "NUMPAGES"]
    assert footer.xpath("string(.)") == "Mid-term report: SloveniaPage 1 of 1"


def test_core_properties(tmp_path):
    document, _path = written(tmp_path, report())
    properties = document.core_properties
    assert properties.title == "Mid-term report: Slovenia"
    assert properties.author == "National mechanism"
    assert properties.language == "en-GB"
    assert properties.subject == "Third cycle of the UPR"
    assert "python-docx" not in (properties.comments + properties.last_modified_by)


def test_texts_with_markup_characters_are_kept_literally(tmp_path):
    document, path = written(tmp_path, report())
    xml = part(path)
    assert "Progress &lt;so far&gt; &amp; next steps" in xml
    assert any(p.text == "Method <draft> & sources" for p in document.paragraphs)


def test_styles_carry_explicit_fonts_and_complex_script_sizes(tmp_path):
    document, _path = written(tmp_path, report())
    for name, size in (("Heading 1", "32"), ("Heading 2", "26"), ("Heading 3", "22"), ("Title", "48")):
        r_pr = document.styles[name].element.rPr
        fonts = r_pr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:asciiTheme")) is None and fonts.get(qn("w:cs")) == "Arial", name
        assert r_pr.find(qn("w:szCs")).get(qn("w:val")) == size, name
        assert r_pr.find(qn("w:color")).get(qn("w:themeColor")) is None, name
    assert document.styles["Heading 1"].element.rPr.find(qn("w:bCs")) is not None


def test_an_english_report_has_no_right_to_left_marks(tmp_path):
    _document, path = written(tmp_path, report())
    xml = all_parts(path)
    assert "fldSimple" in xml  # the footer is among the parts read
    for mark in ("<w:bidi/>", "<w:bidiVisual/>", "<w:rtl/>"):
        assert mark not in xml


def test_properties_children_are_in_schema_order(tmp_path):
    """Word refuses a file whose properties break the schema's order."""
    for language in TEXTS:
        document, _path = written(tmp_path, report(language))
        roots = (document.element, document.styles.element, document.sections[0].footer._element)
        for tag, order in docx_parts.ORDER.items():
            for element in (found for root in roots for found in root.iter(qn(tag))):
                ranks = [
                    order.index(name)
                    for name in (child.tag.replace(f"{{{docx_parts.W_NS}}}", "w:") for child in element)
                    if name in order
                ]
                assert ranks == sorted(ranks), (language, tag, ranks)


# ---- Arabic and Chinese -----------------------------------------------------------------------


def test_an_arabic_report_reads_right_to_left(tmp_path):
    document, path = written(tmp_path, report("ar"))
    assert document.sections[0]._sectPr.find(qn("w:bidi")) is not None
    paragraphs = {p.text: p for p in document.paragraphs}
    for text in [
        "تقرير منتصف المدة: سلوفينيا",
        "مقدمة",
        "التقدم المحرز <حتى الآن> & الخطوات التالية",
        "التصديق على الاتفاقية",
    ]:
        paragraph = paragraphs[text]
        assert paragraph._p.pPr.find(qn("w:bidi")) is not None, text
        assert all(run._r.rPr.find(qn("w:rtl")) is not None for run in paragraph.runs), text
    english = paragraphs["Adopt a plan"]  # a list item in English reads left to right
    assert english._p.pPr.find(qn("w:bidi")) is None and english.runs[0]._r.rPr.find(qn("w:rtl")) is None
    assert style_of(paragraphs["مقدمة"]) == "Heading 1"
    for table in document.tables:
        assert table._tbl.tblPr.find(qn("w:bidiVisual")) is not None
    cell = document.tables[2].rows[2].cells[0].paragraphs
    assert [p.text for p in cell] == ["121.1 التصديق", "مصدر الموقف: A/HRC/43/15"]
    assert cell[0]._p.pPr.find(qn("w:bidi")) is not None
    footer = document.sections[0].footer.paragraphs
    assert "الصفحة" in footer[-1]._p.xpath("string(.)")
    assert all(p._p.pPr.find(qn("w:bidi")) is not None for p in footer)
    assert document.core_properties.language == "ar-SA"


def test_an_arabic_report_sets_complex_script_font_and_language(tmp_path):
    document, _path = written(tmp_path, report("ar"))
    r_pr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert r_pr.find(qn("w:rFonts")).get(qn("w:cs")) == "Arial"
    assert r_pr.find(qn("w:lang")).get(qn("w:bidi")) == "ar-SA"
    assert r_pr.find(qn("w:szCs")).get(qn("w:val")) == "21"


def test_a_chinese_report_uses_the_east_asian_font(tmp_path):
    document, path = written(tmp_path, report("zh-hans"))
    r_pr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert r_pr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "SimSun"
    assert r_pr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    assert document.styles["Heading 1"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "SimSun"
    runs = [run for p in document.paragraphs for run in p.runs if run.text]
    assert runs and all(run._r.rPr.find(qn("w:rFonts")).get(qn("w:hint")) == "eastAsia" for run in runs)
    assert "<w:bidi/>" not in all_parts(path) and "<w:rtl/>" not in all_parts(path)
    assert "第" in document.sections[0].footer._element.xml
    assert document.core_properties.language == "zh-CN"


def test_direction_by_first_strong_letter():
    assert docx_parts.opens_right_to_left("121.1 التصديق")
    assert not docx_parts.opens_right_to_left("121.2 Combat violence")
    assert docx_parts.opens_right_to_left("2026")  # no letter: the document's direction


# ---- a reader opens it ------------------------------------------------------------------------


def test_libreoffice_prints_it(tmp_path):
    exe, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if exe is None or pdftotext is None:
        pytest.skip("LibreOffice (soffice) or pdftotext is not installed")
    _document, path = written(tmp_path, report())
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    text = subprocess.run(
        [pdftotext, "-layout", str(path.with_suffix(".pdf")), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.split("\f")
    assert "Mid-term report: Slovenia" in pages[0] and "Page" not in pages[0]  # the cover has no footer
    assert "Introduction" in pages[1] and "Progress <so far> & next steps" in pages[1]
    total = len([page for page in pages if page.strip()])
    assert f"Page 2 of {total}" in pages[1]


def test_only_a_row_that_fits_a_page_is_kept_whole(tmp_path):
    """Word cuts off a row taller than a page that may not break: such a row may."""
    long = "\n".join(f"Measure {n}" for n in range(80))
    document = Document(
        title="Rows",
        language="en",
        as_of=dt.date(2026, 12, 7),
        cover=Cover(title="Rows"),
        blocks=[Table(["Recommendation", "Measures"], [["121.1", "One"], ["121.2", long]])],
    )
    table = written(tmp_path, document)[0].tables[-1]
    short, tall = table.rows[1], table.rows[2]
    assert short._tr.trPr.find(qn("w:cantSplit")) is not None
    assert tall._tr.trPr is None or tall._tr.trPr.find(qn("w:cantSplit")) is None
    assert tall.cells[1].text.count("Measure") == 80
