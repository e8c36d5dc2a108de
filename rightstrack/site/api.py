"""The REST API: one NinjaAPI assembled from the routers the apps own.

Served at ``/api/``: the OpenAPI 3 schema at ``/api/openapi.json``, interactive docs at
``/api/docs`` (Swagger UI from django-ninja's own static files, no CDN).
"""

from rightstrack import __version__
from rightstrack.accounts.api import router as accounts
from rightstrack.api import errors
from rightstrack.api.auth import AUTH, PublicReadAPI
from rightstrack.api.limits import AnonymousRate
from rightstrack.consultation.api import router as consultation
from rightstrack.dashboard.api import router as dashboard
from rightstrack.planning.api import router as planning
from rightstrack.progress.api import router as progress
from rightstrack.progress.api_followup import router as followup
from rightstrack.recommendations.api import router as recommendations
from rightstrack.reference.api import router as reference
from rightstrack.reports.api import router as reports
from rightstrack.search.api import router as search
from rightstrack.tagging.api import router as tagging

# Each app's router, in the order the docs show them.
ROUTERS = [
    recommendations,
    reference,
    dashboard,
    reports,
    search,
    tagging,
    planning,
    accounts,
    progress,
    followup,
    consultation,
]

DESCRIPTION = """Access to rightstrack's recommendations, documents, reference data and tag suggestions,
and to their follow-up: implementation plans, actions, progress reports and consultation.

**Authentication**: `Authorization: Bearer <token>` (tokens: `rightstrack token create USERNAME`),
or a signed-in browser session. Without either, only published recommendations, published
plans (with their clusters and actions) and published progress reports are visible; an
item the caller may not see is a 404. Every GET is a read; every write is a POST and needs
a token or a session: accepting and rejecting tag suggestions a staff user's, classifying
texts any user's, and for planning, reporting and consultation the person's role decides
(NMRF staff keep the entities, plan, archive, validate, publish and open consultation
rounds; a focal point edits and reports on its entity's actions and their indicators;
contributors comment, assess and reply to the rounds they are invited to; NMRF
administrators give roles). A refused write is a 403 naming what was refused.
Consultation rounds are visible to NMRF staff and to those invited only.

**Editing**: an edit or a step of a report's workflow sends the `version` it read; if
someone saved the item since, nothing changes and the answer is a 409 saying who did.
Nothing is deleted: `POST /archive` archives a plan, cluster, action, indicator or entity
and restores it. Detail responses of entities, plans, actions and reports carry the
item's `history` for signed-in callers.

**Paging**: lists return `{"results": [...], "next": <cursor or null>, "count": <n or null>}`;
pass `next` back as `cursor` for the following page. `count` is given on the first page only.
The entity tree, the consultation rounds, and the assessments and comments of a
recommendation or a report come whole, as plain lists.

**Limits**: without a token or a session, an address may make 120 requests a minute (the
server's `RIGHTSTRACK_API_ANONYMOUS_RATE`); past that the answer is a 429 with `Retry-After`
(seconds). Signed-in callers are not counted, except by the classifiers: `POST /classify`
reads at most 200,000 characters a minute for one caller (`RIGHTSTRACK_CLASSIFY_CHARACTERS`),
then answers 429 with `Retry-After`. A request may take 15 seconds of the
database's time (documents: 120); past that it is stopped and answered with a 503. A JSON
body holds at most 2.5 MB, texts of at most 50,000 characters, nested at most 32 levels
(a 400 naming the field otherwise); an evidence file at most 25 MB.

**Errors**: a bad parameter is a 400 whose `errors` name each parameter; a value a rule
refuses (a report that cannot move to that state) is a 400 whose `detail` says why.

**Files**: evidence files are sent as multipart form data (`file`, `description`) to
`POST /reports/{report_id}/evidence/file`; evidence links as JSON to `.../evidence`.
"""

api = PublicReadAPI(
    title="rightstrack API",
    version=__version__,
    description=DESCRIPTION,
    auth=AUTH,
    throttle=[AnonymousRate()],
    urls_namespace="api",
)
errors.install(api)
for router in ROUTERS:
    api.add_router("", router)
