"""Forms of progress reporting: a report with its indicator values and evidence, the
NMRF's comment when it returns one, and a recommendation's status."""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from rightstrack.planning.forms import DATE, VersionedForm
from rightstrack.progress.models import ProgressReport, Tracking


class ReportForm(VersionedForm):
    """The report's text, date and proposed status; for an action, one optional value
    per indicator (``indicator_<id>``); evidence links one per line and a file."""

    links = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Evidence links"),
                            help_text=_("One web address per line: a law in the official gazette, a budget line, a report."))
    file = forms.FileField(required=False, label=_("Evidence file"))

    class Meta:
        model = ProgressReport
        fields = ["date", "text", "proposed_status"]
        widgets = {"date": DATE, "text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposed_status"].help_text = _("Becomes the status once the NMRF validates the report.")
        self.indicators = list(indicators)
        for indicator in self.indicators:
            unit = f" ({indicator.unit})" if indicator.unit else ""
            self.fields[f"indicator_{indicator.pk}"] = forms.CharField(
                required=False, max_length=100, label=f"{indicator.name}{unit}",
                help_text=_("Baseline %(baseline)s, target %(target)s") % {
                    "baseline": indicator.baseline or "—", "target": indicator.target or "—"})

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
        return [(i, self.cleaned_data[f"indicator_{i.pk}"].strip()) for i in self.indicators
                if self.cleaned_data.get(f"indicator_{i.pk}", "").strip()]

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.changed_data
                if name in ("date", "text", "proposed_status")}


class ReturnForm(forms.Form):
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("What to change"))
    version = forms.IntegerField(widget=forms.HiddenInput)


class TrackingForm(VersionedForm):
    class Meta:
        model = Tracking
        fields = ["status", "grade"]
        labels = {"grade": _("Follow-up grade (treaty bodies)")}

