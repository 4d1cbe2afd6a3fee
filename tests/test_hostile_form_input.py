"""Every form of the site, sent what a careless or hostile user might send:
nothing, 100,000 characters, a null character, a script, years of 0 and
99999, 31 February, negative numbers, text where a number goes and choices
that do not exist. No answer is a server error; a form that comes back with
its errors keeps what was typed (for the null and the 100,000 characters it
is enough that the page answers with a message), and a form that is not
saved says why.

Each page is read first (GET, as the role that uses it) to learn its fields,
so a field added to a form is sent the same values with no change here. One
POST is made per page per kind of value, with every field set to it, and
each is rolled back so the next starts from the same rows.

Each form is sent as every role that reaches it (officer, chair, member,
author, or the public for signing in). `test_every_form_is_covered` reads
the URL patterns: a view that accepts a POST and is in neither FORMS nor
BUTTONS fails it, so a new form cannot be left out; the same is done for the
views that read numbers and dates from their address (QUERIES). The API's
endpoints are fuzzed by tests/api/test_api_fuzzing.py.
"""

import datetime
import functools
import inspect
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import get_resolver, resolve, reverse
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
from strategy.models import ProgressReport
from tests import factories
from tests.helpers import alert_args

SCRIPT = "<script>alert(1)</script>"
NO_SUCH_PK = "987654321"

# kind: the value every text, choice and date field is set to
EVERY_FIELD = {
    "empty": "",
    "huge": "x" * 100_000,
    "nul": "a\x00b",
    "script": SCRIPT,
    "negative": "-5",
    "wrong_type": "not a number",
    "huge_number": "9" * 30,
}
# A page's hidden fields are its own, not typed: these kinds leave them as
# the page offers them, and "tampered" changes only them.
LEAVES_HIDDEN = {"script", "negative", "wrong_type", "huge_number"}
TAMPERED = "9" * 30
# kind: (day, month, year) typed in every date field, the rest as the page
# offers it
DATES = {
    "year_0": ("1", "1", "0"),
    "year_99999": ("1", "1", "99999"),
    "february_31": ("31", "2", "2030"),
}
# Kinds whose values must come back in the form when it shows its errors.
KEPT = {"script", "negative", "wrong_type", "huge_number", *DATES}

