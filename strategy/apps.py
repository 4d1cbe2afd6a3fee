from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "strategy"

    def ready(self):
        from hwbb import pagecache
        from strategy import notices  # noqa: F401 (registers the notices)

        pagecache.watch(self)
