"""Indicators, areas and values: public and read-only."""

import django_filters
from rest_framework import viewsets

from hwbb.api_filters import FilterSet, IdChoiceFilter, SlugChoiceFilter
from indicators.models import Area, Indicator, IndicatorValue
from indicators.serializers import (
    AreaSerializer,
    IndicatorSerializer,
    IndicatorValueSerializer,
)


class AreaViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Area.objects.select_related("parent")
    serializer_class = AreaSerializer
    lookup_field = "code"
    filterset_fields = ["area_type"]


def _tag_choices(relation):
    """Every pillar or priority: the model at the other end of the
    indicator's relation to it, which strategy declares (indicators sit a
    floor below strategy and know it only through that relation)."""
    return Indicator._meta.get_field(relation).related_model.objects.all()


class IndicatorTagFilterSet(FilterSet):
    """`pillar` (by id) and `priority` (by slug) as on every tagged list, by
    the indicator's own pillars and priorities (at `indicator_path`)."""

    indicator_path = ""
    pillar = IdChoiceFilter(
        queryset=_tag_choices("pillars"), method="filter_tag", label="Pillar (id)"
    )
    priority = SlugChoiceFilter(
        queryset=_tag_choices("priorities"),
        to_field_name="slug",
        method="filter_tag",
        label="Priority (slug)",
    )

    def filter_tag(self, queryset, name, value):
        field = "pillars" if name == "pillar" else "priorities"
        return queryset.filter(**{self.indicator_path + field: value}).distinct()


class IndicatorFilter(IndicatorTagFilterSet):
    class Meta:
        model = Indicator
        fields = ["pillar", "priority", "polarity"]


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Indicator.objects.prefetch_related("pillars", "priorities")
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    lookup_field = "slug"


class IndicatorValueFilter(IndicatorTagFilterSet):
    """Values of the indicators that measure the pillar or priority, and more."""

    indicator_path = "indicator__"
    indicator = django_filters.CharFilter(
        field_name="indicator__slug", label="Indicator (slug)"
    )
    area = django_filters.CharFilter(field_name="area__code", label="Area (GSS code)")
    period_from = django_filters.CharFilter(
        field_name="period_key", lookup_expr="gte", label="Period key from"
    )
    period_to = django_filters.CharFilter(
        field_name="period_key", lookup_expr="lte", label="Period key to"
    )

    class Meta:
        model = IndicatorValue
        fields = [
            "indicator",
            "area",
            "period_from",
            "period_to",
            "sex",
            "age",
            "pillar",
            "priority",
        ]


class IndicatorValueViewSet(viewsets.ReadOnlyModelViewSet):
    """Every value, with its 95% (and 99.8%) confidence interval."""

    queryset = IndicatorValue.objects.select_related("indicator", "area").order_by(
        "indicator__slug", "area__code", "period_key", "pk"
    )
    serializer_class = IndicatorValueSerializer
    filterset_class = IndicatorValueFilter
