"""The meetings app's notices: which are due, worked out from the rows
(meetings/deadlines.py), registered with the notice engine (hwbb/notices.py)."""

from hwbb import notices
from meetings import deadlines

notices.planner(deadlines.due)
