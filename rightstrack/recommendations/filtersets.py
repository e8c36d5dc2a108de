"""The recommendations' own filters, and the way to the list's FilterSet.

``RecommendationFilterSet`` holds the filters of this app's fields. The list (the HTML
list, search, the API and the exports) filters with ``list_filterset()``: these filters
and those of the apps after this one (search's words, planning's entities and clusters,
progress's status), declared in ``site.filtersets`` and named by the setting
``RECOMMENDATION_FILTERSET`` (this app may not import the apps that come after it).
"""

from __future__ import annotations

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from rightstrack.core.errors import InvalidFilterError
from rightstrack.core.limits import check_words
from rightstrack.recommendations.choices import Position, RecommendationType, TagOrigin
from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.selectors import data_tags_q
from rightstrack.reference import choices as ref
from rightstrack.reference.models import Mechanism, UPRSession
from rightstrack.reference.selectors import state_choices, term_choices


def _term_choices(slug: str):
    # A callable, so the choices are read when a form is built, not at import time.
    return lambda: term_choices(slug)


def _cycle_choices():
    return [(c, str(c)) for c in UPRSession.objects.order_by("cycle").values_list("cycle", flat=True).distinct()]


def _session_choices():
    return [(n, str(n)) for n in UPRSession.objects.order_by("number").values_list("number", flat=True)]


class TermFilter(django_filters.MultipleChoiceFilter):
    """Keeps recommendations tagged with any of the chosen terms of one taxonomy."""

    def __init__(self, taxonomy: str, **kwargs):
        self.taxonomy = taxonomy
        super().__init__(choices=_term_choices(taxonomy), **kwargs)

    def filter(self, qs: QuerySet, value):
        if not value:
            return qs
        # Data tags only (one filter(): every condition holds for the same tag).
        tagged = Recommendation.objects.filter(
            data_tags_q("tags__"), tags__term__taxonomy__slug=self.taxonomy, tags__term__code__in=value
        )
        return qs.filter(pk__in=tagged.values("pk"))


class RecommendationFilterSet(django_filters.FilterSet):
    """Filters by State, mechanism, cycle, session, position, type and taxonomy terms.

    Codes, not database ids, are the values (``country=SVN``, ``mechanism=CCPR``,
    ``theme=A12``, ``sdg_goal=16``), so URLs, API calls and CLI options read the same.
    """

    # Every word must appear; the list's FilterSet matches with search's index instead.
    q = django_filters.CharFilter(label=_("Words"), method="filter_words", validators=[check_words])
    # States by ISO code, named in the reader's language (kept per process: see
    # reference.selectors.state_choices).
    country = django_filters.MultipleChoiceFilter(field_name="state__iso3", choices=state_choices, label=_("State"))
    mechanism = django_filters.ModelMultipleChoiceFilter(
        field_name="mechanism__code",
        to_field_name="code",
        queryset=Mechanism.objects.all(),
        label=_("Mechanism"),
        widget=forms.CheckboxSelectMultiple,
    )
    cycle = django_filters.MultipleChoiceFilter(
        choices=_cycle_choices, label=_("UPR cycle"), widget=forms.CheckboxSelectMultiple
    )
    session = django_filters.MultipleChoiceFilter(
        field_name="upr_session__number", choices=_session_choices, label=_("UPR session")
    )
    position = django_filters.MultipleChoiceFilter(
        choices=Position.choices, label=_("Position"), widget=forms.CheckboxSelectMultiple
    )
    type = django_filters.MultipleChoiceFilter(
        choices=RecommendationType.choices, label=_("Type"), widget=forms.CheckboxSelectMultiple
    )
    recommending_state = django_filters.MultipleChoiceFilter(
        field_name="recommending_states__iso3",
        choices=state_choices,
        label=_("Recommending State"),
        distinct=True,
    )
    document = django_filters.CharFilter(
        field_name="document__symbol", lookup_expr="iexact", label=_("Document symbol")
    )
    follow_up = django_filters.BooleanFilter(label=_("Selected for follow-up"))
    theme = TermFilter(ref.UHRI_THEMES, label=_("Theme"))
    sdg_goal = TermFilter(ref.SDG_GOALS, label=_("SDG goal"))
    sdg_target = TermFilter(ref.SDG_TARGETS, label=_("SDG target"))
    affected_persons = TermFilter(ref.AFFECTED_PERSONS, label=_("Affected persons"))
    tag_origin = django_filters.MultipleChoiceFilter(
        choices=TagOrigin.choices,
        label=_("Tag origin"),
        method="filter_tag_origin",
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Recommendation
        fields: list[str] = []

    @classmethod
    def for_user(cls, params, user, queryset=None) -> RecommendationFilterSet:
        """The FilterSet over what ``user`` may see; filters whose choices depend on the
        person (the list's clusters) read ``user`` through ``request``."""
        from types import SimpleNamespace

        from rightstrack.recommendations.selectors import visible_recommendations

        queryset = visible_recommendations(user) if queryset is None else queryset
        return cls(params, queryset=queryset, request=SimpleNamespace(user=user))

    def filter_tag_origin(self, qs: QuerySet, name: str, value) -> QuerySet:
        if not value:
            return qs
        tagged = Recommendation.objects.filter(data_tags_q("tags__"), tags__origin__in=value)
        return qs.filter(pk__in=tagged.values("pk"))

    def filter_words(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split():
            qs = qs.filter(Q(text__icontains=word) | Q(translations__text__icontains=word))
        return qs.distinct()


def list_filterset() -> type[RecommendationFilterSet]:
    """The FilterSet of the recommendation list (see the module's docstring)."""
    return import_string(settings.RECOMMENDATION_FILTERSET)


def filtered_recommendations(user, params: dict):
    """Recommendations visible to ``user``, filtered by the list's FilterSet.

    Raises InvalidFilterError naming the parameter when a filter value is invalid (an
    unknown country code, say) instead of silently ignoring it.
    """
    filterset = list_filterset().for_user(params, user)
    if not filterset.is_valid():
        raise InvalidFilterError({field: list(errors) for field, errors in filterset.errors.items()})
    return filterset.qs
