"""Moving a proposal one step: the only place a proposal's status changes.

Callers (the dossier services, the council and decision services) check the permission for
the step first; `move` checks the workflow, writes the status, its history row and a
`ProposalEvent`, inside the caller's transaction.
"""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import save_audited
from thidua.core.exceptions import Conflict
from thidua.dossiers import workflow
from thidua.dossiers.models import Proposal, ProposalEvent, ProposalStatus
from thidua.org.services._common import require_reason


@transaction.atomic
def move(proposal: Proposal, to_status: str, *, actor: Any, note: str = "") -> ProposalEvent:
    """Move `proposal` to `to_status`, or raise Conflict (code "bad_transition") when the
    workflow has no such step from its current status; a step that needs a reason raises
    ValidationFailed (code "reason_required") without one. The row is locked for the step."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    step = workflow.step(locked.status, to_status)
    if step is None:
        raise Conflict(
            _("Không thể chuyển đề nghị từ “%(from)s” sang “%(to)s”.")
            % {
                "from": ProposalStatus(locked.status).label,
                "to": ProposalStatus(to_status).label,
            },
            code="bad_transition",
        )
    if step.needs_reason:
        note = require_reason(note, field=_("lý do"))
    event = ProposalEvent(
        proposal=locked, from_status=locked.status, to_status=to_status, actor=actor, note=note
    )
    locked.status = to_status
    fields = ["status"]
    if to_status == ProposalStatus.DECIDED:
        locked.decided_at = proposal.decided_at = timezone.now()
        fields.append("decided_at")
    save_audited(locked, actor=actor, reason=f"status:{to_status}", update_fields=fields)
    event.save()
    proposal.status = to_status
    return event
