"""The shapes of the reports API: what its endpoints take and answer (a response schema
reads the rows an endpoint returns, with ``resolve_*`` for the values it computes)."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema

from rightstrack.reports import services

Language = Literal[services.LANGUAGES]

Format = Literal[services.KINDS["matrix"]]


class MatrixQuery(Schema):
    country: str | None = Field(
        None, description="The State under review, by its ISO 3166-1 alpha-3 code (`SVN`); omit for every State."
    )
    cycle: int | None = Field(
        None,
        ge=1,
        description="The UPR cycle (1-4); omit for every cycle. Treaty-body and "
        "special-procedure recommendations have no cycle.",
    )
    mechanism: str | None = Field(
        None, description="A mechanism's code (`UPR`, `CCPR`, `CEDAW`, …); omit for every mechanism."
    )
    language: Language = Field(
        "en",
        description="The language of the headings and labels, and of the "
        "recommendations' texts where a translation is stored; `ar` gives a "
        "right-to-left document.",
    )
    format: Format = Field(
        "docx",
        description="`docx`: OHCHR's Word table; `xlsx`: one row per recommendation with every field, with filters.",
    )


class MidtermQuery(Schema):
    country: str = Field(..., description="The State under review, by its ISO 3166-1 alpha-3 code (`SVN`).")
    cycle: int = Field(..., ge=1, description="The UPR cycle (1-4).")
    organisation: str | None = Field(
        None,
        max_length=300,
        description=(
            "An NHRI's or civil-society organisation's name, as its independent assessments give it: the report is "
            "then theirs, built from their assessments instead of the State's progress reports."
        ),
    )
    language: Language = Field(
        "en", description="The language of the headings, labels and charts; `ar` gives a right-to-left document."
    )
    format: Literal[services.KINDS["midterm"]] = Field("docx", description="`docx` (Word) or `pdf`.")


class PlanQuery(Schema):
    plan: int = Field(..., ge=1, description="The plan's id (`GET /api/plans`).")
    language: Language = Field(
        "en", description="The language of the headings and labels; `ar` gives a right-to-left document."
    )
    format: Literal[services.KINDS["plan"]] = Field(
        "docx",
        description=(
            "`docx` (Word) or `pdf`: OHCHR Handbook's table, Goal | Objective | Activity | Responsible agency | "
            "Completion; `xlsx`: one row per activity with every field, and the indicators on a second sheet."
        ),
    )


class FollowUpQuery(Schema):
    document: str = Field(
        ...,
        min_length=1,
        max_length=100,
        description=(
            "The concluding observations whose follow-up paragraphs the report answers, by symbol (`CCPR/C/SVN/CO/3`; "
            "`GET /api/followup` lists them)."
        ),
    )
    language: Language = Field(
        "en", description="The language of the headings and labels; `ar` gives a right-to-left document."
    )
    format: Literal[services.KINDS["followup"]] = Field("docx", description="`docx` (Word) or `pdf`.")
