"""The chunked writer behind ``ingest.services.import_records``.

Records are resolved (names → rows) one by one, then written a chunk at a time: a few
queries find the existing recommendations of a whole chunk, new ones are inserted with
``executemany`` (ids reserved up front) together with their States, tags and
translations, and only existing ones that really changed are updated. That keeps a 250,000-record UHRI export to a few
thousand queries instead of millions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from rightstrack.core.errors import InvalidValueError
from rightstrack.core.limits import (
    FIELD_CHARS,
    MAX_COMMENTS_CHARS,
    MAX_NAME_CHARS,
    MAX_TEXT_CHARS,
    check_field,
    check_text,
    kind_of,
    shown,
)
from rightstrack.ingest import merge
from rightstrack.ingest.records import ParsedDocument, ParsedRecommendation
from rightstrack.recommendations.choices import DocumentKind, Position, RecommendationType, TagOrigin
from rightstrack.recommendations.models import (
    Document,
    Recommendation,
    TagAssignment,
    Translation,
    derived_fields,
    text_fingerprint,
)
from rightstrack.reference.models import Mechanism, State, Taxonomy, Term, UPRSession
from rightstrack.reference.selectors import StateResolver, TermIndex, is_placeholder_state, resolve_mechanism

RecommendingStates = Recommendation.recommending_states.through


class Context:
    """Look-ups shared by all records of one import, each built once."""

    def __init__(self, source: str, publish: bool, kind: str = "table"):
        self.source = source
        self.kind = kind  # the kind of source (ingest.precedence.SOURCES) behind every value
        self.publish = publish
        self.states = StateResolver()
        self.mechanisms: dict[str, Mechanism] = {}
        self.sessions = {s.number: s for s in UPRSession.objects.all()}
        self.terms: dict[str, TermIndex] = {}
        self.documents: dict[str, Document] = {}
        # Sources repeat the same few hundred names thousands of times: resolve each once.
        self.state_cache: dict[str, State | None] = {}
        self.term_cache: dict[tuple[str, str], Term] = {}

    def mechanism(self, code: str) -> Mechanism:
        key = (code or "").upper()
        if key not in self.mechanisms:
            self.mechanisms[key] = resolve_mechanism(code)
        return self.mechanisms[key]

    def session(self, number: int | None) -> UPRSession | None:
        if number is None:
            return None
        if number not in self.sessions:
            raise InvalidValueError(
                f"field 'session': unknown UPR session {number} (sessions run from 1 to {max(self.sessions)})"
            )
        return self.sessions[number]

    def term(self, slug: str, value: str) -> Term:
        key = (slug, value)
        if key not in self.term_cache:
            self.term_cache[key] = self._term(slug, value)
        return self.term_cache[key]

    def taxonomy_id(self, slug: str) -> int:
        return self._index(slug).taxonomy.pk

    def _index(self, slug: str) -> TermIndex:
        if slug not in self.terms:
            taxonomy = Taxonomy.objects.filter(slug=slug).first()
            if taxonomy is None:
                raise InvalidValueError(f"unknown taxonomy: {slug!r}")
            self.terms[slug] = TermIndex(taxonomy)
        return self.terms[slug]

    def _term(self, slug: str, value: str) -> Term:
        index = self._index(slug)
        found = index.get(value)
        if found is None and index.taxonomy.open and value.strip():
            # Open taxonomies (UHRI themes, UPR Info issues) grow with their sources.
            label = value.strip()
            found = Term.objects.create(
                taxonomy=index.taxonomy, code=label[:200], label=label[:500], position=len(index.by_code)
            )
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
                    symbol=symbol,
                    mechanism=mechanism,
                    kind=_document_kind(symbol, mechanism),
                    date=record.date,
                    upr_session=self.session(record.session),
                    language=record.language,
                )
                if state:
                    document.states.add(state)
            self.documents[symbol] = document
        return self.documents[symbol]

    def save_document(self, parsed: ParsedDocument) -> None:
        """Create or update a document a parser described (title, date, States…)."""
        check_field(parsed.symbol, "document_symbol")
        check_field(parsed.title, "title")
        check_field(parsed.url, "url")
        mechanism = self.mechanism(parsed.mechanism)
        given = {
            "title": parsed.title,
            "date": parsed.date,
            "language": parsed.language,
            "upr_session": self.session(parsed.session),
            "url": parsed.url,
        }
        # A source that does not know a document's title or date leaves what another gave.
        document, _ = Document.objects.update_or_create(
            symbol=parsed.symbol,
            defaults={
                "mechanism": mechanism,
                "kind": _document_kind(parsed.symbol, mechanism),
                **{k: v for k, v in given.items() if v not in (None, "")},
            },
        )
        states = [self.states.get(name) for name in parsed.countries]
        if None in states:
            unknown = [n for n, s in zip(parsed.countries, states, strict=False) if s is None]
            raise InvalidValueError(f"field 'countries': unknown State: {unknown[0]!r}")
        document.states.add(*states)
        self.documents[parsed.symbol] = document


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
    # taxonomy id -> (slug, terms) for each taxonomy the source gives, even with no term
    given_tags: dict[int, tuple[str, list[Term]]] = field(default_factory=dict)
    existing: Recommendation | None = None
    keys: list[tuple] = field(default_factory=list)
    text_key: str = ""

    @property
    def terms(self) -> list[Term]:
        """Every term the record gives, whatever its taxonomy."""
        return [term for _slug, found in self.given_tags.values() for term in found]


POSITIONS = frozenset(Position.values)  # Choices.values builds a new list on every call
TYPES = frozenset(RecommendationType.values)


def check_limits(record: ParsedRecommendation) -> None:
    """Refuse a value of the wrong type, holding a NUL byte or longer than can be stored
    (``core.limits``), naming the field: whatever the reader, nothing is cut or garbled."""
    check_text(record.text, "text", MAX_TEXT_CHARS)
    check_text(record.mechanism, "mechanism", MAX_NAME_CHARS)
    if record.country is not None:
        check_text(record.country, "country", MAX_NAME_CHARS)
    for name in ("paragraph", "document_symbol", "subject", "position_source"):
        check_field(getattr(record, name), name)
    check_text(record.comments, "comments", MAX_COMMENTS_CHARS)
    check_field(record.language, "language")
    check_text(record.type, "type", MAX_NAME_CHARS)
    if record.position is not None:
        check_text(record.position, "position", MAX_NAME_CHARS)
    for name in ("session", "cycle"):
        value = getattr(record, name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise InvalidValueError(f"field '{name}': expected a whole number, found {kind_of(value)} {shown(value)}")
    if record.date is not None and not isinstance(record.date, dt.date):
        raise InvalidValueError(f"field 'date': expected a date, found {kind_of(record.date)}")
    _check_list(record.recommending_states, "recommending_states", MAX_NAME_CHARS)
    if not isinstance(record.tags, dict):
        raise InvalidValueError(f"field 'tags': expected an object, found {kind_of(record.tags)}")
    for slug, labels in record.tags.items():
        _check_list(labels, slug, FIELD_CHARS["tag"])
    if not isinstance(record.translations, dict):
        raise InvalidValueError(f"field 'translations': expected an object, found {kind_of(record.translations)}")
    for language, text in record.translations.items():
        check_text(language, "translations", FIELD_CHARS["language"])
        check_text(text, f"translations.{language}", MAX_TEXT_CHARS)
    for key, value in record.external_ids.items():
        check_text(
            value,
            "uhri_id" if key == "uhri" else f"external_ids.{key}",
            FIELD_CHARS["uhri_id"] if key == "uhri" else MAX_TEXT_CHARS,
        )


def _check_list(values: object, field: str, limit: int) -> None:
    if not isinstance(values, (list, tuple)):
        raise InvalidValueError(f"field '{field}': expected a list, found {kind_of(values)}")
    for number, value in enumerate(values, start=1):
        try:
            check_text(value, field, limit)
        except InvalidValueError as exc:
            raise InvalidValueError(
                str(exc).replace(f"field '{field}':", f"field '{field}': item {number}:", 1)
            ) from None


def _check_choices(record: ParsedRecommendation) -> None:
    check_limits(record)
    if record.position is not None and record.position not in POSITIONS:
        raise InvalidValueError(f"field 'position': {record.position!r} is not one of {', '.join(Position.values)}")
    if record.type not in TYPES:
        raise InvalidValueError(f"field 'type': {record.type!r} is not one of {', '.join(RecommendationType.values)}")
    if not (record.text or "").strip():
        raise InvalidValueError("field 'text': empty")


def _state(ctx: Context, name: str | None, field_name: str) -> State | None:
    if not name:
        return None
    if name not in ctx.state_cache:
        ctx.state_cache[name] = ctx.states.get(name)
    state = ctx.state_cache[name]
    if state is None:
        raise InvalidValueError(f"field '{field_name}': unknown State: {name!r}")
    return state


def resolve(ctx: Context, record: ParsedRecommendation) -> Resolved:
    """Turn a record's names into rows; raise a RightstrackError naming the field."""
    _check_choices(record)
    mechanism = ctx.mechanism(record.mechanism)
    state = _state(ctx, record.country, "country")
    session = ctx.session(record.session)
    values = {
        "mechanism": mechanism,
        "state": state,
        "upr_session": session,
        "cycle": session.cycle if session else record.cycle,
        "text": record.text.strip(),
        "language": record.language,
        "type": record.type,
        "paragraph": record.paragraph,
        "subject": record.subject,
        "date": record.date,
        "position": record.position,
        "position_source": record.position_source,
        "follow_up": record.follow_up,
        "comments": record.comments,
        "uhri_id": record.external_ids.get("uhri") or None,
    }
    values["document"] = ctx.document(record, mechanism, state)
    recommending = [
        _state(ctx, n, "recommending_states") for n in record.recommending_states if n and not is_placeholder_state(n)
    ]
    given_tags: dict[int, tuple[str, list[Term]]] = {}
    for slug, labels in record.tags.items():
        found = list({t.pk: t for t in (ctx.term(slug, v) for v in labels)}.values())
        given_tags[ctx.taxonomy_id(slug)] = (slug, found)
    text_key = record.fingerprint or text_fingerprint(values["text"])
    item = Resolved(record, values, list(dict.fromkeys(recommending)), given_tags, text_key=text_key)
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
        keys.append(
            (
                "text",
                v["document"] and v["document"].pk,
                v["state"] and v["state"].pk,
                v["upr_session"] and v["upr_session"].pk,
                v["mechanism"].pk,
                item.text_key,
            )
        )
    return keys


