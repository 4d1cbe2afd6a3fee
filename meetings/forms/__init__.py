"""The meetings forms, by the same subjects as the views:

agenda     meetings, agenda items, publication, the forward plan and attendance
minutes    minutes, their approval and amendment, resolutions, the decisions filter
actions    actions, their updates and the action log's filter
reports    reports, their review, papers and route
interests  interests and declarations
imports    an agenda pack's upload, and who its printed names are
search     the search page's words and filters
urgent     decisions taken between meetings: proposal, taking, answers, ratification
questions  the public's questions: the form, refusal, merge, the answer

Every form is re-exported here: `from meetings.forms import ReportForm`. The
tagged forms share strategy's TagFields (strategy/forms.py).
"""

from meetings.forms.actions import (
    ActionForm,
    ActionLogFilter,
    ActionRagForm,
    ActionUpdateForm,
    MyActionsFilter,
)
from meetings.forms.agenda import (
    AgendaItemForm,
    AttendanceForm,
    AttendeeForm,
    CancelForm,
    MeetingForm,
    PlannedItemForm,
    PlannedToAgendaForm,
    PublishForm,
    RescheduleForm,
    TimeField,
)
from meetings.forms.imports import NameChoicesForm, PackUploadForm
from meetings.forms.interests import (
    DeclarationForm,
    InterestDecisionForm,
    InterestEndForm,
    InterestForm,
)
from meetings.forms.minutes import (
    DecisionFilter,
    MinuteAmendmentForm,
    MinuteForm,
    MinutesApproveForm,
    MinuteTakingForm,
    ResolutionForm,
)
from meetings.forms.questions import (
    AnswerQuestionForm,
    MergeQuestionForm,
    QuestionForm,
    RefuseQuestionForm,
    items_the_public_may_ask_about,
)
from meetings.forms.reports import (
    ConsiderationForm,
    DocumentForm,
    ReportForm,
    ReportReviewForm,
    WithdrawForm,
)
from meetings.forms.search import SearchForm
from meetings.forms.urgent import (
    RatifyForm,
    RespondForm,
    TakeForm,
    UrgentDecisionForm,
    WithdrawProposalForm,
)

__all__ = [
    "AnswerQuestionForm",
    "MergeQuestionForm",
    "QuestionForm",
    "RefuseQuestionForm",
    "items_the_public_may_ask_about",
    "ActionForm",
    "ActionLogFilter",
    "ActionRagForm",
    "ActionUpdateForm",
    "MyActionsFilter",
    "AgendaItemForm",
    "AttendanceForm",
    "AttendeeForm",
    "CancelForm",
    "MeetingForm",
    "PlannedItemForm",
    "PlannedToAgendaForm",
    "PublishForm",
    "RescheduleForm",
    "TimeField",
    "NameChoicesForm",
    "PackUploadForm",
    "DeclarationForm",
    "InterestDecisionForm",
    "InterestEndForm",
    "InterestForm",
    "DecisionFilter",
    "MinuteAmendmentForm",
    "MinuteForm",
    "MinutesApproveForm",
    "MinuteTakingForm",
    "ResolutionForm",
    "ConsiderationForm",
    "DocumentForm",
    "ReportForm",
    "ReportReviewForm",
    "WithdrawForm",
    "WithdrawProposalForm",
    "SearchForm",
    "RatifyForm",
    "RespondForm",
    "TakeForm",
    "UrgentDecisionForm",
]
