"""Writes of implementation planning, each checked against the person's role and
recorded in the audit trail. Edits of existing objects go through optimistic locking
(``core.audit.save_versioned``); nothing here deletes: objects are archived.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models, transaction
from django.utils.translation import gettext as _

from rightstrack.accounts.models import Entity
from rightstrack.core.audit import record, save_versioned, values
from rightstrack.core.errors import InvalidValueError
from rightstrack.core.models import AuditAction
from rightstrack.core.permissions import can, refusal, require
from rightstrack.planning.models import Action, Cluster, Indicator, Plan, Responsibility
from rightstrack.recommendations.models import Recommendation

# What a focal point may change on its entity's actions; the rest is the NMRF's plan.
FOCAL_POINT_FIELDS = {"description", "start", "due", "status", "technical_assistance", "gender_note"}


def _create(user, model: type[models.Model], **fields) -> models.Model:
    obj = model(**fields)
    obj.full_clean()
    obj.save()
    record(user, obj, AuditAction.CREATED, after=values(obj, list(fields)))
    return obj


@transaction.atomic
def create_entity(
    user, *, name: str, kind: str = "ministry", parent: Entity | None = None, short_name: str = ""
) -> Entity:
    """Add an institution to the tree (NMRF staff)."""
    require(user, "planning.plan", refused=_("adding responsible entities is for NMRF staff"))
    return _create(user, Entity, name=name, kind=kind, parent=parent, short_name=short_name)


@transaction.atomic
def assign(user, recommendation_ids: Iterable[int], entity: Entity, *, lead: bool = False) -> int:
    """Make ``entity`` responsible for these recommendations, as the lead (replacing
    the previous lead, which stays in support) or in support; returns how many changed."""
    require(user, "planning.plan", refused=_("assigning recommendations is for NMRF staff"))
    changed = 0
    for rec in Recommendation.objects.filter(pk__in=list(recommendation_ids)):
        before = _responsibles(rec)
        if lead:
            Responsibility.objects.filter(recommendation=rec, lead=True).exclude(entity=entity).update(lead=False)
        row, created = Responsibility.objects.get_or_create(recommendation=rec, entity=entity, defaults={"lead": lead})
        if not created and lead and not row.lead:
            row.lead = True
            row.save(update_fields=["lead"])
        after = _responsibles(rec)
        if record(user, rec, AuditAction.CHANGED, {"responsible": before}, {"responsible": after}):
            changed += 1
    return changed


def _responsibles(rec: Recommendation) -> list[str]:
    """ "Lead: Ministry of Justice", "Support: Ombudsman" - readable in the history."""
    rows = Responsibility.objects.filter(recommendation=rec).select_related("entity").order_by("-lead", "entity__name")
    return [f"{'lead' if r.lead else 'support'}: {r.entity}" for r in rows]


@transaction.atomic
def create_plan(user, **fields) -> Plan:
    require(user, "planning.plan", refused=_("implementation plans are drawn up by NMRF staff"))
    return _create(user, Plan, **fields)


@transaction.atomic
def create_cluster(user, plan: Plan, title: str, **fields) -> Cluster:
    require(user, "planning.plan", refused=_("clusters are drawn up by NMRF staff"))
    return _create(user, Cluster, plan=plan, title=title, **fields)


@transaction.atomic
def add_to_cluster(user, cluster: Cluster, recommendation_ids: Iterable[int]) -> int:
    """Put recommendations (any mechanism, any cycle) under a cluster; returns how many were new."""
    require(user, "planning.plan", refused=_("clusters are drawn up by NMRF staff"))
    before = sorted(cluster.recommendations.values_list("pk", flat=True))
    cluster.recommendations.add(*Recommendation.objects.filter(pk__in=list(recommendation_ids)))
    after = sorted(cluster.recommendations.values_list("pk", flat=True))
    record(user, cluster, AuditAction.CHANGED, {"recommendations": before}, {"recommendations": after})
    return len(after) - len(before)


@transaction.atomic
def create_action(user, **fields) -> Action:
    """A measure of the plan, for a cluster or a recommendation (NMRF staff)."""
    require(user, "planning.plan", refused=_("actions are planned by NMRF staff"))
    groups = fields.pop("affected_groups", [])
    action = _create(user, Action, **fields)
    if groups:
        action.affected_groups.set(groups)
    return action


def update_action(user, action: Action, expected_version: int, **changes) -> Action:
    """Edit an action: NMRF staff any field, its entity's focal point the fields of
    FOCAL_POINT_FIELDS. ConflictError if someone saved it since ``expected_version``."""
    require(user, "planning.edit_action", action, refused=_("this action is assigned to another entity"))
    if not can(user, "planning.plan") and not set(changes) <= FOCAL_POINT_FIELDS:
        raise refusal(
            _("a focal point cannot change %(fields)s")
            % {"fields": ", ".join(sorted(set(changes) - FOCAL_POINT_FIELDS))}
        )
    groups = changes.pop("affected_groups", None)
    with transaction.atomic():
        action = save_versioned(action, user, expected_version, changes)
        if groups is not None:
            _set_groups(user, action, groups)
    return action


def _set_groups(user, action: Action, groups) -> None:
    """Many-to-many values cannot go through save_versioned's single UPDATE."""
    before = sorted(action.affected_groups.values_list("code", flat=True))
    action.affected_groups.set(groups)
    after = sorted(action.affected_groups.values_list("code", flat=True))
    record(user, action, AuditAction.CHANGED, {"affected_groups": before}, {"affected_groups": after})


@transaction.atomic
def create_indicator(user, action: Action, name: str, **fields) -> Indicator:
    require(user, "planning.edit_action", action, refused=_("this action is assigned to another entity"))
    return _create(user, Indicator, action=action, name=name, **fields)


def update_indicator(user, indicator: Indicator, expected_version: int, **changes) -> Indicator:
    require(user, "planning.edit_action", indicator.action, refused=_("this indicator's action is another entity's"))
    return save_versioned(indicator, user, expected_version, changes)


def update(user, obj: Entity | Plan | Cluster, expected_version: int, **changes) -> models.Model:
    """Edit an entity, a plan or a cluster (NMRF staff)."""
    require(user, "planning.plan", refused=_("the plan is drawn up by NMRF staff"))
    return save_versioned(obj, user, expected_version, changes)


# What ``archive`` takes, by the name pages and the API use.
ARCHIVABLE = {"plan": Plan, "cluster": Cluster, "action": Action, "indicator": Indicator, "entity": Entity}


def archive(
    user, obj: Entity | Plan | Cluster | Action | Indicator, expected_version: int, archived: bool = True
) -> models.Model:
    """Archive (or restore) instead of deleting: the item and its history stay."""
    require(user, "planning.plan", refused=_("archiving is for NMRF staff"))
    if archived and isinstance(obj, Entity) and obj.children.filter(archived=False).exists():
        # Its parts would drop out of the tree with it.
        raise InvalidValueError(_("archive the entities under %(entity)s first") % {"entity": obj})
    return save_versioned(obj, user, expected_version, {"archived": archived})