def find_existing(items: list[Resolved]) -> None:
    """Set ``existing`` (and its States, tags, translations) on every item that matches
    a stored recommendation: a handful of queries per chunk, whatever its size. Each kind
    of key is only looked up for the items the stronger keys did not match."""
    by_pk: dict[int, Recommendation] = {}
    pending = list(items)
    for kind, lookup in (("uhri", _by_uhri), ("para", _by_paragraph), ("text", _by_text)):
        keys = [k for item in pending for k in item.keys if k[0] == kind]
        if not keys:
            continue
        found = lookup(keys)
        still = []
        for item in pending:
            rec = next((found[k] for k in item.keys if k[0] == kind and k in found), None)
            if rec is None:
                still.append(item)
            else:
                item.existing = by_pk.setdefault(rec.pk, rec)
        pending = still
    if by_pk:
        _load_related(list(by_pk.values()))


def _by_uhri(keys: list[tuple]) -> dict[tuple, Recommendation]:
    return {("uhri", rec.uhri_id): rec for rec in Recommendation.objects.filter(uhri_id__in=[k[1] for k in keys])}


def _by_paragraph(keys: list[tuple]) -> dict[tuple, Recommendation]:
    query = Recommendation.objects.filter(document_id__in={k[1] for k in keys}, paragraph__in={k[2] for k in keys})
    return {("para", rec.document_id, rec.paragraph): rec for rec in query}


