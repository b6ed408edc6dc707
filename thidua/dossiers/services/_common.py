"""Helpers shared by the dossier services: editable states, due dates, fetching by id."""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.rulebook import TIME_LIMIT_STEPS
from thidua.awards.selectors.eligibility import overrides_by_province
from thidua.core.exceptions import Conflict, NotFound
from thidua.dossiers import deadlines, workflow
from thidua.dossiers.models import Proposal, ProposalStatus

# CSTĐ cơ sở is appraised by the commune (TML-05) where that rule is in force.
COMMUNE_APPRAISAL_AWARDS = frozenset({"chien_si_thi_dua_co_so"})


def require_with_unit(proposal: Proposal) -> None:
    """Conflict (code "not_editable") unless the proposal is with its unit (draft, returned)."""
    if proposal.status not in workflow.WITH_UNIT:
        raise Conflict(
            _("Đề nghị đang ở trạng thái “%(status)s”: đơn vị không sửa được.")
            % {"status": ProposalStatus(proposal.status).label},
            code="not_editable",
        )


def due_for(
    proposal: Proposal, step: str, *, start: datetime.date | None = None
) -> datetime.date | None:
    """The last day of `step` (TML-*) counted from `start` (today) in working days, with the
    province's overrides; None when no rule gives a limit."""
    start = start or timezone.localdate()
    if step not in TIME_LIMIT_STEPS:
        raise ValueError(step)
    overrides = overrides_by_province([proposal.province_id])[proposal.province_id]
    found = deadlines.due_date(step, start, year=start.year, overrides=overrides)
    return found[0] if found is not None else None


def appraisal_step(proposal: Proposal) -> str:
    return "commune_appraisal" if proposal.award_type in COMMUNE_APPRAISAL_AWARDS else "appraisal"


def proposals_by_ids(items: Iterable[Proposal | int]) -> list[Proposal]:
    """Proposals (or their ids) as rows read with what the permission checks need, in the
    given order; NotFound when an id is unknown. Duplicates are dropped."""
    ids = list(dict.fromkeys(int(p.pk if isinstance(p, Proposal) else p) for p in items))
    rows = {
        p.pk: p
        for p in Proposal.objects.filter(pk__in=ids).select_related(
            "unit", "person__unit", "season", "dossier", "submitting_unit"
        )
    }
    if len(rows) != len(ids):
        raise NotFound()
    return [rows[pk] for pk in ids]


def sync(items: Iterable[Proposal | int], rows: Sequence[Proposal]) -> None:
    """Refresh the caller's Proposal objects that a service replaced by fresh rows."""
    fresh = {row.pk: row for row in rows}
    for item in items:
        if isinstance(item, Proposal) and fresh.get(item.pk) is not item:
            item.refresh_from_db()


def now() -> datetime.datetime:
    return timezone.now()


def nonempty(items: Sequence[Any]) -> None:
    if not items:
        raise Conflict(_("Chưa chọn đề nghị nào."), code="nothing_selected")
