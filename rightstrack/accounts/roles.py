"""Who a person is to rightstrack: their role and the entities they act for, and the
predicates the apps' rules are built from (see ``accounts.permissions``)."""

from __future__ import annotations

import rules

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import Entity

PLANNERS = {Role.NMRF_ADMIN, Role.NMRF_STAFF}


def role_of(user) -> str | None:
    """The person's role; None for an anonymous visitor. Superusers administer; a staff
    account without a profile (made by ``createuser`` before roles existed, or in the
    admin) is NMRF staff, any other account without one a viewer."""
    if user is None or not user.is_authenticated:
        return None
    if getattr(user, "is_superuser", False):
        return Role.NMRF_ADMIN
    profile = getattr(user, "profile", None)
    if profile is not None:
        return profile.role
    return Role.NMRF_STAFF if getattr(user, "is_staff", False) else Role.VIEWER


def entity_ids(user) -> set[int]:
    """The focal point's entity and every entity under it."""
    profile = getattr(user, "profile", None) if user is not None and user.is_authenticated else None
    if profile is None or profile.entity_id is None:
        return set()
    found, frontier = {profile.entity_id}, [profile.entity_id]
    while frontier:
        frontier = list(Entity.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        frontier = [pk for pk in frontier if pk not in found]
        found.update(frontier)
    return found


@rules.predicate
def is_signed_in(user) -> bool:
    return role_of(user) is not None


@rules.predicate
def is_planner(user) -> bool:
    """NMRF administrators and staff: they plan, review, validate and publish."""
    return role_of(user) in PLANNERS


@rules.predicate
def is_administrator(user) -> bool:
    return role_of(user) == Role.NMRF_ADMIN


@rules.predicate
def is_focal_point(user) -> bool:
    return role_of(user) == Role.FOCAL_POINT


@rules.predicate
def is_contributor(user) -> bool:
    """An NHRI's or a civil-society organisation's person, invited to consultations."""
    return role_of(user) == Role.CONTRIBUTOR


@rules.predicate
def acts_for(user, entity) -> bool:
    """The entity (an Entity or its id) is the person's, or under it."""
    pk = getattr(entity, "pk", entity)
    return pk is not None and pk in entity_ids(user)
