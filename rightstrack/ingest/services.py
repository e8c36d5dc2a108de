"""The one writer of imported recommendations.

Every format's parser yields ParsedRecommendation records; ``import_records`` resolves
their names (States, mechanism, session, taxonomy terms) and upserts them in a single
transaction: a file imports whole or not at all. A record matches an existing
recommendation by its UHRI annotation id, else by document symbol + paragraph, else by
State + UPR session + mechanism + normalised text, so importing the same file twice
changes nothing. When several sources describe one recommendation, each field keeps the
value of the strongest source that gives one (``ingest.precedence``), whatever the order
of the imports; the history records every value changed and every value not taken.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction

from rightstrack.core.audit import record_many
from rightstrack.core.errors import RightstrackError
from rightstrack.core.models import AuditAction
from rightstrack.ingest import merge, upsert
from rightstrack.ingest.records import ParsedDocument, ParsedRecommendation, ParsedResponse
from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.signals import changed

MAX_ERRORS_SHOWN = 50
CHUNK_SIZE = 1000
DETAILS_KEPT = 500  # records whose changes a preview lists one by one; all are counted and audited


@dataclass
class ImportSummary:
    """What an import did (or, with dry_run, would do)."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    changed_ids: list[int] = field(default_factory=list)
    details: list[merge.RecordChanges] = field(default_factory=list)  # the first DETAILS_KEPT
    listed: int = 0  # recommendations with a change or a disagreement (details keeps the first ones)
    disputed_ids: set[int] = field(default_factory=set)  # where a source's value was not taken
    removal_ids: set[int] = field(default_factory=set)  # recommendations that lose a value or a tag
    events: list[tuple] = field(default_factory=list, repr=False)
    also: list[str] = field(default_factory=list)  # what a format's own writes did ("2 draft progress reports")
    counts: dict[str, int] = field(default_factory=dict)  # and their figures ({"drafted": 2})

    @property
    def disputed(self) -> int:
        return len(self.disputed_ids)

    @property
    def removals(self) -> int:
        return len(self.removal_ids)

    @property
    def unlisted(self) -> int:
        """Recommendations with changes that ``details`` leaves out."""
        return self.listed - len(self.details)

    def line(self) -> str:
        return "; ".join(
            [
                f"imported {self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
                f"{len(self.errors)} errors",
                *self.also,
            ]
        )

    def note(self, changes: merge.RecordChanges | None, source: str) -> None:
        """Count and keep what an import did to one existing recommendation."""
        if changes is None:
            self.unchanged += 1
            return
        if changes.applied or not changes.fields:
            self.updated += 1
            self.changed_ids.append(changes.pk)
            self.events.append(
                (changes.pk, AuditAction.IMPORTED, {c.field: c.audit() for c in changes.applied}, source)
            )
        else:
            self.unchanged += 1
        if changes.disagreements:
            self.disputed_ids.add(changes.pk)
            self.events.append(
                (changes.pk, AuditAction.DISAGREED, {c.field: c.audit() for c in changes.disagreements}, source)
            )
        if any(c.removed for c in changes.applied):
            self.removal_ids.add(changes.pk)
        if changes.fields:
            self.listed += 1
            if len(self.details) < DETAILS_KEPT:
                self.details.append(changes)


class ImportFailed(RightstrackError):
    """An import with errors: nothing was written. ``summary.errors`` lists them all."""

    def __init__(self, summary: ImportSummary):
        self.summary = summary
        self.errors = summary.errors  # every one, for a job's page (``core.jobs`` keeps the first 500)
        shown = summary.errors[:MAX_ERRORS_SHOWN]
        more = len(summary.errors) - len(shown)
        tail = f"\n… and {more} more" if more > 0 else ""
        super().__init__("\n".join(shown) + tail)


