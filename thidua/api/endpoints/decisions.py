"""The emulation council (Hội đồng TĐKT): its members, sessions, members' votes and outcomes; the
award decisions that write the approved proposals into the registry, exactly once.

Thin endpoints: reads through the decisions selectors (scoped to the user's provinces; a record
outside them answers 404), writes through the decisions services, which check the permission
(the province's board), the states and the rules (thresholds of the council's total membership,
quorum), and move the proposals through the workflow.
"""

from typing import Any

from django.db.models import Count, Q
from django.http import FileResponse, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from thidua.accounts.models import User
from thidua.accounts.permissions import require
from thidua.accounts.selectors import user_in_scope_or_none
from thidua.api.auth import actor
from thidua.api.errors import LIST, READ, WRITE
from thidua.api.schemas_decisions import (
    CloseIn,
    CouncilDetail,
    CouncilIn,
    CouncilMemberIn,
    CouncilMemberOut,
    CouncilMemberPatch,
    CouncilPage,
    CouncilPatch,
    CouncilQuery,
    DecisionDetail,
    DecisionIn,
    DecisionPage,
    DecisionQuery,
    PresentIn,
    ProposalIdsIn,
    ReviewSheetOut,
    SessionDetail,
    SessionIn,
    SessionPage,
    SessionQuery,
    VoteOut,
    VotesIn,
)
from thidua.api.types import MAX_LIMIT, PathId
from thidua.awards.rulebook import load_rulebook
from thidua.core.exceptions import NotFound, ValidationFailed
from thidua.decisions import selectors, services
from thidua.decisions.models import (
    Council,
    CouncilMember,
    CouncilSession,
    CouncilVote,
    Decision,
)
from thidua.dossiers.models import Proposal
from thidua.dossiers.selectors.proposals import proposals_for_user
from thidua.org.selectors import province_get_for_user

router = Router(tags=["decisions"])


def _award_name(code: str) -> str:
    try:
        return load_rulebook().award_type(code).name
    except KeyError:
        return code


def _subject_name(proposal: Proposal) -> str:
    if proposal.person_id is not None and proposal.person is not None:
        return proposal.person.full_name
    return proposal.unit.name if proposal.unit is not None else ""


def _page(qs: Any, page: Any) -> tuple[int, list[Any]]:
    limit = min(page.limit, MAX_LIMIT)
    return qs.count(), list(qs[page.offset : page.offset + limit])


# Councils and members ------------------------------------------------------------------------------


def _council_out(council: Council) -> dict[str, Any]:
    return {
        "id": council.pk,
        "province_id": council.province_id,
        "name": council.name,
        "active": council.active,
        "created_at": council.created_at,
        "members_count": getattr(council, "members_count", 0),
    }


def _member_out(member: CouncilMember) -> dict[str, Any]:
    return {
        "id": member.pk,
        "council_id": member.council_id,
        "full_name": member.full_name,
        "title": member.title,
        "role": member.role,
        "role_label": str(member.get_role_display()),
        "active_from": member.active_from,
        "active_to": member.active_to,
        "user_id": member.user_id,
    }


def _councils(user: User) -> Any:
    require(user, "decisions.view")
    return selectors.council_list_for_user(user=user).annotate(members_count=Count("members"))


def _council(user: User, pk: int) -> Council:
    council = _councils(user).filter(pk=pk).first()
    if council is None:
        raise NotFound()
    require(user, "decisions.view", council.province)
    return council


def _council_detail(user: User, pk: int) -> dict[str, Any]:
    council = _council(user, pk)
    members = council.members.order_by("active_from", "pk")
    return {**_council_out(council), "members": [_member_out(m) for m in members]}


@router.get(
    "/councils",
    response={200: CouncilPage, **LIST},
    summary="Hội đồng Thi đua – Khen thưởng của các tỉnh trong phạm vi",
)
def council_list(request: HttpRequest, filters: Query[CouncilQuery]) -> dict[str, Any]:
    qs = _councils(actor(request))
    if filters.province_id is not None:
        qs = qs.filter(province_id=filters.province_id)
    if filters.active is not None:
        qs = qs.filter(active=filters.active)
    count, rows = _page(qs, filters)
    return {"count": count, "items": [_council_out(c) for c in rows]}


