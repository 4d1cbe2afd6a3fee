"""The admin edits reference data; workflow rows are read-only there for
everyone, superusers included, so nothing bypasses the site's services (the
frozen minutes, supplements, reminders, pack rebuilds). Officers keep every
model permission for the site's own pages."""

import datetime

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import reverse

from hwbb import audit, provenance
from hwbb.admin import ReadOnlyAdmin, ReadOnlyHistoryAdmin
from hwbb.models import AuditEntry, Notification, RetentionRule, RetentionRun
from indicators.models import ImportJob
from meetings import models as m
from tests import factories

# The workflow models, read-only in the admin: "app.model".
WORKFLOW = {
    "hwbb.auditentry",
    "hwbb.notification",
    "hwbb.provenance",
    "hwbb.retentionrun",
    "indicators.importjob",
    "indicators.indicatorvalue",
    "meetings.action",
    "meetings.actionupdate",
    "meetings.agendaitem",
    "meetings.agendapack",
    "meetings.agendasupplement",
    "meetings.attendance",
    "meetings.consideration",
    "meetings.declaration",
    "meetings.document",
    "meetings.interest",
    "meetings.interestchange",
    "meetings.meeting",
    "meetings.memberresponse",
    "meetings.minute",
    "meetings.minuteamendment",
    "meetings.minutescomment",
    "meetings.minutessignature",
    "meetings.packimport",
    "meetings.planneditem",
    "meetings.publicquestion",
    "meetings.report",
    "meetings.reportreview",
    "meetings.resolution",
    "meetings.resolutionclause",
    # changed only by the address's owner, from the links in the emails
    "meetings.subscription",
    "meetings.urgentdecision",
    "strategy.progressreport",
}
# The reference data, edited in the admin.
REFERENCE = {
    "hwbb.preference",
    "hwbb.retentionrule",
    "indicators.area",
    "indicators.indicator",
    "meetings.agendasection",
    "meetings.body",
    "meetings.membership",
    "meetings.namealias",
    "meetings.organisation",
    "meetings.organisationlead",
    "meetings.person",
    "meetings.recurringitem",
    "meetings.standingitem",
    "strategy.ambition",
    "strategy.framework",
    "strategy.pillar",
    "strategy.priority",
    "strategy.prioritylead",
    "strategy.reportingschedule",
    "strategy.strategy",
    "strategy.strategyversion",
}


def _label(model):
    return f"{model._meta.app_label}.{model._meta.model_name}"


def _registered():
    return {
        _label(model): model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in ("hwbb", "meetings", "strategy", "indicators")
    }


def test_every_model_in_the_admin_is_workflow_or_reference():
    assert set(_registered()) == WORKFLOW | REFERENCE
    assert not WORKFLOW & REFERENCE


@pytest.fixture
def superuser(db):
    return factories.UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture(params=["officer", "superuser"])
def staff(request):
    return request.getfixturevalue(request.param)


def _request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_workflow_rows_may_be_viewed_not_added_changed_or_deleted(staff):
    request = _request(staff)
    for label, model_admin in _registered().items():
        read_only = label in WORKFLOW
        assert isinstance(model_admin, ReadOnlyAdmin) == read_only, label
        assert model_admin.has_view_permission(request), label
        for may in (
            model_admin.has_add_permission(request),
            model_admin.has_change_permission(request),
            model_admin.has_delete_permission(request),
        ):
            assert may is not read_only, label
        for inline in model_admin.get_inline_instances(request):
            # A workflow row's inlines are workflow rows too; a read-only
            # admin shows none of them for adding or changing.
            if read_only:
                assert isinstance(inline, ReadOnlyAdmin), (label, inline)


def test_officers_keep_every_permission_for_the_sites_pages(officer):
    """The read-only admin does not take away what officers may do on the
    site's own pages: their group still holds every model permission."""
    for label in WORKFLOW - {"hwbb.notification", "hwbb.auditentry"}:
        app, model = label.split(".")
        for verb in ("add", "change", "delete", "view"):
            assert officer.has_perm(f"{app}.{verb}_{model}"), (label, verb)


