"""Browse recommendations: a filtered, paged list and a detail page.

Anonymous visitors see published recommendations only; the rest needs a login. With
HTMX the filter form swaps only the results; without JavaScript it is a plain GET form.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from rightstrack.core.permissions import can
from rightstrack.recommendations.filtersets import list_filterset
from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.selectors import data_tag_groups, recommendation_for, with_details

PAGE_SIZE = 25


def recommendation_list(request):
    filterset = list_filterset().for_user(request.GET or None, request.user)
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    page = Paginator(with_details(queryset), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": filterset, "page": page, "query": query.urlencode()}
    template = (
        "recommendations/_results.html" if request.htmx and not request.htmx.boosted else "recommendations/list.html"
    )
    return render(request, template, context)


def recommendation_detail(request, pk: int):
    try:
        rec = recommendation_for(request.user, pk)
    except Recommendation.DoesNotExist:
        if not request.user.is_authenticated and Recommendation.objects.filter(pk=pk).exists():
            return redirect(f"{reverse('login')}?next={request.path}")
        raise Http404 from None
    # The tag and quality panels come from the tagging app's template tags. Staff see
    # the classifiers' suggestions there, marked, with Accept and Reject; anybody else
    # sees the data tags only (the prefetched tags hold no suggestion for them either).
    context = {"rec": rec, "show_suggestions": can(request.user, "recommendations.see_suggestions")}
    if not context["show_suggestions"]:
        context["tag_groups"] = data_tag_groups(rec)
    return render(request, "recommendations/detail.html", context)
