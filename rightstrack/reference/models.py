"""Reference data: States, mechanisms, instruments, UPR sessions and taxonomies.

Shipped facts are loaded from ``reference/data`` by ``services.sync_reference_data``;
users extend them (State name variants, their own taxonomies and terms) through the
admin, without a migration.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from rightstrack.reference.choices import InstrumentKind, MandateKind, MechanismKind, RegionalGroup, StateStatus


class State(models.Model):
    """A UN Member State or non-member observer State, keyed by ISO 3166-1 alpha-3."""

    iso3 = models.CharField(_("ISO 3166-1 alpha-3"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True, help_text=_("UN short name"))
    official_name = models.CharField(_("official name"), max_length=200, blank=True)
    regional_group = models.CharField(_("UN regional group"), max_length=16, choices=RegionalGroup.choices)
    status = models.CharField(_("status"), max_length=10, choices=StateStatus.choices, default=StateStatus.MEMBER)

    class Meta:
        ordering = ["name"]
        verbose_name = _("State")

    def __str__(self):
        return self.name


class StateAlias(models.Model):
    """Another name a source uses for a State ("DPR Korea", "Cote d'Ivoire").

    ``normalized`` is unique, so one spelling can never point to two States.
    """

    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name"), max_length=200)
    normalized = models.CharField(max_length=200, unique=True, editable=False)
    builtin = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("State name variant")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        from rightstrack.reference.names import normalize_name

        self.normalized = normalize_name(self.name)
        super().save(*args, **kwargs)


class Mechanism(models.Model):
    """A UN human-rights mechanism: the UPR, a treaty body, the special procedures, the HRC."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=MechanismKind.choices)
    established = models.PositiveSmallIntegerField(_("established"), null=True, blank=True)
    followup_years = models.PositiveSmallIntegerField(
        _("years to reply in the follow-up procedure"),
        null=True,
        blank=True,
        help_text=_("Counted from the adoption of the concluding observations; empty: no written follow-up procedure."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("mechanism")

    def __str__(self):
        return self.code


class GradeLevel(models.Model):
    """One grade of a treaty body's scale for assessing a State's follow-up reply: the
    Human Rights Committee's A-E (and the B1-D2 of its older reports), other committees'
    words. Data, not code: an administrator may add or correct levels."""

    mechanism = models.ForeignKey(Mechanism, on_delete=models.CASCADE, related_name="grade_levels")
    code = models.CharField(_("code"), max_length=12)
    label = models.CharField(_("label"), max_length=100)
    meaning = models.TextField(_("meaning"), blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("1 is the most satisfactory."))
    legacy = models.BooleanField(_("no longer given"), default=False)

    class Meta:
        ordering = ["mechanism", "rank", "code"]
        verbose_name = _("follow-up grade")
        constraints = [models.UniqueConstraint(fields=["mechanism", "code"], name="grade_level_unique_code")]

    def __str__(self):
        return f"{self.mechanism.code} {self.code}"

    def display(self) -> str:
        """ "B1: Substantive action taken", the label in the active language."""
        from django.utils.translation import gettext

        return f"{self.code}: {gettext(self.label)}"


class Instrument(models.Model):
    """A core human-rights treaty or optional protocol and the body that monitors it."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    mechanism = models.ForeignKey(Mechanism, on_delete=models.PROTECT, related_name="instruments")
    kind = models.CharField(_("kind"), max_length=20, choices=InstrumentKind.choices)
    adopted = models.DateField(_("adopted"), null=True, blank=True)
    entry_into_force = models.DateField(_("entry into force"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("instrument")

    def __str__(self):
        return self.short_name or self.code


class SpecialProcedureMandate(models.Model):
    """A thematic or country mandate of the Human Rights Council's special procedures."""

    name = models.CharField(_("name"), max_length=300, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=MandateKind.choices)
    state = models.ForeignKey(State, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    established = models.PositiveSmallIntegerField(_("established"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("special procedure mandate")

    def __str__(self):
        return self.name


class UPRSession(models.Model):
    """A session of the UPR Working Group; its number fixes its cycle."""

    number = models.PositiveSmallIntegerField(_("session"), unique=True)
    cycle = models.PositiveSmallIntegerField(_("cycle"))
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("UPR session")

    def __str__(self):
        return str(self.number)


class Taxonomy(models.Model):
    """A vocabulary recommendations are tagged with: UHRI themes, SDG targets, a national plan.

    ``builtin`` taxonomies are shipped and kept up to date by ``rightstrack init``;
    users create their own in the admin. ``open`` taxonomies accept new terms from
    imports (a source's vocabulary grows); closed ones refuse unknown terms.
    """

    slug = models.SlugField(_("identifier"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    source = models.TextField(_("source"), blank=True, help_text=_("Where the terms come from"))
    builtin = models.BooleanField(default=False, editable=False)
    open = models.BooleanField(_("accepts new terms on import"), default=False)
    multiple = models.BooleanField(_("several terms per recommendation"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")

    def __str__(self):
        return self.name


class Term(models.Model):
    """A term of a taxonomy; ``parent`` builds hierarchies (SDG goal → target → indicator)."""

    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.CASCADE, related_name="terms")
    code = models.CharField(_("code"), max_length=200)
    label = models.CharField(_("label"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    aliases = models.JSONField(_("other spellings"), default=list, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["taxonomy", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["taxonomy", "code"], name="term_unique_code")]
        verbose_name = _("term")

    def __str__(self):
        return self.label
