"""The kinds of notice and the planners that find them due, as the apps
register them: each from its own notices.py, loaded by its AppConfig.ready().
The ground floor knows no app's notices; it queues, delivers, digests and
sweeps them (hwbb/notify.py, hwbb/emails.py).

A kind is one small function, its renderer: given the notification and its
object, it says what the email says, as a dict with a "subject", a few
"lines", "facts" (label and value pairs) and one "link" to act on, with its
"link_text"; or None when the work is done by the time it would be sent. The
email is templates/emails/notice-subject.txt, -body.txt and -body.html, unless
the kind has templates of its own, named after it (agenda_published:
emails/agenda-published-body.html), which extend those and see any other
names the renderer adds.

A planner takes the time it runs at and yields the notices due then, as the
keyword arguments of `notify.queue`, on every run: the key of each makes it
go once (`notify.plan`).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    value: str
    label: str
    render: Callable
    statutory: bool = False
    related: tuple = ()  # the object's foreign keys its renderer reads
    alert: bool = False  # an email alert, to a subscription's address

    def __str__(self):
        return self.value

    @property
    def template(self):
        return self.value.replace("_", "-")


_kinds = {}
_planners = {}


def register(value, label, render, *, statutory=False, related=(), alert=False):
    """Register a kind of notice and its renderer; the kind's value. A
    statutory notice goes to each person whatever they chose. `related`
    names the foreign keys of the notice's object that the renderer reads,
    loaded with the object when notices are sent in batches. An alert goes
    to a subscription's address, not to a person, who cannot choose it."""
    _kinds[value] = Kind(value, label, render, statutory, tuple(related), alert)
    return value


def planner(func):
    _planners[f"{func.__module__}.{func.__qualname__}"] = func
    return func


def kind(value):
    """The registered kind, or None for a value no app registered."""
    return _kinds.get(value)


def kind_choices():
    return [(k.value, k.label) for k in _kinds.values()]


def choosable():
    """The kinds each person may have straight away, in a digest or not at all."""
    return [
        (k.value, k.label) for k in _kinds.values() if not k.statutory and not k.alert
    ]


def statutory():
    return sorted((k for k in _kinds.values() if k.statutory), key=str)


def is_statutory(value):
    found = _kinds.get(value)
    return found is not None and found.statutory


def render(notification):
    """What the notification's email says; None when it is no longer needed
    (its object is gone, or the work it asks for is done)."""
    target = notification.target
    if target is None:
        return None
    return _kinds[notification.kind].render(notification, target)


def due(now):
    for plan in _planners.values():
        yield from plan(now)
