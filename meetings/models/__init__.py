"""Governance: organisations, people, bodies, meetings, agendas, minutes,
resolutions and actions.

One module per subject, each importing only from those before it: people,
agenda, minutes, actions, papers, interests, imports, urgent (decisions taken
between meetings), questions (the public's questions and requests to speak).
Every name the rest of the project imports from `meetings.models` is
re-exported here, and migrations refer to `meetings.models.document_path`.
"""

from meetings.models.actions import Action, ActionUpdate
from meetings.models.agenda import (
    MUNICIPAL_YEARS,
    AgendaItem,
    AgendaSection,
    AgendaSupplement,
    Meeting,
    PlannedItem,
    RecurringItem,
    StandingItem,
    agenda_order,
    municipal_year_of,
    municipal_year_span,
)
from meetings.models.alerts import Subscription
from meetings.models.imports import NameAlias, PackImport, name_key, name_tokens
from meetings.models.interests import Declaration, Interest, InterestChange
from meetings.models.minutes import (
    Attendance,
    Minute,
    MinuteAmendment,
    MinutesComment,
    MinutesSignature,
    Resolution,
    ResolutionClause,
    TaggedBusiness,
)
from meetings.models.papers import (
    AgendaPack,
    Consideration,
    Document,
    Report,
    ReportReview,
    document_path,
)
from meetings.models.people import (
    Body,
    Membership,
    Organisation,
    OrganisationLead,
    Person,
)
from meetings.models.questions import (
    QUESTION_MAX_CHARS,
    PublicQuestion,
    PublicQuestionQuerySet,
)
from meetings.models.urgent import MemberResponse, UrgentDecision

__all__ = [
    "Action",
    "ActionUpdate",
    "AgendaItem",
    "AgendaPack",
    "AgendaSection",
    "AgendaSupplement",
    "Attendance",
    "Body",
    "Consideration",
    "Declaration",
    "Document",
    "Interest",
    "InterestChange",
    "Meeting",
    "MemberResponse",
    "Membership",
    "Minute",
    "NameAlias",
    "MinuteAmendment",
    "MinutesComment",
    "MinutesSignature",
    "Organisation",
    "OrganisationLead",
    "PackImport",
    "Person",
    "PlannedItem",
    "PublicQuestion",
    "PublicQuestionQuerySet",
    "QUESTION_MAX_CHARS",
    "RecurringItem",
    "Report",
    "ReportReview",
    "Resolution",
    "ResolutionClause",
    "StandingItem",
    "Subscription",
    "TaggedBusiness",
    "UrgentDecision",
    "agenda_order",
    "document_path",
    "MUNICIPAL_YEARS",
    "municipal_year_of",
    "municipal_year_span",
    "name_key",
    "name_tokens",
]
