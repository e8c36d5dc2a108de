"""The shapes of the search API: what its endpoints take and answer (a response schema
reads the rows an endpoint returns, with ``resolve_*`` for the values it computes)."""

from __future__ import annotations

from ninja import Field, Schema

from rightstrack.recommendations.schemas import RecommendationRecord
from rightstrack.search.choices import SearchMode


class ScoredRecommendation(RecommendationRecord):
    score: float
    highlighted: str


class SearchOptions(Schema):
    mode: SearchMode = Field(SearchMode.KEYWORD, description="keyword, semantic (meaning) or hybrid")
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10_000)


class FacetValueOut(Schema):
    value: str
    label: str
    count: int


class SearchOut(Schema):
    total: int
    mode: str
    results: list[ScoredRecommendation]
    facets: dict[str, list[FacetValueOut]]


class SimilarOptions(Schema):
    same_state: bool = Field(True, description="only recommendations to the same State")
    limit: int = Field(10, ge=1, le=50)
