"""REST API of implementation planning: responsible entities, plans, clusters, actions
and their indicators, and who is responsible for which recommendation.

Reads answer anyone; what they show is the selectors' rule (published plans and what
belongs to them for anonymous callers, everything not archived for a signed-in one). An
item the caller may not see is a 404, never a 403, so nobody can probe for unpublished
ones. Detail responses carry the item's history (who changed what, when) for signed-in
callers only.

Writes are POSTs with a token or a session; the services decide who may do what (a 403
names what was refused). An edit sends the ``version`` the caller read: if someone saved
the item since, nothing changes and the answer is a 409. Nothing is deleted: ``/archive``
archives an item (and restores it). Schemas are in ``planning.schemas``, the helpers the
three follow-up APIs share in ``api.common``.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Query, Router

from rightstrack.accounts.models import Entity
from rightstrack.accounts.selectors import active_entities, entity_tree
from rightstrack.api.auth import SIGNED_IN, api_user
from rightstrack.api.common import (
    EDIT_ERRORS,
    WRITE_ERRORS,
    With,
    created,
    edit_of,
    filtered,
    found,
    history_of,
    referenced,
)
from rightstrack.api.errors import BadParameter, BadRequest, NotFound, reject_unknown
from rightstrack.api.filters import filter_query_schema
from rightstrack.api.paging import PARAMETERS as PAGE_PARAMETERS
from rightstrack.api.paging import PageParams, paginate
from rightstrack.planning import selectors, services
from rightstrack.planning.filtersets import ActionFilterSet
from rightstrack.planning.models import Action, Cluster, Indicator, Plan
from rightstrack.planning.schemas import (
    ActionDetail,
    ActionIn,
    ActionPage,
    ActionUpdate,
    AddedOut,
    ArchivedOut,
    ArchiveIn,
    AssignIn,
    ChangedOut,
    ClusterDetail,
    ClusterIn,
    ClusterUpdate,
    EntityDetail,
    EntityIn,
    EntityOut,
    EntityUpdate,
    IndicatorIn,
    IndicatorOut,
    IndicatorUpdate,
    PlanDetail,
    PlanIn,
    PlanPage,
    PlanUpdate,
    RecommendationIdsIn,
)
from rightstrack.recommendations.selectors import visible_recommendations
from rightstrack.reference import choices as ref
from rightstrack.reference.models import Term

router = Router(tags=["planning"])

ActionQuery = filter_query_schema(ActionFilterSet, "ActionQuery")
ACTION_FILTERS = frozenset(ActionFilterSet.base_filters)


# --- Records: the rows, read by the response schemas (planning.schemas) --------------


def entity_detail(request, entity: Entity) -> With:
    return With(entity, depth=len(_ancestors(entity)), history=history_of(request, entity))


def _ancestors(entity: Entity) -> list[int]:
    """Ids of the entities ``entity`` is part of, nearest first (its depth is their number)."""
    found_ids, parent = [], entity.parent_id
    while parent is not None and parent not in found_ids:  # a loop would otherwise never end
        found_ids.append(parent)
        parent = Entity.objects.filter(pk=parent).values_list("parent_id", flat=True).first()
    return found_ids


def _action(action: Action, visible: set[int]) -> With:
    """An action; its recommendation only if the caller may see it (``visible``)."""
    shown = action.recommendation_id if action.recommendation_id in visible else None
    return With(action, recommendation_id=shown)


def _visible_ids(request, ids) -> set[int]:
    """Which of these recommendation ids the caller may see (one query)."""
    wanted = {pk for pk in ids if pk is not None}
    if not wanted:
        return set()
    return set(visible_recommendations(api_user(request)).filter(pk__in=wanted).values_list("pk", flat=True))


def _actions(request) -> QuerySet[Action]:
    return selectors.actions(api_user(request)).prefetch_related("affected_groups")


def action_detail(request, action_id: int) -> With:
    """The action with its indicators and history; 404 if the caller may not see it."""
    action = found(_actions(request), action_id, _("No such action."))
    indicators = action.indicators.filter(archived=False).select_related("sdg_indicator")
    visible = _visible_ids(request, [action.recommendation_id])
    return With(_action(action, visible), indicators=list(indicators), history=history_of(request, action))


def plan_detail(request, plan: Plan) -> With:
    clusters = selectors.clusters(api_user(request), plan)
    return With(plan, clusters=list(clusters), history=history_of(request, plan))


def cluster_detail(request, cluster: Cluster) -> With:
    visible = visible_recommendations(api_user(request)).filter(clusters=cluster).order_by("pk")
    return With(cluster, recommendations=list(visible.values_list("pk", flat=True)))


# --- Reads --------------------------------------------------------------------------


def terms(taxonomy: str, codes: list[str], parameter: str) -> list[Term]:
    """The terms of ``taxonomy`` with these codes; 400 naming the first unknown code."""
    rows = {term.code: term for term in Term.objects.filter(taxonomy__slug=taxonomy, code__in=codes)}
    unknown = [code for code in codes if code not in rows]
    if unknown:
        raise BadParameter(
            parameter, _("unknown code in %(taxonomy)s: %(code)s") % {"taxonomy": taxonomy, "code": unknown[0]}
        )
    return [rows[code] for code in dict.fromkeys(codes)]


@router.get("/entities", response=list[EntityOut], summary="The responsible entities, as a tree")
def list_entities(request):
    """Every active entity in tree order (each followed by its parts), with its depth;
    the whole tree at once, not paged."""
    return [With(entity, depth=depth) for depth, entity in entity_tree()]


@router.get("/plans", response={200: PlanPage, 400: BadRequest}, summary="List implementation plans")
def list_plans(request, page: Query[PageParams]):
    """Plans in id order. Anonymous callers see published plans only."""
    reject_unknown(request, PAGE_PARAMETERS)
    return paginate(selectors.plans(api_user(request)), page)


@router.get("/plans/{plan_id}", response={200: PlanDetail, 404: NotFound}, summary="One plan, with its clusters")
def get_plan(request, plan_id: int):
    return plan_detail(request, found(selectors.plans(api_user(request)), plan_id, _("No such plan.")))


@router.get(
    "/clusters/{cluster_id}",
    response={200: ClusterDetail, 404: NotFound},
    summary="One cluster, with its recommendations",
)
def get_cluster(request, cluster_id: int):
    return cluster_detail(request, found(selectors.clusters(api_user(request)), cluster_id, _("No such cluster.")))


@router.get("/actions", response={200: ActionPage, 400: BadRequest}, summary="List actions, filtered like the web list")
def list_actions(request, filters: Query[ActionQuery], page: Query[PageParams]):
    """Actions in id order, one page at a time. ``overdue=true`` keeps those past their
    due date and not settled. Anonymous callers see the actions of published plans."""
    reject_unknown(request, ACTION_FILTERS | PAGE_PARAMETERS)
    user = api_user(request)
    actions = filtered(
        ActionFilterSet,
        filters.filterset_params(),
        _actions(request),
        plan=selectors.plans(user),
        cluster=selectors.clusters(user),
    )
    result = paginate(actions, page)
    visible = _visible_ids(request, [action.recommendation_id for action in result["results"]])
    return {**result, "results": [_action(action, visible) for action in result["results"]]}


@router.get(
    "/actions/{action_id}", response={200: ActionDetail, 404: NotFound}, summary="One action, with its indicators"
)
def get_action(request, action_id: int):
    return action_detail(request, action_id)


# --- Writes -------------------------------------------------------------------------


@router.post(
    "/plans",
    auth=SIGNED_IN,
    response={201: PlanDetail, **WRITE_ERRORS},
    summary="Draw up an implementation plan (NMRF staff)",
)
def create_plan(request, body: PlanIn):
    plan = services.create_plan(api_user(request), **body.model_dump())
    return created(plan_detail(request, plan))


@router.post(
    "/plans/{plan_id}/clusters",
    auth=SIGNED_IN,
    response={201: ClusterDetail, **WRITE_ERRORS},
    summary="Add a cluster to a plan (NMRF staff)",
)
def create_cluster(request, plan_id: int, body: ClusterIn):
    user = api_user(request)
    plan = found(selectors.plans(user), plan_id, _("No such plan."))
    cluster = services.create_cluster(user, plan, **body.model_dump())
    return created(cluster_detail(request, cluster))


@router.post(
    "/clusters/{cluster_id}/recommendations",
    auth=SIGNED_IN,
    response={200: AddedOut, **WRITE_ERRORS},
    summary="Put recommendations under a cluster (NMRF staff)",
)
def add_to_cluster(request, cluster_id: int, body: RecommendationIdsIn):
    """Recommendations of any mechanism and cycle; those already there stay."""
    user = api_user(request)
    cluster = found(selectors.clusters(user), cluster_id, _("No such cluster."))
    return {"added": services.add_to_cluster(user, cluster, body.ids)}


@router.post(
    "/responsibilities",
    auth=SIGNED_IN,
    response={200: ChangedOut, **WRITE_ERRORS},
    summary="Make an entity responsible for recommendations (NMRF staff)",
)
def assign(request, body: AssignIn):
    """Adds responsibilities; none is removed. (Not ``/recommendations/assign``: the
    reads' ``/recommendations/{recommendation_id}`` would answer that path first.)"""
    entity = referenced(active_entities(), body.entity, "entity")
    return {"changed": services.assign(api_user(request), body.ids, entity, lead=body.lead)}


@router.post(
    "/actions", auth=SIGNED_IN, response={201: ActionDetail, **WRITE_ERRORS}, summary="Plan an action (NMRF staff)"
)
def create_action(request, body: ActionIn):
    """An action for a cluster of the plan or for one recommendation (or both)."""
    user = api_user(request)
    fields = body.model_dump()
    plan = referenced(selectors.plans(user), fields.pop("plan"), "plan")
    fields.update(_references(request, fields, plan))
    action = services.create_action(user, plan=plan, **fields)
    return created(action_detail(request, action.pk))


@router.post(
    "/actions/{action_id}",
    auth=SIGNED_IN,
    response={200: ActionDetail, **EDIT_ERRORS},
    summary="Edit an action (NMRF staff; its entity's focal point some fields)",
)
def update_action(request, action_id: int, body: ActionUpdate):
    """Send ``version`` and the fields to change. A focal point may change description,
    start, due, status, technical assistance and gender perspective of its entity's
    actions; NMRF staff any field. 409 (nothing changed) if the action was saved since
    ``version``."""
    action = found(_actions(request), action_id, _("No such action."))
    version, changes = edit_of(body)
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
        out["entity"] = referenced(active_entities(), fields["entity"], "entity")
    if "affected_groups" in fields:
        out["affected_groups"] = terms(ref.AFFECTED_PERSONS, fields["affected_groups"], "affected_groups")
    return out


@router.post(
    "/actions/{action_id}/indicators",
    auth=SIGNED_IN,
    response={201: IndicatorOut, **WRITE_ERRORS},
    summary="Add an indicator to an action",
)
def create_indicator(request, action_id: int, body: IndicatorIn):
    """NMRF staff, or the focal point of the action's entity."""
    action = found(_actions(request), action_id, _("No such action."))
    fields = body.model_dump()
    fields["sdg_indicator"] = _sdg_indicator(fields["sdg_indicator"])
    indicator = services.create_indicator(api_user(request), action, **fields)
    return created(indicator)


@router.post(
    "/indicators/{indicator_id}",
    auth=SIGNED_IN,
    response={200: IndicatorOut, **EDIT_ERRORS},
    summary="Edit an indicator (NMRF staff, or the focal point of its action's entity)",
)
def update_indicator(request, indicator_id: int, body: IndicatorUpdate):
    """Send ``version`` and the fields to change; 409 if it was saved since."""
    indicator = found(_indicators(api_user(request)), indicator_id, _("No such indicator."))
    version, changes = edit_of(body)
    if "sdg_indicator" in changes:
        changes["sdg_indicator"] = _sdg_indicator(changes["sdg_indicator"])
    return services.update_indicator(api_user(request), indicator, version, **changes)


def _indicators(user) -> QuerySet[Indicator]:
    """The indicators of the actions the caller sees, not archived."""
    return Indicator.objects.filter(archived=False, action__in=selectors.actions(user)).select_related("action")


def _sdg_indicator(code: str | None):
    """The SDG indicator a body names by code (None for none); 400 for an unknown code."""
    return terms(ref.SDG_INDICATORS, [code], "sdg_indicator")[0] if code else None


# --- Entities, plans and clusters: edits, archiving, roles -------------------------


def _entities() -> QuerySet[Entity]:
    return active_entities()


@router.post(
    "/entities",
    auth=SIGNED_IN,
    response={201: EntityDetail, **WRITE_ERRORS},
    summary="Add a responsible entity (NMRF staff)",
)
def create_entity(request, body: EntityIn):
    fields = body.model_dump()
    fields["parent"] = referenced(_entities(), fields["parent"], "parent")
    return created(entity_detail(request, services.create_entity(api_user(request), **fields)))


@router.post(
    "/entities/{entity_id}",
    auth=SIGNED_IN,
    response={200: EntityDetail, **EDIT_ERRORS},
    summary="Edit a responsible entity (NMRF staff)",
)
def update_entity(request, entity_id: int, body: EntityUpdate):
    """Send ``version`` and the fields to change; a new ``parent`` moves the entity with
    its parts. 409 if it was saved since."""
    entity = found(_entities(), entity_id, _("No such entity."))
    version, changes = edit_of(body)
    if "parent" in changes:
        changes["parent"] = _new_parent(entity, changes["parent"])
    return entity_detail(request, services.update(api_user(request), entity, version, **changes))


def _new_parent(entity: Entity, pk: int | None) -> Entity | None:
    """The entity ``pk`` as ``entity``'s new parent; 400 for the entity itself or one of
    its parts: the loop would drop them all from the tree."""
    parent = referenced(_entities(), pk, "parent")
    if parent is not None and entity.pk in [parent.pk, *_ancestors(parent)]:
        raise BadParameter("parent", _("an entity cannot be part of itself or of one of its parts"))
    return parent


@router.post(
    "/plans/{plan_id}", auth=SIGNED_IN, response={200: PlanDetail, **EDIT_ERRORS}, summary="Edit a plan (NMRF staff)"
)
def update_plan(request, plan_id: int, body: PlanUpdate):
    """Send ``version`` and the fields to change; ``is_published`` makes the plan and its
    actions public (false hides them again). 409 if it was saved since."""
    user = api_user(request)
    plan = found(selectors.plans(user), plan_id, _("No such plan."))
    version, changes = edit_of(body)
    return plan_detail(request, services.update(user, plan, version, **changes))


@router.post(
    "/clusters/{cluster_id}",
    auth=SIGNED_IN,
    response={200: ClusterDetail, **EDIT_ERRORS},
    summary="Edit a cluster (NMRF staff)",
)
def update_cluster(request, cluster_id: int, body: ClusterUpdate):
    """Send ``version`` and the fields to change; 409 if it was saved since."""
    user = api_user(request)
    cluster = found(selectors.clusters(user), cluster_id, _("No such cluster."))
    version, changes = edit_of(body)
    return cluster_detail(request, services.update(user, cluster, version, **changes))


@router.post(
    "/archive",
    auth=SIGNED_IN,
    response={200: ArchivedOut, **EDIT_ERRORS},
    summary="Archive or restore a plan, cluster, action, indicator or entity (NMRF staff)",
)
def archive(request, body: ArchiveIn):
    """Nothing is deleted: an archived item keeps its history and leaves every list and
    read; ``restore`` brings it back. Send the ``version`` read (409 if saved since)."""
    user = api_user(request)
    if body.restore:
        item = found(
            services.ARCHIVABLE[body.kind].objects.filter(archived=True),
            body.id,
            _("No archived %(kind)s with this id.") % {"kind": body.kind},
        )
    else:
        item = found(_live(user, body.kind), body.id, _("No %(kind)s with this id.") % {"kind": body.kind})
    item = services.archive(user, item, body.version, archived=not body.restore)
    return {"kind": body.kind, "id": item.pk, "archived": item.archived, "version": item.version}


def _live(user, kind: str) -> QuerySet:
    """The items of ``kind`` the caller sees (and so may ask to archive)."""
    if kind == "plan":
        return selectors.plans(user)
    if kind == "cluster":
        return selectors.clusters(user)
    if kind == "action":
        return selectors.actions(user)
    if kind == "indicator":
        return _indicators(user)
    return _entities()