EVERYONE = ("officer", "chair", "member", "author")  # each has a person record
# url name: (the roles that fill it in, the page that shows the form if not
# its own)
FORMS = {
    "login": (["anonymous"], None),
    "meetings:create": (["officer"], None),
    "meetings:item_add": (["officer"], None),
    "meetings:item_edit": (["officer"], None),
    "meetings:publish": (["officer"], None),
    "meetings:reschedule": (["officer"], None),
    "meetings:cancel": (["officer"], None),
    "meetings:attendance": (["officer"], None),
    "meetings:planned_add": (["officer"], None),
    "meetings:action_create": (["officer"], None),
    # the action's owner (the member), the chair and officers add updates
    "meetings:action": (["member", "chair", "officer"], None),
    # an officer's RAG status, on the action's page
    "meetings:action_rag": (["officer"], "meetings:action"),
    "meetings:report_create": (["author", "officer"], None),
    "meetings:report_edit": (["author", "officer"], None),
    "meetings:report_review": (["officer"], None),
    "meetings:report_route": (["officer"], None),
    "meetings:report_withdraw": (["author", "officer"], None),
    "meetings:planned_edit": (["officer"], None),
    "meetings:document_upload": (["author"], None),
    "meetings:interests": (EVERYONE, None),
    # a member's own entry; an officer's decision on a member's change
    "meetings:interest_edit": (["member"], None),
    "meetings:interest_end": (["member"], None),
    "meetings:interest_change": (["officer"], None),
    "meetings:declarations": (EVERYONE, None),
    "meetings:minute_add": (["officer"], None),
    "meetings:minute_edit": (["officer"], None),
    "meetings:minute_amend": (["officer"], None),
    "meetings:resolution_edit": (["officer"], None),
    "meetings:minutes_live": (["officer"], None),  # the attendance
    "meetings:minute_take": (["officer"], "meetings:minutes_live"),
    "meetings:minutes_approve": (["officer"], "meetings:minutes_manage"),
    "meetings:minutes_review": (["chair"], None),
    "meetings:pack_upload": (["officer"], None),
    "meetings:pack_import": (["officer"], None),
    "strategy:framework_new": (["officer"], None),
    "strategy:framework_edit": (["officer"], None),
    "strategy:progress_request": (["officer"], None),
    "strategy:progress_submit": (["author"], None),  # the lead asked for it
    "strategy:progress_review": (["officer"], "strategy:progress_report"),
    "strategy:schedule": (["officer"], None),
    "strategy:tags": (["officer"], None),
    "indicators:import": (["officer"], None),
    "indicators:value_add": (["officer"], None),
    "notifications:settings": (EVERYONE, None),
    # email alerts: anyone, signed in or not, the same
    "alerts:subscribe": (["anonymous", "member"], None),
    "alerts:subscribe_search": (["anonymous"], None),
    "alerts:manage": (["anonymous"], None),
    "meetings:urgent_new": (["officer"], None),
    "meetings:urgent_edit": (["officer"], None),
    # the chair takes a chair's action; an officer records it for the chair
    "meetings:urgent_take": (["chair", "officer"], None),
    # a member answers a written resolution; an officer records one for them
    "meetings:urgent_respond": (["member", "officer"], None),
    "meetings:urgent_ratify": (["officer"], None),
    "meetings:urgent_withdraw": (["officer"], None),
    # the public's questions: the resident's form (signed in or not), and
    # the officer's refusal, merge and record of the answer
    "meetings:question_ask": (["anonymous", "member"], None),
    "meetings:question_refuse": (["officer"], None),
    "meetings:question_merge": (["officer"], None),
    "meetings:question_answer": (["officer"], None),
    # a second factor, set up by an officer who signs in through the council
    # (no password here, so allauth asks for none again first)
    "mfa_activate_totp": (["sso_officer"], None),
    "mfa_add_webauthn": (["sso_officer"], None),
}
FORM_PAGES = [
    (name, role) for name, (roles, _) in sorted(FORMS.items()) for role in roles
]
# POST-only buttons: url name: (role, the fields a page's button sends)
BUTTONS = {
    "logout": ("member", []),
    "meetings:item_move": ("officer", ["direction"]),
    "meetings:sign_off": ("chair", []),
    "meetings:ask_sign_off": ("officer", []),
    "meetings:planned_to_agenda": ("officer", []),
    "meetings:report_submit": ("author", []),
    "meetings:minutes_ready": ("officer", ["back"]),
    "meetings:minutes_prepare": ("officer", []),
    # the live page's autosave: what its script sends, answered in JSON
    "meetings:minute_autosave": (
        "officer",
        ["narrative", "taken_at", "preamble", "clauses", "version", "taken_now"],
    ),
    "meetings:minutes_publish": ("officer", []),
    "meetings:calendar_renew": ("member", []),
    "meetings:api_token_renew": ("member", ["revoke"]),
    "strategy:watchlist_plan": ("officer", []),
    "notifications:unsubscribe": ("anonymous", []),
    "alerts:confirm": ("anonymous", []),
    # RFC 8058's one-click POST, as a mail client sends it
    "alerts:unsubscribe": ("anonymous", ["List-Unsubscribe"]),
    "meetings:urgent_place": ("officer", []),
    "meetings:question_accept": ("officer", []),
    # the lock-outs page's buttons: one account's, one address's
    "unlock": ("officer", ["username", "ip_address"]),
    # the code asked for between the password and signing in
    "mfa_authenticate": ("anonymous", ["code"]),
    "mfa_deactivate_totp": ("sso_officer", []),
    "mfa_generate_recovery_codes": ("sso_officer", []),
    # sign out everywhere else
    "usersessions_list": ("member", []),
}

