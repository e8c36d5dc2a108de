"""People's roles and the institutions they act for.

``Entity`` is the State's institutions as a tree (ministries, agencies, parliament…):
recommendations and actions are assigned to them (``planning``), and a person's
``Profile`` gives their role and, for a focal point, the entity they act for.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.choices import EntityKind, Role
from rightstrack.core.models import Archivable, Versioned


class Entity(Archivable, Versioned):
    """A ministry, agency, parliament, court or subnational government."""

    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EntityKind.choices, default=EntityKind.MINISTRY)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("part of")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("responsible entity")
        verbose_name_plural = _("responsible entities")
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="entity_unique_name")]

    def __str__(self):
        return self.short_name or self.name

    def clean(self):
        # A loop would drop the entities in it from the tree (and from every list).
        seen, parent = {self.pk}, self.parent
        while parent is not None:
            if parent.pk in seen:
                raise ValidationError({"parent": _("an entity cannot be part of itself or of one of its parts")})
            seen.add(parent.pk)
            parent = parent.parent


class Profile(models.Model):
    """A person's role; a focal point acts for one entity (and the entities under it)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    entity = models.ForeignKey(
        Entity, on_delete=models.PROTECT, null=True, blank=True, related_name="members", verbose_name=_("entity")
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"