@pytest.fixture
def workflow_rows(officer):
    """One row of each workflow model."""
    clause = factories.ClauseFactory()
    minute = clause.resolution.minute
    meeting = minute.meeting
    item = factories.AgendaItemFactory(meeting=meeting)
    person = factories.PersonFactory()
    action = factories.ActionFactory(minute=minute, body=meeting.body)
    report = m.Report.objects.create(
        title="Better Care Fund plan", body=meeting.body, meeting=meeting
    )
    interest = m.Interest.objects.create(
        person=person, kind="employment", description="Director, Coventry Care Ltd"
    )
    rows = [
        meeting,
        item,
        minute,
        clause.resolution,
        clause,
        action,
        m.ActionUpdate.objects.create(
            action=action, status="on_track", narrative="Begun"
        ),
        m.Attendance.objects.create(meeting=meeting, person=person),
        m.MinuteAmendment.objects.create(
            minute=minute, text="Corrected", reason="A typing error"
        ),
        m.AgendaSupplement.objects.create(
            meeting=meeting, number=1, changes="Item 5 added"
        ),
        m.PlannedItem.objects.create(meeting=meeting, title="Annual report"),
        report,
        m.ReportReview.objects.create(report=report, status="submitted"),
        m.Consideration.objects.create(report=report, body=meeting.body),
        factories.paper(report, "Appendix 1"),
        m.AgendaPack.objects.create(
            meeting=meeting,
            kind="public",
            file="packs/pack.pdf",
            page_count=1,
            fingerprint="0" * 64,
        ),
        interest,
        m.InterestChange.objects.create(
            person=person, action="add", kind="gift", description="Dinner"
        ),
        m.Declaration.objects.create(
            meeting=meeting,
            agenda_item=item,
            person=person,
            interest=interest,
            kind="registrable",
            text="Director of a bidder",
        ),
        factories.ProgressReportFactory(),
        factories.ValueFactory(),
        ImportJob.objects.create(original_name="hle.csv", sha256="0" * 64),
        m.PackImport.objects.create(name="pack.pdf", file="imports/pack.pdf"),
        m.MinutesComment.objects.create(meeting=meeting, text="Add the apologies."),
        m.MinutesSignature.objects.create(
            meeting=meeting,
            signed_at_meeting=meeting,
            signed_by=person,
            digest="0" * 64,
            text="The minutes",
        ),
        Notification.objects.create(
            key=f"action_due_soon:{action.pk}",
            kind="action_due_soon",
            email="owner@example.org",
            content_type=ContentType.objects.get_for_model(action),
            object_id=action.pk,
            about=action.title,
        ),
        m.Subscription.objects.create(
            email="resident@example.net", topic="body-1", body=meeting.body
        ),
        provenance.record(action, "Minute 44, clause 2", field="title"),
        audit.record(AuditEntry.Kind.PUBLISHED, actor=officer, obj=meeting),
    ]
    decision = m.UrgentDecision.objects.create(
        body=meeting.body,
        title="Better Care Fund plan",
        decision="The plan be approved.",
        reasons="The deadline falls before the meeting.",
        deadline=datetime.date(2027, 3, 30),
        deadline_source="NHS England",
    )
    rows += [
        decision,
        m.MemberResponse.objects.create(decision=decision, person=person),
        m.PublicQuestion.objects.create(
            meeting=meeting,
            name="Ruth Resident",
            email="ruth@example.org",
            text="How will the plan reduce delayed discharges?",
            fingerprint="0" * 64,
        ),
    ]
    rule, _ = RetentionRule.objects.get_or_create(
        record_type="minutes",
        action="keep",
        defaults={"label": "Minutes", "legal_basis": "Kept permanently."},
    )
    rows.append(RetentionRun.objects.create(rule=rule, summary="Kept."))
    assert {_label(type(row)) for row in rows} == WORKFLOW
    return rows


def _url(row, view):
    opts = row._meta
    name = f"admin:{opts.app_label}_{opts.model_name}_{view}"
    return reverse(name) if view == "add" else reverse(name, args=[row.pk])


def test_the_admin_refuses_to_add_change_or_delete_workflow_rows(
    client, staff, workflow_rows
):
    client.force_login(staff)
    for row in workflow_rows:
        label = _label(type(row))
        changelist = reverse(f"admin:{label.replace('.', '_')}_changelist")
        assert client.get(changelist).status_code == 200, label
        page = client.get(_url(row, "change"))
        assert page.status_code == 200, label
        assert 'name="_save"' not in page.text, label
        assert client.get(_url(row, "add")).status_code == 403, label
        assert client.post(_url(row, "add"), {}).status_code == 403, label
        assert client.post(_url(row, "change"), {}).status_code == 403, label
        assert client.get(_url(row, "delete")).status_code == 403, label
        response = client.post(_url(row, "delete"), {"post": "yes"})
        assert response.status_code == 403, label
        assert type(row).objects.filter(pk=row.pk).exists(), label
        response = client.post(
            changelist, {"action": "delete_selected", "_selected_action": [row.pk]}
        )
        assert type(row).objects.filter(pk=row.pk).exists(), label


def test_an_old_version_may_be_read_but_not_reverted_to(client, staff, db):
    minute = factories.MinuteFactory(title="Apologies for absence")
    minute.title = "Apologies"
    minute.save()
    first = minute.history.earliest()
    assert isinstance(admin.site._registry[m.Minute], ReadOnlyHistoryAdmin)
    url = reverse("admin:meetings_minute_simple_history", args=[minute.pk, first.pk])
    client.force_login(staff)
    assert client.get(url).status_code == 200
    posted = {"meeting": minute.meeting_id, "title": "Apologies for absence"}
    assert client.post(url, posted).status_code == 403
    minute.refresh_from_db()
    assert minute.title == "Apologies"


def test_reference_data_stays_editable(client, staff, db):
    organisation = factories.OrganisationFactory()
    body = factories.BodyFactory()
    pillar = factories.PillarFactory()
    indicator = factories.IndicatorFactory()
    client.force_login(staff)
    for row in (organisation, body, pillar, indicator):
        assert client.get(_url(row, "add")).status_code == 200
        page = client.get(_url(row, "change"))
        assert 'name="_save"' in page.text
        assert client.get(_url(row, "delete")).status_code == 200
    response = client.post(
        _url(organisation, "change"),
        {
            "name": "Coventry and Warwickshire Partnership NHS Trust",
            "kind": "nhs_trust",
            "aliases": "[]",
            # its nominated leads, an inline: none added
            "lead_roles-TOTAL_FORMS": "0",
            "lead_roles-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content
    organisation.refresh_from_db()
    assert organisation.name == "Coventry and Warwickshire Partnership NHS Trust"


def test_the_two_lists_name_models_that_exist():
    for label in WORKFLOW | REFERENCE:
        assert apps.get_model(label)
