"""REST API of implementation planning: responsible entities, plans, clusters, actions
and their indicators, and who is responsible for which recommendation.

Reads answer anyone; what they show is the selectors' rule (published plans and what
belongs to them for anonymous callers, everything not archived for a signed-in one). An
item the caller may not see is a 404, never a 403, so nobody can probe for unpublished
ones. Detail responses carry the item's history (who changed what, when) for signed-in
callers only.

Writes are POSTs with a token or a session; the services decide who may do what (a 403
names what was refused). An edit sends the ``version`` the caller read: if someone saved
the item since, nothing changes and the answer is a 409.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from rightstrack.api.auth import SIGNED_IN, api_user
from rightstrack.api.errors import BadParameter, BadRequest, Conflict, NotFound, Refused, reject_unknown
from rightstrack.api.filters import filter_query_schema
from rightstrack.api.paging import PARAMETERS as PAGE_PARAMETERS, PageParams, page_schema, paginate
from rightstrack.core.audit import history
from rightstrack.core.errors import InvalidFilterError
from rightstrack.core.models import AuditAction
from rightstrack.planning import selectors, services
from rightstrack.planning.choices import FundingSource, IndicatorKind, Status
from rightstrack.planning.filtersets import ActionFilterSet
from rightstrack.planning.models import Action, Cluster, Entity, Indicator, Plan
from rightstrack.recommendations.selectors import visible_recommendations
from rightstrack.reference import choices as ref
from rightstrack.reference.models import Term

try:  # django-ninja 1.5+ deprecates returning a (status, body) tuple
    from ninja import Status as _Status
except ImportError:  # pragma: no cover - older django-ninja, which pyproject still allows
    _Status = None

router = Router(tags=["planning"])
MAX_IDS = 10_000
StatusName = Literal[tuple(Status.values)]
FundingName = Literal[("", *FundingSource.values)]
IndicatorKindName = Literal[tuple(IndicatorKind.values)]

ActionQuery = filter_query_schema(ActionFilterSet, "ActionQuery")
ACTION_FILTERS = frozenset(ActionFilterSet.base_filters)

WRITE_ERRORS = {400: BadRequest, 401: Refused, 403: Refused, 404: NotFound}
EDIT_ERRORS = {**WRITE_ERRORS, 409: Conflict}


# --- Helpers the progress and consultation APIs share -------------------------------

class HistoryEntry(Schema):
    who: str | None = Field(description="username of the person who made the change (null: the system)")
    when: dt.datetime
    action: str = Field(description="what happened: " + ", ".join(AuditAction.values))
    changes: dict[str, Any] = Field(description="field -> [value before, value after]")
    note: str


def history_of(request, obj) -> list[dict]:
    """The item's changes, newest first, for a signed-in caller; nothing for anonymous
    ones (the history names the people who work on the plan)."""
    if not api_user(request).is_authenticated:
        return []
    return [{"who": event.user.get_username() if event.user else None, "when": event.at, "action": event.action,
             "changes": event.changes, "note": event.note} for event in history(obj)]


def found(queryset: QuerySet, pk: int, message: str):
    """The row ``pk`` of ``queryset`` (what the caller may see); 404 otherwise."""
    row = queryset.filter(pk=pk).first()
    if row is None:
        raise HttpError(404, message)
    return row


def referenced(queryset: QuerySet, pk: int | None, parameter: str):
    """The row a request body names by id (None for None); 400 naming the parameter
    when the caller may not see such a row."""
    if pk is None:
        return None
    row = queryset.filter(pk=pk).first()
    if row is None:
        raise BadParameter(parameter, _("no such item: %(id)s") % {"id": pk})
    return row


def filtered(filterset_class, params: dict, queryset: QuerySet, **choices: QuerySet) -> QuerySet:
    """``queryset`` filtered by the FilterSet; 400 naming each bad parameter. ``choices``
    sets a choice filter's rows to what the caller may see: the FilterSet would ask a
    request's session user, who is anonymous for a caller with a token. An id the caller
    may not see is then refused like a missing one."""
    filterset = filterset_class(params, queryset=queryset)
    for name, allowed in choices.items():
        filterset.filters[name].queryset = allowed
    if not filterset.is_valid():
        raise InvalidFilterError({field: list(errors) for field, errors in filterset.errors.items()})
    return filterset.qs


def created(body):
    """A 201 response with ``body``, in the form the installed django-ninja expects."""
    return _Status(201, body) if _Status is not None else (201, body)


def terms(taxonomy: str, codes: list[str], parameter: str) -> list[Term]:
    """The terms of ``taxonomy`` with these codes; 400 naming the first unknown code."""
    rows = {term.code: term for term in Term.objects.filter(taxonomy__slug=taxonomy, code__in=codes)}
    unknown = [code for code in codes if code not in rows]
    if unknown:
        raise BadParameter(parameter, _("unknown code in %(taxonomy)s: %(code)s")
                           % {"taxonomy": taxonomy, "code": unknown[0]})
    return [rows[code] for code in dict.fromkeys(codes)]


# --- Schemas ------------------------------------------------------------------------

class EntityOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    parent_id: int | None = Field(description="the entity this one is part of (null: a top-level entity)")
    depth: int = Field(description="0 for a top-level entity, 1 for a part of one, ...")


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


class ActionDetail(ActionOut):
    indicators: list[IndicatorOut]
    history: list[HistoryEntry] = Field(description="newest first; empty for anonymous callers")


ActionPage = page_schema(ActionOut, "ActionPage")
PlanPage = page_schema(PlanOut, "PlanPage")


class PlanIn(Schema):
    title: str
    description: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    is_published: bool = Field(False, description="published plans and their actions are public")


class ClusterIn(Schema):
    title: str
    description: str = ""
    position: int = Field(0, ge=0, description="order of the clusters in the plan")


class RecommendationIdsIn(Schema):
    ids: list[int] = Field(max_length=MAX_IDS, description="recommendation ids; unknown ids are ignored")


class AssignIn(RecommendationIdsIn):
    entity: int = Field(description="id of the responsible entity")
    lead: bool = Field(False, description="the lead entity (replacing the previous lead, which stays in support)")


class AddedOut(Schema):
    added: int = Field(description="how many of the recommendations were not in the cluster before")


class ChangedOut(Schema):
    changed: int = Field(description="how many recommendations' responsible entities changed")


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


# --- Records ------------------------------------------------------------------------

def entity_record(depth: int, entity: Entity) -> dict:
    return {"id": entity.pk, "name": entity.name, "short_name": entity.short_name, "kind": entity.kind,
            "parent_id": entity.parent_id, "depth": depth}


def plan_record(plan: Plan) -> dict:
    return {"id": plan.pk, "title": plan.title, "description": plan.description, "start": plan.start,
            "end": plan.end, "is_published": plan.is_published, "version": plan.version}


def cluster_record(cluster: Cluster) -> dict:
    return {"id": cluster.pk, "plan_id": cluster.plan_id, "title": cluster.title, "description": cluster.description,
            "position": cluster.position, "version": cluster.version}


def indicator_record(indicator: Indicator) -> dict:
    return {"id": indicator.pk, "kind": indicator.kind, "name": indicator.name, "baseline": indicator.baseline,
            "target": indicator.target, "unit": indicator.unit, "data_source": indicator.data_source,
            "sdg_indicator": indicator.sdg_indicator.code if indicator.sdg_indicator_id else None,
            "version": indicator.version}


def action_record(action: Action, visible: set[int] | None = None) -> dict:
    """An action; ``visible``: the recommendation ids the caller may see (None: all)."""
    recommendation = action.recommendation_id
    if visible is not None and recommendation not in visible:
        recommendation = None
    return {
        "id": action.pk, "plan_id": action.plan_id, "cluster_id": action.cluster_id,
        "recommendation_id": recommendation, "title": action.title, "description": action.description,
        "entity_id": action.entity_id, "entity": str(action.entity), "start": action.start, "due": action.due,
        "budget": action.budget, "currency": action.currency, "funding_source": action.funding_source,
        "technical_assistance": action.technical_assistance,
        "affected_groups": [term.code for term in action.affected_groups.all()], "gender_note": action.gender_note,
        "status": action.status, "version": action.version,
    }


def _visible_ids(request, ids) -> set[int]:
    """Which of these recommendation ids the caller may see (one query)."""
    wanted = {pk for pk in ids if pk is not None}
    if not wanted:
        return set()
    return set(visible_recommendations(api_user(request)).filter(pk__in=wanted).values_list("pk", flat=True))


def _actions(request) -> QuerySet[Action]:
    return selectors.actions(api_user(request)).prefetch_related("affected_groups")


def action_detail(request, action_id: int) -> dict:
    """The action with its indicators and history; 404 if the caller may not see it."""
    action = found(_actions(request), action_id, _("No such action."))
    indicators = action.indicators.filter(archived=False).select_related("sdg_indicator")
    return {**action_record(action, _visible_ids(request, [action.recommendation_id])),
            "indicators": [indicator_record(i) for i in indicators], "history": history_of(request, action)}


def plan_detail(request, plan: Plan) -> dict:
    clusters = selectors.clusters(api_user(request), plan)
    return {**plan_record(plan), "clusters": [cluster_record(c) for c in clusters],
            "history": history_of(request, plan)}


def cluster_detail(request, cluster: Cluster) -> dict:
    visible = visible_recommendations(api_user(request)).filter(clusters=cluster).order_by("pk")
    return {**cluster_record(cluster), "recommendations": list(visible.values_list("pk", flat=True))}


# --- Reads --------------------------------------------------------------------------

@router.get("/entities", response=list[EntityOut], summary="The responsible entities, as a tree")
def list_entities(request):
    """Every active entity in tree order (each followed by its parts), with its depth;
    the whole tree at once, not paged."""
    return [entity_record(depth, entity) for depth, entity in selectors.entity_tree()]


@router.get("/plans", response={200: PlanPage, 400: BadRequest}, summary="List implementation plans")
def list_plans(request, page: Query[PageParams]):
    """Plans in id order. Anonymous callers see published plans only."""
    reject_unknown(request, PAGE_PARAMETERS)
    return paginate(selectors.plans(api_user(request)), page, plan_record)


@router.get("/plans/{plan_id}", response={200: PlanDetail, 404: NotFound}, summary="One plan, with its clusters")
def get_plan(request, plan_id: int):
    return plan_detail(request, found(selectors.plans(api_user(request)), plan_id, _("No such plan.")))


@router.get("/clusters/{cluster_id}", response={200: ClusterDetail, 404: NotFound},
            summary="One cluster, with its recommendations")
def get_cluster(request, cluster_id: int):
    return cluster_detail(request, found(selectors.clusters(api_user(request)), cluster_id, _("No such cluster.")))


@router.get("/actions", response={200: ActionPage, 400: BadRequest}, summary="List actions, filtered like the web list")
def list_actions(request, filters: Query[ActionQuery], page: Query[PageParams]):
    """Actions in id order, one page at a time. ``overdue=true`` keeps those past their
    due date and not settled. Anonymous callers see the actions of published plans."""
    reject_unknown(request, ACTION_FILTERS | PAGE_PARAMETERS)
    user = api_user(request)
    actions = filtered(ActionFilterSet, filters.filterset_params(), _actions(request),
                       plan=selectors.plans(user), cluster=selectors.clusters(user))
    result = paginate(actions, page)
    visible = _visible_ids(request, [action.recommendation_id for action in result["results"]])
    return {**result, "results": [action_record(action, visible) for action in result["results"]]}


@router.get("/actions/{action_id}", response={200: ActionDetail, 404: NotFound},
            summary="One action, with its indicators")
def get_action(request, action_id: int):
    return action_detail(request, action_id)


# --- Writes -------------------------------------------------------------------------

@router.post("/plans", auth=SIGNED_IN, response={201: PlanDetail, **WRITE_ERRORS},
             summary="Draw up an implementation plan (NMRF staff)")
def create_plan(request, body: PlanIn):
    plan = services.create_plan(api_user(request), **body.model_dump())
    return created(plan_detail(request, plan))


@router.post("/plans/{plan_id}/clusters", auth=SIGNED_IN, response={201: ClusterDetail, **WRITE_ERRORS},
             summary="Add a cluster to a plan (NMRF staff)")
def create_cluster(request, plan_id: int, body: ClusterIn):
    user = api_user(request)
    plan = found(selectors.plans(user), plan_id, _("No such plan."))
    cluster = services.create_cluster(user, plan, **body.model_dump())
    return created(cluster_detail(request, cluster))


@router.post("/clusters/{cluster_id}/recommendations", auth=SIGNED_IN, response={200: AddedOut, **WRITE_ERRORS},
             summary="Put recommendations under a cluster (NMRF staff)")
def add_to_cluster(request, cluster_id: int, body: RecommendationIdsIn):
    """Recommendations of any mechanism and cycle; those already there stay."""
    user = api_user(request)
    cluster = found(selectors.clusters(user), cluster_id, _("No such cluster."))
    return {"added": services.add_to_cluster(user, cluster, body.ids)}


@router.post("/responsibilities", auth=SIGNED_IN, response={200: ChangedOut, **WRITE_ERRORS},
             summary="Make an entity responsible for recommendations (NMRF staff)")
def assign(request, body: AssignIn):
    """Adds responsibilities; none is removed. (Not ``/recommendations/assign``: the
    reads' ``/recommendations/{recommendation_id}`` would answer that path first.)"""
    entity = referenced(Entity.objects.filter(archived=False), body.entity, "entity")
    return {"changed": services.assign(api_user(request), body.ids, entity, lead=body.lead)}


@router.post("/actions", auth=SIGNED_IN, response={201: ActionDetail, **WRITE_ERRORS},
             summary="Plan an action (NMRF staff)")
def create_action(request, body: ActionIn):
    """An action for a cluster of the plan or for one recommendation (or both)."""
    user = api_user(request)
    fields = body.model_dump()
    plan = referenced(selectors.plans(user), fields.pop("plan"), "plan")
    fields.update(_references(request, fields, plan))
    action = services.create_action(user, plan=plan, **fields)
    return created(action_detail(request, action.pk))


@router.post("/actions/{action_id}", auth=SIGNED_IN, response={200: ActionDetail, **EDIT_ERRORS},
             summary="Edit an action (NMRF staff; its entity's focal point some fields)")
def update_action(request, action_id: int, body: ActionUpdate):
    """Send ``version`` and the fields to change. A focal point may change description,
    start, due, status, technical assistance and gender perspective of its entity's
    actions; NMRF staff any field. 409 (nothing changed) if the action was saved since
    ``version``."""
    action = found(_actions(request), action_id, _("No such action."))
    changes = body.model_dump(exclude_unset=True)
    version = changes.pop("version")
    changes.update(_references(request, changes, action.plan))
    action = services.update_action(api_user(request), action, version, **changes)
    return action_detail(request, action.pk)


def _references(request, fields: dict, plan: Plan) -> dict:
    """The objects an action's body names by id or code, for those it names."""
    user, out = api_user(request), {}
    if "cluster" in fields:
        out["cluster"] = referenced(selectors.clusters(user, plan), fields["cluster"], "cluster")
    if "recommendation" in fields:
        out["recommendation"] = referenced(visible_recommendations(user), fields["recommendation"], "recommendation")
    if "entity" in fields:
        out["entity"] = referenced(Entity.objects.filter(archived=False), fields["entity"], "entity")
    if "affected_groups" in fields:
        out["affected_groups"] = terms(ref.AFFECTED_PERSONS, fields["affected_groups"], "affected_groups")
    return out


@router.post("/actions/{action_id}/indicators", auth=SIGNED_IN, response={201: IndicatorOut, **WRITE_ERRORS},
             summary="Add an indicator to an action")
def create_indicator(request, action_id: int, body: IndicatorIn):
    """NMRF staff, or the focal point of the action's entity."""
    action = found(_actions(request), action_id, _("No such action."))
    fields = body.model_dump()
    code = fields.pop("sdg_indicator")
    if code:
        fields["sdg_indicator"] = terms(ref.SDG_INDICATORS, [code], "sdg_indicator")[0]
    indicator = services.create_indicator(api_user(request), action, **fields)
    return created(indicator_record(indicator))
