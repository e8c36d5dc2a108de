"""Who reviews repeated recommendations (see ``core.permissions``)."""

from rightstrack.accounts.roles import is_planner
from rightstrack.core.permissions import declare

# Confirm, split and merge the groups of repeats that ``dedupe`` suggests.
declare("search.review_repeats", is_planner)
