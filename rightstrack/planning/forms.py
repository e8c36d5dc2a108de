"""Forms of the planning pages. Editing forms carry the version the person opened
(``VersionedForm``) so the service can refuse a stale save instead of overwriting."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.forms import TreeEntityField, show_tree
from rightstrack.accounts.models import Entity
from rightstrack.planning.models import Action, Cluster, Indicator, Plan
from rightstrack.planning.services import FOCAL_POINT_FIELDS
from rightstrack.reference import choices as ref
from rightstrack.reference.models import Term

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedForm(forms.ModelForm):
    """A model form with the version the person saw, and the changes it makes."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        show_tree(self)

    def seen_version(self) -> int:
        return self.cleaned_data.get("version") or self.instance.version

    def changes(self) -> dict:
        """Field -> new value, for the fields the person changed."""
        return {name: self.cleaned_data[name] for name in self.changed_data if name != "version"}


class EntityForm(VersionedForm):
    parent = TreeEntityField(required=False, label=_("Part of"))

    class Meta:
        model = Entity
        fields = ["name", "short_name", "kind", "parent"]


class PlanForm(VersionedForm):
    class Meta:
        model = Plan
        fields = ["title", "description", "start", "end", "is_published"]
        widgets = {"start": DATE, "end": DATE}


class ClusterForm(VersionedForm):
    class Meta:
        model = Cluster
        fields = ["title", "description", "position"]


class ActionForm(VersionedForm):
    """NMRF staff edit every field; a focal point only FOCAL_POINT_FIELDS (the others
    are not in its form at all)."""

    entity = TreeEntityField(label=_("Responsible entity"))

    class Meta:
        model = Action
        fields = [
            "title",
            "description",
            "entity",
            "start",
            "due",
            "status",
            "budget",
            "currency",
            "funding_source",
            "technical_assistance",
            "affected_groups",
            "gender_note",
        ]
        widgets = {"start": DATE, "due": DATE, "affected_groups": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, planner: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["affected_groups"].queryset = Term.objects.filter(taxonomy__slug=ref.AFFECTED_PERSONS).order_by(
            "position", "label"
        )
        if not planner:
            for name in list(self.fields):
                if name not in FOCAL_POINT_FIELDS | {"version"}:
                    del self.fields[name]


class IndicatorForm(VersionedForm):
    class Meta:
        model = Indicator
        fields = ["kind", "name", "baseline", "target", "unit", "data_source", "sdg_indicator"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sdg_indicator"].queryset = Term.objects.filter(taxonomy__slug=ref.SDG_INDICATORS).order_by(
            "position"
        )


def parse_ids(text: str) -> list[int]:
    """Recommendation ids typed or pasted: separated by spaces, commas or new lines."""
    parts = [p for p in re.split(r"[\s,;]+", text or "") if p]
    bad = [p for p in parts if not p.isdigit()]
    if bad:
        raise ValidationError(_("Not a recommendation number: %(value)s") % {"value": ", ".join(bad[:5])})
    return [int(p) for p in parts]


class PickForm(forms.Form):
    """Which recommendations: typed ids, and/or every visible one with a theme (optionally
    of one State)."""

    ids = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Recommendation numbers"),
        help_text=_("Separated by spaces, commas or new lines (the number is in each recommendation's address)."),
    )
    theme = forms.ModelChoiceField(
        queryset=Term.objects.none(), required=False, label=_("Or every recommendation with the theme")
    )
    country = forms.CharField(required=False, max_length=3, label=_("of the State (ISO3)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Term.objects.filter(taxonomy__slug=ref.UHRI_THEMES).order_by("label")

    def clean_ids(self):
        return parse_ids(self.cleaned_data["ids"])

    def clean(self):
        data = super().clean()
        if not data.get("ids") and not data.get("theme"):
            raise ValidationError(_("Give recommendation numbers or a theme."))
        return data


class AssignForm(PickForm):
    entity = TreeEntityField(label=_("Responsible entity"))
    lead = forms.BooleanField(required=False, label=_("Lead entity (otherwise in support)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_tree(self)
