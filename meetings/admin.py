"""The meetings app in the admin: its reference data (bodies, sections,
organisations, people, memberships, standing and recurring items) may be
edited; its workflow rows are read-only (hwbb.admin.ReadOnlyAdmin) and change
only through the site's pages and services."""

from django.contrib import admin

from hwbb.admin import ReadOnlyAdmin, ReadOnlyHistoryAdmin
from meetings import models

TAG_FIELDS = ["secondary_pillars", "priorities"]


class OrganisationLeadInline(admin.TabularInline):
    model = models.OrganisationLead
    extra = 1
    fields = ["person", "email", "since", "until"]
    readonly_fields = ["email"]
    autocomplete_fields = ["person"]
    verbose_name = "nominated lead"
    verbose_name_plural = (
        "Nominated leads: they may update the organisation's actions and "
        "receive the reminders of those that name no person"
    )

    @admin.display(description="Email (from the person)")
    def email(self, lead):
        return lead.person.email if lead.person_id else ""


@admin.register(models.Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "successor"]
    list_filter = ["kind"]
    search_fields = ["name"]
    inlines = [OrganisationLeadInline]


@admin.register(models.OrganisationLead)
class OrganisationLeadAdmin(admin.ModelAdmin):
    list_display = ["person", "organisation", "since", "until"]
    list_filter = ["organisation"]
    search_fields = ["person__display_name", "organisation__name"]
    list_select_related = ["person", "organisation"]
    autocomplete_fields = ["person", "organisation"]


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["display_name", "job_title", "organisation", "email", "user"]
    search_fields = ["display_name", "family_name", "email"]
    list_select_related = ["organisation", "user"]


class SectionInline(admin.TabularInline):
    model = models.AgendaSection
    extra = 0


class MembershipInline(admin.TabularInline):
    model = models.Membership
    extra = 0
    autocomplete_fields = ["person", "on_behalf_of"]


@admin.register(models.Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "meets_in_public"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SectionInline, MembershipInline]


@admin.register(models.AgendaSection)
class AgendaSectionAdmin(admin.ModelAdmin):
    list_display = ["name", "body", "order", "is_private"]


@admin.register(models.Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "body", "role", "on_behalf_of", "start", "end"]
    list_filter = ["body", "role"]
    list_select_related = ["person", "body", "on_behalf_of"]


class AgendaItemInline(ReadOnlyAdmin, admin.TabularInline):
    model = models.AgendaItem
    extra = 0
    fields = ["number", "sub_letter", "section", "title", "kind", "is_exempt"]


class AttendanceInline(ReadOnlyAdmin, admin.TabularInline):
    model = models.Attendance
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(models.Meeting)
class MeetingAdmin(ReadOnlyHistoryAdmin):
    list_display = ["__str__", "start", "status", "agenda_status", "minutes_status"]
    list_filter = ["body", "status", "agenda_status", "minutes_status"]
    date_hierarchy = "start"
    inlines = [AgendaItemInline, AttendanceInline]


@admin.register(models.AgendaItem)
class AgendaItemAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["reference", "title", "meeting", "kind", "is_exempt"]
    list_filter = ["meeting__body", "kind", "is_exempt"]
    filter_horizontal = TAG_FIELDS
    list_select_related = ["meeting__body"]


@admin.register(models.Attendance)
class AttendanceAdmin(ReadOnlyHistoryAdmin):
    list_display = ["person", "meeting", "status", "capacity"]
    list_filter = ["status", "capacity"]


@admin.register(models.Minute)
class MinuteAdmin(ReadOnlyHistoryAdmin):
    list_display = ["reference", "title", "meeting", "is_exempt"]
    list_filter = ["meeting__body", "is_exempt"]
    list_select_related = ["meeting__body"]


class ClauseInline(ReadOnlyAdmin, admin.TabularInline):
    model = models.ResolutionClause
    extra = 0
    fields = ["order", "label", "parent", "text", "verb", "kind", "recommended_to"]


@admin.register(models.Resolution)
class ResolutionAdmin(ReadOnlyHistoryAdmin):
    list_display = ["__str__", "is_inline", "primary_pillar"]
    filter_horizontal = TAG_FIELDS
    inlines = [ClauseInline]


@admin.register(models.ResolutionClause)
class ResolutionClauseAdmin(ReadOnlyHistoryAdmin):
    list_display = ["__str__", "verb", "kind"]
    list_filter = ["verb", "kind"]


class ActionUpdateInline(ReadOnlyAdmin, admin.TabularInline):
    model = models.ActionUpdate
    extra = 0


@admin.register(models.Action)
class ActionAdmin(ReadOnlyHistoryAdmin):
    list_display = ["title", "owner_label", "due_date", "status", "body"]
    list_filter = ["body", "status"]
    search_fields = ["title", "description"]
    filter_horizontal = TAG_FIELDS
    list_select_related = ["owner_person", "owner_organisation", "body"]
    inlines = [ActionUpdateInline]


