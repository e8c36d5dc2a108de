"""What every domain app shares: the audit trail, and the two habits of editable
objects (``Versioned``: optimistic locking; ``Archivable``: archived, never deleted).

Each change that services make to a tracked object (a plan, an action, an indicator,
a responsibility…) is an ``AuditEvent``: who, when, what, and the fields' values before
and after. Pages show it as the object's history; nothing users do hard-deletes a
tracked object (they archive it), so the history always has its subject.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Versioned(models.Model):
    """An object edited by several people: each save through ``core.audit.save_versioned``
    checks the version the editor read and moves it on, so nobody overwrites a change
    they did not see."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class Archivable(models.Model):
    """An object that is archived, not deleted: its history keeps its subject, and it
    can be restored."""

    archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        abstract = True


class AuditAction(models.TextChoices):
    CREATED = "created", _("Created")
    CHANGED = "changed", _("Changed")
    ARCHIVED = "archived", _("Archived")
    RESTORED = "restored", _("Restored")
    IMPORTED = "imported", _("Imported")
    # A source gave another value than the one kept (a stronger source's, or a person's).
    DISAGREED = "disagreed", _("A source disagreed")


class AuditEvent(models.Model):
    """One change to one object; ``changes`` maps each field to ``[before, after]``."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    action = models.CharField(_("action"), max_length=10, choices=AuditAction.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]
        verbose_name = _("change")
        verbose_name_plural = _("changes")

    def __str__(self):
        return f"{self.object_repr}: {self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"


class JobState(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """Long work done in the background (an import, tagging, training, vectors): who
    asked for it, its state, and what it said. The worker runs it (``core.jobs``); the
    job page follows it. ``params`` is what the kind needs to run, ``result`` what it
    gives back for its page, ``messages`` the lines a person reads, ``errors`` why it failed."""

    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    state = models.CharField(_("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    language = models.CharField(max_length=10, blank=True)
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    messages = models.JSONField(default=list, blank=True)
    errors = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")

    def __str__(self):
        return f"{self.title} ({self.get_state_display()})"

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)
