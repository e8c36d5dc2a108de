"""The FilterSets of progress reports and follow-up procedures: the HTML lists, the API
and the exports use them."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.selectors import active_entities
from rightstrack.core.limits import MAX_NAME_CHARS
from rightstrack.planning.choices import Status
from rightstrack.progress.choices import ReportStage
from rightstrack.progress.models import FollowUp, ProgressReport, Tracking


class ProgressReportFilterSet(django_filters.FilterSet):
    # "Stage", not "State": translators would read "State" as the country.
    stage = django_filters.MultipleChoiceFilter(choices=ReportStage.choices, label=_("Stage"))
    # The old name of ``stage``, for one release: links and API calls that still say it work.
    state = django_filters.MultipleChoiceFilter(
        field_name="stage",
        choices=ReportStage.choices,
        label=_("Stage (old name, deprecated)"),
        widget=forms.MultipleHiddenInput,  # not a second field on the page
    )
    entity = django_filters.ModelChoiceFilter(queryset=lambda request: active_entities(), label=_("Entity"))
    action = django_filters.NumberFilter(field_name="action_id", label=_("Action"))
    recommendation = django_filters.NumberFilter(field_name="recommendation_id", label=_("Recommendation"))
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("From"))
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("To"))

    class Meta:
        model = ProgressReport
        fields = ["stage", "state", "entity", "action", "recommendation", "date_from", "date_to"]


class FollowUpFilterSet(django_filters.FilterSet):
    """The one FilterSet for follow-up procedures: the page and the API use it."""

    country = django_filters.CharFilter(method="_country", label=_("State (ISO3)"), max_length=MAX_NAME_CHARS)
    mechanism = django_filters.CharFilter(
        field_name="document__mechanism__code", lookup_expr="iexact", max_length=20, label=_("Committee")
    )
    document = django_filters.CharFilter(
        field_name="document__symbol", lookup_expr="icontains", label=_("Document"), max_length=100
    )

    class Meta:
        model = FollowUp
        fields = ["country", "mechanism", "document"]

    def _country(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(document__states__iso3__iexact=value) | Q(document__states__name__iexact=value)
        ).distinct()


class ImplementationStatusFilter(django_filters.MultipleChoiceFilter):
    """Recommendations by implementation status (any of the chosen); one without a
    status yet is not started. A filter of the recommendation list (``site.filtersets``)."""

    def __init__(self, **kwargs):
        super().__init__(
            choices=Status.choices,
            label=_("Implementation status"),
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )

    def filter(self, qs: QuerySet, value):
        if not value:
            return qs
        chosen = Q(pk__in=Tracking.objects.filter(status__in=value).values("recommendation_id"))
        if Status.NOT_STARTED in value:  # no status row yet: not started
            chosen |= ~Q(pk__in=Tracking.objects.values("recommendation_id"))
        return qs.filter(chosen)
