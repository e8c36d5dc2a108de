"""The implementation dashboard and the list of overdue actions, as pages and as CSV.

Both are open to everyone: anonymous visitors see figures computed on published plans
and published recommendations only (see ``reports.selectors``). ``?format=csv`` gives
the same table as a download.
"""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.core.permissions import can
from rightstrack.core.spreadsheet import CsvWriter
from rightstrack.dashboard import selectors
from rightstrack.planning import selectors as planning
from rightstrack.planning.models import Plan
from rightstrack.tagging.forms import CountryMixin

PAGE_SIZE = 50


class PlanFilterForm(forms.Form):
    """A plan among those the person may see; empty: every plan."""

    plan = forms.ModelChoiceField(
        queryset=Plan.objects.none(), required=False, label=gettext_lazy("Plan"), empty_label=gettext_lazy("All plans")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = planning.plans(user)


class DashboardFilterForm(CountryMixin, PlanFilterForm):
    country = forms.CharField(required=False, max_length=3, label=gettext_lazy("State (ISO3)"))


class OverdueFilterForm(PlanFilterForm):
    mine = forms.BooleanField(required=False, label=gettext_lazy("Only my entity's actions"))


def _filters(form: forms.Form) -> dict | None:
    """The form's cleaned values; an unbound form filters nothing, an invalid one
    gives None (the page then shows the errors, not unfiltered figures)."""
    if not form.is_bound:
        return {}
    return form.cleaned_data if form.is_valid() else None


def _query(request, **changes) -> str:
    """The current query string without the page number, with ``changes``."""
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    for name, value in changes.items():
        query[name] = value
    return query.urlencode()


def _with_urls(items: list[selectors.LateAction]) -> list[selectors.LateAction]:
    for item in items:
        item.url = item.action.get_absolute_url()
    return items


def dashboard(request):
    """Recommendations and actions by status, grouped six and two ways, and the most
    overdue actions."""
    form = DashboardFilterForm(request.GET or None, user=request.user)
    filters = _filters(form)
    plan = (filters or {}).get("plan")
    data = None
    if filters is not None:
        data = selectors.dashboard(
            request.user, state=filters.get("country") or "", plan=plan, today=timezone.localdate()
        )
        _with_urls(data.overdue)
        if request.GET.get("format") == "csv":
            return _dashboard_csv(data)
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "form": form,
            "data": data,
            "statuses": selectors.STATUSES,
            "plan": plan,
            "csv_query": _query(request, format="csv"),
            "overdue_query": urlencode({"plan": plan.pk}) if plan else "",
        },
    )


def overdue(request):
    """Every overdue action, the most overdue first, paged; focal points may keep only
    their entities' ones."""
    form = OverdueFilterForm(request.GET or None, user=request.user)
    filters = _filters(form)
    focal_point = can(request.user, "progress.follow_entity")
    today = timezone.localdate()
    if filters is None:
        found = planning.actions(request.user).none()
    else:
        found = selectors.overdue_actions(
            request.user, today, mine=focal_point and bool(filters.get("mine")), plan=filters.get("plan")
        )
    if request.GET.get("format") == "csv":
        return _overdue_csv(selectors.late(found.iterator(), today))
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "dashboard/overdue.html",
        {
            "form": form,
            "page": page,
            "items": _with_urls(selectors.late(page.object_list, today)),
            "focal_point": focal_point,
            "query": _query(request),
            "csv_query": _query(request, format="csv"),
        },
    )


def _csv_response(filename: str) -> tuple[HttpResponse, CsvWriter]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A byte-order mark, so spreadsheets read accented and Arabic names as UTF-8.
    response.write("\ufeff")
    return response, CsvWriter(response)


def _dashboard_csv(data: selectors.Dashboard) -> HttpResponse:
    response, writer = _csv_response("rightstrack-dashboard.csv")
    writer.writerow(
        [
            _("What"),
            _("Grouping"),
            _("Group"),
            _("Detail"),
            _("Total"),
            *[status.label for status in selectors.STATUSES],
            _("Implemented (%)"),
        ]
    )

    def write(what: str, grouping: str, row: selectors.CountRow) -> None:
        writer.writerow(
            [what, grouping, row.label, row.detail, row.total, *row.cells, f"{row.implemented_percent:.1f}"]
        )

    write(_("Recommendations"), _("All"), data.total)
    for what, groupings in ((_("Recommendations"), data.recommendations), (_("Actions"), data.actions)):
        for grouping in groupings:
            for row in grouping.rows:
                write(what, grouping.column, row)
    return response


def _overdue_csv(items) -> HttpResponse:
    response, writer = _csv_response("rightstrack-overdue-actions.csv")
    writer.writerow([_("Action"), _("Plan"), _("Responsible entity"), _("Due"), _("Days late"), _("Status")])
    for item in items:
        action = item.action
        writer.writerow(
            [
                action.title,
                action.plan.title,
                action.entity.name,
                action.due.isoformat(),
                item.days_late,
                action.get_status_display(),
            ]
        )
    return response
