"""Writes of consultation: contributors (NHRI, civil society) comment and assess; the
NMRF opens rounds on draft reports. Nothing here touches the State's own status."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from rightstrack.consultation.models import Assessment, Comment, Reply, Round
from rightstrack.core.audit import record, values
from rightstrack.core.errors import InvalidValueError
from rightstrack.core.models import AuditAction
from rightstrack.planning import roles
from rightstrack.planning.choices import Role

# Who may speak in a consultation: the contributors it is for, and the NMRF itself.
SPEAKERS = {Role.CONTRIBUTOR, *roles.PLANNERS}


def _require_speaker(user) -> None:
    roles.require(roles.role_of(user) in SPEAKERS, _("consultation is for NHRI and civil-society contributors"))


@transaction.atomic
def comment(user, text: str, *, recommendation=None, report=None, organisation: str = "",
            is_public: bool = False) -> Comment:
    _require_speaker(user)
    if not text.strip():
        raise InvalidValueError(_("a comment needs a text"))
    made = Comment.objects.create(author=user, text=text.strip(), recommendation=recommendation, report=report,
                                  organisation=organisation, is_public=is_public)
    record(user, made, AuditAction.CREATED, after={"text": made.text})
    return made


@transaction.atomic
def assess(user, recommendation, *, organisation: str, status: str, text: str, date: dt.date,
           is_public: bool = False) -> Assessment:
    """An organisation's own view of implementation, kept apart from the State's status."""
    roles.require(roles.role_of(user) == Role.CONTRIBUTOR, _("independent assessments are the contributors' own"))
    made = Assessment(author=user, organisation=organisation, recommendation=recommendation, status=status,
                      text=text, date=date, is_public=is_public)
    made.full_clean()
    made.save()
    record(user, made, AuditAction.CREATED, after=values(made, ["organisation", "status", "text", "date"]))
    return made


@transaction.atomic
def open_round(user, *, title: str, deadline: dt.date, invited, description: str = "") -> Round:
    roles.require(roles.can_plan(user), _("consultation rounds are opened by NMRF staff"))
    made = Round.objects.create(title=title, deadline=deadline, description=description, opened_by=user)
    made.invited.set(invited)
    record(user, made, AuditAction.CREATED, after={"title": title, "deadline": deadline.isoformat(),
                                                   "invited": sorted(u.pk for u in invited)})
    return made


@transaction.atomic
def reply(user, round_: Round, text: str) -> Reply:
    if not round_.invited.filter(pk=user.pk).exists() and not roles.can_plan(user):
        roles.require(False, _("only those invited reply to this consultation"))
    if not round_.is_open:
        raise InvalidValueError(_("this consultation is closed"))
    if not text.strip():
        raise InvalidValueError(_("a reply needs a text"))
    made = Reply.objects.create(round=round_, author=user, text=text.strip())
    record(user, made, AuditAction.CREATED, after={"text": text})
    return made


def replied(round_: Round) -> tuple[list, list]:
    """Who of those invited replied, and who has not yet (the NMRF's follow-up list)."""
    answered = set(round_.replies.values_list("author_id", flat=True))
    invited = list(round_.invited.order_by("username"))
    return [u for u in invited if u.pk in answered], [u for u in invited if u.pk not in answered]
