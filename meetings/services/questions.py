"""Public questions and requests to speak: sent from a meeting's page until
the body's deadline, with a confirmation email; accepted, refused with a
reason, or merged into another by an officer, the sender told each time;
answered at the meeting, the answer recorded for the minutes and the
question's page.

Each decision locks the question's row first and acts only on a question
still waiting: two officers deciding at once, or one pressing twice, find
the first decision made and change nothing."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from hwbb import audit, notify, pagecache
from meetings.models import Meeting, PublicQuestion

Status = PublicQuestion.Status
NOTICE = "public_question"


def _tell(question, occasion):
    """Queue the email to the sender for this occasion, once."""
    notify.queue(
        kind=NOTICE,
        person=None,
        email=question.email,
        target=question,
        key=f"{NOTICE}:publicquestion-{question.pk}:{occasion}",
        about=f"{question.get_kind_display()} for {question.meeting}",
        extra={"occasion": occasion},
    )


@transaction.atomic
def question_submit(*, question, today=None):
    """Keep a question sent by the public and queue its confirmation; returns
    (question, created). The same words sent again from the same address
    for the same meeting (a double submit) find the first, and send nothing."""
    meeting = question.meeting
    if meeting.questions_state(today) != Meeting.QUESTIONS_OPEN:
        raise ValidationError(
            "Questions for this meeting closed at the end of "
            f"{meeting.question_deadline():%A %-d %B %Y}."
        )
    question.fingerprint = question.make_fingerprint()
    found = PublicQuestion.objects.filter(fingerprint=question.fingerprint).first()
    if found is not None:
        return found, False
    question.status = Status.SUBMITTED
    question.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            question.save()
    except IntegrityError:  # the same sent twice at once: the first is kept
        return PublicQuestion.objects.get(fingerprint=question.fingerprint), False
    _tell(question, "received")
    return question, True


def _waiting(question):
    """The question's row, locked; ValidationError in words if it was
    decided meanwhile."""
    locked = PublicQuestion.objects.select_for_update().get(pk=question.pk)
    if locked.status != Status.SUBMITTED:
        raise ValidationError(
            f"This was decided already: {locked.get_status_display().lower()}."
        )
    return locked


def _decide(question, user, status, detail):
    question.status = status
    question.decided_at, question.decided_by = timezone.now(), user
    question.full_clean()
    question.save()
    audit.record(audit.Kind.CHANGED, actor=user, obj=question, detail=detail)
    if status == Status.ACCEPTED:  # now on the meeting's page and agenda
        pagecache.data_changed()
    _tell(question, status)
    return question


@transaction.atomic
def question_accept(*, question, user):
    """Accept the question: it goes on the meeting's page and agenda."""
    question = _waiting(question)
    return _decide(question, user, Status.ACCEPTED, "Public question accepted")


@transaction.atomic
def question_refuse(*, question, user, reason):
    """Refuse the question with a reason the sender is told; nothing of it
    is ever published."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"refusal_reason": "Say why it is refused"})
    question = _waiting(question)
    question.refusal_reason = reason
    return _decide(question, user, Status.REFUSED, "Public question refused")


@transaction.atomic
def question_merge(*, question, into, user):
    """Merge the question into another for the same meeting (one answer for
    several asking the same thing). The other must not itself be refused,
    merged or withdrawn. Both rows are locked, the lower key first, so two
    officers merging each into the other cannot deadlock."""
    if into is None or into.pk == question.pk or into.meeting_id != question.meeting_id:
        raise ValidationError({"into": "Choose another question for this meeting"})
    first, second = sorted([question.pk, into.pk])
    list(PublicQuestion.objects.select_for_update().filter(pk__in=[first, second]))
    into.refresh_from_db()
    if into.status not in (Status.SUBMITTED, Status.ACCEPTED):
        raise ValidationError(
            {"into": f"That question is {into.get_status_display().lower()}"}
        )
    question = _waiting(question)
    question.merged_into = into
    return _decide(
        question, user, Status.MERGED, f"Public question merged into {into.pk}"
    )


@transaction.atomic
def question_answer(*, question, user, answer, answered_by):
    """Record the answer given at the meeting (or the note of what a speaker
    said), for the minutes and the question's page. From the day of the
    meeting, for an accepted question; it may be corrected after."""
    question = PublicQuestion.objects.select_for_update().get(pk=question.pk)
    if question.status != Status.ACCEPTED:
        raise ValidationError("Only an accepted question is answered.")
    if timezone.localdate(question.meeting.start) > timezone.localdate():
        raise ValidationError("The answer is recorded on or after the meeting day.")
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": "Enter the answer given at the meeting"})
    question.answer, question.answered_by = answer, (answered_by or "").strip()
    question.answer_recorded_at = timezone.now()
    question.full_clean()
    question.save()
    audit.record(audit.Kind.CHANGED, actor=user, obj=question, detail="Answer recorded")
    pagecache.data_changed()  # the question's page and the minutes show it
    return question
