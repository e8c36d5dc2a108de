"""The REST API: one NinjaAPI assembled from the routers the apps own.

Served at ``/api/``: the OpenAPI 3 schema at ``/api/openapi.json``, interactive docs at
``/api/docs`` (Swagger UI from django-ninja's own static files, no CDN).
"""
from rightstrack import __version__
from rightstrack.api import errors
from rightstrack.api.auth import AUTH, PublicReadAPI

# Each app's router, in the order the docs show them; one line per app.
ROUTERS = [
    "rightstrack.recommendations.api.router",
    "rightstrack.reference.api.router",
    "rightstrack.reports.api.router",
    "rightstrack.search.api.router",
    "rightstrack.tagging.api.router",
]

DESCRIPTION = """Access to rightstrack's recommendations, documents, reference data and tag suggestions.

**Authentication**: `Authorization: Bearer <token>` (tokens: `rightstrack token create USERNAME`),
or a signed-in browser session. Without either, only published recommendations are visible.
Every GET is a read; the few POSTs need a token or a session: accepting and rejecting tag
suggestions a staff user's, classifying texts any user's.

**Paging**: lists return `{"results": [...], "next": <cursor or null>, "count": <n or null>}`;
pass `next` back as `cursor` for the following page. `count` is given on the first page only.

**Errors**: a bad parameter is a 400 whose `errors` name each parameter.
"""

api = PublicReadAPI(title="rightstrack API", version=__version__, description=DESCRIPTION, auth=AUTH,
                    urls_namespace="api")
errors.install(api)
for router in ROUTERS:
    api.add_router("", router)
