"""Treaty-body follow-up pages: the procedures (a document's paragraphs picked for
follow-up, the reply's due date, the Committee's latest grades) and one procedure's page:
each paragraph's parts verbatim, the Committee's grades by round with its evaluation, and
the State's measures (actions and validated progress)."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from rightstrack.progress import selectors
from rightstrack.progress.filtersets import FollowUpFilterSet

PAGE_SIZE = 50


def followup_list(request):
    base = selectors.followups(request.user).prefetch_related("assessments__grades", "paragraphs")
    filterset = FollowUpFilterSet(request.GET or None, queryset=base, request=request)
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else base
    page = Paginator(queryset.order_by("-document__date", "document__symbol"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    rows = [{"follow_up": f, "latest": selectors.latest_grade_counts(f).items()} for f in page]
    return render(
        request,
        "progress/followup_list.html",
        {"filter": filterset, "page": page, "rows": rows, "query": query.urlencode()},
    )


def followup_detail(request, pk: int):
    view = selectors.followup(request.user, pk)
    if view is None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    paragraphs = [{"view": p, **selectors.measures(request.user, p.recommendation)} for p in view.paragraphs]
    return render(
        request, "progress/followup_detail.html", {"view": view, "paragraphs": paragraphs, "follow_up": view.follow_up}
    )
