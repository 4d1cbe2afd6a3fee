from django.contrib import admin

from hwbb import models


@admin.register(models.Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "email", "about", "status", "attempts"]
    list_filter = ["status", "kind"]
    search_fields = ["email", "about", "key"]
    readonly_fields = ["key", "created_at", "queued_at", "claimed_at", "sent_at"]


@admin.register(models.Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["person", "kind", "mode"]
    list_filter = ["kind", "mode"]
