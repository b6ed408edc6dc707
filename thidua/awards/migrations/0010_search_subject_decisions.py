"""Search by subject (PostgreSQL): a subject's lines carry their decision number in the index,
so a word some decision number may hold is tested on the index entries, not on the table's
rows (`awards.selectors.search._subject_lines`)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0009_search_by_decision"),
        ("org", "0001_initial"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="awardrecord",
            name="awards_rec_person_ids",
        ),
        migrations.RemoveIndex(
            model_name="awardrecord",
            name="awards_rec_unit_ids",
        ),
        migrations.AddIndex(
            model_name="awardrecord",
            index=models.Index(
                fields=["person", "id"],
                include=("award_type", "province", "decision_number"),
                name="awards_rec_person_lines",
            ),
        ),
        migrations.AddIndex(
            model_name="awardrecord",
            index=models.Index(
                fields=["unit", "id"],
                include=("award_type", "province", "decision_number"),
                name="awards_rec_unit_lines",
            ),
        ),
    ]