def _by_text(keys: list[tuple]) -> dict[tuple, Recommendation]:
    # Narrow by State and mechanism too: one text may stand in thousands of records
    # (the same recommendation to many States), and only one of them is this one.
    query = Recommendation.objects.filter(text_key__in={k[5] for k in keys}, mechanism_id__in={k[4] for k in keys})
    states = {k[2] for k in keys}
    state_filter = Q(state_id__in=states - {None})
    if None in states:
        state_filter |= Q(state__isnull=True)
    return {
        ("text", rec.document_id, rec.state_id, rec.upr_session_id, rec.mechanism_id, rec.text_key): rec
        for rec in query.filter(state_filter)
    }


def _load_related(recs: list[Recommendation]) -> None:
    """Attach plain sets and dicts of the related rows (cheaper than model prefetching)."""
    pks = [rec.pk for rec in recs]
    states: dict[int, set[int]] = {pk: set() for pk in pks}
    for rec_id, state_id in RecommendingStates.objects.filter(recommendation_id__in=pks).values_list(
        "recommendation_id", "state_id"
    ):
        states[rec_id].add(state_id)
    tags: dict[int, dict[int, list]] = {pk: {} for pk in pks}
    rows = TagAssignment.objects.filter(recommendation_id__in=pks).values_list(
        "recommendation_id", "term_id", "id", "origin", "confirmed", "sources", "term__taxonomy_id", "term__label"
    )
    for rec_id, term_id, tag_id, origin, confirmed, sources, taxonomy_id, label in rows:
        tags[rec_id][term_id] = [tag_id, origin, confirmed, list(sources or []), taxonomy_id, label]
    texts: dict[int, dict[str, str]] = {pk: {} for pk in pks}
    for rec_id, language, text in Translation.objects.filter(recommendation_id__in=pks).values_list(
        "recommendation_id", "language", "text"
    ):
        texts[rec_id][language] = text
    for rec in recs:
        rec.import_state = {"states": states[rec.pk], "tags": tags[rec.pk], "translations": texts[rec.pk]}


