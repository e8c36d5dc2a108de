"""Planning pages: plans and their clusters, actions and indicators, responsible
entities and who acts for them, bulk assignment.

Everyone signed in reads the plan; the public reads published plans. Writes go through
``planning.services``, which refuse what the person's role does not allow (a 403 page
that says why) and stale edits (the form again, with who saved in between).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rightstrack.accounts.models import Entity
from rightstrack.accounts.selectors import entity_tree
from rightstrack.core.audit import ConflictError
from rightstrack.core.errors import InvalidValueError
from rightstrack.core.permissions import can, require
from rightstrack.core.web import next_or, page_form, save_or_explain, signed_in
from rightstrack.planning import selectors, services
from rightstrack.planning.filtersets import ActionFilterSet
from rightstrack.planning.forms import (
    ActionForm,
    AssignForm,
    ClusterForm,
    EntityForm,
    IndicatorForm,
    PickForm,
    PlanForm,
)
from rightstrack.planning.models import Action, Cluster, Indicator, Plan
from rightstrack.recommendations.selectors import visible_recommendations

PAGE_SIZE = 50


def _visible(request, queryset, pk):
    """The item if the person may see it; the sign-in page for an anonymous visitor
    asking for an unpublished one (it may exist), else 404."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    return found


def plan_list(request):
    return render(
        request,
        "planning/plan_list.html",
        {"plans": selectors.plans(request.user), "can_plan": can(request.user, "planning.plan")},
    )


def plan_detail(request, pk: int):
    plan = _visible(request, selectors.plans(request.user), pk)
    if not isinstance(plan, Plan):
        return plan
    clusters = selectors.clusters(request.user, plan).prefetch_related("recommendations")
    return render(
        request,
        "planning/plan_detail.html",
        {
            "plan": plan,
            "clusters": clusters,
            "can_plan": can(request.user, "planning.plan"),
            "actions": selectors.actions(request.user).filter(plan=plan, cluster__isnull=True),
        },
    )


@signed_in
def plan_create(request):
    require(request.user, "planning.plan", refused=_("implementation plans are drawn up by NMRF staff"))
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        plan = services.create_plan(request.user, **fields)
        return redirect("planning:plan_detail", plan.pk)
    return page_form(request, form, title=_("New implementation plan"), cancel=reverse("planning:plan_list"))


def _edit(request, form, write, *, title: str, done: str):
    """The edit pattern: a versioned form, saved through ``write(version, changes)``."""
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        if not changes:
            return redirect(done)
        if save_or_explain(form, lambda: write(form.seen_version(), changes)) is not None:
            messages.success(request, _("Saved."))
            return redirect(done)
    return page_form(request, form, title=title, cancel=done)


def _planner_edit(request, model, form_class, pk: int, done: str):
    """Edit a plan, a cluster or an entity (NMRF staff), through ``services.update``."""
    obj = get_object_or_404(model, pk=pk, archived=False)
    require(request.user, "planning.plan", refused=_("the plan is drawn up by NMRF staff"))
    form = form_class(request.POST or None, instance=model.objects.get(pk=pk))
    return _edit(
        request,
        form,
        lambda v, c: services.update(request.user, obj, v, **c),
        title=_("Edit %(item)s") % {"item": obj},
        done=done,
    )


@signed_in
def plan_edit(request, pk: int):
    return _planner_edit(request, Plan, PlanForm, pk, reverse("planning:plan_detail", args=[pk]))


@signed_in
def cluster_create(request, plan_pk: int):
    plan = get_object_or_404(Plan, pk=plan_pk, archived=False)
    require(request.user, "planning.plan", refused=_("clusters are drawn up by NMRF staff"))
    form = ClusterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k not in ("version", "title")}
        cluster = services.create_cluster(request.user, plan, form.cleaned_data["title"], **fields)
        return redirect("planning:cluster_detail", cluster.pk)
    return page_form(
        request,
        form,
        title=_("New cluster of %(plan)s") % {"plan": plan},
        cancel=reverse("planning:plan_detail", args=[plan.pk]),
        intro=_(
            "A cluster groups recommendations under a heading of the plan: a theme, a right or "
            "a heading of your own. It may hold recommendations of several mechanisms and cycles."
        ),
    )


