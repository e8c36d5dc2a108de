"""Reads of implementation planning, filtered by what the person may see.

Anonymous visitors see published plans and what belongs to them, never archived items;
every signed-in role reads everything that is not archived (the NMRF's work is shared
with the NHRI and civil society it consults); a focal point's "my items" are those of
its entity and the entities under it.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from rightstrack.accounts import roles
from rightstrack.core.permissions import can
from rightstrack.planning.choices import Status
from rightstrack.planning.models import Action, Cluster, Plan

# An action in one of these states needs nothing more by its due date.
SETTLED = {Status.IMPLEMENTED, Status.NOT_IMPLEMENTED, Status.NO_LONGER_RELEVANT}


def plans(user) -> QuerySet[Plan]:
    found = Plan.objects.filter(archived=False)
    return found if can(user, "core.see_unpublished") else found.filter(is_published=True)


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


def assigned_to(user) -> Q:
    """A filter of recommendations for which the focal point's entities are responsible."""
    return Q(responsibilities__entity_id__in=roles.entity_ids(user))


def picked_recommendations(user, *, ids=(), theme=None, country: str = "") -> list[int]:
    """Ids of the visible recommendations a pick form names: typed ids, and every one
    tagged with ``theme`` (of State ``country``, an ISO3 code, when given); a machine's
    suggestion of the theme does not count until someone confirms it."""
    from rightstrack.recommendations.selectors import data_tags_q, visible_recommendations

    visible = visible_recommendations(user)
    found = set(visible.filter(pk__in=list(ids)).values_list("pk", flat=True)) if ids else set()
    if theme is not None:
        themed = visible.filter(data_tags_q("tags__"), tags__term=theme)
        if country:
            themed = themed.filter(state__iso3=country.upper())
        found.update(themed.values_list("pk", flat=True))
    return sorted(found)


def in_plan(user, recommendation) -> dict:
    """A recommendation's place in planning: responsible entities, clusters and actions."""
    from rightstrack.planning.models import Responsibility

    return {
        "responsibilities": Responsibility.objects.filter(recommendation=recommendation)
        .select_related("entity")
        .order_by("-lead", "entity__name"),
        "clusters": clusters(user).filter(recommendations=recommendation).select_related("plan"),
        "actions": actions(user)
        .filter(Q(recommendation=recommendation) | Q(cluster__recommendations=recommendation))
        .distinct(),
    }


def focal_points() -> dict[int, list]:
    """Entity id -> the focal points acting for it."""
    from rightstrack.accounts.choices import Role
    from rightstrack.accounts.models import Profile

    found: dict[int, list] = {}
    for profile in (
        Profile.objects.filter(role=Role.FOCAL_POINT, entity__isnull=False, user__is_active=True)
        .select_related("user")
        .order_by("user__username")
    ):
        found.setdefault(profile.entity_id, []).append(profile.user)
    return found


def workload(user) -> dict[int, dict]:
    """Entity id -> {"lead": recommendations led, "actions": open actions}, two queries."""
    from django.db.models import Count

    from rightstrack.planning.models import Responsibility

    found: dict[int, dict] = {}
    for row in Responsibility.objects.filter(lead=True).values("entity_id").annotate(n=Count("pk")):
        found.setdefault(row["entity_id"], {"lead": 0, "actions": 0})["lead"] = row["n"]
    for row in actions(user).exclude(status__in=SETTLED).values("entity_id").annotate(n=Count("pk")):
        found.setdefault(row["entity_id"], {"lead": 0, "actions": 0})["actions"] = row["n"]
    return found
