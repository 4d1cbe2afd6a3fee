# ruff: noqa: E501
"""The chair signs approved minutes as a correct record: who, when, at which
meeting, and the SHA-256 digest of the text signed, which still verifies after
an amendment and fails when the record is changed behind it."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meetings import services, signing
from meetings.models import Meeting, Minute, MinutesSignature
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def minuted(hwb):
    """Published draft minutes of a meeting, and the later meeting that took
    place and may approve them."""
    meeting = factories.MeetingFactory(
        body=hwb,
        start=timezone.now() - datetime.timedelta(days=60),
        minutes_status=Meeting.MinutesStatus.DRAFT,
    )
    minute = services.minute_create(
        minute=Minute(
            meeting=meeting,
            title="Young People and Violence",
            narrative="<p>The Board considered a report.</p>",
        ),
        user=None,
    )
    from meetings.resolutions import Clause

    services.resolution_save(
        minute=minute,
        preamble="",
        clauses=[Clause("1", "The approach be endorsed.")],
        user=None,
    )
    meeting.minutes_status = Meeting.MinutesStatus.PUBLISHED_DRAFT
    meeting.save()
    later = factories.MeetingFactory(
        body=hwb, start=timezone.now() - datetime.timedelta(days=1)
    )
    return meeting, later


def _chair_person(chair):
    return chair.person


def test_the_chair_signs_and_the_digest_is_of_the_text_signed(minuted, chair):
    meeting, later = minuted
    signature = services.minutes_sign(
        meeting=meeting, approved_at=later, signed_by=chair.person, user=chair
    )
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.MinutesStatus.APPROVED
    assert meeting.minutes_approved_at == later
    assert (
        signature.signed_by,
        signature.signed_at_meeting,
        signature.recorded_by,
    ) == (
        chair.person,
        later,
        chair,
    )
    assert signature.digest == signing.digest(signature.text)
    assert (
        "RESOLVED" in signature.text
        and "(1) The approach be endorsed." in signature.text
    )
    assert signing.verify(signature).verified


def test_an_amendment_after_signing_leaves_the_signature_verified(
    minuted, chair, officer
):
    meeting, later = minuted
    signature = services.minutes_sign(
        meeting=meeting, approved_at=later, signed_by=chair.person, user=officer
    )
    meeting.refresh_from_db()
    services.minute_amend(
        minute=meeting.minutes.get(),
        text="Read 'endorsed'.",
        reason="A typing error",
        user=officer,
    )
    assert signing.verify(signature).verified


def test_a_change_behind_the_record_is_found(minuted, chair):
    meeting, later = minuted
    signature = services.minutes_sign(
        meeting=meeting, approved_at=later, signed_by=chair.person, user=chair
    )
    Minute.objects.filter(meeting=meeting).update(title="Something else")
    check = signing.verify(signature)
    assert not check.verified and check.kept_text_matches
    assert "changed since they were signed" in check.in_words
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 signature"):
        call_command("verify_minutes", stdout=out)
    assert "Not verified" in out.getvalue()
    MinutesSignature.objects.filter(pk=signature.pk).update(text=signature.text + "x")
    assert not signing.verify(MinutesSignature.objects.get()).kept_text_matches


def test_only_the_bodys_chair_signs_and_only_once(minuted, chair, member):
    meeting, later = minuted
    with pytest.raises(ValidationError, match="chair or deputy chair"):
        services.minutes_sign(
            meeting=meeting, approved_at=later, signed_by=member.person, user=member
        )
    services.minutes_sign(
        meeting=meeting, approved_at=later, signed_by=chair.person, user=chair
    )
    with pytest.raises(ValidationError, match="already signed"):
        services.minutes_sign(
            meeting=meeting, approved_at=later, signed_by=chair.person, user=chair
        )


def test_the_page_the_pdf_and_the_check_show_the_signature(minuted, chair, client):
    meeting, later = minuted
    signature = services.minutes_sign(
        meeting=meeting, approved_at=later, signed_by=chair.person, user=chair
    )
    page = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    assert f"Signed as a correct record by {chair.person}" in page
    assert signature.digest in page
    check = client.get(reverse("meetings:minutes_signature", args=[meeting.pk]))
    assert "Verified" in check.content.decode()
    assert signature.text not in check.content.decode()  # the kept text is for officers
    pdf = client.get(reverse("meetings:minutes_pdf", args=[meeting.pk]))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Signed as a correct record by" in text and signature.digest[
        :16
    ] in text.replace("\n", "")


def test_the_chair_signs_through_the_page(minuted, chair, client):
    meeting, later = minuted
    client.force_login(chair)
    manage = client.get(
        reverse("meetings:minutes_manage", args=[meeting.pk])
    ).content.decode()
    assert "Approve and sign as a correct record" in manage
    response = client.post(
        reverse("meetings:minutes_approve", args=[meeting.pk]),
        {"approved_at": later.pk, "signed_by": chair.person.pk},
        follow=True,
    )
    assert (
        "Minutes approved and signed as a correct record." in response.content.decode()
    )
    assert MinutesSignature.objects.get().signed_by == chair.person
    again = client.post(
        reverse("meetings:minutes_approve", args=[meeting.pk]),
        {"approved_at": later.pk, "signed_by": chair.person.pk},
        follow=True,
    )
    assert "already signed" in again.content.decode()
    assert MinutesSignature.objects.count() == 1
