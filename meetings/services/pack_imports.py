"""An agenda pack an officer uploads: read by a worker, with its progress kept
on the PackImport row its page follows; then saved, once, with the officer's
corrections (meetings/services/imports.py does the matching and saving)."""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from meetings.importers.pack import read_pack
from meetings.importers.source import UnreadablePack, read_lines
from meetings.models import PackImport
from meetings.services.imports import import_commit

log = logging.getLogger(__name__)

Status = PackImport.Status

# A read that started this long ago and never finished lost its worker (it was
# killed, or the machine restarted): the pack may be read again. The largest
# pack the reader accepts (2,000 pages) reads in a few minutes.
READ_GIVEN_UP_AFTER = datetime.timedelta(minutes=30)

UNEXPECTED = (
    "This file could not be read: the reader stopped on something it did not "
    "expect. The error is logged for the site's administrators; you may try "
    "the file again, or a text copy of it."
)


def _claim(pk, now):
    """Mark the pack as being read by this worker; False if another worker is
    reading it (and has not been lost) or it was read already."""
    stale = Q(status=Status.READING, started_at__lt=now - READ_GIVEN_UP_AFTER)
    return bool(
        PackImport.objects.filter(Q(status=Status.WAITING) | stale, pk=pk).update(
            status=Status.READING, started_at=now, pages_done=0, pages_total=0
        )
    )


def pack_import_read(*, pk, now=None):
    """Read an uploaded pack and keep what was read; the status it ends in, or
    None if it was not this call's to read.

    Only an officer-facing message is kept when the file cannot be read: the
    reader's own (UnreadablePack), or a plain one when something unexpected
    stopped it, whose traceback goes to the log, never to the page."""
    if not _claim(pk, now or timezone.now()):
        return None
    rows = PackImport.objects.filter(pk=pk, status=Status.READING)
    pack = rows.get()

    def progress(done, total):
        rows.update(pages_done=done, pages_total=total)

    try:
        with pack.file.open("rb") as f:
            data = f.read()
        lines = read_lines(data, name=pack.name, progress=progress)
        reading = read_pack(lines, source=pack.name)
    except UnreadablePack as exc:
        rows.update(status=Status.FAILED, message=str(exc))
        return Status.FAILED
    except Exception:
        log.exception("Reading the uploaded pack %s (%s) failed", pk, pack.name)
        rows.update(status=Status.FAILED, message=UNEXPECTED)
        return Status.FAILED
    rows.update(status=Status.READ, reading=reading, message="")
    return Status.READ


def pack_import_waiting(*, now=None):
    """The packs to hand to a worker again: uploaded 15 minutes ago and never
    taken (the queue was down, or lost them), or whose worker was lost."""
    now = now or timezone.now()
    never_taken = Q(
        status=Status.WAITING, created_at__lt=now - datetime.timedelta(minutes=15)
    )
    lost = Q(status=Status.READING, started_at__lt=now - READ_GIVEN_UP_AFTER)
    return list(
        PackImport.objects.filter(never_taken | lost).values_list("pk", flat=True)
    )


def pack_import_parts(reading):
    """(the reading as it can be saved, what must be left out of it and why).

    A meeting is found or made from its board and its date, so an agenda
    whose date, or a set of minutes whose board, the reader could not read is
    left out, and said so, rather than guessed (or stopping the import)."""
    left_out = []
    agenda = reading.get("agenda")
    if agenda and not (agenda.get("date") and agenda.get("body")):
        what = "date" if not agenda.get("date") else "board or committee"
        left_out.append(
            {
                "line": agenda.get("date_line") or agenda.get("body_line"),
                "message": f"The front sheet's {what} cannot be read: its agenda "
                "is left out. Add the meeting and its agenda by hand.",
            }
        )
        agenda = None
    minutes = []
    for part in reading.get("minutes") or []:
        if part.get("date") and part.get("body"):
            minutes.append(part)
            continue
        left_out.append(
            {
                "line": (part.get("header_lines") or [None])[0],
                "message": "These minutes do not say which board or committee met "
                f"on {part.get('date') or 'their date'}: they are left out. "
                "Add them by hand.",
            }
        )
    return {**reading, "agenda": agenda, "minutes": minutes}, left_out


@transaction.atomic
def pack_import_save(*, pk, by, choices=None):
    """Save what was read, with the officer's corrections, exactly once:
    (the pack, whether this call saved it).

    The row is locked first, so of two officers (or one who pressed the button
    twice) the second waits for the first to finish, then finds it saved and
    is shown that result instead of importing again."""
    pack = PackImport.objects.select_for_update().get(pk=pk)
    if pack.status == Status.SAVED:
        return pack, False
    if pack.status != Status.READ:
        raise ValidationError(
            "This pack could not be read, so there is nothing to import."
            if pack.status == Status.FAILED
            else "This pack has not been read yet: wait for the reader to finish."
        )
    if choices is not None:
        pack.choices = choices
    reading, left_out = pack_import_parts(pack.reading)
    pack.result = import_commit(reading, by=by, choices=pack.choices)
    pack.result["left_out"] = left_out + pack.result["left_out"]
    pack.status = Status.SAVED
    pack.saved_at = timezone.now()
    pack.saved_by = by
    pack.save(update_fields=["choices", "result", "status", "saved_at", "saved_by"])
    return pack, True


def pack_import_choose(*, pk, choices):
    """Keep the officer's corrections while the pack waits to be confirmed;
    False if it was saved (or is otherwise no longer waiting) meanwhile."""
    return bool(
        PackImport.objects.filter(pk=pk, status=Status.READ).update(choices=choices)
    )
