"""The admin, named for the council and grouped in its words.

The admin is where a system administrator keeps the reference data (boards
and committees, people, the strategy and its framework, indicators); the
records of the governance cycle are shown there read-only (hwbb/admin.py).
Its index groups the models by what a council calls them, not by the app
that holds them; a model in no group is listed under its app, after them.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

# (key, heading, models as "app.model"), in the order the index shows them.
GROUPS = (
    (
        "boards",
        "Boards, committees and people",
        (
            "meetings.body",
            "meetings.membership",
            "meetings.agendasection",
            "meetings.standingitem",
            "meetings.recurringitem",
            "meetings.person",
            "meetings.organisation",
            "meetings.organisationlead",
            "meetings.namealias",
            "hwbb.preference",
        ),
    ),
    (
        "strategy",
        "The strategy and its framework",
        (
            "strategy.strategy",
            "strategy.strategyversion",
            "strategy.ambition",
            "strategy.priority",
            "strategy.prioritylead",
            "strategy.reportingschedule",
            "strategy.framework",
            "strategy.pillar",
        ),
    ),
    ("indicators", "Indicators and areas", ("indicators.indicator", "indicators.area")),
    (
        "meetings",
        "Meetings and agendas (records: read only)",
        (
            "meetings.meeting",
            "meetings.agendaitem",
            "meetings.agendasupplement",
            "meetings.planneditem",
            "meetings.agendapack",
            "meetings.packimport",
            "meetings.attendance",
            "meetings.declaration",
            "meetings.interest",
            "meetings.interestchange",
            "meetings.publicquestion",
        ),
    ),
    (
        "minutes",
        "Minutes and decisions (records: read only)",
        (
            "meetings.minute",
            "meetings.resolution",
            "meetings.urgentdecision",
            "meetings.memberresponse",
            "meetings.resolutionclause",
            "meetings.minutescomment",
            "meetings.minutessignature",
            "meetings.minuteamendment",
        ),
    ),
    (
        "reports",
        "Reports, actions and progress (records: read only)",
        (
            "meetings.report",
            "meetings.reportreview",
            "meetings.consideration",
            "meetings.document",
            "meetings.action",
            "meetings.actionupdate",
            "strategy.progressreport",
        ),
    ),
    (
        "retention",
        "Records retention",
        ("hwbb.retentionrule",),
    ),
    (
        "logs",
        "Data imports, emails, retention runs and the audit log (records: read only)",
        (
            "indicators.indicatorvalue",
            "indicators.importjob",
            "hwbb.notification",
            "meetings.subscription",
            "hwbb.provenance",
            "hwbb.retentionrun",
            "hwbb.auditentry",
        ),
    ),
)


class CouncilAdminSite(admin.AdminSite):
    index_title = "Reference data, and the records the site keeps"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.site_header = f"{settings.COUNCIL_NAME}: reference data"
        self.site_title = settings.SITE_NAME

    def get_app_list(self, request, app_label=None):
        """On the index, the models in the council's groups (GROUPS), then
        any others under their apps; an app's own page lists its models."""
        apps = super().get_app_list(request, app_label)
        if app_label is not None:
            return apps
        found = {
            f"{app['app_label']}.{row['object_name'].lower()}": (app, row)
            for app in apps
            for row in app["models"]
        }
        grouped = []
        for key, heading, labels in GROUPS:
            rows = [found.pop(label) for label in labels if label in found]
            if rows:
                grouped.append(
                    {
                        "name": heading,
                        "app_label": key,
                        "app_url": rows[0][0]["app_url"],
                        "has_module_perms": True,
                        "models": [row for _, row in rows],
                    }
                )
        left = {id(row) for _, row in found.values()}
        for app in apps:
            rows = [row for row in app["models"] if id(row) in left]
            if rows:
                grouped.append({**app, "models": rows})
        return grouped


class CouncilAdminConfig(AdminConfig):
    default_site = "hwbb.admin_site.CouncilAdminSite"
