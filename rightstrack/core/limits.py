"""The limits on what an import (or any input) may hold, in one place, each with its reason.

A file from outside may be damaged or hostile: a 5 MB "recommendation", a ZIP that
inflates to gigabytes, JSON nested ten thousand levels deep, NUL bytes that PostgreSQL
refuses to store. Every reader checks its container against these limits before it
trusts it, and the one validation path of the importer (``ingest.upsert``) checks every
value of every record against them, so an error names the file, the row and the field
instead of a crash or a value silently cut.

The field lengths mirror the models' ``max_length`` (``core`` may not import the apps
above it); ``ingest/tests/test_limits.py`` fails if the two drift apart.
"""

from __future__ import annotations

from rightstrack.core.errors import InvalidValueError

# --- texts ------------------------------------------------------------------------------
# A UN recommendation is a sentence or a paragraph: UPR ones are under 2,000 characters;
# the longest treaty-body paragraph of the shared CCPR follow-up set (with its lettered
# sub-paragraphs) has 7,502; a long one with many sub-paragraphs reaches 10-20k. 50,000
# leaves room for any real one and still refuses a whole document pasted into one cell.
MAX_TEXT_CHARS = 50_000
# Free-text notes (the table format's comments column, a translation) follow the same rule.
MAX_COMMENTS_CHARS = MAX_TEXT_CHARS
# A name that is looked up (a State, a mechanism, a tag label): the longest real State
# name has under 60 characters and taxonomy labels under 300; a longer value is no name,
# and must not be echoed whole into an error message.
MAX_NAME_CHARS = 500

# --- fields stored with a maximum length (the models' max_length) ------------------------
FIELD_CHARS = {
    "paragraph": 30,  # Recommendation.paragraph: "121.145", "12 (a)"
    "document_symbol": 100,  # Document.symbol: "CCPR/C/SVN/CO/4", "A/HRC/43/15/Add.1"
    "subject": 300,  # Recommendation.subject: the heading a paragraph stands under
    "position_source": 100,  # Recommendation.position_source: an addendum's symbol
    "uhri_id": 64,  # Recommendation.uhri_id: a UUID (36 characters)
    "title": 500,  # Document.title
    "tag": 200,  # Term.code: a new term of an open taxonomy is stored under its label
    "url": 200,  # Document.url (URLField's default)
    "language": 5,  # Recommendation.language: "en", "fr", "zh"
}

# --- containers -----------------------------------------------------------------------
# The csv module's own default field limit (128 KiB). It is kept, not raised: a cell
# larger than any text allowed is refused with its row, and an XLSX cell is held to it too.
MAX_CELL_CHARS = 131_072
# JSON: a recommendation is an object of lists of strings (depth 3-4 inside the file's
# list); rightstrack's export nests translations one level more. 32 is far above any
# real file and far below Python's recursion limit (json.loads fails near 1,000 levels).
MAX_JSON_DEPTH = 32
# Records per file: the whole UHRI export holds about 250,000 and grows by some 20,000
# a year. A file with more is split, or is not what it claims to be.
MAX_RECORDS_PER_FILE = 1_000_000
# A document (Working Group report, concluding observations) is a few MB as PDF.
MAX_DOCUMENT_BYTES = 200 * 1024**2
# An evidence file attached to a progress report (a scanned decree, a budget sheet, photos
# in a zip): 25 MB fits them and still uploads over a slow connection.
MAX_EVIDENCE_MB = 25
# Recommendations in one document made on the web or through the API (the page, a
# download, an API call): a matrix of a whole UHRI database would hold a server for
# minutes. A State's review or a treaty body's observations hold a few hundred; the
# command line has no limit.
MAX_DOCUMENT_ROWS_ONLINE = 5_000

# --- requests ---------------------------------------------------------------------------
# What one web request may send, checked from its declared length before anything reads
# it. The import page takes the largest files (a State's or a mechanism's export; the
# whole UHRI as XLSX is about 100 MB), the evidence form several files of
# MAX_EVIDENCE_MB, every other form and API body a few kB (Django holds a non-file body
# of at most 2.5 MB in memory anyway). Somebody not signed in may only sign in or read.
MAX_IMPORT_UPLOAD_BYTES = 512 * 1024**2
MAX_REQUEST_BYTES = 128 * 1024**2
MAX_ANONYMOUS_REQUEST_BYTES = 1024**2

