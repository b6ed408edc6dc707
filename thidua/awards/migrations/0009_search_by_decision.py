"""Search the registry by decision number (PostgreSQL): an index of the lines of a decision
number with the id, and the distinct decision numbers with a token index.

A query whose every word can only be in a decision number (no award name and no name of a person
or unit in scope holds it) finds the decision numbers holding the words in their own small table,
then each number's lines newest first from `awards_rec_decision_ids` without touching the
registry's rows (`awards.selectors.search`). The trigger of 0008 now keeps the numbers too.
"""

from django.db import migrations, models

from thidua.awards.migrations import _fold

FUNCTIONS = """
CREATE TABLE IF NOT EXISTS thidua_decision_numbers (number text PRIMARY KEY);

CREATE OR REPLACE FUNCTION thidua_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT translate(lower(value), 'FOLD_FROM', 'FOLD_TO')
$$;

CREATE INDEX IF NOT EXISTS thidua_decision_numbers_tokens
ON thidua_decision_numbers USING gin (thidua_search_tokens(thidua_fold(number)));

CREATE OR REPLACE FUNCTION thidua_decision_tokens_add() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO thidua_decision_tokens (token)
    SELECT DISTINCT thidua_decision_number_tokens(decision_number) FROM new_rows
    ON CONFLICT DO NOTHING;
    INSERT INTO thidua_decision_numbers (number)
    SELECT DISTINCT decision_number FROM new_rows WHERE decision_number <> ''
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION thidua_decision_tokens_refresh() RETURNS void
LANGUAGE sql AS $$
INSERT INTO thidua_decision_tokens (token)
SELECT DISTINCT thidua_decision_number_tokens(decision_number)
FROM (SELECT DISTINCT decision_number FROM awards_awardrecord) AS numbers
ON CONFLICT DO NOTHING;
INSERT INTO thidua_decision_numbers (number)
SELECT DISTINCT decision_number FROM awards_awardrecord WHERE decision_number <> ''
ON CONFLICT DO NOTHING;
$$;

SELECT thidua_decision_tokens_refresh();
""".replace("'FOLD_FROM'", f"'{_fold.FROM}'").replace("'FOLD_TO'", f"'{_fold.TO}'")

DROP = """
CREATE OR REPLACE FUNCTION thidua_decision_tokens_add() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO thidua_decision_tokens (token)
    SELECT DISTINCT thidua_decision_number_tokens(decision_number) FROM new_rows
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
DROP TABLE IF EXISTS thidua_decision_numbers;
DROP FUNCTION IF EXISTS thidua_fold(text);
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTIONS)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0008_search_by_subject"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="awardrecord",
            index=models.Index(
                fields=["decision_number", "id"],
                include=("province",),
                name="awards_rec_decision_ids",
            ),
        ),
        migrations.RunPython(create, drop),
    ]
