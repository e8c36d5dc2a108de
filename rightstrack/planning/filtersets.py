"""The one FilterSet per planning model: the HTML lists, the API and the exports use them."""
from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from rightstrack.core.limits import check_words
from rightstrack.planning.choices import FundingSource, Status
from rightstrack.planning.models import Action, Cluster, Entity


def _active(model):
    # A callable, so the rows are read when a form is built, not at import time.
    return lambda request: model.objects.filter(archived=False)


def _visible_plans(request):
    # The public's choices must not name unpublished plans (or their clusters).
    from rightstrack.planning.selectors import plans

    return plans(getattr(request, "user", None))


def _visible_clusters(request):
    from rightstrack.planning.selectors import clusters

    return clusters(getattr(request, "user", None))


class ActionFilterSet(django_filters.FilterSet):
    """Actions by plan, cluster, responsible entity, status, funding and words; ``overdue``
    keeps those past their due date and not settled."""

    q = django_filters.CharFilter(method="filter_words", label=_("Words"), validators=[check_words])
    plan = django_filters.ModelChoiceFilter(queryset=_visible_plans, label=_("Plan"))
    cluster = django_filters.ModelChoiceFilter(queryset=_visible_clusters, label=_("Cluster"))
    entity = django_filters.ModelChoiceFilter(queryset=_active(Entity), label=_("Responsible entity"))
    status = django_filters.MultipleChoiceFilter(choices=Status.choices, label=_("Status"))
    funding_source = django_filters.ChoiceFilter(choices=FundingSource.choices, label=_("Funding source"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue"))

    class Meta:
        model = Action
        fields = ["q", "plan", "cluster", "entity", "status", "funding_source", "overdue"]

    def filter_words(self, qs: QuerySet, name, value):
        for word in value.split():
            qs = qs.filter(Q(title__icontains=word) | Q(description__icontains=word))
        return qs

    def filter_overdue(self, qs: QuerySet, name, value):
        from rightstrack.planning.selectors import SETTLED

        if value is None:
            return qs
        late = Q(due__lt=dt.date.today()) & ~Q(status__in=SETTLED)
        return qs.filter(late) if value else qs.exclude(late)


class ClusterFilterSet(django_filters.FilterSet):
    plan = django_filters.ModelChoiceFilter(queryset=_visible_plans, label=_("Plan"))
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Words"),
                                  validators=[check_words])

    class Meta:
        model = Cluster
        fields = ["plan", "q"]


# --- filters planning adds to the recommendation list ----------------------------------
# Recommendations never import planning (data flows one way); planning adds its filters
# to their FilterSet when it loads, so the recommendation list, the API, search and the
# exports all take them.

def _by_status(qs: QuerySet, name, value):
    if not value:
        return qs
    from rightstrack.progress.models import Tracking

    chosen = Q(pk__in=Tracking.objects.filter(status__in=value).values("recommendation_id"))
    if Status.NOT_STARTED in value:  # no status row yet: not started
        chosen |= ~Q(pk__in=Tracking.objects.values("recommendation_id"))
    return qs.filter(chosen)


def _by_entity(qs: QuerySet, name, value):
    if not value:
        return qs
    from rightstrack.planning.models import Responsibility

    return qs.filter(pk__in=Responsibility.objects.filter(entity=value).values("recommendation_id"))


def _by_cluster(qs: QuerySet, name, value):
    return qs.filter(pk__in=Cluster.recommendations.through.objects.filter(cluster=value).values("recommendation_id")) \
        if value else qs


def extend_recommendation_filters() -> None:
    """Add ``status``, ``entity`` (responsible, lead or in support) and ``cluster``."""
    from django import forms

    from rightstrack.recommendations.filtersets import RecommendationFilterSet

    RecommendationFilterSet.base_filters.update({
        "status": django_filters.MultipleChoiceFilter(choices=Status.choices, method=_by_status,
                                                      label=_("Implementation status"),
                                                      widget=forms.CheckboxSelectMultiple),
        "entity": django_filters.ModelChoiceFilter(queryset=_active(Entity), method=_by_entity,
                                                   label=_("Responsible entity")),
        "cluster": django_filters.ModelChoiceFilter(queryset=_visible_clusters, method=_by_cluster,
                                                    label=_("Cluster")),
    })
