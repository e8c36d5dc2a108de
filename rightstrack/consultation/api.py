"""REST API of consultation: what the NHRI and civil society say, kept apart from the
State's own reporting.

Comments and independent assessments of a recommendation (comments also of a progress
report) read by anyone who may see what they are about: the public ones for anonymous
callers, all of them for signed-in ones. Consultation rounds are for the NMRF (every
round, with who replied and who has not yet) and for those invited (their rounds and
their own replies); anonymous callers see none. A round names the draft it is on
(``subject``: the UPR mid-term report of a ``country`` and ``cycle``, or a ``plan``).
Writes take a token or a session; the services decide who may (contributors and the
NMRF comment, contributors assess, the NMRF opens rounds, those invited reply) and
refuse others with a 403.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router

from rightstrack.accounts.choices import Role
from rightstrack.api.auth import SIGNED_IN, api_user
from rightstrack.api.common import WRITE_ERRORS, With, created, found, referenced
from rightstrack.api.errors import BadParameter, NotFound
from rightstrack.consultation import selectors, services
from rightstrack.consultation.models import Round
from rightstrack.consultation.schemas import (
    AssessmentIn,
    AssessmentOut,
    CommentIn,
    CommentOut,
    ReplyIn,
    ReplyOut,
    RoundDetail,
    RoundIn,
    RoundOut,
)
from rightstrack.core.permissions import can, require
from rightstrack.planning.models import Plan
from rightstrack.progress import selectors as progress
from rightstrack.recommendations.selectors import visible_recommendations
from rightstrack.reference.models import State

router = Router(tags=["consultation"])


def round_detail(request, round_: Round) -> With:
    """The round, its replies the caller may read, and for NMRF staff who replied."""
    user = api_user(request)
    replies = round_.replies.select_related("author")
    if can(user, "consultation.manage"):
        answered, waiting = services.replied(round_)
        replied, waiting = [u.get_username() for u in answered], [u.get_username() for u in waiting]
    else:
        replied = waiting = None
        replies = replies.filter(author=user)
    return With(round_, replied=replied, waiting=waiting, replies=list(replies))


def _round(request, round_id: int) -> Round:
    return found(selectors.rounds(api_user(request)), round_id, _("No such consultation round."))


def _recommendation(request, recommendation_id: int):
    return found(visible_recommendations(api_user(request)), recommendation_id, _("No such recommendation."))


# --- Reads --------------------------------------------------------------------------


@router.get(
    "/recommendations/{recommendation_id}/assessments",
    response={200: list[AssessmentOut], 404: NotFound},
    summary="Independent assessments of a recommendation, newest first",
)
def list_assessments(request, recommendation_id: int):
    """Public assessments for anonymous callers, all of them for signed-in ones."""
    recommendation = _recommendation(request, recommendation_id)
    return list(selectors.assessments(api_user(request), recommendation))


@router.get(
    "/recommendations/{recommendation_id}/comments",
    response={200: list[CommentOut], 404: NotFound},
    summary="Comments on a recommendation, newest first",
)
def list_recommendation_comments(request, recommendation_id: int):
    """Public comments for anonymous callers, all of them for signed-in ones."""
    recommendation = _recommendation(request, recommendation_id)
    return list(selectors.comments(api_user(request), recommendation=recommendation))


@router.get(
    "/reports/{report_id}/comments",
    response={200: list[CommentOut], 404: NotFound},
    summary="Comments on a progress report, newest first",
)
def list_report_comments(request, report_id: int):
    """Of a report the caller may see: public comments for anonymous callers, all of them
    for signed-in ones."""
    user = api_user(request)
    report = found(progress.reports(user), report_id, _("No such report."))
    return list(selectors.comments(user, report=report))


@router.get("/rounds", response=list[RoundOut], summary="Consultation rounds, latest deadline first")
def list_rounds(request):
    """Every round for NMRF staff, the rounds they are invited to for others; none for
    anonymous callers. The whole list at once, not paged."""
    return list(selectors.rounds(api_user(request)).select_related("country"))


@router.get(
    "/rounds/{round_id}", response={200: RoundDetail, 404: NotFound}, summary="One consultation round, with its replies"
)
def get_round(request, round_id: int):
    return round_detail(request, _round(request, round_id))


# --- Writes -------------------------------------------------------------------------


@router.post(
    "/comments",
    auth=SIGNED_IN,
    response={201: CommentOut, **WRITE_ERRORS},
    summary="Comment on a recommendation or a progress report (contributors, NMRF)",
)
def create_comment(request, body: CommentIn):
    user = api_user(request)
    if body.recommendation is None and body.report is None:
        raise BadParameter("recommendation", _("give a recommendation or a report"))
    made = services.comment(
        user,
        body.text,
        organisation=body.organisation,
        is_public=body.is_public,
        recommendation=referenced(visible_recommendations(user), body.recommendation, "recommendation"),
        report=referenced(progress.reports(user), body.report, "report"),
    )
    return created(made)


@router.post(
    "/assessments",
    auth=SIGNED_IN,
    response={201: AssessmentOut, **WRITE_ERRORS},
    summary="Assess how far a recommendation is implemented (contributors)",
)
def create_assessment(request, body: AssessmentIn):
    """The organisation's own view; it never changes the State's status."""
    user = api_user(request)
    recommendation = referenced(visible_recommendations(user), body.recommendation, "recommendation")
    made = services.assess(
        user,
        recommendation,
        organisation=body.organisation,
        status=body.status,
        text=body.text,
        date=body.date or timezone.localdate(),
        is_public=body.is_public,
    )
    return created(made)


@router.post(
    "/rounds",
    auth=SIGNED_IN,
    response={201: RoundDetail, **WRITE_ERRORS},
    summary="Open a consultation round (NMRF staff)",
)
def create_round(request, body: RoundIn):
    """Ask contributors (by username) for their views by a deadline."""
    user = api_user(request)
    # Asked before the usernames are looked up: a 400 naming an unknown one would
    # otherwise tell anybody signed in which accounts exist. The service asks again.
    require(user, "consultation.manage", refused=_("consultation rounds are opened by NMRF staff"))
    made = services.open_round(
        user,
        title=body.title,
        deadline=body.deadline,
        description=body.description,
        invited=_contributors(body.invited),
        subject=body.subject,
        country=referenced_state(body.country),
        cycle=body.cycle,
        plan=referenced(Plan.objects.filter(archived=False), body.plan, "plan"),
    )
    return created(round_detail(request, made))


def referenced_state(iso3: str | None) -> State | None:
    """The State with this ISO3 code (None for None); 400 naming ``country`` otherwise."""
    if iso3 is None:
        return None
    state = State.objects.filter(iso3=iso3.upper()).first()
    if state is None:
        raise BadParameter("country", _("no State with the code %(code)s") % {"code": iso3})
    return state


def _contributors(usernames: list[str]) -> list:
    """The active contributors with these usernames, as the web form offers them; 400
    naming the first that is not one."""
    people = get_user_model().objects.filter(is_active=True, profile__role=Role.CONTRIBUTOR, username__in=usernames)
    by_name = {person.get_username(): person for person in people}
    unknown = [name for name in usernames if name not in by_name]
    if unknown:
        raise BadParameter("invited", _("no contributor named %(name)s") % {"name": unknown[0]})
    return [by_name[name] for name in dict.fromkeys(usernames)]


@router.post(
    "/rounds/{round_id}/replies",
    auth=SIGNED_IN,
    response={201: ReplyOut, **WRITE_ERRORS},
    summary="Reply to a consultation round (those invited, NMRF staff)",
)
def create_reply(request, round_id: int, body: ReplyIn):
    """A closed round takes no more replies (400)."""
    made = services.reply(api_user(request), _round(request, round_id), body.text)
    return created(made)
