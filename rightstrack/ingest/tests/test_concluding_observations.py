"""Tests for the treaty-body concluding-observations parser.

No full concluding observations are in the shared data, so the documents are built here:
Human Rights Committee documents around the real paragraphs it selected for follow-up
(``ccpr-followup/hrc_all.json``: symbol, State, date, heading and text), with concern and
other recommendation paragraphs written for the test; and hand-written CRC and CESCR
documents. Each is written as PDF-like wrapped text with page furniture (.txt), as a minimal
PDF with the same lines (read by pypdf), as HTML and as Word (.docx, the symbol in the
page header as UN Word files have it).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest

from rightstrack.ingest.formats.base import ParseError
from rightstrack.ingest.formats.concluding_observations import _followed_up, detect, parse, parse_document
from rightstrack.ingest.records import ParsedDocument

HRC = "ccpr-followup/hrc_all.json"
# Chosen for variety: UZB 25 has the follow-up report's footnote in mid-sentence, SVN 8 and
# KEN 19 at the end (with a URL footnote / a processing date), PRT 41 a footnote marker.
STATES = ("UZB", "SVN", "DEU", "KEN", "PRT")
ORDINALS = "initial second third fourth fifth sixth seventh eighth ninth tenth".split()
# The extraction noise in hrc_all.json: the follow-up report's own title footnote, then a
# processing date or a footnote with a URL. The fixture puts it on lines of its own.
NOISE = re.compile(
    r"\s*(\* Adopted by the Committee at its [^()]*\([^()]*\)\.?)\s*(\d{6}|\d{1,2} See https?://.*?Lang=en\.)?\s*"
)
MARKERS = {("PRT", "41"): ("recommendations,1", "recommendations,")}  # as printed -> as expected
FILLER_HEADINGS = [
    "National human rights institution",
    "Anti-corruption measures",
    "Counter-terrorism measures",
    "Gender equality",
    "Right to a fair trial",
    "Freedom of conscience and religious belief",
    "Rights of persons belonging to minorities",
    "Conditions of detention",
    "Death penalty",
]
CONCERNS = [
    "The Committee is concerned that the State party has not fully implemented the recommendations "
    "made in its previous concluding observations on {topic}.",
    "The Committee notes with concern reports of persistent shortcomings in law and practice regarding {topic}, "
    "and regrets the lack of information on investigations.",
    "While noting the measures taken by the State party, the Committee remains concerned about {topic}, "
    "in particular in rural areas.",
    "The Committee is deeply concerned about: (a) Reports of serious violations relating to {topic}; "
    "(b) The absence of effective remedies for the victims.",
    "The Committee regrets the lack of statistical data on {topic}.",
]
FILLERS = [
    "The State party should adopt a comprehensive strategy on {topic}, with adequate resources.",
    "The Committee recommends that the State party: (a) Review its legislation on {topic}; "
    "(b) Provide training to judges, prosecutors and law enforcement officials.",
    "The Committee urges the State party to ensure that all allegations regarding {topic} are investigated.",
    "The Committee calls upon the State party to bring its legislation on {topic} into line with the Covenant.",
    "The Committee encourages the State party to collect data on {topic}, disaggregated by sex and age.",
]


@dataclass
class Noise:
    """Lines that are not the document's text: page furniture, footnote texts."""

    lines: list[str]


@dataclass
class Para:
    number: int
    segments: list  # lines of text (sub-paragraphs on their own) and Noise


@dataclass
class Doc:
    symbol: str
    items: list  # str (front matter, title, headings), Para, Noise
    expected: dict[str, tuple[str, str, str, bool]] = field(default_factory=dict)  # type, subject, text, follow-up


def layout(text: str) -> list[str]:
    """Sub-paragraphs "(a) …" on lines of their own, as in the documents."""
    return re.split(r" (?=\([a-z]\) [A-Z])", text)


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def real_paragraph(code: str, paragraph: dict) -> tuple[list, str]:
    """A JSON paragraph as fixture segments, and the text the parser must give back."""
    text = " ".join(paragraph["recommendation"].split())
    match = NOISE.search(text)
    if match:
        before, after = text[: match.start()], text[match.end() :]
        segments = [*layout(before), Noise([g for g in match.groups() if g]), *(layout(after) if after else [])]
        text = " ".join(f"{before} {after}".split())
    else:
        segments = layout(text)
    if not text.endswith("."):  # the JSON dropped the final full stop
        text += "."
        last = max(i for i, segment in enumerate(segments) if isinstance(segment, str))
        segments[last] += "."
    printed, clean = MARKERS.get((code, paragraph["num"]), ("", ""))
    if printed:
        assert printed in text
        text = text.replace(printed, clean)
        segments.append(Noise([f"1 CCPR/C/{code}/CO/4, para. 14."]))
    return segments, text


