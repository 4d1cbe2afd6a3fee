from django.contrib import admin

from indicators import models


@admin.register(models.Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "area_type", "parent"]
    list_filter = ["area_type"]
    search_fields = ["code", "name"]


@admin.register(models.Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "polarity", "fingertips_id"]
    list_filter = ["polarity"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "area", "period_label", "value", "lower_ci_95"]
    list_filter = ["indicator", "area"]
    list_select_related = ["indicator", "area"]


@admin.register(models.ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["original_name", "created_at", "status", "rows_read", "rows_total"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in models.ImportJob._meta.fields]
