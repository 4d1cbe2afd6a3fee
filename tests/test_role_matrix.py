"""Every named URL answers each role as the role matrix says."""

import datetime

import pytest
from django.contrib import admin
from django.urls import get_resolver, reverse
from django.utils import timezone

from hwbb import notify
from indicators.models import ImportJob
from meetings import services
from meetings.models import (
    Interest,
    Meeting,
    PackImport,
    PlannedItem,
    PublicQuestion,
    Report,
    UrgentDecision,
)
from tests import factories
from tests.helpers import alert_args

ALL = {
    "officer": 200,
    "chair": 200,
    "member": 200,
    "author": 200,
    "outsider": 200,
    "anonymous": 200,
}
SIGNED_IN = {**ALL, "anonymous": 302}
OFFICERS = {
    "officer": 200,
    "chair": 403,
    "member": 403,
    "author": 403,
    "outsider": 403,
    "anonymous": 302,
}

MATRIX = {
    "home": ALL,
    "search": ALL,
    "healthz": ALL,
    "accessibility": ALL,
    "privacy": ALL,
    "security_txt": ALL,
    "login": ALL,
    "meetings:list": ALL,
    "meetings:detail": ALL,
    "meetings:minutes": ALL,
    "meetings:action": ALL,
    "meetings:my_actions": SIGNED_IN,
    "your_work": SIGNED_IN,
    "meetings:action_create": OFFICERS,
    "meetings:action_rag": {**OFFICERS, "officer": 405},  # POST only
    "meetings:create": OFFICERS,
    "meetings:agenda": {**OFFICERS, "chair": 200},
    "meetings:item_add": OFFICERS,
    "meetings:item_edit": OFFICERS,
    "meetings:item_move": {**OFFICERS, "officer": 405},  # POST only
    "meetings:sign_off": {**OFFICERS, "officer": 403, "chair": 405},  # POST only
    "meetings:ask_sign_off": {**OFFICERS, "officer": 405},  # POST only
    "meetings:publish": OFFICERS,
    "meetings:reschedule": OFFICERS,
    "meetings:cancel": OFFICERS,
    "meetings:forward_plan": ALL,
    "meetings:planned_add": OFFICERS,
    "meetings:planned_to_agenda": OFFICERS,  # a form: choose the section
    "meetings:planned_edit": OFFICERS,
    "meetings:attendance": OFFICERS,
    "meetings:pack_upload": OFFICERS,
    "meetings:pack_import": OFFICERS,
    "meetings:attendance_stats": ALL,
    "meetings:reports": {**OFFICERS, "author": 200},
    "meetings:report_create": {**OFFICERS, "author": 200},
    "meetings:report": ALL,
    "meetings:report_edit": OFFICERS,  # the author persona did not write it
    "meetings:report_submit": {**OFFICERS, "officer": 405, "author": 405},
    # a page that says what withdrawing does; the persona did not write it
    "meetings:report_withdraw": OFFICERS,
    "meetings:report_review": OFFICERS,
    "meetings:report_route": OFFICERS,
    "meetings:document_upload": OFFICERS,
    "meetings:document": ALL,
    "meetings:pack": ALL,
    "meetings:members_pack": {**SIGNED_IN, "author": 403, "outsider": 403},
    "meetings:interests": {**SIGNED_IN, "outsider": 403},  # needs a person record
    "meetings:declarations": {**SIGNED_IN, "outsider": 403},
    "meetings:body": ALL,
    "meetings:item": ALL,
    "meetings:action_log": ALL,
    "meetings:decisions": ALL,
    "meetings:minutes_pdf": ALL,
    "meetings:calendar_renew": {
        **SIGNED_IN,
        "officer": 405,
        "chair": 405,
        "member": 405,
        "author": 405,
        "outsider": 405,
    },
    "meetings:minutes_manage": {**OFFICERS, "chair": 200},
    "meetings:minute_add": OFFICERS,
    "meetings:minute_edit": OFFICERS,
    "meetings:minute_amend": OFFICERS,
    "meetings:resolution_edit": OFFICERS,
    "meetings:minutes_ready": {**OFFICERS, "officer": 405},  # POST only
    "meetings:minutes_live": OFFICERS,
    "meetings:minutes_prepare": {**OFFICERS, "officer": 405},  # POST only
    "meetings:minute_take": {**OFFICERS, "officer": 405},  # POST only
    "meetings:minute_autosave": {**OFFICERS, "officer": 405},  # POST only
    "meetings:minutes_publish": {**OFFICERS, "officer": 405},
    "meetings:minutes_approve": {**OFFICERS, "officer": 405, "chair": 405},
    "meetings:minutes_review": {**OFFICERS, "chair": 200},
    # the matrix's meeting is not signed; tests/meetings/test_minutes_signature.py
    # reads a signed one
    "meetings:minutes_signature": {role: 404 for role in ALL},
    "meetings:calendar_body": ALL,
    "meetings:calendar_all": ALL,
    "meetings:calendar_month": ALL,
    "meetings:meeting_ics": ALL,
    "meetings:feed": ALL,
    "strategy:overview": ALL,
    "strategy:priority": ALL,
    "strategy:pillar": ALL,
    "indicators:list": ALL,
    "strategy:dashboard": ALL,
    "strategy:dashboard_pdf": ALL,
    "strategy:priority_dashboard": ALL,
    "indicators:detail": ALL,
    "indicators:import": OFFICERS,
    "indicators:import_job": OFFICERS,
    "indicators:value_add": OFFICERS,
    "indicators:watchlist": ALL,
    "strategy:watchlist_plan": {**OFFICERS, "officer": 405},  # POST only
    "indicators:export": ALL,
    "strategy:coverage": OFFICERS,
    "strategy:interconnections": ALL,
    "strategy:frameworks": ALL,
    "strategy:overview_pdf": ALL,
    "strategy:framework_new": OFFICERS,
    "strategy:framework_edit": OFFICERS,
    "strategy:tags": OFFICERS,
    "strategy:progress": OFFICERS,
    "strategy:progress_mine": SIGNED_IN,
    "strategy:progress_request": OFFICERS,
    "strategy:progress_report": ALL,  # an accepted return
    # an awaited return asked of someone else: hidden from all but officers
    "strategy:progress_submit": {
        "officer": 200,
        "chair": 404,
        "member": 404,
        "author": 404,
        "outsider": 404,
        "anonymous": 302,
    },
    "strategy:progress_review": {**OFFICERS, "officer": 405},  # POST only
    "strategy:schedule": OFFICERS,
    "notifications:settings": {**SIGNED_IN, "outsider": 404},  # needs a person
    "notifications:log": OFFICERS,
    "lockouts": OFFICERS,
    "audit": OFFICERS,
    # signing in: a second factor, and one's own sessions
    "mfa_index": SIGNED_IN,
    # only between the password and the code: the signed-in go on to their
    # work (REDIRECTED_ELSEWHERE), the public back to sign in
    "mfa_authenticate": {role: 302 for role in ALL},
    # these ask the signed-in for their password again first
    "mfa_activate_totp": {role: 302 for role in ALL},
    "mfa_generate_recovery_codes": {role: 302 for role in ALL},
    "mfa_add_webauthn": {role: 302 for role in ALL},
    # nothing to turn off or show to someone with no authenticator app
    "mfa_deactivate_totp": {**SIGNED_IN, **{r: 404 for r in ALL if r != "anonymous"}},
    "mfa_view_recovery_codes": {
        **SIGNED_IN,
        **{r: 404 for r in ALL if r != "anonymous"},
    },
    "usersessions_list": SIGNED_IN,
    "unlock": {**OFFICERS, "officer": 405},  # POST only
    "retention": OFFICERS,  # the retention schedule and its runs
    "meetings:person_interests": ALL,  # a member of a public board
    "meetings:person": ALL,  # a member of a public board
    "meetings:body_register": ALL,
    # the member's own entry: another's is not found, as a forged id is
    "meetings:interest_edit": {
        "officer": 404,
        "chair": 404,
        "member": 200,
        "author": 404,
        "outsider": 403,  # no person record
        "anonymous": 302,
    },
    "meetings:interest_end": {
        "officer": 404,
        "chair": 404,
        "member": 200,
        "author": 404,
        "outsider": 403,
        "anonymous": 302,
    },
    "meetings:interest_changes": OFFICERS,
    "meetings:interest_change": OFFICERS,  # the member's change, waiting
    "notifications:unsubscribe": ALL,  # the signed token is the credential
    # email alerts: for anyone, with no account; the links' signed tokens are
    # the credentials
    "alerts:index": ALL,
    "alerts:subscribe": ALL,
    "alerts:subscribe_search": ALL,
    "alerts:sent": ALL,
    "alerts:confirm": ALL,
    "alerts:manage": ALL,
    "alerts:unsubscribe": ALL,
    "meetings:api_token_renew": {
        **SIGNED_IN,
        "officer": 405,
        "chair": 405,
        "member": 405,
        "author": 405,
        "outsider": 405,
    },
    "api:schema": ALL,
    "api:docs": ALL,
    "api:ocd_events": ALL,
    "api:ocd_event": ALL,
    "api:popolo": ALL,
    "api:meetings_csv": ALL,
    "api:decisions_csv": ALL,
    "api:actions_csv": ALL,
    "api:interests_csv": ALL,
    "api:search": {role: 400 for role in ALL},  # asked for no words
    # decisions taken between meetings: the list, a taken one, a proposal
    "meetings:urgent_list": ALL,
    "meetings:urgent_new": OFFICERS,
    "meetings:urgent_decision": ALL,
    "meetings:urgent_edit": OFFICERS,
    "meetings:urgent_take": {**OFFICERS, "chair": 200},  # the body's chair
    # a written resolution asks the voting members (the chair and the member);
    # others do not see the proposal at all
    "meetings:urgent_respond": {
        "officer": 200,
        "chair": 200,
        "member": 200,
        "author": 404,
        "outsider": 404,
        "anonymous": 302,
    },
    "meetings:urgent_ratify": OFFICERS,
    "meetings:urgent_withdraw": OFFICERS,
    "meetings:urgent_place": {**OFFICERS, "officer": 405},  # POST only
    # the public's questions: the form for anyone, an accepted question's
    # page for anyone, the queue and the decisions for officers
    "meetings:question_ask": ALL,
    "meetings:question": ALL,
    "meetings:questions_review": OFFICERS,
    "meetings:question_accept": {**OFFICERS, "officer": 405},  # POST only
    "meetings:question_refuse": OFFICERS,
    "meetings:question_merge": OFFICERS,
    "meetings:question_answer": OFFICERS,
}
# Tested apart: sign-out is POST only, minute_ref redirects to the minute cited,
# actions_ics is reached by a private token (tests/meetings/test_actions_calendar.py).
# The API's router endpoints are tested per role in tests/api/.
# Where a signed-in role is sent, for the pages that do not send it to sign in.
REDIRECTED_ELSEWHERE = {
    "mfa_authenticate": "/your-work/",
    "mfa_activate_totp": "/accounts/reauthenticate/",
    "mfa_generate_recovery_codes": "/accounts/reauthenticate/",
    "mfa_add_webauthn": "/accounts/reauthenticate/",
}
NOT_IN_MATRIX = {"logout", "meetings:minute_ref", "meetings:actions_ics"}


