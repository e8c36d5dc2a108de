"""The shapes of the dashboard API: what its endpoints take and answer (a response schema
reads the rows an endpoint returns, with ``resolve_*`` for the values it computes)."""

from __future__ import annotations

from ninja import Field, Schema


class UHRIRecord(Schema):
    """One recommendation under the UHRI full-export headers; every value is a string,
    several values one per line starting with "- "."""

    text: str = Field(alias="Text")
    countries_concerned: str = Field(alias="Countries Concerned")
    recommending_body: str = Field(alias="Reccomending Body")
    document_symbol: str = Field(alias="Document Symbol")
    themes: str = Field(alias="Themes")
    affected_persons: str = Field(alias="Affected Persons")
    sdgs: str = Field(alias="Sdgs", description='One SDG a line: "- 16.2 - <target text>" or "- 16 - <GOAL TITLE>"')
    document_publication_date: str = Field(alias="Document Publication Date", description="YYYY-MM-DD or empty")
    upr_recommending_states: str = Field(alias="UPR Reccomending States")
    upr_position: str = Field(alias="UPR Position", description="Supported, Noted, Supported/Noted or empty")
    type: str = Field(alias="Type")
    ohchr_annotation_id: str = Field(
        alias="OHCHR Annotation Id", description='UHRI\'s id, or "rightstrack-<id>" for a recommendation UHRI lacks'
    )
    upr_session: str = Field(alias="UPR Session", description='"34th Session - Cycle 3" or empty')
    regions_concerned: str = Field(alias="Regions Concerned")
    recommending_regions: str = Field(alias="Recommending Regions")
    date_of_publication_on_uhri: str = Field(alias="Date of publication on UHRI", description="always empty")
