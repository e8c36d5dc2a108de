"""The shapes of the consultation API; the endpoints return the rows and these schemas
read them (``api.common.record``)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import field_validator

from rightstrack.consultation.choices import Subject
from rightstrack.planning.schemas import StatusName

MAX_INVITED = 500


class AssessmentOut(Schema):
    id: int
    recommendation_id: int
    organisation: str
    status: str = Field(description="how far the recommendation is implemented, in the organisation's view")
    text: str
    date: dt.date
    is_public: bool


class CommentOut(Schema):
    id: int
    recommendation_id: int | None
    report_id: int | None
    organisation: str
    text: str
    is_public: bool
    created_at: dt.datetime


class CommentIn(Schema):
    text: str = Field(min_length=1)
    recommendation: int | None = Field(None, description="the recommendation commented on; give it or a report")
    report: int | None = Field(None, description="the progress report commented on")
    organisation: str = Field("", max_length=300)
    is_public: bool = False


class AssessmentIn(Schema):
    recommendation: int
    organisation: str = Field(min_length=1, max_length=300)
    status: StatusName
    text: str = Field(min_length=1)
    date: dt.date | None = Field(None, description="today when left out")
    is_public: bool = False


class ReplyOut(Schema):
    id: int
    round_id: int
    author: str = Field(description="username")
    text: str
    created_at: dt.datetime

    @staticmethod
    def resolve_author(reply) -> str:
        return reply.author.get_username()


SubjectName = Literal[tuple(Subject.values)]


class RoundOut(Schema):
    id: int
    title: str
    description: str
    deadline: dt.date
    is_open: bool
    subject: SubjectName = Field(
        description='the draft consulted on: "midterm" (UPR mid-term report), "plan" '
        '(national action plan) or "" (other or general)'
    )
    country: str | None = Field(description="ISO 3166-1 alpha-3 code of the State under review (mid-term report)")
    cycle: int | None = Field(description="UPR cycle (mid-term report)")
    plan: int | None = Field(description="id of the action plan (national action plan)")

    @staticmethod
    def resolve_country(round_) -> str | None:
        return round_.country.iso3 if round_.country_id else None

    @staticmethod
    def resolve_plan(round_) -> int | None:
        return round_.plan_id


class RoundDetail(RoundOut):
    replied: list[str] | None = Field(
        description="usernames of those invited who replied (NMRF staff only; null for others)"
    )
    waiting: list[str] | None = Field(
        description="usernames of those invited who have not replied yet (NMRF staff only; null for others)"
    )
    replies: list[ReplyOut] = Field(description="every reply for NMRF staff; the caller's own for others")


class RoundIn(Schema):
    title: str = Field(min_length=1, max_length=300)
    description: str = Field("", description="what is asked")
    deadline: dt.date
    invited: list[str] = Field(min_length=1, max_length=MAX_INVITED, description="usernames of contributors")
    subject: SubjectName = Field("", description='"midterm" needs country and cycle, "plan" needs plan, "" none')
    country: str | None = Field(None, min_length=3, max_length=3, description="ISO 3166-1 alpha-3 code")
    cycle: int | None = Field(None, ge=1, description="UPR cycle")
    plan: int | None = Field(None, description="id of an action plan that is not archived")


class ReplyIn(Schema):
    text: str = Field(min_length=1)

    @field_validator("text")
    @classmethod
    def _not_blank(cls, text: str) -> str:
        # The service stores what it is given; a reply of spaces would count as replied.
        if not text.strip():
            raise ValueError(_("a reply needs a text"))
        return text.strip()
