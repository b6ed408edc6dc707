"""Reads of proposals: the board's inbox, a unit's proposals, one proposal with its events,
files and checks, and overdue detection.

Every read is scoped to the user's provinces; a proposal outside them answers NotFound, as a
missing one does. The inbox costs three queries whatever the page size: the page's rows, the
number of matching rows, and the counts per status (one GROUP BY).
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from thidua.accounts.permissions import require
from thidua.accounts.scoping import scope_by_province
from thidua.core.exceptions import NotFound
from thidua.dossiers import workflow
from thidua.dossiers.models import DossierFile, Proposal, ProposalEvent, ProposalStatus
from thidua.dossiers.services.checks import Checks, proposal_checks

PER_PAGE = 50
_RELATED = ("unit", "person__unit", "season__bloc", "dossier", "submitting_unit", "source_poll")


@dataclass(frozen=True)
class Inbox:
    page: Page  # of Proposal
    counts: Mapping[str, int]  # per status, every status of ProposalStatus (0 when none)
    overdue: int  # overdue proposals among the filtered ones (any status in the board's hands)

    @property
    def total(self) -> int:
        return int(self.page.paginator.count)


@dataclass(frozen=True)
class ProposalDetail:
    proposal: Proposal
    events: tuple[ProposalEvent, ...]
    files: tuple[DossierFile, ...]
    checks: Checks
    overdue: bool


def is_overdue(proposal: Proposal, *, today: datetime.date | None = None) -> bool:
    """In the board's hands (workflow.WITH_BOARD) and past its due date (a working-day date
    set by the rulebook's TML-* limits)."""
    today = today or timezone.localdate()
    return bool(
        proposal.status in workflow.WITH_BOARD
        and proposal.due_at is not None
        and proposal.due_at < today
    )


def overdue_q(*, today: datetime.date | None = None) -> Q:
    """The filter of `is_overdue`, for querysets."""
    today = today or timezone.localdate()
    return Q(status__in=workflow.WITH_BOARD, due_at__isnull=False, due_at__lt=today)


def proposals_for_user(*, user: Any) -> QuerySet[Proposal]:
    """Proposals in the user's provinces (nothing for an anonymous or inactive user)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Proposal.objects.none()
    return scope_by_province(Proposal.objects.all(), user)


# The board's order: the earliest due date first, those without one last, then year and id.
INBOX_ORDER = (F("due_at").asc(nulls_last=True), "-year", "pk")


def proposals_filtered(
    qs: QuerySet[Proposal],
    *,
    bloc: Any = None,
    award_type: str | None = None,
    year: int | None = None,
    overdue: bool = False,
    today: datetime.date,
) -> QuerySet[Proposal]:
    """The inbox's filters (pages and API)."""
    if bloc is not None:
        qs = qs.filter(season__bloc_id=getattr(bloc, "pk", bloc))
    if award_type:
        qs = qs.filter(award_type=award_type)
    if year is not None:
        qs = qs.filter(year=year)
    if overdue:
        qs = qs.filter(overdue_q(today=today))
    return qs


def proposal_inbox(
    *,
    user: Any,
    status: str | None = None,
    bloc: Any = None,
    award_type: str | None = None,
    year: int | None = None,
    overdue: bool = False,
    page: Any = 1,
    per_page: int = PER_PAGE,
    today: datetime.date | None = None,
) -> Inbox:
    """The board's proposals (not drafts: the unit's own), filtered, by due date (the earliest
    first, those without one last), then year and id. `status` None: every status in the board's
    hands. Counts per status follow the other filters."""
    require(user, "dossiers.view_inbox")
    today = today or timezone.localdate()
    base = proposals_filtered(
        proposals_for_user(user=user).exclude(status=ProposalStatus.DRAFT),
        bloc=bloc,
        award_type=award_type,
        year=year,
        overdue=overdue,
        today=today,
    )
    counts, overdue_count = status_counts(base, today=today)
    chosen = base.filter(status=status) if status else base.filter(status__in=workflow.WITH_BOARD)
    rows = chosen.select_related(*_RELATED).order_by(*INBOX_ORDER)
    paginator = Paginator(rows, per_page)
    return Inbox(page=paginator.get_page(page), counts=counts, overdue=overdue_count)


def status_counts(qs: QuerySet[Proposal], *, today: datetime.date) -> tuple[dict[str, int], int]:
    """How many proposals of `qs` per status (every status, 0 when none), and how many are
    overdue: one GROUP BY."""
    counts = dict.fromkeys(ProposalStatus.values, 0)
    late = 0
    for row in (
        qs.values("status")
        .annotate(n=Count("pk"), late=Count("pk", filter=overdue_q(today=today)))
        .order_by()
    ):
        counts[row["status"]] = row["n"]
        late += row["late"]
    return counts, late


def proposals_of_unit(*, user: Any, unit: Any, year: int | None = None) -> list[Proposal]:
    """A unit's proposals: its own (as subject), its staff's and those it submits, newest year
    first. NotFound for a unit outside the user's provinces."""
    require(user, "dossiers.view_proposal", unit)
    unit_id = unit.pk
    qs = proposals_for_user(user=user).filter(
        Q(unit_id=unit_id) | Q(person__unit_id=unit_id) | Q(submitting_unit_id=unit_id)
    )
    if year is not None:
        qs = qs.filter(year=year)
    return list(qs.select_related(*_RELATED).order_by("-year", "award_type", "pk"))


def proposal_get_for_user(*, user: Any, pk: Any) -> Proposal:
    """One proposal the user may read; NotFound when missing or outside the user's provinces."""
    try:
        proposal = proposals_for_user(user=user).select_related(*_RELATED).get(pk=int(pk))
    except (Proposal.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None
    require(user, "dossiers.view_proposal", proposal)
    return proposal


def proposal_detail(*, user: Any, pk: Any) -> ProposalDetail:
    """A proposal with its workflow events, its and its dossier's files, and its checks now."""
    proposal = proposal_get_for_user(user=user, pk=pk)
    events = tuple(proposal.events.select_related("actor").order_by("at", "pk"))
    files = DossierFile.objects.filter(proposal_id=proposal.pk)
    if proposal.dossier_id is not None:
        files = files | DossierFile.objects.filter(dossier_id=proposal.dossier_id)
    return ProposalDetail(
        proposal=proposal,
        events=events,
        files=tuple(files.select_related("uploaded_by").order_by("uploaded_at", "pk")),
        checks=proposal_checks(proposal),
        overdue=is_overdue(proposal),
    )


def overdue_proposals(*, user: Any, today: datetime.date | None = None) -> list[Proposal]:
    """Proposals in the board's hands past their due date, the most overdue first."""
    qs = proposals_for_user(user=user).filter(overdue_q(today=today))
    return list(qs.select_related(*_RELATED).order_by("due_at", "pk"))
