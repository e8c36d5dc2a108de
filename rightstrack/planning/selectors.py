"""Reads of implementation planning, filtered by what the person may see.

Anonymous visitors see published plans and what belongs to them, never archived items;
every signed-in role reads everything that is not archived (the NMRF's work is shared
with the NHRI and civil society it consults); a focal point's "my items" are those of
its entity and the entities under it.
"""
from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from rightstrack.planning import roles
from rightstrack.planning.choices import Status
from rightstrack.planning.models import Action, Cluster, Entity, Plan

# An action in one of these states needs nothing more by its due date.
SETTLED = {Status.IMPLEMENTED, Status.NOT_IMPLEMENTED, Status.NO_LONGER_RELEVANT}


def plans(user) -> QuerySet[Plan]:
    found = Plan.objects.filter(archived=False)
    return found if roles.role_of(user) else found.filter(is_published=True)


def clusters(user, plan: Plan | None = None) -> QuerySet[Cluster]:
    found = Cluster.objects.filter(archived=False, plan__in=plans(user))
    return found.filter(plan=plan) if plan else found


def actions(user, *, mine: bool = False) -> QuerySet[Action]:
    """Actions the person may see; ``mine``: those of the focal point's entities."""
    found = Action.objects.filter(archived=False, plan__in=plans(user)).select_related("entity", "plan")
    if mine:
        found = found.filter(entity_id__in=roles.entity_ids(user))
    return found


def overdue(user, today: dt.date | None = None, *, mine: bool = False) -> QuerySet[Action]:
    """Actions past their due date and not settled, the most overdue first."""
    today = today or dt.date.today()
    return actions(user, mine=mine).filter(due__lt=today).exclude(status__in=SETTLED).order_by("due", "pk")


def entity_tree() -> list[tuple[int, Entity]]:
    """Active entities in tree order with their depth, for lists and choices."""
    children: dict[int | None, list[Entity]] = {}
    for entity in Entity.objects.filter(archived=False).order_by("name"):
        children.setdefault(entity.parent_id, []).append(entity)
    ordered: list[tuple[int, Entity]] = []

    def walk(parent: int | None, depth: int) -> None:
        for entity in children.get(parent, []):
            ordered.append((depth, entity))
            walk(entity.pk, depth + 1)

    walk(None, 0)
    return ordered


def assigned_to(user) -> Q:
    """A filter of recommendations for which the focal point's entities are responsible."""
    return Q(responsibilities__entity_id__in=roles.entity_ids(user))
