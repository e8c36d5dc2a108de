"""Source documents, recommendations, their translations and their tags."""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rightstrack.recommendations.choices import UN_LANGUAGES, DocumentKind, Position, RecommendationType, TagOrigin
from rightstrack.reference.models import Mechanism, SpecialProcedureMandate, State, Term, UPRSession
from rightstrack.reference.names import normalize_name


def paragraph_sort_key(paragraph: str) -> str:
    """ "121.10" sorts after "121.9": numbers are zero-padded, other characters kept."""
    return re.sub(r"\d+", lambda m: m.group(0).zfill(6), paragraph or "")


def text_fingerprint(text: str) -> str:
    """A short hash of a text with case, accents and punctuation folded: the key that
    recognises the same recommendation when a source gives no symbol or identifier."""
    return hashlib.sha1(normalize_name(text).encode("utf-8")).hexdigest()[:20]


def derived_fields(
    upr_session, paragraph: str, text: str, text_key: str | None = None, cycle: int | None = None
) -> dict:
    """The fields of a recommendation that follow from others (one rule for save() and
    for the bulk importer): the cycle from the UPR session (a source may give only the
    cycle, kept when there is no session), the sort key of the paragraph number, the
    fingerprint of the text."""
    return {
        "cycle": upr_session.cycle if upr_session is not None else cycle,
        "paragraph_key": paragraph_sort_key(paragraph),
        "text_key": text_key or text_fingerprint(text),
    }