@router.post(
    "/councils",
    response={201: CouncilDetail, **WRITE},
    summary="Lập Hội đồng của tỉnh (một Hội đồng đang hoạt động mỗi tỉnh: `council_exists`)",
)
def council_create(request: HttpRequest, payload: CouncilIn) -> Status[Any]:
    user = actor(request)
    province = province_get_for_user(user=user, pk=payload.province_id)
    council = services.council_create(actor=user, province=province, name=payload.name)
    return Status(201, _council_detail(user, council.pk))


@router.get(
    "/councils/{council_id}",
    response={200: CouncilDetail, **READ},
    summary="Một Hội đồng và các thành viên (mọi thời kỳ)",
)
def council_get(request: HttpRequest, council_id: PathId) -> dict[str, Any]:
    return _council_detail(actor(request), council_id)


@router.patch(
    "/councils/{council_id}",
    response={200: CouncilDetail, **WRITE},
    summary="Đổi tên Hội đồng, thôi hoặc cho hoạt động lại",
)
def council_patch(request: HttpRequest, council_id: PathId, payload: CouncilPatch) -> Any:
    user = actor(request)
    services.council_update(actor=user, council=_council(user, council_id), **payload.changes())
    return _council_detail(user, council_id)


@router.post(
    "/councils/{council_id}/members",
    response={201: CouncilMemberOut, **WRITE},
    summary="Thêm thành viên Hội đồng (vai trò, từ ngày, đến ngày)",
)
def council_member_add(
    request: HttpRequest, council_id: PathId, payload: CouncilMemberIn
) -> Status[Any]:
    user = actor(request)
    council = _council(user, council_id)
    member = services.council_member_add(
        actor=user,
        council=council,
        full_name=payload.full_name,
        title=payload.title,
        role=payload.role,
        active_from=payload.active_from,
        active_to=payload.active_to,
        user=user_in_scope_or_none(user=user, pk=payload.user_id),
    )
    return Status(201, _member_out(member))


@router.patch(
    "/council-members/{member_id}",
    response={200: CouncilMemberOut, **WRITE},
    summary="Sửa thành viên Hội đồng; thôi là thành viên: ghi `active_to`",
)
def council_member_patch(
    request: HttpRequest, member_id: PathId, payload: CouncilMemberPatch
) -> Any:
    user = actor(request)
    member = CouncilMember.objects.filter(pk=member_id).first()
    if member is None:
        raise NotFound()
    _council(user, member.council_id)  # 404 outside the user's provinces
    changes = payload.changes()
    if "user_id" in changes:
        changes["user"] = user_in_scope_or_none(user=user, pk=changes.pop("user_id"))
    return _member_out(services.council_member_update(actor=user, member=member, **changes))


# Sessions --------------------------------------------------------------------------------------


def _session_out(session: CouncilSession) -> dict[str, Any]:
    return {
        "id": session.pk,
        "council_id": session.council_id,
        "province_id": session.council.province_id,
        "date": session.date,
        "place": session.place,
        "status": session.status,
        "members_total": session.members_total,
        "present_count": session.present_count,
        "warnings": list(session.warnings or []),
        "override_reason": session.override_reason,
        "created_at": session.created_at,
        "closed_at": session.closed_at,
        "proposals_count": _proposals_count(session),
    }


def _proposals_count(session: CouncilSession) -> int:
    annotated = getattr(session, "proposals_count", None)  # the list's annotation
    return int(annotated) if annotated is not None else session.items.count()


def _session(user: User, pk: int) -> CouncilSession:
    session = selectors.session_get_for_user(user=user, pk=pk)
    require(user, "decisions.view", session.council.province)
    return session


def _session_detail(user: User, pk: int) -> dict[str, Any]:
    session = _session(user, pk)
    members = selectors.council_members_on(council=session.council, day=session.date)
    return {
        **_session_out(session),
        "present_ids": sorted(session.present.values_list("pk", flat=True)),
        "members": [_member_out(m) for m in members],
    }


