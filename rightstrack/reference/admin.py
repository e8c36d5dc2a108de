from django.contrib import admin

from rightstrack.reference.models import (
    GradeLevel,
    Instrument,
    Mechanism,
    SpecialProcedureMandate,
    State,
    StateAlias,
    Taxonomy,
    Term,
    UPRSession,
)


class StateAliasInline(admin.TabularInline):
    model = StateAlias
    fields = ["name"]
    extra = 1


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    list_display = ["name", "iso3", "regional_group", "status"]
    list_filter = ["regional_group", "status"]
    search_fields = ["name", "iso3", "official_name", "aliases__name"]
    inlines = [StateAliasInline]


@admin.register(Mechanism)
class MechanismAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "established", "followup_years"]
    list_filter = ["kind"]


@admin.register(GradeLevel)
class GradeLevelAdmin(admin.ModelAdmin):
    list_display = ["mechanism", "code", "label", "rank", "legacy"]
    list_filter = ["mechanism", "legacy"]


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["code", "short_name", "mechanism", "kind", "adopted", "entry_into_force"]
    list_filter = ["kind", "mechanism"]


@admin.register(SpecialProcedureMandate)
class MandateAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "state", "established"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(UPRSession)
class UPRSessionAdmin(admin.ModelAdmin):
    list_display = ["number", "cycle", "start_date", "end_date"]
    list_filter = ["cycle"]


class TermInline(admin.TabularInline):
    model = Term
    fk_name = "taxonomy"
    fields = ["code", "label", "parent", "position"]
    raw_id_fields = ["parent"]
    extra = 1


@admin.register(Taxonomy)
class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "builtin", "open", "multiple"]
    inlines = [TermInline]

    def get_inlines(self, request, obj):
        # Built-in taxonomies have hundreds of terms: edit those from the Term list.
        return [] if obj and obj.builtin else self.inlines


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "taxonomy", "parent"]
    list_filter = ["taxonomy"]
    search_fields = ["label", "code"]
    raw_id_fields = ["parent"]
