"""The recommendation list's FilterSet, declared where every app's filters are known.

One class, stated in full here: the recommendations' own filters, search's words,
planning's responsible entity and cluster, progress's implementation status. The list,
search, the API and the exports take it through ``recommendations.filtersets.list_filterset``
(the setting ``RECOMMENDATION_FILTERSET`` names it), and its filters are the API's
query parameters.
"""

from __future__ import annotations

from rightstrack.planning.filtersets import ClusterMembershipFilter, ResponsibleEntityFilter
from rightstrack.progress.filtersets import ImplementationStatusFilter
from rightstrack.recommendations.filtersets import RecommendationFilterSet
from rightstrack.search.filtersets import WordsFilter


class RecommendationListFilterSet(RecommendationFilterSet):
    """Every filter of the recommendation list, the words first."""

    q = WordsFilter()
    status = ImplementationStatusFilter()
    entity = ResponsibleEntityFilter()
    cluster = ClusterMembershipFilter()

    class Meta(RecommendationFilterSet.Meta):
        pass

    @classmethod
    def get_filters(cls):
        # A filter redeclared in a subclass goes last; the words stay the first field.
        filters = super().get_filters()
        return {"q": filters.pop("q"), **filters}
