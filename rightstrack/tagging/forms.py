"""Forms of the tagging pages: the review list's filters and the decisions on suggestions."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rightstrack.reference.models import State, Taxonomy
from rightstrack.tagging import selectors


class IdsField(forms.Field):
    """Repeated ``name=<id>`` values (checkboxes, hidden inputs) as a list of ints."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        try:
            return [int(v) for v in value or []]
        except (TypeError, ValueError):
            raise ValidationError(_("Not a list of numbers."), code="invalid") from None


class CountryMixin:
    """A State under review given by its ISO3 code, checked against the reference list."""

    def clean_country(self) -> str:
        code = (self.cleaned_data.get("country") or "").strip().upper()
        if code and not State.objects.filter(iso3=code).exists():
            raise ValidationError(_("No State has the code %(code)s.") % {"code": code})
        return code


class SuggestionFilterForm(CountryMixin, forms.Form):
    """Filters of the review list; an empty field does not filter."""

    taxonomy = forms.ChoiceField(required=False, label=_("Taxonomy"))
    country = forms.CharField(required=False, max_length=3, label=_("State (ISO3)"))
    min_confidence = forms.IntegerField(required=False, min_value=0, max_value=100, label=_("Confidence at least (%)"))
    mechanism = forms.ChoiceField(required=False, label=_("Mechanism"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["taxonomy"].choices = everything + [(t.slug, t.name) for t in Taxonomy.objects.all()]
        self.fields["mechanism"].choices = everything + selectors.mechanism_choices()

    def filters(self) -> dict:
        """Keyword arguments of ``selectors.suggestions`` (call after ``is_valid``; an
        unbound form does not filter)."""
        data = getattr(self, "cleaned_data", {})
        percent = data.get("min_confidence")
        return {
            "taxonomy": data.get("taxonomy") or "",
            "country": data.get("country") or "",
            "mechanism": data.get("mechanism") or "",
            "min_confidence": None if percent is None else percent / 100,
        }


class DecisionForm(forms.Form):
    """Accept or reject the ticked suggestions."""

    ids = IdsField(required=False)
    action = forms.ChoiceField(choices=[("accept", _("Accept")), ("reject", _("Reject"))])


class AcceptAboveForm(forms.Form):
    """Accept, among the suggestions shown on the page, those at or above a confidence."""

    shown = IdsField(required=False)
    threshold = forms.IntegerField(min_value=0, max_value=100, label=_("Confidence at least (%)"))


class QualityFilterForm(CountryMixin, forms.Form):
    country = forms.CharField(required=False, max_length=3, label=_("State (ISO3)"))
