from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


class HwbbConfig(AppConfig):
    name = "hwbb"

    def ready(self):
        from django.contrib.auth import get_user_model

        from hwbb import (
            audit,
            pagecache,
            retention_apply,  # noqa: F401 (registers its records)
        )
        from hwbb.middleware import note_sign_in

        user_logged_in.connect(note_sign_in, dispatch_uid="hwbb-note-sign-in")
        audit.connect()
        # A reader's cached pages show their name and roles.
        pagecache.watch_accounts(get_user_model())
