"""Input and output schemas of the emulation council (Hội đồng TĐKT), its sessions, members' votes
and the award decisions.

Inputs are bounded and cleaned here; the rules (thresholds of the council's total membership,
the quorum, who may vote, exactly-once registry records) live in the decisions services.
"""

import datetime
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import StrictBool, StrictInt

from thidua.api.schemas import PatchSchema
from thidua.api.types import MAX_ID, FullName, Id, LongText, Name, PageQuery, Year
from thidua.decisions.enums import CouncilRole, ReviewOutcome, SessionStatus
from thidua.dossiers.models import ProposalStatus

# A council has tens of members; a session reviews a season's proposals: hundreds at most.
MAX_MEMBERS = 200
MAX_PROPOSALS = 500

StrictId = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]
Required = Annotated[Name, Field(min_length=1)]


# --- outputs -------------------------------------------------------------------------------


class CouncilOut(Schema):
    id: int
    province_id: int
    name: str
    active: bool
    created_at: datetime.datetime
    members_count: int = Field(description="Số người từng là thành viên (mọi thời kỳ).")


class CouncilPage(Schema):
    count: int
    items: list[CouncilOut]


class CouncilMemberOut(Schema):
    id: int
    council_id: int
    full_name: str
    title: str
    role: CouncilRole
    role_label: str
    active_from: datetime.date
    active_to: datetime.date | None
    user_id: int | None


class CouncilDetail(CouncilOut):
    members: list[CouncilMemberOut]


class SessionOut(Schema):
    id: int
    council_id: int
    province_id: int
    date: datetime.date
    place: str
    status: SessionStatus
    members_total: int | None = Field(description="Tổng số thành viên, chốt khi kết thúc phiên.")
    present_count: int | None
    warnings: list[Any] = Field(description="Khuyến nghị của quy tắc chưa đạt, đã ghi lý do.")
    override_reason: str
    created_at: datetime.datetime
    closed_at: datetime.datetime | None
    proposals_count: int


class SessionPage(Schema):
    count: int
    items: list[SessionOut]


class SessionDetail(SessionOut):
    present_ids: list[int] = Field(description="Thành viên có mặt.")
    members: list[CouncilMemberOut] = Field(description="Thành viên Hội đồng vào ngày họp.")


class ReviewRowOut(Schema):
    proposal_id: int
    subject_name: str
    award_type: str
    award_name: str
    year: int
    status: ProposalStatus
    approvals: int
    disapprovals: int
    in_writing: int
    not_voted: int = Field(description="Chưa biểu quyết: tính như không đồng ý (trên tổng số).")
    members_total: int
    required: int = Field(description="Số phiếu đồng ý cần đạt, trên TỔNG số thành viên.")
    share_pct: float
    rule_id: str = Field(description="Quy tắc cho ngưỡng (VOT-02, VOT-03, VOT-06).")
    citation: str
    passes: bool = Field(description="Đạt theo phiếu đã ghi (kết quả chốt khi đã kết thúc).")
    outcome: ReviewOutcome | None = Field(description="Kết quả chốt khi kết thúc phiên.")


class ReviewSheetOut(Schema):
    session: SessionOut
    members_total: int
    present: int
    rows: list[ReviewRowOut]


class VoteOut(Schema):
    member_id: int
    member_name: str
    approve: bool
    in_writing: bool
    recorded_at: datetime.datetime


class DecisionOut(Schema):
    id: int
    province_id: int
    number: str
    date: datetime.date
    signer_name: str
    signer_title: str
    authority: str
    note: str
    file_name: str
    file_size: int | None
    file_url: str | None = Field(description="Tệp quyết định (PDF), nếu có.")
    created_at: datetime.datetime
    lines_count: int


class DecisionPage(Schema):
    count: int
    items: list[DecisionOut]


class DecisionLineOut(Schema):
    id: int
    proposal_id: int
    award_record_id: int = Field(description="Bản ghi trong sổ theo dõi khen thưởng.")
    subject_name: str
    award_type: str
    award_name: str
    year: int


class DecisionDetail(DecisionOut):
    lines: list[DecisionLineOut]


# --- inputs --------------------------------------------------------------------------------


class CouncilQuery(PageQuery):
    province_id: Id | None = None
    active: bool | None = None


class CouncilIn(Schema):
    province_id: Id
    name: Required


class CouncilPatch(PatchSchema):
    name: Required | None = None
    active: StrictBool | None = None


class CouncilMemberIn(Schema):
    full_name: Annotated[FullName, Field(min_length=1)]
    title: Name = ""
    role: CouncilRole = CouncilRole.MEMBER
    active_from: datetime.date
    active_to: datetime.date | None = None
    user_id: Id | None = Field(None, description="Tài khoản của thành viên (nếu có).")


class CouncilMemberPatch(PatchSchema):
    nullable = frozenset({"active_to", "user_id"})

    full_name: Annotated[FullName, Field(min_length=1)] | None = None
    title: Name | None = None
    role: CouncilRole | None = None
    active_from: datetime.date | None = None
    active_to: datetime.date | None = Field(None, description="Ngày thôi là thành viên.")
    user_id: Id | None = None


class SessionQuery(PageQuery):
    council_id: Id | None = None
    status: SessionStatus | None = None


class SessionIn(Schema):
    date: datetime.date
    place: Name = ""
    proposal_ids: Annotated[list[StrictId], Field(max_length=MAX_PROPOSALS)] = Field(
        default_factory=list, description="Đề nghị đã thẩm định hợp lệ đưa ra phiên họp."
    )


class PresentIn(Schema):
    member_ids: Annotated[list[StrictId], Field(max_length=MAX_MEMBERS)]


class ProposalIdsIn(Schema):
    ids: Annotated[list[StrictId], Field(min_length=1, max_length=MAX_PROPOSALS)]


class VoteIn(Schema):
    member_id: StrictId
    approve: StrictBool
    in_writing: StrictBool = Field(False, description="Ý kiến bằng văn bản (VOT-04).")


class VotesIn(Schema):
    votes: Annotated[list[VoteIn], Field(min_length=1, max_length=MAX_MEMBERS)]


class CloseIn(Schema):
    override_reason: LongText = Field(
        "",
        description="Lý do tiếp tục khi quy tắc chỉ khuyến nghị chưa đạt (`needs_override_reason`).",
    )


class DecisionQuery(PageQuery):
    province_id: Id | None = None
    year: Year | None = None


class DecisionIn(Schema):
    """Multipart form fields of a decision; `proposal_ids` repeated (`proposal_ids=1&proposal_ids=2`)."""

    province_id: Id
    number: Annotated[Name, Field(min_length=1, max_length=60)]
    date: datetime.date
    signer_name: Annotated[FullName, Field(min_length=1)]
    signer_title: Name = ""
    authority: Name = Field("", description="Bỏ trống: theo danh mục (cấp quyết định hình thức).")
    note: LongText = ""
    proposal_ids: Annotated[list[Id], Field(min_length=1, max_length=MAX_PROPOSALS)]
