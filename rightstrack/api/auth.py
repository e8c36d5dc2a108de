"""Who is calling: a bearer token, a signed-in browser session, or nobody.

Every read (GET) accepts all three, tried in this order; the user found is
``request.auth`` (an AnonymousUser for nobody), and the readers decide what that user
may see. A request that sends a bearer token which is unknown or revoked is refused
(401) rather than served as anonymous: a script with a dead token must notice.

The few writes (POST: deciding on tag suggestions, classifying texts) take a token or a
session only (``SIGNED_IN``); the services they call ask what the user may do
(``core.permissions``).
A token has no rights of its own: it acts for its user, so a staff user's token may do
what that user may do in the browser. A session must send its CSRF token on a POST.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from rightstrack.api.selectors import active_token
from rightstrack.api.services import note_use


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>`` with a token made by ``rightstrack token create``."""

    def authenticate(self, request, token: str):
        found = active_token(token.strip())
        if found is None:
            raise AuthenticationError(message=_("Invalid or revoked API token."))
        note_use(found)
        return found.user


def anonymous(request):
    """The last resort: no credentials at all. A plain function, so that the OpenAPI
    schema lists only the two real schemes."""
    return AnonymousUser()


def api_user(request):
    """The user an API request acts for (see the module docstring)."""
    return getattr(request, "auth", None) or AnonymousUser()


AUTH = [TokenAuth(), SessionAuth(), anonymous]
SIGNED_IN = [TokenAuth(), SessionAuth()]


class PublicReadAPI(NinjaAPI):
    """A NinjaAPI whose OpenAPI schema says that every read (GET) also answers without
    credentials (an empty security requirement), as ``anonymous`` makes it do; the
    writes (``SIGNED_IN``) do not."""

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                if method == "get" and operation.get("security") and {} not in operation["security"]:
                    operation["security"].append({})
        return schema
