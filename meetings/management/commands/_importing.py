"""What import_pack and import_moderngov share once they have a reading: write
it as JSON, or preview what saving it would do, or save it. (A module whose name
starts with an underscore is not a command.)"""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from meetings import services


def write_json(command, reading, out):
    """The reading to OUT, or to standard output for '-'. Touches no database."""
    text = json.dumps(reading, indent=2, ensure_ascii=False) + "\n"
    if out == "-":
        command.stdout.write(text, ending="")
        return False
    try:
        with open(out, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise CommandError(f"Cannot write {out}: {exc.strerror}.") from None
    return True


def preview_or_save(command, reading, *, commit):
    """Without --commit, what saving would match and add; with it, save."""
    if not commit:
        command.stdout.write("")
        command.stdout.write(services.plan_in_words(services.import_plan(reading)))
        command.stdout.write("Nothing saved: run again with --commit to save.")
        return
    try:
        result = services.import_commit(reading, by=None)
    except ValidationError as exc:
        raise CommandError("; ".join(exc.messages)) from None
    command.stdout.write(services.result_in_words(result))
