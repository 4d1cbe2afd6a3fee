"""The API's filtering, apart from hwbb/api.py (REST framework reads the
backend while its own viewsets module is still being imported): a bad value
or an unknown parameter is an error in words, never ignored."""

import django_filters
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError


class StrictBooleanField(forms.NullBooleanField):
    """true or false (1 or 0); anything else is an error, not "no filter".
    (django-filter's own reads a word it does not know as no filter at all.)"""

    widget = forms.TextInput

    def to_python(self, value):
        if value in (None, ""):
            return None
        if str(value).lower() in ("true", "1"):
            return True
        if str(value).lower() in ("false", "0"):
            return False
        raise forms.ValidationError("Enter true or false.", code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


@extend_schema_field(OpenApiTypes.INT)
class IdChoiceFilter(django_filters.ModelChoiceFilter):
    """A row chosen by its id: an integer in the schema."""


@extend_schema_field(OpenApiTypes.STR)
class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """A row chosen by a text field (`to_field_name`, a slug): a string in the
    schema."""


class FilterSet(django_filters.FilterSet):
    """Every API filter set: a bad value is an error in words, never ignored.

    A filter choosing rows of a model with a visibility rule (a meeting, a
    person, a report) chooses among those the reader may see, so a hidden
    row's id is as unknown as one that never existed.
    """

    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        models.BooleanField: {"filter_class": StrictBooleanFilter},
    }

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None) or AnonymousUser()
        for chosen in self.filters.values():
            queryset = getattr(chosen, "queryset", None)
            if isinstance(queryset, models.QuerySet) and hasattr(
                queryset, "visible_to"
            ):
                chosen.queryset = queryset.visible_to(user)


PAGING = ("page", "page_size", "format")
END_BEFORE_START = "The end date must be the same as or after the start date."


def refuse_unknown_filters(filters, query):
    """A parameter the list does not take is an error, not silently ignored:
    `?status=` on a list without one would otherwise answer every row."""
    unknown = sorted(set(query) - set(filters) - set(PAGING))
    if unknown:
        takes = ", ".join(sorted(filters)) or "no filters"
        raise ValidationError(
            {
                name: [f"This list has no filter {name!r}. It takes: {takes}."]
                for name in unknown
            }
        )


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend with `FilterSet` as the base of `filterset_fields`
    and unknown parameters refused."""

    filterset_base = FilterSet

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        filters = filterset.filters if filterset is not None else {}
        refuse_unknown_filters(filters, request.query_params)
        return filterset