def _project_url_names():
    names = set()
    for pattern in get_resolver().url_patterns:
        namespace = getattr(pattern, "namespace", None)
        if namespace == "admin":
            continue
        for sub in getattr(pattern, "url_patterns", [pattern]):
            if getattr(sub, "name", None):
                names.add(f"{namespace}:{sub.name}" if namespace else sub.name)
    return names


def test_every_named_url_is_in_the_matrix():
    assert _project_url_names() == set(MATRIX) | NOT_IN_MATRIX


def _public_questions(body, officer):
    """A meeting ahead that takes questions, with one waiting, another
    waiting to merge it into, and one accepted."""
    ahead = factories.MeetingFactory(
        body=body,
        start=timezone.now() + datetime.timedelta(days=40),
        status="scheduled",
        agenda_status="draft",
        minutes_status="none",
    )

    def sent(text):
        question = PublicQuestion(
            meeting=ahead, name="Ruth Resident", email="ruth@example.org", text=text
        )
        return services.question_submit(question=question)[0]

    waiting, _, accepted = sent("One"), sent("Two"), sent("Three")
    services.question_accept(question=accepted, user=officer)
    return {
        "meetings:question_ask": [ahead.pk],
        "meetings:questions_review": [ahead.pk],
        "meetings:question": [accepted.pk],
        "meetings:question_accept": [waiting.pk],
        "meetings:question_refuse": [waiting.pk],
        "meetings:question_merge": [waiting.pk],
        "meetings:question_answer": [accepted.pk],
    }


