"""The audit log: who signed in (and failed), who published, changed,
approved, signed, exported or read exempt papers, and when; read and
filtered by officers at /audit/, downloaded as CSV (itself recorded), and
never changed or deleted from the application, nor on PostgreSQL by any
client's UPDATE or DELETE."""

import csv
import datetime
import io
import re

import pyotp
import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hwbb import audit
from hwbb.models import AuditEntry, AuditEntryIsFinal
from meetings import services
from tests import factories
from tests.helpers import content_of, sign_in

Kind = AuditEntry.Kind
PASSWORD = "a long and correct password"


def _with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def _kinds():
    return list(AuditEntry.objects.order_by("pk").values_list("kind", flat=True))


# -- Signing in ---------------------------------------------------------------


def test_signing_in_and_out_is_recorded_with_the_address(client, member):
    _with_password(member)
    assert (
        sign_in(client, member.username, PASSWORD, address="203.0.113.5").status_code
        == 302
    )
    client.post(reverse("logout"), REMOTE_ADDR="203.0.113.5")
    signed_in, signed_out = AuditEntry.objects.order_by("pk")
    assert (signed_in.kind, signed_out.kind) == (Kind.SIGNED_IN, Kind.SIGNED_OUT)
    assert signed_in.actor == member == signed_out.actor
    assert member.username in signed_in.actor_name
    assert signed_in.ip_address == "203.0.113.5"


def test_a_failed_sign_in_names_the_account_tried_and_no_actor(client, member):
    _with_password(member)
    response = sign_in(client, member.username, "wrong", address="198.51.100.7")
    assert response.status_code == 200
    [entry] = AuditEntry.objects.all()
    assert entry.kind == Kind.SIGN_IN_FAILED
    assert entry.actor is None
    assert entry.actor_name == member.username
    assert entry.ip_address == "198.51.100.7"


def test_a_lockout_is_recorded_and_each_refusal_while_locked(client, member):
    _with_password(member)
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit):
        response = sign_in(client, member.username, "wrong")
    assert response.status_code == 429
    assert _kinds() == [Kind.SIGN_IN_FAILED] * (limit - 1) + [Kind.LOCKED_OUT]
    # the right password while locked out is refused, and recorded once
    assert sign_in(client, member.username, PASSWORD).status_code == 429
    assert _kinds()[-1] == Kind.LOCKED_OUT
    assert len(_kinds()) == limit + 1
    assert not AuditEntry.objects.filter(kind=Kind.SIGNED_IN).exists()


