"""The site's URLs: each app's own, included by name, so the ground floor
imports no app (meetings/urls_site.py holds the home and search pages)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from hwbb import signin

urlpatterns = [
    path("", include("meetings.urls_site")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/lockouts/", signin.lockouts, name="lockouts"),
    path("accounts/lockouts/unlock/", signin.unlock, name="unlock"),
    path("meetings/", include("meetings.urls")),
    path("strategy/", include("strategy.urls")),
    path("indicators/", include("indicators.urls")),
    path("notifications/", include("meetings.urls_notifications")),
    path("api/", include("meetings.api.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "hwbb.errors.bad_request"
