"""The kinds of source a recorded value can come from, as a person reads them.

Imports record, for every value they write, the kind of source that gave it (see
``ingest.precedence`` for how the kinds rank); the history shows these names. They live
here, in the foundation, because the history panel of every app shows them.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SOURCES = {
    "person": _("a person's edit"),
    "addendum": _("the State's responses (addendum to the Working Group report)"),
    "wg-report": _("the Working Group report"),
    "concluding-observations": _("the treaty body's concluding observations"),
    "ohchr-list": _("OHCHR's thematic list of recommendations"),
    "uhri": _("the Universal Human Rights Index export"),
    "upr-info": _("the UPR Info database"),
    "rightstrack-json": _("a rightstrack export"),
    "table": _("a table read with a column mapping"),
    # A treaty body's follow-up report quotes the paragraphs it assesses: ranked below the
    # concluding observations themselves (ingest.precedence ranks unlisted kinds last).
    "treaty-followup": _("a treaty body's follow-up assessment"),
    # Tags imported before kinds of source were recorded (recommendations migration 0002).
    "earlier-import": _("an earlier import"),
}


def source_label(kind: str | None) -> str:
    """A kind of source as a person reads it; a value recorded before sources were kept
    (or a tag's earlier import) is "an earlier import"."""
    return str(SOURCES.get(kind or "", _("an earlier import")))
