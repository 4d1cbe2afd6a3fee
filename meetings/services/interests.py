"""Interests and declarations: the checklist of items a person may have an
interest in, declarations made at a meeting, the register's review, and the
changes a member asks for in their register, approved or not by an officer."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hwbb import audit, notify, pagecache
from meetings.models import Declaration, Interest, InterestChange, Person


def _mentions(item, organisation):
    text = f"{item.title} {item.presenter} {item.description}".lower()
    names = [organisation.name, *organisation.aliases]
    return any(name and name.lower() in text for name in names)


def declarations_checklist(*, meeting, person):
    """[(item, [interests])]: each agenda item with the person's current
    register entries whose organisation the item concerns, either tagged on the
    item or named in its title, presenter or description."""
    interests = list(
        person.interests.current(timezone.localdate(meeting.start))
        .exclude(organisation=None)
        .select_related("organisation")
    )
    items = meeting.agenda_items.prefetch_related("organisations").in_agenda_order()
    checklist = []
    for item in items:
        tagged = {o.pk for o in item.organisations.all()}
        matches = [
            i
            for i in interests
            if i.organisation_id in tagged or _mentions(item, i.organisation)
        ]
        checklist.append((item, matches))
    return checklist


@transaction.atomic
def declaration_make(
    *, meeting, person, agenda_item, kind, text, withdrew, interest=None
):
    """Record a declaration; the same declaration made twice is recorded once."""
    if meeting.is_cancelled:
        raise ValidationError("The meeting was cancelled: there is nothing to declare.")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError(
            {"agenda_item": "Choose an item on this meeting's agenda."}
        )
    declaration, created = Declaration.objects.get_or_create(
        meeting=meeting,
        person=person,
        agenda_item=agenda_item,
        interest=interest,
        defaults={"kind": kind, "text": text, "withdrew": withdrew},
    )
    return declaration, created


@transaction.atomic
def interests_reviewed(*, person):
    """The person confirms their register is up to date, today."""
    pagecache.data_changed()  # update() sends no signal
    return person.interests.current().update(reviewed_on=timezone.localdate())


# -- Changes a member asks for in their own register ------------------------------

CHANGE_FIELDS = ("kind", "organisation", "description", "start", "end")


def _asked_values(action, interest, values):
    """The entry as the change would leave it: an ending keeps the entry's
    words and sets only its end."""
    if action == InterestChange.Action.END:
        kept = {f: getattr(interest, f) for f in CHANGE_FIELDS if f != "end"}
        end = values.get("end")
        if end is None:
            raise ValidationError({"end": "Enter the date the interest ended"})
        if end > timezone.localdate():
            raise ValidationError({"end": "The end date cannot be in the future"})
        if interest.start and end < interest.start:
            raise ValidationError(
                {"end": "The end date cannot be before the interest started"}
            )
        return {**kept, "end": end}
    return {f: values.get(f) for f in CHANGE_FIELDS if f != "end"} | {
        "end": interest.end if interest else None
    }


@transaction.atomic
def interest_change_ask(*, person, action, interest=None, **values):
    """Ask for a change to the person's own register: (change, created).

    The register keeps showing the approved entry until an officer approves.
    Asking again for the same entry revises the change still waiting (one
    waits per entry), and the same new entry asked for twice (a double
    submit) is asked for once: the person's row is locked first, so two
    requests at once are taken one after the other."""
    Person.objects.select_for_update().get(pk=person.pk)
    if interest is not None and interest.person_id != person.pk:
        raise ValidationError("That entry is not in your register.")
    if (action == InterestChange.Action.ADD) != (interest is None):
        raise ValidationError("Choose an entry of your register to change or end.")
    asked = _asked_values(action, interest, values)
    if interest is not None and all(
        getattr(interest, f) == asked[f] for f in CHANGE_FIELDS
    ):
        raise ValidationError("That is what your register already says.")
    waiting = person.interest_changes.pending()
    same = waiting.filter(interest=interest, action=action, **asked).first()
    if same is not None:
        return same, False
    change = waiting.filter(interest=interest).first() if interest else None
    created = change is None
    change = change or InterestChange(person=person, interest=interest)
    change.action = action
    change.submitted_at = timezone.now()
    for field, value in asked.items():
        setattr(change, field, value)
    change.full_clean()
    change.save()
    if created:
        for officer in Person.objects.officers().exclude(pk=person.pk):
            notify.queue(
                **notify.notice(
                    "interest_change_asked", officer, change, "asked", str(change)
                )
            )
    return change, created


def _decidable(change, user):
    """The change, locked, if the user may decide it now."""
    locked = (
        InterestChange.objects.select_for_update(of=("self",))
        .select_related("person", "decided_by")
        .get(pk=change.pk)
    )
    if not locked.is_pending:
        by = audit.name_of(locked.decided_by) if locked.decided_by else "an officer"
        raise ValidationError(
            f"This change was already decided: {locked.get_status_display().lower()}"
            f" by {by}."
        )
    if user is not None and locked.person.user_id == user.pk:
        raise ValidationError(
            "A change to your own register is decided by another officer."
        )
    return locked


def _decided(change, user, status):
    change.status = status
    change.decided_at = timezone.now()
    change.decided_by = user
    change.save()
    notify.queue(
        **notify.notice(
            "interest_change_decided", change.person, change, status, str(change)
        )
    )


@transaction.atomic
def interest_change_approve(*, change, user):
    """Write the change into the register. Two officers approving at once:
    the change's row is locked, so the second finds it decided and is told
    so, and the entry is written once."""
    change = _decidable(change, user)
    interest = (
        Interest.objects.select_for_update().get(pk=change.interest_id)
        if change.interest_id
        else Interest(person=change.person)
    )
    for field in CHANGE_FIELDS:
        setattr(interest, field, getattr(change, field))
    interest.reviewed_on = timezone.localdate()
    interest.full_clean()
    interest.save()
    change.interest = interest
    _decided(change, user, InterestChange.Status.APPROVED)
    audit.record(
        audit.Kind.APPROVED,
        actor=user,
        obj=interest,
        detail=f"{change.get_action_display()} in the register of interests",
    )
    return change


@transaction.atomic
def interest_change_reject(*, change, user, reason):
    """Leave the register as it is, saying why to the member."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the change is not approved"})
    change = _decidable(change, user)
    change.reason = reason
    _decided(change, user, InterestChange.Status.REJECTED)
    audit.record(audit.Kind.RETURNED, actor=user, obj=change, detail=reason)
    return change
