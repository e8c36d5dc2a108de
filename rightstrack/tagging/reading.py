"""Texts to classify from a file: one per line, or a table's ``text`` column."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TextIO

from rightstrack.core.errors import RightstrackError


class ReadError(RightstrackError):
    pass


def read_texts(source: Path | TextIO) -> list[str]:
    """Non-empty texts of ``source``: a CSV or XLSX file with a ``text`` column (any
    case), or any other text file / stream with one text per line."""
    if not isinstance(source, Path):
        return _lines(source.read())
    if not source.is_file():
        raise ReadError(f"{source}: no such file")
    suffix = source.suffix.lower()
    if suffix == ".xlsx":
        return _xlsx(source)
    try:
        data = source.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"{source.name}: not UTF-8 text (byte {exc.start})") from None
    return _csv(source.name, data) if suffix == ".csv" else _lines(data)


def _lines(data: str) -> list[str]:
    return [line.strip() for line in data.splitlines() if line.strip()]


def _column(name: str, header: list) -> int:
    names = [str(h or "").strip().lower() for h in header]
    if "text" not in names:
        shown = ", ".join(str(h) for h in header if h) or "none"
        raise ReadError(f"{name}: no 'text' column (columns: {shown})")
    return names.index("text")


def _csv(name: str, data: str) -> list[str]:
    rows = list(csv.reader(io.StringIO(data)))
    if not rows:
        return []
    at = _column(name, rows[0])
    return [row[at].strip() for row in rows[1:] if len(row) > at and row[at].strip()]


def _xlsx(path: Path) -> list[str]:
    from openpyxl import load_workbook

    from rightstrack.ingest.formats.base import check_archive

    check_archive(path)
    sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        return []
    at = _column(path.name, list(header))
    return [str(row[at]).strip() for row in rows if len(row) > at and row[at] is not None and str(row[at]).strip()]