def cluster_detail(request, pk: int):
    cluster = _visible(request, selectors.clusters(request.user).select_related("plan"), pk)
    if not isinstance(cluster, Cluster):
        return cluster
    recs = (
        visible_recommendations(request.user)
        .filter(clusters=cluster)
        .select_related("mechanism", "state", "document")
        .order_by("document__symbol", "paragraph", "pk")
    )
    page = Paginator(recs, PAGE_SIZE).get_page(request.GET.get("page"))
    planner = can(request.user, "planning.plan")
    return render(
        request,
        "planning/cluster_detail.html",
        {
            "cluster": cluster,
            "page": page,
            "can_plan": planner,
            "actions": selectors.actions(request.user).filter(cluster=cluster),
            "pick": PickForm() if planner else None,
            "assign": AssignForm() if planner else None,
        },
    )


@signed_in
def cluster_edit(request, pk: int):
    return _planner_edit(request, Cluster, ClusterForm, pk, reverse("planning:cluster_detail", args=[pk]))


@signed_in
@require_POST
def cluster_add(request, pk: int):
    """Put recommendations under the cluster: typed numbers, or every one with a theme."""
    cluster = get_object_or_404(Cluster, pk=pk, archived=False)
    form = PickForm(request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
    else:
        ids = selectors.picked_recommendations(
            request.user,
            ids=form.cleaned_data["ids"],
            theme=form.cleaned_data["theme"],
            country=form.cleaned_data["country"],
        )
        added = services.add_to_cluster(request.user, cluster, ids)
        messages.success(
            request, ngettext("%(n)d recommendation added.", "%(n)d recommendations added.", added) % {"n": added}
        )
    return redirect("planning:cluster_detail", pk)


def action_list(request):
    mine = request.GET.get("mine") == "1"
    base = selectors.actions(request.user, mine=mine)
    filterset = ActionFilterSet(request.GET or None, queryset=base, request=request)
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else base
    page = Paginator(queryset.select_related("cluster"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "planning/action_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "mine": mine,
            "mine_keep": [("mine", "1")] if mine else [],
            "focal_point": can(request.user, "progress.follow_entity"),
        },
    )


def action_detail(request, pk: int):
    action = _visible(request, selectors.actions(request.user).select_related("cluster", "recommendation"), pk)
    if not isinstance(action, Action):
        return action
    # The action's progress reports: progress's panel ({% action_reports %}).
    return render(
        request,
        "planning/action_detail.html",
        {
            "action": action,
            "indicators": action.indicators.filter(archived=False),
            "can_edit": can(request.user, "planning.edit_action", action),
            "can_plan": can(request.user, "planning.plan"),
        },
    )


@signed_in
def action_create(request):
    """A new action for a cluster (``?cluster=``) or a recommendation (``?recommendation=``)."""
    require(request.user, "planning.plan", refused=_("actions are planned by NMRF staff"))
    cluster = Cluster.objects.filter(pk=request.GET.get("cluster") or 0, archived=False).first()
    rec = visible_recommendations(request.user).filter(pk=request.GET.get("recommendation") or 0).first()
    if cluster is None and rec is None:
        raise Http404(_("An action is for a cluster or a recommendation."))
    plan = cluster.plan if cluster else _plan_for(request)
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        action = save_or_explain(
            form, lambda: services.create_action(request.user, plan=plan, cluster=cluster, recommendation=rec, **fields)
        )
        if action is not None:
            return redirect("planning:action_detail", action.pk)
    back = (
        reverse("planning:cluster_detail", args=[cluster.pk])
        if cluster
        else reverse("recommendations:detail", args=[rec.pk])
    )
    return page_form(request, form, title=_("New action for %(item)s") % {"item": cluster or rec}, cancel=back)


def _plan_for(request) -> Plan:
    """The plan an action on a single recommendation goes in: ``?plan=``, else the latest."""
    plan = (
        Plan.objects.filter(archived=False, pk=request.GET.get("plan") or 0).first()
        or Plan.objects.filter(archived=False).order_by("-start", "-pk").first()
    )
    if plan is None:
        raise Http404(_("Make an implementation plan first."))
    return plan


@signed_in
def action_edit(request, pk: int):
    action = get_object_or_404(Action, pk=pk, archived=False)
    require(request.user, "planning.edit_action", action, refused=_("this action is assigned to another entity"))
    form = ActionForm(
        request.POST or None, instance=Action.objects.get(pk=pk), planner=can(request.user, "planning.plan")
    )
    return _edit(
        request,
        form,
        lambda v, c: services.update_action(request.user, action, v, **c),
        title=_("Edit %(item)s") % {"item": action},
        done=reverse("planning:action_detail", args=[pk]),
    )


@signed_in
@require_POST
def archive(request, kind: str, pk: int):
    """Archive (or restore, ``restore=1``) a plan, cluster, action, indicator or entity."""
    model = services.ARCHIVABLE.get(kind)
    if model is None:
        raise Http404
    obj = get_object_or_404(model, pk=pk)
    restore = request.POST.get("restore") == "1"
    try:
        services.archive(request.user, obj, int(request.POST.get("version") or obj.version), archived=not restore)
    except (ConflictError, InvalidValueError) as error:  # stale, or an entity whose parts are active
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Restored.")
            if restore
            else _("Archived: it is kept, with its history, and can be restored by NMRF staff."),
        )
    return redirect(next_or(request, reverse("planning:plan_list")))


