"""Uploaded documents of a dossier or of one proposal.

The unit side uploads and removes its documents while its proposals are draft or returned; the
board may attach its own papers (appraisal report, opinions) at any step, and remove only those.
Every file is checked by content, extension and size (dossiers.files.check_upload).
"""

from collections.abc import Iterable
from typing import Any

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.awards.rulebook import DOCUMENT_KINDS
from thidua.core.exceptions import Conflict, PermissionDeniedError, ValidationFailed
from thidua.dossiers import workflow
from thidua.dossiers.files import check_upload
from thidua.dossiers.models import Dossier, DossierFile, Proposal
from thidua.dossiers.rules import is_board_of_record
from thidua.dossiers.services._common import require_with_unit
from thidua.org.services._common import delete, save
from thidua.scoring.validators import sanitize_filename

OTHER_KIND = "khac"


def kind_of(value: str) -> str:
    """A document kind of the rulebook (DOCUMENT_KINDS); "other" is "khac"."""
    kind = (value or "").strip()
    kind = OTHER_KIND if kind == "other" else kind
    if kind not in DOCUMENT_KINDS:
        raise ValidationFailed(_("Loại giấy tờ không hợp lệ."), code="file_kind")
    return kind


def delete_stored_later(names: Iterable[str]) -> None:
    """Remove stored files once the transaction commits (kept if it rolls back)."""
    chosen = [n for n in names if n]

    def remove() -> None:
        for name in chosen:
            default_storage.delete(name)

    if chosen:
        transaction.on_commit(remove)


def _require_owner_with_unit(owner: Proposal | Dossier) -> None:
    if isinstance(owner, Proposal):
        require_with_unit(owner)
        return
    statuses = set(owner.proposals.values_list("status", flat=True))
    if statuses - set(workflow.WITH_UNIT):
        raise Conflict(_("Hồ sơ đã trình Ban: đơn vị không sửa được."), code="not_editable")


@transaction.atomic
def file_upload(
    *,
    actor: Any,
    upload: Any,
    kind: str,
    proposal: Proposal | None = None,
    dossier: Dossier | None = None,
) -> DossierFile:
    """Attach `upload` to a proposal or a dossier (exactly one). The board's files are marked
    `by_board`. Raises ValidationFailed (file_empty, file_too_large, file_type, file_kind),
    Conflict (not_editable) for the unit once submitted. Side effects: the stored file, the
    row and its history."""
    owner = proposal if proposal is not None else dossier
    if owner is None or (proposal is not None and dossier is not None):
        raise ValueError("file_upload: exactly one of proposal, dossier")
    require(actor, "dossiers.upload_file", owner)
    by_board = bool(is_board_of_record(actor, owner))
    if not by_board:
        _require_owner_with_unit(owner)
    checked = check_upload(upload)
    item = DossierFile(
        proposal=proposal,
        dossier=dossier,
        kind=kind_of(kind),
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        by_board=by_board,
        uploaded_by=actor,
    )
    stream = getattr(upload, "file", None) or upload
    stream.seek(0)
    item.file.save(
        sanitize_filename(checked.name, extension=checked.extension), File(stream), save=False
    )
    try:
        save(item, actor=actor, reason="file_upload")
    except Exception:
        default_storage.delete(item.file.name)
        raise
    return item


@transaction.atomic
def file_remove(*, actor: Any, item: DossierFile) -> None:
    """Remove a file: the unit its own while the proposal is with it, the board its papers."""
    owner = item.proposal if item.proposal_id is not None else item.dossier
    require(actor, "dossiers.upload_file", item)
    if is_board_of_record(actor, item):
        if not item.by_board:
            raise PermissionDeniedError(
                _("Ban chỉ gỡ được giấy tờ do Ban đính kèm."), code="not_own_file"
            )
    else:
        if item.by_board:
            raise PermissionDeniedError(
                _("Giấy tờ của Ban, đơn vị không gỡ được."), code="not_own_file"
            )
        assert owner is not None
        _require_owner_with_unit(owner)
    name = item.file.name
    delete(item, actor=actor, reason="file_remove")
    delete_stored_later([name])