def _write_chunk(ctx: upsert.Context, chunk: list[ParsedRecommendation], summary: ImportSummary) -> None:
    items = []
    for record in chunk:
        try:
            items.append(upsert.resolve(ctx, record))
        except RightstrackError as exc:
            summary.errors.append(f"{ctx.source}: {record.location or 'record'}: {exc}")
    if summary.errors:
        return  # the import will roll back: spare the writes, keep collecting errors
    # A key seen twice in one chunk: the later record goes to a chunk of its own, so it
    # updates what the earlier one wrote instead of inserting a duplicate.
    seen: set[tuple] = set()
    now, later = [], []
    for item in items:
        (later if seen.intersection(item.keys) else now).append(item)
        seen.update(item.keys)
    upsert.find_existing(now)
    fresh = [item for item in now if item.existing is None]
    new_ids = upsert.insert_new(ctx, fresh)
    summary.changed_ids += new_ids
    summary.new += len(fresh)
    # A new recommendation's history opens with the file it came from (its values are
    # the record itself); a changed one's event lists each value (see ImportSummary.note).
    summary.events += [(pk, AuditAction.IMPORTED, {}, ctx.source) for pk in new_ids]
    for item in now:
        if item.existing is not None:
            summary.note(upsert.update_existing(ctx, item), ctx.source)
    if later:
        _write_chunk(ctx, [item.record for item in later], summary)


def _responded(response: ParsedResponse) -> Recommendation | None:
    """The recommendation a response is about. Cycle-1 addenda number them "15" where the
    report says "111.15": a bare number matches the one paragraph ending in it."""
    of_report = Recommendation.objects.filter(document__symbol=response.document_symbol)
    found = of_report.filter(paragraph=response.paragraph).first()
    if found is None and "." not in response.paragraph:
        candidates = list(of_report.filter(paragraph__endswith=f".{response.paragraph}")[:2])
        found = candidates[0] if len(candidates) == 1 else None
    return found


def _apply_responses(ctx: upsert.Context, responses: Iterable[ParsedResponse], summary: ImportSummary) -> None:
    """Set the positions a State gave in an addendum on recommendations already imported
    (the addendum ranks first for positions; a person's edit still outranks it)."""
    missing: list[ParsedResponse] = []
    for response in responses:
        rec = _responded(response)
        if rec is None:
            missing.append(response)
            continue
        sources_before = dict(rec.field_sources or {})
        given = {"position": (response.position, response.position_source)}
        to_save, changes = merge.merge_fields(rec, given, "addendum")
        if to_save or rec.field_sources != sources_before:
            rec.save(update_fields=[*to_save, "field_sources"])
        where = f"{response.document_symbol} {rec.paragraph}"
        summary.note(merge.RecordChanges(rec.pk, where, response.location, changes) if changes else None, ctx.source)
    reports = sorted({r.document_symbol for r in missing})
    if missing and not Recommendation.objects.filter(document__symbol__in=reports).exists():
        # The report this file answers is not here at all: one sentence, not one per response.
        summary.errors.append(
            f"{ctx.source}: this file gives the State's responses to {', '.join(reports)}, "
            f"whose recommendations are not imported: import that Working Group report "
            f"(or OHCHR's list or a UHRI export of that review) first"
        )
        return
    for response in missing:
        where = f"{ctx.source}: {response.location or 'paragraph ' + response.paragraph}"
        summary.errors.append(
            f"{where}: no recommendation {response.document_symbol} paragraph "
            f"{response.paragraph} (import the Working Group report first)"
        )


