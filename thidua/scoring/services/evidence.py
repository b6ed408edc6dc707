"""Evidence files (minh chứng) of a row: checked by content, stored under MEDIA_ROOT."""

from typing import Any

from django.db import transaction

from thidua.accounts.permissions import require
from thidua.scoring.enums import ScorecardStatus
from thidua.scoring.models import Evidence, Score
from thidua.scoring.services._common import delete, require_editable, save
from thidua.scoring.validators import check_evidence_file


@transaction.atomic
def evidence_upload(*, actor: Any, score: Score, file: Any) -> Evidence:
    """Attach a file to a row of a draft card (the unit's own officers).

    The type is read from the content (PDF, Word, Excel, PNG, JPEG), the size is capped and the
    name sanitised. Side effects: the file is written to the default storage, the record is
    created (audited); the file is removed again if the record cannot be saved.
    """
    row = Score.objects.select_related("scorecard__season", "criterion").get(pk=score.pk)
    require(actor, "scoring.upload_evidence", row)
    require_editable(row.scorecard, [ScorecardStatus.DRAFT])
    checked = check_evidence_file(file)
    evidence = Evidence(
        score=row,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=actor,
    )
    file.seek(0)
    evidence.file.save(checked.name, file, save=False)
    try:
        save(evidence, actor=actor, reason="evidence_upload")
    except Exception:
        evidence.file.delete(save=False)
        raise
    return evidence


@transaction.atomic
def evidence_delete(*, actor: Any, evidence: Evidence) -> None:
    """Remove a file from a row of a draft card; the stored file goes once the delete commits."""
    item = Evidence.objects.select_related("score__scorecard__season").get(pk=evidence.pk)
    require(actor, "scoring.upload_evidence", item)
    require_editable(item.score.scorecard, [ScorecardStatus.DRAFT])
    storage, name = item.file.storage, item.file.name
    delete(item, actor=actor, reason="evidence_delete")
    if name:
        transaction.on_commit(lambda: storage.delete(name))
