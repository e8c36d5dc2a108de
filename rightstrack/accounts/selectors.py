"""Reads of people and entities."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import Entity
from rightstrack.accounts.roles import role_of


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


def people() -> list:
    """Active accounts, by name, each with ``role_label``: the role ``role_of`` gives."""
    found = list(get_user_model().objects.filter(is_active=True).select_related("profile__entity").order_by("username"))
    for person in found:
        person.role_label = Role(role_of(person)).label
    return found


def entity_named(name: str) -> Entity | None:
    """An active entity by its name or short name (any case), or by its number."""
    found = Entity.objects.filter(archived=False)
    if name.isdigit():
        return found.filter(pk=int(name)).first()
    return found.filter(Q(name__iexact=name) | Q(short_name__iexact=name)).first()
