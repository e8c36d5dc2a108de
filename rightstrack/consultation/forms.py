"""Forms of consultation: a comment, an independent assessment, a round, a reply."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.choices import Role
from rightstrack.consultation.models import NEEDS, Assessment, Comment, Round
from rightstrack.planning.forms import DATE
from rightstrack.planning.models import Plan
from rightstrack.reference.models import State, UPRSession


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


def cycle_choices(current: int | None = None) -> list[tuple]:
    """The UPR cycles of the shipped sessions (1 to 4 if none are loaded), and the
    round's own cycle if it is not among them."""
    cycles = set(UPRSession.objects.values_list("cycle", flat=True)) or {1, 2, 3, 4}
    if current:
        cycles.add(current)
    return [("", "---------"), *((cycle, str(cycle)) for cycle in sorted(cycles))]


class RoundForm(forms.ModelForm):
    """Open or change a round: what is asked, of whom, by when, and on which draft."""

    invited = forms.ModelMultipleChoiceField(
        queryset=get_user_model().objects.none(), label=_("Invited"), widget=forms.CheckboxSelectMultiple
    )
    country = forms.ModelChoiceField(
        queryset=State.objects.order_by("name"),
        required=False,
        label=_("State under review"),
        help_text=_("For a round on the UPR mid-term report."),
    )
    cycle = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        label=_("UPR cycle"),
        help_text=_("For a round on the UPR mid-term report."),
    )
    plan = forms.ModelChoiceField(
        queryset=Plan.objects.none(),
        required=False,
        label=_("Action plan"),
        help_text=_("For a round on a national action plan."),
    )

    class Meta:
        model = Round
        fields = ["title", "subject", "country", "cycle", "plan", "deadline", "description", "invited"]
        widgets = {"deadline": DATE}
        labels = {"subject": _("Consultation on")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Contributors first: the NHRI and civil-society accounts a round is for.
        self.fields["invited"].queryset = (
            get_user_model().objects.filter(is_active=True, profile__role=Role.CONTRIBUTOR).order_by("username")
        )
        self.fields["cycle"].choices = cycle_choices(self.instance.cycle)
        # Plans in use; a round already on a plan archived since keeps it.
        self.fields["plan"].queryset = Plan.objects.filter(
            Q(archived=False) | Q(pk=self.instance.plan_id or 0)
        ).order_by("title")

    def clean(self):
        """Drop what the chosen subject does not use (a State picked before switching to a
        plan), so only the model's rule on what is missing speaks."""
        data = super().clean()
        needs = NEEDS.get(data.get("subject", ""), ())
        for name in ("country", "cycle", "plan"):
            if name not in needs:
                data[name] = None
        return data


class ReplyForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), label=_("Your reply"))
