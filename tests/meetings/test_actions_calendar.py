"""Each person's actions as an iCal feed of VTODOs at a private, revocable URL."""

import datetime

from django.urls import reverse
from icalendar import Calendar

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
    assert str(todo["UID"]) == f"action-{action.pk}@hwbb"
    assert todo.decoded("DUE") == datetime.date(2027, 3, 31)
    assert str(todo["STATUS"]) == "IN-PROCESS"
    assert int(todo["PERCENT-COMPLETE"]) == 40
    assert str(todo["RELATED-TO"]) == f"meeting-{action.minute.meeting.pk}@hwbb"
    client.force_login(member)
    client.post(reverse("meetings:calendar_renew"))
    assert client.get(url).status_code == 404  # the old address is revoked
