"""Reads of consultation: the public sees what contributors marked public; signed-in
people see every comment and assessment; rounds are for the NMRF and those invited."""
from __future__ import annotations

from django.db.models import QuerySet

from rightstrack.consultation.models import Assessment, Comment, Round
from rightstrack.planning import roles


def comments(user, *, recommendation=None, report=None) -> QuerySet[Comment]:
    found = Comment.objects.filter(archived=False).select_related("author")
    if recommendation is not None:
        found = found.filter(recommendation=recommendation)
    if report is not None:
        found = found.filter(report=report)
    return found if roles.role_of(user) else found.filter(is_public=True)


def assessments(user, recommendation=None) -> QuerySet[Assessment]:
    found = Assessment.objects.filter(archived=False).select_related("author")
    if recommendation is not None:
        found = found.filter(recommendation=recommendation)
    return found if roles.role_of(user) else found.filter(is_public=True)


def rounds(user) -> QuerySet[Round]:
    """NMRF staff see every round; others the rounds they are invited to."""
    if roles.can_plan(user):
        return Round.objects.all()
    if roles.role_of(user) is None:
        return Round.objects.none()
    return Round.objects.filter(invited=user)
