"""The encoding of a text file (CSV, a report copied as text), found or refused, never guessed.

Order: the encoding the user gave (``--encoding``), else the one a byte-order mark
announces, else UTF-8 when the whole file is valid UTF-8 (an accented text in another
encoding practically never is), else what ``charset_normalizer`` finds — but only when
it is sure. It is sure when the best candidate's text is clearly less messy than that of
every candidate that reads the bytes differently; candidates that give the same text
(cp1250 and cp1252 for French) do not compete. Otherwise the file is refused with a
message asking for ``--encoding``: a wrong guess would store garbled text ("StateŐs"),
which nobody notices until it is everywhere.

Only lines holding bytes above 127 are weighed (ASCII reads alike in every candidate),
up to ``_SAMPLE_BYTES``: short files give few such bytes, and are often refused.
"""

from __future__ import annotations

import re

from rightstrack.ingest.formats.base import ParseError

# The legacy encodings people's files are in: Windows code pages (Excel's "CSV" uses the
# system's), ISO-8859 from older Unix tools, Mac Roman (UPR Info's own exports), and the
# East Asian national encodings. DOS code pages are left out: they would tie with the
# others on every accented letter and no current tool writes them.
CANDIDATES = (
    "cp1252",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "cp1258",
    "iso8859_2",
    "iso8859_15",
    "iso8859_5",
    "iso8859_7",
    "mac_roman",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_kr",
    "koi8_r",
)
# How much less messy (charset_normalizer's "chaos", 0-1) the winner must be than any
# candidate that reads the bytes differently; measured on real files, a right reading
# beats a wrong one by 0.005-0.2 and equal scores mean "cannot tell".
MARGIN = 0.004
MAX_CHAOS = 0.2  # messier than this in every candidate: no text encoding at all
_SAMPLE_BYTES = 64 * 1024
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_LINES = re.compile(rb"\r\n|\r|\n")


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` announces, or None.

    Windows tools write one: Excel's "Unicode text" and Notepad's "Unicode" are UTF-16
    with a BOM, Excel's "CSV UTF-8" is UTF-8 with one. The codecs named drop the mark.
    """
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else None


def line_at(data: bytes, offset: int) -> int:
    """The line number (from 1) of a byte offset, counting CR, LF and CRLF as one break."""
    before = data[:offset]
    return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1


def decode(
    data: bytes,
    name: str,
    encoding: str | None = None,
    *,
    prefer: str | None = None,
    hint: str = "give --encoding, e.g. --encoding cp1250, or save the file as UTF-8",
) -> str:
    """``data`` as text, by the rules of the module docstring; ParseError naming the file
    (and the line, for bytes the encoding given cannot read) otherwise.

    ``prefer`` names the encoding a format's own files are known to use (UPR Info: Mac
    Roman): taken when detection finds it among the best, even without a clear margin.
    """
    encoding = encoding or bom_encoding(data)
    if encoding is None:
        if b"\x00" in data and data.count(b"\x00") * 4 > len(data):
            raise ParseError(
                f"{name}: not a text file (UTF-16 without its byte-order mark, or binary): save it as CSV UTF-8"
            )
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            encoding = detect(data, name, prefer=prefer, hint=hint)
    try:
        return data.decode(encoding)
    except LookupError:
        raise ParseError(f"{name}: unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        # utf-8-sig counts from after the mark it drops
        start = exc.start + (
            3 if encoding.replace("_", "-").lower() == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf") else 0
        )
        raise ParseError(
            f"{name}: row {line_at(data, start)}: byte offset {start}: not valid {encoding} ({exc.reason})"
        ) from None


def detect(data: bytes, name: str, *, prefer: str | None = None, hint: str = "give --encoding") -> str:
    """The legacy encoding of ``data`` when charset_normalizer is sure of it (see the
    module docstring); ParseError telling the user to name it otherwise."""
    from charset_normalizer import from_bytes

    sample = _sample(data)
    matches = list(from_bytes(sample, cp_isolation=list(CANDIDATES), steps=1, chunk_size=max(len(sample), 1)))
    readable = [m for m in matches if _decodes(data, m.encoding)]
    if not readable or readable[0].chaos > MAX_CHAOS:
        raise ParseError(f"{name}: not UTF-8, and in no text encoding rightstrack can recognise ({hint})")
    best = readable[0]
    if prefer:
        tied = [m for m in readable if m.chaos <= best.chaos + MARGIN]
        if any(prefer in (m.encoding, *m.could_be_from_charset) for m in tied):
            return prefer
    rivals = [m for m in readable[1:] if str(m) != str(best)]
    if rivals and min(m.chaos for m in rivals) < best.chaos + MARGIN:
        names = ", ".join(dict.fromkeys(m.encoding for m in [best, *rivals][:3]))
        raise ParseError(f"{name}: not UTF-8, and its encoding cannot be told for sure (it could be {names}): {hint}")
    return best.encoding


def _sample(data: bytes) -> bytes:
    """The first lines holding bytes above 127, up to _SAMPLE_BYTES."""
    lines, size = [], 0
    for line in _LINES.split(data):
        if _NON_ASCII.search(line):
            lines.append(line)
            size += len(line) + 1
            if size >= _SAMPLE_BYTES:
                break
    return b"\n".join(lines)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
