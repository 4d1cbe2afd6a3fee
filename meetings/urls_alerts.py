"""Email alerts for anyone (meetings/views/alerts.py), at /alerts/."""

from django.urls import path

from meetings.views import alerts as views

app_name = "alerts"

urlpatterns = [
    path("", views.index, name="index"),
    path("subscribe/search/", views.subscribe_search, name="subscribe_search"),
    path("subscribe/sent/", views.sent, name="sent"),
    # kind: board (by its slug), pillar (by its number) or priority (slug)
    path("subscribe/<str:kind>/<str:key>/", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
