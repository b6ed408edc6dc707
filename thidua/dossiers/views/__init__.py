"""Server-rendered pages of proposals, dossiers and the board's inbox. Reads go through the
dossiers selectors (missing and forbidden both answer 404), writes through the services; a form
is shown only when `can()` allows it, and the services check again."""

from thidua.dossiers.views.board import inbox, inbox_bulk, proposal_step
from thidua.dossiers.views.dossiers import (
    dossier_assign,
    dossier_create,
    dossier_delete,
    dossier_detail,
    dossier_file_upload,
    dossier_submit,
    dossier_unassign,
    dossier_update,
)
from thidua.dossiers.views.files import file_download, file_remove
from thidua.dossiers.views.proposals import (
    proposal_create,
    proposal_delete,
    proposal_detail,
    proposal_document,
    proposal_file_upload,
    proposal_home,
    proposal_pack,
    proposal_submit,
    proposal_update,
    proposal_withdraw,
    unit_proposals,
)

__all__ = [
    "dossier_assign",
    "dossier_create",
    "dossier_delete",
    "dossier_detail",
    "dossier_file_upload",
    "dossier_submit",
    "dossier_unassign",
    "dossier_update",
    "file_download",
    "file_remove",
    "inbox",
    "inbox_bulk",
    "proposal_create",
    "proposal_delete",
    "proposal_detail",
    "proposal_document",
    "proposal_file_upload",
    "proposal_home",
    "proposal_pack",
    "proposal_step",
    "proposal_submit",
    "proposal_update",
    "proposal_withdraw",
    "unit_proposals",
]
