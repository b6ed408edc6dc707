"""The board's steps on submitted proposals: receive (in bulk), return with reasons (in bulk,
back to the unit that submitted), appraise valid or reject with a reason. Only the board of the
proposals' province (dossiers.rules); status changes go through `transitions.move`; each bulk
step is all or none."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.core.audit import save_audited
from thidua.dossiers.models import Proposal, ProposalStatus
from thidua.dossiers.notify import notify
from thidua.dossiers.services._common import (
    appraisal_step,
    due_for,
    nonempty,
    now,
    proposals_by_ids,
    sync,
)
from thidua.dossiers.services.transitions import move
from thidua.org.services._common import clean_text, require_reason


def _appraisal_due(proposal: Proposal) -> datetime.date | None:
    step = appraisal_step(proposal)
    due = due_for(proposal, step)
    if due is None and step != "appraisal":
        due = due_for(proposal, "appraisal")
    return due


@transaction.atomic
def proposals_receive(*, actor: Any, proposals: Sequence[Proposal | int]) -> list[Proposal]:
    """Receive submitted proposals. Side effects per proposal: the status step, received_at,
    the appraisal's due date (TML-01, or TML-05 for CSTĐ cơ sở), an e-mail to its units."""
    rows = proposals_by_ids(proposals)
    nonempty(rows)
    for proposal in rows:
        require(actor, "dossiers.receive_proposal", proposal)
    for proposal in rows:
        move(proposal, ProposalStatus.RECEIVED, actor=actor)
        proposal.received_at = now()
        proposal.due_at = _appraisal_due(proposal)
        save_audited(
            proposal,
            actor=actor,
            reason="proposal_receive",
            update_fields=["received_at", "due_at"],
        )
    notify(rows, "received")
    sync(proposals, rows)
    return rows


@transaction.atomic
def proposals_return(
    *, actor: Any, proposals: Sequence[Proposal | int], reason: str
) -> list[Proposal]:
    """Return proposals (submitted, received or valid) to their unit with the reasons; the unit
    may complete and resubmit them. Side effects: the status step with the reason, the latest
    return reason, appraised_at when it was received, the due date cleared, an e-mail."""
    rows = proposals_by_ids(proposals)
    nonempty(rows)
    reason = require_reason(reason, field=_("lý do trả lại"))
    for proposal in rows:
        require(actor, "dossiers.return_proposal", proposal)
    for proposal in rows:
        appraised = proposal.status != ProposalStatus.SUBMITTED
        move(proposal, ProposalStatus.RETURNED, actor=actor, note=reason)
        proposal.return_reason = reason
        proposal.due_at = None
        fields = ["return_reason", "due_at"]
        if appraised:
            proposal.appraised_at = now()
            fields.append("appraised_at")
        save_audited(proposal, actor=actor, reason="proposal_return", update_fields=fields)
    notify(rows, "returned", note=reason)
    sync(proposals, rows)
    return rows


def _appraise(proposal: Proposal, status: str, note: str, *, actor: Any) -> Proposal:
    (row,) = proposals_by_ids([proposal])
    require(actor, "dossiers.appraise_proposal", row)
    move(row, status, actor=actor, note=note)
    row.appraised_at = now()
    row.due_at = None
    save_audited(
        row, actor=actor, reason=f"proposal_{status}", update_fields=["appraised_at", "due_at"]
    )
    notify([row], status, note=note)
    sync([proposal], [row])
    return row


@transaction.atomic
def proposal_validate(*, actor: Any, proposal: Proposal, note: str = "") -> Proposal:
    """The board finds a received proposal's dossier valid: it waits for the council."""
    note = clean_text(note, field=_("ghi chú"), max_length=4000)
    return _appraise(proposal, ProposalStatus.VALID, note, actor=actor)


@transaction.atomic
def proposal_reject(*, actor: Any, proposal: Proposal, reason: str) -> Proposal:
    """The board rejects a received proposal as not eligible, with the reason."""
    reason = require_reason(reason, field=_("lý do không đủ điều kiện"))
    return _appraise(proposal, ProposalStatus.REJECTED, reason, actor=actor)
