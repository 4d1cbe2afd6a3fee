"""Stored search vectors (PostgreSQL only), in place of 0012's expression indexes.

An expression index finds the matching rows, but ranking them (and checking a
match) still computes each row's vector from its text: for a paper of a few
thousand words that is most of a search's time (bench/search.py). Here each
kind's weighted vector (title A, the rest B, 'english') is a generated column,
`search_vector`, that PostgreSQL keeps up to date itself on every insert and
update, with the GIN index on it under the same name as before; a decision's
clauses get one too, to find the few decisions worth checking. The column is
unknown to Django's model state (SQLite has no tsvector), so meetings/search.py
reads it by name on PostgreSQL only.
"""

import importlib

from django.db import migrations

INDEXES = {
    "agendaitem": "agendaitem_search",
    "report": "report_search",
    "minute": "minute_search",
    "action": "action_search",
    "document": "document_search",
}


def _vector_sql(model, schema_editor):
    """The 0012 index's own expression, as SQL for a generated column."""
    from django.contrib.postgres.search import SearchVector
    from django.db.models.sql import Query

    earlier = importlib.import_module("meetings.migrations.0012_search_indexes")
    _, _, title, fields = next(
        row for row in earlier.INDEXES if row[0] == model._meta.model_name
    )
    vector = SearchVector(title, weight="A", config=earlier.CONFIG) + SearchVector(
        *fields, weight="B", config=earlier.CONFIG
    )
    query = Query(model)
    connection = schema_editor.connection
    compiler = query.get_compiler(connection=connection)
    sql, params = vector.resolve_expression(query).as_sql(compiler, connection)
    return sql % tuple(schema_editor.quote_value(p) for p in params)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, index in INDEXES.items():
        model = apps.get_model("meetings", model_name)
        table = schema_editor.quote_name(model._meta.db_table)
        vector = _vector_sql(model, schema_editor)
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
            f"GENERATED ALWAYS AS ({vector}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX {index} ON {table} USING gin (search_vector)"
        )


    # A decision's clauses, so its candidates are found by index too.
    schema_editor.execute(
        "ALTER TABLE meetings_resolutionclause ADD COLUMN search_vector tsvector "
        "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "
        "COALESCE(text, ''))) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX resolutionclause_search ON meetings_resolutionclause "
        "USING gin (search_vector)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE meetings_resolutionclause DROP COLUMN search_vector"
    )
    for model_name, index in INDEXES.items():
        model = apps.get_model("meetings", model_name)
        table = schema_editor.quote_name(model._meta.db_table)
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_vector")
        vector = _vector_sql(model, schema_editor)
        schema_editor.execute(
            f"CREATE INDEX {index} ON {table} USING gin (({vector}))"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0012_search_indexes"),
    ]

    operations = [migrations.RunPython(create, drop)]