def _review_sheet(user: User, pk: int) -> dict[str, Any]:
    sheet = selectors.session_review_sheet(session=_session(user, pk))
    return {
        "session": _session_out(sheet.session),
        "members_total": sheet.members_total,
        "present": sheet.present,
        "rows": [
            {
                "proposal_id": row.item.proposal_id,
                "subject_name": _subject_name(row.proposal),
                "award_type": row.proposal.award_type,
                "award_name": _award_name(row.proposal.award_type),
                "year": row.proposal.year,
                "status": row.proposal.status,
                "approvals": row.approvals,
                "disapprovals": row.disapprovals,
                "in_writing": row.in_writing,
                "not_voted": row.not_voted,
                "members_total": row.members_total,
                "required": row.required,
                "share_pct": float(row.share_pct),
                "rule_id": row.rule_id,
                "citation": row.citation,
                "passes": row.passes,
                "outcome": row.item.outcome or None,
            }
            for row in sheet.rows
        ],
    }


def _proposals(user: User, ids: list[int]) -> list[Proposal]:
    """Proposals the user may read, in the given order; 404 when one is missing or hidden."""
    wanted = list(dict.fromkeys(ids))
    found = {p.pk: p for p in proposals_for_user(user=user).filter(pk__in=wanted)}
    if len(found) != len(wanted):
        raise NotFound()
    return [found[pk] for pk in wanted]


@router.get(
    "/sessions",
    response={200: SessionPage, **LIST},
    summary="Phiên họp Hội đồng (mới nhất trước)",
)
def session_list(request: HttpRequest, filters: Query[SessionQuery]) -> dict[str, Any]:
    user = actor(request)
    require(user, "decisions.view")
    qs = selectors.session_list_for_user(user=user)
    if filters.council_id is not None:
        qs = qs.filter(council_id=filters.council_id)
    if filters.status is not None:
        qs = qs.filter(status=filters.status)
    count, rows = _page(qs, filters)
    return {"count": count, "items": [_session_out(s) for s in rows]}


@router.post(
    "/councils/{council_id}/sessions",
    response={201: SessionDetail, **WRITE},
    summary="Mở phiên họp Hội đồng, với các đề nghị đã thẩm định hợp lệ",
    description="Đề nghị chưa hợp lệ: 409 `proposal_not_valid`; đã có trong phiên đang mở: 409 "
    "`proposal_in_session`; Hội đồng chưa có thành viên vào ngày họp: 422 `council_empty`.",
)
def session_open(request: HttpRequest, council_id: PathId, payload: SessionIn) -> Status[Any]:
    user = actor(request)
    council = _council(user, council_id)
    session = services.session_open(
        actor=user,
        council=council,
        date=payload.date,
        place=payload.place,
        proposals=_proposals(user, payload.proposal_ids),
    )
    return Status(201, _session_detail(user, session.pk))


@router.get(
    "/sessions/{session_id}",
    response={200: SessionDetail, **READ},
    summary="Một phiên họp: thành viên vào ngày họp và những người có mặt",
)
def session_get(request: HttpRequest, session_id: PathId) -> dict[str, Any]:
    return _session_detail(actor(request), session_id)


@router.put(
    "/sessions/{session_id}/present",
    response={200: SessionDetail, **WRITE},
    summary="Ghi danh sách thành viên có mặt (thay danh sách trước)",
)
def session_present(request: HttpRequest, session_id: PathId, payload: PresentIn) -> Any:
    user = actor(request)
    session = _session(user, session_id)
    ids = list(dict.fromkeys(payload.member_ids))
    members = list(CouncilMember.objects.filter(pk__in=ids, council_id=session.council_id))
    if len(members) != len(ids):
        raise ValidationFailed(
            _("Có người không phải thành viên Hội đồng vào ngày họp."), code="not_a_member"
        )
    services.session_set_present(actor=user, session=session, members=members)
    return _session_detail(user, session_id)


@router.post(
    "/sessions/{session_id}/proposals",
    response={200: ReviewSheetOut, **WRITE},
    summary="Đưa thêm đề nghị hợp lệ ra phiên họp đang mở",
)
def session_add(request: HttpRequest, session_id: PathId, payload: ProposalIdsIn) -> Any:
    user = actor(request)
    services.session_add_proposals(
        actor=user, session=_session(user, session_id), proposals=_proposals(user, payload.ids)
    )
    return _review_sheet(user, session_id)


