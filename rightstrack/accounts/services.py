"""Writes of people's roles, checked and recorded in the audit trail."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from rightstrack.accounts import roles, selectors
from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import Entity, Profile
from rightstrack.core.audit import record, values
from rightstrack.core.errors import InvalidValueError
from rightstrack.core.models import AuditAction
from rightstrack.core.permissions import OPERATOR, require


@transaction.atomic
def set_role(admin, person, role: str, entity: Entity | None = None) -> Profile:
    """Give a person a role (and, for a focal point, an entity); administrators only."""
    require(admin, "accounts.give_roles", refused=_("roles are given by an NMRF administrator"))
    if role == roles.Role.FOCAL_POINT and entity is None:
        raise InvalidValueError(_("a focal point acts for an entity: choose one"))
    profile, _created = Profile.objects.get_or_create(user=person)
    before = values(profile, ["role", "entity"])
    profile.role, profile.entity = role, entity
    profile.full_clean()
    profile.save()
    record(admin, profile, AuditAction.CHANGED, before, values(profile, ["role", "entity"]))
    # Django's administration pages also ask for the account's staff flag: NMRF staff and
    # administrators get it, every other role loses it.
    if not person.is_superuser and person.is_staff != (role in roles.PLANNERS):
        person.is_staff = role in roles.PLANNERS
        person.save(update_fields=["is_staff"])
    person.profile = profile  # a cached older profile on this user object would still answer
    return profile


def give_role_from_cli(person, role: str, entity_name: str = "") -> Profile:
    """``rightstrack createuser --role --entity``: the command line acts as an
    administrator; the entity is found by name or short name (created by the NMRF first)."""
    if role not in Role.values:
        raise InvalidValueError(
            _("unknown role %(role)s (known: %(known)s)") % {"role": role, "known": ", ".join(Role.values)}
        )
    entity = None
    if entity_name:
        entity = selectors.entity_named(entity_name)
        if entity is None:
            raise InvalidValueError(_("no responsible entity is named %(name)s") % {"name": entity_name})
    if role == Role.FOCAL_POINT and entity is None:
        raise InvalidValueError(_("a focal point acts for an entity: give --entity"))
    return set_role(OPERATOR, person, role, entity)
