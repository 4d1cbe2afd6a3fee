from django.urls import path

from strategy import views

app_name = "strategy"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("dashboard/", views.board_dashboard, name="dashboard"),
    path("dashboard.pdf", views.board_dashboard_pdf, name="dashboard_pdf"),
    path(
        "dashboard/priorities/<slug:slug>/",
        views.priority_dashboard,
        name="priority_dashboard",
    ),
    path("priorities/<slug:slug>/", views.priority_detail, name="priority"),
    path("pillars/<slug:framework>/<str:code>/", views.pillar_detail, name="pillar"),
    path(
        "watchlist/<slug:slug>/plan/",
        views.watchlist_to_forward_plan,
        name="watchlist_plan",
    ),
]
