"""Reads of progress reporting, filtered by what the person may see."""
from __future__ import annotations

from django.db.models import Q, QuerySet

from rightstrack.planning import roles
from rightstrack.progress.choices import ReportState
from rightstrack.progress.models import ProgressReport


def reports(user) -> QuerySet[ProgressReport]:
    """The public sees published reports; NMRF staff see all; a focal point sees its
    entities' reports in every state and the others' once validated; contributors and
    viewers see validated and published ones."""
    found = ProgressReport.objects.filter(archived=False).select_related("entity", "author")
    role = roles.role_of(user)
    if role is None:
        return found.filter(state=ReportState.PUBLISHED)
    if role in roles.PLANNERS:
        return found
    settled = Q(state__in=[ReportState.VALIDATED, ReportState.PUBLISHED])
    if role == roles.Role.FOCAL_POINT:
        return found.filter(settled | Q(entity_id__in=roles.entity_ids(user)))
    return found.filter(settled)
