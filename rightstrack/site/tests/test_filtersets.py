"""The recommendation list's FilterSet is declared in one place, in full."""

from rightstrack.recommendations.filtersets import RecommendationFilterSet, list_filterset
from rightstrack.site.filtersets import RecommendationListFilterSet

OWN = [
    "q",
    "country",
    "mechanism",
    "cycle",
    "session",
    "position",
    "type",
    "recommending_state",
    "document",
    "follow_up",
    "theme",
    "sdg_goal",
    "sdg_target",
    "affected_persons",
    "tag_origin",
]


def test_the_list_takes_the_declared_filterset_words_first():
    assert list_filterset() is RecommendationListFilterSet
    assert list(RecommendationListFilterSet.base_filters) == [*OWN, "status", "entity", "cluster"]


def test_no_app_adds_filters_to_the_recommendations_own_at_start_up():
    # The apps are loaded (pytest-django set them up): nothing was patched in.
    assert list(RecommendationFilterSet.base_filters) == OWN


def test_the_list_matches_words_with_the_search_index_and_refuses_a_broken_text(db):
    from rightstrack.recommendations.tests.factories import RecommendationFactory

    rec = RecommendationFactory(text="Ratify the Optional Protocol to the Convention against Torture")
    RecommendationFactory(text="Protect the rights of children")
    found = list_filterset()({"q": '"optional protocol"'}, queryset=rec.__class__.objects.all())
    assert list(found.qs) == [rec]
    broken = list_filterset()({"q": "-torture"}, queryset=rec.__class__.objects.all())
    assert not broken.is_valid() and "q" in broken.errors
