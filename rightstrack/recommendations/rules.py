"""Who sees what of recommendations (see ``core.permissions``)."""

from rightstrack.accounts.roles import is_planner
from rightstrack.core.permissions import declare

# The classifiers' pending suggestions: those who decide on them (tagging.review) see
# them; anybody else, signed in or not, sees the data tags only.
declare("recommendations.see_suggestions", is_planner)
