"""Request and response bodies of the planning REST API (``planning.api``).

Edits (``...Update``) send the ``version`` the caller read and only the fields to change:
a field left out keeps its value. A field typed without ``None`` but defaulting to it
may be left out, not sent as ``null``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from rightstrack.accounts.choices import EntityKind
from rightstrack.api.common import HistoryEntry
from rightstrack.api.paging import page_schema
from rightstrack.planning.choices import FundingSource, IndicatorKind, Status

MAX_IDS = 10_000
FundingName = Literal[("", *FundingSource.values)]
IndicatorKindName = Literal[tuple(IndicatorKind.values)]
EntityKindName = Literal[tuple(EntityKind.values)]
StatusName = Literal[tuple(Status.values)]
ArchiveKind = Literal["plan", "cluster", "action", "indicator", "entity"]


# --- Responses ----------------------------------------------------------------------


class EntityOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    parent_id: int | None = Field(description="the entity this one is part of (null: a top-level entity)")
    depth: int = Field(description="0 for a top-level entity, 1 for a part of one, ...")
    version: int = Field(description="send it back with an edit")


class EntityDetail(EntityOut):
    history: list[HistoryEntry] = Field(description="newest first")


class PlanOut(Schema):
    id: int
    title: str
    description: str
    start: dt.date | None
    end: dt.date | None
    is_published: bool
    version: int = Field(description="send it back with an edit")


class ClusterOut(Schema):
    id: int
    plan_id: int
    title: str
    description: str
    position: int
    version: int


class PlanDetail(PlanOut):
    clusters: list[ClusterOut]
    history: list[HistoryEntry] = Field(description="newest first; empty for anonymous callers")


class ClusterDetail(ClusterOut):
    recommendations: list[int] = Field(description="ids of the cluster's recommendations the caller may see")


class IndicatorOut(Schema):
    id: int
    kind: str
    name: str
    baseline: str
    target: str
    unit: str
    data_source: str
    sdg_indicator: str | None = Field(description="code of the SDG indicator it matches")
    version: int

    @staticmethod
    def resolve_sdg_indicator(indicator) -> str | None:
        return indicator.sdg_indicator.code if indicator.sdg_indicator_id else None


class ActionOut(Schema):
    id: int
    plan_id: int
    cluster_id: int | None
    recommendation_id: int | None = Field(description="null also when the caller may not see the recommendation")
    title: str
    description: str
    entity_id: int
    entity: str = Field(description="the responsible entity's (short) name")
    start: dt.date | None
    due: dt.date | None
    budget: Decimal | None = Field(description='a decimal as a string: "1500000.00"')
    currency: str
    funding_source: str
    technical_assistance: str
    affected_groups: list[str] = Field(description="codes of the affected-persons taxonomy")
    gender_note: str
    status: str
    version: int = Field(description="send it back with an edit")

    @staticmethod
    def resolve_entity(action) -> str:
        return str(action.entity)

    @staticmethod
    def resolve_affected_groups(action) -> list[str]:
        return [term.code for term in action.affected_groups.all()]


class ActionDetail(ActionOut):
    indicators: list[IndicatorOut]
    history: list[HistoryEntry] = Field(description="newest first; empty for anonymous callers")


ActionPage = page_schema(ActionOut, "ActionPage")
PlanPage = page_schema(PlanOut, "PlanPage")


class AddedOut(Schema):
    added: int = Field(description="how many of the recommendations were not in the cluster before")


class ChangedOut(Schema):
    changed: int = Field(description="how many recommendations' responsible entities changed")


class ArchivedOut(Schema):
    kind: ArchiveKind
    id: int
    archived: bool
    version: int = Field(description="send it back to restore (or archive) it again")


# --- Requests -----------------------------------------------------------------------


class EntityIn(Schema):
    name: str = Field(min_length=1, max_length=300)
    short_name: str = Field("", max_length=50)
    kind: EntityKindName = EntityKind.MINISTRY.value
    parent: int | None = Field(None, description="id of the entity this one is part of")


class EntityUpdate(Schema):
    version: int = Field(description="the version the caller read")
    name: str = Field(None, min_length=1, max_length=300)
    short_name: str = Field(None, max_length=50)
    kind: EntityKindName = Field(None)
    parent: int | None = Field(None, description="null: a top-level entity; not one of its own parts")


class PlanIn(Schema):
    title: str
    description: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    is_published: bool = Field(False, description="published plans and their actions are public")


class PlanUpdate(Schema):
    version: int = Field(description="the version the caller read")
    title: str = Field(None, min_length=1, max_length=300)
    description: str = Field(None)
    start: dt.date | None = None
    end: dt.date | None = None
    is_published: bool = Field(None, description="published plans and their actions are public")


class ClusterIn(Schema):
    title: str
    description: str = ""
    position: int = Field(0, ge=0, description="order of the clusters in the plan")


class ClusterUpdate(Schema):
    version: int = Field(description="the version the caller read")
    title: str = Field(None, min_length=1, max_length=300)
    description: str = Field(None)
    position: int = Field(None, ge=0, description="order of the clusters in the plan")


class RecommendationIdsIn(Schema):
    ids: list[int] = Field(max_length=MAX_IDS, description="recommendation ids; unknown ids are ignored")


class AssignIn(RecommendationIdsIn):
    entity: int = Field(description="id of the responsible entity")
    lead: bool = Field(False, description="the lead entity (replacing the previous lead, which stays in support)")


class ActionFields(Schema):
    """The fields of an action an edit may change (only those sent are changed)."""

    title: str = Field(None, max_length=500)
    description: str = Field(None)
    cluster: int | None = Field(None, description="a cluster of the action's plan")
    entity: int = Field(None, description="id of the responsible entity")
    start: dt.date | None = None
    due: dt.date | None = None
    budget: Decimal | None = Field(None, max_digits=16, decimal_places=2, description="at most 2 decimals")
    currency: str = Field(None, max_length=3, description="ISO 4217 code")
    funding_source: FundingName = Field(None)
    technical_assistance: str = Field(None)
    affected_groups: list[str] = Field(None, description="codes of the affected-persons taxonomy")
    gender_note: str = Field(None)
    status: StatusName = Field(None)


class ActionUpdate(ActionFields):
    """An edit: the version the caller read, and the fields to change."""

    version: int = Field(description="the version the caller read")


class ActionIn(Schema):
    plan: int
    cluster: int | None = Field(None, description="a cluster of the plan; give a cluster or a recommendation")
    recommendation: int | None = None
    title: str = Field(max_length=500)
    description: str = ""
    entity: int = Field(description="id of the responsible entity")
    start: dt.date | None = None
    due: dt.date | None = None
    budget: Decimal | None = Field(None, max_digits=16, decimal_places=2, description="at most 2 decimals")
    currency: str = Field("", max_length=3, description="ISO 4217 code")
    funding_source: FundingName = ""
    technical_assistance: str = ""
    affected_groups: list[str] = Field([], description="codes of the affected-persons taxonomy")
    gender_note: str = ""
    status: StatusName = Status.NOT_STARTED.value


class IndicatorIn(Schema):
    name: str = Field(max_length=500)
    kind: IndicatorKindName = IndicatorKind.PROCESS.value
    baseline: str = Field("", max_length=100)
    target: str = Field("", max_length=100)
    unit: str = Field("", max_length=50)
    data_source: str = Field("", max_length=300)
    sdg_indicator: str | None = Field(None, description="code of an SDG indicator (taxonomy sdg-indicators)")


class IndicatorUpdate(Schema):
    version: int = Field(description="the version the caller read")
    name: str = Field(None, min_length=1, max_length=500)
    kind: IndicatorKindName = Field(None)
    baseline: str = Field(None, max_length=100)
    target: str = Field(None, max_length=100)
    unit: str = Field(None, max_length=50)
    data_source: str = Field(None, max_length=300)
    sdg_indicator: str | None = Field(None, description="code of an SDG indicator; null: none")


class ArchiveIn(Schema):
    kind: ArchiveKind
    id: int
    version: int = Field(description="the version the caller read")
    restore: bool = Field(False, description="true: bring an archived item back")
