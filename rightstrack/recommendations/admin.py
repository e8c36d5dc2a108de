from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from rightstrack.recommendations.models import Document, Recommendation, TagAssignment, Translation
from rightstrack.recommendations.services import record_manual_edit


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
        super().save_model(request, obj, form, change)
        if change:
            record_manual_edit(obj, form.changed_data)

    @admin.action(description=_("Publish the selected recommendations"))
    def publish(self, request, queryset):
        queryset.update(is_published=True)

    @admin.action(description=_("Unpublish the selected recommendations"))
    def unpublish(self, request, queryset):
        queryset.update(is_published=False)
