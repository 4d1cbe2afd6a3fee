"""Demo logins: the shared demo password works only with DEBUG on.

Demo users are created with an unusable password, so with DEBUG off nobody can
sign in as one until an administrator sets a real password. Which users are the
demo's is a setting (DEMO_USERNAMES), so signing in never imports the demo.
"""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User


class DemoPasswordBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not settings.DEBUG or password != settings.DEMO_PASSWORD:
            return None
        if username not in settings.DEMO_USERNAMES:
            return None
        user = User.objects.filter(username=username).first()
        if user is None or user.has_usable_password():
            return None
        return user if self.user_can_authenticate(user) else None
