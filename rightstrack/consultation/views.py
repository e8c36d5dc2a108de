"""Consultation pages: comments on recommendations and progress reports, independent
assessments, and the NMRF's consultation rounds with who replied."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightstrack.consultation import selectors, services
from rightstrack.consultation.forms import AssessmentForm, CommentForm, ReplyForm, RoundForm
from rightstrack.consultation.models import Round
from rightstrack.core.errors import InvalidValueError
from rightstrack.core.permissions import can, require
from rightstrack.core.web import next_or, page_form, save_or_explain, signed_in
from rightstrack.progress.selectors import reports
from rightstrack.recommendations.selectors import visible_recommendations


@signed_in
@require_POST
def comment(request):
    """A comment on a recommendation or a progress report the person can see."""
    rec = visible_recommendations(request.user).filter(pk=request.POST.get("recommendation") or 0).first()
    report = reports(request.user).filter(pk=request.POST.get("report") or 0).first()
    form = CommentForm(request.POST)
    if rec is None and report is None:
        messages.error(request, _("A comment is on a recommendation or a progress report."))
    elif not form.is_valid():
        messages.error(request, _("A comment needs a text."))
    else:
        try:
            services.comment(
                request.user,
                form.cleaned_data["text"],
                recommendation=rec,
                report=report,
                organisation=form.cleaned_data["organisation"],
                is_public=form.cleaned_data["is_public"],
            )
            messages.success(request, _("Comment saved."))
        except InvalidValueError as error:
            messages.error(request, str(error))
    return redirect(next_or(request, reverse("home")))


@signed_in
def assess(request, pk: int):
    rec = get_object_or_404(visible_recommendations(request.user), pk=pk)
    require(request.user, "consultation.assess", refused=_("independent assessments are the contributors' own"))
    form = AssessmentForm(request.POST or None)
    back = reverse("recommendations:detail", args=[pk])
    if request.method == "POST" and form.is_valid():
        if save_or_explain(form, lambda: services.assess(request.user, rec, **form.cleaned_data)) is not None:
            messages.success(request, _("Assessment saved."))
            return redirect(back)
    return page_form(request, form, title=_("Your assessment of %(item)s") % {"item": rec}, cancel=back)


@signed_in
def round_list(request):
    planner = can(request.user, "consultation.manage")
    return render(
        request,
        "consultation/round_list.html",
        {
            "rounds": selectors.rounds(request.user)
            .select_related("country", "plan")
            .prefetch_related("invited", "replies"),
            "can_plan": planner,
        },
    )


def _round_fields(form) -> dict:
    """The service's keyword arguments from a valid ``RoundForm``."""
    data = form.cleaned_data
    return {
        "title": data["title"],
        "deadline": data["deadline"],
        "invited": list(data["invited"]),
        "description": data["description"],
        "subject": data["subject"],
        "country": data["country"],
        "cycle": data["cycle"],
        "plan": data["plan"],
    }


@signed_in
def round_create(request):
    require(request.user, "consultation.manage", refused=_("consultation rounds are opened by NMRF staff"))
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = save_or_explain(form, lambda: services.open_round(request.user, **_round_fields(form)))
        if made is not None:
            return redirect("consultation:round_detail", made.pk)
    return page_form(
        request,
        form,
        title=_("Open a consultation round"),
        cancel=reverse("consultation:round_list"),
        intro=_("Ask the NHRI and civil-society organisations for their views on a draft report by a deadline."),
    )


@signed_in
def round_edit(request, pk: int):
    """Change a round: what is asked, of whom, by when, and on which draft report."""
    require(request.user, "consultation.manage", refused=_("consultation rounds are changed by NMRF staff"))
    found = get_object_or_404(selectors.rounds(request.user), pk=pk)
    title = _("Change the consultation round %(title)s") % {"title": found.title}
    form = RoundForm(request.POST or None, instance=found)
    back = reverse("consultation:round_detail", args=[pk])
    if request.method == "POST" and form.is_valid():
        # The form wrote the values on ``found``; the service takes them from the form.
        fresh = Round.objects.get(pk=pk)
        if save_or_explain(form, lambda: services.update_round(request.user, fresh, **_round_fields(form))):
            messages.success(request, _("Consultation round saved."))
            return redirect(back)
    return page_form(request, form, title=title, cancel=back)


@signed_in
def round_detail(request, pk: int):
    found = get_object_or_404(selectors.rounds(request.user).select_related("country", "plan"), pk=pk)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reply(request.user, found, form.cleaned_data["text"])
        except InvalidValueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Reply sent."))
            return redirect("consultation:round_detail", pk)
    answered, waiting = services.replied(found)
    planner = can(request.user, "consultation.manage")
    replies = found.replies.select_related("author") if planner else found.replies.filter(author=request.user)
    return render(
        request,
        "consultation/round_detail.html",
        {
            "round": found,
            "form": form,
            "answered": answered,
            "waiting": waiting,
            "can_plan": planner,
            "replies": replies,
        },
    )