HWB_PACK = (
    Path(__file__).resolve().parents[1]
    / "meetings"
    / "demo"
    / "seeds"
    / "coventry-hwb-2019-07-08-pack.txt"
)


# -- The rows the pages are about ---------------------------------------------


@pytest.fixture
def read_pack(db):
    """An agenda pack uploaded and read, waiting for the officer to check."""
    pack = PackImport(name=HWB_PACK.name)
    pack.file.save("pack.txt", ContentFile(HWB_PACK.read_bytes()), save=False)
    pack.save()
    services.pack_import_read(pk=pack.pk)
    pack.refresh_from_db()
    assert pack.status == PackImport.Status.READ, pack.error
    return pack


@pytest.fixture
def args(hwb, officer, chair, member, author):
    """url name: the arguments that name a real row the role may work on."""
    section = factories.SectionFactory(body=hwb)
    ahead = factories.MeetingFactory(
        body=hwb,
        start=timezone.now() + datetime.timedelta(days=40),
        status="scheduled",
        agenda_status="draft",
        minutes_status="none",
    )
    item = factories.AgendaItemFactory(meeting=ahead, section=section)
    held = factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 7, 8, 14), minutes_status="draft"
    )
    factories.MeetingFactory(body=hwb, start=factories.london(2019, 9, 9, 14))
    minute = factories.MinuteFactory(meeting=held)
    published = factories.MeetingFactory(
        body=hwb,
        start=factories.london(2019, 6, 10, 14),
        minutes_status="published_draft",
    )
    approved = factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 4, 8, 14)
    )
    action = factories.ActionFactory(
        body=hwb,
        minute=factories.MinuteFactory(meeting=approved),
        owner_person=member.person,
    )
    draft = Report.objects.create(
        title="Better Care Fund 2019/20 plan",
        body=hwb,
        meeting=ahead,
        created_by=author,
    )
    draft.authors.add(author.person)
    submitted = Report.objects.create(
        title="Housing and Homelessness One Coventry Approach",
        body=hwb,
        meeting=ahead,
        created_by=author,
        status=Report.Status.SUBMITTED,
    )
    planned = PlannedItem.objects.create(meeting=ahead, title="Pharmaceutical needs")
    priority = factories.PriorityFactory(slug="p-1")
    awaited = factories.ProgressReportFactory(
        priority=priority,
        status=ProgressReport.Status.REQUESTED,
        requested_of=author.person,
        body=hwb,
        due_date=timezone.localdate() + datetime.timedelta(days=10),
    )
    to_review = factories.ProgressReportFactory(
        priority=priority, status=ProgressReport.Status.SUBMITTED, body=hwb
    )
    pillar = factories.PillarFactory()
    factories.AreaFactory()
    local = factories.IndicatorFactory(name="Household Survey: feels safe", unit="%")
    action_, written, taken = _between_meetings(hwb, chair)
    interest = Interest.objects.create(
        person=member.person,
        kind="gift",
        description="Conference dinner",
        start=datetime.date(2019, 1, 1),
    )
    change, _ = services.interest_change_ask(
        person=member.person, action="add", kind="other", description="Trustee"
    )
    return {
        "meetings:interest_edit": [interest.pk],
        "meetings:interest_end": [interest.pk],
        "meetings:interest_change": [change.pk],
        "meetings:person": [member.person.pk],
        **_public_questions(ahead, officer),
        "meetings:urgent_new": [hwb.slug],
        "meetings:urgent_edit": [action_.pk],
        "meetings:urgent_take": [action_.pk],
        "meetings:urgent_withdraw": [action_.pk],
        "meetings:urgent_respond": [written.pk],
        "meetings:urgent_ratify": [taken.pk],
        "meetings:urgent_place": [taken.pk],
        "meetings:item_add": [ahead.pk],
        "meetings:item_edit": [ahead.pk, item.pk],
        "meetings:item_move": [ahead.pk, item.pk],
        "meetings:sign_off": [ahead.pk],
        "meetings:ask_sign_off": [ahead.pk],
        "meetings:publish": [ahead.pk],
        "meetings:reschedule": [ahead.pk],
        "meetings:cancel": [ahead.pk],
        "meetings:attendance": [held.pk],
        "meetings:planned_add": [hwb.slug],
        "meetings:planned_to_agenda": [planned.pk],
        "meetings:planned_edit": [planned.pk],
        "meetings:action": [action.pk],
        "meetings:action_rag": [action.pk],
        "meetings:report_edit": [draft.pk],
        "meetings:report_submit": [draft.pk],
        "meetings:report_withdraw": [draft.pk],
        "meetings:report_review": [submitted.pk],
        "meetings:report_route": [submitted.pk],
        "meetings:document_upload": [draft.pk],
        "meetings:declarations": [ahead.pk],
        "meetings:minute_add": [held.pk],
        "meetings:minute_edit": [held.pk, minute.pk],
        "meetings:minute_amend": [held.pk, minute.pk],
        "meetings:resolution_edit": [held.pk, minute.pk],
        "meetings:minutes_manage": [published.pk],
        "meetings:minutes_approve": [published.pk],
        "meetings:minutes_ready": [held.pk],
        "meetings:minutes_live": [held.pk],
        "meetings:minutes_prepare": [held.pk],
        "meetings:minute_take": [held.pk, minute.pk],
        "meetings:minute_autosave": [held.pk, minute.pk],
        "meetings:minutes_review": [held.pk],
        "meetings:minutes_publish": [held.pk],
        "meetings:pack_import": [
            PackImport.objects.create(name="pack.pdf", file="imports/pack.pdf").pk
        ],
        "meetings:action_log": [hwb.slug],
        "meetings:forward_plan": [hwb.slug],
        "meetings:body": [hwb.slug],
        "meetings:attendance_stats": [hwb.slug],
        "strategy:framework_edit": [pillar.framework.slug],
        "strategy:pillar": [pillar.framework.slug, pillar.code],
        "strategy:priority": [priority.slug],
        "strategy:progress_submit": [awaited.pk],
        "strategy:progress_report": [to_review.pk],
        "strategy:progress_review": [to_review.pk],
        "strategy:schedule": [priority.slug],
        "strategy:tags": ["action", action.pk],
        "strategy:watchlist_plan": [local.slug],
        "indicators:export": ["csv"],
        "indicators:detail": [local.slug],
        "indicators:import_job": [
            ImportJob.objects.create(original_name="hle.csv", sha256="0" * 64).pk
        ],
        "notifications:unsubscribe": [
            notify.unsubscribe_token(member.person, "action_due_soon")
        ],
        **alert_args(hwb),
    }