@router.delete(
    "/sessions/{session_id}/proposals/{proposal_id}",
    response={200: ReviewSheetOut, **WRITE},
    summary="Rút một đề nghị khỏi phiên họp đang mở (cùng các phiếu đã ghi)",
)
def session_remove(request: HttpRequest, session_id: PathId, proposal_id: PathId) -> Any:
    user = actor(request)
    (proposal,) = _proposals(user, [proposal_id])
    services.session_remove_proposal(
        actor=user, session=_session(user, session_id), proposal=proposal
    )
    return _review_sheet(user, session_id)


def _votes(session: CouncilSession, proposal: Proposal) -> list[dict[str, Any]]:
    rows = (
        CouncilVote.objects.filter(session=session, proposal_id=proposal.pk)
        .select_related("member")
        .order_by("member__full_name", "member_id")
    )
    return [
        {
            "member_id": v.member_id,
            "member_name": v.member.full_name,
            "approve": v.approve,
            "in_writing": v.in_writing,
            "recorded_at": v.recorded_at,
        }
        for v in rows
    ]


@router.get(
    "/sessions/{session_id}/proposals/{proposal_id}/votes",
    response={200: list[VoteOut], **READ},
    summary="Phiếu của các thành viên về một đề nghị trong phiên họp",
)
def session_votes(request: HttpRequest, session_id: PathId, proposal_id: PathId) -> Any:
    user = actor(request)
    (proposal,) = _proposals(user, [proposal_id])
    return _votes(_session(user, session_id), proposal)


@router.put(
    "/sessions/{session_id}/proposals/{proposal_id}/votes",
    response={200: list[VoteOut], **WRITE},
    summary="Ghi phiếu của các thành viên về một đề nghị (ghi lại: thay phiếu trước)",
    description="Thành viên vắng mặt chỉ biểu quyết bằng văn bản (`in_writing`, VOT-04): "
    "409 `absent_vote_not_in_writing`; người ngoài Hội đồng vào ngày họp: 422 `not_a_member`.",
)
def session_record_votes(
    request: HttpRequest, session_id: PathId, proposal_id: PathId, payload: VotesIn
) -> Any:
    user = actor(request)
    (proposal,) = _proposals(user, [proposal_id])
    session = _session(user, session_id)
    services.session_record_votes(
        actor=user,
        session=session,
        proposal=proposal,
        votes={v.member_id: v.approve for v in payload.votes},
        in_writing=[v.member_id for v in payload.votes if v.in_writing],
    )
    return _votes(session, proposal)


@router.get(
    "/sessions/{session_id}/review-sheet",
    response={200: ReviewSheetOut, **READ},
    summary="Phiếu tổng hợp: số đồng ý, ngưỡng trên tổng số thành viên và quy tắc áp dụng",
)
def session_review_sheet(request: HttpRequest, session_id: PathId) -> dict[str, Any]:
    return _review_sheet(actor(request), session_id)


@router.post(
    "/sessions/{session_id}/close",
    response={200: ReviewSheetOut, **WRITE},
    summary="Kết thúc phiên họp: chốt kết quả từng đề nghị (thông qua / không thông qua)",
    description="Ngưỡng tính trên TỔNG số thành viên vào ngày họp (VOT-02, VOT-03, VOT-06); "
    "tỷ lệ có mặt (VOT-05): quy tắc bắt buộc không đạt: 409 `quorum_not_met`; quy tắc khuyến "
    "nghị: cần `override_reason` (409 `needs_override_reason`).",
)
def session_close(request: HttpRequest, session_id: PathId, payload: CloseIn) -> Any:
    user = actor(request)
    services.session_close(
        actor=user, session=_session(user, session_id), override_reason=payload.override_reason
    )
    return _review_sheet(user, session_id)


# Decisions -------------------------------------------------------------------------------------


def _decision_out(decision: Decision) -> dict[str, Any]:
    return {
        "id": decision.pk,
        "province_id": decision.province_id,
        "number": decision.number,
        "date": decision.date,
        "signer_name": decision.signer_name,
        "signer_title": decision.signer_title,
        "authority": decision.authority,
        "note": decision.note,
        "file_name": decision.file_name,
        "file_size": decision.file_size,
        "file_url": (
            reverse("api:decision_file", kwargs={"decision_id": decision.pk})
            if decision.file
            else None
        ),
        "created_at": decision.created_at,
        "lines_count": getattr(decision, "lines_count", 0),
    }


