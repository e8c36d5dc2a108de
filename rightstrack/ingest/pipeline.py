"""Opening a file for import: parse, apply the user's options, and for a large file do
the parsing in a second process so that it overlaps with the database writes.

A 400 MB UHRI export spends about as long being parsed as being written; on a two-core
laptop the two halves run side by side. Small files (and systems without ``fork``) are
read in-process: a second process would cost more than it saves.
"""
from __future__ import annotations

import multiprocessing
import queue as queues
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from rightstrack.core.errors import InvalidValueError, RightstrackError
from rightstrack.ingest.formats.base import ParseError
from rightstrack.ingest.records import ParsedDocument, ParsedRecommendation, ParsedResponse
from rightstrack.ingest.registry import BY_NAME, ImportOptions, read_file

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

    @property
    def kind(self) -> str:
        """The kind of source its values come from (how they rank: ingest.precedence)."""
        return BY_NAME[self.format].kind


def with_options(records: Iterable[ParsedRecommendation], options: ImportOptions,
                 skipped: list[int]) -> Iterator[ParsedRecommendation]:
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


def open_file(path: Path, fmt: str, options: ImportOptions, parallel_bytes: int = PARALLEL_BYTES) -> OpenedFile:
    """Open ``path`` as ``fmt`` ("auto" detects it); see the module docstring."""
    path = Path(path)
    if path.is_file() and path.stat().st_size >= parallel_bytes and "fork" in multiprocessing.get_all_start_methods():
        return _open_in_worker(path, fmt, options)
    chosen, parsed = read_file(path, fmt, options)
    opened = OpenedFile(chosen.name, iter(()), list(parsed.documents), parsed.responses)
    opened.records = with_options(parsed.records, options, opened.skipped)
    return opened


def _reader(path: Path, fmt: str, options: ImportOptions, out) -> None:
    """The second process: parse, fingerprint texts, send chunks; errors go as messages."""
    from rightstrack.recommendations.models import text_fingerprint

    try:
        chosen, parsed = read_file(path, fmt, options)
        out.put(("head", chosen.name, list(parsed.documents), list(parsed.responses)))
        skipped, chunk = [0], []
        for record in with_options(parsed.records, options, skipped):
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
