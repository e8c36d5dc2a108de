"""Who may report, review and set statuses (see ``accounts.permissions``)."""

import rules

from rightstrack.accounts.roles import acts_for, entity_ids, is_focal_point, is_planner
from rightstrack.core.permissions import declare
from rightstrack.planning.models import Action, Responsibility
from rightstrack.progress.models import ProgressReport


def _responsible(item) -> set[int]:
    """The entities responsible for an action, a recommendation or a report's subject."""
    if isinstance(item, ProgressReport):
        item = item.action if item.action_id else item.recommendation
    if isinstance(item, Action):
        return {item.entity_id}
    return set(Responsibility.objects.filter(recommendation=item).values_list("entity_id", flat=True))


@rules.predicate
def responsible_for(user, item) -> bool:
    return item is not None and bool(_responsible(item) & entity_ids(user))


# Write, edit and submit a report on an action or a recommendation (or edit a report):
# NMRF staff on anything, a focal point on what its entities are responsible for.
declare("progress.report", is_planner | (is_focal_point & responsible_for))
# Speak for this entity in a report: NMRF staff any, a focal point its own.
declare("progress.report_for", is_planner | acts_for)
# Return, validate and publish reports; set implementation statuses; see every report.
declare("progress.review", is_planner)
# See its entities' reports at every stage (drafts, returned ones) and follow its own work.
declare("progress.follow_entity", is_focal_point)