def test_a_second_factor_added_and_a_wrong_code_are_recorded(
    client, officer, django_capture_on_commit_callbacks
):
    _with_password(officer)
    client.force_login(officer)
    response = client.get(reverse("mfa_activate_totp"))
    client.post(response["Location"], {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp")).content.decode()
    secret = re.search(r'value="([A-Z2-7]{32})"', page).group(1)
    # allauth says an authenticator was added once its transaction commits
    with django_capture_on_commit_callbacks(execute=True):
        code = pyotp.TOTP(secret).now()
        client.post(reverse("mfa_activate_totp"), {"code": code})
    added = AuditEntry.objects.filter(kind=Kind.SECOND_FACTOR_ADDED, actor=officer)
    assert added.filter(detail="Authenticator app").exists()

    client.logout()
    sign_in(client, officer.username, PASSWORD)
    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    failed = AuditEntry.objects.filter(kind=Kind.SIGN_IN_FAILED).get()
    assert failed.actor == officer and failed.detail == "Wrong second-factor code"


# -- The work the board does -------------------------------------------------------


@pytest.fixture
def meeting(hwb):
    meeting = factories.MeetingFactory(
        body=hwb,
        start=timezone.now() + datetime.timedelta(days=30),
        status="scheduled",
        agenda_status="signed_off",
        minutes_status="none",
    )
    factories.AgendaItemFactory(meeting=meeting, number=1)
    return meeting


def test_publishing_an_agenda_records_one_entry_with_who(meeting, officer):
    services.agenda_publish(meeting=meeting, user=officer)
    services.agenda_publish(meeting=meeting, user=officer)  # a double submit
    [entry] = AuditEntry.objects.all()
    assert entry.kind == Kind.PUBLISHED
    assert entry.actor == officer
    assert (entry.object_type, entry.object_id) == ("meetings.meeting", str(meeting.pk))
    assert entry.object_label == str(meeting)
    assert entry.detail == "Agenda"


def test_publishing_on_the_page_records_the_officer_and_address(
    client, meeting, officer
):
    client.force_login(officer)
    url = reverse("meetings:publish", args=[meeting.pk])
    assert client.post(url, {}, REMOTE_ADDR="192.0.2.44").status_code == 302
    [entry] = AuditEntry.objects.filter(kind=Kind.PUBLISHED)
    assert entry.actor == officer and entry.ip_address == "192.0.2.44"


def test_a_cancellation_names_who_though_the_service_is_not_told(
    client, meeting, officer
):
    """meeting_cancel takes no user: the entry names the request's."""
    client.force_login(officer)
    url = reverse("meetings:cancel", args=[meeting.pk])
    client.post(url, {"reason": "The chair is unwell."})
    [entry] = AuditEntry.objects.filter(kind=Kind.CANCELLED)
    assert entry.actor == officer
    assert entry.detail == "The chair is unwell."


def test_a_failed_service_leaves_no_entry(hwb, officer):
    draft = factories.MeetingFactory(
        body=hwb,
        start=timezone.now() + datetime.timedelta(days=30),
        status="scheduled",
        agenda_status="draft",
    )
    with pytest.raises(Exception, match="sign the agenda off"):
        services.agenda_publish(meeting=draft, user=officer)
    assert not AuditEntry.objects.exists()


# -- Exempt papers and exports ---------------------------------------------------


def test_reading_an_exempt_paper_is_recorded_for_a_member(client, member, exempt):
    client.force_login(member)
    paper = exempt["paper"]
    response = client.get(reverse("meetings:document", args=[paper.pk]))
    assert response.status_code == 200
    entry = AuditEntry.objects.get(
        kind=Kind.VIEWED_EXEMPT, object_type="meetings.document"
    )
    assert entry.actor == member and entry.object_id == str(paper.pk)


def test_the_public_cannot_read_an_exempt_paper_and_nothing_is_recorded(client, exempt):
    response = client.get(reverse("meetings:document", args=[exempt["paper"].pk]))
    assert response.status_code == 404
    item = exempt["item"]
    page = client.get(reverse("meetings:item", args=[item.meeting_id, item.pk]))
    assert page.status_code == 200  # its open title only
    assert not AuditEntry.objects.exists()


def test_opening_an_exempt_item_is_recorded_an_open_one_is_not(client, member, exempt):
    client.force_login(member)
    item = exempt["item"]
    client.get(reverse("meetings:item", args=[item.meeting_id, item.pk]))
    open_item = factories.AgendaItemFactory(meeting=item.meeting, number=9)
    client.get(reverse("meetings:item", args=[item.meeting_id, open_item.pk]))
    [entry] = AuditEntry.objects.exclude(kind=Kind.SIGNED_IN)
    assert entry.kind == Kind.VIEWED_EXEMPT
    assert entry.object_id == str(item.pk)


def test_a_signed_in_csv_export_is_recorded_the_publics_is_not(client, member, hwb):
    url = reverse("meetings:action_log", args=[hwb.slug])
    client.get(url, {"format": "csv"})
    assert not AuditEntry.objects.exists()
    client.force_login(member)
    response = client.get(url, {"format": "csv", "status": "open"})
    content_of(response)
    [entry] = AuditEntry.objects.exclude(kind=Kind.SIGNED_IN)
    assert entry.kind == Kind.EXPORTED and entry.actor == member
    assert entry.detail == f"{hwb.slug}-actions.csv (format=csv&status=open)"


# -- The officers' page -----------------------------------------------------------


@pytest.fixture
def entries(officer, member, meeting):
    services.agenda_publish(meeting=meeting, user=officer)
    audit.record(Kind.SIGN_IN_FAILED, actor_name="=cmd|' /C calc'!A0")
    audit.record(Kind.SIGNED_IN, actor=member)
    audit.record(Kind.SIGNED_IN, actor=officer)
    # an entry of forty days ago (added with its time; never changed after)
    AuditEntry.objects.create(
        kind=Kind.SIGNED_IN,
        actor_name="Ruth Old (ruth)",
        when=timezone.now() - datetime.timedelta(days=40),
    )
    return AuditEntry.objects.all()


def _rows(page):
    return re.findall(r'<tr class="govuk-table__row">\s*<td', page)


@pytest.mark.parametrize("role", ["anonymous", "member", "author", "chair"])
def test_only_officers_read_the_log(db, client, request, role):
    user = request.getfixturevalue(role)
    if user is not None:
        client.force_login(user)
    for query in ({}, {"format": "csv"}):
        response = client.get(reverse("audit"), query)
        assert response.status_code == (302 if user is None else 403)
        assert not getattr(response, "streaming", False)
    assert not AuditEntry.objects.filter(kind=Kind.EXPORTED).exists()


def test_the_log_is_newest_first_and_filters(client, officer, member, entries):
    client.force_login(officer)  # itself recorded: six entries
    page = client.get(reverse("audit")).content.decode()
    assert len(_rows(page)) == 6 and "6 entries" in page
    # newest first
    assert page.index("Published") < page.index("=cmd") < page.index("Ruth Old")

    page = client.get(reverse("audit"), {"kind": "published"}).content.decode()
    assert len(_rows(page)) == 1 and "Agenda" in page

    who = client.get(reverse("audit"), {"person": member.username}).content.decode()
    assert len(_rows(who)) == 1

    kind = client.get(reverse("audit"), {"object_type": "meetings.meeting"})
    assert len(_rows(kind.content.decode())) == 1

    today = timezone.localdate()
    since = client.get(
        reverse("audit"), {"since": f"{today + datetime.timedelta(days=1)}"}
    )
    assert "No entries match" in since.content.decode()
    today_only = client.get(reverse("audit"), {"until": today, "since": today})
    assert len(_rows(today_only.content.decode())) == 5
    long_ago = client.get(reverse("audit"), {"until": today - datetime.timedelta(30)})
    assert "Ruth Old" in long_ago.content.decode()
    assert len(_rows(long_ago.content.decode())) == 1


def test_bad_filters_are_said_not_a_server_error(client, officer, entries):
    client.force_login(officer)
    response = client.get(reverse("audit"), {"since": "2026-02-31", "kind": "nope"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter the date like" in page and "No entries match" in page


def test_the_csv_has_the_filtered_entries_guarded_and_is_recorded(
    client, officer, entries
):
    client.force_login(officer)
    response = client.get(reverse("audit"), {"format": "csv", "kind": "sign_in_failed"})
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="audit-log.csv"'
    rows = list(csv.reader(io.StringIO(content_of(response).decode())))
    assert rows[0] == [
        "when",
        "kind",
        "who",
        "account_id",
        "address",
        "object_type",
        "object_id",
        "object",
        "detail",
    ]
    assert len(rows) == 2
    assert rows[1][1] == "Sign-in failed"
    assert rows[1][2] == "'=cmd|' /C calc'!A0"  # a spreadsheet shows it as text
    exported = AuditEntry.objects.get(kind=Kind.EXPORTED)
    assert exported.actor == officer
    assert exported.detail == "Audit log CSV of What happened: sign_in_failed"


def test_the_page_keeps_a_query_budget_that_does_not_grow(
    client, officer, django_assert_max_num_queries
):
    client.force_login(officer)
    meeting = factories.MeetingFactory()
    for _ in range(3):
        audit.record(Kind.PUBLISHED, actor=officer, obj=meeting)
    with django_assert_max_num_queries(9) as few:
        assert client.get(reverse("audit")).status_code == 200
    for n in range(60):
        audit.record(Kind.CHANGED, actor=officer, obj=meeting, detail=f"Change {n}")
        audit.record(Kind.SIGNED_IN, actor_name=f"person{n}")
    with django_assert_max_num_queries(len(few)) as many:
        assert client.get(reverse("audit"), {"page": "2"}).status_code == 200
    assert len(many) <= len(few)


# -- Nobody changes the log ---------------------------------------------------------


def test_an_entry_cannot_be_changed_or_deleted_by_the_application(officer):
    entry = audit.record(Kind.SIGNED_IN, actor=officer)
    entry.detail = "rewritten"
    with pytest.raises(AuditEntryIsFinal):
        entry.save()
    with pytest.raises(AuditEntryIsFinal):
        entry.delete()
    with pytest.raises(AuditEntryIsFinal):
        AuditEntry.objects.filter(pk=entry.pk).update(detail="rewritten")
    with pytest.raises(AuditEntryIsFinal):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).detail == ""


def test_deleting_an_account_leaves_its_entries(officer):
    entry = audit.record(Kind.SIGNED_IN, actor=officer)
    name = entry.actor_name
    officer.delete()
    kept = AuditEntry.objects.get(pk=entry.pk)
    assert kept.actor_name == name and kept.actor_id == entry.actor_id


@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="the trigger is PostgreSQL's",
)
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE hwbb_auditentry SET detail = 'rewritten' WHERE id = %s",
        "DELETE FROM hwbb_auditentry WHERE id = %s",
    ],
)
def test_postgresql_refuses_raw_updates_and_deletes(officer, sql):
    entry = audit.record(Kind.SIGNED_IN, actor=officer)
    with pytest.raises(DatabaseError, match="audit log cannot be changed"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).detail == ""