@signed_in
def indicator_create(request, action_pk: int):
    action = get_object_or_404(Action, pk=action_pk, archived=False)
    require(request.user, "planning.edit_action", action, refused=_("this action is assigned to another entity"))
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k not in ("version", "name")}
        services.create_indicator(request.user, action, form.cleaned_data["name"], **fields)
        return redirect("planning:action_detail", action.pk)
    return page_form(
        request,
        form,
        title=_("New indicator of %(item)s") % {"item": action},
        cancel=reverse("planning:action_detail", args=[action.pk]),
        intro=_(
            "Structure indicators show commitments (a law, a policy), process indicators efforts "
            "(programmes, budgets), outcome indicators results."
        ),
    )


@signed_in
def indicator_edit(request, pk: int):
    indicator = get_object_or_404(Indicator, pk=pk, archived=False)
    require(
        request.user, "planning.edit_action", indicator.action, refused=_("this indicator's action is another entity's")
    )
    form = IndicatorForm(request.POST or None, instance=Indicator.objects.get(pk=pk))
    return _edit(
        request,
        form,
        lambda v, c: services.update_indicator(request.user, indicator, v, **c),
        title=_("Edit %(item)s") % {"item": indicator},
        done=reverse("planning:action_detail", args=[indicator.action_id]),
    )


def entity_list(request):
    """The State's institutions as a tree, with their focal points and workload."""
    signed = request.user.is_authenticated
    return render(
        request,
        "planning/entity_list.html",
        {
            "tree": entity_tree(),
            "can_plan": can(request.user, "planning.plan"),
            "can_administer": can(request.user, "accounts.give_roles"),
            "members": selectors.focal_points() if signed else {},
            "workload": selectors.workload(request.user),
        },
    )


@signed_in
def entity_create(request):
    require(request.user, "planning.plan", refused=_("adding responsible entities is for NMRF staff"))
    form = EntityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        save_or_explain(form, lambda: services.create_entity(request.user, **fields))
        if not form.errors:
            return redirect("planning:entity_list")
    return page_form(request, form, title=_("New responsible entity"), cancel=reverse("planning:entity_list"))


@signed_in
def entity_edit(request, pk: int):
    return _planner_edit(request, Entity, EntityForm, pk, reverse("planning:entity_list"))


@signed_in
def assign(request):
    """Bulk assignment: typed recommendation numbers, or every one with a theme, to an entity."""
    require(request.user, "planning.plan", refused=_("assigning recommendations is for NMRF staff"))
    form = AssignForm(request.POST or None, initial={"ids": request.GET.get("ids", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ids = selectors.picked_recommendations(
            request.user, ids=data["ids"], theme=data["theme"], country=data["country"]
        )
        changed = services.assign(request.user, ids, data["entity"], lead=data["lead"])
        messages.success(
            request,
            ngettext(
                "%(n)d recommendation assigned to %(entity)s.", "%(n)d recommendations assigned to %(entity)s.", changed
            )
            % {"n": changed, "entity": data["entity"]},
        )
        return redirect(next_or(request, reverse("planning:entity_list")))
    return page_form(
        request,
        form,
        title=_("Assign recommendations to an entity"),
        cancel=next_or(request, reverse("planning:entity_list")),
        intro=_(
            "A recommendation has one lead entity and any number in support; "
            "a new lead moves the previous one to support."
        ),
    )
