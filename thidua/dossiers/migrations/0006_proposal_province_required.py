import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0005_proposal_province_filled"),
    ]

    operations = [
        migrations.AlterField(
            model_name="proposal",
            name="province",
            field=models.ForeignKey(
                blank=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="proposals",
                to="org.province",
                verbose_name="tỉnh",
            ),
        ),
    ]
