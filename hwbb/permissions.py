"""Roles, and the one permission helper that views use.

Roles are Django groups. A superuser counts as a governance officer.
"""

from functools import wraps

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

OFFICER = "Governance officer"
CHAIR = "Chair"
MEMBER = "Board member"
AUTHOR = "Report author"
ROLES = (OFFICER, CHAIR, MEMBER, AUTHOR)
OFFICER_APPS = ("meetings", "strategy", "indicators", "hwbb")


def ensure_role_groups():
    """The four role groups, officers holding every permission on the apps.

    The 0002_roles migration creates them; this restores them after a test
    flushes the tables, and before the demo is loaded.
    """
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    Group.objects.get(name=OFFICER).permissions.set(
        Permission.objects.filter(content_type__app_label__in=OFFICER_APPS)
    )


def roles_of(user):
    """The set of role names the user holds, cached on the user object."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_hwbb_roles"):
        names = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        if user.is_superuser:
            names.add(OFFICER)
        user._hwbb_roles = frozenset(names)
    return user._hwbb_roles


def has_role(user, *roles):
    return bool(roles_of(user) & set(roles))


def is_officer(user):
    return has_role(user, OFFICER)


def role_required(*roles):
    """Signed-out users go to the login page; signed-in users without a role get 403.

    With no roles given, any signed-in user may pass.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if roles and not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