# Office files are ZIP archives: refuse one that would inflate to an absurd size (a "ZIP
# bomb") before any library decompresses it, by what its entries declare, whatever the
# compression ratio (180 parts of 9.9 MB each once passed a ratio check and a 3 GB total:
# python-docx holds every part of a Word file in memory, 1.9 GB). Real files, measured:
# OHCHR's thematic lists inflate to about 1 MB (the largest part 0.9 MB), a Working Group
# report or concluding observations to a few MB with their images; a UHRI full export as
# XLSX to about 1 GB, most of it in two parts, which openpyxl streams. So a Word (or other)
# archive may hold 32 MB in one part and 128 MB in all: a hundred times the real ones; a
# workbook 1 GB in one part and 1.5 GB in all.
MAX_ARCHIVE_BYTES = 128 * 1024**2
MAX_ARCHIVE_PART_BYTES = 32 * 1024**2
MAX_WORKBOOK_BYTES = 1536 * 1024**2
MAX_WORKBOOK_PART_BYTES = 1024**3
MAX_ARCHIVE_RATIO = 200  # for entries over MAX_ARCHIVE_RATIO_FROM bytes
MAX_ARCHIVE_RATIO_FROM = 10 * 1024**2
MAX_ARCHIVE_ENTRIES = 20_000


def shown(value: object, width: int = 60) -> str:
    """A value for an error message: its repr, cut to ``width`` characters."""
    text = repr(value)
    return text if len(text) <= width else f"{text[: width - 1]}…"


def check_text(value: object, field: str, limit: int = MAX_TEXT_CHARS, *, allow_empty: bool = True) -> str:
    """Return ``value`` if it is a text that may be stored in ``field``; else raise
    InvalidValueError naming the field and the problem (wrong type, NUL byte, too long)."""
    if not isinstance(value, str):
        raise InvalidValueError(f"field '{field}': expected text, found {kind_of(value)}")
    if "\x00" in value:
        raise InvalidValueError(
            f"field '{field}': holds a NUL byte (\\x00) at character {value.index(chr(0)) + 1}:"
            f" not text (a binary file, or a damaged export)"
        )
    if len(value) > limit:
        raise InvalidValueError(f"field '{field}': {len(value):,} characters, more than the {limit:,} allowed")
    if not allow_empty and not value.strip():
        raise InvalidValueError(f"field '{field}': empty")
    return value


def check_field(value: object, field: str) -> str:
    """``check_text`` with the stored length of ``field`` (``FIELD_CHARS``)."""
    return check_text(value, field, FIELD_CHARS[field])


_KINDS = {
    dict: "an object",
    list: "a list",
    tuple: "a list",
    bool: "true or false",
    int: "a number",
    float: "a number",
    str: "text",
    type(None): "null",
}


def kind_of(value: object) -> str:
    """What a value is, in the words of a JSON file: "a number", "a list", "null"…"""
    return _KINDS.get(type(value), type(value).__name__)


def json_depth_exceeds(value: object, limit: int = MAX_JSON_DEPTH) -> bool:
    """True if lists and objects in ``value`` nest deeper than ``limit`` (no recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (list, dict)):
            if depth > limit:
                return True
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return False


# --- search texts -------------------------------------------------------------------------
# What a person types in a search box: a few words, a phrase, some OR and brackets. The
# longest judged query of the search evaluation has 9 words; the database's full-text
# engines slow down with every term (each is looked up in the index, in every language
# variant), and a parser recursing into brackets would exhaust Python's stack at ~300
# levels. Past these limits a search is refused with a message, never run.
MAX_QUERY_CHARS = 1_000
MAX_QUERY_TERMS = 40
MAX_QUERY_DEPTH = 8


def search_text_problem(text: str, words: int | None = None) -> str:
    """Why a search text (a search box, a "words" filter) may not be run, in the reader's
    language; "" when it may. ``words``: how many words the caller counted (the search
    parser leaves its operators and brackets out); by default the text's own."""
    from django.utils.translation import gettext as _

    if len(text or "") > MAX_QUERY_CHARS:
        return _("The search text is too long: at most %(n)d characters.") % {"n": MAX_QUERY_CHARS}
    if (len((text or "").split()) if words is None else words) > MAX_QUERY_TERMS:
        return _("Too many words in the search text: at most %(n)d.") % {"n": MAX_QUERY_TERMS}
    return ""


def check_words(value: str) -> None:
    """The validator of every "words" filter (actions, clusters, …): each word costs a
    LIKE over the table, so 2,000 words once kept a server's threads busy for 100 s.
    Raises django's ValidationError, which a filter reports as a 400 naming ``q``."""
    from django.core.exceptions import ValidationError

    problem = search_text_problem(value)
    if problem:
        raise ValidationError(problem)
