"""What every format module shares: its error type and the reading of document files."""

from __future__ import annotations

import re

from rightstrack.core.errors import RightstrackError
from rightstrack.core.limits import (
    MAX_ARCHIVE_BYTES,
    MAX_ARCHIVE_ENTRIES,
    MAX_ARCHIVE_PART_BYTES,
    MAX_ARCHIVE_RATIO,
    MAX_ARCHIVE_RATIO_FROM,
    MAX_JSON_DEPTH,
    MAX_WORKBOOK_BYTES,
    MAX_WORKBOOK_PART_BYTES,
    json_depth_exceeds,
)


class ParseError(RightstrackError, ValueError):
    """A file that cannot be read as the format claims; the message names the file and,
    where it can, the row or paragraph and the field."""


def check_archive(path) -> None:
    """Raise ParseError if the ZIP container at ``path`` is damaged or looks malicious."""
    import zipfile
    from pathlib import Path

    name = Path(path).name
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ParseError(f"{name}: a damaged or truncated Office/ZIP file ({exc})") from None
    # The limits and their reasons: core.limits.
    if len(entries) > MAX_ARCHIVE_ENTRIES:
        raise ParseError(f"{name}: refused: the archive holds {len(entries)} files (at most {MAX_ARCHIVE_ENTRIES})")
    # A workbook is streamed (openpyxl, read-only); any other archive is read whole.
    workbook = any(e.filename == "xl/workbook.xml" for e in entries)
    most, most_part = (
        (MAX_WORKBOOK_BYTES, MAX_WORKBOOK_PART_BYTES) if workbook else (MAX_ARCHIVE_BYTES, MAX_ARCHIVE_PART_BYTES)
    )
    total = sum(e.file_size for e in entries)
    if total > most:
        raise ParseError(f"{name}: refused: the archive would expand to {total:,} bytes (at most {most:,})")
    largest = max(entries, key=lambda e: e.file_size, default=None)
    if largest is not None and largest.file_size > most_part:
        raise ParseError(
            f"{name}: refused: {largest.filename} would expand to {largest.file_size:,} bytes (at most "
            f"{most_part:,} for one part)"
        )
    for entry in entries:
        if entry.file_size > MAX_ARCHIVE_RATIO_FROM and entry.file_size > MAX_ARCHIVE_RATIO * max(
            entry.compress_size, 1
        ):
            raise ParseError(
                f"{name}: refused: {entry.filename} expands "
                f"{entry.file_size // max(entry.compress_size, 1)} times (a ZIP bomb?)"
            )


def load_json(path, what: str = "readable JSON"):
    """The JSON document in the file at ``path``, whole (for the formats small enough to
    read at once; the UHRI export is streamed instead). ParseError naming the file when
    it is not JSON (``what`` says what was expected) or nests deeper than MAX_JSON_DEPTH,
    which Python's parser would meet with a RecursionError, or worse, memory."""
    import json
    from pathlib import Path

    name = Path(path).name
    deep = f"{name}: refused: lists or objects nested more than {MAX_JSON_DEPTH} levels deep"
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParseError(f"{name}: not {what} ({exc})") from None
    except RecursionError:  # nested far deeper than MAX_JSON_DEPTH: the parser gave up
        raise ParseError(deep) from None
    if json_depth_exceeds(data, MAX_JSON_DEPTH):
        raise ParseError(deep)
    return data


# The words sources use for a State's response to a UPR recommendation. Since 2011 (HRC
# resolution 16/21) a recommendation a State does not support is "noted".
POSITION_WORDS = {
    "supported": "supported",
    "support": "supported",
    "accepted": "supported",
    "noted": "noted",
    "note": "noted",
    "not supported": "noted",
    "not accepted": "noted",
    "rejected": "noted",
    "partially supported": "partially_supported",
    "supported in part": "partially_supported",
    "partially accepted": "partially_supported",
    "supported/noted": "partially_supported",
    "supported and noted": "partially_supported",
    "supported in part/noted in part": "partially_supported",
    "accepted/noted": "partially_supported",
    "partially supported/noted": "partially_supported",
}


def position_word(value: str) -> str | None:
    """The position a cell or short answer states ("Accepted", "Supported / Noted."); None
    for an empty value; KeyError for words that state none ("Pending", "Maybe")."""
    # "partially_accepted", "partially-accepted": codes written by other systems.
    words = re.sub(r"[_-]", " ", value or "")
    key = re.sub(r"\s*/\s*", "/", " ".join(words.split()).strip(" .;:").casefold())
    return POSITION_WORDS[key] if key else None
