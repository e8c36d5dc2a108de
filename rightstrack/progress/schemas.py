"""The shapes of the progress API: what its endpoints take and answer (a response schema
reads the rows an endpoint returns, with ``resolve_*`` for the values it computes)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import field_validator

from rightstrack.api.common import (
    HistoryEntry,
    unwrap,
)
from rightstrack.api.paging import page_schema
from rightstrack.planning.choices import Status
from rightstrack.planning.schemas import StatusName
from rightstrack.progress import evidence as evidence_files

ProposedStatus = Literal[("", *Status.values)]


MAX_LINKS = 50
MAX_VALUES = 500


def web_address(link: str) -> str:
    """``link`` if it is a web address evidence may point to; ValueError (a 400 naming
    the parameter) otherwise."""
    try:
        URLValidator()(link)
    except ValidationError:
        raise ValueError(_("not a web address: %(link)s") % {"link": link[:100]}) from None
    if len(link) > 500:
        raise ValueError(_("a web address of at most 500 characters"))
    return link


class ReportOut(Schema):
    id: int
    action_id: int | None
    recommendation_id: int | None
    entity_id: int = Field(description="the entity the report speaks for")
    entity: str
    date: dt.date
    text: str
    proposed_status: str = Field(description="the status the report proposes; it applies once validated")
    stage: str = Field(description="draft, submitted, returned, validated or published")
    state: str = Field(description="the old name of ``stage`` (deprecated: removed in the next release)")
    review_comment: str = Field(description="what the NMRF asked to change when it returned the report")
    version: int = Field(description="send it back with an edit or a step of the workflow")

    @staticmethod
    def resolve_entity(report) -> str:
        return str(report.entity)

    @staticmethod
    def resolve_state(report) -> str:
        return report.stage


class IndicatorValueOut(Schema):
    indicator_id: int
    indicator: str
    value: str
    date: dt.date

    @staticmethod
    def resolve_indicator(value) -> str:
        return value.indicator.name


class EvidenceOut(Schema):
    id: int
    link: str
    file: str | None = Field(
        description="where to download the attached file (GET, with the report's permissions: "
        "this API's endpoint, so a token works); null for a link"
    )
    page: str | None = Field(description="the same file's download address on the web pages (a signed-in browser)")
    name: str | None = Field(description="the file's name as its author gave it")
    size: int | None = Field(description="the file's size in bytes")
    content_type: str | None = Field(description="the file's type, checked from its content")
    description: str

    @staticmethod
    def resolve_file(evidence) -> str | None:
        return reverse("api:evidence_download", args=[evidence.report_id, evidence.pk]) if evidence.file else None

    @staticmethod
    def resolve_page(evidence) -> str | None:
        return evidence.get_absolute_url() if evidence.file else None

    @staticmethod
    def resolve_name(evidence) -> str | None:
        return evidence.display_name or None

    @staticmethod
    def resolve_content_type(evidence) -> str | None:
        kind = evidence_files.KINDS.get(evidence_files.extension(evidence.file.name)) if evidence.file else None
        return kind.content_type if kind else None


class ReportDetail(ReportOut):
    indicator_values: list[IndicatorValueOut]
    evidence: list[EvidenceOut]
    history: list[HistoryEntry] = Field(description="newest first; empty for anonymous callers")


ReportPage = page_schema(ReportOut, "ReportPage")


class TrackingOut(Schema):
    recommendation_id: int
    status: str
    grade: str = Field(description="a treaty body's follow-up grade (empty: none)")
    version: int = Field(description="send it back with a change")


class IndicatorValueIn(Schema):
    indicator: int = Field(description="id of one of the action's indicators")
    value: str = Field(min_length=1, max_length=100)


class ReportIn(Schema):
    action: int | None = Field(None, description="the action reported on; give an action or a recommendation")
    recommendation: int | None = None
    text: str = Field(min_length=1)
    date: dt.date | None = Field(None, description="today when left out")
    proposed_status: ProposedStatus = ""
    indicator_values: list[IndicatorValueIn] = Field([], max_length=MAX_VALUES)
    links: list[str] = Field([], max_length=MAX_LINKS, description="addresses of the evidence")

    @field_validator("links")
    @classmethod
    def _links_are_addresses(cls, links: list[str]) -> list[str]:
        return [web_address(link) for link in links]


class EvidenceIn(Schema):
    link: str = Field(description="address of the evidence: a law in the official gazette, a budget line, ...")
    description: str = Field("", max_length=300)

    @field_validator("link")
    @classmethod
    def _link_is_an_address(cls, link: str) -> str:
        return web_address(link)


class VersionIn(Schema):
    version: int = Field(description="the version the caller read")


class ReportEdit(VersionIn):
    text: str = Field(None, min_length=1)
    proposed_status: ProposedStatus = Field(None)


class ReturnIn(VersionIn):
    comment: str = Field(description="what the author should change")


class TrackingIn(VersionIn):
    status: StatusName = Field(None)
    grade: str | None = Field(
        None,
        max_length=12,
        description="a code of the committee's grade scale (A to E for the Human Rights Committee); empty: none",
    )


class AssessmentOut(Schema):
    round: int = Field(description="1 for the Committee's first assessment of this procedure")
    symbol: str = Field(description="the report that gives it, e.g. CCPR/C/128/3/Add.2 (empty when not known)")
    session: int | None
    dates: str = Field(description="the session's dates as the report gives them")
    date: dt.date | None = Field(description="the session's last day")
    year: int | None


class GradeOut(Schema):
    round: int
    label: str = Field(description="the parts graded together, as the Committee wrote them; empty: the whole paragraph")
    parts: list[str] = Field(description="the labels of the parts this grade covers")
    grade: str = Field(description="a code of the committee's scale (GET /api/mechanisms shows the committees)")
    meaning: str
    evaluation: str = Field(description="the Committee's evaluation")


class PartOut(Schema):
    label: str
    text: str = Field(description="the part verbatim")
    latest_grade: str = Field(description="the grade of the latest round that covers it (empty: none)")


class ParagraphOut(Schema):
    paragraph: str
    title: str
    recommendation_id: int | None = Field(description="null when the paragraph's text is not recorded")
    parts: list[PartOut]
    grades: list[GradeOut]


class FollowUpOut(Schema):
    id: int
    document: str
    mechanism: str
    states: list[str] = Field(description="ISO3 codes")
    adopted: dt.date | None
    due: dt.date | None = Field(
        description="the Committee's own date, else one year after adoption (two for CEDAW and CMW); null when unknown"
    )
    reply_symbol: str
    reply_date: dt.date | None
    paragraphs: list[str]
    latest_grades: dict[str, int] = Field(description="the grades of the latest assessment, counted")

    @staticmethod
    def resolve_document(follow_up) -> str:
        return follow_up.document.symbol

    @staticmethod
    def resolve_mechanism(follow_up) -> str:
        return follow_up.document.mechanism.code

    @staticmethod
    def resolve_states(follow_up) -> list[str]:
        return [s.iso3 for s in follow_up.document.states.all()]

    @staticmethod
    def resolve_adopted(follow_up) -> dt.date | None:
        return follow_up.document.date

    @staticmethod
    def resolve_due(follow_up) -> dt.date | None:
        return follow_up.due_date

    @staticmethod
    def resolve_paragraphs(follow_up) -> list[str]:
        return [p.paragraph for p in follow_up.paragraphs.all()]

    @staticmethod
    def resolve_latest_grades(follow_up) -> dict[str, int]:
        from rightstrack.progress.selectors import latest_grade_counts

        # A detail's ``assessments`` are the API's; the counts read the procedure's own.
        return latest_grade_counts(unwrap(follow_up))


class FollowUpDetail(FollowUpOut):
    assessments: list[AssessmentOut]
    paragraph_details: list[ParagraphOut]


class GradeCount(Schema):
    mechanism: str
    state: str
    iso3: str
    total: int
    grades: dict[str, int]
