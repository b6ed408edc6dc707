"""Council sessions: opening, attendance, the proposals put to the vote, members' votes, and
closing, which freezes each proposal's outcome and moves it valid → approved / not approved.

Every write checks "decisions.manage_session" on the council's province (the board keys what
the council decided), runs in one transaction and leaves history rows with the acting user.
"""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.awards.rulebook import load_rulebook
from thidua.core.exceptions import Conflict, NotFound, ValidationFailed
from thidua.decisions import council as council_rules
from thidua.decisions.enums import ReviewOutcome, SessionStatus
from thidua.decisions.models import (
    Council,
    CouncilMember,
    CouncilSession,
    CouncilVote,
    SessionProposal,
)
from thidua.decisions.services._common import (
    clean_text,
    judge,
    members_on,
    overrides_for_province,
    proposal_province_id,
    province_family,
    save_or_conflict,
)
from thidua.dossiers.models import Proposal, ProposalStatus
from thidua.dossiers.notify import notify
from thidua.dossiers.services.transitions import move


@transaction.atomic
def session_open(
    *,
    actor: Any,
    council: Council,
    date: datetime.date,
    place: str = "",
    proposals: Iterable[Proposal] = (),
) -> CouncilSession:
    """Open a session of an active council on `date` (which must have members that day), with
    the proposals to review. Side effects: the session and its review items (audited)."""
    council = Council.objects.select_related("province").get(pk=council.pk)
    require(actor, "decisions.manage_session", council.province)
    if not council.active:
        raise Conflict(_("Hội đồng không còn hoạt động."), code="council_inactive")
    if isinstance(date, datetime.datetime) or not isinstance(date, datetime.date):
        raise ValidationFailed(_("Ngày họp không hợp lệ."), code="invalid_date")
    if not members_on(council, date).exists():
        raise ValidationFailed(
            _("Hội đồng chưa có thành viên vào ngày %(date)s.") % {"date": f"{date:%d/%m/%Y}"},
            code="council_empty",
        )
    session = CouncilSession(
        council=council,
        date=date,
        place=clean_text(place, field=_("địa điểm")),
        created_by=actor,
    )
    save_or_conflict(session, actor=actor, reason="session_open")
    _add(session, proposals, actor=actor)
    return session


@transaction.atomic
def session_add_proposals(
    *, actor: Any, session: CouncilSession, proposals: Iterable[Proposal]
) -> list[SessionProposal]:
    """Put proposals before an open session: each VALID (appraised by the board), of the
    council's province, and not before another open session."""
    session = _locked(session)
    require(actor, "decisions.manage_session", session.council.province)
    _require_open(session)
    return _add(session, proposals, actor=actor)


@transaction.atomic
def session_remove_proposal(*, actor: Any, session: CouncilSession, proposal: Proposal) -> None:
    """Take a proposal off an open session, with the votes already keyed for it."""
    session = _locked(session)
    require(actor, "decisions.manage_session", session.council.province)
    _require_open(session)
    item = _item(session, proposal)
    for vote in CouncilVote.objects.filter(session=session, proposal_id=proposal.pk):
        vote._change_reason = "session_remove_proposal"  # type: ignore[attr-defined]
        vote._history_user = actor  # type: ignore[attr-defined]
        vote.delete()
    item._change_reason = "session_remove_proposal"  # type: ignore[attr-defined]
    item._history_user = actor  # type: ignore[attr-defined]
    item.delete()


@transaction.atomic
def session_set_present(
    *, actor: Any, session: CouncilSession, members: Iterable[CouncilMember]
) -> CouncilSession:
    """Record who is present (VOT-05): members of the council on the session's day. Replaces
    the previous list; the history keeps it."""
    session = _locked(session)
    require(actor, "decisions.manage_session", session.council.province)
    _require_open(session)
    ids = {m.pk for m in members}
    valid = set(members_on(session.council_id, session.date).values_list("pk", flat=True))
    if ids - valid:
        raise ValidationFailed(
            _("Có người không phải thành viên Hội đồng vào ngày họp."), code="not_a_member"
        )
    session.present.set(sorted(ids))
    session.present_count = len(ids)
    save_or_conflict(session, actor=actor, reason="session_set_present")
    return session


