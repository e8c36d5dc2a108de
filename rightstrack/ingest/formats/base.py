"""What every format module shares: its error type and the reading of document files."""
from __future__ import annotations

from rightstrack.core.errors import RightstrackError


class ParseError(RightstrackError, ValueError):
    """A file that cannot be read as the format claims; the message names the file and,
    where it can, the row or paragraph and the field."""
