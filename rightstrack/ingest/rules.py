"""Who imports (see ``core.permissions``)."""

from rightstrack.accounts.roles import is_planner
from rightstrack.core.permissions import declare

declare("ingest.import", is_planner)
