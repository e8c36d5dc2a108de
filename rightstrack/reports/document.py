"""A report as a list of blocks, written as Word by ``document_docx`` and as PDF by
``document_pdf``.

The mid-term report, the national action plan and the treaty-body follow-up report say
*what* they hold here once (headings, paragraphs, lists, tables, charts), in the
report's language; each writer says *how* it looks in its format. Texts are plain:
a cell's lines are separated by ``\\n``; nothing is markup.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Protocol


class Picture(Protocol):
    """What a figure shows: a chart of ``reports.charts`` (or anything drawing itself)."""

    title: str

    def png(self, dpi: int = 200) -> bytes: ...

    def svg(self) -> str: ...

    def description(self) -> str:
        """The figure in words (alternative text): its values."""
        ...


@dataclass
class Heading:
    """A chapter (level 1), section (2) or subsection (3) title."""

    text: str
    level: int = 1


@dataclass
class Paragraph:
    """Running text; ``note`` is smaller and grey (sources, explanations)."""

    text: str
    bold: bool = False
    note: bool = False


@dataclass
class Bullets:
    """A list, one item a line."""

    items: list[str]


@dataclass
class Facts:
    """Label–value pairs, as a cover or a summary lists them ("Working Group session: 48")."""

    items: list[tuple[str, str]]


@dataclass
class Band:
    """A table row spanning every column: a group heading inside a table ("Goal: …")."""

    text: str


@dataclass
class Table:
    """A table with a header row repeated on every page. A row is a list of cells (a
    cell's lines separated by ``\\n``) or a :class:`Band`. ``widths`` are fractions of
    the text width, one per column (None: equal)."""

    columns: list[str]
    rows: list[list[str] | Band]
    widths: tuple[float, ...] | None = None
    small: bool = False  # a smaller type size, for wide tables and annexes


@dataclass
class Figure:
    """A chart, as wide as ``width`` (fraction of the text width), with its caption."""

    picture: Picture
    caption: str = ""
    width: float = 1.0


@dataclass
class PageBreak:
    """The next block starts a new page."""


Block = Heading | Paragraph | Bullets | Facts | Table | Figure | PageBreak


@dataclass
class Cover:
    """The first page: the title, a subtitle and the facts that identify the report."""

    title: str
    subtitle: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Document:
    """A whole report in one language: cover, then blocks, with the running footer's
    short title. ``landscape`` for reports made of wide tables (an action plan)."""

    title: str
    language: str  # en, fr, es, ar, ru, zh-hans
    as_of: dt.date
    cover: Cover
    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False
    author: str = ""  # who the document says made it (the State's NMRF, an NHRI…)

    @property
    def rtl(self) -> bool:
        return self.language == "ar"

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)


def opens_right_to_left(text: str) -> bool:
    """Whether the first letter with a direction is right to left (no letter: True): in
    a right-to-left document, a text opening in a left-to-right script (a recommendation
    stored in English only) reads left to right, as a browser's ``dir="auto"`` shows it.
    Both writers follow it. A text :func:`embedded` in it is a quotation: it does not
    decide ("Train judges (Ministry of Justice): كان …" is an Arabic sentence)."""
    depth = 0
    for character in text:
        direction = unicodedata.bidirectional(character)
        if direction in ("LRE", "RLE", "LRO", "RLO"):
            depth += 1
        elif direction == "PDF":
            depth = max(0, depth - 1)
        elif depth:
            continue
        elif direction in ("R", "AL"):
            return True
        elif direction == "L":
            return False
    return True


def embedded(text: str, rtl: bool) -> str:
    """``text`` as a part of a sentence: in a right-to-left document, a left-to-right
    text (an English measure inside an Arabic sentence) is embedded between LRE and PDF
    marks, so that its brackets and final full stop stay with it. (Word and MuPDF both
    follow these marks; MuPDF ignores the newer isolates.)"""
    if rtl and text and not opens_right_to_left(text):
        return f"\u202a{text}\u202c"
    return text
