from django.urls import path

from meetings import views
from meetings.api import feeds

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/minutes/", views.meeting_minutes, name="minutes"),
    path("<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("<int:pk>/items/<int:item_pk>/", views.item_detail, name="item"),
    path("<int:pk>/minutes/manage/", views.minutes_manage, name="minutes_manage"),
    path("<int:pk>/minutes/new/", views.minute_edit, name="minute_add"),
    path(
        "<int:pk>/minutes/<int:minute_pk>/edit/", views.minute_edit, name="minute_edit"
    ),
    path(
        "<int:pk>/minutes/<int:minute_pk>/amend/",
        views.minute_amend,
        name="minute_amend",
    ),
    path(
        "<int:pk>/minutes/<int:minute_pk>/resolution/",
        views.resolution_edit,
        name="resolution_edit",
    ),
    path("<int:pk>/minutes/ready/", views.minutes_ready, name="minutes_ready"),
    path("<int:pk>/minutes/publish/", views.minutes_publish, name="minutes_publish"),
    path("<int:pk>/minutes/approve/", views.minutes_approve, name="minutes_approve"),
    path("<int:pk>/minutes/review/", views.minutes_review, name="minutes_review"),
    path(
        "<int:pk>/minutes/signature/",
        views.minutes_signature,
        name="minutes_signature",
    ),
    path(
        "minute/<slug:slug>/<int:number>/<int:year>/",
        views.minute_reference,
        name="minute_ref",
    ),
    path("actions/mine/", views.my_actions, name="my_actions"),
    path("actions/calendar/renew/", views.calendar_token_renew, name="calendar_renew"),
    path("actions/api-token/", views.api_token_renew, name="api_token_renew"),
    path("actions/calendar/<uuid:token>.ics", feeds.actions_ics, name="actions_ics"),
    path("actions/log/<slug:slug>/", views.action_log, name="action_log"),
    path("decisions/", views.decisions, name="decisions"),
    path("actions/new/", views.action_create, name="action_create"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/rag/", views.action_rag, name="action_rag"),
    path("new/", views.meeting_create, name="create"),
    path("<int:pk>/agenda/", views.agenda_builder, name="agenda"),
    path("<int:pk>/agenda/items/new/", views.agenda_item_edit, name="item_add"),
    path(
        "<int:pk>/agenda/items/<int:item_pk>/", views.agenda_item_edit, name="item_edit"
    ),
    path(
        "<int:pk>/agenda/items/<int:item_pk>/move/",
        views.agenda_item_move,
        name="item_move",
    ),
    path("<int:pk>/agenda/sign-off/", views.agenda_sign_off, name="sign_off"),
    path("<int:pk>/agenda/publish/", views.agenda_publish, name="publish"),
    path("<int:pk>/reschedule/", views.meeting_reschedule, name="reschedule"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="cancel"),
    path("forward-plan/<slug:slug>/", views.forward_plan, name="forward_plan"),
    path("<int:pk>/attendance/", views.attendance_edit, name="attendance"),
    path(
        "forward-plan/items/<int:pk>/to-agenda/",
        views.planned_to_agenda,
        name="planned_to_agenda",
    ),
    path("reports/", views.report_list, name="reports"),
    path("reports/new/", views.report_edit, name="report_create"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("reports/<int:pk>/review/", views.report_review, name="report_review"),
    path("reports/<int:pk>/withdraw/", views.report_withdraw, name="report_withdraw"),
    path("reports/<int:pk>/upload/", views.document_upload, name="document_upload"),
    path("reports/<int:pk>/route/", views.report_route, name="report_route"),
    path("documents/<int:pk>/", views.document_download, name="document"),
    path("<int:pk>/agenda.pdf", views.agenda_pack, name="pack"),
    path("interests/", views.my_interests, name="interests"),
    path("bodies/<slug:slug>/", views.body_detail, name="body"),
    path("bodies/<slug:slug>/calendar.ics", feeds.body_ics, name="calendar_body"),
    path("calendar.ics", feeds.all_ics, name="calendar_all"),
    path("<int:pk>/meeting.ics", feeds.meeting_ics, name="meeting_ics"),
    path("feed.rss", feeds.PublicationFeed(), name="feed"),
    path("<int:pk>/declarations/", views.declarations, name="declarations"),
    path(
        "<int:pk>/agenda-members.pdf",
        views.agenda_pack,
        {"kind": "members"},
        name="members_pack",
    ),
    path("attendance/<slug:slug>/", views.attendance_stats, name="attendance_stats"),
    path("forward-plan/<slug:slug>/new/", views.planned_item_add, name="planned_add"),
    path("imports/", views.pack_upload, name="pack_upload"),
    path("imports/<int:pk>/", views.pack_import, name="pack_import"),
]