def insert_new(ctx: Context, items: list[Resolved]) -> list[int]:
    """Insert new recommendations with their States, tags and translations in bulk;
    returns their ids.

    Rows go in with plain ``executemany`` and ids reserved up front: building a Django
    model instance per row costs more than the insert itself at 250,000 records.
    """
    if not items:
        return []
    ids = _reserve_ids(Recommendation, len(items))
    now = timezone.now()
    prep = _Preparer(now)
    rows, links, tags, translations = [], [], [], []
    for pk, item in zip(ids, items, strict=False):
        rows.append(
            prep.recommendation(pk, item, ctx.publish, merge.sources_of(item.values, item.recommending, ctx.kind))
        )
        links += [(pk, s.pk) for s in item.recommending]
        tags += [
            (pk, t.pk, TagOrigin.IMPORTED, ctx.source[:200], prep.sources(ctx.kind), False, prep.now)
            for t in item.terms
        ]
        translations += [
            (pk, lang, text.strip())
            for lang, text in item.record.translations.items()
            if lang != item.values["language"] and text.strip()
        ]
    _insert_rows(Recommendation, ["id", *RECOMMENDATION_COLUMNS], rows)
    _insert_rows(RecommendingStates, ["recommendation_id", "state_id"], links)
    _insert_rows(
        TagAssignment, ["recommendation_id", "term_id", "origin", "source", "sources", "confirmed", "created_at"], tags
    )
    _insert_rows(Translation, ["recommendation_id", "language", "text"], translations)
    return ids


RECOMMENDATION_COLUMNS = [
    "document_id",
    "mechanism_id",
    "state_id",
    "upr_session_id",
    "cycle",
    "paragraph",
    "paragraph_key",
    "text",
    "language",
    "text_key",
    "type",
    "subject",
    "date",
    "position",
    "position_source",
    "follow_up",
    "uhri_id",
    "external_ids",
    "comments",
    "edited_fields",
    "field_sources",
    "is_published",
    "created_at",
    "updated_at",
]


