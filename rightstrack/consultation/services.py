"""Writes of consultation: contributors (NHRI, civil society) comment and assess; the
NMRF opens rounds on draft reports. Nothing here touches the State's own status."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from rightstrack.consultation.choices import Subject
from rightstrack.consultation.models import Assessment, Comment, Reply, Round
from rightstrack.core.audit import record, values
from rightstrack.core.errors import InvalidValueError
from rightstrack.core.models import AuditAction
from rightstrack.core.permissions import require


def _require_speaker(user) -> None:
    require(user, "consultation.speak", refused=_("consultation is for NHRI and civil-society contributors"))


@transaction.atomic
def comment(
    user, text: str, *, recommendation=None, report=None, organisation: str = "", is_public: bool = False
) -> Comment:
    _require_speaker(user)
    if not text.strip():
        raise InvalidValueError(_("a comment needs a text"))
    made = Comment.objects.create(
        author=user,
        text=text.strip(),
        recommendation=recommendation,
        report=report,
        organisation=organisation,
        is_public=is_public,
    )
    record(user, made, AuditAction.CREATED, after={"text": made.text})
    return made


@transaction.atomic
def assess(
    user, recommendation, *, organisation: str, status: str, text: str, date: dt.date, is_public: bool = False
) -> Assessment:
    """An organisation's own view of implementation, kept apart from the State's status."""
    require(user, "consultation.assess", refused=_("independent assessments are the contributors' own"))
    made = Assessment(
        author=user,
        organisation=organisation,
        recommendation=recommendation,
        status=status,
        text=text,
        date=date,
        is_public=is_public,
    )
    made.full_clean()
    made.save()
    record(user, made, AuditAction.CREATED, after=values(made, ["organisation", "status", "text", "date"]))
    return made


# What the audit trail keeps of a round (the people invited as a sorted list of ids).
ROUND_FIELDS = ["title", "description", "deadline", "subject", "country", "cycle", "plan"]


def _round_values(round_: Round, invited) -> dict:
    return {**values(round_, ROUND_FIELDS), "invited": sorted(u.pk for u in invited)}


@transaction.atomic
def open_round(
    user,
    *,
    title: str,
    deadline: dt.date,
    invited,
    description: str = "",
    subject: str = Subject.OTHER,
    country=None,
    cycle: int | None = None,
    plan=None,
) -> Round:
    """Ask ``invited`` for their views by ``deadline`` on a draft: the UPR mid-term report
    of ``country`` (a State) for ``cycle``, the national action plan ``plan``, or
    something else (``subject`` ""). NMRF staff only; ValidationError names the field
    that does not fit the subject."""
    require(user, "consultation.manage", refused=_("consultation rounds are opened by NMRF staff"))
    invited = list(invited)
    made = Round(
        title=title,
        deadline=deadline,
        description=description,
        opened_by=user,
        subject=subject,
        country=country,
        cycle=cycle,
        plan=plan,
    )
    made.full_clean()
    made.save()
    made.invited.set(invited)
    record(user, made, AuditAction.CREATED, after=_round_values(made, invited))
    return made


@transaction.atomic
def update_round(
    user,
    round_: Round,
    *,
    title: str,
    deadline: dt.date,
    invited,
    description: str = "",
    subject: str = Subject.OTHER,
    country=None,
    cycle: int | None = None,
    plan=None,
) -> Round:
    """Change what a round asks, of whom, by when and on which draft (a round opened
    before rounds named their draft is "other" until linked here). NMRF staff only;
    replies already given stay."""
    require(user, "consultation.manage", refused=_("consultation rounds are changed by NMRF staff"))
    invited = list(invited)
    before = _round_values(round_, round_.invited.all())
    round_.title, round_.deadline, round_.description = title, deadline, description
    round_.subject, round_.country, round_.cycle, round_.plan = subject, country, cycle, plan
    round_.full_clean()
    round_.save()
    round_.invited.set(invited)
    record(user, round_, AuditAction.CHANGED, before, _round_values(round_, invited))
    return round_


@transaction.atomic
def reply(user, round_: Round, text: str) -> Reply:
    require(user, "consultation.reply", round_, refused=_("only those invited reply to this consultation"))
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
