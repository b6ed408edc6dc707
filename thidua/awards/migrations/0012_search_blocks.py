"""Registry search (PostgreSQL): the token index again, each entry tagged with its line's block of
ids, so the newest lines' matches are read without the posting lists of the whole registry.

Two words common in ten million lines ("Đình số 8": 450,000 lines hold "đình", three million
"số") cost the token index 50–100 ms to intersect, though a page of their matches lies among the
newest million lines. `thidua_search_block_tokens(search_key, id)` gives the entries of
`thidua_search_tokens` prefixed with the block (`id >> 20`, about a million ids, and "#"): a
query for '9#dinh' & '9#so' reads a tenth of each list. Search asks the newest blocks first and
the whole index only when they hold less than a page (`awards.selectors.search`).
"""

from django.db import migrations

FUNCTION = r"""
CREATE OR REPLACE FUNCTION thidua_search_block_tokens(key text, id bigint) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT array_to_tsvector(coalesce(array_agg((id >> 20)::text || '#' || e), '{}'))
FROM unnest(tsvector_to_array(thidua_search_tokens(key))) AS e
$$
"""
# core.search.BLOCK_TOKENS_SQL and this index agree (tests/core/test_search.py checks it).
BLOCK_TOKENS = "thidua_search_block_tokens(search_key, id)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS awards_record_search_blocks "
        f"ON awards_awardrecord USING gin ({BLOCK_TOKENS})"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS awards_record_search_blocks")
    schema_editor.execute("DROP FUNCTION IF EXISTS thidua_search_block_tokens(text, bigint)")


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0011_search_prefix_five"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