def import_records(
    records: Iterable[ParsedRecommendation],
    *,
    source: str,
    documents: Iterable[ParsedDocument] = (),
    responses: Iterable[ParsedResponse] = (),
    dry_run: bool = False,
    publish: bool = False,
    kind: str = "table",
    progress: Callable[[int], None] | None = None,
    user=None,
    finish: Callable | None = None,
) -> ImportSummary:
    """Import parsed records from ``source`` (a file name, shown in errors and on tags),
    a source of ``kind`` (``ingest.precedence.SOURCES``: how its values rank).

    All or nothing: if any record has an error, every error is collected and
    ImportFailed is raised with the database unchanged. ``dry_run`` computes the same
    summary and then rolls back. ``publish`` marks new recommendations as public.
    ``progress`` is called with the number of records done after each chunk. Every
    recommendation added or changed gets an "imported" event in the audit trail, by
    ``user`` (None: the command line). ``finish`` (a format's own writes, see
    ``registry.ParsedFile``) runs last, in the same transaction.
    """
    summary = ImportSummary()
    with transaction.atomic():
        ctx = upsert.Context(source, publish, kind)
        for parsed in documents:
            try:
                ctx.save_document(parsed)
            except RightstrackError as exc:
                summary.errors.append(f"{source}: document {str(parsed.symbol)[:100]}: {exc}")

        def flush_history() -> None:
            # Written chunk by chunk, inside the transaction, so that memory stays bounded
            # when every one of 250,000 records changes; a dry run only counts.
            if summary.events and not dry_run and not summary.errors:
                record_many(user, Recommendation, summary.events)
            summary.events.clear()

        for chunk in _chunks(records, CHUNK_SIZE):
            _write_chunk(ctx, chunk, summary)
            flush_history()
            if progress:
                progress(len(chunk))
        _apply_responses(ctx, responses, summary)
        flush_history()
        if finish is not None and not summary.errors:
            from rightstrack.ingest.registry import FinishContext

            finish(FinishContext(user=user, source=source, dry_run=dry_run, summary=summary))
        if summary.errors:
            transaction.set_rollback(True)
            raise ImportFailed(summary)
        if dry_run:
            transaction.set_rollback(True)
        elif summary.changed_ids:
            # Indexes (search) follow in the same transaction: all or nothing, together.
            changed(import_records, summary.changed_ids, texts=True)
    if not dry_run and summary.new >= ANALYZE_AFTER:
        _refresh_statistics()
    return summary


# PostgreSQL plans queries from table statistics that autovacuum refreshes only later:
# right after a large import, look-ups by recommendation (tags, States) ran 5x slower.
ANALYZE_AFTER = 10_000


def _refresh_statistics() -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _chunks(records: Iterable[ParsedRecommendation], size: int) -> Iterator[list[ParsedRecommendation]]:
    chunk: list[ParsedRecommendation] = []
    for record in records:
        chunk.append(record)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def import_file(
    path,
    fmt: str = "auto",
    options=None,
    *,
    dry_run: bool = False,
    publish: bool = False,
    progress: Callable[[int], None] | None = None,
    user=None,
    sample: list | None = None,
    sample_size: int = 20,
) -> tuple[str, ImportSummary, int]:
    """Read ``path`` in format ``fmt`` ("auto" detects it) and import it whole.

    Returns the format name, the summary and how many records the options filtered out.
    Raises ParseError (the file cannot be read) or ImportFailed (records with errors);
    either way the database is unchanged. A ``sample`` list receives the first
    ``sample_size`` records read, for a preview, without reading the file twice.
    """
    from pathlib import Path

    from rightstrack.ingest.pipeline import open_file
    from rightstrack.ingest.registry import ImportOptions

    opened = open_file(Path(path), fmt, options or ImportOptions())
    records = opened.records if sample is None else _keeping(opened.records, sample, sample_size)
    summary = import_records(
        records,
        source=Path(path).name,
        documents=opened.documents,
        responses=opened.responses,
        dry_run=dry_run,
        publish=publish,
        progress=progress,
        user=user,
        kind=opened.kind,
        finish=opened.finish,
    )
    return opened.format, summary, opened.skipped[0]


def _keeping(records: Iterable[ParsedRecommendation], sample: list, size: int) -> Iterator[ParsedRecommendation]:
    for record in records:
        if len(sample) < size:
            sample.append(record)
        yield record


def parse_date(value: str | None) -> dt.date | None:
    """Parse YYYY-MM-DD (or empty) into a date; shared by the JSON and table readers."""
    return dt.date.fromisoformat(value) if value else None
