import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from meetings.importers import moderngov
from meetings.management.commands._importing import preview_or_save, write_json


class Command(BaseCommand):
    help = (
        "Read a council's ModernGov web service, or responses saved from it, "
        "into HWBB's import shape. --json writes the reading and touches no "
        "database; without it a preview is printed; --commit saves it."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument(
            "--url",
            help="The council's ModernGov site, or its mgWebService.asmx address.",
        )
        source.add_argument(
            "--folder",
            help=(
                "A folder of saved responses: GetCommittees.xml, "
                "GetMeetings-<committeeid>.xml, GetMeeting-<meetingid>.xml."
            ),
        )
        parser.add_argument(
            "--committee",
            action="append",
            dest="committees",
            metavar="ID",
            help="A committee id to read; repeat for more. Default: every "
            "committee that is neither deleted nor expired.",
        )
        parser.add_argument(
            "--since",
            metavar="YYYY-MM-DD",
            help="First meeting date. A live service is otherwise asked for a "
            f"year either side of today ({moderngov.DEFAULT_WINDOW_DAYS} days).",
        )
        parser.add_argument("--until", metavar="YYYY-MM-DD", help="Last meeting date.")
        parser.add_argument(
            "--json",
            metavar="OUT",
            help="Write the reading as JSON to OUT ('-' for standard output).",
        )
        parser.add_argument(
            "--commit",
            action="store_true",
            help="Save the reading (without this, only a preview is shown).",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=30,
            help="Seconds to wait for each answer of a live service (default 30).",
        )

    def handle(self, *args, **options):
        since, until = _date(options["since"]), _date(options["until"])
        if since and until and since > until:
            raise CommandError("--since is after --until.")
        committees = _committee_ids(options["committees"])
        try:
            source = _source(options)
            reading = moderngov.read(
                source, committees=committees, since=since, until=until
            )
        except moderngov.SourceError as exc:
            raise CommandError(str(exc)) from None
        if options["json"]:
            if write_json(self, reading, options["json"]):
                self.stdout.write(
                    f"Wrote {options['json']}: {len(reading['meetings'])} meetings, "
                    f"{_problem_count(reading)} problems."
                )
            return
        self.stdout.write("\n".join(preview(reading)))
        preview_or_save(self, reading, commit=options["commit"])


def _source(options):
    if options["folder"]:
        return moderngov.FolderSource(options["folder"])
    if options["timeout"] <= 0:
        raise CommandError("--timeout must be more than 0 seconds.")
    return moderngov.HttpSource(options["url"], timeout=options["timeout"])


def _date(value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a date (YYYY-MM-DD).") from None


def _committee_ids(values):
    if values is None:
        return None
    bad = [v for v in values if not moderngov.ID.fullmatch(v.strip())]
    if bad:
        raise CommandError(f"A committee id is a number: {', '.join(bad)}.")
    return [v.strip() for v in values]


def _problem_count(reading):
    inside = sum(len(m["problems"]) for m in reading["meetings"])
    return len(reading["problems"]) + inside


def preview(reading):
    """The reading as lines a person can check before importing it."""
    lines = [f"Source: {reading['source']}", f"Bodies ({len(reading['bodies'])}):"]
    lines += [f"  {b['external_id']:>6}  {b['name']}" for b in reading["bodies"]]
    lines.append(f"Meetings ({len(reading['meetings'])}):")
    for meeting in reading["meetings"]:
        lines += _meeting_lines(meeting)
    lines.append(f"Problems ({len(reading['problems'])}):")
    lines += [f"  {p['where']}: {p['message']}" for p in reading["problems"]]
    return lines


def _meeting_lines(meeting):
    when = f"{meeting['date']} {meeting['time'] or '--:--'}"
    lines = [f"  {when}  {meeting['body']}  [{meeting['status']}]"]
    lines.append(f"      place: {meeting['place'] or '(not given)'}")
    lines += [f"      {_item_line(item)}" for item in meeting["agenda"]["items"]]
    lines.append(f"      attendance: {_attendance_line(meeting['attendance'])}")
    lines += [f"      problem: {p['message']}" for p in meeting["problems"]]
    return lines


def _item_line(item):
    number = (item["number"] or "") + (item["sub"] or "")
    notes = []
    if item["exempt"]:
        paragraph = item["exempt_paragraph"]
        notes.append(f"exempt, paragraph {paragraph}" if paragraph else "exempt")
    if item["documents"]:
        notes.append(f"{len(item['documents'])} document(s)")
    suffix = f"  ({'; '.join(notes)})" if notes else ""
    return f"{number:<5} {item['title']}{suffix}"


def _attendance_line(attendance):
    counts = [
        (len(attendance["present_members"]), "present"),
        (len(attendance["substitutes"]), "substitutes"),
        (len(attendance["apologies"]), "apologies"),
        (len(attendance["other_representatives"]), "in attendance"),
        (len(attendance["absent"]), "absent"),
    ]
    said = [f"{n} {what}" for n, what in counts if n]
    return ", ".join(said) or "not recorded"
