"""Texts to classify from a file: one per line, or a table's ``text`` column."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from rightstrack.core.errors import RightstrackError
from rightstrack.ingest.formats.table import read_rows


class ReadError(RightstrackError):
    pass


def read_texts(source: Path | TextIO) -> list[str]:
    """Non-empty texts of ``source``: a CSV or XLSX file with a ``text`` column (any
    case), or any other text file / stream with one text per line."""
    if not isinstance(source, Path):
        return _lines(source.read())
    if not source.is_file():
        raise ReadError(f"{source}: no such file")
    if source.suffix.lower() in (".csv", ".xlsx"):
        return _column(source)
    try:
        return _lines(source.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ReadError(f"{source.name}: not UTF-8 text (byte {exc.start})") from None


def _lines(data: str) -> list[str]:
    return [line.strip() for line in data.splitlines() if line.strip()]


def _column(path: Path) -> list[str]:
    """The ``text`` column of a table, read like an import reads it."""
    rows = read_rows(path)
    header = next(rows, None)
    if header is None:
        return []
    names = [str(h or "").strip().lower() for h in header]
    if "text" not in names:
        shown = ", ".join(str(h) for h in header if h) or "none"
        raise ReadError(f"{path.name}: no 'text' column (columns: {shown})")
    at = names.index("text")
    return [str(row[at]).strip() for row in rows if len(row) > at and str(row[at] or "").strip()]
