"""Who may do what: one place that the UI, the API and exports all ask.

NMRF administrators and staff plan (entities, clusters, actions, assignments); a focal
point edits only what is assigned to its entity or to an entity under it; contributors
comment; viewers read. Anonymous visitors see published items only (selectors).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from rightstrack.core.errors import NotAllowedError
from rightstrack.planning.choices import Role
from rightstrack.planning.models import Action, Entity

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


def can_plan(user) -> bool:
    return role_of(user) in PLANNERS


def can_administer(user) -> bool:
    return role_of(user) == Role.NMRF_ADMIN


def can_edit_action(user, action: Action) -> bool:
    if can_plan(user):
        return True
    return role_of(user) == Role.FOCAL_POINT and action.entity_id in entity_ids(user)


def require(allowed: bool, what: str) -> None:
    """Raise NotAllowedError naming what was refused."""
    if not allowed:
        raise NotAllowedError(_("Not allowed: %(what)s.") % {"what": what})
