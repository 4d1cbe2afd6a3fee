"""A decision's search vector, stored (PostgreSQL only), as every other kind's is.

Migration 0013 stored each kind's weighted vector in a generated column, but a
decision's words are in three tables (its minute's title, A; its preamble and
clauses, B), and a generated column reads one row. So search computed the vector
of every candidate decision at query time: for a common word over ten years of
minutes, thousands of `to_tsvector` calls a search (issue 22's profile).

Here the column is an ordinary one that triggers keep up to date, so every path
that writes a decision, a clause or a minute's title keeps it right: a form's
save, the importers' bulk_create, a queryset's update(), the admin, raw SQL.

- on a decision, before an insert or an update of its minute or preamble;
- after any statement that inserts, updates or deletes clauses, once for each
  decision it touched (statement triggers with transition tables, so an import
  of ten thousand clauses computes each decision once, not once a clause);
- after a minute's title changes, for its decision.

A GIN index on the column serves the match, as for the other kinds. The clauses'
own column (0013), there only to find a decision's candidates, goes. Nothing
happens on SQLite, which searches word by word (meetings/search.py), and the
column is unknown to Django's model state, as 0013's are.
"""

from django.db import migrations

VECTOR = """
CREATE FUNCTION meetings_resolution_vector(bigint, bigint, text)
RETURNS tsvector LANGUAGE sql STABLE AS $$
    -- ($1 the decision, $2 its minute, $3 its preamble), weighted as
    -- meetings/search.py weighs every kind: the title A, the text B.
    SELECT setweight(to_tsvector('english'::regconfig, COALESCE(
               (SELECT title FROM meetings_minute WHERE id = $2), '')), 'A')
        || setweight(to_tsvector('english'::regconfig, COALESCE($3, '') || ' ' ||
               COALESCE((SELECT string_agg(text, ' ' ORDER BY "order")
                         FROM meetings_resolutionclause
                         WHERE resolution_id = $1), '')), 'B')
$$;
"""

ON_DECISION = """
CREATE FUNCTION meetings_resolution_search() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := meetings_resolution_vector(
        NEW.id, NEW.minute_id, NEW.preamble);
    RETURN NEW;
END $$;
CREATE TRIGGER resolution_search BEFORE INSERT OR UPDATE OF minute_id, preamble
    ON meetings_resolution FOR EACH ROW
    EXECUTE FUNCTION meetings_resolution_search();
"""

ON_CLAUSES = """
CREATE FUNCTION meetings_resolutionclause_search() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE meetings_resolution
        SET search_vector = meetings_resolution_vector(id, minute_id, preamble)
        WHERE id IN (SELECT resolution_id FROM new_clauses);
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE meetings_resolution
        SET search_vector = meetings_resolution_vector(id, minute_id, preamble)
        WHERE id IN (SELECT resolution_id FROM new_clauses
                     UNION SELECT resolution_id FROM old_clauses);
    ELSE
        UPDATE meetings_resolution
        SET search_vector = meetings_resolution_vector(id, minute_id, preamble)
        WHERE id IN (SELECT resolution_id FROM old_clauses);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER resolutionclause_search_insert AFTER INSERT
    ON meetings_resolutionclause REFERENCING NEW TABLE AS new_clauses
    FOR EACH STATEMENT EXECUTE FUNCTION meetings_resolutionclause_search();
CREATE TRIGGER resolutionclause_search_update AFTER UPDATE
    ON meetings_resolutionclause
    REFERENCING NEW TABLE AS new_clauses OLD TABLE AS old_clauses
    FOR EACH STATEMENT EXECUTE FUNCTION meetings_resolutionclause_search();
CREATE TRIGGER resolutionclause_search_delete AFTER DELETE
    ON meetings_resolutionclause REFERENCING OLD TABLE AS old_clauses
    FOR EACH STATEMENT EXECUTE FUNCTION meetings_resolutionclause_search();
"""

ON_MINUTE = """
CREATE FUNCTION meetings_minute_resolution_search() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE meetings_resolution
    SET search_vector = meetings_resolution_vector(id, minute_id, preamble)
    WHERE minute_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER minute_resolution_search AFTER UPDATE OF title
    ON meetings_minute FOR EACH ROW
    WHEN (OLD.title IS DISTINCT FROM NEW.title)
    EXECUTE FUNCTION meetings_minute_resolution_search();
"""

CLAUSE_COLUMN = (
    "ALTER TABLE meetings_resolutionclause ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "
    "COALESCE(text, ''))) STORED",
    "CREATE INDEX resolutionclause_search ON meetings_resolutionclause "
    "USING gin (search_vector)",
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
    execute("ALTER TABLE meetings_resolutionclause DROP COLUMN search_vector")
    execute("ALTER TABLE meetings_resolution ADD COLUMN search_vector tsvector")
    for sql in (VECTOR, ON_DECISION, ON_CLAUSES, ON_MINUTE):
        execute(sql)
    execute(
        "CREATE INDEX resolution_search ON meetings_resolution "
        "USING gin (search_vector)"
    )


def fill(apps, schema_editor):
    """Every decision recorded before this migration."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "UPDATE meetings_resolution "
        "SET search_vector = meetings_resolution_vector(id, minute_id, preamble)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
    execute("DROP TRIGGER minute_resolution_search ON meetings_minute")
    for event in ("insert", "update", "delete"):
        execute(
            f"DROP TRIGGER resolutionclause_search_{event} "
            "ON meetings_resolutionclause"
        )
    execute("DROP TRIGGER resolution_search ON meetings_resolution")
    for function in (
        "meetings_minute_resolution_search()",
        "meetings_resolutionclause_search()",
        "meetings_resolution_search()",
        "meetings_resolution_vector(bigint, bigint, text)",
    ):
        execute(f"DROP FUNCTION {function}")
    execute("ALTER TABLE meetings_resolution DROP COLUMN search_vector")
    for sql in CLAUSE_COLUMN:
        execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0033_action_log_index"),
    ]

    operations = [
        migrations.RunPython(create, drop),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
