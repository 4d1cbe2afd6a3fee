"""The Celery app. With no CELERY_BROKER_URL, settings make tasks run eagerly."""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun
from django.db import close_old_connections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hwbb.settings")

app = Celery("hwbb")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
@task_postrun.connect
def close_old_database_connections(task=None, **kwargs):
    """A worker keeps its database connection between tasks as a web process
    does between requests: renewed after DB_CONN_MAX_AGE, checked before use,
    closed after an error. (Celery itself would close it around every task;
    CELERY_DB_REUSE_MAX leaves that to this.) An eager task runs inside its
    caller's request, whose connection is not the task's to close."""
    if task is None or not task.request.is_eager:
        close_old_connections()
