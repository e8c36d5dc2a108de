"""Forms of consultation: a comment, an independent assessment, a round, a reply."""
from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from rightstrack.consultation.models import Assessment, Comment, Round
from rightstrack.planning.choices import Role
from rightstrack.planning.forms import DATE


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["organisation", "text", "is_public"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        labels = {"is_public": _("Public (shown on the public portal)")}


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["organisation", "status", "date", "text", "is_public"]
        widgets = {"date": DATE, "text": forms.Textarea(attrs={"rows": 6})}
        labels = {"is_public": _("Public (shown on the public portal)")}


class RoundForm(forms.ModelForm):
    invited = forms.ModelMultipleChoiceField(queryset=get_user_model().objects.none(), label=_("Invited"),
                                             widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Round
        fields = ["title", "description", "deadline", "invited"]
        widgets = {"deadline": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Contributors first: the NHRI and civil-society accounts a round is for.
        self.fields["invited"].queryset = get_user_model().objects.filter(
            is_active=True, profile__role=Role.CONTRIBUTOR).order_by("username")


class ReplyForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), label=_("Your reply"))
