"""The search vocabulary (PostgreSQL only): every token of the search keys, kept by triggers.

A half-typed last word ("xua") is looked up as the whole tokens it may be ("xuan" | "xuat"),
found here with a prefix scan of a few rows, instead of a GIN partial match, which on a common
syllable gathers millions of entries into a bitmap that spills to lossy pages and rechecks half
the table (a 50-second search at 10 million lines).

Statement-level triggers with transition tables add the tokens of the rows an INSERT wrote, or
of the keys an UPDATE changed, once per statement (a bulk import of 5,000 lines is one INSERT …
SELECT DISTINCT). SQLite scans instead and leaves the table empty.
"""

from django.db import migrations, models

TABLES = ("org_unit", "org_person", "awards_awardrecord")
SPLIT = "regexp_split_to_array({rows}.search_key, '[^a-z0-9]+')"
# The tokens of `{rows}` not in the vocabulary yet (the bench's loader runs it after a COPY).
ADD_TOKENS = (
    "INSERT INTO awards_searchtoken (token) "
    "SELECT DISTINCT t FROM {rows}, unnest(" + SPLIT + ") AS t WHERE t <> '' ORDER BY t "
    "ON CONFLICT DO NOTHING"
)
# An UPDATE adds the tokens of the keys it changed only (a revocation changes none).
ADD_CHANGED = (
    "INSERT INTO awards_searchtoken (token) "
    "SELECT DISTINCT t FROM new_rows JOIN old_rows ON old_rows.id = new_rows.id, "
    "unnest(" + SPLIT.format(rows="new_rows") + ") AS t "
    "WHERE t <> '' AND new_rows.search_key IS DISTINCT FROM old_rows.search_key ORDER BY t "
    "ON CONFLICT DO NOTHING"
)
FUNCTIONS = {
    "insert": ADD_TOKENS.format(rows="new_rows"),
    "update": ADD_CHANGED,
}


def _function(event: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION awards_search_tokens_{event}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    {FUNCTIONS[event]};
    RETURN NULL;
END
$$
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for event in FUNCTIONS:
        schema_editor.execute(_function(event))
    for table in TABLES:
        for event in FUNCTIONS:
            tables = "NEW TABLE AS new_rows"
            if event == "update":
                tables = "OLD TABLE AS old_rows " + tables
            schema_editor.execute(
                f"CREATE TRIGGER {table}_search_tokens_{event} AFTER {event.upper()} ON {table} "
                f"REFERENCING {tables} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION awards_search_tokens_{event}()"
            )
        schema_editor.execute(ADD_TOKENS.format(rows=table))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        for event in ("insert", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_search_tokens_{event} ON {table}")
    for event in FUNCTIONS:
        schema_editor.execute(f"DROP FUNCTION IF EXISTS awards_search_tokens_{event}()")


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0004_search_tokens"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchToken",
            fields=[
                ("token", models.CharField(max_length=400, primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "từ tìm kiếm",
                "verbose_name_plural": "từ tìm kiếm",
            },
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
