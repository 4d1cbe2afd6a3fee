from django.urls import path

from strategy import views

app_name = "strategy"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("priorities/<slug:slug>/", views.priority_detail, name="priority"),
    path("pillars/<slug:framework>/<str:code>/", views.pillar_detail, name="pillar"),
    path(
        "watchlist/<slug:slug>/plan/",
        views.watchlist_to_forward_plan,
        name="watchlist_plan",
    ),
]
