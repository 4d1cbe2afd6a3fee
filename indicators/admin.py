"""The indicators app in the admin: areas and indicators may be edited; values
and import jobs are read-only (hwbb.admin.ReadOnlyAdmin): a value comes from a
Fingertips import, which records its job and would overwrite an edit made
here, or from the local value page, which refuses impossible values."""

from django.contrib import admin

from hwbb.admin import ReadOnlyAdmin
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
class IndicatorValueAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["indicator", "area", "period_label", "value", "lower_ci_95"]
    list_filter = ["indicator", "area"]
    list_select_related = ["indicator", "area"]


@admin.register(models.ImportJob)
class ImportJobAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["original_name", "created_at", "status", "rows_read", "rows_total"]
    list_filter = ["status"]
