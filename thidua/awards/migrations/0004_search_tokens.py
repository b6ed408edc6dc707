"""Token indexes for search (PostgreSQL only), in place of the trigram indexes of 0003.

Search matches a folded word at the start of a token of `search_key` (core.search). The GIN
index holds, for every token of the key, the token itself ("nguyen") and its first two, three
and four characters marked with ">" (">ng", ">ngu", ">nguy"): a whole word is one entry, and so
is a half-typed last word ("nguy" → '>nguy'; a longer prefix looks up its first four characters
and the regular expression checks the rest). GIN intersects posting lists, however common each
token is alone; a trigram index had to recheck every row holding the common trigrams of "hoà số
19" or "1/QĐ-TTg", and a GIN prefix match on a common syllable gathers millions of entries. SQLite
has no such index and scans; the results are the same on both.
"""

from django.db import migrations

# core.search.TOKENS_SQL and this function agree (tests/core/test_search.py checks it).
FUNCTION = r"""
CREATE OR REPLACE FUNCTION thidua_search_tokens(key text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT array_to_tsvector(coalesce(array_agg(DISTINCT e), '{}'))
FROM unnest(regexp_split_to_array(key, '[^a-z0-9]+')) AS t,
     LATERAL (
         SELECT t
         UNION ALL
         SELECT '>' || left(t, n) FROM generate_series(2, least(length(t), 4)) AS n
     ) AS x(e)
WHERE t <> ''
$$
"""
TOKENS = "thidua_search_tokens(search_key)"
TABLES = (
    ("org_unit_search_tokens", "org_unit", "org_unit_search_trgm"),
    ("org_person_search_tokens", "org_person", "org_person_search_trgm"),
    ("awards_record_search_tokens", "awards_awardrecord", "awards_record_search_trgm"),
)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    for name, table, trigram in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {trigram}")
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({TOKENS})")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, trigram in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {trigram} ON {table} USING gin (search_key gin_trgm_ops)"
        )
    schema_editor.execute("DROP FUNCTION IF EXISTS thidua_search_tokens(text)")


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0003_search_trgm"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
