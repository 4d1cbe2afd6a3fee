"""GIN indexes for full-text search (meetings/search.py), on PostgreSQL only.

Each index is on exactly the weighted vector the search builds for its kind
(title weight A, the other fields B, the 'english' configuration), or
PostgreSQL could not use it; tests/meetings/test_search.py checks the plans.
Decisions have none: their words are in the minute and the clauses. Nothing
happens on SQLite, and Django's model state is unchanged, so the indexes are
not in any model's Meta.
"""

from django.db import migrations

CONFIG = "english"
REPORT_FIELDS = (
    "purpose",
    "recommendations",
    "background",
    "options",
    "implications_financial",
    "implications_legal",
    "implications_equalities",
    "implications_climate",
    "implications_partners",
)
# (model, index name, title field, the other fields), as meetings/search.py.
INDEXES = [
    ("agendaitem", "agendaitem_search", "title", ("description", "presenter")),
    ("report", "report_search", "title", REPORT_FIELDS),
    ("minute", "minute_search", "title", ("narrative",)),
    ("action", "action_search", "title", ("description", "due_text", "closing_note")),
    ("document", "document_search", "title", ("extracted_text",)),
]


def _indexes(apps):
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    for model_name, name, title, fields in INDEXES:
        vector = SearchVector(title, weight="A", config=CONFIG) + SearchVector(
            *fields, weight="B", config=CONFIG
        )
        yield apps.get_model("meetings", model_name), GinIndex(vector, name=name)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in _indexes(apps):
        schema_editor.add_index(model, index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in _indexes(apps):
        schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0011_tag_history"),
    ]

    operations = [migrations.RunPython(create, drop)]
