"""The kinds of record the retention schedule covers, as the apps register
them: each from its own retention.py, loaded by its AppConfig.ready(), as
notices are (hwbb/notices.py). The ground floor knows no app's records; it
keeps the schedule (hwbb.models.RetentionRule), applies it and records each
run (hwbb/retention_apply.py).

A record type is a fixed key the code knows how to apply, what its period
counts from (its trigger, in words), the actions a rule may take on it, and
for each action but "keep", `due(action, cutoff)`: the queryset of rows the
action still applies to when the period ran out on or before `cutoff` (a
date). Rows already dealt with are not due, so applying a rule twice changes
nothing the second time. A type whose rows are kept permanently (agendas,
minutes, decisions) registers the "keep" action alone: no rule in the
admin can delete them.

Removing rows from public view is the type's own `withdraw(queryset, day)`:
each model says how it hides a row (Interest.withdrawn_from_public_on).
"""

from collections.abc import Callable
from dataclasses import dataclass

KEEP = "keep"
WITHDRAW = "withdraw"
DELETE = "delete"


@dataclass(frozen=True)
class RecordType:
    value: str
    label: str
    trigger: str  # what the period counts from, in words
    actions: tuple
    due: Callable | None = None
    withdraw: Callable | None = None

    def __str__(self):
        return self.value


_types = {}


def register(value, label, *, trigger, actions=(KEEP,), due=None, withdraw=None):
    """Register a kind of record; its value. `actions` lists what a rule
    may do to it; any action but KEEP needs `due`, and WITHDRAW needs
    `withdraw` too."""
    actions = tuple(actions)
    if set(actions) - {KEEP} and due is None:
        raise ValueError(f"{value}: an action other than keep needs due()")
    if WITHDRAW in actions and withdraw is None:
        raise ValueError(f"{value}: removing from public view needs withdraw()")
    _types[value] = RecordType(value, label, trigger, actions, due, withdraw)
    return value


def record_type(value):
    """The registered record type, or None for a value no app registered."""
    return _types.get(value)


def record_type_choices():
    return [(t.value, t.label) for t in _types.values()]
