from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _sqlite_functions(sender, connection, **kwargs):
    """SQL functions the SQLite default lacks, on each connection as it opens:
    `hwbb_strip_tags(html)`, the text of HTML without its tags, so the search
    fallback does not find "li" in a minute's "<li>"."""
    if connection.vendor == "sqlite":
        from meetings.search import TAG

        connection.connection.create_function(
            "hwbb_strip_tags",
            1,
            lambda html: None if html is None else TAG.sub(" ", html),
            deterministic=True,
        )


class MeetingsConfig(AppConfig):
    name = "meetings"

    def ready(self):
        from hwbb import pagecache

        # notices and retention register the meetings' notices and records.
        from meetings import notices, retention  # noqa: F401
        from meetings.models import PackImport, PublicQuestion, Subscription

        connection_created.connect(_sqlite_functions)
        # No public page shows a pack import or a request for alerts, and a
        # question sent by the public changes none until an officer accepts
        # it (meetings/services/questions.py says so then): a stream of
        # requests must not empty the page cache (nor let a stranger empty
        # it at will).
        pagecache.watch(self, leave_out=[PackImport, PublicQuestion, Subscription])
