"""The shapes of the tagging API: what its endpoints take and answer (a response schema
reads the rows an endpoint returns, with ``resolve_*`` for the values it computes)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import StringConstraints

from rightstrack.core.limits import MAX_TEXT_CHARS
from rightstrack.tagging.choices import TAXONOMIES

TaxonomyName = Literal[tuple(TAXONOMIES)]


MAX_IDS = 10_000
MAX_TEXTS = 256  # texts per classify call: about a second of the sentence encoder


# A text as long as a recommendation may be (core.limits): a 600 KB text once took the
# server to 2 GB (the classifier's word features grow with the text).
ClassifyText = Annotated[str, StringConstraints(max_length=MAX_TEXT_CHARS)]


class SuggestionOut(Schema):
    id: int = Field(description="the suggestion's id, for accept and reject")
    taxonomy: str
    code: str
    label: str
    confidence: float | None = Field(description="the classifier's confidence, 0-1")

    @staticmethod
    def resolve_taxonomy(tag) -> str:
        return tag.term.taxonomy.slug

    @staticmethod
    def resolve_code(tag) -> str:
        return tag.term.code

    @staticmethod
    def resolve_label(tag) -> str:
        return tag.term.label


class IdsIn(Schema):
    ids: list[int] = Field(max_length=MAX_IDS, description="suggestion ids; ids of other tags are ignored")


class DecisionOut(Schema):
    done: int = Field(description="how many of the ids were pending suggestions and are now decided")


class ClassifyIn(Schema):
    taxonomy: TaxonomyName
    texts: list[ClassifyText] = Field(
        min_length=1,
        max_length=MAX_TEXTS,
        description=(
            f"at most {MAX_TEXTS} texts of at most {MAX_TEXT_CHARS:,} characters each (a recommendation's limit)"
        ),
    )


class LabelScore(Schema):
    label: str = Field(description="the term's code (the type's value for taxonomy \"type\")")
    score: float


class Classified(Schema):
    text: str
    labels: list[LabelScore]


class LabelFigures(Schema):
    precision: float
    recall: float
    f1: float
    support: int


class ClassifierOut(Schema):
    taxonomy: str
    origin: str = Field(description="trained (on this database) or reference (shipped texts)")
    trained_at: dt.datetime
    n_train: int = Field(description="training examples")
    labels: list[str]
    n: int | None = Field(description="held-out examples the figures were measured on (null: none set aside)")
    accuracy: float | None
    micro_f1: float | None
    macro_f1: float | None
    samples_f1: float | None
    quadratic_kappa: float | None = Field(description="ordinal taxonomies, when measured")
    per_label: dict[str, LabelFigures]
