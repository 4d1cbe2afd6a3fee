from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class IndicatorsConfig(AppConfig):
    name = "indicators"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from indicators import summary
        from indicators.models import Area, Indicator, IndicatorValue

        # summary.data_changed renews the public pages' version too.
        for model in (Area, Indicator, IndicatorValue):
            for signal in (post_save, post_delete):
                signal.connect(
                    summary.data_changed,
                    sender=model,
                    dispatch_uid=f"indicators-changed-{model.__name__}-{signal}",
                )
