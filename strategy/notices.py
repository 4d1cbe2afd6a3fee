"""The strategy app's notices: the reminders of awaited progress returns,
registered with the notice engine (hwbb/notices.py)."""

from hwbb import notices
from strategy import progress

notices.planner(progress.due_reminders)
