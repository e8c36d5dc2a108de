"""The people API: giving a person a role (NMRF administrators)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError

from rightstrack.accounts import services
from rightstrack.accounts.choices import Role
from rightstrack.accounts.schemas import PersonOut, RoleIn
from rightstrack.accounts.selectors import active_entities
from rightstrack.api.auth import SIGNED_IN, api_user
from rightstrack.api.common import WRITE_ERRORS, referenced
from rightstrack.api.errors import BadParameter
from rightstrack.core.permissions import require

router = Router(tags=["planning"])


@router.post(
    "/people/{username}/role",
    auth=SIGNED_IN,
    response={200: PersonOut, **WRITE_ERRORS},
    summary="Give a person a role (NMRF administrators)",
)
def set_role(request, username: str, body: RoleIn):
    """A focal point needs the ``entity`` it acts for. NMRF staff and administrators get
    the staff flag (Django's administration pages); the other roles lose it."""
    admin = api_user(request)
    # Asked before looking the person up, as the web page does: a 404 would otherwise
    # tell anybody signed in which accounts exist. The service asks again.
    require(admin, "accounts.give_roles", refused=_("roles are given by an NMRF administrator"))
    person = get_user_model().objects.filter(is_active=True, username=username).first()
    if person is None:
        raise HttpError(404, _("No such person."))
    entity = referenced(active_entities(), body.entity, "entity")
    if body.role == Role.FOCAL_POINT and entity is None:
        raise BadParameter("entity", _("a focal point acts for an entity: give one"))
    profile = services.set_role(admin, person, body.role, entity)
    return {"username": person.get_username(), "role": profile.role, "entity_id": profile.entity_id}
