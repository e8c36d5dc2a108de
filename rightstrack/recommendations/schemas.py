"""The shapes of the recommendations API: what its endpoints take and answer (a response schema
reads the rows an endpoint returns, with ``resolve_*`` for the values it computes)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from rightstrack.api.paging import page_schema

SUGGESTIONS_NOTE = (
    "Only `suggestions` (for staff: a caller who is not staff gets a 403): each record then has a "
    "`suggestions` key with the classifiers' pending suggestions, which are never in the tags."
)


SUGGESTIONS_FIELD = Field(
    None,
    description="Only with `?include=suggestions` (staff): pending suggestions by tag "
    "key (themes, sdg_goals, ...), most confident first.",
)


class RecommendationRecord(Schema):
    """The export record without its translations; the first 18 keys are the export contract."""

    id: int
    text: str
    paragraph: str
    document_symbol: str | None
    country: str | None
    mechanism: str
    session: int | None
    cycle: int | None
    date: dt.date | None
    type: str
    position: str | None
    recommending_states: list[str]
    themes: list[str]
    affected_persons: list[str]
    sdg_goals: list[int]
    sdg_targets: list[str]
    upr_info_issues: list[str]
    action_category: int | None
    language: str
    subject: str
    position_source: str
    follow_up: bool
    uhri_id: str | None


class IncludeParams(Schema):
    include: str | None = Field(None, description=SUGGESTIONS_NOTE)


class SuggestionOut(Schema):
    """A classifier's tag nobody has confirmed yet: not data, a proposal to review."""

    code: str
    label: str
    confidence: float | None


class RecommendationOut(RecommendationRecord):
    """A recommendation of the list: its export record, and its suggestions if asked."""

    suggestions: dict[str, list[SuggestionOut]] | None = SUGGESTIONS_FIELD


class TagOut(Schema):
    taxonomy: str
    code: str
    label: str
    origin: str
    source: str
    confidence: float | None
    confirmed: bool

    @staticmethod
    def resolve_taxonomy(tag) -> str:
        return tag.term.taxonomy.slug

    @staticmethod
    def resolve_code(tag) -> str:
        return tag.term.code

    @staticmethod
    def resolve_label(tag) -> str:
        return tag.term.label


class RecommendationDetail(RecommendationOut):
    translations: dict[str, str]
    tags: list[TagOut] = Field(description="Imported, manual and confirmed tags: never a pending suggestion.")


class DocumentOut(Schema):
    id: int
    symbol: str
    title: str
    kind: str
    mechanism: str
    states: list[str]
    date: dt.date | None
    session: int | None
    cycle: int | None
    body_session: int | None
    language: str
    url: str

    @staticmethod
    def resolve_mechanism(document) -> str:
        return document.mechanism.code

    @staticmethod
    def resolve_states(document) -> list[str]:
        return sorted(s.iso3 for s in document.states.all())

    @staticmethod
    def resolve_session(document) -> int | None:
        return document.upr_session.number if document.upr_session_id else None


RecommendationPage = page_schema(RecommendationOut, "RecommendationPage")

DocumentPage = page_schema(DocumentOut, "DocumentPage")