def _between_meetings(body, chair):
    """A chair's action and a written resolution proposed, and a chair's
    action taken (no meeting to come, so not yet on an agenda)."""

    def proposed(kind, title):
        decision = UrgentDecision(
            body=body,
            kind=kind,
            title=title,
            decision="The Better Care Fund plan be approved for submission.",
            reasons="NHS England's deadline falls before the next meeting.",
            deadline=datetime.date(2027, 3, 30),
            deadline_source="NHS England: Better Care Fund plan submission",
            consultation="The Director of Adult Services agreed.",
        )
        return services.urgent_decision_propose(decision=decision, user=None)[0]

    action = proposed(UrgentDecision.Kind.CHAIRS_ACTION, "Better Care Fund plan")
    written = proposed(UrgentDecision.Kind.WRITTEN_RESOLUTION, "BCF Q3 return")
    taken = proposed(UrgentDecision.Kind.CHAIRS_ACTION, "BCF year-end return")
    services.urgent_decision_take(decision=taken, user=chair)
    return {
        "meetings:urgent_decision": [taken.pk],
        "meetings:urgent_edit": [action.pk],
        "meetings:urgent_take": [action.pk],
        "meetings:urgent_withdraw": [action.pk],
        "meetings:urgent_respond": [written.pk],
        "meetings:urgent_ratify": [taken.pk],
        "meetings:urgent_place": [taken.pk],
    }


