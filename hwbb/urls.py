"""The site's URLs: each app's own, included by name, so the ground floor
imports no app (meetings/urls_site.py holds the home and search pages).

Signing in is django-allauth's. The pages people use (sign in and out, the
second factor, sessions) are named here, at the top, so the role matrix and
the hostile-input tests reach them; the rest of allauth's come after and
answer at the same addresses as before."""

from allauth.account import views as account_views
from allauth.account.decorators import secure_admin_login
from allauth.mfa.base import views as mfa_views
from allauth.mfa.recovery_codes import views as recovery_views
from allauth.mfa.totp import views as totp_views
from allauth.mfa.webauthn import views as webauthn_views
from allauth.usersessions import views as usersessions_views
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from hwbb import audit_views, health, signin, statements
from hwbb.retention_views import retention_schedule

# The admin's own login would skip the second factor: it sends people to
# the site's sign-in (counted by the same throttle) instead.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("", include("meetings.urls_site")),
    path("accessibility/", statements.accessibility, name="accessibility"),
    path("privacy/", statements.privacy, name="privacy"),
    path(".well-known/security.txt", statements.security_txt, name="security_txt"),
    # RFC 9116 section 3: the old place may send readers to the new one.
    path("security.txt", RedirectView.as_view(url="/.well-known/security.txt")),
    path("accounts/login/", account_views.login, name="login"),
    path("accounts/logout/", account_views.logout, name="logout"),
    path("accounts/lockouts/", signin.lockouts, name="lockouts"),
    path("accounts/lockouts/unlock/", signin.unlock, name="unlock"),
    path("retention/", retention_schedule, name="retention"),
    path("audit/", audit_views.audit_log, name="audit"),
    path("accounts/2fa/", mfa_views.index, name="mfa_index"),
    path("accounts/2fa/authenticate/", mfa_views.authenticate, name="mfa_authenticate"),
    path(
        "accounts/2fa/totp/activate/",
        totp_views.activate_totp,
        name="mfa_activate_totp",
    ),
    path(
        "accounts/2fa/totp/deactivate/",
        totp_views.deactivate_totp,
        name="mfa_deactivate_totp",
    ),
    path(
        "accounts/2fa/recovery-codes/",
        recovery_views.view_recovery_codes,
        name="mfa_view_recovery_codes",
    ),
    path(
        "accounts/2fa/recovery-codes/generate/",
        recovery_views.generate_recovery_codes,
        name="mfa_generate_recovery_codes",
    ),
    path(
        "accounts/2fa/webauthn/add/",
        webauthn_views.add_webauthn,
        name="mfa_add_webauthn",
    ),
    path(
        "accounts/sessions/",
        usersessions_views.list_usersessions,
        name="usersessions_list",
    ),
    path("accounts/", include("allauth.urls")),
    path("meetings/", include("meetings.urls")),
    path("strategy/", include("strategy.urls")),
    path("indicators/", include("indicators.urls")),
    path("notifications/", include("meetings.urls_notifications")),
    path("alerts/", include("meetings.urls_alerts")),
    path("api/", include("meetings.api.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "hwbb.errors.bad_request"
handler404 = "hwbb.errors.page_not_found"
