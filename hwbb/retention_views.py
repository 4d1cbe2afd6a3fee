"""/retention/: the retention schedule as it stands, each rule's last run,
and the latest runs, for officers (the admin edits the schedule)."""

from django.db.models import OuterRef, Subquery
from django.shortcuts import render

from hwbb.models import RetentionRule, RetentionRun
from hwbb.permissions import OFFICER, role_required

RECENT_RUNS = 30


def _rules_with_last_run():
    last = RetentionRun.objects.filter(rule=OuterRef("pk")).order_by(
        "-started_at", "-pk"
    )
    rules = list(
        RetentionRule.objects.annotate(last_run_id=Subquery(last.values("pk")[:1]))
    )
    runs = RetentionRun.objects.in_bulk([r.last_run_id for r in rules])
    for rule in rules:
        rule.last_run = runs.get(rule.last_run_id)
    return rules


@role_required(OFFICER)
def retention_schedule(request):
    return render(
        request,
        "hwbb/retentionrule_list.html",
        {
            "rules": _rules_with_last_run(),
            "runs": RetentionRun.objects.select_related("rule")[:RECENT_RUNS],
        },
    )