def _decision(user: User, pk: int) -> Decision:
    decision = selectors.decision_list_for_user(user=user).filter(pk=pk).first()
    if decision is None:
        raise NotFound()
    require(user, "decisions.view", decision.province)
    return decision


def _decision_detail(user: User, pk: int) -> dict[str, Any]:
    decision = _decision(user, pk)
    lines = selectors.decision_lines(decision=decision).select_related(
        "proposal__unit", "proposal__person"
    )
    return {
        **_decision_out(decision),
        "lines": [
            {
                "id": line.pk,
                "proposal_id": line.proposal_id,
                "award_record_id": line.award_record_id,
                "subject_name": _subject_name(line.proposal),
                "award_type": line.award_record.award_type,
                "award_name": _award_name(line.award_record.award_type),
                "year": line.award_record.year,
            }
            for line in lines
        ],
    }


@router.get(
    "/decisions",
    response={200: DecisionPage, **LIST},
    summary="Quyết định khen thưởng (mới nhất trước)",
)
def decision_list(request: HttpRequest, filters: Query[DecisionQuery]) -> dict[str, Any]:
    user = actor(request)
    require(user, "decisions.view")
    qs = selectors.decision_list_for_user(user=user)
    if filters.province_id is not None:
        qs = qs.filter(province_id=filters.province_id)
    if filters.year is not None:
        qs = qs.filter(Q(date__year=filters.year))
    count, rows = _page(qs, filters)
    return {"count": count, "items": [_decision_out(d) for d in rows]}


@router.post(
    "/decisions",
    response={200: DecisionDetail, 201: DecisionDetail, **WRITE},
    summary="Ghi quyết định khen thưởng: tạo bản ghi trong sổ theo dõi, đúng một lần",
    description="Multipart: các trường của quyết định, `proposal_ids` lặp lại, `file` (PDF, "
    "không bắt buộc). Mỗi đề nghị đã được Hội đồng thông qua thành một bản ghi khen thưởng và "
    "chuyển sang “đã có quyết định”. Gửi lại cùng số, ngày và đề nghị: 200 với quyết định đã ghi, "
    "không tạo thêm. Số, ngày đã dùng cho đề nghị khác: 409 `decision_exists`; đề nghị đã có "
    "quyết định: 409 `already_decided`; chưa được thông qua: 409 `proposal_not_approved`.",
)
def decision_create(
    request: HttpRequest,
    payload: Form[DecisionIn],
    file: File[UploadedFile | None] = None,
) -> Status[Any]:
    user = actor(request)
    province = province_get_for_user(user=user, pk=payload.province_id)
    started = timezone.now()
    decision = services.decision_record(
        actor=user,
        province=province,
        number=payload.number,
        date=payload.date,
        signer_name=payload.signer_name,
        signer_title=payload.signer_title,
        authority=payload.authority,
        note=payload.note,
        proposals=_proposals(user, payload.proposal_ids),
        file=file,
    )
    created = decision.created_at >= started
    return Status(201 if created else 200, _decision_detail(user, decision.pk))


@router.get(
    "/decisions/{decision_id}",
    response={200: DecisionDetail, **READ},
    summary="Một quyết định: các dòng, đề nghị và bản ghi trong sổ theo dõi khen thưởng",
)
def decision_get(request: HttpRequest, decision_id: PathId) -> dict[str, Any]:
    return _decision_detail(actor(request), decision_id)


@router.get(
    "/decisions/{decision_id}/file",
    response=READ,
    summary="Tệp quyết định (PDF)",
    url_name="decision_file",
    openapi_extra={
        "responses": {
            200: {
                "description": "Tệp quyết định.",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def decision_file(request: HttpRequest, decision_id: PathId) -> Any:
    decision = _decision(actor(request), decision_id)
    if not decision.file:
        raise NotFound(_("Quyết định chưa có tệp đính kèm."))
    try:
        handle = decision.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise NotFound() from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=decision.file_name or "quyet-dinh.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
