"""Reads of people and entities."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import Entity
from rightstrack.accounts.roles import PLANNERS, role_of


def active_entities():
    """The entities not archived: what may be chosen, assigned or reported for."""
    return Entity.objects.filter(archived=False)


def entity_tree() -> list[tuple[int, Entity]]:
    """Active entities in tree order with their depth, for lists and choices."""
    children: dict[int | None, list[Entity]] = {}
    for entity in active_entities().order_by("name"):
        children.setdefault(entity.parent_id, []).append(entity)
    ordered: list[tuple[int, Entity]] = []

    def walk(parent: int | None, depth: int) -> None:
        for entity in children.get(parent, []):
            ordered.append((depth, entity))
            walk(entity.pk, depth + 1)

    walk(None, 0)
    return ordered


def people() -> list:
    """Active accounts, by name, each with ``role_label``: the role ``role_of`` gives."""
    found = list(get_user_model().objects.filter(is_active=True).select_related("profile__entity").order_by("username"))
    for person in found:
        person.role_label = Role(role_of(person)).label
    return found


def entity_named(name: str) -> Entity | None:
    """An active entity by its name or short name (any case), or by its number."""
    found = active_entities()
    if name.isdigit():
        return found.filter(pk=int(name)).first()
    return found.filter(Q(name__iexact=name) | Q(short_name__iexact=name)).first()


# --- Whom to write to (reminders): the roles as ``role_of`` gives them, as queries ---


def _people():
    return get_user_model().objects.filter(is_active=True).exclude(email="").select_related("profile").order_by("pk")


def focal_points_to_mail():
    """Active focal points with an email and an entity (superusers act as NMRF admins)."""
    return _people().filter(is_superuser=False, profile__role=Role.FOCAL_POINT, profile__entity__isnull=False)


def planners_to_mail():
    """Active NMRF administrators and staff with an email, as ``roles.role_of`` sees them."""
    planners = Q(is_superuser=True) | Q(profile__role__in=PLANNERS) | Q(is_staff=True, profile__isnull=True)
    return _people().filter(planners)
