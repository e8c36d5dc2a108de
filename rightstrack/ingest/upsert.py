"""The chunked writer behind ``ingest.services.import_records``.

Records are resolved (names → rows) one by one, then written a chunk at a time: one query
finds the existing recommendations of a whole chunk, new ones are inserted with
``bulk_create`` together with their States, tags and translations, and only existing ones
that really changed are updated. That keeps a 250,000-record UHRI export to a few
thousand queries instead of millions.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rightstrack.core.errors import InvalidValueError
from rightstrack.ingest.records import ParsedRecommendation
from rightstrack.recommendations.choices import DocumentKind, Position, RecommendationType, TagOrigin
from rightstrack.recommendations.models import Document, Recommendation, TagAssignment, Translation, text_fingerprint
from rightstrack.reference.models import Mechanism, State, Taxonomy, Term, UPRSession
from rightstrack.reference.selectors import StateResolver, TermIndex, is_placeholder_state, resolve_mechanism

# Fields an import sets; a field a person edited (Recommendation.edited_fields) is skipped.
IMPORTED_FIELDS = [
    "mechanism", "state", "upr_session", "document", "text", "language", "type", "paragraph", "subject", "date",
    "position", "position_source", "follow_up", "comments", "uhri_id",
]
RecommendingStates = Recommendation.recommending_states.through


class Context:
    """Look-ups shared by all records of one import, each built once."""

    def __init__(self, source: str, publish: bool):
        self.source = source
        self.publish = publish
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
            raise InvalidValueError(f"field 'session': unknown UPR session {number} (sessions run from 1 to {max(self.sessions)})")
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
            label = value.strip()
            found = Term.objects.create(taxonomy=index.taxonomy, code=label[:200], label=label[:500],
                                        position=len(index.by_code))
            index.add(found)
        return found or index.resolve(value)

    def document(self, record: ParsedRecommendation, mechanism: Mechanism, state: State | None) -> Document | None:
        symbol = record.document_symbol.strip()
        if not symbol:
            return None
        if symbol not in self.documents:
            document = Document.objects.filter(symbol=symbol).first()
            if document is None:
                document = Document.objects.create(
                    symbol=symbol, mechanism=mechanism, kind=_document_kind(symbol, mechanism), date=record.date,
                    upr_session=self.session(record.session), language=record.language,
                )
                if state:
                    document.states.add(state)
            self.documents[symbol] = document
        return self.documents[symbol]


def _document_kind(symbol: str, mechanism: Mechanism) -> str:
    if mechanism.code == "UPR":
        return DocumentKind.ADDENDUM if "/ADD." in symbol.upper() else DocumentKind.WORKING_GROUP_REPORT
    return DocumentKind.CONCLUDING_OBSERVATIONS if "/CO/" in symbol.upper() else DocumentKind.OTHER


@dataclass
class Resolved:
    """A record with its names turned into rows, ready to write."""

    record: ParsedRecommendation
    values: dict
    recommending: list[State]
    terms: list[Term]
    existing: Recommendation | None = None
    keys: list[tuple] = field(default_factory=list)


def _check_choices(record: ParsedRecommendation) -> None:
    if record.position is not None and record.position not in Position.values:
        raise InvalidValueError(f"field 'position': {record.position!r} is not one of {', '.join(Position.values)}")
    if record.type not in RecommendationType.values:
        raise InvalidValueError(f"field 'type': {record.type!r} is not one of {', '.join(RecommendationType.values)}")
    if not (record.text or "").strip():
        raise InvalidValueError("field 'text': empty")


def _state(ctx: Context, name: str | None, field_name: str) -> State | None:
    if not name:
        return None
    state = ctx.states.get(name)
    if state is None:
        raise InvalidValueError(f"field '{field_name}': unknown State: {name!r}")
    return state


def resolve(ctx: Context, record: ParsedRecommendation) -> Resolved:
    """Turn a record's names into rows; raise a RightstrackError naming the field."""
    _check_choices(record)
    mechanism = ctx.mechanism(record.mechanism)
    state = _state(ctx, record.country, "country")
    values = {
        "mechanism": mechanism, "state": state, "upr_session": ctx.session(record.session),
        "text": record.text.strip(), "language": record.language, "type": record.type,
        "paragraph": record.paragraph, "subject": record.subject, "date": record.date,
        "position": record.position, "position_source": record.position_source,
        "follow_up": record.follow_up, "comments": record.comments,
        "uhri_id": record.external_ids.get("uhri") or None,
    }
    values["document"] = ctx.document(record, mechanism, state)
    recommending = [_state(ctx, n, "recommending_states") for n in record.recommending_states
                    if n and not is_placeholder_state(n)]
    terms = list({t.pk: t for t in (ctx.term(slug, v) for slug, vs in record.tags.items() for v in vs)}.values())
    item = Resolved(record, values, list(dict.fromkeys(recommending)), terms)
    item.keys = match_keys(item)
    return item


