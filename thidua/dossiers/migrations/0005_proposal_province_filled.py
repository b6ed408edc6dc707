# The province (and submitting unit) of the proposals made before 0004; a migration of its own so
# that PostgreSQL alters the column in a later transaction than the updates.

from django.db import migrations


def fill_province(apps, schema_editor):
    """The province of every existing proposal, from its unit or its person's unit."""
    Proposal = apps.get_model("dossiers", "Proposal")
    for proposal in Proposal.objects.filter(province__isnull=True).select_related(
        "unit", "person__unit"
    ):
        unit = proposal.unit or (proposal.person.unit if proposal.person_id else None)
        proposal.province_id = unit.province_id
        proposal.submitting_unit_id = proposal.submitting_unit_id or (
            proposal.season.leader_id
            if proposal.season_id and proposal.season.leader_id
            else unit.pk
        )
        proposal.save(update_fields=["province", "submitting_unit"])


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0004_dossier_files_and_proposal_fields"),
    ]

    operations = [
        migrations.RunPython(fill_province, migrations.RunPython.noop),
    ]
