"""Forms of progress reporting: a report with its indicator values and evidence, the
NMRF's comment when it returns one, and a recommendation's status."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rightstrack.core.errors import InvalidValueError
from rightstrack.core.limits import MAX_EVIDENCE_MB
from rightstrack.planning.forms import DATE, VersionedForm
from rightstrack.progress import evidence
from rightstrack.progress.models import ProgressReport, Tracking
from rightstrack.progress.services import check_grade, grades_apply
from rightstrack.reference.models import GradeLevel


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceFilesField(forms.FileField):
    """Any number of evidence files, each checked from its bytes (progress.evidence), so
    a refused file is named at the field and nothing of the report is saved."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        cleaned = [super(EvidenceFilesField, self).clean(f, initial) for f in files if f]
        errors = []
        for upload in cleaned:
            try:
                evidence.check(upload)
            except InvalidValueError as error:
                errors.append(str(error))
        if errors:
            raise ValidationError(errors)
        return cleaned


class ReportForm(VersionedForm):
    """The report's text, date and proposed status; for an action, one optional value
    per indicator (``indicator_<id>``); evidence links one per line and a file."""

    links = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("Evidence links"),
        help_text=_("One web address per line: a law in the official gazette, a budget line, a report."),
    )
    files = EvidenceFilesField(required=False, label=_("Evidence files"))

    class Meta:
        model = ProgressReport
        fields = ["date", "text", "proposed_status"]
        widgets = {"date": DATE, "text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposed_status"].help_text = _("Becomes the status once the NMRF validates the report.")
        self.fields["files"].help_text = gettext(
            "Documents (PDF, Word, OpenDocument, RTF, text), spreadsheets (Excel, OpenDocument, CSV), "
            "presentations, images (PNG, JPEG, GIF, WebP, TIFF) or zip archives; up to %(mb)d MB each. "
            "You may choose several."
        ) % {"mb": MAX_EVIDENCE_MB}
        self.indicators = list(indicators)
        for indicator in self.indicators:
            unit = f" ({indicator.unit})" if indicator.unit else ""
            self.fields[f"indicator_{indicator.pk}"] = forms.CharField(
                required=False,
                max_length=100,
                label=f"{indicator.name}{unit}",
                help_text=_("Baseline %(baseline)s, target %(target)s")
                % {"baseline": indicator.baseline or "—", "target": indicator.target or "—"},
            )

    def clean_links(self):
        links = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        check = URLValidator()
        for link in links:
            try:
                check(link)
            except ValidationError:
                raise ValidationError(_("Not a web address: %(link)s") % {"link": link}) from None
        return links

    def indicator_values(self) -> list[tuple]:
        return [
            (i, self.cleaned_data[f"indicator_{i.pk}"].strip())
            for i in self.indicators
            if self.cleaned_data.get(f"indicator_{i.pk}", "").strip()
        ]

    def changes(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in self.changed_data if name in ("date", "text", "proposed_status")
        }


class ReturnForm(forms.Form):
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("What to change"))
    version = forms.IntegerField(widget=forms.HiddenInput)


class TrackingForm(VersionedForm):
    """A recommendation's status, and its follow-up grade when a treaty body with a grade
    scale made it, chosen from that committee's scale (a grade left from before on
    another mechanism's recommendation, or off the scale, can only be kept or cleared)."""

    # A select, checked by the service's rule (clean_grade) rather than by the choices, so
    # a refused grade says why: not a treaty body's recommendation, or off its scale.
    grade = forms.CharField(
        label=_("Follow-up grade (treaty bodies)"), required=False, max_length=12, widget=forms.Select
    )

    class Meta:
        model = Tracking
        fields = ["status", "grade"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        recommendation = self.instance.recommendation
        self.grades = grades_apply(recommendation)
        if not self.grades and not self.instance.grade:
            del self.fields["grade"]
            return
        levels = GradeLevel.objects.filter(mechanism_id=recommendation.mechanism_id)
        choices = [("", "—")] + [(level.code, level.display()) for level in levels]
        if self.instance.grade and self.instance.grade not in dict(choices):
            choices.append((self.instance.grade, self.instance.grade))  # kept as it is until someone changes it
        self.fields["grade"].widget.choices = self.fields["grade"].choices = choices
        self.fields["grade"].help_text = _(
            "The Committee's grades part by part come from its follow-up reports "
            "(Treaty follow-up); this is the overall grade as the NMRF notes it."
        )

    def clean_grade(self):
        grade = self.cleaned_data.get("grade", "")
        if grade and grade != self.instance.grade:
            try:
                check_grade(self.instance.recommendation, grade)
            except InvalidValueError as error:
                raise ValidationError(str(error)) from None
        if grade and not self.grades:
            try:
                check_grade(self.instance.recommendation)
            except InvalidValueError as error:
                raise ValidationError(str(error)) from None
        return grade