def match_keys(item: Resolved) -> list[tuple]:
    """The keys that identify a recommendation, strongest first (see services docstring)."""
    v = item.values
    keys = []
    if v["uhri_id"]:
        keys.append(("uhri", v["uhri_id"]))
    if v["document"] is not None and v["paragraph"]:
        keys.append(("para", v["document"].pk, v["paragraph"]))
    else:
        keys.append(("text", v["document"] and v["document"].pk, v["state"] and v["state"].pk,
                     v["upr_session"] and v["upr_session"].pk, v["mechanism"].pk, text_fingerprint(v["text"])))
    return keys


def find_existing(items: list[Resolved]) -> None:
    """Set ``existing`` on every item that matches a stored recommendation (3 queries)."""
    found: dict[tuple, Recommendation] = {}
    uhri = [k[1] for i in items for k in i.keys if k[0] == "uhri"]
    for rec in Recommendation.objects.filter(uhri_id__in=uhri):
        found[("uhri", rec.uhri_id)] = rec
    paras = [k for i in items for k in i.keys if k[0] == "para"]
    if paras:
        query = Recommendation.objects.filter(document_id__in={k[1] for k in paras}, paragraph__in={k[2] for k in paras})
        for rec in query:
            found[("para", rec.document_id, rec.paragraph)] = rec
    texts = [k for i in items for k in i.keys if k[0] == "text"]
    if texts:
        for rec in Recommendation.objects.filter(text_key__in={k[5] for k in texts}):
            found[("text", rec.document_id, rec.state_id, rec.upr_session_id, rec.mechanism_id, rec.text_key)] = rec
    by_pk = {}
    for item in items:
        rec = next((found[k] for k in item.keys if k in found), None)
        item.existing = by_pk.setdefault(rec.pk, rec) if rec else None
    pks = list(by_pk)
    if pks:
        full = Recommendation.objects.filter(pk__in=pks).prefetch_related("recommending_states", "tags", "translations")
        fresh = {rec.pk: rec for rec in full}
        for item in items:
            if item.existing:
                item.existing = fresh[item.existing.pk]


def insert_new(ctx: Context, items: list[Resolved]) -> None:
    """Insert new recommendations with their States, tags and translations in bulk."""
    recs = []
    for item in items:
        rec = Recommendation(is_published=ctx.publish, external_ids=dict(item.record.external_ids), **item.values)
        rec.derive()
        recs.append(rec)
    Recommendation.objects.bulk_create(recs, batch_size=500)
    links, tags, translations = [], [], []
    for rec, item in zip(recs, items):
        links += [RecommendingStates(recommendation_id=rec.pk, state_id=s.pk) for s in item.recommending]
        tags += [TagAssignment(recommendation=rec, term=t, origin=TagOrigin.IMPORTED, source=ctx.source[:200])
                 for t in item.terms]
        translations += [Translation(recommendation=rec, language=lang, text=text.strip())
                         for lang, text in item.record.translations.items()
                         if lang != rec.language and text.strip()]
    RecommendingStates.objects.bulk_create(links, batch_size=2000)
    TagAssignment.objects.bulk_create(tags, batch_size=2000)
    Translation.objects.bulk_create(translations, batch_size=500)


def update_existing(ctx: Context, item: Resolved) -> bool:
    """Bring an existing recommendation in line with the record; True if anything changed.

    Fields a person edited are kept; so are manual, automatic and confirmed tags.
    """
    rec = item.existing
    fields = [f for f in IMPORTED_FIELDS if f not in rec.edited_fields and getattr(rec, f) != item.values[f]]
    if fields and "uhri_id" in fields and item.values["uhri_id"] is None:
        fields.remove("uhri_id")  # a source without UHRI ids must not erase one
    for name in fields:
        setattr(rec, name, item.values[name])
    extra = {**rec.external_ids, **item.record.external_ids}
    if extra != rec.external_ids:
        rec.external_ids = extra
        fields.append("external_ids")
    if fields:
        rec.save(update_fields=fields)
    changed = bool(fields)
    if set(rec.recommending_states.all()) != set(item.recommending):
        rec.recommending_states.set(item.recommending)
        changed = True
    return _update_translations(rec, item.record.translations) | _update_tags(ctx, rec, item.terms) | changed


def _update_translations(rec: Recommendation, translations: dict[str, str]) -> bool:
    current = {t.language: t for t in rec.translations.all()}
    changed = False
    for language, text in translations.items():
        text = text.strip()
        if language == rec.language or not text or (language in current and current[language].text == text):
            continue
        Translation.objects.update_or_create(recommendation=rec, language=language, defaults={"text": text})
        changed = True
    return changed


def _update_tags(ctx: Context, rec: Recommendation, terms: list[Term]) -> bool:
    """Add the source's tags; drop imported tags the source no longer gives, unless a
    person confirmed them. Manual and automatic tags are never touched by an import."""
    wanted = {t.pk: t for t in terms}
    existing = {tag.term_id: tag for tag in rec.tags.all()}
    added = [TagAssignment(recommendation=rec, term=t, origin=TagOrigin.IMPORTED, source=ctx.source[:200])
             for pk, t in wanted.items() if pk not in existing]
    stale = [tag.pk for pk, tag in existing.items()
             if pk not in wanted and tag.origin == TagOrigin.IMPORTED and not tag.confirmed]
    TagAssignment.objects.bulk_create(added)
    TagAssignment.objects.filter(pk__in=stale).delete()
    return bool(added or stale)
