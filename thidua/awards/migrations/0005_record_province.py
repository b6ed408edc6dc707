"""The province of each registry line, for scoping and the list's order without joins.

Added empty and filled from the subject (the unit's province, or the person's unit's); 0007
makes it required (in a transaction of its own: PostgreSQL refuses to alter a table with the
deferred checks of this update pending).
"""

import django.db.models.deletion
from django.db import migrations, models

FILL = (
    "UPDATE awards_awardrecord SET province_id = u.province_id FROM org_unit u "
    "WHERE awards_awardrecord.unit_id = u.id",
    "UPDATE awards_awardrecord SET province_id = u.province_id FROM org_person p "
    "JOIN org_unit u ON u.id = p.unit_id WHERE awards_awardrecord.person_id = p.id",
)


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0004_search_tokens"),
        ("org", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="awardrecord",
            name="province",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="award_records",
                to="org.province",
            ),
        ),
        migrations.RunSQL(list(FILL), migrations.RunSQL.noop, elidable=False),
    ]
