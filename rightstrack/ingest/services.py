"""The one writer of imported recommendations.

Every format's parser yields ParsedRecommendation records; ``import_records`` resolves
their names (States, mechanism, session, taxonomy terms) and upserts them in a single
transaction: a file imports whole or not at all. A record matches an existing
recommendation by its UHRI annotation id, else by document symbol + paragraph, else by
State + UPR session + mechanism + normalised text, so importing the same file twice
changes nothing.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable

from django.db import transaction

from rightstrack.core.errors import InvalidValueError, RightstrackError
from rightstrack.ingest.records import ParsedDocument, ParsedRecommendation
from rightstrack.recommendations.choices import DocumentKind, Position, RecommendationType, TagOrigin
from rightstrack.recommendations.models import Document, Recommendation, TagAssignment, Translation, text_fingerprint
from rightstrack.reference.models import Mechanism, Taxonomy, Term, UPRSession
from rightstrack.reference.selectors import StateResolver, TermIndex, is_placeholder_state, resolve_mechanism

MAX_ERRORS_SHOWN = 50


@dataclass
class ImportSummary:
    """What an import did (or, with dry_run, would do)."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"imported {self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
                f"{len(self.errors)} errors")


class ImportFailed(RightstrackError):
    """An import with errors: nothing was written. ``summary.errors`` lists them all."""

    def __init__(self, summary: ImportSummary):
        self.summary = summary
        shown = summary.errors[:MAX_ERRORS_SHOWN]
        more = len(summary.errors) - len(shown)
        tail = f"\n… and {more} more" if more > 0 else ""
        super().__init__("\n".join(shown) + tail)


class _Context:
    """Look-ups shared by all records of one import (each built once)."""

    def __init__(self, source: str):
        self.source = source
        self.states = StateResolver()
        self.mechanisms: dict[str, Mechanism] = {}
        self.sessions = {s.number: s for s in UPRSession.objects.all()}
        self.terms: dict[str, TermIndex] = {}
        self.documents: dict[str, Document] = {}

    def mechanism(self, code: str) -> Mechanism:
        key = (code or "").upper()
        if key not in self.mechanisms:
            self.mechanisms[key] = resolve_mechanism(code)
        return self.mechanisms[key]

    def session(self, number: int | None) -> UPRSession | None:
        if number is None:
            return None
        if number not in self.sessions:
            raise InvalidValueError(f"unknown UPR session: {number} (sessions run from 1 to {max(self.sessions)})")
        return self.sessions[number]

    def term(self, slug: str, value: str) -> Term:
        if slug not in self.terms:
            taxonomy = Taxonomy.objects.filter(slug=slug).first()
            if taxonomy is None:
                raise InvalidValueError(f"unknown taxonomy: {slug!r}")
            self.terms[slug] = TermIndex(taxonomy)
        index = self.terms[slug]
        found = index.get(value)
        if found is None and index.taxonomy.open and value.strip():
            # Open taxonomies (UHRI themes, UPR Info issues) grow with their sources.
            found = Term.objects.create(taxonomy=index.taxonomy, code=value.strip()[:200], label=value.strip(),
                                        position=len(index.by_code))
            index.add(found)
        return found or index.resolve(value)


def _document(ctx: _Context, symbol: str, record: ParsedRecommendation, mechanism: Mechanism) -> Document | None:
    if not symbol:
        return None
    if symbol not in ctx.documents:
        document = Document.objects.filter(symbol=symbol).first()
        if document is None:
            kind = DocumentKind.WORKING_GROUP_REPORT if mechanism.code == "UPR" else (
                DocumentKind.CONCLUDING_OBSERVATIONS if "/CO/" in symbol else DocumentKind.OTHER)
            document = Document.objects.create(symbol=symbol, mechanism=mechanism, kind=kind, date=record.date,
                                               upr_session=ctx.session(record.session), language=record.language)
            if record.country:
                document.states.add(ctx.states.resolve(record.country))
        ctx.documents[symbol] = document
    return ctx.documents[symbol]


def _save_document(ctx: _Context, parsed: ParsedDocument) -> None:
    mechanism = ctx.mechanism(parsed.mechanism)
    document, _ = Document.objects.update_or_create(
        symbol=parsed.symbol,
        defaults={"mechanism": mechanism, "title": parsed.title, "date": parsed.date, "language": parsed.language,
                  "upr_session": ctx.session(parsed.session), "url": parsed.url},
    )
    document.states.add(*[ctx.states.resolve(name) for name in parsed.countries])
    ctx.documents[parsed.symbol] = document


def _find_existing(record: ParsedRecommendation, values: dict) -> Recommendation | None:
    uhri_id = record.external_ids.get("uhri")
    if uhri_id:
        found = Recommendation.objects.filter(uhri_id=uhri_id).first()
        if found:
            return found
    if values["document"] is not None and record.paragraph:
        # Symbol + paragraph is the key: two paragraphs of one document may share a text.
        return Recommendation.objects.filter(document=values["document"], paragraph=record.paragraph).first()
    return Recommendation.objects.filter(
        document=values["document"], state=values["state"], upr_session=values["upr_session"],
        mechanism=values["mechanism"], text_key=text_fingerprint(record.text),
    ).first()


