"""The meetings pages, one module per subject:

public     the home page; meetings, bodies and agenda items as anyone may read them
search     the search page
agenda     the officer's agenda builder, publication, forward plan and attendance
minutes    the minutes, their PDF and editor, and the decisions register
actions    my actions, an action, the action log and the tokens for them
reports    reports, their papers and the agenda packs
interests  the register of interests, the changes members ask for in it, and
           declarations
people     a member's page, and a body's register of its members' interests
imports    the officer's agenda pack importer: upload, progress, preview, confirm
urgent     decisions taken between meetings: chair's action, written resolutions
questions  the public's questions and requests to speak, and the officer's queue
notifications  a person's notification settings, unsubscribing, the officers' log

Every view is re-exported here, so meetings/urls.py and meetings/urls_site.py
name it `views.<name>`; the notification views, whose names are generic (`log`),
are named by their module in meetings/urls_notifications.py.
"""

from meetings.views.actions import (
    action_create,
    action_detail,
    action_log,
    action_rag,
    api_token_renew,
    calendar_token_renew,
    my_actions,
)
from meetings.views.agenda import (
    agenda_ask_sign_off,
    agenda_builder,
    agenda_item_edit,
    agenda_item_move,
    agenda_publish,
    agenda_sign_off,
    attendance_edit,
    attendance_stats,
    forward_plan,
    meeting_cancel,
    meeting_create,
    meeting_reschedule,
    planned_edit,
    planned_item_add,
    planned_to_agenda,
)
from meetings.views.imports import pack_import, pack_upload
from meetings.views.interests import (
    declarations,
    interest_change,
    interest_changes,
    interest_edit,
    interest_end,
    my_interests,
    person_interests,
)
from meetings.views.minutes import (
    decisions,
    meeting_minutes,
    minute_amend,
    minute_autosave,
    minute_edit,
    minute_reference,
    minute_take,
    minutes_approve,
    minutes_live,
    minutes_manage,
    minutes_pdf,
    minutes_prepare,
    minutes_publish,
    minutes_ready,
    minutes_review,
    minutes_signature,
    resolution_edit,
)
from meetings.views.people import body_register, person_detail
from meetings.views.public import (
    body_detail,
    home,
    item_detail,
    meeting_calendar,
    meeting_detail,
    meeting_list,
)
from meetings.views.questions import (
    question_accept,
    question_answer,
    question_ask,
    question_detail,
    question_merge,
    question_refuse,
    questions_review,
)
from meetings.views.reports import (
    agenda_pack,
    document_download,
    document_upload,
    report_detail,
    report_edit,
    report_list,
    report_review,
    report_route,
    report_submit,
    report_withdraw,
)
from meetings.views.search import search_page
from meetings.views.urgent import (
    urgent_detail,
    urgent_edit,
    urgent_list,
    urgent_new,
    urgent_place,
    urgent_ratify,
    urgent_respond,
    urgent_take,
    urgent_withdraw,
)
from meetings.views.work import your_work

__all__ = [
    "question_accept",
    "question_answer",
    "question_ask",
    "question_detail",
    "question_merge",
    "question_refuse",
    "questions_review",
    "action_create",
    "action_detail",
    "action_rag",
    "action_log",
    "api_token_renew",
    "calendar_token_renew",
    "my_actions",
    "agenda_builder",
    "agenda_item_edit",
    "agenda_item_move",
    "agenda_publish",
    "agenda_ask_sign_off",
    "agenda_sign_off",
    "attendance_edit",
    "attendance_stats",
    "forward_plan",
    "meeting_cancel",
    "meeting_create",
    "meeting_reschedule",
    "planned_edit",
    "planned_item_add",
    "planned_to_agenda",
    "pack_import",
    "pack_upload",
    "declarations",
    "my_interests",
    "person_interests",
    "interest_change",
    "interest_changes",
    "interest_edit",
    "interest_end",
    "person_detail",
    "body_register",
    "decisions",
    "meeting_minutes",
    "minute_amend",
    "minute_edit",
    "minute_reference",
    "minute_autosave",
    "minute_take",
    "minutes_approve",
    "minutes_live",
    "minutes_prepare",
    "minutes_signature",
    "minutes_manage",
    "minutes_pdf",
    "minutes_publish",
    "minutes_ready",
    "minutes_review",
    "resolution_edit",
    "body_detail",
    "item_detail",
    "meeting_calendar",
    "meeting_detail",
    "meeting_list",
    "agenda_pack",
    "document_download",
    "document_upload",
    "report_detail",
    "report_edit",
    "report_list",
    "report_review",
    "report_route",
    "report_submit",
    "report_withdraw",
    "home",
    "search_page",
    "your_work",
    "urgent_detail",
    "urgent_edit",
    "urgent_list",
    "urgent_new",
    "urgent_place",
    "urgent_ratify",
    "urgent_respond",
    "urgent_take",
    "urgent_withdraw",
]
