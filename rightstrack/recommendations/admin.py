from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from rightstrack.core.audit import history, record, record_many, values
from rightstrack.core.models import AuditAction
from rightstrack.recommendations.models import Document, Recommendation, TagAssignment, Translation
from rightstrack.recommendations.services import record_manual_edit
from rightstrack.recommendations.signals import changed


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["symbol", "mechanism", "kind", "date", "upr_session", "cycle"]
    list_filter = ["mechanism", "kind", "cycle"]
    search_fields = ["symbol", "title"]
    filter_horizontal = ["states"]

    def has_delete_permission(self, request, obj=None):
        # Deleting a document would take its recommendations and their history with it.
        return False


class TranslationInline(admin.StackedInline):
    model = Translation
    extra = 0


class TagInline(admin.TabularInline):
    model = TagAssignment
    fields = ["term", "origin", "source", "confidence", "confirmed"]
    raw_id_fields = ["term"]
    extra = 0


class RecommendationForm(forms.ModelForm):
    """Refuses a save from a page opened before someone else saved the recommendation
    (the second person would silently overwrite the first): the hidden field carries the
    ``updated_at`` the page was opened with."""

    opened_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Recommendation
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["opened_at"].initial = self.instance.updated_at.isoformat()

    def clean(self):
        data = super().clean()
        opened = data.get("opened_at")
        if self.instance.pk and opened:
            stored = Recommendation.objects.filter(pk=self.instance.pk).values_list("updated_at", flat=True).first()
            if stored and stored.isoformat() != opened:
                last = history(self.instance).first()
                who = last.user.get_username() if last and last.user else _("someone")
                raise forms.ValidationError(
                    _(
                        "This recommendation was changed by %(who)s at %(when)s after you opened it; nothing was "
                        "saved. Reload the page to see their changes, then make yours again."
                    )
                    % {"who": who, "when": f"{stored:%Y-%m-%d %H:%M}"}
                )
        return data


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    form = RecommendationForm
    list_display = ["__str__", "state", "mechanism", "cycle", "position", "type", "is_published"]
    list_filter = ["mechanism", "cycle", "position", "type", "is_published", "follow_up"]
    search_fields = ["text", "paragraph", "document__symbol", "uhri_id"]
    raw_id_fields = ["document"]
    autocomplete_fields = ["state", "recommending_states"]
    readonly_fields = ["cycle", "created_at", "updated_at"]
    inlines = [TranslationInline, TagInline]
    actions = ["publish", "unpublish"]

    def has_delete_permission(self, request, obj=None):
        # Nothing is deleted: unpublish instead, and the history stays.
        return False

    def save_formset(self, request, form, formset, change):
        """Tag edits in the inline are recorded on the recommendation, before and after."""
        if formset.model is not TagAssignment:
            return super().save_formset(request, form, formset, change)
        rec = form.instance
        before = _tag_list(rec)
        super().save_formset(request, form, formset, change)
        record(request.user, rec, AuditAction.CHANGED, {"tags": before}, {"tags": _tag_list(rec)})

    def save_model(self, request, obj, form, change):
        # The audit trail keeps the values before and after (many-to-many fields as they
        # were shown in the form: their ids).
        fields = [f for f in form.changed_data if f != "opened_at" and not obj._meta.get_field(f).many_to_many]
        before = values(Recommendation.objects.get(pk=obj.pk), fields) if change else {}
        super().save_model(request, obj, form, change)
        if change:
            record_manual_edit(obj, form.changed_data)
        record(request.user, obj, AuditAction.CHANGED if change else AuditAction.CREATED, before, values(obj, fields))

    @admin.action(description=_("Publish the selected recommendations"))
    def publish(self, request, queryset):
        _set_published(request.user, queryset, True)

    @admin.action(description=_("Unpublish the selected recommendations"))
    def unpublish(self, request, queryset):
        _set_published(request.user, queryset, False)


def _tag_list(rec) -> list[str]:
    return sorted(f"{t.term.taxonomy.slug} {t.term.code}" for t in rec.tags.select_related("term__taxonomy"))


def _set_published(user, queryset, published: bool) -> None:
    # A bulk update sends no save signal: say which recommendations changed, so indexes
    # that know who may see what (search) follow.
    ids = list(queryset.exclude(is_published=published).values_list("pk", flat=True))
    Recommendation.objects.filter(pk__in=ids).update(is_published=published)
    changed(_set_published, ids, texts=True)
    record_many(
        user,
        Recommendation,
        [(pk, AuditAction.CHANGED, {"is_published": [not published, published]}, "") for pk in ids],
    )
