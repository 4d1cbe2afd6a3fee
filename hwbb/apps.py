from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


class HwbbConfig(AppConfig):
    name = "hwbb"

    def ready(self):
        from hwbb import audit
        from hwbb.middleware import note_sign_in

        user_logged_in.connect(note_sign_in, dispatch_uid="hwbb-note-sign-in")
        audit.connect()
