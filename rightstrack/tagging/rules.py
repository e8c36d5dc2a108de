"""Who reviews the classifiers' suggestions (see ``core.permissions``)."""

from rightstrack.accounts.roles import is_planner
from rightstrack.core.permissions import declare

# See the pending suggestions, accept and reject them: NMRF staff decide.
declare("tagging.review", is_planner)