class Document(models.Model):
    """A UN document recommendations come from: a UPR Working Group report
    (A/HRC/59/15), concluding observations (CRC/C/PER/CO/6-7), a visit report.

    ``upr_session`` is the Working Group session; ``cycle`` follows from it.
    ``body_session`` is the session of the Council or Committee that issued it.
    """

    symbol = models.CharField(_("symbol"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    mechanism = models.ForeignKey(Mechanism, on_delete=models.PROTECT, related_name="documents")
    states = models.ManyToManyField(State, blank=True, related_name="documents", verbose_name=_("States concerned"))
    date = models.DateField(_("date"), null=True, blank=True)
    upr_session = models.ForeignKey(
        UPRSession, on_delete=models.PROTECT, null=True, blank=True, related_name="documents"
    )
    cycle = models.PositiveSmallIntegerField(_("cycle"), null=True, blank=True, editable=False)
    body_session = models.PositiveIntegerField(_("session of the issuing body"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=UN_LANGUAGES, default="en")
    url = models.URLField(_("address"), blank=True)

    class Meta:
        ordering = ["-date", "symbol"]
        verbose_name = _("document")

    def __str__(self):
        return self.symbol

    def save(self, *args, **kwargs):
        self.cycle = self.upr_session.cycle if self.upr_session_id else None
        super().save(*args, **kwargs)


class Recommendation(models.Model):
    """One recommendation (or concern, or observation) made to a State.

    ``text`` is in ``language``; other languages of the same paragraph are
    Translations of this one recommendation, never separate recommendations. For the
    UPR, ``recommending_states`` made it and ``position`` is the State's response, with
    the document that gave it in ``position_source``. The cycle always follows from the
    UPR session (see ``save``).
    """

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="recommendations"
    )
    mechanism = models.ForeignKey(Mechanism, on_delete=models.PROTECT, related_name="recommendations")
    mandate = models.ForeignKey(
        SpecialProcedureMandate, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # No index of its own: the (state, mechanism, cycle) index serves look-ups by State,
    # and every index costs time on each of the 250,000 rows of a UHRI import.
    state = models.ForeignKey(
        State,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("State under review"),
        db_index=False,
    )
    paragraph = models.CharField(_("paragraph"), max_length=30, blank=True)
    paragraph_key = models.CharField(max_length=120, blank=True, editable=False)
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=5, choices=UN_LANGUAGES, default="en")
    text_key = models.CharField(max_length=20, db_index=True, editable=False)
    type = models.CharField(
        _("type"), max_length=20, choices=RecommendationType.choices, default=RecommendationType.RECOMMENDATION
    )
    subject = models.CharField(_("subject"), max_length=300, blank=True, help_text=_("The heading it stands under"))
    upr_session = models.ForeignKey(
        UPRSession,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("UPR session"),
    )
    cycle = models.PositiveSmallIntegerField(
        _("cycle"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Follows from the UPR session; kept as given only when the session is unknown."),
    )
    date = models.DateField(_("date"), null=True, blank=True)
    recommending_states = models.ManyToManyField(
        State, blank=True, related_name="recommendations_made", verbose_name=_("recommending States")
    )
    # NULL: no source has said (a pledge, or a recommendation not yet responded to);
    # kept apart from a value a source gave, so it stays nullable.
    position = models.CharField(  # noqa: DJ001
        _("position"), max_length=20, choices=Position.choices, null=True, blank=True
    )
    position_source = models.CharField(_("source of position"), max_length=100, blank=True)
    follow_up = models.BooleanField(_("selected for follow-up"), default=False)
    uhri_id = models.CharField(_("UHRI annotation id"), max_length=64, null=True, blank=True, unique=True)
    external_ids = models.JSONField(_("other identifiers"), default=dict, blank=True)
    comments = models.TextField(_("comments"), blank=True)
    edited_fields = models.JSONField(
        _("fields edited by a person"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("Imports never overwrite these fields."),
    )
    field_sources = models.JSONField(
        _("source of each field"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("The kind of source that gave each field's value (see ingest.precedence)."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "document__symbol", "paragraph_key", "id"]
        verbose_name = _("recommendation")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "paragraph"],
                name="recommendation_unique_paragraph",
                condition=models.Q(document__isnull=False) & ~models.Q(paragraph=""),
            ),
        ]
        indexes = [models.Index(fields=["state", "mechanism", "cycle"])]

    def __str__(self):
        where = f"{self.document.symbol} " if self.document_id else ""
        return f"{where}{self.paragraph}".strip() or self.text[:60]

    def save(self, *args, **kwargs):
        self.derive()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "cycle", "text_key", "paragraph_key"}
        super().save(*args, **kwargs)

    def derive(self, text_key: str | None = None) -> None:
        """Set the fields that follow from others; bulk writers call it, save() too.
        A caller that already fingerprinted the text passes ``text_key``."""
        # The cycle is a fact of the session, never entered on its own.
        derived = derived_fields(
            self.upr_session if self.upr_session_id else None, self.paragraph, self.text, text_key, self.cycle
        )
        for name, value in derived.items():
            setattr(self, name, value)


class Translation(models.Model):
    """The text of a recommendation in another UN language."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=5, choices=UN_LANGUAGES)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "language"], name="translation_unique_language")
        ]
        verbose_name = _("translation")

    def __str__(self):
        return f"{self.recommendation} [{self.language}]"


class TagAssignment(models.Model):
    """A term of a taxonomy attached to a recommendation, with where it came from.

    ``origin`` says whether it was imported (``source`` names the file or export),
    entered by a person, or suggested by a classifier (with its ``confidence``);
    ``confirmed`` records that a person checked it. Re-imports and retraining never
    remove or change a confirmed tag.
    """

    # The unique (recommendation, term) index serves look-ups by recommendation.
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="tags", db_index=False)
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="assignments")
    origin = models.CharField(_("origin"), max_length=10, choices=TagOrigin.choices)
    source = models.CharField(_("source"), max_length=200, blank=True)
    confidence = models.FloatField(_("confidence"), null=True, blank=True)
    # The kinds of source (ingest.precedence.SOURCES) that gave this tag: a source takes
    # back only its own claim, so one source's re-import never removes another's tag.
    sources = models.JSONField(_("given by"), default=list, blank=True)
    confirmed = models.BooleanField(_("confirmed"), default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "term"], name="tag_unique_term"),
            models.CheckConstraint(
                condition=models.Q(confidence__isnull=True) | models.Q(confidence__gte=0, confidence__lte=1),
                name="tag_confidence_range",
            ),
        ]
        verbose_name = _("tag")

    def __str__(self):
        return f"{self.term} ({self.get_origin_display()})"
