"""The Reports page: choose a matrix, preview it, download it; bring a filled-in one back;
download the UPR mid-term report of a State and cycle, a national action plan, and a
treaty-body follow-up report.

Anyone may make a matrix: an anonymous visitor's holds published recommendations and
published progress only (``matrix.build`` decides). Bringing a filled-in matrix back is
NMRF staff's: the upload is checked by the importer's own background job (format
``rightstrack-matrix``), whose page says which draft progress reports it would make,
and nothing is written until a person confirms there.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from rightstrack.accounts.models import Entity
from rightstrack.accounts.selectors import active_entities
from rightstrack.core.errors import NotAllowedError, RightstrackError
from rightstrack.core.limits import MAX_DOCUMENT_ROWS_ONLINE
from rightstrack.core.permissions import can, require
from rightstrack.core.web import signed_in
from rightstrack.ingest import jobs
from rightstrack.ingest.registry import ImportOptions
from rightstrack.reports import matrix_return, services
from rightstrack.reports.matrix import subtitle

FORMAT_LABELS = {
    "docx": gettext_lazy("Word (.docx)"),
    "xlsx": gettext_lazy("Excel (.xlsx)"),
    "pdf": gettext_lazy("PDF (.pdf)"),
}


def _formats(kind: str) -> list[tuple[str, str]]:
    return [(fmt, FORMAT_LABELS[fmt]) for fmt in services.KINDS[kind]]


def _languages(field) -> None:
    names = dict(settings.LANGUAGES)
    field.choices = [(code, names.get(code, code)) for code in services.LANGUAGES]
    current = translation.get_language() or "en"
    field.initial = current if current in services.LANGUAGES else "en"


class MatrixForm(forms.Form):
    """What the matrix covers, its language and its file type."""

    country = forms.ChoiceField(label=gettext_lazy("State under review"), required=False)
    cycle = forms.TypedChoiceField(label=gettext_lazy("UPR cycle"), required=False, coerce=int, empty_value=None)
    mechanism = forms.ChoiceField(label=gettext_lazy("Mechanism"), required=False)
    language = forms.ChoiceField(label=gettext_lazy("Language of the document"))
    format = forms.ChoiceField(label=gettext_lazy("File type"), choices=_formats("matrix"), initial="docx")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from rightstrack.recommendations.selectors import visible_recommendations
        from rightstrack.reference.models import Mechanism, State, UPRSession

        visible = visible_recommendations(user)
        self.fields["country"].choices = [("", _("All States"))] + [
            (iso3, f"{name} ({iso3})")
            for iso3, name in State.objects.filter(pk__in=visible.values("state")).values_list("iso3", "name")
        ]
        cycles = sorted(set(UPRSession.objects.values_list("cycle", flat=True)))
        self.fields["cycle"].choices = [("", _("All cycles"))] + [(c, str(c)) for c in cycles]
        self.fields["mechanism"].choices = [("", _("All mechanisms"))] + [
            (code, f"{code} — {name}")
            for code, name in Mechanism.objects.filter(pk__in=visible.values("mechanism")).values_list("code", "name")
        ]
        _languages(self.fields["language"])

    def arguments(self) -> dict:
        """Keyword arguments of ``services.preview`` (call after ``is_valid``)."""
        data = self.cleaned_data
        return {
            "country": data["country"] or None,
            "cycle": data["cycle"],
            "mechanism": data["mechanism"] or None,
            "language": data["language"],
        }


class MidtermForm(forms.Form):
    """The State and cycle of a mid-term report, whose view (the State's or an
    organisation's), its language and file type."""

    prefix = "midterm"
    country = forms.ChoiceField(label=gettext_lazy("State under review"))
    cycle = forms.TypedChoiceField(label=gettext_lazy("UPR cycle"), coerce=int)
    organisation = forms.ChoiceField(label=gettext_lazy("Whose assessment"), required=False)
    language = forms.ChoiceField(label=gettext_lazy("Language of the document"))
    format = forms.ChoiceField(label=gettext_lazy("File type"), choices=_formats("midterm"), initial="pdf")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from rightstrack.consultation.selectors import assessments
        from rightstrack.recommendations.selectors import visible_recommendations
        from rightstrack.reference.models import State

        upr = visible_recommendations(user).filter(mechanism__code="UPR")
        self.fields["country"].choices = [
            (iso3, f"{name} ({iso3})")
            for iso3, name in State.objects.filter(pk__in=upr.values("state")).values_list("iso3", "name")
        ]
        cycles = sorted(set(upr.exclude(cycle=None).values_list("cycle", flat=True)))
        self.fields["cycle"].choices = [(c, str(c)) for c in cycles]
        if cycles:
            self.fields["cycle"].initial = cycles[-1]
        organisations = sorted(set(assessments(user).values_list("organisation", flat=True)))
        self.fields["organisation"].choices = [("", _("The State's progress reports"))] + [
            (name, name) for name in organisations
        ]
        _languages(self.fields["language"])

    def arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": "midterm",
            "fmt": data["format"],
            "country": data["country"],
            "cycle": data["cycle"],
            "organisation": data["organisation"],
            "language": data["language"],
        }


