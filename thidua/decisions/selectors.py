"""Reads of the decisions app: councils, a session's review sheet, decisions and their lines.

Guarded fetches answer NotFound for a missing and a forbidden object alike; lists are scoped to
the user's provinces through the one scoping helper. Query counts do not grow with the rows.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from thidua.accounts.scoping import scope_by_province
from thidua.awards.rulebook import as_fraction, load_rulebook
from thidua.core.exceptions import NotFound
from thidua.decisions import council as council_rules
from thidua.decisions.enums import SessionStatus
from thidua.decisions.models import (
    Council,
    CouncilMember,
    CouncilSession,
    Decision,
    DecisionLine,
    SessionProposal,
)
from thidua.decisions.services._common import members_on, overrides_for_province
from thidua.voting.tally import percent


def council_list_for_user(*, user: Any) -> QuerySet[Council]:
    return scope_by_province(Council.objects.select_related("province"), user).order_by(
        "province__name", "-active", "id"
    )


def council_get_for_user(*, user: Any, pk: int) -> Council:
    try:
        return council_list_for_user(user=user).get(pk=pk)
    except Council.DoesNotExist:
        raise NotFound() from None


def council_members_on(*, council: Council, day: datetime.date) -> QuerySet[CouncilMember]:
    """The members on `day`, chair first (the order of the role choices), then by name."""
    return members_on(council, day).select_related("user").order_by("role", "full_name", "pk")


def session_list_for_user(*, user: Any) -> QuerySet[CouncilSession]:
    qs = CouncilSession.objects.select_related("council__province").annotate(
        proposals_count=Count("items", distinct=True)
    )
    return scope_by_province(qs, user, field="council__province_id").order_by("-date", "-id")


def session_get_for_user(*, user: Any, pk: int) -> CouncilSession:
    qs = CouncilSession.objects.select_related("council__province")
    try:
        return scope_by_province(qs, user, field="council__province_id").get(pk=pk)
    except CouncilSession.DoesNotExist:
        raise NotFound() from None


@dataclass(frozen=True)
class ReviewRow:
    item: SessionProposal
    approvals: int
    disapprovals: int
    in_writing: int
    not_voted: int  # members who gave no vote: they count against (of the total membership)
    members_total: int
    required: int
    rule_id: str
    citation: str
    share_pct: float
    passes: bool  # on the votes keyed so far (the frozen outcome once closed)

    @property
    def proposal(self) -> Any:
        return self.item.proposal


@dataclass(frozen=True)
class ReviewSheet:
    session: CouncilSession
    members_total: int
    present: int
    rows: list[ReviewRow]


def session_review_sheet(*, session: CouncilSession) -> ReviewSheet:
    """Each proposal of the session with its vote counts and threshold. Open: counted live on
    the members of the day; closed: the frozen counts and rule. Four queries whatever the size."""
    items = list(
        SessionProposal.objects.filter(session=session)
        .select_related("proposal__unit", "proposal__person__unit")
        .annotate(
            live_approvals=Count(
                "proposal__council_votes",
                filter=Q(proposal__council_votes__session=session)
                & Q(proposal__council_votes__approve=True),
            ),
            live_disapprovals=Count(
                "proposal__council_votes",
                filter=Q(proposal__council_votes__session=session)
                & Q(proposal__council_votes__approve=False),
            ),
            live_in_writing=Count(
                "proposal__council_votes",
                filter=Q(proposal__council_votes__session=session)
                & Q(proposal__council_votes__in_writing=True),
            ),
        )
        .order_by("pk")
    )
    closed = session.status == SessionStatus.CLOSED
    if closed and session.members_total is not None:
        total, present = session.members_total, session.present_count or 0
    else:
        total = members_on(session.council_id, session.date).count()
        present = session.present.count()
    book = load_rulebook()
    overrides = overrides_for_province(session.council.province_id)
    rows = []
    for item in items:
        threshold = council_rules.threshold_for(
            book, item.proposal.award_type, session.date, overrides
        )
        approvals, disapprovals = item.live_approvals, item.live_disapprovals  # type: ignore[attr-defined]
        required, rule_id, citation = (
            threshold.required(total),
            threshold.rule_id,
            threshold.citation,
        )
        share_pct = threshold.share_pct
        if closed and item.outcome:
            approvals, disapprovals = item.approvals or 0, item.disapprovals or 0
            required, rule_id, citation = item.required or 0, item.rule_id, item.rule_citation
            share_pct = percent(as_fraction(item.share)) if item.share else share_pct
        rows.append(
            ReviewRow(
                item=item,
                approvals=approvals,
                disapprovals=disapprovals,
                in_writing=item.live_in_writing,  # type: ignore[attr-defined]
                not_voted=max(total - approvals - disapprovals, 0),
                members_total=total,
                required=required,
                rule_id=rule_id,
                citation=citation,
                share_pct=share_pct,
                passes=total > 0 and approvals >= required,
            )
        )
    return ReviewSheet(session=session, members_total=total, present=present, rows=rows)


def decision_list_for_user(*, user: Any) -> QuerySet[Decision]:
    qs = Decision.objects.select_related("province", "created_by").annotate(
        lines_count=Count("lines")
    )
    return scope_by_province(qs, user).order_by("-date", "-id")


def decision_get_for_user(*, user: Any, pk: int) -> Decision:
    qs = Decision.objects.select_related("province", "created_by")
    try:
        return scope_by_province(qs, user).get(pk=pk)
    except Decision.DoesNotExist:
        raise NotFound() from None


def decision_lines(*, decision: Decision) -> QuerySet[DecisionLine]:
    """The decision's lines with their proposals and registry records (one query)."""
    return (
        DecisionLine.objects.filter(decision=decision)
        .select_related(
            "proposal",
            "award_record__unit",
            "award_record__person__unit",
        )
        .order_by("pk")
    )
