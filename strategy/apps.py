from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "strategy"

    def ready(self):
        from strategy import notices  # noqa: F401 (registers the notices)
