"""The statements a council publishes about the site, each from settings it
fills in: the accessibility statement the Public Sector Bodies (Websites and
Mobile Applications) (No. 2) Accessibility Regulations 2018 require (in the
shape of GOV.UK's model statement), the privacy notice UK GDPR Articles 13
and 14 require, and /.well-known/security.txt (RFC 9116)."""

import datetime

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from hwbb.pagecache import public_page

COMPLIANCE = {
    "fully": "fully compliant",
    "partially": "partially compliant",
    "not": "not compliant",
}


@require_safe
@public_page
def accessibility(request):
    status = settings.ACCESSIBILITY_COMPLIANCE
    return render(
        request,
        "accessibility.html",
        {
            "compliance": COMPLIANCE.get(status, COMPLIANCE["partially"]),
            "fully_compliant": status == "fully",
            "site_url": settings.SITE_URL,
            "email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "phone": settings.ACCESSIBILITY_CONTACT_PHONE,
            "response_days": settings.ACCESSIBILITY_RESPONSE_DAYS,
            "prepared": settings.ACCESSIBILITY_STATEMENT_PREPARED,
            "reviewed": settings.ACCESSIBILITY_STATEMENT_REVIEWED,
            "tested": settings.ACCESSIBILITY_LAST_TESTED,
            "tested_by": settings.ACCESSIBILITY_TESTED_BY,
            "max_upload_mb": settings.MAX_UPLOAD_BYTES // 1_048_576,
        },
    )


@require_safe
@public_page
def privacy(request):
    return render(
        request,
        "privacy.html",
        {
            "address": settings.COUNCIL_ADDRESS,
            "email": settings.PRIVACY_CONTACT_EMAIL,
            "dpo_email": settings.DPO_EMAIL,
            "updated": settings.PRIVACY_NOTICE_UPDATED,
            "ico_number": settings.ICO_REGISTRATION_NUMBER,
            "retention_url": settings.RETENTION_SCHEDULE_URL,
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "csrf_cookie": settings.CSRF_COOKIE_NAME,
            "session_hours": settings.SESSION_COOKIE_AGE // 3600,
        },
    )


@require_safe
def security_txt(request):
    """RFC 9116's fields, in its order. Expires moves with the day it is read
    (SECURITY_TXT_DAYS ahead, under a year), so the file never goes stale
    while a council's contact stays in its settings."""
    expires = timezone.now().replace(microsecond=0) + datetime.timedelta(
        days=settings.SECURITY_TXT_DAYS
    )
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.astimezone(datetime.UTC):%Y-%m-%dT%H:%M:%SZ}",
        "Preferred-Languages: en",
        f"Canonical: {settings.SITE_URL.rstrip('/')}/.well-known/security.txt",
    ]
    if settings.SECURITY_POLICY_URL:
        lines.append(f"Policy: {settings.SECURITY_POLICY_URL}")
    response = HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )
    response["Cache-Control"] = "max-age=86400"
    return response
