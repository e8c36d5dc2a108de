"""Who may do what in implementation planning (see ``accounts.permissions``)."""

import rules

from rightstrack.accounts.roles import acts_for, is_focal_point, is_planner
from rightstrack.core.permissions import declare


@rules.predicate
def acts_for_action(user, action) -> bool:
    return action is not None and acts_for(user, action.entity_id)


# Entities, plans, clusters, actions, indicators, assignments, archiving.
declare("planning.plan", is_planner)
# An action: NMRF staff, or the focal point of its entity (the fields it may change:
# planning.services.FOCAL_POINT_FIELDS).
declare("planning.edit_action", is_planner | (is_focal_point & acts_for_action))
