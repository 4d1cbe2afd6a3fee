"""Indicators, areas and values in the API, in Fingertips' shape."""

from django.urls import reverse
from rest_framework import serializers

from hwbb.api import AbsoluteUrl
from indicators.models import Area, Indicator, IndicatorValue


class AreaSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = Area
        fields = ["code", "name", "area_type", "type_label", "parent"]


class IndicatorSerializer(serializers.ModelSerializer):
    # The strategy links pillars and priorities to indicators; read by name
    # only, so this app still imports nothing of the strategy's.
    pillars = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    priorities = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    web_url = AbsoluteUrl(
        lambda indicator: reverse("indicators:detail", args=[indicator.slug])
    )

    class Meta:
        model = Indicator
        fields = [
            "slug",
            "name",
            "definition",
            "unit",
            "polarity",
            "source",
            "fingertips_id",
            "pillars",
            "priorities",
            "web_url",
        ]


class IndicatorValueSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    area_name = serializers.CharField(source="area.name", read_only=True)

    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "indicator",
            "area",
            "area_name",
            "period_label",
            "period_key",
            "value",
            "lower_ci_95",
            "upper_ci_95",
            "lower_ci_998",
            "upper_ci_998",
            "count",
            "denominator",
            "sex",
            "age",
            "category_type",
            "category",
            "value_note",
            "source",
            "updated_at",
        ]
