"""The strategy and framework in the API, and the tags every tagged object
carries there."""

from rest_framework import serializers

from hwbb.api import AbsoluteUrl, OtherNames
from strategy.models import Pillar, Priority, PriorityLead


class PillarRefSerializer(serializers.ModelSerializer):
    framework = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Pillar
        fields = ["id", "framework", "code", "name"]


class PriorityRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Priority
        fields = ["slug", "title"]


class TaggedSerializer(serializers.ModelSerializer):
    """The framework tags: one primary pillar, any secondary ones, priorities.

    Querysets prefetch TAG_PREFETCH and select primary_pillar__framework.
    """

    primary_pillar = PillarRefSerializer(read_only=True, allow_null=True)
    secondary_pillars = PillarRefSerializer(many=True, read_only=True)
    priorities = PriorityRefSerializer(many=True, read_only=True)

    TAG_FIELDS = ["primary_pillar", "secondary_pillars", "priorities"]


class PillarSerializer(serializers.ModelSerializer):
    framework = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    framework_name = serializers.CharField(source="framework.name", read_only=True)
    other_names = OtherNames()

    class Meta:
        model = Pillar
        fields = [
            "id",
            "framework",
            "framework_name",
            "code",
            "name",
            "short_name",
            "description",
            "other_names",
            "order",
        ]


class PriorityLeadSerializer(serializers.ModelSerializer):
    class Meta:
        model = PriorityLead
        fields = ["role", "name", "organisation"]


class PrioritySerializer(serializers.ModelSerializer):
    version = serializers.SlugRelatedField(slug_field="key", read_only=True)
    version_label = serializers.CharField(source="version.label", read_only=True)
    is_current = serializers.BooleanField(source="version.is_current", read_only=True)
    version_standing = serializers.SerializerMethodField()
    next_review_date = serializers.DateField(
        source="review_due", read_only=True, allow_null=True
    )
    review_overdue = serializers.BooleanField(read_only=True)
    predecessor = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    pillars = PillarRefSerializer(many=True, read_only=True)
    indicators = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    leads = PriorityLeadSerializer(many=True, read_only=True)
    web_url = AbsoluteUrl()

    class Meta:
        model = Priority
        fields = [
            "slug",
            "number",
            "title",
            "description",
            "kind",
            "version",
            "version_label",
            "is_current",
            "version_standing",
            "lineage",
            "predecessor",
            "next_review_date",
            "review_overdue",
            "pillars",
            "indicators",
            "leads",
            "web_url",
        ]

    def get_version_standing(self, priority) -> str:
        """ "Current", "Starts on ..." or "Ended on ...", as the pages say."""
        standing = priority.version.standing
        return str(standing) if standing else ""