def front_matter(symbol: str, title: str, adopted: dt.date) -> list:
    """The first page's header, title and title footnote, as UN documents print them."""
    opened = adopted - dt.timedelta(days=25)
    session = f"{opened.day}{'' if opened.month == adopted.month else f' {opened:%B}'}–{long_date(adopted)}"
    return [
        "United Nations",
        symbol,
        "International Covenant on",
        "Civil and Political Rights",
        "Distr.: General",
        long_date(adopted + dt.timedelta(days=30)),
        "Original: English",
        "Human Rights Committee",
        title,
        Noise([f"* Adopted by the Committee at its 128th session ({session}).", "GE.20-05678(E)", "*2005678*"]),
    ]


def ccpr_document(entry: dict) -> Doc:
    """A Human Rights Committee document around the entry's real follow-up paragraphs."""
    code, name, symbol = entry["code"], entry["name"], entry["co_symbol"]
    adopted = dt.datetime.strptime(entry["co_date"], "%d %B %Y").date()
    real = {int(p["num"]): p for p in entry["paragraphs"]}
    report = int(symbol.rsplit("/", 1)[1])
    title = f"Concluding observations on the {ORDINALS[report - 1]} periodic report of {name}*"
    doc = Doc(symbol, front_matter(symbol, title, adopted))
    doc.items += [
        "A. Introduction",
        Para(
            1,
            [
                f"The Committee considered the {ORDINALS[report - 1]} periodic report of {name} at its 3686th "
                f"and 3687th meetings, held on {long_date(adopted - dt.timedelta(days=20))}. At its 3709th "
                f"meeting, held on {long_date(adopted)}, it adopted the present concluding observations."
            ],
        ),
        Para(
            2,
            [
                "The Committee expresses its appreciation for the opportunity to renew its constructive "
                "dialogue with the State party's delegation."
            ],
        ),
        "B. Positive aspects",
    ]
    start = min(min(real) - 1, 6)
    for number in range(3, start):
        doc.items.append(
            Para(
                number,
                [
                    "The Committee welcomes the adoption by the State party of the following:",
                    "(a) The Act on the Ombudsman, in 2017;",
                    "(b) The national action plan, in 2019.",
                ],
            )
        )
    doc.items.append("C. Principal matters of concern and recommendations")
    add_concerns(doc, code, real, start)
    add_follow_up(doc, code, real, adopted)
    return doc


def add_concerns(doc: Doc, code: str, real: dict, number: int) -> None:
    """Part C: before each real paragraph a concern under its heading; other numbers get
    filler groups (a concern and a recommendation, or one recommendation)."""
    group = 0
    while number <= max(real):
        if number + 1 in real:
            paragraph = real[number + 1]
            heading, numbers = paragraph["title"], [number, number + 1]
        else:
            heading = FILLER_HEADINGS[group % len(FILLER_HEADINGS)]
            numbers = [number] if number + 2 in real else [number, number + 1]
        assert not set(numbers[:-1]) & set(real), "two real paragraphs in a row"
        doc.items.append(heading)
        topic = heading.lower()
        if len(numbers) == 2:
            concern = CONCERNS[group % len(CONCERNS)].format(topic=topic)
            segments = layout(concern)
            if group == 0:  # a footnote marker and its footnote text at the page foot
                segments = [*segments[:-1], segments[-1] + "1", Noise([f"1 CCPR/C/{code}/CO/4, para. 10."])]
            doc.items.append(Para(numbers[0], segments))
            doc.expected[str(numbers[0])] = ("concern", heading, concern, False)
        if numbers[-1] in real:
            segments, text = real_paragraph(code, real[numbers[-1]])
            doc.expected[str(numbers[-1])] = ("recommendation", heading, text, True)
        else:
            text = FILLERS[group % len(FILLERS)].format(topic=topic)
            segments = layout(text)
            doc.expected[str(numbers[-1])] = ("recommendation", heading, text, False)
        doc.items.append(Para(numbers[-1], segments))
        group += 1
        number = numbers[-1] + 1