@pytest.fixture
def objects(db, chair, member, officer):
    action = factories.ActionFactory()
    pillar = factories.PillarFactory()
    meeting = action.minute.meeting
    item = factories.AgendaItemFactory(meeting=meeting)
    on_meeting = [meeting.pk]
    planned = PlannedItem.objects.create(meeting=meeting, title="Better Care Fund plan")
    report = Report.objects.create(
        title="Housing and Homelessness One Coventry Approach",
        body=meeting.body,
        meeting=meeting,
        agenda_item=item,
    )
    awaited = factories.ProgressReportFactory(
        status="requested", requested_of=factories.PersonFactory()
    )
    document = factories.paper(
        report, "Appendix 1", text="Better Care Fund 2019/20 plan"
    )
    interest = Interest.objects.create(
        person=member.person, kind="gift", description="Conference dinner"
    )
    change, _ = services.interest_change_ask(
        person=member.person, action="add", kind="other", description="Trustee"
    )
    return {
        "meetings:agenda": on_meeting,
        "meetings:item_add": on_meeting,
        "meetings:item_edit": [meeting.pk, item.pk],
        "meetings:item_move": [meeting.pk, item.pk],
        "meetings:sign_off": on_meeting,
        "meetings:ask_sign_off": on_meeting,
        "meetings:publish": on_meeting,
        "meetings:reschedule": on_meeting,
        # a meeting yet to happen: one with minutes cannot be cancelled
        "meetings:cancel": [
            factories.MeetingFactory(
                body=meeting.body,
                start=timezone.now() + datetime.timedelta(days=30),
                status="scheduled",
                agenda_status="draft",
                minutes_status="none",
            ).pk
        ],
        "meetings:forward_plan": [meeting.body.slug],
        "meetings:planned_add": [meeting.body.slug],
        "meetings:planned_to_agenda": [planned.pk],
        "meetings:planned_edit": [planned.pk],
        "meetings:attendance": on_meeting,
        "meetings:attendance_stats": [meeting.body.slug],
        "meetings:report": [report.pk],
        "meetings:report_edit": [report.pk],
        "meetings:report_submit": [report.pk],
        "meetings:report_withdraw": [report.pk],
        "meetings:report_review": [report.pk],
        "meetings:report_route": [report.pk],
        "meetings:document_upload": [report.pk],
        "meetings:document": [document.pk],
        "meetings:pack": on_meeting,
        "meetings:members_pack": on_meeting,
        "meetings:declarations": on_meeting,
        "meetings:body": [meeting.body.slug],
        "meetings:person_interests": [member.person.pk],
        "meetings:person": [member.person.pk],
        "meetings:body_register": [meeting.body.slug],
        "meetings:interest_edit": [interest.pk],
        "meetings:interest_end": [interest.pk],
        "meetings:interest_change": [change.pk],
        "meetings:item": [meeting.pk, item.pk],
        "meetings:action_log": [meeting.body.slug],
        "meetings:minutes_pdf": on_meeting,
        "meetings:minutes_manage": on_meeting,
        "meetings:minute_add": on_meeting,
        "meetings:minute_edit": [meeting.pk, action.minute.pk],
        "meetings:minute_amend": [meeting.pk, action.minute.pk],
        "meetings:resolution_edit": [meeting.pk, action.minute.pk],
        "meetings:minutes_ready": on_meeting,
        "meetings:minutes_live": on_meeting,
        "meetings:minutes_prepare": on_meeting,
        "meetings:minute_take": [meeting.pk, action.minute.pk],
        "meetings:minute_autosave": [meeting.pk, action.minute.pk],
        "meetings:minutes_publish": on_meeting,
        "meetings:minutes_approve": on_meeting,
        "meetings:minutes_review": on_meeting,
        "meetings:minutes_signature": on_meeting,
        "meetings:calendar_body": [meeting.body.slug],
        "meetings:meeting_ics": on_meeting,
        "api:ocd_event": on_meeting,
        "meetings:detail": [action.minute.meeting.pk],
        "meetings:minutes": [action.minute.meeting.pk],
        "meetings:action": [action.pk],
        "meetings:action_rag": [action.pk],
        "strategy:priority": [factories.PriorityFactory(slug="p-1").slug],
        "strategy:priority_dashboard": ["p-1"],
        "strategy:pillar": [pillar.framework.slug, pillar.code],
        "indicators:detail": [factories.IndicatorFactory().slug],
        "indicators:export": ["csv"],
        "indicators:import_job": [
            ImportJob.objects.create(original_name="hle.csv", sha256="0" * 64).pk
        ],
        "meetings:pack_import": [
            PackImport.objects.create(name="pack.pdf", file="imports/pack.pdf").pk
        ],
        "strategy:watchlist_plan": [factories.IndicatorFactory().slug],
        "strategy:tags": ["action", action.pk],
        "strategy:progress_report": [factories.ProgressReportFactory().pk],
        "strategy:progress_submit": [awaited.pk],
        "strategy:progress_review": [awaited.pk],
        "strategy:schedule": ["p-1"],
        "strategy:framework_edit": [pillar.framework.slug],
        "notifications:unsubscribe": [
            notify.unsubscribe_token(action.owner_person, "action_due_soon")
        ],
        **alert_args(meeting.body),
        "meetings:urgent_list": [meeting.body.slug],
        "meetings:urgent_new": [meeting.body.slug],
        **_between_meetings(meeting.body, chair),
        **_public_questions(meeting.body, officer),
    }


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_answers_each_role(name, persona, client, objects):
    role, _ = persona
    if name in ("meetings:pack", "meetings:members_pack"):
        meeting = Meeting.objects.get(pk=objects[name][0])
        services.agenda_pack_build(meeting=meeting)
    response = client.get(reverse(name, args=objects.get(name, [])))
    assert response.status_code == MATRIX[name][role], (name, role)
    if response.status_code == 302:
        expected = reverse("login")
        if role != "anonymous":
            expected = REDIRECTED_ELSEWHERE.get(name, expected)
        assert response["Location"].startswith(expected), (name, role)


def test_admin_is_for_officers_only(persona, client):
    role, _ = persona
    response = client.get(reverse("admin:index"))
    assert response.status_code == (200 if role == "officer" else 302)


def test_every_model_is_in_the_admin():
    from django.apps import apps

    for app in ("hwbb", "meetings", "strategy", "indicators"):
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue
            assert admin.site.is_registered(model), model.__name__


def test_sign_out_is_a_post(client, officer):
    client.force_login(officer)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("meetings:my_actions")).status_code == 302
