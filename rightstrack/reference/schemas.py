"""The shapes of the reference data API; the endpoints return the rows and these
schemas read them."""

from __future__ import annotations

from ninja import Field, Schema


class TaxonomyOut(Schema):
    slug: str
    name: str
    description: str
    source: str
    builtin: bool
    open: bool
    multiple: bool


class TermOut(Schema):
    code: str
    label: str
    description: str
    parent: str | None = Field(description="the code of the broader term")
    aliases: list[str]
    position: int

    @staticmethod
    def resolve_parent(term) -> str | None:
        return term.parent.code if term.parent_id else None


class StateOut(Schema):
    iso3: str
    name: str
    official_name: str
    regional_group: str
    status: str


class MechanismOut(Schema):
    code: str
    name: str
    kind: str
    established: int | None
