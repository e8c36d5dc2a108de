"""The Reports page: choose a matrix, preview it, download it; bring a filled-in one back.

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

from rightstrack.core.errors import NotAllowedError, RightstrackError
from rightstrack.core.limits import MAX_DOCUMENT_ROWS_ONLINE
from rightstrack.core.web import signed_in
from rightstrack.ingest import jobs
from rightstrack.ingest.registry import ImportOptions
from rightstrack.planning import roles
from rightstrack.planning.models import Entity
from rightstrack.reports import matrix_return, services
from rightstrack.reports.matrix import subtitle

FORMAT_LABELS = {"docx": gettext_lazy("Word (.docx)"), "xlsx": gettext_lazy("Excel (.xlsx)")}


class MatrixForm(forms.Form):
    """What the matrix covers, its language and its file type."""

    country = forms.ChoiceField(label=gettext_lazy("State under review"), required=False)
    cycle = forms.TypedChoiceField(label=gettext_lazy("UPR cycle"), required=False, coerce=int, empty_value=None)
    mechanism = forms.ChoiceField(label=gettext_lazy("Mechanism"), required=False)
    language = forms.ChoiceField(label=gettext_lazy("Language of the document"))
    format = forms.ChoiceField(label=gettext_lazy("File type"), choices=list(FORMAT_LABELS.items()),
                               initial="docx")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from rightstrack.recommendations.selectors import visible_recommendations
        from rightstrack.reference.models import Mechanism, State, UPRSession

        visible = visible_recommendations(user)
        self.fields["country"].choices = [("", _("All States"))] + [
            (iso3, f"{name} ({iso3})") for iso3, name in
            State.objects.filter(pk__in=visible.values("state")).values_list("iso3", "name")]
        cycles = sorted(set(UPRSession.objects.values_list("cycle", flat=True)))
        self.fields["cycle"].choices = [("", _("All cycles"))] + [(c, str(c)) for c in cycles]
        self.fields["mechanism"].choices = [("", _("All mechanisms"))] + [
            (code, f"{code} — {name}") for code, name in
            Mechanism.objects.filter(pk__in=visible.values("mechanism")).values_list("code", "name")]
        names = dict(settings.LANGUAGES)
        self.fields["language"].choices = [(code, names.get(code, code)) for code in services.LANGUAGES]
        current = translation.get_language() or "en"
        self.fields["language"].initial = current if current in services.LANGUAGES else "en"

    def arguments(self) -> dict:
        """Keyword arguments of ``services.preview`` (call after ``is_valid``)."""
        data = self.cleaned_data
        return {"country": data["country"] or None, "cycle": data["cycle"], "mechanism": data["mechanism"] or None,
                "language": data["language"]}


class BringBackForm(forms.Form):
    """A filled-in matrix and the entity its new assessments come from."""

    file = forms.FileField(label=gettext_lazy("Filled-in matrix (.docx or .xlsx)"))
    entity = forms.ModelChoiceField(label=gettext_lazy("The assessments come from"), queryset=Entity.objects.none(),
                                    empty_label=gettext_lazy("Choose a responsible entity"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entity"].queryset = Entity.objects.filter(archived=False)
        self.fields["entity"].label_from_instance = _entity_label
        self.fields["file"].widget.attrs["accept"] = ".docx,.xlsx"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".docx", ".xlsx")):
            raise forms.ValidationError(_("Bring back the Word (.docx) or Excel (.xlsx) file this page made."))
        return upload


def _entity_label(entity: Entity) -> str:
    return f"{entity.name} ({entity.short_name})" if entity.short_name else entity.name


def _page(request, form: MatrixForm, *, preview=None, bring_back: BringBackForm | None = None, errors=(),
          status: int = 200):
    planner = roles.can_plan(request.user)
    context = {"form": form, "preview": preview, "can_plan": planner, "errors": list(errors),
               "download_query": request.GET.urlencode(),
               "subtitle": _subtitle(preview) if preview is not None else "",
               "bring_back": (bring_back or BringBackForm()) if planner else None}
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
        made = services.generate(request.user, fmt=form.cleaned_data["format"], max_rows=MAX_DOCUMENT_ROWS_ONLINE,
                                  **form.arguments())
    except RightstrackError as exc:
        return _page(request, form, errors=[str(exc)], status=400)
    return made.response()


@signed_in
@require_POST
def bring_back(request):
    """Check a filled-in matrix (a background job): its page lists the draft progress
    reports confirming would make, for the entity chosen."""
    roles.require(roles.can_plan(request.user), _("bringing back a filled-in matrix is for NMRF staff"))
    bring = BringBackForm(request.POST, request.FILES)
    form = MatrixForm(user=request.user)
    if not bring.is_valid():
        return _page(request, form, bring_back=bring)
    path = jobs.store_upload(bring.cleaned_data["file"])
    if not matrix_return.detect(path):
        jobs.discard(path)
        bring.add_error("file", _("%(name)s is not a matrix made by rightstrack (its record of the rows is missing): "
                                  "bring back the file this page made, filled in.") % {"name": bring.cleaned_data["file"].name})
        return _page(request, form, bring_back=bring)
    entity = bring.cleaned_data["entity"]  # by number: two entities may share a name under different parents
    try:
        check = jobs.start_check(request.user, path, matrix_return.FORMAT_NAME, ImportOptions(entity=str(entity.pk)),
                                 publish=False)
    except NotAllowedError:  # background work is for staff accounts (planning.services.set_role makes them)
        jobs.discard(path)
        raise
    return redirect("jobs:detail", pk=check.pk)
