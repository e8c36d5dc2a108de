"""Forms of the search pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rightstrack.search.choices import SearchMode


class ModeForm(forms.Form):
    """How to rank: by words, by meaning, or both (the default when words are given)."""

    mode = forms.ChoiceField(choices=SearchMode.choices, required=False, widget=forms.RadioSelect, label=_("Search by"))

    def chosen(self) -> str:
        if self.is_valid() and self.cleaned_data.get("mode"):
            return self.cleaned_data["mode"]
        return SearchMode.HYBRID


class SplitForm(forms.Form):
    recommendations = forms.TypedMultipleChoiceField(coerce=int, choices=(), label=_("Take out of the group"))

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendations"].choices = [
            (m.recommendation_id, str(m.recommendation))
            for m in group.members.select_related("recommendation__document")
        ]


class MergeForm(forms.Form):
    other = forms.IntegerField(label=_("Number of the group to merge this one into"), min_value=1)
