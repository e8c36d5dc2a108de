"""Search's filter of the recommendation list: ``q``, the words, matched by the keyword
index (any language, phrases, OR, -exclusions). The list's FilterSet (``site.filtersets``)
takes it in place of the recommendations' own every-word-appears match."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from rightstrack.search import engine


class WordsFilter(django_filters.CharFilter):
    """The search text; one that cannot be run (an unclosed quote, say) is a form error
    naming the reason."""

    def __init__(self, **kwargs):
        super().__init__(label=_("Words"), validators=[engine.check_text], **kwargs)

    def filter(self, qs: QuerySet, value: str):
        return qs.filter(pk__in=engine.matching_ids_sql(value)) if value else qs