class PlanForm(forms.Form):
    """A plan, the document's language and its file type."""

    prefix = "plan"
    plan = forms.TypedChoiceField(label=gettext_lazy("Plan"), coerce=int)
    language = forms.ChoiceField(label=gettext_lazy("Language of the document"))
    format = forms.ChoiceField(label=gettext_lazy("File type"), choices=_formats("plan"), initial="docx")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from rightstrack.planning.selectors import plans

        self.fields["plan"].choices = [(pk, title) for pk, title in plans(user).values_list("pk", "title")]
        _languages(self.fields["language"])

    def arguments(self) -> dict:
        data = self.cleaned_data
        return {"kind": "plan", "fmt": data["format"], "plan": data["plan"], "language": data["language"]}


class FollowUpForm(forms.Form):
    """A treaty-body follow-up procedure (its concluding observations), the language and
    the file type."""

    prefix = "followup"
    document = forms.ChoiceField(label=gettext_lazy("Concluding observations"))
    language = forms.ChoiceField(label=gettext_lazy("Language of the document"))
    format = forms.ChoiceField(label=gettext_lazy("File type"), choices=_formats("followup"), initial="docx")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from rightstrack.progress.selectors import followups

        rows = followups(user).order_by("document__symbol").values_list("document__symbol", "document__states__name")
        self.fields["document"].choices = sorted(
            ((symbol, f"{state} – {symbol}" if state else symbol) for symbol, state in rows),
            key=lambda choice: choice[1],
        )
        _languages(self.fields["language"])

    def arguments(self) -> dict:
        data = self.cleaned_data
        return {"kind": "followup", "fmt": data["format"], "document": data["document"], "language": data["language"]}


class BringBackForm(forms.Form):
    """A filled-in matrix and the entity its new assessments come from."""

    file = forms.FileField(label=gettext_lazy("Filled-in matrix (.docx or .xlsx)"))
    entity = forms.ModelChoiceField(
        label=gettext_lazy("The assessments come from"),
        queryset=Entity.objects.none(),
        empty_label=gettext_lazy("Choose a responsible entity"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entity"].queryset = active_entities()
        self.fields["entity"].label_from_instance = _entity_label
        self.fields["file"].widget.attrs["accept"] = ".docx,.xlsx"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".docx", ".xlsx")):
            raise forms.ValidationError(_("Bring back the Word (.docx) or Excel (.xlsx) file this page made."))
        return upload


def _entity_label(entity: Entity) -> str:
    return f"{entity.name} ({entity.short_name})" if entity.short_name else entity.name


