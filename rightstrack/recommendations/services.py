"""Writes to recommendations made by people (imports have their own writer in ingest)."""

from __future__ import annotations

from django.db import transaction

from rightstrack.recommendations.models import Recommendation

# Fields a person may correct; an import never overwrites a field once a person edited it.
EDITABLE_FIELDS = [
    "text",
    "paragraph",
    "type",
    "subject",
    "position",
    "position_source",
    "date",
    "state",
    "upr_session",
    "document",
    "mechanism",
    "follow_up",
    "comments",
]


@transaction.atomic
def record_manual_edit(recommendation: Recommendation, changed: list[str]) -> None:
    """Remember which fields a person changed, so later imports keep their values."""
    fields = sorted({*recommendation.edited_fields, *(f for f in changed if f in EDITABLE_FIELDS)})
    if fields != recommendation.edited_fields:
        recommendation.edited_fields = fields
        recommendation.save(update_fields=["edited_fields"])
