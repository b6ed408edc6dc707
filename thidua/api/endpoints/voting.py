"""The year-end meeting: attendance, counting committee, polls, ballots, results and minutes.

Thin endpoints: reads through the voting selectors (scoped to the user; results only after a poll
closes), writes through the voting services, which check permissions and states. Errors keep the
API's one shape; a refusal carries the service's code (and, for a quota, the rule findings).
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Body, Query, Router, Status

from thidua.accounts.models import User
from thidua.accounts.selectors import user_in_scope_or_none
from thidua.api.auth import actor
from thidua.api.errors import LIST, READ, WRITE, Error
from thidua.api.schemas_voting import (
    AttendanceIn,
    AttendanceOut,
    AwardTypeOut,
    AwardTypeQuery,
    BallotIn,
    BallotListOut,
    CancelIn,
    CandidateIn,
    CandidateOut,
    CommitteeIn,
    CommitteeOut,
    IssuedOut,
    MeetingDetail,
    MeetingIn,
    MeetingOut,
    MeetingPatch,
    OpenIn,
    PaperEntryIn,
    PaperIssueIn,
    PollIn,
    PollOut,
    PollPatch,
    PollSummaryOut,
    ReceiptOut,
    ResolveIn,
    ResultOut,
    SheetOut,
    SheetStateOut,
    TurnoutOut,
    VoterStatusOut,
)
from thidua.api.types import PathId
from thidua.awards.rulebook import load_rulebook
from thidua.core.exceptions import Conflict, NotFound
from thidua.org.selectors import season_get_for_user, unit_get_for_user
from thidua.voting import selectors, services
from thidua.voting.enums import PollStatus
from thidua.voting.minutes import minutes_docx, minutes_pdf
from thidua.voting.models import Attendance, Candidate, CommitteeMember, Meeting, PaperSheet, Poll
from thidua.voting.selectors import PollSummary, SheetRow

router = Router(tags=["voting"])

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
# Reads that refuse before a poll closes (results, ballot list, minutes).
CLOSED_READ = {**READ, 403: Error, 409: Error}


def _award_name(code: str) -> str:
    if not code:
        return ""
    try:
        return load_rulebook().award_type(code).name
    except KeyError:
        return code


def _unit_ref(unit: Any) -> dict[str, Any]:
    return {"id": unit.pk, "code": unit.code, "name": unit.name, "short_name": unit.short_name}


# Meetings -------------------------------------------------------------------------------------


def _meeting_out(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.pk,
        "season_id": meeting.season_id,
        "title": meeting.title,
        "held_on": meeting.held_on,
        "place": meeting.place,
        "place_name": meeting.place_name,
        "chair_name": meeting.chair_name,
        "chair_title": meeting.chair_title,
        "secretary_name": meeting.secretary_name,
        "started_at": meeting.started_at,
        "ended_at": meeting.ended_at,
        "status": meeting.status,
        "note": meeting.note,
    }


def _attendance_out(row: Attendance) -> dict[str, Any]:
    return {
        "unit": _unit_ref(row.unit),
        "present": row.present,
        "delegate_name": row.delegate_name,
        "delegate_title": row.delegate_title,
    }


def _summary_out(row: PollSummary) -> dict[str, Any]:
    return {
        **_poll_out(row.poll, award_name=row.award_name),
        "candidates_count": row.candidates,
        "voted": row.voted,
        "members": row.members,
    }


def _meeting_detail(user: User, meeting: Meeting) -> dict[str, Any]:
    view = selectors.meeting_detail(user=user, meeting=meeting)
    return {
        **_meeting_out(view.meeting),
        "members": view.members,
        "present": view.present,
        "quorum_pct": view.quorum_share,
        "quorum_met": view.quorum_met,
        "attendances": [_attendance_out(row) for row in view.attendances],
        "committee": list(view.committee),
        "polls": [_summary_out(row) for row in view.polls],
    }


def _meeting(user: User, pk: int) -> Meeting:
    return selectors.meeting_get_for_user(user=user, pk=pk)


@router.get(
    "/seasons/{season_id}/meeting",
    response={200: MeetingDetail, **READ},
    summary="Hội nghị tổng kết của năm thi đua",
    description="Điểm danh, ban kiểm phiếu và các cuộc bỏ phiếu. 404 khi chưa có hội nghị.",
)
def meeting_of_season(request: HttpRequest, season_id: PathId) -> dict[str, Any]:
    user = actor(request)
    season = season_get_for_user(user=user, pk=season_id)
    meeting = selectors.meeting_for_season(user=user, season=season)
    if meeting is None:
        raise NotFound(_("Năm thi đua chưa có hội nghị tổng kết."))
    return _meeting_detail(user, meeting)


@router.post(
    "/seasons/{season_id}/meeting",
    response={201: MeetingDetail, **WRITE},
    summary="Lập hội nghị tổng kết của năm thi đua",
    description="Mỗi năm thi đua một hội nghị (`meeting_exists`); mọi thành viên được điểm danh "
    "vắng mặt cho đến khi cập nhật.",
)
def meeting_create(request: HttpRequest, season_id: PathId, payload: MeetingIn) -> Status[Any]:
    user = actor(request)
    season = season_get_for_user(user=user, pk=season_id)
    meeting = services.meeting_create(actor=user, season=season, **payload.model_dump())
    return Status(201, _meeting_detail(user, _meeting(user, meeting.pk)))


@router.get(
    "/meetings/{meeting_id}",
    response={200: MeetingDetail, **READ},
    summary="Một hội nghị tổng kết: điểm danh, ban kiểm phiếu, các cuộc bỏ phiếu",
)
def meeting_get(request: HttpRequest, meeting_id: PathId) -> dict[str, Any]:
    user = actor(request)
    return _meeting_detail(user, _meeting(user, meeting_id))


@router.patch(
    "/meetings/{meeting_id}",
    response={200: MeetingDetail, **WRITE},
    summary="Sửa thông tin hội nghị (ngày, địa điểm, chủ trì, thư ký)",
)
def meeting_patch(request: HttpRequest, meeting_id: PathId, payload: MeetingPatch) -> Any:
    user = actor(request)
    meeting = _meeting(user, meeting_id)
    services.meeting_update(actor=user, meeting=meeting, **payload.changes())
    return _meeting_detail(user, _meeting(user, meeting.pk))


@router.put(
    "/meetings/{meeting_id}/attendance/{unit_id}",
    response={200: AttendanceOut, **WRITE},
    summary="Điểm danh một đơn vị thành viên (có mặt, đại biểu)",
)
def attendance_put(
    request: HttpRequest, meeting_id: PathId, unit_id: PathId, payload: AttendanceIn
) -> dict[str, Any]:
    user = actor(request)
    meeting = _meeting(user, meeting_id)
    unit = unit_get_for_user(user=user, pk=unit_id)
    row = services.attendance_set(
        actor=user,
        meeting=meeting,
        unit=unit,
        present=payload.present,
        delegate_name=payload.delegate_name,
        delegate_title=payload.delegate_title,
    )
    return _attendance_out(row)


@router.post(
    "/meetings/{meeting_id}/committee",
    response={201: CommitteeOut, **WRITE},
    summary="Thêm thành viên ban kiểm phiếu",
)
def committee_add(
    request: HttpRequest, meeting_id: PathId, payload: CommitteeIn
) -> Status[CommitteeMember]:
    user = actor(request)
    meeting = _meeting(user, meeting_id)
    member = services.committee_add(
        actor=user,
        meeting=meeting,
        full_name=payload.full_name,
        title=payload.title,
        role=payload.role,
        user=user_in_scope_or_none(user=user, pk=payload.user_id),
    )
    return Status(201, member)


@router.delete(
    "/committee/{member_id}",
    response={204: None, **WRITE},
    summary="Bỏ một thành viên ban kiểm phiếu",
)
def committee_remove(request: HttpRequest, member_id: PathId) -> Status[None]:
    user = actor(request)
    member = CommitteeMember.objects.filter(pk=member_id).first()
    if member is None:
        raise NotFound()
    # The guarded fetch of the meeting answers "not found" outside the user's scope.
    member.meeting = _meeting(user, member.meeting_id)
    services.committee_remove(actor=user, member=member)
    return Status(204, None)


@router.post(
    "/meetings/{meeting_id}/start",
    response={200: MeetingOut, **WRITE},
    summary="Khai mạc hội nghị",
)
def meeting_start(request: HttpRequest, meeting_id: PathId) -> dict[str, Any]:
    user = actor(request)
    return _meeting_out(services.meeting_start(actor=user, meeting=_meeting(user, meeting_id)))


@router.post(
    "/meetings/{meeting_id}/end",
    response={200: MeetingOut, **WRITE},
    summary="Bế mạc hội nghị",
    description="Bị từ chối khi còn cuộc bỏ phiếu đang mở (`poll_open`).",
)
def meeting_end(request: HttpRequest, meeting_id: PathId) -> dict[str, Any]:
    user = actor(request)
    return _meeting_out(services.meeting_end(actor=user, meeting=_meeting(user, meeting_id)))


# Polls ----------------------------------------------------------------------------------------


def _poll_out(poll: Poll, *, award_name: str | None = None) -> dict[str, Any]:
    return {
        "id": poll.pk,
        "meeting_id": poll.meeting_id,
        "kind": poll.kind,
        "award_type": poll.award_type,
        "award_name": _award_name(poll.award_type) if award_name is None else award_name,
        "title": poll.title,
        "seats": poll.seats,
        "status": poll.status,
        "allow_online": poll.allow_online,
        "allow_paper": poll.allow_paper,
        "entries_required": poll.entries_required,
        "threshold_share": str(poll.threshold_share),
        "threshold_strict": poll.threshold_strict,
        "threshold_base": poll.threshold_base,
        "quorum_share": str(poll.quorum_share),
        "tie_policy": poll.tie_policy,
        "rule_ids": poll.rule_ids,
        "warnings": poll.warnings,
        "override_reason": poll.override_reason,
        "runoff_of_id": poll.runoff_of_id,
        "members_count": poll.members_count,
        "present_count": poll.present_count,
        "opened_at": poll.opened_at,
        "closed_at": poll.closed_at,
    }


def _poll(user: User, pk: int) -> Poll:
    return selectors.poll_get_for_user(user=user, pk=pk)


def _fresh_poll(user: User, poll: Poll) -> dict[str, Any]:
    return _poll_out(_poll(user, poll.pk))


@router.get(
    "/meetings/{meeting_id}/polls",
    response={200: list[PollSummaryOut], **READ},
    summary="Các cuộc bỏ phiếu của hội nghị",
)
def poll_list(request: HttpRequest, meeting_id: PathId) -> list[dict[str, Any]]:
    user = actor(request)
    view = selectors.meeting_detail(user=user, meeting=_meeting(user, meeting_id))
    return [_summary_out(row) for row in view.polls]


@router.post(
    "/meetings/{meeting_id}/polls",
    response={201: PollOut, **WRITE},
    summary="Lập cuộc bỏ phiếu (bình xét, suy tôn một hình thức; bầu trưởng, phó khối)",
    description="Quy tắc đang áp dụng (tỷ lệ đạt, cơ sở tính, tỷ lệ có mặt, khi bằng phiếu) được "
    "chép vào cuộc bỏ phiếu. Vượt chỉ tiêu: `quota_exceeded`, các quy tắc trong `details` "
    "(`rule_id`, `citation`, `message`, `blocking`); cảnh báo của quy tắc [U] cần "
    "`override_reason` (`needs_override_reason`).",
)
def poll_create(request: HttpRequest, meeting_id: PathId, payload: PollIn) -> Status[Any]:
    user = actor(request)
    meeting = _meeting(user, meeting_id)
    poll = services.poll_create(actor=user, meeting=meeting, **payload.model_dump())
    return Status(201, _fresh_poll(user, poll))


@router.get("/polls/{poll_id}", response={200: PollOut, **READ}, summary="Một cuộc bỏ phiếu")
def poll_get(request: HttpRequest, poll_id: PathId) -> dict[str, Any]:
    return _poll_out(_poll(actor(request), poll_id))


@router.patch(
    "/polls/{poll_id}",
    response={200: PollOut, **WRITE},
    summary="Sửa cuộc bỏ phiếu đang chuẩn bị",
    description="Chỉ khi chưa mở; số lượng bầu được kiểm lại theo chỉ tiêu như khi lập.",
)
def poll_patch(request: HttpRequest, poll_id: PathId, payload: PollPatch) -> dict[str, Any]:
    user = actor(request)
    poll = _poll(user, poll_id)
    changes = payload.changes()
    reason = changes.pop("override_reason", "")
    services.poll_update(actor=user, poll=poll, override_reason=reason, **changes)
    return _fresh_poll(user, poll)


def _candidate_out(row: Candidate) -> dict[str, Any]:
    return {
        "id": row.pk,
        "poll_id": row.poll_id,
        "unit": _unit_ref(row.unit),
        "order": row.order,
        "rank": row.rank,
        "total": row.total,
        "female_share": row.female_share,
        "selectable": row.selectable,
        "exclusion_rule": row.exclusion_rule,
        "exclusion_reason": row.exclusion_reason,
        "warning": row.warning,
    }


@router.get(
    "/polls/{poll_id}/candidates",
    response={200: list[CandidateOut], **READ},
    summary="Danh sách đơn vị trong phiếu bầu (theo xếp hạng)",
    description="Đơn vị bị loại trừ theo quy tắc cứng (ví dụ GEN-03) vẫn có trong danh sách, "
    "`selectable: false`, kèm quy tắc và lý do.",
)
def candidate_list(request: HttpRequest, poll_id: PathId) -> list[dict[str, Any]]:
    user = actor(request)
    poll = _poll(user, poll_id)
    return [_candidate_out(row) for row in selectors.poll_candidates(user=user, poll=poll)]


@router.post(
    "/polls/{poll_id}/candidates",
    response={201: CandidateOut, **WRITE},
    summary="Thêm đơn vị vào danh sách bầu",
)
def candidate_add(request: HttpRequest, poll_id: PathId, payload: CandidateIn) -> Status[Any]:
    user = actor(request)
    poll = _poll(user, poll_id)
    unit = unit_get_for_user(user=user, pk=payload.unit_id)
    return Status(201, _candidate_out(services.candidate_add(actor=user, poll=poll, unit=unit)))


@router.delete(
    "/candidates/{candidate_id}",
    response={204: None, **WRITE},
    summary="Bỏ một đơn vị khỏi danh sách bầu",
)
def candidate_remove(request: HttpRequest, candidate_id: PathId) -> Status[None]:
    user = actor(request)
    candidate = Candidate.objects.filter(pk=candidate_id).first()
    if candidate is None:
        raise NotFound()
    # The guarded fetch of the poll answers "not found" outside the user's scope.
    candidate.poll = _poll(user, candidate.poll_id)
    services.candidate_remove(actor=user, candidate=candidate)
    return Status(204, None)


@router.post(
    "/polls/{poll_id}/open",
    response={200: PollOut, **WRITE},
    summary="Mở bỏ phiếu",
    description="Kiểm tra tỷ lệ có mặt (`quorum_not_met`; cảnh báo của quy tắc [U] cần "
    "`override_reason`) và lập danh sách cử tri, mỗi đơn vị thành viên một phiếu. Thân yêu cầu "
    "có thể bỏ trống.",
)
def poll_open(
    request: HttpRequest, poll_id: PathId, payload: Body[OpenIn | None] = None
) -> dict[str, Any]:
    user = actor(request)
    poll = _poll(user, poll_id)
    reason = payload.override_reason if payload is not None else ""
    services.poll_open(actor=user, poll=poll, override_reason=reason)
    return _fresh_poll(user, poll)


@router.post(
    "/polls/{poll_id}/close",
    response={200: PollOut, **WRITE},
    summary="Kết thúc bỏ phiếu, kiểm phiếu và chốt kết quả",
    description="Bị từ chối khi còn phiếu giấy chưa nhập đủ hoặc lệch nhau (`paper_pending`). "
    "Kết quả và mã băm danh sách phiếu được chốt; bình xét tạo đề nghị khen thưởng (dự thảo), "
    "bầu trưởng, phó khối ghi vào năm thi đua sau.",
)
def poll_close(request: HttpRequest, poll_id: PathId) -> dict[str, Any]:
    user = actor(request)
    poll = _poll(user, poll_id)
    services.poll_close(actor=user, poll=poll)
    return _fresh_poll(user, poll)


@router.post(
    "/polls/{poll_id}/cancel",
    response={200: PollOut, **WRITE},
    summary="Huỷ cuộc bỏ phiếu (cần lý do)",
)
def poll_cancel(request: HttpRequest, poll_id: PathId, payload: CancelIn) -> dict[str, Any]:
    user = actor(request)
    poll = _poll(user, poll_id)
    services.poll_cancel(actor=user, poll=poll, reason=payload.reason)
    return _fresh_poll(user, poll)


@router.post(
    "/polls/{poll_id}/runoff",
    response={201: PollOut, **WRITE},
    summary="Bỏ phiếu lại giữa các đơn vị bằng phiếu",
    description="Cuộc bỏ phiếu mới (chuẩn bị) cho số chỗ còn lại của một cuộc đã kết thúc "
    "có kết quả bằng phiếu (VOT-11).",
)
def poll_runoff(request: HttpRequest, poll_id: PathId) -> Status[Any]:
    user = actor(request)
    runoff = services.poll_runoff(actor=user, poll=_poll(user, poll_id))
    return Status(201, _fresh_poll(user, runoff))


@router.get(
    "/polls/{poll_id}/turnout",
    response={200: TurnoutOut, **READ},
    summary="Tình hình bỏ phiếu: đơn vị đã bỏ, chưa bỏ, phiếu giấy đã nhập",
    description="Chỉ cho biết ai đã bỏ phiếu, không cho biết nội dung phiếu.",
)
def poll_turnout(request: HttpRequest, poll_id: PathId) -> dict[str, Any]:
    user = actor(request)
    t = selectors.turnout(user=user, poll=_poll(user, poll_id))
    return {
        "poll_id": t.poll.pk,
        "status": t.poll.status,
        "members": t.members,
        "present": t.present,
        "voted_online": t.voted_online,
        "paper_issued": t.paper_issued,
        "voted": t.voted,
        "sheets_agreed": t.sheets_agreed,
        "sheets_pending": t.sheets_pending,
        "sheets_conflict": t.sheets_conflict,
        "voted_units": list(t.voted_units),
        "waiting_units": list(t.waiting_units),
    }


# Ballots --------------------------------------------------------------------------------------


@router.post(
    "/polls/{poll_id}/ballots",
    response={201: ReceiptOut, **WRITE},
    summary="Bỏ phiếu trực tuyến (cán bộ của đơn vị thành viên)",
    description="Phiếu kín: không lưu người bỏ. Mã phiếu chỉ trả về một lần. Từ chối: "
    "`poll_not_open`, `online_not_allowed`, `already_voted`, `too_many_choices`, "
    "`invalid_choice`.",
)
def ballot_cast(request: HttpRequest, poll_id: PathId, payload: BallotIn) -> Status[Any]:
    user = actor(request)
    poll = _poll(user, poll_id)
    receipt = services.ballot_cast(actor=user, poll=poll, choices=payload.choices)
    return Status(201, {"receipt": receipt})


@router.get(
    "/polls/{poll_id}/my-status",
    response={200: VoterStatusOut, **READ},
    summary="Đơn vị mình đã bỏ phiếu chưa, còn được bỏ không",
)
def voter_status(request: HttpRequest, poll_id: PathId) -> dict[str, Any]:
    user = actor(request)
    status = selectors.voter_status(user=user, poll=_poll(user, poll_id))
    return {
        "can_vote": status.can_vote,
        "has_voted": status.has_voted,
        "channel": status.channel or None,
        "reason": status.reason,
    }


@router.post(
    "/polls/{poll_id}/paper/issue",
    response={200: IssuedOut, **WRITE},
    summary="Phát phiếu giấy cho đại biểu có mặt",
    description="Đơn vị nhận phiếu giấy không bỏ phiếu trực tuyến được nữa.",
)
def paper_issue(request: HttpRequest, poll_id: PathId, payload: PaperIssueIn) -> dict[str, int]:
    user = actor(request)
    poll = _poll(user, poll_id)
    units = [unit_get_for_user(user=user, pk=pk) for pk in dict.fromkeys(payload.unit_ids)]
    return {"issued": services.paper_issue(actor=user, poll=poll, units=units)}


def _sheet_out(row: SheetRow) -> dict[str, Any]:
    return {
        "number": row.number,
        "status": row.status,
        "entries": row.entries,
        "keyed_by_me": row.keyed_by_me,
        "entry_choices": [list(choices) for choices in row.entry_choices],
    }


def _sheet_state(poll: Poll, sheet: PaperSheet) -> dict[str, Any]:
    return {
        "number": sheet.number,
        "status": sheet.status,
        "entries": sheet.entries.count(),
        "entries_required": poll.entries_required,
        "resolution_note": sheet.resolution_note,
    }


@router.post(
    "/polls/{poll_id}/paper/entries",
    response={201: SheetStateOut, **WRITE},
    summary="Nhập một phiếu giấy (ban kiểm phiếu, nhập kép độc lập)",
    description="Khi đủ số lần nhập: các lần nhập khớp nhau thì phiếu được ghi (`agreed`), "
    "không khớp thì chờ xử lý (`conflict`).",
)
def paper_entry(request: HttpRequest, poll_id: PathId, payload: PaperEntryIn) -> Status[Any]:
    user = actor(request)
    poll = _poll(user, poll_id)
    sheet = services.paper_key(
        actor=user,
        poll=poll,
        number=payload.number,
        choices=payload.choices,
        marked_spoiled=payload.marked_spoiled,
    )
    return Status(201, _sheet_state(poll, sheet))


@router.get(
    "/polls/{poll_id}/paper/sheets",
    response={200: list[SheetOut], **READ},
    summary="Các phiếu giấy đã nhập và trạng thái đối chiếu",
)
def paper_sheet_list(request: HttpRequest, poll_id: PathId) -> list[dict[str, Any]]:
    user = actor(request)
    poll = _poll(user, poll_id)
    return [_sheet_out(row) for row in selectors.paper_sheets(user=user, poll=poll)]


@router.post(
    "/polls/{poll_id}/paper/sheets/{number}/resolve",
    response={200: SheetStateOut, **WRITE},
    summary="Xử lý phiếu giấy nhập không khớp (theo phiếu gốc, cần ghi chú)",
)
def paper_resolve(
    request: HttpRequest, poll_id: PathId, number: PathId, payload: ResolveIn
) -> dict[str, Any]:
    user = actor(request)
    poll = _poll(user, poll_id)
    sheet = poll.sheets.filter(number=number).first()
    if sheet is None:
        raise NotFound(_("Không tìm thấy phiếu giấy."))
    sheet = services.paper_resolve(
        actor=user,
        sheet=sheet,
        choices=payload.choices,
        marked_spoiled=payload.marked_spoiled,
        note=payload.note,
    )
    return _sheet_state(poll, sheet)


# Results and minutes --------------------------------------------------------------------------


@router.get(
    "/polls/{poll_id}/result",
    response={200: ResultOut, **CLOSED_READ},
    summary="Kết quả kiểm phiếu",
    description="Chỉ sau khi kết thúc bỏ phiếu (`poll_not_closed`): không có kết quả tạm.",
)
def poll_result(request: HttpRequest, poll_id: PathId) -> dict[str, Any]:
    user = actor(request)
    r = selectors.poll_result(user=user, poll=_poll(user, poll_id))
    return {
        "poll_id": r.poll.pk,
        "status": r.poll.status,
        "rows": [
            {
                "candidate_id": row.candidate.pk,
                "unit": _unit_ref(row.candidate.unit),
                "unit_name": row.unit_name,
                "votes": row.votes,
                "share_pct": row.share_pct,
                "passes_threshold": row.passes_threshold,
                "elected": row.elected,
                "tied": row.tied,
                "decided_by": row.decided_by,
            }
            for row in r.rows
        ],
        "members": r.members,
        "present": r.present,
        "issued": r.issued,
        "cast": r.cast,
        "valid": r.valid,
        "blank": r.blank,
        "spoiled": r.spoiled,
        "base": r.base,
        "required": r.required,
        "threshold_text": r.threshold_text,
        "rules": r.rules,
        "elected_names": list(r.elected_names),
        "tied_names": list(r.tied_names),
        "needs_runoff": bool(r.tied_names),
        "ballot_list_hash": r.ballot_list_hash,
        "notes": list(r.notes),
    }


@router.get(
    "/polls/{poll_id}/ballots",
    response={200: BallotListOut, **CLOSED_READ},
    summary="Danh sách phiếu (ẩn danh) để kiểm lại kết quả",
    description="Sau khi kết thúc bỏ phiếu. Mỗi phiếu: mã phiếu, hình thức, trạng thái, các đơn "
    "vị được chọn; `hash` tính lại từ danh sách, `matches` cho biết có trùng kết quả đã chốt.",
)
def ballot_list(request: HttpRequest, poll_id: PathId) -> dict[str, Any]:
    user = actor(request)
    listing = selectors.ballot_list(user=user, poll=_poll(user, poll_id))
    return {
        "poll_id": listing.poll.pk,
        "rows": [
            {
                "receipt": row.receipt,
                "channel": row.channel,
                "status": row.status,
                "choices": list(row.choices),
            }
            for row in listing.rows
        ],
        "hash": listing.hash,
        "matches": listing.matches,
    }


def _closed_poll(user: User, pk: int) -> Poll:
    poll = _poll(user, pk)
    if poll.status != PollStatus.CLOSED:
        raise Conflict(
            _("Cuộc bỏ phiếu chưa kết thúc: chưa có biên bản kiểm phiếu."),
            code="poll_not_closed",
        )
    return poll


def _download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _file_response(content_type: str) -> dict[str, Any]:
    return {
        "responses": {
            200: {
                "description": "Tệp biên bản kiểm phiếu.",
                "content": {content_type: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }


@router.get(
    "/polls/{poll_id}/minutes.docx",
    response=CLOSED_READ,
    summary="Biên bản kiểm phiếu (Word)",
    openapi_extra=_file_response(DOCX),
)
def minutes_word(request: HttpRequest, poll_id: PathId) -> HttpResponse:
    poll = _closed_poll(actor(request), poll_id)
    return _download(
        minutes_docx(poll), content_type=DOCX, filename=f"bien-ban-kiem-phieu-{poll.pk}.docx"
    )


@router.get(
    "/polls/{poll_id}/minutes.pdf",
    response=CLOSED_READ,
    summary="Biên bản kiểm phiếu (PDF)",
    openapi_extra=_file_response(PDF),
)
def minutes_pdf_file(request: HttpRequest, poll_id: PathId) -> HttpResponse:
    poll = _closed_poll(actor(request), poll_id)
    return _download(
        minutes_pdf(poll), content_type=PDF, filename=f"bien-ban-kiem-phieu-{poll.pk}.pdf"
    )


# Award catalogue ------------------------------------------------------------------------------


@router.get(
    "/award-types",
    response={200: list[AwardTypeOut], **LIST},
    summary="Danh mục hình thức khen thưởng",
    description="`bloc_vote=true`: chỉ các hình thức khối thi đua bình xét, suy tôn.",
)
def award_type_list(request: HttpRequest, filters: Query[AwardTypeQuery]) -> list[dict[str, Any]]:
    return [
        {
            "code": item.code,
            "name": item.name,
            "category": item.category,
            "subject": item.subject,
            "level": item.level,
            "decided_by": item.decided_by,
            "rule_ids": list(item.rule_ids),
            "bloc_vote": item.bloc_vote,
            "order": item.order,
        }
        for item in load_rulebook().award_types(bloc_vote=filters.bloc_vote)
    ]
