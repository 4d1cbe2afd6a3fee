"""Workflows across models, by subject: actions and their updates; meetings,
their agendas, the forward plan and the agenda packs; reports and their papers,
and progress returns accepted onto an agenda;
attendance, minutes and resolutions; interests and declarations; importing
what the records print, and the packs officers upload to be imported.

Every public name is re-exported here, so callers keep writing
`from meetings import services` and `services.agenda_publish(...)`."""

from meetings.services.actions import (
    DOUBLE_SUBMIT_WINDOW,
    action_add_update,
    action_create,
    action_set_rag,
)
from meetings.services.agenda import (
    AGENDA_CLOSED,
    PACK_SWEEP_SINCE,
    REPORT_WORKING_DAYS,
    agenda_item_add,
    agenda_item_move,
    agenda_item_update,
    agenda_pack_build,
    agenda_pack_refresh,
    agenda_pack_sweep,
    agenda_publish,
    agenda_renumber,
    agenda_sign_off,
    agenda_supplement_publish,
    forward_plan_schedule,
    meeting_cancel,
    meeting_create,
    meeting_reschedule,
    planned_item_to_agenda,
    report_deadline_for,
    tagged_item_add,
)
from meetings.services.imports import (
    import_commit,
    import_plan,
    plan_in_words,
    result_in_words,
)
from meetings.services.interests import (
    declaration_make,
    declarations_checklist,
    interests_reviewed,
)
from meetings.services.minutes import (
    MinuteConflict,
    attendance_record,
    attendance_statistics,
    attendee_add,
    chairs_who_may_sign,
    minute_amend,
    minute_create,
    minute_update,
    minutes_approve,
    minutes_check,
    minutes_check_with_comments,
    minutes_publish,
    minutes_ready_for_chair,
    minutes_send_back,
    minutes_sign,
    resolution_save,
)
from meetings.services.pack_imports import (
    pack_import_choose,
    pack_import_parts,
    pack_import_read,
    pack_import_save,
    pack_import_waiting,
)
from meetings.services.papers import (
    document_add,
    progress_report_accept,
    report_accept,
    report_missing,
    report_return,
    report_submit,
    report_withdraw,
)

__all__ = [
    # actions
    "DOUBLE_SUBMIT_WINDOW",
    "action_add_update",
    "action_create",
    "action_set_rag",
    # agenda
    "AGENDA_CLOSED",
    "PACK_SWEEP_SINCE",
    "REPORT_WORKING_DAYS",
    "agenda_item_add",
    "agenda_item_move",
    "agenda_item_update",
    "agenda_pack_build",
    "agenda_pack_refresh",
    "agenda_pack_sweep",
    "agenda_publish",
    "agenda_renumber",
    "agenda_sign_off",
    "agenda_supplement_publish",
    "forward_plan_schedule",
    "meeting_cancel",
    "meeting_create",
    "meeting_reschedule",
    "planned_item_to_agenda",
    "report_deadline_for",
    "tagged_item_add",
    # interests
    "declaration_make",
    "declarations_checklist",
    "interests_reviewed",
    # minutes (and attendance)
    "MinuteConflict",
    "attendance_record",
    "attendance_statistics",
    "attendee_add",
    "minute_amend",
    "import_commit",
    "import_plan",
    "plan_in_words",
    "result_in_words",
    # uploaded packs
    "pack_import_choose",
    "pack_import_parts",
    "pack_import_read",
    "pack_import_save",
    "pack_import_waiting",
    "minute_create",
    "minute_update",
    "chairs_who_may_sign",
    "minutes_approve",
    "minutes_check_with_comments",
    "minutes_send_back",
    "minutes_sign",
    "minutes_check",
    "minutes_publish",
    "minutes_ready_for_chair",
    "resolution_save",
    # papers
    "document_add",
    "progress_report_accept",
    "report_accept",
    "report_missing",
    "report_return",
    "report_submit",
    "report_withdraw",
]
