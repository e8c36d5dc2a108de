"""What every format module shares: its error type and the reading of document files."""
from __future__ import annotations

from rightstrack.core.errors import RightstrackError


class ParseError(RightstrackError, ValueError):
    """A file that cannot be read as the format claims; the message names the file and,
    where it can, the row or paragraph and the field."""


# Office files are ZIP archives: refuse one that would inflate to an absurd size (a "ZIP
# bomb") before any library decompresses it. Real XML compresses 5-30 times.
MAX_ARCHIVE_BYTES = 3 * 1024**3
MAX_RATIO = 200
MAX_ENTRIES = 20000


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
    if len(entries) > MAX_ENTRIES:
        raise ParseError(f"{name}: refused: the archive holds {len(entries)} files")
    total = sum(e.file_size for e in entries)
    if total > MAX_ARCHIVE_BYTES:
        raise ParseError(f"{name}: refused: the archive would expand to {total} bytes")
    for entry in entries:
        if entry.file_size > 10 * 1024**2 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise ParseError(f"{name}: refused: {entry.filename} expands {entry.file_size // max(entry.compress_size, 1)} times (a ZIP bomb?)")
