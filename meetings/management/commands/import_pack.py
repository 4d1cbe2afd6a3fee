"""python manage.py import_pack PATH [--json OUT | --commit]

Reads an agenda pack (PDF or a text conversion): the meeting on its front sheet
and the minutes printed inside it. --json writes what was read and touches no
database; without it the command shows a preview; --commit saves it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.importers.pack import read_pack
from meetings.importers.source import UnreadablePack, read_lines
from meetings.management.commands._importing import preview_or_save, write_json


def read_file(path):
    path = Path(path)
    if not path.is_file():
        raise CommandError(f"No such file: {path}")
    try:
        return read_pack(
            read_lines(path.read_bytes(), name=path.name), source=path.name
        )
    except UnreadablePack as exc:
        raise CommandError(f"{path.name}: {exc}") from exc


class Command(BaseCommand):
    help = (
        "Read an agenda pack (PDF or text); show, write (--json) or save (--commit) it."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--json",
            metavar="OUT",
            help="write what was read to OUT ('-' for stdout); no database",
        )
        parser.add_argument(
            "--commit",
            action="store_true",
            help="save it (without this, only a preview is shown)",
        )

    def handle(self, path, json=None, commit=False, **options):
        reading = read_file(path)
        if json:
            if write_json(self, reading, json):
                self.stdout.write(f"Wrote {json}")
            return
        self.stdout.write(describe(reading))
        preview_or_save(self, reading, commit=commit)


def describe(reading):
    """The reading in words, for the terminal."""
    out = []
    agenda = reading["agenda"]
    if agenda:
        out.append(
            f"Agenda: {agenda['body']}, {agenda['date']} {agenda['time'] or ''} "
            f"at {agenda['place'] or '(no place)'}"
        )
        for it in agenda["items"]:
            label = it["number"] + (f"({it['sub']})" if it["sub"] else "")
            flags = " [exempt]" if it["exempt"] else ""
            out.append(f"  {label:6} {it['title']}{flags}")
    for m in reading["minutes"]:
        att = m["attendance"]
        counts = ", ".join(
            f"{len(att[k])} {k.replace('_', ' ')}"
            for k in (
                "present_members",
                "other_representatives",
                "employees",
                "apologies",
                "substitutes",
            )
        )
        out.append(
            f"Minutes: {m['body']}, {m['date']} ({counts}); "
            f"closed {m.get('closing_time') or 'not stated'}"
        )
        for it in m["items"]:
            clauses = sum(1 + len(c["children"]) for c in it["resolutions"])
            out.append(
                f"  {it['number']:6} {it['title']}"
                + (f" ({clauses} resolution clauses)" if clauses else "")
                + (" [exempt]" if it["exempt"] else "")
            )
    if reading["problems"]:
        out.append(f"Not read ({len(reading['problems'])}):")
        for p in reading["problems"]:
            out.append(
                f"  line {p['line']}"
                + (f", page {p['page']}" if p.get("page") else "")
                + f": {p['message']}"
            )
    else:
        out.append("Everything on the pages the reader looks at was placed.")
    return "\n".join(out)