def _check_choices(record: ParsedRecommendation) -> None:
    if record.position is not None and record.position not in Position.values:
        raise InvalidValueError(f"field 'position': {record.position!r} is not one of {', '.join(Position.values)}")
    if record.type not in RecommendationType.values:
        raise InvalidValueError(f"field 'type': {record.type!r} is not one of {', '.join(RecommendationType.values)}")
    if not record.text.strip():
        raise InvalidValueError("field 'text': empty")


def _resolve(ctx: _Context, record: ParsedRecommendation) -> tuple[dict, list, list[Term]]:
    """Turn a record's names into database values; raise a RightstrackError naming the field."""
    _check_choices(record)
    mechanism = ctx.mechanism(record.mechanism)
    values = {
        "mechanism": mechanism,
        "state": ctx.states.resolve(record.country) if record.country else None,
        "upr_session": ctx.session(record.session),
        "text": record.text.strip(), "language": record.language, "type": record.type,
        "paragraph": record.paragraph, "subject": record.subject, "date": record.date,
        "position": record.position, "position_source": record.position_source,
        "follow_up": record.follow_up, "comments": record.comments,
    }
    if record.external_ids.get("uhri"):
        values["uhri_id"] = record.external_ids["uhri"]
    values["document"] = _document(ctx, record.document_symbol, record, mechanism)
    recommending = [ctx.states.resolve(n) for n in record.recommending_states if not is_placeholder_state(n)]
    terms = [ctx.term(slug, value) for slug, labels in record.tags.items() for value in labels]
    return values, recommending, terms


def _apply(ctx: _Context, record: ParsedRecommendation, values: dict, recommending: list, terms: list[Term],
           publish: bool) -> str:
    """Write one resolved record; return "new", "updated" or "unchanged"."""
    existing = _find_existing(record, values)
    rec = existing or Recommendation(is_published=publish)
    changed = existing is None or any(getattr(rec, k) != v for k, v in values.items())
    if changed:
        for key, value in values.items():
            setattr(rec, key, value)
        rec.external_ids = {**rec.external_ids, **record.external_ids}
        rec.save()
    if set(rec.recommending_states.all()) != set(recommending):
        rec.recommending_states.set(recommending)
        changed = True
    changed |= _apply_translations(rec, record.translations)
    changed |= _apply_tags(ctx, rec, terms)
    return "new" if existing is None else ("updated" if changed else "unchanged")


def _apply_translations(rec: Recommendation, translations: dict[str, str]) -> bool:
    changed = False
    current = {t.language: t for t in rec.translations.all()}
    for language, text in translations.items():
        if language == rec.language or not text.strip():
            continue
        if language not in current:
            Translation.objects.create(recommendation=rec, language=language, text=text.strip())
            changed = True
        elif current[language].text != text.strip():
            current[language].text = text.strip()
            current[language].save(update_fields=["text"])
            changed = True
    return changed


def _apply_tags(ctx: _Context, rec: Recommendation, terms: list[Term]) -> bool:
    """Add the source's tags; drop imported tags the source no longer gives, unless a
    person confirmed them. Manual and automatic tags are never touched by an import."""
    wanted = {t.pk: t for t in terms}
    existing = {tag.term_id: tag for tag in rec.tags.all()}
    added = [TagAssignment(recommendation=rec, term=t, origin=TagOrigin.IMPORTED, source=ctx.source)
             for pk, t in wanted.items() if pk not in existing]
    stale = [tag.pk for pk, tag in existing.items()
             if pk not in wanted and tag.origin == TagOrigin.IMPORTED and not tag.confirmed]
    TagAssignment.objects.bulk_create(added)
    TagAssignment.objects.filter(pk__in=stale).delete()
    return bool(added or stale)


def import_records(records: Iterable[ParsedRecommendation], *, source: str,
                   documents: Iterable[ParsedDocument] = (), dry_run: bool = False,
                   publish: bool = False) -> ImportSummary:
    """Import parsed records from ``source`` (a file name, shown in errors and on tags).

    All or nothing: if any record has an error, every error is collected and
    ImportFailed is raised with the database unchanged. ``dry_run`` computes the same
    summary and then rolls back. ``publish`` marks new recommendations as public.
    """
    summary = ImportSummary()
    with transaction.atomic():
        ctx = _Context(source)
        for parsed in documents:
            try:
                _save_document(ctx, parsed)
            except RightstrackError as exc:
                summary.errors.append(f"{source}: document {parsed.symbol}: {exc}")
        for record in records:
            try:
                outcome = _apply(ctx, record, *_resolve(ctx, record), publish=publish)
            except RightstrackError as exc:
                summary.errors.append(f"{source}: {record.location or 'record'}: {exc}")
                continue
            setattr(summary, outcome, getattr(summary, outcome) + 1)
        if summary.errors:
            transaction.set_rollback(True)
            raise ImportFailed(summary)
        if dry_run:
            transaction.set_rollback(True)
    return summary


def parse_date(value: str | None) -> dt.date | None:
    """Parse YYYY-MM-DD (or empty) into a date; shared by the JSON and table readers."""
    return dt.date.fromisoformat(value) if value else None