def _public_questions(meeting, officer):
    """Questions for the meeting ahead: one waiting for a decision, another
    to merge it into, and one accepted, to answer."""

    def sent(text):
        question = PublicQuestion(
            meeting=meeting, name="Ruth Resident", email="ruth@example.org", text=text
        )
        return services.question_submit(question=question)[0]

    waiting, _, accepted = sent("One"), sent("Two"), sent("Three")
    services.question_accept(question=accepted, user=officer)
    return {
        "meetings:question_ask": [meeting.pk],
        "meetings:question_accept": [waiting.pk],
        "meetings:question_refuse": [waiting.pk],
        "meetings:question_merge": [waiting.pk],
        "meetings:question_answer": [accepted.pk],
    }


def _between_meetings(body, chair):
    """A chair's action and a written resolution proposed, and a chair's
    action taken (on the agenda of the meeting ahead, for ratification)."""

    def proposed(kind, title):
        decision = UrgentDecision(
            body=body,
            kind=kind,
            title=title,
            decision="(1) The Better Care Fund plan be approved.\n(2) It be sent.",
            reasons="NHS England's deadline falls before the next meeting.",
            deadline=timezone.localdate() + datetime.timedelta(days=20),
            deadline_source="NHS England: Better Care Fund plan submission",
            consultation="The Director of Adult Services agreed.",
        )
        return services.urgent_decision_propose(decision=decision, user=None)[0]

    action = proposed(UrgentDecision.Kind.CHAIRS_ACTION, "Better Care Fund plan")
    written = proposed(UrgentDecision.Kind.WRITTEN_RESOLUTION, "BCF Q3 return")
    taken = proposed(UrgentDecision.Kind.CHAIRS_ACTION, "BCF year-end return")
    services.urgent_decision_take(decision=taken, user=chair)
    return action, written, taken