@transaction.atomic
def session_record_votes(
    *,
    actor: Any,
    session: CouncilSession,
    proposal: Proposal,
    votes: Mapping[int, bool],
    in_writing: Iterable[int] = (),
) -> list[CouncilVote]:
    """Key the members' votes on one proposal: `votes` maps a member id to approve (True) or
    disapprove (False); `in_writing` lists the members whose vote is a written opinion (VOT-04).
    A member absent from the session votes in writing only. A vote keyed again replaces the
    previous one (history kept). Members left out of `votes` are not changed."""
    session = _locked(session)
    require(actor, "decisions.manage_session", session.council.province)
    _require_open(session)
    _item(session, proposal)
    written = set(in_writing)
    valid = set(members_on(session.council_id, session.date).values_list("pk", flat=True))
    present = set(session.present.values_list("pk", flat=True))
    if set(votes) - valid or written - set(votes):
        raise ValidationFailed(
            _("Có phiếu của người không phải thành viên Hội đồng vào ngày họp."),
            code="not_a_member",
        )
    if any(not isinstance(v, bool) for v in votes.values()):
        raise ValidationFailed(_("Phiếu chỉ là đồng ý hoặc không đồng ý."), code="invalid_vote")
    _refuse_absent_not_in_writing(set(votes) - written - present)
    existing = {
        v.member_id: v
        for v in CouncilVote.objects.select_for_update().filter(
            session=session, proposal_id=proposal.pk, member_id__in=list(votes)
        )
    }
    saved = []
    for member_id in sorted(votes):
        vote = existing.get(member_id) or CouncilVote(
            session=session, proposal_id=proposal.pk, member_id=member_id
        )
        vote.approve, vote.in_writing = votes[member_id], member_id in written
        save_or_conflict(vote, actor=actor, reason="council_vote")
        saved.append(vote)
    return saved


@transaction.atomic
def session_close(
    *, actor: Any, session: CouncilSession, override_reason: str = ""
) -> CouncilSession:
    """Close the session: check the quorum (VOT-05; a rule that only warns needs
    `override_reason`), count each proposal's approvals against its threshold (VOT-02, VOT-03
    or VOT-06) of the council's TOTAL membership on the day, and move each proposal valid →
    approved / not approved through the workflow.

    Side effects: the items' counts, required votes, rule and outcome; the session's snapshot
    (total, present, warnings, reason) and status; a ProposalEvent per proposal; e-mails to the
    units concerned after the commit. Refusals: Conflict session_closed, quorum_not_met /
    review_presence_not_met (binding rule), needs_override_reason, absent_vote_not_in_writing,
    bad_transition (a proposal is no longer valid: the board returned it), ValidationFailed
    attendance_missing, nothing_to_review.
    """
    session = _locked(session)
    require(actor, "decisions.manage_session", session.council.province)
    _require_open(session)
    items = list(
        SessionProposal.objects.filter(session=session)
        .select_related("proposal__unit", "proposal__person__unit")
        .order_by("pk")
    )
    if not items:
        raise ValidationFailed(_("Phiên họp chưa có đề nghị nào."), code="nothing_to_review")
    present = set(session.present.values_list("pk", flat=True))
    if not present:
        raise ValidationFailed(
            _("Chưa ghi danh sách thành viên có mặt."), code="attendance_missing"
        )
    total = members_on(session.council_id, session.date).count()
    book = load_rulebook()
    overrides = overrides_for_province(session.council.province_id)
    findings = council_rules.check_quorum(
        book, session.date, members_total=total, present=len(present), overrides=overrides
    )
    session.warnings, session.override_reason = judge(findings, override_reason)
    _refuse_absent_not_in_writing(
        set(
            CouncilVote.objects.filter(session=session, in_writing=False)
            .exclude(member_id__in=present)
            .values_list("member_id", flat=True)
        )
    )
    counts = _counts(session, members_on(session.council_id, session.date))
    decided: dict[str, list[Proposal]] = {
        ProposalStatus.APPROVED: [],
        ProposalStatus.NOT_APPROVED: [],
    }
    for item in items:
        threshold = council_rules.threshold_for(
            book, item.proposal.award_type, session.date, overrides
        )
        approvals, disapprovals = counts.get(item.proposal_id, (0, 0))
        passed = threshold.passes(approvals, total)
        item.approvals, item.disapprovals, item.members_total = approvals, disapprovals, total
        item.required, item.share = threshold.required(total), threshold.share_text
        item.rule_id, item.rule_citation = threshold.rule_id, threshold.citation
        item.outcome = ReviewOutcome.APPROVED if passed else ReviewOutcome.NOT_APPROVED
        save_or_conflict(item, actor=actor, reason="session_close")
        status = ProposalStatus.APPROVED if passed else ProposalStatus.NOT_APPROVED
        note = _(
            "Hội đồng họp ngày %(date)s: %(approvals)s/%(total)s thành viên đồng ý, "
            "cần %(required)s (%(rule)s)."
        ) % {
            "date": f"{session.date:%d/%m/%Y}",
            "approvals": approvals,
            "total": total,
            "required": item.required,
            "rule": threshold.rule_id,
        }
        move(item.proposal, status, actor=actor, note=note)
        decided[status].append(item.proposal)
    session.members_total, session.present_count = total, len(present)
    session.status, session.closed_at = SessionStatus.CLOSED, timezone.now()
    save_or_conflict(session, actor=actor, reason="session_close")
    for event, proposals in decided.items():
        notify(proposals, event)
    return session


