"""Reads of consultation: the public sees what contributors marked public; signed-in
people see every comment and assessment; rounds are for the NMRF and those invited.
``rounds_about`` and ``consultation_summary`` give a draft report's methodology chapter
who was consulted on it, when, and how many replied."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils import timezone

from rightstrack.accounts import roles
from rightstrack.accounts.choices import Role
from rightstrack.consultation.models import Assessment, Comment, Reply, Round
from rightstrack.core.models import AuditAction, AuditEvent
from rightstrack.core.permissions import can
from rightstrack.planning.models import Plan
from rightstrack.reference.models import State


def comments(user, *, recommendation=None, report=None) -> QuerySet[Comment]:
    found = Comment.objects.filter(archived=False).select_related("author")
    if recommendation is not None:
        found = found.filter(recommendation=recommendation)
    if report is not None:
        found = found.filter(report=report)
    return found if can(user, "core.see_unpublished") else found.filter(is_public=True)


def assessments(user, recommendation=None) -> QuerySet[Assessment]:
    found = Assessment.objects.filter(archived=False).select_related("author")
    if recommendation is not None:
        found = found.filter(recommendation=recommendation)
    return found if can(user, "core.see_unpublished") else found.filter(is_public=True)


def rounds(user) -> QuerySet[Round]:
    """NMRF staff see every round; others the rounds they are invited to."""
    if can(user, "consultation.manage"):
        return Round.objects.all()
    if not can(user, "core.see_unpublished"):
        return Round.objects.none()
    return Round.objects.filter(invited=user)


# --- Who was consulted on a draft report -------------------------------------------------


def _people() -> list[Prefetch]:
    """The invited and the replies' authors with their profile and entity: what the
    summary reads of each person, in one query per relation."""
    people = get_user_model().objects.select_related("profile__entity")
    return [
        Prefetch("invited", queryset=people),
        Prefetch("replies", queryset=Reply.objects.select_related("author__profile__entity")),
    ]


def rounds_about(
    *, subject: str, country: State | str | None = None, cycle: int | None = None, plan: Plan | int | None = None
) -> QuerySet[Round]:
    """The consultation rounds on one draft, earliest deadline first: ``subject`` (a
    ``Subject``), narrowed to a State (a ``State`` or its ISO3 code), a UPR cycle or a
    plan (a ``Plan`` or its id) when given. The invited and the replies come prefetched
    for ``consultation_summary``.

    No permission check: the report that cites the rounds is written by NMRF staff (a
    page listing rounds uses ``rounds(user)``)."""
    found = Round.objects.filter(subject=subject)
    if country is not None:
        found = (
            found.filter(country__iso3=country.upper()) if isinstance(country, str) else found.filter(country=country)
        )
    if cycle is not None:
        found = found.filter(cycle=cycle)
    if plan is not None:
        found = found.filter(plan=plan)
    return found.select_related("country", "plan").prefetch_related(*_people()).order_by("deadline", "id")


@dataclass
class RoundSummary:
    """One round as a methodology chapter cites it: who was consulted, when, how many replied.

    ``opened`` is the day the round was opened, from the audit trail (the round keeps no
    date of its own; None for a round made without the services). ``replied`` counts
    the distinct authors of replies among those invited, so it is never more than
    ``invited`` (a note by NMRF staff who were not invited does not count). ``organisations`` are
    the repliers' organisations, each once, sorted: see ``organisation_of``.
    ``invited_roles`` counts the invited by their role's label."""

    title: str
    description: str
    opened: dt.date | None
    deadline: dt.date
    is_open: bool
    invited: int
    replied: int
    organisations: list[str] = field(default_factory=list)
    invited_roles: dict[str, int] = field(default_factory=dict)
    about: str = ""
    id: int | None = None


def organisation_of(person, declared: dict[int, str]) -> str:
    """The organisation a person speaks for, the best the site knows: the entity of their
    profile (an NHRI, a ministry) as an administrator set it; else the organisation they
    last gave with an independent assessment or a comment (``declared``, by user id);
    else their full name; else their username."""
    profile = getattr(person, "profile", None)
    if profile is not None and profile.entity is not None:
        return profile.entity.name
    return declared.get(person.pk) or person.get_full_name() or person.get_username()


def _declared(user_ids: set[int]) -> dict[int, str]:
    """The organisation each person last gave: an assessment's (always given) before a
    comment's (optional). Two queries, whatever the number of people."""
    if not user_ids:
        return {}
    found: dict[int, str] = {}
    comments = (
        Comment.objects.filter(author_id__in=user_ids, archived=False)
        .exclude(organisation="")
        .order_by("-created_at", "-id")
        .values_list("author_id", "organisation")
    )
    assessments = (
        Assessment.objects.filter(author_id__in=user_ids, archived=False)
        .exclude(organisation="")
        .order_by("-date", "-id")
        .values_list("author_id", "organisation")
    )
    for rows in (assessments, comments):
        for author_id, organisation in rows:
            found.setdefault(author_id, organisation.strip())
    return found


def _opened(round_ids: list[int]) -> dict[int, dt.date]:
    """The day each round was opened: its "created" event in the audit trail."""
    events = AuditEvent.objects.filter(
        content_type__app_label="consultation",
        content_type__model="round",
        action=AuditAction.CREATED,
        object_id__in=[str(pk) for pk in round_ids],
    )
    opened: dict[int, dt.date] = {}
    for object_id, at in events.order_by("at").values_list("object_id", "at"):
        opened.setdefault(int(object_id), timezone.localdate(at))
    return opened


def _repliers(round_: Round) -> list:
    """Those invited who replied, each once (as ``services.replied`` and the round's page
    count them: a note NMRF staff add to a round they were not invited to is no reply)."""
    invited = {person.pk for person in round_.invited.all()}
    authors = {reply.author_id: reply.author for reply in round_.replies.all() if reply.author_id in invited}
    return list(authors.values())


def consultation_summary(rounds) -> list[RoundSummary]:
    """Each round (a queryset or a list; best from ``rounds_about``) as a ``RoundSummary``,
    in the order given. Reads only, in a fixed number of queries: what ``rounds_about``
    did not prefetch is prefetched here, then one query for the opening dates and two
    for the organisations people gave."""
    rounds = list(rounds)
    if not rounds:
        return []
    # Skipped for what is already fetched (select_related, prefetch_related).
    prefetch_related_objects(rounds, "country", "plan", *_people())
    repliers = {round_.pk: _repliers(round_) for round_ in rounds}
    declared = _declared({person.pk for people in repliers.values() for person in people})
    opened = _opened([round_.pk for round_ in rounds])
    summaries = []
    for round_ in rounds:
        invited = list(round_.invited.all())
        authors = repliers[round_.pk]
        labels = Counter(str(Role(roles.role_of(person)).label) for person in invited)
        summaries.append(
            RoundSummary(
                title=round_.title,
                description=round_.description,
                opened=opened.get(round_.pk),
                deadline=round_.deadline,
                is_open=round_.is_open,
                invited=len(invited),
                replied=len(authors),
                organisations=sorted({organisation_of(person, declared) for person in authors}, key=str.casefold),
                invited_roles=dict(sorted(labels.items(), key=lambda item: (-item[1], item[0]))),
                about=round_.about,
                id=round_.pk,
            )
        )
    return summaries
