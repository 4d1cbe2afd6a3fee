"""/api/: the REST API, Open Civic Data events, Popolo, CSV exports, and the
OpenAPI schema with its browsable docs (Swagger UI from vendored files)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from hwbb.licence import licensed
from indicators import api as indicators_api
from meetings.api import views as meetings_api
from strategy import api as strategy_api

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.include_format_suffixes = False
router.register("bodies", meetings_api.BodyViewSet, basename="body")
router.register("organisations", meetings_api.OrganisationViewSet)
router.register("people", meetings_api.PersonViewSet, basename="person")
router.register("interests", meetings_api.InterestViewSet, basename="interest")
router.register("memberships", meetings_api.MembershipViewSet, basename="membership")
router.register("meetings", meetings_api.MeetingViewSet, basename="meeting")
router.register("agenda-items", meetings_api.AgendaItemViewSet, basename="agendaitem")
router.register("documents", meetings_api.DocumentViewSet, basename="document")
router.register("minutes", meetings_api.MinuteViewSet, basename="minute")
router.register("resolutions", meetings_api.ResolutionViewSet, basename="resolution")
router.register("actions", meetings_api.ActionViewSet, basename="action")
router.register(
    "urgent-decisions", meetings_api.UrgentDecisionViewSet, basename="urgentdecision"
)
router.register("priorities", strategy_api.PriorityViewSet)
router.register("pillars", strategy_api.PillarViewSet)
router.register("indicators", indicators_api.IndicatorViewSet)
router.register("values", indicators_api.IndicatorValueViewSet)
router.register("areas", indicators_api.AreaViewSet)

# The open data exports say their licence in a Link header (hwbb/licence.py).
ocd_list = licensed(meetings_api.OcdEventViewSet.as_view({"get": "list"}))
ocd_detail = licensed(meetings_api.OcdEventViewSet.as_view({"get": "retrieve"}))

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"
    ),
    path("ocd/events/", ocd_list, name="ocd_events"),
    path("ocd/events/<int:pk>.json", ocd_detail, name="ocd_event"),
    path("popolo.json", licensed(meetings_api.popolo), name="popolo"),
    path("search/", meetings_api.search_view, name="search"),
    path(
        "exports/meetings.csv", meetings_api.MeetingsCsv.as_view(), name="meetings_csv"
    ),
    path(
        "exports/decisions.csv",
        meetings_api.DecisionsCsv.as_view(),
        name="decisions_csv",
    ),
    path("exports/actions.csv", meetings_api.ActionsCsv.as_view(), name="actions_csv"),
    path(
        "exports/interests.csv",
        meetings_api.InterestsCsv.as_view(),
        name="interests_csv",
    ),
    path("", include(router.urls)),
]
