"""Public questions and requests to speak: the resident's form, the question's
public page, and the officer's queue per meeting with its decisions (accept,
refuse with a reason, merge) and the record of the answer."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hwbb import ratelimit, signin
from hwbb.permissions import OFFICER, role_required
from meetings import services
from meetings.forms import (
    AnswerQuestionForm,
    MergeQuestionForm,
    QuestionForm,
    RefuseQuestionForm,
)
from meetings.models import Meeting, PublicQuestion
from meetings.views._common import (
    _form_errors_from,
    _get_meeting_for_officer,
    _get_meeting_for_user,
    _posted,
)

HOUR, DAY = 3600, 86400


def _too_many(request, email):
    """Why this sender may send no more now, in words, or ""."""
    address = signin.client_ip(request) or "unknown"
    if not ratelimit.allowed(
        "question-address", address, settings.QUESTIONS_PER_ADDRESS_PER_HOUR, HOUR
    ):
        return (
            "You have sent as many questions as we take from one connection "
            "in an hour. Please try again in an hour."
        )
    if not ratelimit.allowed(
        "question-email", email, settings.QUESTIONS_PER_EMAIL_PER_DAY, DAY
    ):
        return (
            "You have sent as many questions as we take from one email address "
            "in a day. Please try again tomorrow, or contact the governance team."
        )
    return ""


def _counted(request, email):
    ratelimit.count("question-address", signin.client_ip(request) or "unknown", HOUR)
    ratelimit.count("question-email", email, DAY)


@require_http_methods(["GET", "POST"])
def question_ask(request, pk):
    """The form for a question or a request to speak, while the body takes
    them; once the deadline has passed, the page says when it was."""
    meeting = _get_meeting_for_user(request, pk)
    state = meeting.questions_state()
    if state is None:
        raise Http404("This meeting takes no questions from the public.")
    context = {"meeting": meeting, "state": state}
    if state == Meeting.QUESTIONS_CLOSED:
        return render(request, "meetings/question_ask.html", context)
    form = QuestionForm(
        _posted(request), meeting=meeting, instance=PublicQuestion(meeting=meeting)
    )
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        refused = _too_many(request, email)
        if refused:
            form.add_error(None, refused)
        else:
            question = form.save(commit=False)
            try:
                question, created = services.question_submit(question=question)
            except ValidationError as error:
                _form_errors_from(form, error)
            else:
                if created:
                    _counted(request, email)
                messages.success(request, _sent_in_words(question, created))
                return redirect(f"{meeting.get_absolute_url()}#questions")
    return render(request, "meetings/question_ask.html", {**context, "form": form})


def _sent_in_words(question, created):
    what = "request to speak" if question.is_speaking else "question"
    if not created:
        return f"We already have this {what}: it was not sent twice."
    return (
        f"Your {what} has been sent. We have emailed you a confirmation. "
        "A governance officer will read it and tell you whether it is accepted; "
        "nothing is published until then."
    )


def question_detail(request, pk):
    """A question's page: the public sees it once accepted, with its answer
    once recorded; officers see any, with its status."""
    questions = PublicQuestion.objects.visible_to(request.user).for_page()
    question = get_object_or_404(questions, pk=pk)
    return render(
        request,
        "meetings/question_detail.html",
        {"question": question, "meeting": question.meeting},
    )


@role_required(OFFICER)
def questions_review(request, pk):
    """The officer's queue for one meeting: the questions waiting for a
    decision first, then those decided."""
    meeting = _get_meeting_for_officer(pk)
    questions = list(
        PublicQuestion.objects.filter(meeting=meeting)
        .select_related("agenda_item__section", "merged_into", "decided_by")
        .order_by("submitted_at", "pk")
    )
    waiting = [q for q in questions if q.status == PublicQuestion.Status.SUBMITTED]
    decided = [q for q in questions if q.status != PublicQuestion.Status.SUBMITTED]
    return render(
        request,
        "meetings/questions_review.html",
        {
            "meeting": meeting,
            "waiting": waiting,
            "decided": decided,
            "state": meeting.questions_state(),
            "may_answer": timezone.localdate(meeting.start) <= timezone.localdate(),
        },
    )


def _get_question_for_officer(pk):
    questions = PublicQuestion.objects.select_related("meeting__body", "agenda_item")
    return get_object_or_404(questions, pk=pk)


def _back_to_queue(question):
    return redirect("meetings:questions_review", question.meeting_id)


@role_required(OFFICER)
@require_POST
def question_accept(request, pk):
    question = _get_question_for_officer(pk)
    try:
        services.question_accept(question=question, user=request.user)
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"Accepted: {question}. It is now on the meeting's page."
        )
    return _back_to_queue(question)


def _officer_form(request, question, form, heading, intro):
    return render(
        request,
        "meetings/question_decide.html",
        {
            "form": form,
            "question": question,
            "meeting": question.meeting,
            "heading": heading,
            "intro": intro,
        },
    )


def _already(request, question):
    messages.info(
        request, f"This was decided already: {question.get_status_display().lower()}."
    )
    return _back_to_queue(question)


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def question_refuse(request, pk):
    question = _get_question_for_officer(pk)
    if question.status != PublicQuestion.Status.SUBMITTED:
        return _already(request, question)
    form = RefuseQuestionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.question_refuse(
                question=question,
                user=request.user,
                reason=form.cleaned_data["refusal_reason"],
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, f"Refused: {question}. The sender is told why.")
            return _back_to_queue(question)
    return _officer_form(
        request,
        question,
        form,
        "Refuse this question",
        "Nothing of it is published. The sender is emailed the reason.",
    )


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def question_merge(request, pk):
    question = _get_question_for_officer(pk)
    if question.status != PublicQuestion.Status.SUBMITTED:
        return _already(request, question)
    form = MergeQuestionForm(_posted(request), question=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_merge(
                question=question, into=form.cleaned_data["into"], user=request.user
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, f"Merged: {question}. The sender is told.")
            return _back_to_queue(question)
    return _officer_form(
        request,
        question,
        form,
        "Merge this question into another",
        "For a question that asks what another does: the other is answered "
        "for both. This one is not published.",
    )


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def question_answer(request, pk):
    question = _get_question_for_officer(pk)
    if question.status != PublicQuestion.Status.ACCEPTED:
        messages.info(request, "Only an accepted question is answered.")
        return _back_to_queue(question)
    form = AnswerQuestionForm(_posted(request), instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_answer(
                question=question,
                user=request.user,
                answer=form.cleaned_data["answer"],
                answered_by=form.cleaned_data["answered_by"],
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, "The answer is saved.")
            return _back_to_queue(question)
    return _officer_form(
        request,
        question,
        form,
        "Record the answer",
        "It is published in the minutes and on the question's page.",
    )
