"""Trigram indexes for search (PostgreSQL only).

Search matches `search_key LIKE '%word%'` for each folded word (awards.selectors.search). A
B-tree cannot serve a pattern with a leading wildcard; a GIN index with pg_trgm's
`gin_trgm_ops` can, so a search over millions of registry lines reads only the candidate rows.
SQLite has no such index and scans; the results are the same on both.
"""

from django.db import migrations

# (index name, table): the folded search columns of units, people and registry lines.
INDEXES = (
    ("org_unit_search_trgm", "org_unit"),
    ("org_person_search_trgm", "org_person"),
    ("awards_record_search_trgm", "awards_awardrecord"),
)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_key gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table in INDEXES:
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
