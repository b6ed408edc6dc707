"""Search the registry by its lines' subjects (PostgreSQL): indexes of a person's and a unit's
lines with the id, and the vocabulary of decision-number tokens.

A registry line's search key is its subject's name, its award's name and its decision number.
A query word that is in no award name and no decision number can only match a line through its
subject, so the lines are found from the people and units whose names hold such words
(`awards.selectors.search`), read from `awards_rec_person_ids` / `awards_rec_unit_ids` without
touching the table. Whether a word is in some decision number is answered by
`thidua_decision_tokens`: every token of every decision number ever written, kept by a trigger
(a token whose lines are gone stays; the word then takes the general path, as before).
"""

from django.db import migrations, models

from thidua.awards.migrations._fold import FROM as FOLD_FROM
from thidua.awards.migrations._fold import TO as FOLD_TO


FUNCTIONS = """
CREATE TABLE IF NOT EXISTS thidua_decision_tokens (token text PRIMARY KEY);

CREATE OR REPLACE FUNCTION thidua_decision_number_tokens(number text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT DISTINCT t
FROM regexp_split_to_table(translate(lower(number), 'FOLD_FROM', 'FOLD_TO'), '[^a-z0-9]+') AS t
WHERE t <> ''
$$;

CREATE OR REPLACE FUNCTION thidua_decision_tokens_add() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO thidua_decision_tokens (token)
    SELECT DISTINCT thidua_decision_number_tokens(decision_number) FROM new_rows
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION thidua_decision_tokens_refresh() RETURNS void
LANGUAGE sql AS $$
INSERT INTO thidua_decision_tokens (token)
SELECT DISTINCT thidua_decision_number_tokens(decision_number)
FROM (SELECT DISTINCT decision_number FROM awards_awardrecord) AS numbers
ON CONFLICT DO NOTHING
$$;

DROP TRIGGER IF EXISTS thidua_decision_tokens_insert ON awards_awardrecord;
CREATE TRIGGER thidua_decision_tokens_insert AFTER INSERT ON awards_awardrecord
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
EXECUTE FUNCTION thidua_decision_tokens_add();

DROP TRIGGER IF EXISTS thidua_decision_tokens_update ON awards_awardrecord;
CREATE TRIGGER thidua_decision_tokens_update AFTER UPDATE ON awards_awardrecord
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
EXECUTE FUNCTION thidua_decision_tokens_add();

SELECT thidua_decision_tokens_refresh();
""".replace("'FOLD_FROM'", f"'{FOLD_FROM}'").replace("'FOLD_TO'", f"'{FOLD_TO}'")

DROP = """
DROP TRIGGER IF EXISTS thidua_decision_tokens_insert ON awards_awardrecord;
DROP TRIGGER IF EXISTS thidua_decision_tokens_update ON awards_awardrecord;
DROP FUNCTION IF EXISTS thidua_decision_tokens_refresh();
DROP FUNCTION IF EXISTS thidua_decision_tokens_add();
DROP FUNCTION IF EXISTS thidua_decision_number_tokens(text);
DROP TABLE IF EXISTS thidua_decision_tokens;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTIONS)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0007_registry_list_index"),
        ("org", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="awardrecord",
            index=models.Index(
                fields=["person", "id"],
                include=("award_type", "province"),
                name="awards_rec_person_ids",
            ),
        ),
        migrations.AddIndex(
            model_name="awardrecord",
            index=models.Index(
                fields=["unit", "id"],
                include=("award_type", "province"),
                name="awards_rec_unit_ids",
            ),
        ),
        migrations.RunPython(create, drop),
    ]
