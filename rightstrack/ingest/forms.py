from django import forms
from django.utils.translation import gettext_lazy as _

from rightstrack.ingest.formats.base import ParseError
from rightstrack.ingest.formats.table import parse_mapping
from rightstrack.ingest.registry import BY_NAME, NAMES, ImportOptions

FORMAT_LABELS = {
    "auto": _("Detect from the file"),
    "uhri-xlsx": _("UHRI export (Excel)"),
    "uhri-json": _("UHRI export (JSON)"),
    "upr-info-csv": _("UPR Info database export (CSV)"),
    "ohchr-docx": _("OHCHR thematic list / matrix (Word)"),
    "wg-report": _("UPR Working Group report or addendum"),
    "concluding-observations": _("Treaty-body concluding observations"),
    "rightstrack-json": _("rightstrack export (JSON)"),
    "table": _("Other table (CSV/Excel) with a column mapping"),
}


class UploadForm(forms.Form):
    """The file to import and what the user knows about it."""

    file = forms.FileField(label=_("File"))
    format = forms.ChoiceField(
        label=_("Format"),
        choices=lambda: [(n, FORMAT_LABELS.get(n) or BY_NAME[n].label or n) for n in NAMES],
        initial="auto",
    )
    country = forms.CharField(
        label=_("State (ISO3)"),
        required=False,
        max_length=3,
        help_text=_("Fills in the State, or keeps only this State's records."),
    )
    mechanism = forms.CharField(label=_("Mechanism code"), required=False, max_length=10)
    document = forms.CharField(label=_("Document symbol"), required=False, max_length=100)
    session = forms.IntegerField(label=_("UPR session"), required=False, min_value=1, max_value=54)
    columns = forms.CharField(
        label=_("Column mapping (other tables)"),
        required=False,
        help_text=_("For example: text=Recommendation,country=State,themes=Cluster"),
    )
    publish = forms.BooleanField(label=_("Publish new recommendations"), required=False)

    def clean_columns(self):
        value = self.cleaned_data["columns"]
        try:
            return parse_mapping(value) if value else {}
        except ParseError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean(self):
        data = super().clean()
        # Said here in the form's terms; the importer's own message names --columns.
        if data.get("format") == "table" and not data.get("columns") and "columns" not in self.errors:
            self.add_error("columns", _("This format needs a column mapping."))
        return data

    def options(self) -> ImportOptions:
        data = self.cleaned_data
        return ImportOptions(
            country=data["country"].upper() or None,
            mechanism=data["mechanism"].upper() or None,
            document=data["document"] or None,
            session=data["session"],
            mapping=data["columns"],
        )
