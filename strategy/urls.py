from django.urls import path

from strategy import views

app_name = "strategy"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("overview.pdf", views.overview_pdf, name="overview_pdf"),
    path("dashboard/", views.board_dashboard, name="dashboard"),
    path("dashboard.pdf", views.board_dashboard_pdf, name="dashboard_pdf"),
    path(
        "dashboard/priorities/<slug:slug>/",
        views.priority_dashboard,
        name="priority_dashboard",
    ),
    path("priorities/<slug:slug>/", views.priority_detail, name="priority"),
    path("pillars/<slug:framework>/<str:code>/", views.pillar_detail, name="pillar"),
    path("coverage/", views.coverage, name="coverage"),
    path("frameworks/", views.frameworks, name="frameworks"),
    path("frameworks/new/", views.framework_edit, name="framework_new"),
    path("frameworks/<slug:slug>/edit/", views.framework_edit, name="framework_edit"),
    path("interconnections/", views.interconnections, name="interconnections"),
    path("progress/", views.progress_list, name="progress"),
    path("progress/mine/", views.progress_mine, name="progress_mine"),
    path("progress/request/", views.progress_request, name="progress_request"),
    path("progress/<int:pk>/", views.progress_detail, name="progress_report"),
    path("progress/<int:pk>/submit/", views.progress_submit, name="progress_submit"),
    path("progress/<int:pk>/review/", views.progress_review, name="progress_review"),
    path("priorities/<slug:slug>/schedule/", views.schedule_edit, name="schedule"),
    path("tags/<slug:kind>/<int:pk>/", views.tags_edit, name="tags"),
    path(
        "watchlist/<slug:slug>/plan/",
        views.watchlist_to_forward_plan,
        name="watchlist_plan",
    ),
]