def add_follow_up(doc: Doc, code: str, real: dict, adopted: dt.date) -> None:
    """Part D: dissemination, the follow-up paragraph naming the real paragraphs, next review."""
    refs = [f"{number} ({real[number]['title'].lower()})" for number in sorted(real)]
    if code in ("SVN", "KEN"):  # the form naming sub-paragraphs
        refs[0] = refs[0].replace(" (", " (a) and (c) (", 1)
    number = max(real) + 1
    subject = "Dissemination and follow-up"
    texts = [
        (
            "recommendation",
            "The State party should widely disseminate the Covenant, its periodic report and the "
            "present concluding observations with a view to raising awareness of the rights enshrined "
            "in the Covenant among the judicial, legislative and administrative authorities.",
        ),
        (
            "recommendation",
            "In accordance with rule 75, paragraph 1, of the Committee's rules of procedure, the State "
            f"party is requested to provide, by {long_date(adopted.replace(year=adopted.year + 2))}, "
            "information on the implementation of the recommendations made by the Committee in "
            f"paragraphs {' and '.join([', '.join(refs[:-1]), refs[-1]] if len(refs) > 1 else refs)} above.",
        ),
        (
            "observation",
            f"In line with the Committee's predictable review cycle, the State party will receive in "
            f"{adopted.year + 3} the Committee's list of issues prior to the submission of the report. "
            f"The next constructive dialogue with the State party will take place in {adopted.year + 5}.",
        ),
    ]
    doc.items.append("D. Dissemination and follow-up")
    for offset, (kind, text) in enumerate(texts):
        doc.items.append(Para(number + offset, layout(text)))
        if offset != 1:  # the follow-up paragraph marks the others and is no record itself
            doc.expected[str(number + offset)] = (kind, subject, text, False)


def pdf_lines(doc: Doc) -> list[str]:
    """The document's lines as a PDF lays them out: wrapped at 90 characters, a page header
    or footer every 30 lines."""
    lines: list[str] = []
    for item in doc.items:
        for segment in _segments(item):
            if isinstance(segment, Noise):
                lines += segment.lines
            else:
                lines += textwrap.wrap(segment, 90, break_long_words=False)
    out, page = [], 1
    for index, line in enumerate(lines, start=1):
        out.append(line)
        if index % 30 == 0:
            page += 1
            out += [doc.symbol, str(page)] if page % 2 == 0 else [str(page), "GE.20-05678"]
    return out


def write_txt(doc: Doc, path: Path) -> Path:
    path.write_text("\n".join(pdf_lines(doc)) + "\n", encoding="utf-8")
    return path


def write_pdf(doc: Doc, path: Path) -> Path:
    path.write_bytes(pdf_bytes(pdf_lines(doc)))
    return path


def pdf_bytes(lines: list[str], per_page: int = 48) -> bytes:
    """A minimal PDF, one Helvetica text line per line given (text must fit Windows-1252),
    so that the real PDF reader (pypdf) is exercised without a PDF-writing library."""
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    objects: list = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        None,
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for page in pages:
        shown = []
        for line in page:
            text = line.encode("cp1252").decode("latin-1")
            shown.append("(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*")
        stream = "\n".join(["BT /F1 10 Tf 14 TL 50 800 Td", *shown, "ET"]).encode("latin-1")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {len(objects)} 0 R >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + (body if isinstance(body, bytes) else body.encode()) + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def write_html(doc: Doc, path: Path) -> Path:
    """One <p> per paragraph line; section titles as <h2>, other headings as <h3>."""
    body = []
    for item in doc.items:
        tag = "p"
        if isinstance(item, str):
            tag = "h2" if re.match(r"^[A-D]\. ", item) else "h3"
        for segment in _segments(item):
            for line in segment.lines if isinstance(segment, Noise) else [segment]:
                body.append(f"<{tag}>{html.escape(line)}</{tag}>")
    page = '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>\n{}\n</body></html>'
    path.write_text(page.format("\n".join(body)), encoding="utf-8")
    return path


