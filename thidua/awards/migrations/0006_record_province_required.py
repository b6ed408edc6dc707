"""The registry line's province is required, with the index of a province's list in its order."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0005_record_province"),
    ]

    operations = [
        migrations.AlterField(
            model_name="awardrecord",
            name="province",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="award_records",
                to="org.province",
            ),
        ),
        migrations.AddIndex(
            model_name="awardrecord",
            index=models.Index(
                fields=["province", "-year", "award_type", "id"], name="awards_rec_province_list"
            ),
        ),
    ]