@admin.register(models.ActionUpdate)
class ActionUpdateAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["action", "date", "status", "percent_complete"]


@admin.register(models.StandingItem)
class StandingItemAdmin(admin.ModelAdmin):
    list_display = ["title", "body", "position", "order", "sub_letter", "kind"]
    list_filter = ["body"]


@admin.register(models.AgendaSupplement)
class AgendaSupplementAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["__str__", "published_at"]


@admin.register(models.RecurringItem)
class RecurringItemAdmin(admin.ModelAdmin):
    list_display = ["title", "body", "every_months", "next_due", "statutory"]
    list_filter = ["body", "statutory"]


@admin.register(models.PlannedItem)
class PlannedItemAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["title", "meeting", "report_author", "report_deadline"]
    list_select_related = ["meeting__body", "report_author"]


class ReportReviewInline(ReadOnlyAdmin, admin.TabularInline):
    model = models.ReportReview
    extra = 0


class ConsiderationInline(ReadOnlyAdmin, admin.TabularInline):
    model = models.Consideration
    extra = 0


@admin.register(models.Report)
class ReportAdmin(ReadOnlyHistoryAdmin):
    list_display = ["title", "body", "meeting", "status"]
    list_filter = ["body", "status"]
    search_fields = ["title"]
    filter_horizontal = [*TAG_FIELDS, "authors"]
    inlines = [ReportReviewInline, ConsiderationInline]


@admin.register(models.ReportReview)
class ReportReviewAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["report", "status", "by", "at"]


@admin.register(models.Consideration)
class ConsiderationAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["report", "body", "meeting", "order"]


@admin.register(models.Document)
class DocumentAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["title", "report", "kind", "file_type", "version", "is_exempt"]
    list_filter = ["kind", "file_type", "is_exempt"]


@admin.register(models.AgendaPack)
class AgendaPackAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["__str__", "page_count", "built_at"]


@admin.register(models.Interest)
class InterestAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["person", "kind", "organisation", "reviewed_on", "end"]
    list_filter = ["kind"]


@admin.register(models.InterestChange)
class InterestChangeAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["person", "action", "kind", "status", "submitted_at"]
    list_filter = ["status", "action"]


@admin.register(models.Declaration)
class DeclarationAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["person", "meeting", "agenda_item", "kind", "withdrew"]
    list_filter = ["kind", "withdrew"]


@admin.register(models.MinuteAmendment)
class MinuteAmendmentAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["minute", "at", "by"]


@admin.register(models.NameAlias)
class NameAliasAdmin(admin.ModelAdmin):
    """The importers' table of printed names: an officer corrects who each is."""

    list_display = ["printed", "person", "confirmed", "created_at"]
    list_filter = ["confirmed"]
    search_fields = ["printed", "key", "person__display_name"]
    autocomplete_fields = ["person"]
    list_select_related = ["person"]


@admin.register(models.PackImport)
class PackImportAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["name", "status", "uploaded_by", "created_at", "saved_at"]
    list_filter = ["status"]


@admin.register(models.MinutesSignature)
class MinutesSignatureAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """The chairs' signatures and the text each signed (exempt minutes in full:
    officers only)."""

    list_display = ["meeting", "signed_by", "signed_at_meeting", "signed_at"]


@admin.register(models.MinutesComment)
class MinutesCommentAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["meeting", "minute", "by", "at"]


class MemberResponseInline(ReadOnlyAdmin, admin.TabularInline):
    model = models.MemberResponse
    extra = 0


@admin.register(models.UrgentDecision)
class UrgentDecisionAdmin(ReadOnlyHistoryAdmin):
    list_display = ["__str__", "body", "status", "deadline", "taken_on"]
    list_filter = ["body", "kind", "status"]
    list_select_related = ["body"]
    filter_horizontal = TAG_FIELDS
    inlines = [MemberResponseInline]


@admin.register(models.MemberResponse)
class MemberResponseAdmin(ReadOnlyHistoryAdmin):
    list_display = ["decision", "person", "answer", "answered_at"]
    list_select_related = ["decision", "person"]


@admin.register(models.Subscription)
class SubscriptionAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Email alerts asked for by the public: changed only by their owners,
    from the links in the emails (meetings/views/alerts.py)."""

    list_display = ["email", "topic", "frequency", "created_at", "confirmed_at"]
    list_filter = ["frequency"]
    search_fields = ["email", "query"]
    list_select_related = ["body", "pillar", "priority"]


@admin.register(models.PublicQuestion)
class PublicQuestionAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["__str__", "meeting", "kind", "status", "submitted_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["meeting__body"]
