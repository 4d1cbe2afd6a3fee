"""Closed content: who may read a row's exempt (Part 2) words, decided once.

A row with closed content (an agenda item, a minute, a declaration) is read
through its queryset's `visible_to(user)`, which annotates each row with
whether this reader may read it in full. The row's `is_readable` property
reads that annotation and nothing else: it is closed unless the queryset
opened it, and a row fetched any other way raises rather than guess.
Templates, serializers, search, the pack and PDFs ask `is_readable` (or
`shown_title`), and filter with the queryset's `readable()`.
"""

from django.db import models
from django.db.models import BooleanField, Q, Value

from meetings.models.people import _may_see_closed

OPENED = "_closed_readable"


class ClosedContentUnknown(LookupError):
    """A row's closed content was asked about, but the row was not read
    through `visible_to(user)`, so nobody decided who may read it."""


class ClosedContentQuerySet(models.QuerySet):
    """`exempt_path` names the row's own exemption: the row's, or the item's
    it belongs to (a declaration is closed when its item is)."""

    exempt_path = "is_exempt"

    def _opened_for(self, user, body_path):
        return self.annotate(**{OPENED: _may_see_closed(user, body_path)})

    def for_audience(self, *, members):
        """Every row as a document for an audience reads it: the members'
        copy (their pack) in full, the public's with exempt rows closed."""
        opened = Value(members, output_field=BooleanField())
        return self.annotate(**{OPENED: opened})

    def readable(self):
        """The rows whose content this reader may read in full."""
        self._require_opened()
        return self.filter(Q(**{self.exempt_path: False}) | Q(**{OPENED: True}))

    def opened(self):
        """The rows whose closed content, if they had any, this reader may
        read: those of the bodies whose exempt business is open to them."""
        self._require_opened()
        return self.filter(**{OPENED: True})

    def _require_opened(self):
        if OPENED not in self.query.annotations:
            raise ClosedContentUnknown(
                f"{self.model.__name__} rows are read through visible_to(user), "
                "which decides who may read their closed content."
            )


class ClosedContent:
    """For a model with `is_exempt`, read through a ClosedContentQuerySet."""

    @property
    def closed(self):
        """Whether this row's exempt words must be kept from the reader."""
        opened = self._opened()  # asked of every row, so a wrong path fails
        return self.is_exempt and not opened

    @property
    def is_readable(self):
        return not self.closed

    @property
    def shown_title(self):
        return self.public_title if self.closed else self.title

    def _opened(self):
        try:
            return bool(self.__dict__[OPENED])
        except KeyError:
            raise ClosedContentUnknown(
                f"{type(self).__name__} {self.pk} was not read through "
                "visible_to(user), so whether the reader may read it is unknown."
            ) from None
