"""The unit side's steps: submit a proposal or a whole dossier to the board, withdraw one before
the board receives it. Status changes go through `transitions.move`."""

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.core.audit import save_audited
from thidua.core.exceptions import Conflict, ValidationFailed
from thidua.dossiers import workflow
from thidua.dossiers.models import Dossier, Proposal, ProposalStatus
from thidua.dossiers.notify import notify
from thidua.dossiers.services._common import (
    due_for,
    now,
    proposals_by_ids,
    require_with_unit,
    sync,
)
from thidua.dossiers.services.checks import Checks, proposal_checks
from thidua.dossiers.services.transitions import move
from thidua.org.services._common import clean_text, require_reason

# The board has this step's time limit (TML-02, 5 working days) to receive a complete dossier
# or return it.
RECEIPT_STEP = "return"
_SUBMIT_FIELDS = ["eligibility", "override_reason", "submitted_at", "due_at"]


def _failures(checks: Checks) -> list[str]:
    found = [f"{r.rule_id}: {r.text}" for r in checks.blocking_reasons]
    if checks.status == "not_eligible" and not found:
        found.append(_("Không đủ điều kiện (%(rule)s).") % {"rule": checks.decided_by})
    found += [
        _("Vượt hạn mức %(rule)s: %(count)s/%(quota)s.")
        % {"rule": q.rule_id, "count": q.count, "quota": q.quota}
        for q in checks.exceeded_quotas
    ]
    found += [
        _("Thiếu %(name)s (%(rule)s).") % {"name": d.name, "rule": d.rule_id}
        for d in checks.missing_documents
    ]
    return found


def _checked(proposals: Sequence[Proposal], override_reason: str) -> dict[int, tuple[Checks, str]]:
    """Each proposal's checks and the override reason it keeps; ValidationFailed (code
    "override_required") when one needs an override and no reason is given."""
    reason = clean_text(override_reason, field=_("lý do vẫn trình"), max_length=4000).strip()
    result: dict[int, tuple[Checks, str]] = {}
    refused: dict[int, list[str]] = {}
    for proposal in proposals:
        checks = proposal_checks(proposal)
        if checks.needs_override and not reason:
            refused[proposal.pk] = _failures(checks)
        result[proposal.pk] = (checks, reason if checks.needs_override else "")
    if refused:
        raise ValidationFailed(
            _(
                "Đề nghị chưa đủ điều kiện hoặc thiếu giấy tờ: muốn vẫn trình, cần ghi rõ lý do. "
                "%(failures)s"
            )
            % {"failures": " ".join(f for items in refused.values() for f in items)},
            code="override_required",
            details={"proposals": refused},
        )
    return result


def _submit(proposal: Proposal, checks: Checks, reason: str, *, actor: Any) -> None:
    move(proposal, ProposalStatus.SUBMITTED, actor=actor, note=reason)
    proposal.eligibility = checks.snapshot()
    proposal.override_reason = reason
    proposal.submitted_at = now()
    proposal.due_at = due_for(proposal, RECEIPT_STEP)
    save_audited(proposal, actor=actor, reason="proposal_submit", update_fields=_SUBMIT_FIELDS)


@transaction.atomic
def proposal_submit(*, actor: Any, proposal: Proposal, override_reason: str = "") -> Proposal:
    """Submit a draft or returned proposal to the board.

    Side effects: the checks' snapshot and the override reason (when a hard rule failed, a
    binding quota is exceeded or a required document is missing; without a reason:
    ValidationFailed "override_required"), submitted_at, the board's due date (TML-02), the
    status step (ProposalEvent) and an e-mail to the province's board.
    """
    (row,) = proposals_by_ids([proposal])
    require(actor, "dossiers.submit_proposal", row)
    require_with_unit(row)
    checks, reason = _checked([row], override_reason)[row.pk]
    _submit(row, checks, reason, actor=actor)
    notify([row], "submitted")
    sync([proposal], [row])
    return row


@transaction.atomic
def dossier_submit(*, actor: Any, dossier: Dossier, override_reason: str = "") -> list[Proposal]:
    """Submit every draft or returned proposal of the dossier at once (all or none), as
    `proposal_submit` does for one; the dossier keeps its submission time."""
    require(actor, "dossiers.submit_proposal", dossier)
    rows = list(
        dossier.proposals.filter(status__in=workflow.WITH_UNIT).select_related(
            "unit", "person__unit", "season", "dossier", "submitting_unit"
        )
    )
    if not rows:
        raise Conflict(_("Hồ sơ không có đề nghị nào để trình."), code="nothing_to_submit")
    for proposal in rows:
        require(actor, "dossiers.submit_proposal", proposal)
    checked = _checked(rows, override_reason)
    for proposal in rows:
        checks, reason = checked[proposal.pk]
        _submit(proposal, checks, reason, actor=actor)
    dossier.submitted_at = now()
    save_audited(dossier, actor=actor, reason="dossier_submit", update_fields=["submitted_at"])
    notify(rows, "submitted")
    return rows


@transaction.atomic
def proposal_withdraw(*, actor: Any, proposal: Proposal, reason: str) -> Proposal:
    """The unit withdraws a proposal before the board receives it (draft, submitted or
    returned), with a reason. Side effects: the status step, the due date cleared, an e-mail to
    the units concerned."""
    (row,) = proposals_by_ids([proposal])
    require(actor, "dossiers.withdraw_proposal", row)
    reason = require_reason(reason, field=_("lý do rút đề nghị"))
    move(row, ProposalStatus.WITHDRAWN, actor=actor, note=reason)
    row.due_at = None
    save_audited(row, actor=actor, reason="proposal_withdraw", update_fields=["due_at"])
    notify([row], "withdrawn", note=reason)
    sync([proposal], [row])
    return row