class _Preparer:
    """Turns a resolved record into the database values of its row (what the ORM's
    get_db_prep_save would give, computed once per kind of value)."""

    def __init__(self, now):
        self.now = connection.ops.adapt_datetimefield_value(now)
        self.json = Recommendation._meta.get_field("external_ids")
        self.empty_json = self.json.get_db_prep_save({}, connection)
        self.empty_list = self.json.get_db_prep_save([], connection)
        self._sources: dict = {}

    def sources(self, kind: str):
        """The stored JSON list naming one kind of source (the same for every tag)."""
        if kind not in self._sources:
            self._sources[kind] = self.json.get_db_prep_save([kind], connection)
        return self._sources[kind]

    def recommendation(self, pk: int, item: Resolved, publish: bool, sources: dict) -> tuple:
        v = item.values
        derived = derived_fields(v["upr_session"], v["paragraph"], v["text"], item.text_key, v["cycle"])
        extra = item.record.external_ids
        return (
            pk,
            v["document"] and v["document"].pk,
            v["mechanism"].pk,
            v["state"] and v["state"].pk,
            v["upr_session"] and v["upr_session"].pk,
            derived["cycle"],
            v["paragraph"],
            derived["paragraph_key"],
            v["text"],
            v["language"],
            item.text_key,
            v["type"],
            v["subject"],
            connection.ops.adapt_datefield_value(v["date"]),
            v["position"],
            v["position_source"],
            v["follow_up"],
            v["uhri_id"],
            self.json.get_db_prep_save(dict(extra), connection) if extra else self.empty_json,
            v["comments"],
            self.empty_list,
            self.json.get_db_prep_save(sources, connection),
            publish,
            self.now,
            self.now,
        )


def _insert_rows(model, fields: list[str], rows: list[tuple]) -> None:
    """INSERT prepared rows in one executemany; callers pass database-ready values."""
    if not rows:
        return
    meta = model._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _reserve_ids(model, count: int) -> list[int]:
    """Reserve ``count`` primary keys for rows inserted with explicit ids."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the import holds the write lock (BEGIN IMMEDIATE), so nobody else inserts
        # meanwhile; sqlite_sequence remembers ids of deleted rows, which are never reused.
        cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(table)}")
        highest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        start = max(highest, row[0] if row else 0) + 1
    return list(range(start, start + count))


def update_existing(ctx: Context, item: Resolved) -> merge.RecordChanges | None:
    """Bring an existing recommendation in line with the record by precedence (see
    ``ingest.precedence``); returns what changed or was disputed, None if nothing was.

    A value the source does not give is never erased; a person's edit is never replaced;
    a source takes back only the tags it gave.
    """
    rec = item.existing
    sources_before = dict(rec.field_sources or {})
    to_save, changes = merge.merge_fields(rec, merge.offered(item.values), ctx.kind)
    extra = {**rec.external_ids, **item.record.external_ids}
    if extra != rec.external_ids:
        rec.external_ids = extra
        to_save.append("external_ids")
    states = merge.merge_states(rec, item.recommending, ctx.kind)
    changes += [states] if states else []
    changes += merge.merge_translations(rec, item.record.translations, ctx.kind)
    changes += merge.merge_tags(rec, item.given_tags, ctx.kind, ctx.source)
    # Save the record of sources even when no value changed: a stronger source vouching
    # for the same value must outrank a weaker one that comes later.
    if to_save or rec.field_sources != sources_before or any(c.applied for c in changes):
        rec.save(update_fields=[*to_save, "field_sources"])
    if not changes and "external_ids" not in to_save:
        return None
    where = f"{rec.document.symbol} {rec.paragraph}" if rec.document_id and rec.paragraph else f"#{rec.pk}"
    return merge.RecordChanges(rec.pk, where, item.record.location, changes)
