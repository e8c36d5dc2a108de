"""Plain text out of a UN document in any of the forms it is published in.

UN documents reach users as PDF (the official form), Word, HTML (ODS / UN Digital Library
pages) or as text somebody copied. The report parsers work on plain text, one paragraph
or layout line per line, so they see the same thing whatever the container was.
Containers are recognised by their content, not by the file name.
"""

from __future__ import annotations

import functools
import zipfile
from pathlib import Path

from rightstrack.core.limits import MAX_DOCUMENT_BYTES
from rightstrack.ingest.formats.base import ParseError, check_archive
from rightstrack.ingest.formats.encodings import bom_encoding, decode  # noqa: F401  (bom_encoding: named here by its users)

# HTML elements that end a line of text (the UHRI reader breaks its HTML texts on them too).
BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "section",
    "article",
    "dd",
    "dt",
}


def sniff(path: Path) -> str:
    """Return "pdf", "docx", "html" or "text" from the file's first bytes."""
    with open(path, "rb") as handle:
        head = handle.read(2048)
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        check_archive(path)
        try:
            with zipfile.ZipFile(path) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            raise ParseError(f"{path.name}: a damaged ZIP/Office file") from None
        raise ParseError(f"{path.name}: a ZIP file that is not a Word document")
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered:
        return "html"
    return "text"


def read_text(path: Path) -> str:
    """The document's text, lines separated by "\\n"; ParseError if it cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise ParseError(f"{path}: no such file")
    stat = path.stat()
    # Detection, document facts, recommendations and responses each read the same file:
    # extract a PDF once, not four times (the key changes when the file does).
    return _cached_text(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _cached_text(name: str, _mtime: int, _size: int) -> str:
    path = Path(name)
    if path.stat().st_size > MAX_DOCUMENT_BYTES:  # a UN report is a few MB: refuse anything absurd up front
        raise ParseError(
            f"{path.name}: {path.stat().st_size} bytes is too large for a document (at most {MAX_DOCUMENT_BYTES})"
        )
    kind = sniff(path)
    reader = {"pdf": _pdf, "docx": _docx, "html": _html, "text": _plain}[kind]
    text = reader(path)
    if not text.strip():
        raise ParseError(f"{path.name}: no text found in this {kind} file (a scanned PDF needs OCR first)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise ParseError(f"{path.name}: not a readable PDF ({exc})") from None


def _docx(path: Path) -> str:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise ParseError(f"{path.name}: not a readable Word document ({exc})") from None
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def _html(path: Path) -> str:
    import lxml.html

    try:
        root = lxml.html.fromstring(path.read_bytes())
    except Exception as exc:
        raise ParseError(f"{path.name}: not readable HTML ({exc})") from None
    for element in root.iter("script", "style"):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    return root.text_content()


def _plain(path: Path) -> str:
    raw = path.read_bytes()
    head = raw[:4096]
    # Many NULs: binary. A stray one is reported with its paragraph by the importer.
    if not bom_encoding(raw) and head.count(b"\x00") > len(head) // 100:
        raise ParseError(f"{path.name}: a binary file, not a document")
    # Reports take no --encoding: one not in UTF-8 is read only when its encoding is certain.
    return decode(raw, path.name, hint="save it as UTF-8")
