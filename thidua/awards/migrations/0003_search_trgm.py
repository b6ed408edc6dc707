"""Indexes for search (PostgreSQL only).

Search matches `search_key LIKE '%word%'` for each folded word (awards.selectors.search). A
B-tree cannot serve a pattern with a leading wildcard; a GIN index with pg_trgm's
`gin_trgm_ops` can, so a search for a rare word (a decision number, an uncommon name) over
millions of registry lines reads only the candidate rows.

A common word ("nguyen" is in a third of all keys) is the opposite case: reading every
candidate to keep the newest 20 would cost seconds at 10 million lines. The B-tree on
(year, id) gives the planner the other plan: walk the registry newest first and stop after 20
matches. PostgreSQL's estimate of the LIKE selectivity picks between the two.

SQLite scans, and gets neither index: without ANALYZE statistics its planner would walk the
(year, id) index for a rare word too, several times slower than the plain scan. The results
are the same on both.
"""

from django.db import migrations

# (index name, table, method and columns)
INDEXES = (
    ("org_unit_search_trgm", "org_unit", "gin (search_key gin_trgm_ops)"),
    ("org_person_search_trgm", "org_person", "gin (search_key gin_trgm_ops)"),
    ("awards_record_search_trgm", "awards_awardrecord", "gin (search_key gin_trgm_ops)"),
    ("awards_record_year_id", "awards_awardrecord", "btree (year, id)"),
)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, columns in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING {columns}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _columns in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    # RESTRICT: left in place (with an error) if something else has come to depend on it.
    schema_editor.execute("DROP EXTENSION IF EXISTS pg_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0002_registry"),
        ("org", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
