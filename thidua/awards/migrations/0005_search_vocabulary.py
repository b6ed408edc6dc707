"""The search vocabulary (PostgreSQL only): every token of the search keys, kept by triggers.

A half-typed last word ("xua") is looked up as the whole tokens it may be ("xuan" | "xuat"),
found here with a prefix scan of a few rows, instead of a GIN partial match, which on a common
syllable gathers millions of entries into a bitmap that spills to lossy pages and rechecks half
the table (a 50-second search at 10 million lines).

Statement-level triggers with a transition table add the tokens of the rows an INSERT or UPDATE
wrote, once per statement (a bulk import of 5,000 lines is one INSERT … SELECT DISTINCT). SQLite
scans instead and leaves the table empty.
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
FUNCTION = f"""
CREATE OR REPLACE FUNCTION awards_search_tokens_add() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    {ADD_TOKENS.format(rows="new_rows")};
    RETURN NULL;
END
$$
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    for table in TABLES:
        for event in ("INSERT", "UPDATE"):
            schema_editor.execute(
                f"CREATE TRIGGER {table}_search_tokens_{event.lower()} AFTER {event} ON {table} "
                "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
                "EXECUTE FUNCTION awards_search_tokens_add()"
            )
        schema_editor.execute(ADD_TOKENS.format(rows=table))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        for event in ("insert", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_search_tokens_{event} ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS awards_search_tokens_add()")


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