@pytest.fixture
def sso_officer(officer):
    officer.set_unusable_password()
    officer.save()
    return officer


def _sign_in(request, client, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))


# -- Reading a page's forms ---------------------------------------------------


class _Forms(HTMLParser):
    """The POST forms of a page: each its action and its fields, in order."""

    def __init__(self, html):
        super().__init__()
        self.forms, self._form, self._open = [], None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = {"action": a.get("action") or "", "fields": []}
            self.forms.append(self._form)
        if self._form is None:
            return
        field = {
            "tag": tag,
            "name": a.get("name"),
            "type": (a.get("type") or "").lower(),
            "value": a.get("value"),
            "on": "checked" in a or "selected" in a,
            "date": "govuk-date-input__input" in (a.get("class") or ""),
            "options": [],
            "text": "",
        }
        if tag == "option" and self._open and self._open["tag"] == "select":
            self._open["options"].append(field)
        elif tag in ("input", "select", "textarea", "button") and field["name"]:
            self._form["fields"].append(field)
            if tag in ("select", "textarea"):
                self._open = field

    def handle_data(self, data):
        if self._open and self._open["tag"] == "textarea":
            self._open["text"] += data
        elif self._open and self._open["tag"] == "select" and self._open["options"]:
            self._open["options"][-1]["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        if tag in ("select", "textarea"):
            self._open = None


def _kind(field):
    if field["tag"] == "button" or field["type"] in ("submit", "image", "reset"):
        return "submit"
    if field["name"] == "csrfmiddlewaretoken":
        return "csrf"
    if field["type"] == "file":
        return "file"
    if field["tag"] == "select" or field["type"] in ("radio", "checkbox"):
        return "choice"
    return "date" if field["date"] else "text"


def _typed(field):
    """What a user typed into a text field, as the page shows it."""
    if field["tag"] == "textarea":
        text = field["text"]
        return text[1:] if text.startswith("\n") else text
    return field["value"] or ""


def _as_offered(form):
    """The form's fields as the page fills them in: what a user submits
    who changes nothing (the first choice where none is chosen)."""
    data = {}
    for field in form["fields"]:
        name, kind = field["name"], _kind(field)
        if kind in ("text", "date"):
            data[name] = _typed(field)
        elif field["tag"] == "select":
            values = [
                o["value"] if o["value"] is not None else o["text"]
                for o in field["options"]
            ]
            picked = [
                v for o, v in zip(field["options"], values, strict=True) if o["on"]
            ]
            data[name] = picked or [v for v in values if v][:1]
        elif field["type"] == "radio" and (field["on"] or name not in data):
            data[name] = field["value"]
        elif field["type"] == "checkbox" and field["on"]:
            data.setdefault(name, []).append(field["value"] or "on")
    submit = next((f for f in form["fields"] if _kind(f) == "submit"), None)
    if submit is not None:
        data[submit["name"]] = submit["value"] or ""
    return data


def _hostile(form, kind):
    """The form's fields with `kind`'s value in every field it names."""
    data = _as_offered(form)
    for field in form["fields"]:
        name, field_kind = field["name"], _kind(field)
        hidden = field["type"] == "hidden"
        if kind in DATES:
            if field_kind == "date":
                data[name] = DATES[kind][int(name[-1])]  # name_0: day, _1, _2
        elif kind == "tampered":
            if hidden and field_kind == "text":
                data[name] = TAMPERED
        elif hidden and kind in LEAVES_HIDDEN:
            continue
        elif field_kind == "choice" and kind == "wrong_type":
            data[name] = NO_SUCH_PK
        elif field_kind in ("text", "date", "choice"):
            data[name] = EVERY_FIELD[kind]
        elif field_kind == "file" and EVERY_FIELD[kind]:
            data[name] = SimpleUploadedFile(
                "hostile.txt", EVERY_FIELD[kind].encode(), "text/plain"
            )
    return data


def _kinds(form):
    dated = any(_kind(f) == "date" for f in form["fields"])
    hidden = any(f["type"] == "hidden" and _kind(f) == "text" for f in form["fields"])
    return [*EVERY_FIELD, *(DATES if dated else []), *(["tampered"] if hidden else [])]


# -- Sending them -------------------------------------------------------------


class _Undo(Exception):
    pass


def _undone(send):
    """Send a request, then roll back what it saved: each kind of value starts
    from the same rows. A view's exception reaches the caller as itself."""
    sent = {}
    try:
        with transaction.atomic():
            sent["response"] = send()
            raise _Undo
    except _Undo:
        return sent["response"]


def _shows_errors(response):
    return response.status_code in (200, 400) and "govuk-error" in response.text


def _not_kept(form, sent, response):
    """The typed values the re-shown form lost: [(field, sent, shown)]."""
    again = [f for f in _Forms(response.text).forms if f["action"] == form["action"]]
    shown = {}
    for other in again:
        for field in other["fields"]:
            if _kind(field) in ("text", "date"):
                shown[field["name"]] = _typed(field)
    lost = []
    for field in form["fields"]:
        name = field["name"]
        visible = field["type"] not in ("hidden", "password")
        if _kind(field) in ("text", "date") and visible and name in sent:
            if shown.get(name) != sent[name]:
                lost.append((name, sent[name][:40], (shown.get(name) or "")[:40]))
    return lost


def _check(kind, url, form, data, client, *, a_form=True):
    """What is wrong with the answer to one hostile POST, in words, or None.
    A form that is not saved (a redirect) must come back saying why; a
    button's page may ignore fields it never sends."""
    try:
        response = _undone(functools.partial(client.post, url, data))
    except Exception as error:  # the server error itself
        return f"{kind}: server error {error.__class__.__name__}: {error}"[:300]
    status = response.status_code
    if status >= 500:
        return f"{kind}: answered {status}"
    if SCRIPT in response.content.decode(errors="replace"):
        return f"{kind}: the script came back unescaped"
    if status == 400 and "The address could not be read" in response.text:
        return f"{kind}: answered 400 blaming the address"
    if status == 400 and "govuk-body" not in response.text:
        return f"{kind}: answered 400 with no page to say why"
    if a_form and status == 200 and not _shows_errors(response):
        return f"{kind}: answered 200 with no message"
    if kind in KEPT and _shows_errors(response):
        lost = _not_kept(form, data, response)
        if lost:
            return f"{kind}: the re-shown form lost what was typed: {lost}"
    return None


def _forms_posting_to(client, page, url):
    response = client.get(page)
    assert response.status_code == 200, (page, response.status_code)
    forms = [
        f
        for f in _Forms(response.text).forms
        if (f["action"] or page.split("?")[0]) == url
    ]
    assert forms, f"{page} shows no form that posts to {url}"
    return forms


@pytest.mark.parametrize("name, role", FORM_PAGES)
def test_a_form_answers_hostile_input_without_a_server_error(
    request, client, args, name, role
):
    _, host = FORMS[name]
    _sign_in(request, client, role)
    if name == "meetings:pack_import":  # read only here: it takes a while
        args[name] = [request.getfixturevalue("read_pack").pk]
    url = reverse(name, args=args.get(name, []))
    page = reverse(host, args=args.get(host, [])) if host else url
    forms = _forms_posting_to(client, page, url)
    assert any(_kind(f) not in ("submit", "csrf") for o in forms for f in o["fields"])
    problems = []
    for number, form in enumerate(forms, start=1):
        for kind in _kinds(form):
            problem = _check(kind, url, form, _hostile(form, kind), client)
            if problem:
                problems.append(f"form {number}, {problem}")
    assert not problems, f"{name} as {role}:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", sorted(BUTTONS))
