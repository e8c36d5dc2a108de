"""Tagging pages: staff review the classifiers' suggestions, everyone sees the quality
check by mechanism and the about page with the classifiers' figures.

Every form works as a plain POST with a redirect back (filters kept); with HTMX a single
suggestion is accepted or rejected in place: the response is the list row, or the
recommendation's tag panel (with its quality panel swapped out of band, since the
action category may just have been accepted).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rightstrack.core.web import allowed, next_or
from rightstrack.recommendations.models import TagAssignment
from rightstrack.recommendations.selectors import recommendation_for, visible_recommendations
from rightstrack.tagging import quality, selectors, services
from rightstrack.tagging.forms import AcceptAboveForm, DecisionForm, QualityFilterForm, SuggestionFilterForm

PAGE_SIZE = 50
DEFAULT_THRESHOLD = 90  # percent, offered by "accept all shown above"


@allowed("tagging.review")
def suggestion_list(request):
    """Pending suggestions, filtered and paged, with the forms that decide on them."""
    form = SuggestionFilterForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    # An invalid filter shows nothing rather than everything: "accept all shown" must
    # never act on suggestions the reviewer did not mean to see.
    found = selectors.suggestions(**form.filters()) if valid else TagAssignment.objects.none()
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "tagging/suggestions.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "threshold": DEFAULT_THRESHOLD,
            "next": request.get_full_path(),
        },
    )


@allowed("tagging.review")
@require_POST
def decide(request):
    """Accept or reject the ticked suggestions, then back to the list as it was."""
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept or reject."))
    elif not form.cleaned_data["ids"]:
        messages.error(request, _("Tick the suggestions to accept or reject first."))
    else:
        _apply(request, form.cleaned_data["action"], form.cleaned_data["ids"])
    return _back(request)


@allowed("tagging.review")
@require_POST
def accept_above(request):
    """Accept, of the suggestions the page showed, those at or above the threshold."""
    form = AcceptAboveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a confidence between 0 and 100."))
        return _back(request)
    threshold = form.cleaned_data["threshold"] / 100
    ids = TagAssignment.objects.filter(pk__in=form.cleaned_data["shown"], confidence__gte=threshold).values_list(
        "pk", flat=True
    )
    _apply(request, "accept", list(ids))
    return _back(request)


@allowed("tagging.review")
@require_POST
def decide_one(request, pk: int, action: str):
    """Accept or reject one suggestion: in place with HTMX, else a redirect back."""
    tag = get_object_or_404(TagAssignment.objects.select_related("term__taxonomy", "recommendation__state"), pk=pk)
    done = (services.accept if action == "accept" else services.reject)(request.user, [pk])
    if not request.htmx:
        _report(request, action, done)
        return _back(request, default=reverse("recommendations:detail", args=[tag.recommendation_id]))
    if request.POST.get("partial") == "tags":
        return _panels(request, tag.recommendation_id)
    return render(request, "tagging/_decided_row.html", {"tag": tag, "action": action, "done": done})


def _apply(request, action: str, ids: list[int]) -> None:
    done = (services.accept if action == "accept" else services.reject)(request.user, ids)
    _report(request, action, done)


def _report(request, action: str, done: int) -> None:
    if not done:
        messages.info(request, _("Nothing changed: those suggestions were already decided."))
    elif action == "accept":
        messages.success(
            request, ngettext("%(n)d suggestion accepted.", "%(n)d suggestions accepted.", done) % {"n": done}
        )
    else:
        messages.success(
            request,
            ngettext(
                "%(n)d suggestion rejected: it will not be suggested again.",
                "%(n)d suggestions rejected: they will not be suggested again.",
                done,
            )
            % {"n": done},
        )


def _back(request, default: str | None = None):
    """Redirect to the page the form came from (its ``next``), if it is on this site."""
    return redirect(next_or(request, default or reverse("tagging:suggestions")))


def _panels(request, recommendation_id: int) -> HttpResponse:
    """The tag panel, and the quality panel out of band (its action category may have changed)."""
    rec = recommendation_for(request.user, recommendation_id)
    tags = render_to_string("tagging/_tags.html", selectors.tag_panel(rec), request=request)
    panel = render_to_string("tagging/_quality.html", {**selectors.quality_panel(rec), "oob": True}, request=request)
    return HttpResponse(tags + panel)


def quality_page(request):
    """Share of recommendations passing each verdict, by mechanism (a sample of each)."""
    form = QualityFilterForm(request.GET or None)
    country = form.cleaned_data["country"] if form.is_bound and form.is_valid() else ""
    recommendations = visible_recommendations(request.user)
    if country:
        recommendations = recommendations.filter(state__iso3=country)
    rows = (
        []
        if form.is_bound and not form.is_valid()
        else selectors.quality_by_mechanism(recommendations, key=(request.user.is_authenticated, country))
    )
    return render(
        request,
        "tagging/quality.html",
        {
            "form": form,
            "rows": rows,
            "country": country,
            "sample": selectors.SAMPLE_PER_MECHANISM,
            "labels": [quality.LABELS[key] for key in quality.KEYS],
        },
    )


def about(request):
    """What rightstrack is, the data it ships and the figures of its classifiers."""
    return render(
        request,
        "tagging/about.html",
        {"classifiers": selectors.classifier_rows(), "taxonomies": selectors.shipped_taxonomies()},
    )
