"""Reading a resolution typed the way council minutes write it:

    (1) The proposed approach ... be endorsed and supported.
    (2) The implementation approach be approved as follows:
    (i) To align governance, reporting and delivery ...
    (ii) To establish an overarching work programme ...

Numbered clauses "(1)", sub-clauses "(i)" belonging to the clause before, or a
single clause with no number. Each clause's verb is read from its wording
("be noted", "be endorsed", ...) and a recommendation to another body is marked.
"""

import re
from dataclasses import dataclass, field

from meetings.models.minutes import ResolutionClause

NUMBERED = re.compile(r"^\((\d+)\)\s*(.+)$")
ROMAN = re.compile(r"^\(([ivxl]+)\)\s*(.+)$")
VERBS = [  # the first that matches wins: order by how specific the words are
    (r"\brecommend", ResolutionClause.Verb.RECOMMENDED),
    (r"\bdelegat", ResolutionClause.Verb.DELEGATED),
    (r"\brequest", ResolutionClause.Verb.REQUESTED),
    (r"\bendorse", ResolutionClause.Verb.ENDORSED),
    (r"\bapprove", ResolutionClause.Verb.APPROVED),
    (r"\bagree", ResolutionClause.Verb.AGREED),
    (r"\bsupport", ResolutionClause.Verb.SUPPORTED),
    (r"\bnote", ResolutionClause.Verb.NOTED),
]


@dataclass
class Clause:
    label: str
    text: str
    subclauses: list = field(default_factory=list)

    @property
    def verb(self):
        for pattern, verb in VERBS:
            if re.search(pattern, self.text, re.IGNORECASE):
                return verb
        return ResolutionClause.Verb.OTHER

    @property
    def kind(self):
        if self.verb == ResolutionClause.Verb.RECOMMENDED:
            return ResolutionClause.Kind.RECOMMENDATION
        return ResolutionClause.Kind.DECISION


def parse(text):
    """[Clause] from the typed resolution; ValueError says what is wrong."""
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    if not lines:
        raise ValueError("Write the resolution.")
    if not NUMBERED.match(lines[0]):
        if len(lines) > 1:
            raise ValueError(
                "Number each clause, like (1), or write a single resolution."
            )
        return [Clause("", lines[0])]
    clauses = []
    for line in lines:
        if match := NUMBERED.match(line):
            clauses.append(Clause(match[1], match[2]))
        elif match := ROMAN.match(line):
            clauses[-1].subclauses.append(Clause(match[1], match[2]))
        else:
            raise ValueError(f'Start each line with (1) or (i): "{line[:60]}"')
    return clauses


def as_text(resolution):
    """The resolution's clauses back as typed text, for editing."""
    lines = []
    for clause, subs in resolution.clause_tree():
        lines.append(f"({clause.label}) {clause.text}" if clause.label else clause.text)
        lines += [f"({sub.label}) {sub.text}" for sub in subs]
    return "\n".join(lines)
