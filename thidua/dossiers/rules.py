"""Permissions of proposals, dossiers and their files.

Objects: a Proposal, a Dossier, a DossierFile, or a Unit (creating proposals for its staff).
The unit side (the subject's unit, the submitting unit, or the officers of the season's leader
unit) prepares, submits and withdraws; only the province's board (board administrators whose
scope covers the record) receives, returns and appraises; viewers read; other provinces see
nothing. States (draft, returned, …) are checked by the services.
"""

from typing import Any

import rules

from thidua.accounts.enums import Role
from thidua.accounts.rules import is_active_user, is_board_admin
from thidua.accounts.scoping import visible_province_ids


def _model_name(obj: Any) -> str:
    meta = getattr(obj, "_meta", None)
    return meta.model_name if meta else ""


def record_province_id(obj: Any) -> int | None:
    """The province of a proposal, a dossier, a dossier's file or a unit."""
    name = _model_name(obj)
    if name in ("proposal", "dossier", "unit"):
        return int(obj.province_id)
    if name == "dossierfile":
        owner = obj.proposal if obj.proposal_id is not None else obj.dossier
        return record_province_id(owner)
    return None


def acting_unit_ids(obj: Any) -> frozenset[int]:
    """The units whose officers act for the record on the unit side."""
    name = _model_name(obj)
    if name == "unit":
        return frozenset({int(obj.pk)})
    if name == "dossierfile":
        return acting_unit_ids(obj.proposal if obj.proposal_id is not None else obj.dossier)
    ids: set[int | None] = set()
    if name == "proposal":
        ids = {obj.subject_unit_id, obj.submitting_unit_id}
        if obj.dossier_id is not None:
            ids.add(obj.dossier.submitting_unit_id)
    elif name == "dossier":
        ids = {obj.submitting_unit_id}
    if name in ("proposal", "dossier") and obj.season_id is not None:
        ids.add(obj.season.leader_id)
    return frozenset(i for i in ids if i is not None)


@rules.predicate
def sees_record(user: Any, obj: Any) -> bool:
    """The record lies in a province the user may read."""
    ids = visible_province_ids(user)
    if ids is None:
        return True
    province_id = record_province_id(obj)
    return province_id is not None and province_id in ids


@rules.predicate
def is_board_of_record(user: Any, obj: Any) -> bool:
    """A board administrator whose province scope covers the record."""
    if user.is_superuser:
        return True
    if user.role != Role.BOARD_ADMIN:
        return False
    ids = visible_province_ids(user)
    return ids is None or record_province_id(obj) in ids


@rules.predicate
def is_unit_side(user: Any, obj: Any) -> bool:
    """An officer of the subject's unit, the submitting unit or the season's leader unit."""
    return bool(
        user.role == Role.UNIT_OFFICER
        and user.unit_id is not None
        and obj is not None
        and user.unit_id in acting_unit_ids(obj)
    )


reader = is_active_user & sees_record
unit_side = is_active_user & is_unit_side
board = is_active_user & is_board_of_record

PERMISSIONS = {
    "dossiers.view_proposal": reader,
    # A unit's proposals for its own staff (obj: the Unit), and a dossier of its own.
    "dossiers.create_proposal": unit_side,
    "dossiers.edit_proposal": unit_side,
    "dossiers.submit_proposal": unit_side,
    "dossiers.withdraw_proposal": unit_side,
    # The unit's documents while the proposal is with it; the board's appraisal papers.
    "dossiers.upload_file": unit_side | board,
    # The board's steps: receive, return with reasons, appraise (valid or rejected).
    "dossiers.receive_proposal": board,
    "dossiers.return_proposal": board,
    "dossiers.appraise_proposal": board,
    # The board's inbox of the provinces in its scope (no object).
    "dossiers.view_inbox": is_active_user & is_board_admin,
}

for _name, _predicate in PERMISSIONS.items():
    rules.add_perm(_name, _predicate)
