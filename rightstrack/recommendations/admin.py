from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from rightstrack.core.audit import record, record_many, values
from rightstrack.core.models import AuditAction
from rightstrack.recommendations.models import Document, Recommendation, TagAssignment, Translation
from rightstrack.recommendations.services import record_manual_edit
from rightstrack.recommendations.signals import recommendations_changed


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["symbol", "mechanism", "kind", "date", "upr_session", "cycle"]
    list_filter = ["mechanism", "kind", "cycle"]
    search_fields = ["symbol", "title"]
    filter_horizontal = ["states"]


class TranslationInline(admin.StackedInline):
    model = Translation
    extra = 0


class TagInline(admin.TabularInline):
    model = TagAssignment
    fields = ["term", "origin", "source", "confidence", "confirmed"]
    raw_id_fields = ["term"]
    extra = 0


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "state", "mechanism", "cycle", "position", "type", "is_published"]
    list_filter = ["mechanism", "cycle", "position", "type", "is_published", "follow_up"]
    search_fields = ["text", "paragraph", "document__symbol", "uhri_id"]
    raw_id_fields = ["document"]
    autocomplete_fields = ["state", "recommending_states"]
    readonly_fields = ["cycle", "created_at", "updated_at"]
    inlines = [TranslationInline, TagInline]
    actions = ["publish", "unpublish"]

    def save_model(self, request, obj, form, change):
        # The audit trail keeps the values before and after (many-to-many fields as they
        # were shown in the form: their ids).
        fields = [f for f in form.changed_data if not obj._meta.get_field(f).many_to_many]
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


def _set_published(user, queryset, published: bool) -> None:
    # A bulk update sends no save signal: say which recommendations changed, so indexes
    # that know who may see what (search) follow.
    ids = list(queryset.exclude(is_published=published).values_list("pk", flat=True))
    Recommendation.objects.filter(pk__in=ids).update(is_published=published)
    recommendations_changed.send(sender=_set_published, ids=ids)
    record_many(user, Recommendation, [(pk, AuditAction.CHANGED, {"is_published": [not published, published]}, "")
                                       for pk in ids])