def test_a_button_answers_hostile_input_without_a_server_error(
    request, client, args, name
):
    role, fields = BUTTONS[name]
    _sign_in(request, client, role)
    url = reverse(name, args=args.get(name, []))
    form = {"action": url, "fields": []}
    problems = []
    for kind, value in EVERY_FIELD.items():
        data = {field: value for field in (*fields, "unexpected")}
        problem = _check(kind, url, form, data, client, a_form=False)
        if problem:
            problems.append(problem)
    assert not problems, f"{name} as {role}:\n" + "\n".join(problems)


# -- Nothing left out ---------------------------------------------------------


def _allowed_methods(view):
    """The methods a view's require_http_methods (or require_POST) lets
    through, or None if it does not say."""
    while view is not None:
        if inspect.isfunction(view):
            methods = inspect.getclosurevars(view).nonlocals.get("request_method_list")
            if methods is not None:
                return set(methods)
        view = getattr(view, "__wrapped__", None)
    return None


READS_THE_POST = ("request.POST", "request.FILES", "_posted(", "request.method")


def _accepts_post(callback):
    methods = _allowed_methods(callback)
    if methods is not None:
        return "POST" in methods
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:  # a class-based view: what it handles
        return hasattr(view_class, "post")
    target = inspect.unwrap(callback)
    if not inspect.isfunction(target):
        target = type(target)  # a callable object, such as a feed
    source = inspect.getsource(target)
    return any(words in source for words in READS_THE_POST)


