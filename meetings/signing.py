"""The text a chair signs, and its SHA-256 digest.

`signed_text(meeting)` writes the minutes as plain text in a fixed order:
the meeting, the attendance, then each minute with its title, narrative and
resolution (exempt minutes in full: the signature covers the whole record).
Amendments are not part of it: a correction made after signing is recorded
beside the signed text, which still verifies. `verify(signature)` recomputes
the text from the minutes as they now stand and says whether the digest still
matches both the kept text and the record.
"""

import hashlib
import re
from dataclasses import dataclass
from html import unescape

from django.utils import timezone

from meetings.models import Attendance, Minute, ResolutionClause


def _plain(html):
    text = re.sub(r"<\s*(?:br|/p|/li|/h\d)\s*/?>", "\n", html or "", flags=re.I)
    text = re.sub(r"<li[^>]*>", "- ", text, flags=re.I)
    text = unescape(re.sub(r"<[^>]+>", "", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def signed_text(meeting):
    start = timezone.localtime(meeting.start)
    out = [
        f"Minutes of the meeting of {meeting.body.name}",
        f"held at {start:%H:%M} on {start:%A %d %B %Y}",
        "",
        "Attendance",
    ]
    for a in (
        Attendance.objects.filter(meeting=meeting)
        .select_related("person", "substitute_for")
        .order_by("capacity", "status", "person__family_name", "person__pk")
    ):
        line = (
            f"{a.get_capacity_display()}: {a.person.display_name} "
            f"({a.get_status_display()})"
        )
        if a.substitute_for_id:
            line += f", substitute for {a.substitute_for.display_name}"
        out.append(line)
    minutes = (
        Minute.objects.filter(meeting=meeting)
        .select_related("resolution")
        .order_by("number")
    )
    for minute in minutes:
        out += [
            "",
            f"{minute.number}. {minute.title}"
            + (" (exempt)" if minute.is_exempt else ""),
        ]
        if minute.narrative:
            out.append(_plain(minute.narrative))
        resolution = getattr(minute, "resolution", None)
        if resolution is not None:
            out.append(f"RESOLVED {resolution.preamble}".rstrip())
            clauses = ResolutionClause.objects.filter(resolution=resolution).order_by(
                "order"
            )
            for clause in clauses:
                indent = "    " if clause.parent_id else "  "
                label = f"({clause.label}) " if clause.label else ""
                out.append(f"{indent}{label}{clause.text}")
    if meeting.closed_at:
        out += ["", f"Meeting closed at {meeting.closed_at:%H:%M}"]
    return "\n".join(out) + "\n"


def digest(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Check:
    kept_text_matches: bool  # the kept text still gives the digest
    record_matches: bool  # the minutes as they stand still give the digest

    @property
    def verified(self):
        return self.kept_text_matches and self.record_matches

    @property
    def in_words(self):
        if self.verified:
            return "Verified: the minutes are exactly the text the chair signed."
        if not self.kept_text_matches:
            return "Not verified: the kept copy of the signed text has been altered."
        return (
            "Not verified: the minutes have changed since they were signed "
            "other than by a recorded amendment."
        )


def verify(signature):
    return Check(
        kept_text_matches=digest(signature.text) == signature.digest,
        record_matches=digest(signed_text(signature.meeting)) == signature.digest,
    )
