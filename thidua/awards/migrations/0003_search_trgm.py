"""Trigram indexes for search (PostgreSQL only).

Search matches `search_key LIKE '%word%'` for each folded word (awards.selectors.search). A
B-tree cannot serve a pattern with a leading wildcard; a GIN index with pg_trgm's
`gin_trgm_ops` can, so a rare word (a decision number, an uncommon name) over millions of
registry lines reads only its candidate rows. (A common word is answered from the newest rows on
the primary key instead; see awards.selectors.search._hits.) SQLite has no such index and scans;
the results are the same on both.
"""

from django.db import migrations

# (index name, table, method and columns)
INDEXES = (
    ("org_unit_search_trgm", "org_unit", "gin (search_key gin_trgm_ops)"),
    ("org_person_search_trgm", "org_person", "gin (search_key gin_trgm_ops)"),
    ("awards_record_search_trgm", "awards_awardrecord", "gin (search_key gin_trgm_ops)"),
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
