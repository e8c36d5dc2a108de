"""Opening a file for import: parse, apply the user's options, and for a large file do
the parsing in a second process so that it overlaps with the database writes.

A 400 MB UHRI export spends about as long being parsed as being written; on a two-core
laptop the two halves run side by side. Small files (and systems without ``fork``) are
read in-process: a second process would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import queue as queues
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rightstrack.core.errors import InvalidValueError, RightstrackError
from rightstrack.core.limits import MAX_RECORDS_PER_FILE
from rightstrack.ingest.formats.base import ParseError
from rightstrack.ingest.records import ParsedDocument, ParsedRecommendation, ParsedResponse
from rightstrack.ingest.registry import BY_NAME, FORMATS, ImportOptions, read_file

PARALLEL_BYTES = 20 * 1024 * 1024
CHUNK = 1000
QUEUED_CHUNKS = 8  # bounds memory: the reader waits when the writer falls behind


@dataclass
class OpenedFile:
    """A file ready to import; ``skipped`` is final once ``records`` is exhausted."""

    format: str
    records: Iterator[ParsedRecommendation]
    documents: list[ParsedDocument] = field(default_factory=list)
    responses: Iterable[ParsedResponse] = ()
    skipped: list[int] = field(default_factory=lambda: [0])
    finish: Callable | None = None  # a format's own writes (registry.ParsedFile.finish)

    @property
    def kind(self) -> str:
        """The kind of source its values come from (how they rank: ingest.precedence)."""
        return BY_NAME[self.format].kind


def with_options(
    records: Iterable[ParsedRecommendation], options: ImportOptions, skipped: list[int]
) -> Iterator[ParsedRecommendation]:
    """Apply what the user said: a value the file lacks is filled in; a record whose
    value differs (another State in a UHRI export, say) is skipped and counted."""
    from rightstrack.reference.directory import lookup_builtin_state

    wanted_state = lookup_builtin_state(options.country) if options.country else None
    if options.country and wanted_state is None:
        raise InvalidValueError(f"--country: unknown State: {options.country!r}")
    for record in records:
        if options.country:
            if record.country and lookup_builtin_state(record.country) != wanted_state:
                skipped[0] += 1
                continue
            record.country = record.country or wanted_state
        if options.mechanism:
            if record.mechanism and record.mechanism.upper() != options.mechanism.upper():
                skipped[0] += 1
                continue
            record.mechanism = record.mechanism or options.mechanism.upper()
        if options.document and not record.document_symbol:
            record.document_symbol = options.document
        if options.session and record.session is None:
            record.session = options.session
        yield record


def checked(records: Iterable[ParsedRecommendation], name: str) -> Iterator[ParsedRecommendation]:
    """Refuse, with both places, a paragraph that a file gives twice (the same document
    and paragraph, or the same UHRI annotation): the second would silently replace the
    first. Refuse a file of more records than ``core.limits.MAX_RECORDS_PER_FILE``."""
    seen: dict[tuple, str] = {}
    for number, record in enumerate(records, start=1):
        if number > MAX_RECORDS_PER_FILE:
            raise ParseError(f"{name}: more than {MAX_RECORDS_PER_FILE:,} records: split the file")
        where = record.location or f"record {number}"
        keys = []
        symbol, paragraph = record.document_symbol, record.paragraph
        if isinstance(symbol, str) and isinstance(paragraph, str) and symbol.strip() and paragraph.strip():
            keys.append(
                (
                    ("para", symbol.strip(), paragraph.strip()),
                    f"field 'paragraph': repeats paragraph {paragraph.strip()[:30]} of {symbol.strip()[:100]}",
                )
            )
        annotation = record.external_ids.get("uhri") if isinstance(record.external_ids, dict) else None
        if isinstance(annotation, str) and annotation:
            keys.append((("uhri", annotation), f"field 'uhri_id': repeats UHRI annotation {annotation[:64]}"))
        for key, what in keys:
            if key in seen:
                raise ParseError(f"{name}: {where}: {what}, already given by {seen[key]} (a file gives each once)")
            seen[key] = where
        yield record


def not_empty(
    records: Iterable[ParsedRecommendation], name: str, other_content: bool
) -> Iterator[ParsedRecommendation]:
    """Refuse a file with no record at all (a header row alone, blank rows) unless it
    holds something else (an addendum's responses): "imported 0" would hide the mistake."""
    empty = True
    for record in records:
        empty = False
        yield record
    if empty and not other_content:
        raise ParseError(f"{name}: no recommendation found in the file (only a header row, or blank rows?)")


def open_file(path: Path, fmt: str, options: ImportOptions, parallel_bytes: int = PARALLEL_BYTES) -> OpenedFile:
    """Open ``path`` as ``fmt`` ("auto" detects it); see the module docstring."""
    path = Path(path)
    if (
        path.is_file()
        and path.stat().st_size >= parallel_bytes
        and "fork" in multiprocessing.get_all_start_methods()
        and not _registered_format(path, fmt)
    ):
        return _open_in_worker(path, fmt, options)
    chosen, parsed = read_file(path, fmt, options)
    opened = OpenedFile(chosen.name, iter(()), list(parsed.documents), parsed.responses, finish=parsed.finish)
    records = not_empty(parsed.records, path.name, bool(opened.documents or opened.responses or opened.finish))
    opened.records = checked(with_options(records, options, opened.skipped), path.name)
    return opened


def _registered_format(path: Path, fmt: str) -> bool:
    """Whether a higher app's format (registry.register_format) reads the file: its own
    writes (``finish``) cannot cross from a worker process, so it is read here."""
    own = [f for f in FORMATS if "." in f.module]
    if fmt != "auto":
        return any(f.name == fmt for f in own)
    return any(f.detect(path) for f in own)


def _reader(path: Path, fmt: str, options: ImportOptions, out) -> None:
    """The second process: parse, fingerprint texts, send chunks; errors go as messages."""
    from rightstrack.recommendations.models import text_fingerprint

    try:
        chosen, parsed = read_file(path, fmt, options)
        documents, responses = list(parsed.documents), list(parsed.responses)
        out.put(("head", chosen.name, documents, responses))
        skipped, chunk = [0], []
        records = not_empty(parsed.records, path.name, bool(documents or responses))
        for record in checked(with_options(records, options, skipped), path.name):
            record.fingerprint = text_fingerprint(record.text)
            chunk.append(record)
            if len(chunk) == CHUNK:
                out.put(("records", chunk))
                chunk = []
        out.put(("records", chunk))
        out.put(("end", skipped[0]))
    except RightstrackError as exc:
        out.put(("error", str(exc)))
    except Exception as exc:  # a parser bug must not hang the importer waiting for data
        out.put(("error", f"{path.name}: could not be read ({exc.__class__.__name__}: {exc})"))


def _open_in_worker(path: Path, fmt: str, options: ImportOptions) -> OpenedFile:
    context = multiprocessing.get_context("fork")
    channel = context.Queue(maxsize=QUEUED_CHUNKS)
    process = context.Process(target=_reader, args=(path, fmt, options, channel), daemon=True)
    process.start()
    head = _receive(channel, process)
    opened = OpenedFile(head[1], iter(()), head[2], head[3])
    opened.records = _records(channel, process, opened.skipped)
    return opened


def _receive(channel, process) -> tuple:
    while True:
        try:
            message = channel.get(timeout=1)
        except queues.Empty:
            if not process.is_alive():
                raise ParseError("the file reader stopped unexpectedly") from None
            continue
        if message[0] == "error":
            process.join()
            raise ParseError(message[1])
        return message


def _records(channel, process, skipped: list[int]) -> Iterator[ParsedRecommendation]:
    try:
        while True:
            message = _receive(channel, process)
            if message[0] == "end":
                skipped[0] = message[1]
                return
            yield from message[1]
    finally:
        if process.is_alive():
            process.terminate()
        process.join()
