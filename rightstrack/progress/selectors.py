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
        # Published, and about something public: an action of a published plan, or a
        # published recommendation.
        public_subject = Q(action__plan__is_published=True, action__plan__archived=False, action__archived=False) | \
            Q(action__isnull=True, recommendation__is_published=True)
        return found.filter(public_subject, state=ReportState.PUBLISHED)
    if role in roles.PLANNERS:
        return found
    settled = Q(state__in=[ReportState.VALIDATED, ReportState.PUBLISHED])
    if role == roles.Role.FOCAL_POINT:
        return found.filter(settled | Q(entity_id__in=roles.entity_ids(user)))
    return found.filter(settled)


def todo(user, today=None) -> dict:
    """What waits for the person: for NMRF staff the reports to validate or publish and
    the overdue actions; for a focal point its entities' overdue actions and its drafts
    and returned reports. Empty for other roles."""
    from rightstrack.planning.selectors import overdue

    role = roles.role_of(user)
    if role in roles.PLANNERS:
        return {"to_validate": reports(user).filter(state=ReportState.SUBMITTED).count(),
                "to_publish": reports(user).filter(state=ReportState.VALIDATED).count(),
                "overdue": overdue(user, today).count()}
    if role == roles.Role.FOCAL_POINT:
        mine = reports(user).filter(entity_id__in=roles.entity_ids(user))
        return {"overdue": overdue(user, today, mine=True).count(),
                "returned": mine.filter(state=ReportState.RETURNED).count(),
                "drafts": mine.filter(state=ReportState.DRAFT).count()}
    return {}