def test_reading_exempt_minutes_is_recorded_for_a_member_not_the_public(
    client, member, exempt
):
    url = reverse("meetings:minutes", args=[exempt["meeting"].pk])
    assert client.get(url).status_code == 200
    assert not AuditEntry.objects.exists()
    client.force_login(member)
    page = client.get(url).content.decode()
    assert exempt["minute"].title in page
    [entry] = AuditEntry.objects.filter(kind=Kind.VIEWED_EXEMPT)
    assert entry.actor == member and entry.object_id == str(exempt["meeting"].pk)


def test_the_members_pack_download_is_recorded(client, member, exempt):
    meeting = exempt["meeting"]
    client.force_login(member)
    response = client.get(reverse("meetings:members_pack", args=[meeting.pk]))
    assert response.status_code == 200
    [entry] = AuditEntry.objects.filter(kind=Kind.EXPORTED)
    assert entry.actor == member
    assert entry.detail.startswith("Members' pack (with exempt papers)")


def test_each_reading_of_exempt_minutes_is_recorded_though_pages_are_cached(
    client, member, exempt
):
    """A signed-in reader's pages are kept for them (hwbb.pagecache), and a
    page that opens exempt business to them is too: each reading from the
    cache is recorded as the first was, who and from where included."""
    url = reverse("meetings:minutes", args=[exempt["meeting"].pk])
    client.force_login(member)
    client.get(url)  # sets the CSRF cookie: a page that sets one is not kept
    served = []
    for address in ("192.0.2.1", "192.0.2.2", "192.0.2.3"):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url, REMOTE_ADDR=address).content.decode()
        assert exempt["minute"].title in page
        served.append(len(queries))
    assert served[1] == served[2] < served[0] / 2, served  # from the cache
    entries = AuditEntry.objects.filter(kind=Kind.VIEWED_EXEMPT).order_by("pk")
    assert entries.count() == 4
    first, *again = entries
    for entry in again:
        assert (entry.actor, entry.object_type, entry.object_id, entry.detail) == (
            member,
            first.object_type,
            first.object_id,
            "Exempt minutes, on the page",
        )
    assert [e.ip_address for e in again] == ["192.0.2.1", "192.0.2.2", "192.0.2.3"]