# ── Helpers ─────────────────────────────────────────────────────────────────────────────────


def _locked(session: CouncilSession) -> CouncilSession:
    """The session row, locked: attendance, votes and closing of one session queue here."""
    try:
        return (
            CouncilSession.objects.select_for_update(of=("self",))
            .select_related("council__province")
            .get(pk=session.pk)
        )
    except CouncilSession.DoesNotExist:
        raise NotFound() from None


def _require_open(session: CouncilSession) -> None:
    if session.status != SessionStatus.OPEN:
        raise Conflict(_("Phiên họp đã kết thúc."), code="session_closed")


def _item(session: CouncilSession, proposal: Proposal) -> SessionProposal:
    try:
        return SessionProposal.objects.get(session=session, proposal_id=proposal.pk)
    except SessionProposal.DoesNotExist:
        raise ValidationFailed(
            _("Đề nghị không có trong phiên họp này."), code="not_in_session"
        ) from None


def _add(
    session: CouncilSession, proposals: Iterable[Proposal], *, actor: Any
) -> list[SessionProposal]:
    ids = sorted({p.pk for p in proposals})
    if not ids:
        return []
    locked = list(
        Proposal.objects.select_for_update(of=("self",))
        .select_related("unit", "person__unit")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    if len(locked) != len(ids):
        raise NotFound()
    family = province_family(session.council.province_id)
    busy = set(
        SessionProposal.objects.filter(
            proposal_id__in=ids, session__status=SessionStatus.OPEN
        ).values_list("proposal_id", flat=True)
    )
    items = []
    for proposal in locked:
        if proposal_province_id(proposal) not in family:
            raise NotFound()
        if proposal.status != ProposalStatus.VALID:
            raise Conflict(
                _("Đề nghị “%(proposal)s” chưa được thẩm định hợp lệ (đang: %(status)s).")
                % {"proposal": proposal, "status": ProposalStatus(proposal.status).label},
                code="proposal_not_valid",
            )
        if proposal.pk in busy:
            raise Conflict(
                _("Đề nghị “%(proposal)s” đã có trong một phiên họp đang mở.")
                % {"proposal": proposal},
                code="proposal_in_session",
            )
        item = SessionProposal(session=session, proposal=proposal)
        save_or_conflict(item, actor=actor, reason="session_add_proposal")
        items.append(item)
    return items


def _refuse_absent_not_in_writing(member_ids: set[int]) -> None:
    if member_ids:
        raise Conflict(
            _(
                "Thành viên vắng mặt chỉ biểu quyết bằng văn bản (VOT-04): đánh dấu “ý kiến bằng "
                "văn bản” hoặc ghi thành viên có mặt."
            ),
            code="absent_vote_not_in_writing",
            details={"members": sorted(member_ids)},
        )


def _counts(session: CouncilSession, members: Any) -> dict[int, tuple[int, int]]:
    """{proposal id: (approvals, disapprovals)} of the session's votes by `members` (those of
    the council on the day), in one query."""
    counts: dict[int, list[int]] = {}
    votes = CouncilVote.objects.filter(session=session, member__in=members)
    for proposal_id, approve in votes.values_list("proposal_id", "approve"):
        pair = counts.setdefault(proposal_id, [0, 0])
        pair[0 if approve else 1] += 1
    return {k: (v[0], v[1]) for k, v in counts.items()}