def _views():
    """(url name, view) for every named URL of the site but the admin's."""
    for pattern in get_resolver().url_patterns:
        namespace = getattr(pattern, "namespace", None)
        if namespace == "admin":
            continue
        for sub in getattr(pattern, "url_patterns", [pattern]):
            if getattr(sub, "name", None):
                name = f"{namespace}:{sub.name}" if namespace else sub.name
                yield name, sub.callback


def test_every_form_is_covered():
    posted = {
        name
        for name, view in _views()
        if _accepts_post(view) and not name.startswith("api:")
    }
    assert posted == set(FORMS) | set(BUTTONS)


def test_the_coverage_check_finds_a_view_that_reads_a_post():
    """A view with no method decorator that reads request.POST counts, as
    the tags page does."""
    assert _accepts_post(resolve(reverse("strategy:tags", args=["action", 1])).func)
    assert not _accepts_post(resolve(reverse("meetings:list")).func)


# -- Numbers and dates in the address -----------------------------------------

# Every value a page's query may be sent, one GET each with every field of
# the query set to it. (A null character is refused before any view reads
# the query: hwbb/middleware.py.)
QUERY_VALUES = [
    "0",
    "-5",
    "99999",
    "abc",
    "9" * 30,
    "1" * 5000,
    "2019-02-31",
    "0000-01-01",
    "99999-12-31",
    SCRIPT,
]
# url name: (the role that reads it, the fields of its query)
QUERIES = {
    "search": (
        "member",
        ["q", "body", "type", "pillar", "priority", "since", "until", "page"],
    ),
    "meetings:list": ("anonymous", ["page"]),
    "meetings:body": ("anonymous", ["page"]),
    "meetings:create": ("officer", ["body"]),
    "meetings:decisions": (
        "anonymous",
        ["q", "body", "verb", "pillar", "priority", "since", "until", "page", "format"],
    ),
    "meetings:action_log": (
        "anonymous",
        ["status", "owner", "organisation", "pillar", "priority", "overdue", "format"],
    ),
    "meetings:action_create": ("officer", ["clause"]),
    "meetings:my_actions": ("member", ["show"]),
    "meetings:document_upload": ("author", ["replaces"]),
    "meetings:forward_plan": ("anonymous", ["year"]),
    "meetings:attendance_stats": ("anonymous", ["year"]),
    "meetings:person": ("anonymous", ["year"]),
    "meetings:pack_import": ("officer", ["format"]),
    "notifications:log": ("officer", ["status", "kind", "page"]),
    "audit": (
        "officer",
        ["kind", "person", "object_type", "since", "until", "page", "format"],
    ),
    "strategy:priority": ("anonymous", ["page"]),
    "strategy:pillar": ("anonymous", ["page"]),
    "strategy:coverage": ("officer", ["kind", "page"]),
    "strategy:interconnections": ("anonymous", ["framework", "a", "b", "page"]),
    "strategy:progress_request": ("officer", ["priority"]),
    "indicators:export": ("anonymous", ["indicator"]),
    "indicators:detail": ("anonymous", ["area", "sex", "page"]),
    "indicators:import_job": ("officer", ["format"]),
    "meetings:urgent_new": ("officer", ["planned", "recurring"]),
    "alerts:subscribe_search": ("anonymous", ["q"]),
}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_a_query_answers_hostile_values_without_a_server_error(
    request, client, args, name
):
    role, fields = QUERIES[name]
    _sign_in(request, client, role)
    url = reverse(name, args=args.get(name, []))
    problems = []
    for value in QUERY_VALUES:
        try:
            query = {field: value for field in fields}
            response = _undone(functools.partial(client.get, url, query))
        except Exception as error:  # the server error itself
            problems.append(f"{value[:20]}: {error.__class__.__name__}: {error}"[:300])
            continue
        if response.status_code >= 500:
            problems.append(f"{value[:20]}: answered {response.status_code}")
        elif not response.streaming and SCRIPT in response.content.decode():
            problems.append(f"{value[:20]}: the script came back unescaped")
    assert not problems, f"{name} as {role}:\n" + "\n".join(problems)


