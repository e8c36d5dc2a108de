"""Search pages: results with facets and highlights, similar recommendations, new vs
repeated on a review, and the groups of repeated recommendations.

Plain GET forms work without JavaScript; with HTMX a change swaps only the results area.
Reads go through the selectors (anonymous visitors see published recommendations only);
confirming, splitting and merging groups is for staff and goes through the services.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightstrack.core.errors import RightstrackError
from rightstrack.core.web import allowed, next_or
from rightstrack.recommendations.filtersets import list_filterset
from rightstrack.recommendations.models import Document, Recommendation
from rightstrack.recommendations.selectors import visible_recommendations
from rightstrack.search import selectors, services
from rightstrack.search.forms import MergeForm, ModeForm, SplitForm
from rightstrack.search.models import RepeatGroup
from rightstrack.search.snapshot import FACETS

PAGE_SIZE = 20
FACETS_SHOWN = 8


class _Counted:
    """What Django's Paginator needs of a result whose page is already cut."""

    def __init__(self, total: int):
        self.total = total

    def count(self):
        return self.total

    def __getitem__(self, _slice):
        return []


def search_page(request):
    mode = ModeForm(request.GET).chosen()
    page_number = _page_number(request)
    error, result = None, None
    try:
        result = selectors.search(
            request.user, request.GET, mode=mode, limit=PAGE_SIZE, offset=(page_number - 1) * PAGE_SIZE
        )
    except RightstrackError as exc:
        error = str(exc)
    filterset = list_filterset().for_user(request.GET or None, request.user)
    facets = [
        (name, filterset.form.fields[name].label, result.facets.get(name, []) if result else []) for name in FACETS
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "result": result,
        "error": error,
        "mode": mode,
        "modes": ModeForm(request.GET),
        "q": request.GET.get("q", ""),
        "facets": facets,
        "shown": FACETS_SHOWN,
        "query": query.urlencode(),
        "paginator_page": Paginator(_Counted(result.total if result else 0), PAGE_SIZE).get_page(page_number),
    }
    template = "search/_area.html" if request.htmx and not request.htmx.boosted else "search/results.html"
    return render(request, template, context)


def _page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("page", 1)))
    except ValueError:
        return 1


def similar_panel(request, pk: int):
    try:
        state_id = visible_recommendations(request.user).values_list("state_id", flat=True).get(pk=pk)
        same_state = selectors.similar_to(request.user, pk, limit=8, same_state=True)
        any_state = selectors.similar_to(request.user, pk, limit=8, same_state=False)
    except Recommendation.DoesNotExist:
        raise Http404 from None
    context = {
        "same_state": same_state,
        "any_state": [s for s in any_state if s.recommendation.state_id != state_id],
        "pk": pk,
    }
    template = "search/_similar.html" if request.htmx else "search/similar.html"
    return render(request, template, context)


def review_page(request, symbol: str):
    document = get_object_or_404(Document, symbol=symbol)
    lines = selectors.review_repeats(request.user, document)
    if not lines:
        raise Http404
    repeated = sum(1 for line in lines if line.repeated)
    return render(
        request,
        "search/review.html",
        {"document": document, "lines": lines, "repeated": repeated, "new": len(lines) - repeated},
    )


def groups_page(request):
    country = request.GET.get("country") or None
    groups = Paginator(selectors.repeat_groups(request.user, country), 25).get_page(request.GET.get("page"))
    return render(request, "search/groups.html", {"groups": groups, "country": country or ""})


@allowed("search.review_repeats")
@require_POST
def confirm_group(request, pk: int):
    group = get_object_or_404(RepeatGroup, pk=pk)
    services.confirm_group(group, request.user)
    messages.success(request, _("Group %(number)s confirmed.") % {"number": group.pk})
    return redirect(next_or(request, reverse("search:groups")))


@allowed("search.review_repeats")
@require_POST
def split_group(request, pk: int):
    group = get_object_or_404(RepeatGroup, pk=pk)
    form = SplitForm(request.POST, group=group)
    if form.is_valid():
        services.split_group(group, form.cleaned_data["recommendations"], request.user)
        messages.success(request, _("Taken out of group %(number)s.") % {"number": pk})
    else:
        messages.error(request, _("Choose the recommendations to take out."))
    return redirect(next_or(request, reverse("search:groups")))


@allowed("search.review_repeats")
@require_POST
def merge_group(request, pk: int):
    group = get_object_or_404(RepeatGroup, pk=pk)
    form = MergeForm(request.POST)
    other = RepeatGroup.objects.filter(pk=form.cleaned_data["other"]).first() if form.is_valid() else None
    if other is None:
        messages.error(request, _("There is no group with that number."))
        return redirect(next_or(request, reverse("search:groups")))
    try:
        services.merge_groups(other, [group], request.user)
        messages.success(request, _("Group %(a)s merged into group %(b)s.") % {"a": pk, "b": other.pk})
    except RightstrackError as exc:
        messages.error(request, str(exc))
    return redirect(next_or(request, reverse("search:groups")))