def _page(
    request,
    form: MatrixForm,
    *,
    preview=None,
    bring_back: BringBackForm | None = None,
    errors=(),
    status: int = 200,
    midterm: MidtermForm | None = None,
    plan: PlanForm | None = None,
    followup: FollowUpForm | None = None,
    document_errors=(),
):
    planner = can(request.user, "reports.manage")
    context = {
        "form": form,
        "preview": preview,
        "can_plan": planner,
        "errors": list(errors),
        "midterm": midterm or MidtermForm(user=request.user),
        "plan": plan or PlanForm(user=request.user),
        "followup": followup or FollowUpForm(user=request.user),
        "document_errors": list(document_errors),
        "download_query": request.GET.urlencode(),
        "subtitle": _subtitle(preview) if preview is not None else "",
        "bring_back": (bring_back or BringBackForm()) if planner else None,
    }
    template = "reports/_preview.html" if request.htmx and not request.htmx.boosted else "reports/index.html"
    return render(request, template, context, status=status)


def _subtitle(preview) -> str:
    with translation.override(preview.language):
        return subtitle(preview)


def index(request):
    """The form; with a query (the "Preview" button), the first rows of the matrix."""
    form = MatrixForm(request.GET or None, user=request.user)
    if not form.is_bound or not form.is_valid():
        return _page(request, form)
    try:
        preview = services.preview(request.user, max_rows=MAX_DOCUMENT_ROWS_ONLINE, **form.arguments())
    except RightstrackError as exc:
        return _page(request, form, errors=[str(exc)], status=400)
    return _page(request, form, preview=preview)


def download(request):
    """The matrix as a file, for what the person may see."""
    form = MatrixForm(request.GET or None, user=request.user)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        made = services.generate(
            request.user, fmt=form.cleaned_data["format"], max_rows=MAX_DOCUMENT_ROWS_ONLINE, **form.arguments()
        )
    except RightstrackError as exc:
        return _page(request, form, errors=[str(exc)], status=400)
    return made.response()


def document(request, kind: str):
    """The mid-term report (``kind="midterm"``), an action plan (``"plan"``) or a
    treaty-body follow-up report (``"followup"``) as a file."""
    form_class = {"midterm": MidtermForm, "plan": PlanForm, "followup": FollowUpForm}[kind]
    form = form_class(request.GET or None, user=request.user)
    forms_ = {kind: form}
    if not form.is_valid():
        return _page(request, MatrixForm(user=request.user), status=400, **forms_)
    try:
        made = services.generate(request.user, **form.arguments())
    except RightstrackError as exc:
        return _page(request, MatrixForm(user=request.user), document_errors=[str(exc)], status=400, **forms_)
    return made.response()


@signed_in
@require_POST
def bring_back(request):
    """Check a filled-in matrix (a background job): its page lists the draft progress
    reports confirming would make, for the entity chosen."""
    require(request.user, "reports.manage", refused=_("bringing back a filled-in matrix is for NMRF staff"))
    bring = BringBackForm(request.POST, request.FILES)
    form = MatrixForm(user=request.user)
    if not bring.is_valid():
        return _page(request, form, bring_back=bring)
    path = jobs.store_upload(bring.cleaned_data["file"])
    if not matrix_return.detect(path):
        jobs.discard(path)
        bring.add_error(
            "file",
            _(
                "%(name)s is not a matrix made by rightstrack (its record of the rows is missing): "
                "bring back the file this page made, filled in."
            )
            % {"name": bring.cleaned_data["file"].name},
        )
        return _page(request, form, bring_back=bring)
    entity = bring.cleaned_data["entity"]  # by number: two entities may share a name under different parents
    try:
        check = jobs.start_check(
            request.user, path, matrix_return.FORMAT_NAME, ImportOptions(entity=str(entity.pk)), publish=False
        )
    except NotAllowedError:  # background work is for staff accounts (planning.services.set_role makes them)
        jobs.discard(path)
        raise
    return redirect("jobs:detail", pk=check.pk)
