"""The strategy app in the admin: frameworks, pillars, strategies and their
versions, ambitions, priorities, their leads and reporting schedules may be
edited; progress reports are read-only (hwbb.admin.ReadOnlyAdmin) and go
through the request, return and review pages."""

from django.contrib import admin

from hwbb.admin import ReadOnlyHistoryAdmin
from strategy import models


class PillarInline(admin.TabularInline):
    model = models.Pillar
    extra = 0


@admin.register(models.Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PillarInline]


@admin.register(models.Pillar)
class PillarAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "framework", "order"]
    list_filter = ["framework"]
    search_fields = ["name", "code"]


@admin.register(models.Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]


class AmbitionInline(admin.TabularInline):
    model = models.Ambition
    extra = 0


@admin.register(models.StrategyVersion)
class StrategyVersionAdmin(admin.ModelAdmin):
    list_display = ["label", "kind", "period_start", "period_end", "standing"]
    list_filter = ["strategy", "kind"]
    inlines = [AmbitionInline]


@admin.register(models.Ambition)
class AmbitionAdmin(admin.ModelAdmin):
    list_display = ["title", "version", "number"]
    list_filter = ["version"]


class PriorityLeadInline(admin.TabularInline):
    model = models.PriorityLead
    extra = 0


@admin.register(models.Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ["title", "version", "number", "kind", "lineage", "next_review_date"]
    list_filter = ["version", "kind", "lineage"]
    search_fields = ["title"]
    filter_horizontal = ["pillars", "indicators"]
    inlines = [PriorityLeadInline]


@admin.register(models.PriorityLead)
class PriorityLeadAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "priority"]


@admin.register(models.ProgressReport)
class ProgressReportAdmin(ReadOnlyHistoryAdmin):
    list_display = ["priority", "date", "status", "rag", "due_date"]
    list_filter = ["status", "rag", "priority__version"]


@admin.register(models.ReportingSchedule)
class ReportingScheduleAdmin(admin.ModelAdmin):
    list_display = ["priority", "every_months", "body", "lead", "next_request_on"]
    list_filter = ["active", "body"]
