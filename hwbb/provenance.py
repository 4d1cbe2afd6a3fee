"""Record where a row's values came from (hwbb.models.Provenance).

Generic: an app's loader or importer records a note on any row, or on one of
its fields, and says whether the value is inferred. Recording the same note
twice changes nothing, so a loader may run again.
"""

from django.contrib.contenttypes.models import ContentType

from hwbb.models import Provenance


def record(obj, note, *, field="", inferred=False):
    """The row's note on `field` (blank: the whole row), created or updated."""
    row, _ = Provenance.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        field=field,
        defaults={"note": note, "inferred": inferred},
    )
    return row


def of(obj):
    """The notes recorded on a row."""
    return Provenance.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    )


def of_models(*models):
    """The notes recorded on any row of the given models."""
    types = ContentType.objects.get_for_models(*models).values()
    return Provenance.objects.filter(content_type__in=types)
