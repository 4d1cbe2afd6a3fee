"""The council's default retention schedule, with the law or guidance each
rule follows. Administrators review and change it in the admin (Retention
schedule); this seeds it once, and leaves a schedule already there alone.

Sources, as read in December 2026:
- Local Government Act 1972, s100C(1): minutes, agenda and open reports open
  to inspection for six years from the meeting (a minimum, not a limit);
  s100D(2): background papers four years. Schedule 12, para 41: signed
  minutes are evidence of the proceedings.
- Localism Act 2011, s29(3): nothing requires an entry to stay in the
  register once the person is no longer a member or co-opted member; s29(5):
  the register is published on the authority's website.
- Devon County Council, "Keeping Devon's data: democracy": committee agendas
  and minutes permanent; members' interests register "current term only".
- Wyre Forest District Council, retention periods, democratic process: 1.1.2
  council and committee minutes, agendas and business papers permanent
  (offer to the archivist); 1.1.5 register of interests kept up to date
  during the term, then retained for six years after it ends.
- ICO, "Principle (e): Storage limitation" (UK GDPR Article 5(1)(e)): keep
  personal data no longer than needed, with a justified period where no law
  sets one.
- Ministry of Justice security guidance, "Accounting": security logs kept
  at least six months and by default no longer than two years; MHCLG Way,
  "How to store and query logs": consider keeping security events a year.
"""

import datetime

from django.db import migrations

LGA_100C = "https://www.legislation.gov.uk/ukpga/1972/70/section/100C"
LOCALISM_29 = "https://www.legislation.gov.uk/ukpga/2011/20/section/29"
ICO = (
    "https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/"
    "data-protection-principles/a-guide-to-the-data-protection-principles/"
    "storage-limitation"
)
MOJ_LOGS = "https://security-guidance.service.justice.gov.uk/accounting/"
WYRE_FOREST = (
    "https://www.wyreforestdc.gov.uk/your-council/privacy-and-data-protection/"
    "how-long-do-we-keep-your-personal-data/democratic-process/"
)

PROCEEDINGS = (
    "Local Government Act 1972, s100C(1): open to inspection for at least six "
    "years from the meeting; councils keep the record of their proceedings "
    "permanently (Devon County Council: committee agendas and minutes, "
    "permanent; Wyre Forest District Council 1.1.2: minutes, agendas and "
    "business papers, permanent, offered to the archivist)."
)

RULES = [
    ("agendas", "Agendas", "permanent", 0, "keep", PROCEEDINGS, LGA_100C),
    (
        "reports",
        "Reports and their papers",
        "permanent",
        0,
        "keep",
        PROCEEDINGS + " Background papers: four years at least (s100D(2)).",
        LGA_100C,
    ),
    (
        "minutes",
        "Minutes",
        "permanent",
        0,
        "keep",
        PROCEEDINGS + " Signed minutes are evidence of the proceedings "
        "(Schedule 12, paragraph 41).",
        LGA_100C,
    ),
    (
        "decisions",
        "Resolutions and decisions",
        "permanent",
        0,
        "keep",
        PROCEEDINGS + " Resolutions are part of the minutes.",
        LGA_100C,
    ),
    (
        "urgent_decisions",
        "Decisions taken between meetings",
        "permanent",
        0,
        "keep",
        "Decisions of the board taken by its chair between meetings, reported "
        "to its next meeting: kept permanently with its minutes and "
        "resolutions. " + PROCEEDINGS,
        LGA_100C,
    ),
    (
        "declarations",
        "Declarations of interest at meetings",
        "permanent",
        0,
        "keep",
        "Declared at the meeting and recorded in its minutes, which are kept "
        "permanently. " + PROCEEDINGS,
        LGA_100C,
    ),
    (
        "interests",
        "Register of interests: off the public register when the member leaves",
        "days",
        0,
        "withdraw",
        "Localism Act 2011, s29(3): no entry need stay in the register once the "
        "person is no longer a member or co-opted member; s29(5): the register "
        "is published while they are. Devon County Council publishes the "
        "members' interests register for the current term only. Officers keep "
        "the entries (see the next rule).",
        LOCALISM_29,
    ),
    (
        "interests",
        "Register of interests: deleted six years after the member leaves",
        "years",
        6,
        "delete",
        "Wyre Forest District Council, retention periods 1.1.5: the register is "
        "kept up to date during the term of office and retained for six years "
        "after it ends. Declarations made at meetings stay in the minutes.",
        WYRE_FOREST,
    ),
    (
        "notifications",
        "Log of emails sent",
        "years",
        2,
        "delete",
        "No law sets a period: the council's decision under UK GDPR Article "
        "5(1)(e), storage limitation (ICO guidance). The log shows that a notice "
        "(such as an agenda's publication) was sent, which a complaint about a "
        "meeting may need; two years is longer than any notice planner looks "
        "back (a year at most, meetings/deadlines.py), so a deleted row is never "
        "sent again. Emails still waiting to be sent are never deleted.",
        ICO,
    ),
    (
        "sign_ins",
        "Sign-in and sign-out log",
        "months",
        12,
        "delete",
        "Security log: the Ministry of Justice's security guidance keeps such "
        "logs at least six months and by default no longer than two years; "
        "MHCLG's guidance suggests a year. A year, under UK GDPR Article "
        "5(1)(e), storage limitation.",
        MOJ_LOGS,
    ),
    (
        "sign_in_attempts",
        "Failed sign-in counters (lock-outs)",
        "months",
        12,
        "delete",
        "Security log: as the sign-in log. A counter locks an account out for "
        "15 minutes; kept a year to investigate an attack, then deleted.",
        MOJ_LOGS,
    ),
]


def seed(apps, schema_editor):
    RetentionRule = apps.get_model("hwbb", "RetentionRule")
    if RetentionRule.objects.exists():
        return
    reviewed = datetime.date(2026, 12, 5)
    for record_type, label, period, length, action, basis, url in RULES:
        RetentionRule.objects.create(
            record_type=record_type,
            label=label,
            period=period,
            length=length,
            action=action,
            legal_basis=basis,
            source_url=url,
            last_reviewed=reviewed,
        )


class Migration(migrations.Migration):
    dependencies = [("hwbb", "0006_retention_schedule")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
