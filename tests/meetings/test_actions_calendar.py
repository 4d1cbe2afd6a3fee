"""Each person's actions as an iCal feed of VTODOs at a private, revocable URL."""

import datetime
import uuid

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings import services
from tests import factories


def test_vtodo_feed_and_revoking_it(client, member):
    action = factories.ActionFactory(
        owner_person=member.person,
        status="at_risk",
        percent_complete=40,
        due_date=datetime.date(2027, 3, 31),
        due_text="end of March 2027",
    )
    client.force_login(member)
    client.post(reverse("meetings:calendar_renew"))
    member.person.refresh_from_db()
    url = reverse("meetings:actions_ics", args=[member.person.calendar_token])
    client.logout()  # calendar apps do not sign in
    (todo,) = Calendar.from_ical(client.get(url).content).walk("VTODO")
    assert str(todo["UID"]) == f"action-{action.pk}@127.0.0.1"
    assert todo.decoded("DUE") == datetime.date(2027, 3, 31)
    assert str(todo["STATUS"]) == "IN-PROCESS"
    assert int(todo["PERCENT-COMPLETE"]) == 40
    assert str(todo["RELATED-TO"]) == f"meeting-{action.minute.meeting.pk}@127.0.0.1"
    client.force_login(member)
    client.post(reverse("meetings:calendar_renew"))
    assert client.get(url).status_code == 404  # the old address is revoked


def test_vtodo_sequence_rises_with_each_change(client, settings, member):
    settings.SITE_URL = "https://hwbb.coventry.gov.uk"
    action = factories.ActionFactory(owner_person=member.person, status="on_track")
    member.person.calendar_token = uuid.uuid4()
    member.person.save()
    url = reverse("meetings:actions_ics", args=[member.person.calendar_token])

    def todo():
        (found,) = Calendar.from_ical(client.get(url).content).walk("VTODO")
        return found

    first = todo()
    assert str(first["UID"]) == f"action-{action.pk}@hwbb.coventry.gov.uk"
    assert int(first["SEQUENCE"]) == 0
    services.action_add_update(
        action=action,
        user=member,
        date=timezone.localdate(),
        status="at_risk",
        percent_complete=20,
        narrative="The review is late: the lead is off sick.",
    )
    second = todo()
    assert second["UID"] == first["UID"]
    assert int(second["SEQUENCE"]) > int(first["SEQUENCE"])
    services.action_set_rag(action=action, rag="red", reason="Far behind.")
    assert int(todo()["SEQUENCE"]) > int(second["SEQUENCE"])
