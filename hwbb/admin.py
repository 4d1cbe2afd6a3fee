"""The admin's ground rules, and the ground floor's own models in it.

The admin edits reference data: bodies, sections, people, frameworks,
priorities, indicators. Workflow rows (meetings, minutes, actions, reports,
notices...) are changed only through the site's pages and their services, so
nothing bypasses the frozen-minutes rule, a supplement, a reminder or a pack
rebuild; their admins take `ReadOnlyAdmin` (or `ReadOnlyHistoryAdmin`) and show
the rows to everyone, superusers included, without changing any.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from hwbb import models


class ReadOnlyAdmin:
    """For a ModelAdmin or an inline: rows may be viewed, never added,
    changed or deleted, whoever asks."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyHistoryAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    """A read-only admin whose history may be read but not reverted to:
    simple_history's form for an old version asks only for the view
    permission before it saves."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(models.Notification)
class NotificationAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["created_at", "kind", "email", "about", "status", "attempts"]
    list_filter = ["status", "kind"]
    search_fields = ["email", "about", "key"]


@admin.register(models.Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["person", "kind", "mode"]
    list_filter = ["kind", "mode"]


@admin.register(models.Provenance)
class ProvenanceAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Notes on where values came from: for officers, never on a public page.
    Recorded by the loaders and importers, so read-only here."""

    list_display = ["content_type", "object_id", "about", "field", "inferred", "note"]
    list_filter = ["inferred", "content_type"]
    search_fields = ["note", "field"]
    list_select_related = ["content_type"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("target")

    @admin.display(description="Row")
    def about(self, obj):
        return obj.target if obj.target is not None else "(deleted)"


@admin.register(models.RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    """The retention schedule: reference data, which the nightly task
    applies. The model's clean() refuses a rule that would remove a record
    kept permanently, or an action the kind of record does not allow."""

    list_display = ["label", "record_type", "rule", "last_reviewed"]
    list_filter = ["record_type", "action"]
    fields = [
        "record_type",
        "label",
        "period",
        "length",
        "action",
        "legal_basis",
        "source_url",
        "last_reviewed",
    ]

    @admin.display(description="Rule")
    def rule(self, obj):
        return obj.describe()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "source_url":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(models.RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["started_at", "rule", "affected", "summary", "duration_ms"]
    list_filter = ["rule"]
    list_select_related = ["rule"]


@admin.register(models.AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """The audit log, read only: no one adds, changes or deletes an entry
    (the site's /audit/ page filters and exports it)."""

    list_display = ["when", "kind", "actor_name", "ip_address", "object_label"]
    list_filter = ["kind"]
    search_fields = ["actor_name", "object_label", "detail"]
    date_hierarchy = "when"
    show_full_result_count = False
