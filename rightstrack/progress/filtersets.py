"""The one FilterSet for progress reports: the HTML list, the API and the exports use it."""
from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from rightstrack.planning.models import Entity
from rightstrack.progress.choices import ReportState
from rightstrack.progress.models import ProgressReport


class ProgressReportFilterSet(django_filters.FilterSet):
    # "Stage", not "State": translators would read "State" as the country.
    state = django_filters.MultipleChoiceFilter(choices=ReportState.choices, label=_("Stage"))
    entity = django_filters.ModelChoiceFilter(queryset=lambda request: Entity.objects.filter(archived=False),
                                              label=_("Entity"))
    action = django_filters.NumberFilter(field_name="action_id", label=_("Action"))
    recommendation = django_filters.NumberFilter(field_name="recommendation_id", label=_("Recommendation"))
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("From"))
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("To"))

    class Meta:
        model = ProgressReport
        fields = ["state", "entity", "action", "recommendation", "date_from", "date_to"]