def write_docx(doc: Doc, path: Path) -> Path:
    """A Word file with the symbol in the page header (not in the body) and no footnote stars."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = doc.symbol
    for item in doc.items:
        if item == doc.symbol:
            continue
        for segment in _segments(item):
            for line in segment.lines if isinstance(segment, Noise) else [segment]:
                document.add_paragraph(line.rstrip("*"))
    document.save(str(path))
    return path


def _segments(item) -> list:
    if isinstance(item, Para):
        first = next(i for i, s in enumerate(item.segments) if isinstance(s, str))
        segments = list(item.segments)
        segments[first] = f"{item.number}. {segments[first]}"
        return segments
    return [item]


WRITERS = {"txt": write_txt, "pdf": write_pdf, "html": write_html, "docx": write_docx}


@pytest.fixture(scope="module")
def hrc(shared_data: Path) -> dict:
    """The real follow-up paragraphs, keyed by ISO3."""
    return json.loads((shared_data / HRC).read_text(encoding="utf-8"))


@pytest.mark.parametrize("suffix", sorted(WRITERS))
@pytest.mark.parametrize("code", STATES)
def test_real_ccpr_paragraphs_come_back(hrc: dict, tmp_path: Path, code: str, suffix: str) -> None:
    entry = hrc[code]
    doc = ccpr_document(entry)
    path = WRITERS[suffix](doc, tmp_path / f"{code}.{suffix}")
    adopted = dt.datetime.strptime(entry["co_date"], "%d %B %Y").date()

    assert detect(path)
    document = parse_document(path)
    assert (document.symbol, document.mechanism, document.countries, document.date) == (
        entry["co_symbol"],
        "CCPR",
        [entry["name"]],
        adopted,
    )

    records = list(parse(path))
    got = {r.paragraph: r for r in records}
    assert len(got) == len(records)
    assert list(got) == list(doc.expected), "Introduction, Positive aspects and the follow-up paragraph are skipped"
    for number, (kind, subject, text, follow_up) in doc.expected.items():
        record = got[number]
        assert (record.type, record.subject, record.text, record.follow_up) == (kind, subject, text, follow_up), number
        assert (record.mechanism, record.country, record.document_symbol, record.date, record.location) == (
            "CCPR",
            entry["name"],
            entry["co_symbol"],
            adopted,
            f"paragraph {number}",
        )
    for paragraph in entry["paragraphs"]:  # the real ones, stated against the JSON itself
        record = got[paragraph["num"]]
        assert record.subject == paragraph["title"]
        assert record.type == "recommendation" and record.follow_up
        assert "Adopted by" not in record.text and not re.search(r"\b\d{6}\b|https?:", record.text)
    assert {r.paragraph for r in records if r.follow_up} == {p["num"] for p in entry["paragraphs"]}


CRC = """United Nations
CRC/C/PER/CO/6-7
Convention on the Rights of the Child
Distr.: General
5 March 2024
Original: English
Committee on the Rights of the Child
Concluding observations on the combined sixth and seventh periodic reports of Peru*
I. Introduction
1. The Committee considered the combined sixth and seventh periodic reports of Peru at its 2770th and
2771st meetings, held on 22 and 23 January 2024, and adopted the present concluding observations at
its 2790th meeting, held on 2 February 2024.
* Adopted by the Committee at its ninety-fifth session (15 January–2 February 2024).
GE.24-03976(E)
II. Follow-up measures taken and progress achieved by the State party
2. The Committee welcomes the various legislative, institutional and policy measures adopted by the
State party.
III. Main areas of concern and recommendations
3. The Committee reminds the State party of the indivisibility and interdependence of all the rights
enshrined in the Convention and draws its attention to the recommendations concerning the following
areas, in respect of which urgent measures must be taken: non-discrimination (para. 6), violence against
children (para. 8) and children in street situations (para. 10).
A. General measures of implementation (arts. 4, 42 and
44 (6))
Comprehensive policy and strategy
4. The Committee recommends that the State party:
(a) Adopt a new national plan of action for children, with a budget for its implementation;
(b) Ensure that the plan covers all areas of the Convention.
B. General principles (arts. 2, 3, 6 and 12)
Non-discrimination
5. The Committee is concerned that:
(a) Indigenous and Afro-Peruvian children continue to face discrimination in access to education and
health care;
(b) Children with disabilities remain excluded from mainstream schools.
CRC/C/PER/CO/6-7
2
6. Recalling target 10.3 of the Sustainable Development Goals, the Committee urges the State party to
eliminate discrimination against Indigenous and Afro-Peruvian children and children with
disabilities.1
1 See CRC/C/PER/CO/4-5, para. 20.
C. Violence against children (arts. 19, 24 (3), 28 (2), 34, 37 (a) and 39)
Corporal punishment and abuse2
2 See CRC/C/GC/8.
7. While welcoming the prohibition of corporal punishment in 2015, the Committee is seriously
concerned about the high prevalence of violence against children in the home and in schools.
8. The Committee recommends that the State party strengthen awareness-raising programmes,
including campaigns, for parents and the public on positive, non-violent and participatory forms of
child-rearing.
Children in street situations
9. The Committee notes the information provided by the State party on its programme for children in
street situations.
10. The Committee calls upon the State party to assess the number of children in street situations.
IV. Implementation and reporting
A. Follow-up and dissemination
11. The Committee recommends that the State party take all appropriate measures to ensure that the
recommendations contained in the present concluding observations are fully implemented.
B. Next report
12. The Committee invites the State party to submit its combined eighth and ninth periodic reports by 13
October 2028 and to include therein information on the follow-up to the present concluding observations.
"""


@pytest.mark.parametrize("suffix", ["txt", "pdf"])
def test_crc_document(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"crc.{suffix}"
    if suffix == "pdf":
        path.write_bytes(pdf_bytes(CRC.splitlines(), per_page=30))
    else:
        path.write_text(CRC, encoding="utf-8")
    document = parse_document(path)
    assert (document.symbol, document.mechanism, document.countries, document.date) == (
        "CRC/C/PER/CO/6-7",
        "CRC",
        ["Peru"],
        dt.date(2024, 2, 2),
    )
    got = {r.paragraph: r for r in parse(path)}
    assert list(got) == [str(n) for n in range(3, 13)]
    assert {n: r.type for n, r in got.items()} == {
        "3": "observation",
        "4": "recommendation",
        "5": "concern",
        "6": "recommendation",
        "7": "concern",
        "8": "recommendation",
        "9": "observation",
        "10": "recommendation",
        "11": "recommendation",
        "12": "recommendation",
    }
    assert got["3"].subject == "Main areas of concern and recommendations"
    assert got["4"].subject == "Comprehensive policy and strategy"
    assert [got[n].subject for n in ("5", "6", "7", "10", "11", "12")] == [
        "Non-discrimination",
        "Non-discrimination",
        "Corporal punishment and abuse",
        "Children in street situations",
        "Follow-up and dissemination",
        "Next report",
    ]
    assert got["4"].text == (
        "The Committee recommends that the State party: (a) Adopt a new national plan of action "
        "for children, with a budget for its implementation; (b) Ensure that the plan covers all "
        "areas of the Convention."
    )
    assert got["6"].text.endswith("children with disabilities.")  # furniture, footnote marker and text gone
    assert got["8"].text.endswith("non-violent and participatory forms of child-rearing.")
    assert got["12"].text.endswith(
        "by 13 October 2028 and to include therein information on the follow-up to the present concluding observations."
    )
    assert not any(r.follow_up for r in got.values()), "CRC's urgent measures are not the follow-up procedure"


CESCR = [
    "Committee on Economic, Social and Cultural Rights",
    "Concluding observations on the third periodic report of Slovenia",
    "* Adopted by the Committee at its seventy-fourth session (25 September–13 October 2023).",
    "A. Introduction",
    "1. The Committee considered the third periodic report of Slovenia at its 42nd and 43rd meetings.",
    "B. Positive aspects",
    "2. The Committee welcomes the legislative measures taken to further the enjoyment of economic rights.",
    "C. Principal subjects of concern and recommendations",
    "National human rights institution",
    "3. The Committee is concerned that the Human Rights Ombudsman lacks resources. The Committee recommends "
    "that the State party: (a) Allocate adequate resources to the Ombudsman; (b) Ensure its independence.",
    "Minimum wage",
    "4. The Committee notes with concern that the minimum wage does not ensure a decent living.",
    "5. The Committee recommends that the State party: (a) Raise the minimum wage; (b) Index it to living costs.",
    "Right to water",
    "6. The Committee regrets that some Roma settlements lack access to safe drinking water.",
    "7. The State party should ensure access to safe drinking water for all Roma settlements.",
    "D. Other recommendations",
    "8. The Committee encourages the State party to consider ratifying the Optional Protocol.",
    "9. The Committee requests the State party to provide, within 24 months of the adoption of the present "
    "concluding observations, information on the implementation of the recommendations contained in paragraphs "
    "3 (a) (national human rights institution), 5 (b) (minimum wage, living costs) and 7 (right to water) above.",
]


def test_cescr_word_document(tmp_path: Path) -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "E/C.12/SVN/CO/3"
    for line in CESCR:
        document.add_paragraph(line)
    path = tmp_path / "cescr.docx"
    document.save(str(path))
    assert detect(path)
    parsed = parse_document(path)
    # no meeting date in the text: the last day of the session in the title footnote
    assert (parsed.symbol, parsed.mechanism, parsed.countries, parsed.date) == (
        "E/C.12/SVN/CO/3",
        "CESCR",
        ["Slovenia"],
        dt.date(2023, 10, 13),
    )
    got = {r.paragraph: r for r in parse(path)}
    assert [(n, r.type, r.follow_up) for n, r in got.items()] == [
        ("3", "recommendation", True),
        ("4", "concern", False),
        ("5", "recommendation", True),
        ("6", "concern", False),
        ("7", "recommendation", True),
        ("8", "recommendation", False),
    ]
    assert got["8"].subject == "Other recommendations"
    assert {r.mechanism for r in got.values()} == {"CESCR"}


def minimal(symbol: str, title: str, extra: str = "") -> str:
    """A short document: symbol, distribution date, title, one recommendation (paragraph 5)."""
    return (
        f"{symbol}\nDistr.: General\n30 January 2023\n{title}*\n{extra}"
        "C. Concerns and recommendations\nGeneral\n5. The Committee recommends that the State party act.\n"
    )


@pytest.mark.parametrize(
    ("symbol", "title", "mechanism", "country"),
    [
        ("CCPR/C/UZB/CO/5", "Concluding observations on the fifth periodic report of Uzbekistan", "CCPR", "Uzbekistan"),
        ("CEDAW/C/SVN/CO/7", "Concluding observations on the seventh periodic report of Slovenia", "CEDAW", "Slovenia"),
        (
            "CERD/C/SVN/CO/8-12",
            "Concluding observations on the combined eighth to twelfth periodic reports of Slovenia",
            "CERD",
            "Slovenia",
        ),
        ("CAT/C/SVN/CO/4", "Concluding observations on the fourth periodic report of Slovenia", "CAT", "Slovenia"),
        ("CRPD/C/SVN/CO/1", "Concluding observations on the initial report of Slovenia", "CRPD", "Slovenia"),
        (
            "CED/C/MEX/CO/1",
            "Concluding observations on the report submitted by Mexico under article 29, paragraph 1, "
            "of the Convention",
            "CED",
            "Mexico",
        ),
        ("CMW/C/MEX/CO/3", "Concluding observations on the third periodic report of Mexico", "CMW", "Mexico"),
        (
            "CCPR/C/VEN/CO/5",
            "Concluding observations on the fifth periodic report of the Bolivarian Republic of Venezuela",
            "CCPR",
            "Bolivarian Republic of Venezuela",
        ),
        ("CAT/C/SVN/CO/4", "Concluding observations on the fourth periodic report", "CAT", "SVN"),  # ISO3 fallback
    ],
)
def test_mechanism_and_state(tmp_path: Path, symbol: str, title: str, mechanism: str, country: str) -> None:
    path = tmp_path / "co.html"
    body = "".join(f"<p>{html.escape(line)}</p>" for line in minimal(symbol, title).splitlines())
    path.write_text(f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>', encoding="utf-8")
    document = parse_document(path)
    # no meeting sentence and no footnote: the distribution date
    assert (document.symbol, document.mechanism, document.countries, document.date) == (
        symbol,
        mechanism,
        [country],
        dt.date(2023, 1, 30),
    )
    [record] = parse(path)
    assert (record.mechanism, record.country, record.paragraph, record.subject) == (mechanism, country, "5", "General")


def test_overrides(tmp_path: Path) -> None:
    path = tmp_path / "co.txt"
    path.write_text(minimal("CCPR/C/UZB/CO/5", "Concluding observations on the fifth periodic report of Uzbekistan"))
    [record] = parse(path, country="UZB", document="CCPR/C/UZB/CO/4")
    assert (record.country, record.document_symbol, record.mechanism) == ("UZB", "CCPR/C/UZB/CO/4", "CCPR")
    with pytest.raises(ParseError, match=r"co\.txt: symbol XX/C/UZB/CO/4: unknown treaty body"):
        parse(path, document="XX/C/UZB/CO/4")
    given = ParsedDocument(
        symbol="CCPR/C/UZB/CO/5", mechanism="CCPR", countries=["Uzbekistan"], date=dt.date(2020, 3, 27)
    )
    [record] = parse(path, document=given)
    assert (record.country, record.document_symbol, record.date) == ("Uzbekistan", "CCPR/C/UZB/CO/5", given.date)


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        (
            "the State party is requested to provide, by 27 March 2022, information on the implementation of the "
            "recommendations made by the Committee in paragraphs 15 (non-discrimination), 25 (torture) and 43 (freedom "
            "of expression, assembly and association) above.",
            {15, 25, 43},
        ),
        (
            "The Committee requests the State party to provide, within two years, written information on the steps "
            "taken to implement the recommendations in paragraphs 11 (a) and (b), 19 and 27.",
            {11, 19, 27},
        ),
        (
            "The Committee requests the State party to provide, by 7 December 2016, information on follow-up to the "
            "Committee's recommendations on fundamental legal safeguards (see paras. 9, 13 (c) and 16 (a) above).",
            {9, 13, 16},
        ),
        (
            "In accordance with rule 75, paragraph 1, of the rules of procedure, the State party should provide, "
            "within one year, information on the recommendations in paragraph 12 (article 9 (3)) above.",
            {12},
        ),
        (
            "The Committee requests the State party to provide information in its next periodic report on the measures "
            "taken (see para. 15 above).",
            set(),
        ),
        ("The Committee draws attention to urgent measures: non-discrimination (para. 15).", set()),
    ],
)
def test_follow_up_references(text: str, numbers: set[int]) -> None:
    assert _followed_up(text) == numbers


def test_bad_inputs(tmp_path: Path) -> None:
    upr = tmp_path / "upr.txt"
    upr.write_text("A/HRC/43/15\nReport of the Working Group on the Universal Periodic Review\n1. Slovenia.\n")
    assert not detect(upr)
    with pytest.raises(ParseError, match=r"^upr\.txt: not treaty-body concluding observations"):
        parse(upr)
    with pytest.raises(ParseError, match=r"^upr\.txt: not treaty-body"):
        parse_document(upr)

    empty = tmp_path / "empty.txt"
    empty.write_text("CCPR/C/UZB/CO/5\nConcluding observations on the fifth periodic report of Uzbekistan\nA. Intro\n")
    with pytest.raises(ParseError, match=r"^empty\.txt: no numbered paragraphs"):
        parse(empty)

    unknown = tmp_path / "unknown.txt"
    unknown.write_text(minimal("XYZ/C/SVN/CO/1", "Concluding observations on the initial report of Slovenia"))
    assert detect(unknown)  # it looks like one; the symbol is what is wrong
    with pytest.raises(ParseError, match=r"^unknown\.txt: symbol XYZ/C/SVN/CO/1: unknown treaty body 'XYZ'"):
        parse_document(unknown)

    hollow = tmp_path / "hollow.txt"
    hollow.write_text(
        minimal("CAT/C/SVN/CO/4", "Concluding observations on the fourth periodic report of Slovenia")
        + "6.\n7. The State party should act.\n"
    )
    with pytest.raises(ParseError, match=r"^hollow\.txt: paragraph 6: no text"):
        parse(hollow)

    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01" * 100)
    assert not detect(binary) and not detect(tmp_path / "missing.pdf")
    with pytest.raises(ParseError, match="binary"):
        parse(binary)
