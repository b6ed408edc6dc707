"""Token indexes for search (PostgreSQL only), in place of the trigram indexes of 0003.

Search matches a folded word at the start of a token of `search_key` (core.search). A GIN index
on the key's tokens answers "which rows have the token 'nguyen' and a token starting with
'hoa'" from posting lists, however common each token is alone; a trigram index had to recheck
every row holding the common trigrams of "hoà số 19" or "1/QĐ-TTg". SQLite has no such index
and scans; the results are the same on both.
"""

from django.db import migrations

# core.search.TOKENS_SQL, written out: a migration keeps its meaning when the code moves on
# (tests/core/test_search.py checks that the two agree).
TOKENS = "array_to_tsvector(array_remove(regexp_split_to_array(search_key, '[^a-z0-9]+'), ''))"
TABLES = (
    ("org_unit_search_tokens", "org_unit", "org_unit_search_trgm"),
    ("org_person_search_tokens", "org_person", "org_person_search_trgm"),
    ("awards_record_search_tokens", "awards_awardrecord", "awards_record_search_trgm"),
)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, trigram in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {trigram}")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (({TOKENS}))"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, trigram in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {trigram} ON {table} USING gin (search_key gin_trgm_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0003_search_trgm"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
