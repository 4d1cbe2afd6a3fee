"""What API endpoints share: full addresses, date-range filters and read-only
viewsets that start from a model's visibility rule."""

import django_filters
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.template.defaultfilters import filesizeformat
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.views import exception_handler as rest_exception_handler

from hwbb.api_filters import END_BEFORE_START, FilterSet
from hwbb.pagecache import api_answer


class DateRangeFilterSet(FilterSet):
    """`since` and `until` (YYYY-MM-DD, inclusive) on the row's meeting date.

    Subclasses name the date in `date_field`, such as "meeting__start__date".
    """

    date_field = "meeting__start__date"
    since = django_filters.DateFilter(method="filter_since", label="From (YYYY-MM-DD)")
    until = django_filters.DateFilter(method="filter_until", label="To (YYYY-MM-DD)")

    def is_valid(self):
        valid = super().is_valid()
        since = self.form.cleaned_data.get("since") if valid else None
        until = self.form.cleaned_data.get("until") if valid else None
        if since and until and until < since:
            self.form.add_error("until", END_BEFORE_START)
            return False
        return valid

    def filter_since(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__gte": value})

    def filter_until(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__lte": value})


@extend_schema_field(OpenApiTypes.URI)
class AbsoluteUrl(serializers.Field):
    """A page's full address: `path(row)` on the request's host."""

    def __init__(self, path=lambda row: row.get_absolute_url(), **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)
        self.path = path

    def to_representation(self, row):
        return self.context["request"].build_absolute_uri(self.path(row))


class OtherNames(serializers.ListField):
    """A row's aliases: the other spellings the papers use for it."""

    def __init__(self, **kwargs):
        super().__init__(
            source="aliases", child=serializers.CharField(), read_only=True, **kwargs
        )


class VisibleViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only list and detail of what `Model.objects.visible_to(user)` gives.

    `list_queryset(qs)` adds the joins and prefetches the serializer reads, so
    a page's query count does not grow with its rows.
    """

    model = None

    def get_queryset(self):
        visible = self.model.objects.visible_to(self.request.user)
        return self.list_queryset(visible)

    def list_queryset(self, queryset):
        return queryset


class CachedReads:
    """A viewset whose list and detail are answered from the cache, per
    reader and data version (hwbb/pagecache.py, `api_answer`); a signed-in
    reader's answer, which may carry the exempt business they may read, is
    kept sealed for them alone."""

    @api_answer
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @api_answer
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


def exception_handler(exc, context):
    """REST framework's, and a body too large to read said in words (Django
    alone answers a bare 400 page)."""
    if isinstance(exc, RequestDataTooBig):
        limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return Response(
            {"detail": f"The request is larger than the {limit} the API accepts."},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    return rest_exception_handler(exc, context)
