"""Token indexes (PostgreSQL): a token's first five characters become an entry of their own.

A half-typed last word was looked up by its first four characters: "Trần Trang" asked the index
for 'tran' & '>tran', which every Trần holds (137,000 people of 1.25 million), and the regular
expression then threw away all but 600 of them (100 ms). With '>trang' the index answers
alone (9 ms); the same holds for "thanh" (than, thang), "quang" (quan), "hoang" (hoan), "khanh"
(khan). The function of 0004 now gives the first two to five characters, and the indexes built
on it are rebuilt (a few minutes at ten million registry lines).
"""

from django.db import migrations

FUNCTION = r"""
CREATE OR REPLACE FUNCTION thidua_search_tokens(key text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT array_to_tsvector(coalesce(array_agg(DISTINCT e), '{}'))
FROM unnest(regexp_split_to_array(key, '[^a-z0-9]+')) AS t,
     LATERAL (
         SELECT t
         UNION ALL
         SELECT '>' || left(t, n) FROM generate_series(2, least(length(t), LONGEST)) AS n
     ) AS x(e)
WHERE t <> ''
$$
"""
INDEXES = (
    "org_unit_search_tokens",
    "org_person_search_tokens",
    "awards_record_search_tokens",
    "thidua_decision_numbers_tokens",
)


def _rebuild(schema_editor, longest: int) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION.replace("LONGEST", str(longest)))
    for name in INDEXES:
        schema_editor.execute(f"REINDEX INDEX {name}")


def forwards(apps, schema_editor):
    _rebuild(schema_editor, 5)


def backwards(apps, schema_editor):
    _rebuild(schema_editor, 4)


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0010_search_subject_decisions"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
