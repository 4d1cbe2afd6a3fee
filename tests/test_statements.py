"""The accessibility statement, the privacy notice and security.txt (issue 23,
part 10): public, in the shape the law or the RFC asks for, and each from the
settings a council fills in."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

ACCESSIBILITY_SECTIONS = [
    "Using this website",
    "How accessible this website is",
    "Feedback and contact information",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website’s accessibility",
    "Compliance status",
    "Non-accessible content",
    "What we’re doing to improve accessibility",
    "Preparation of this accessibility statement",
]
PRIVACY_SECTIONS = [
    "Who we are",
    "Our data protection officer",
    "What personal information we hold, and where it comes from",
    "Why we use it, and our lawful basis",
    "Who we share it with",
    "How long we keep it",
    "Your rights",
    "Cookies",
    "How to complain",
]


def _headings(response):
    assert response.status_code == 200
    found = re.findall(r"<h[23][^>]*>(.*?)</h[23]>", response.content.decode())
    return [re.sub(r"<[^>]+>", "", heading) for heading in found]


def test_the_accessibility_statement_has_the_model_statements_sections(client):
    headings = _headings(client.get(reverse("accessibility")))
    assert [h for h in headings if h in ACCESSIBILITY_SECTIONS] == (
        ACCESSIBILITY_SECTIONS
    )


def test_the_accessibility_statement_says_what_the_regulations_require(client):
    page = client.get(reverse("accessibility")).content.decode()
    assert "This website is partially compliant with the " in re.sub(
        r"<[^>]+>", "", page
    )
    assert "Web Content Accessibility Guidelines version 2.2" in page
    assert "Equality and Human Rights Commission (EHRC)" in page
    assert "Equality Advisory and Support Service (EASS)" in page
    assert "(No. 2) Accessibility Regulations 2018" in page
    # the known issues, honestly: partners' papers and the pack
    assert "written by partner organisations" in page
    assert "not tagged for screen readers" in page
    assert "a table of the same figures" in page


def test_the_accessibility_statement_is_the_councils(client, settings):
    settings.COUNCIL_NAME = "Warwickshire County Council"
    settings.ACCESSIBILITY_CONTACT_EMAIL = "democraticservices@warwickshire.example"
    settings.ACCESSIBILITY_CONTACT_PHONE = "01926 410410"
    settings.ACCESSIBILITY_RESPONSE_DAYS = 5
    settings.ACCESSIBILITY_STATEMENT_PREPARED = datetime.date(2025, 9, 1)
    settings.ACCESSIBILITY_STATEMENT_REVIEWED = datetime.date(2026, 8, 30)
    settings.ACCESSIBILITY_LAST_TESTED = datetime.date(2026, 7, 14)
    settings.ACCESSIBILITY_TESTED_BY = "the Digital Accessibility Centre"
    page = client.get(reverse("accessibility")).content.decode()
    assert "This website is run by Warwickshire County Council." in page
    assert 'href="mailto:democraticservices@warwickshire.example"' in page
    assert "call 01926 410410" in page
    assert "get back to you within 5 working days" in page
    assert "This statement was prepared on 1 September 2025." in page
    assert "It was last reviewed on 30 August 2026." in page
    assert "This website was last tested on 14 July 2026." in page
    assert "carried out by the Digital Accessibility Centre." in page


def test_a_fully_compliant_site_lists_no_non_compliance(client, settings):
    settings.ACCESSIBILITY_COMPLIANCE = "fully"
    page = re.sub(r"<[^>]+>", "", client.get(reverse("accessibility")).text)
    assert (
        "This website is fully compliant with the Web Content Accessibility "
        "Guidelines version 2.2 AA standard." in page
    )
    assert "Non-accessible content" not in page


def test_the_privacy_notice_has_the_sections_articles_13_and_14_ask_for(client):
    headings = _headings(client.get(reverse("privacy")))
    assert [h for h in headings if h in PRIVACY_SECTIONS] == PRIVACY_SECTIONS


def test_the_privacy_notice_names_the_law_and_the_regulator(client):
    page = client.get(reverse("privacy")).content.decode()
    for words in (
        "Local Government Act 1972",
        "sections 29 to 34 of the Localism Act 2011",
        "section 194 of the Health and Social Care Act 2012",
        "Article 6(1)(e)",
        "Information Commissioner’s Office",
        "https://ico.org.uk/make-a-complaint/",
        "register of interests",
    ):
        assert words in page


def test_the_privacy_notice_is_the_councils(client, settings):
    settings.COUNCIL_NAME = "Warwickshire County Council"
    settings.COUNCIL_ADDRESS = "Shire Hall, Market Place, Warwick CV34 4RL"
    settings.PRIVACY_CONTACT_EMAIL = "infogov@warwickshire.example"
    settings.DPO_EMAIL = "dpo@warwickshire.example"
    settings.ICO_REGISTRATION_NUMBER = "Z1234567"
    settings.RETENTION_SCHEDULE_URL = "https://www.warwickshire.example/retention"
    settings.PRIVACY_NOTICE_UPDATED = datetime.date(2026, 11, 2)
    page = client.get(reverse("privacy")).content.decode()
    assert "Warwickshire County Council is the controller" in page
    assert "Shire Hall, Market Place, Warwick CV34 4RL" in page
    assert 'href="mailto:infogov@warwickshire.example"' in page
    assert 'href="mailto:dpo@warwickshire.example"' in page
    assert "registration number Z1234567" in page
    assert 'href="https://www.warwickshire.example/retention"' in page
    assert "last updated on 2 November 2026" in page


def test_the_privacy_notice_lists_the_cookies_the_site_sets(client, settings):
    settings.SESSION_COOKIE_NAME = "__Host-hwbb-session"
    page = client.get(reverse("privacy")).content.decode()
    assert "__Host-hwbb-session" in page and settings.CSRF_COOKIE_NAME in page
    assert "no analytics or advertising cookies" in page


def _security_txt(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = []
    for line in response.content.decode("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        # RFC 9116 section 4: field-name ":" OWS value, the name an ABNF token
        match = re.fullmatch(r"([A-Za-z0-9!#$%&'*+.^_`|~-]+):[ \t]*(\S.*)", line)
        assert match, line
        fields.append((match[1].lower(), match[2]))
    return fields


def _one(fields, name):
    values = [value for field, value in fields if field == name]
    assert len(values) == 1, (name, values)
    return values[0]


def test_security_txt_has_the_fields_rfc_9116_requires(client, settings):
    settings.SITE_URL = "https://hwb.coventry.example/"
    fields = _security_txt(client)
    contacts = [value for field, value in fields if field == "contact"]
    assert contacts and all(c.startswith(("mailto:", "https://")) for c in contacts)
    expires = datetime.datetime.fromisoformat(_one(fields, "expires"))
    now = timezone.now()
    assert now < expires < now + datetime.timedelta(days=365)
    assert _one(fields, "canonical") == (
        "https://hwb.coventry.example/.well-known/security.txt"
    )
    assert _one(fields, "preferred-languages") == "en"
    assert "policy" not in dict(fields)


def test_security_txt_is_the_councils(client, settings):
    settings.SECURITY_CONTACT = "https://www.coventry.example/report-a-vulnerability"
    settings.SECURITY_POLICY_URL = "https://www.coventry.example/disclosure-policy"
    settings.SECURITY_TXT_DAYS = 30
    fields = _security_txt(client)
    assert _one(fields, "contact") == (
        "https://www.coventry.example/report-a-vulnerability"
    )
    assert _one(fields, "policy") == "https://www.coventry.example/disclosure-policy"
    expires = datetime.datetime.fromisoformat(_one(fields, "expires"))
    assert expires - timezone.now() < datetime.timedelta(days=30, minutes=1)


def test_the_old_address_of_security_txt_sends_readers_to_the_new(client):
    response = client.get("/security.txt")
    assert response.status_code == 302
    assert response["Location"] == "/.well-known/security.txt"


@pytest.mark.parametrize("name", ["accessibility", "privacy", "security_txt"])
def test_the_statements_are_read_only(client, name):
    assert client.post(reverse(name)).status_code == 405


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_links_to_the_statements_from_its_footer(client, member, signed_in):
    if signed_in:
        client.force_login(member)
    for url in (reverse("home"), reverse("meetings:list"), reverse("privacy")):
        page = client.get(url).content.decode()
        footer = page[page.index('<footer class="council-footer"') :]
        assert f'href="{reverse("accessibility")}">Accessibility statement</a>' in (
            footer
        )
        assert f'href="{reverse("privacy")}">Privacy and cookies</a>' in footer


def test_the_footer_gives_the_councils_address(client, settings):
    settings.COUNCIL_ADDRESS = "Shire Hall, Market Place, Warwick CV34 4RL"
    page = client.get(reverse("home")).content.decode()
    footer = page[page.index('<footer class="council-footer"') :]
    assert "Shire Hall, Market Place, Warwick CV34 4RL" in footer