def _query_readers(module):
    """The names of a module's functions (its own and those it imports) that
    read request.GET, themselves or through another such function."""
    functions = {
        n: f
        for n, f in vars(module).items()
        # a view that wraps an instance (a syndication feed) has no source
        if inspect.isfunction(f) and inspect.isfunction(inspect.unwrap(f))
    }
    sources = {n: inspect.getsource(f) for n, f in functions.items()}
    readers, found = set(), True
    while found:
        found = False
        for name, source in sources.items():
            calls = any(re.search(rf"\b{r}\(", source) for r in readers)
            if name not in readers and ("request.GET" in source or calls):
                readers.add(name)
                found = True
    return readers


def test_every_view_that_reads_its_query_is_covered():
    """A view that reads its query, itself or through a helper (the forward
    plan's year), is in QUERIES."""
    reads = set()
    for name, view in _views():
        target = inspect.unwrap(view)
        if inspect.isfunction(target) and not name.startswith("api:"):
            if target.__name__ in _query_readers(inspect.getmodule(target)):
                reads.add(name)
    assert reads == set(QUERIES)


# -- What no form can hold ----------------------------------------------------


@pytest.mark.parametrize("enforce_csrf_checks", [False, True])
def test_a_post_too_large_to_read_is_refused_in_words(officer, enforce_csrf_checks):
    """The CSRF check reads the post first when it is on, as in production."""
    client = Client(enforce_csrf_checks=enforce_csrf_checks)
    client.force_login(officer)
    url = reverse("meetings:create")
    page = client.get(url)
    data = {"venue": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    if enforce_csrf_checks:
        data["csrfmiddlewaretoken"] = page.context["csrf_token"]
    response = client.post(url, data)
    assert response.status_code == 400
    assert "What you sent is too large for this site to read" in response.text
    assert Meeting.objects.count() == 0


def test_a_post_with_too_many_fields_is_refused_in_words(client, officer):
    client.force_login(officer)
    fields = {f"f{n}": "1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client.post(reverse("meetings:create"), fields)
    assert response.status_code == 400
    assert "more fields or files than any form on this site" in response.text
