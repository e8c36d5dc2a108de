"""The one FilterSet per planning model: the HTML lists, the API and the exports use them."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.models import Entity
from rightstrack.core.limits import check_words
from rightstrack.planning.choices import FundingSource, Status
from rightstrack.planning.models import Action, Cluster


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
    q = django_filters.CharFilter(
        field_name="title", lookup_expr="icontains", label=_("Words"), validators=[check_words]
    )

    class Meta:
        model = Cluster
        fields = ["plan", "q"]


# --- planning's filters of the recommendation list -------------------------------------
# Recommendations never import planning (data flows one way): the list's FilterSet,
# declared in ``site.filtersets``, takes these beside the recommendations' own.


class ResponsibleEntityFilter(django_filters.ModelChoiceFilter):
    """Recommendations an entity is responsible for (lead or in support)."""

    def __init__(self, **kwargs):
        super().__init__(queryset=_active(Entity), label=_("Responsible entity"), **kwargs)

    def filter(self, qs: QuerySet, value):
        if not value:
            return qs
        from rightstrack.planning.models import Responsibility

        return qs.filter(pk__in=Responsibility.objects.filter(entity=value).values("recommendation_id"))


class ClusterMembershipFilter(django_filters.ModelChoiceFilter):
    """Recommendations in a cluster (among the clusters the person may see)."""

    def __init__(self, **kwargs):
        super().__init__(queryset=_visible_clusters, label=_("Cluster"), **kwargs)

    def filter(self, qs: QuerySet, value):
        if not value:
            return qs
        members = Cluster.recommendations.through.objects.filter(cluster=value)
        return qs.filter(pk__in=members.values("recommendation_id"))
