"""Input and output schemas of the year-end meeting endpoints (meeting, polls, ballots, results).

Inputs are bounded and cleaned here; the rules (quorum, quotas, thresholds, who may vote) live in
the voting services.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import StrictBool, StrictInt, StringConstraints

from thidua.api.schemas import PatchSchema, UnitRef
from thidua.api.types import MAX_ID, FullName, Id, LongText, Name, Position
from thidua.voting.enums import (
    Channel,
    CommitteeRole,
    MeetingStatus,
    PollKind,
    PollStatus,
    SheetStatus,
    ThresholdBase,
    TiePolicy,
)

# A ballot names at most a bloc's worth of candidates; longer lists are refused before the
# service counts them (which answers `too_many_choices` against the poll's seats).
MAX_CHOICES = 100
# Paper ballots are numbered per poll; a bloc has tens of members, never thousands.
MAX_SHEET_NUMBER = 9999

AwardCode = Annotated[str, StringConstraints(max_length=60, pattern=r"^[a-z0-9_]*$")]
# Ids on a ballot are JSON integers only: `true` or "12" never stand for a candidate or a unit.
StrictId = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]
Choices = Annotated[list[StrictId], Field(max_length=MAX_CHOICES)]
Seats = Annotated[StrictInt, Field(ge=1, le=100)]
EntriesRequired = Annotated[StrictInt, Field(ge=1, le=3)]

# --- outputs -------------------------------------------------------------------------------


class MeetingOut(Schema):
    id: int
    season_id: int
    title: str
    held_on: datetime.date
    place: str
    place_name: str
    chair_name: str
    chair_title: str
    secretary_name: str
    started_at: datetime.datetime | None
    ended_at: datetime.datetime | None
    status: MeetingStatus
    note: str


class AttendanceOut(Schema):
    unit: UnitRef
    present: bool
    delegate_name: str
    delegate_title: str


class CommitteeOut(Schema):
    id: int
    meeting_id: int
    full_name: str
    title: str
    role: CommitteeRole
    user_id: int | None
    order: int


class PollOut(Schema):
    id: int
    meeting_id: int
    kind: PollKind
    award_type: str
    award_name: str = Field(description="Tên hình thức khen thưởng; rỗng với bầu trưởng, phó khối.")
    title: str
    seats: int
    status: PollStatus
    allow_online: bool
    allow_paper: bool
    entries_required: int = Field(description="Số thành viên ban kiểm phiếu nhập mỗi phiếu giấy.")
    threshold_share: str = Field(description="Tỷ lệ đạt, phân số chính xác, ví dụ `1/2`, `4/5`.")
    threshold_strict: bool = Field(description="`true`: phải vượt quá tỷ lệ; `false`: từ tỷ lệ.")
    threshold_base: ThresholdBase
    quorum_share: str = Field(description="Tỷ lệ có mặt tối thiểu, phân số, ví dụ `4/5`.")
    tie_policy: TiePolicy
    rule_ids: dict[str, Any] = Field(
        description="Quy tắc đã cho từng giá trị (`threshold`, `quorum`, `seats`, `tie`, …): "
        "mã (ví dụ VOT-13), căn cứ, mức tin cậy."
    )
    warnings: list[Any]
    override_reason: str
    runoff_of_id: int | None
    members_count: int
    present_count: int
    opened_at: datetime.datetime | None
    closed_at: datetime.datetime | None


class PollSummaryOut(PollOut):
    candidates_count: int
    voted: int = Field(description="Số đơn vị đã bỏ phiếu (trực tuyến hoặc đã nhận phiếu giấy).")
    members: int


class MeetingDetail(MeetingOut):
    members: int
    present: int
    quorum_pct: Decimal = Field(
        description="Tỷ lệ có mặt tối thiểu (%) theo quy tắc đang áp dụng cho năm thi đua."
    )
    quorum_met: bool
    attendances: list[AttendanceOut]
    committee: list[CommitteeOut]
    polls: list[PollSummaryOut]


class CandidateOut(Schema):
    id: int
    poll_id: int
    unit: UnitRef
    order: int
    rank: int | None
    total: Decimal | None
    female_share: Decimal | None
    selectable: bool
    exclusion_rule: str
    exclusion_reason: str
    warning: str


class TurnoutOut(Schema):
    poll_id: int
    status: PollStatus
    members: int
    present: int
    voted_online: int
    paper_issued: int
    voted: int
    sheets_agreed: int
    sheets_pending: int
    sheets_conflict: int
    voted_units: list[str] = Field(description="Đơn vị đã bỏ phiếu (không kèm nội dung phiếu).")
    waiting_units: list[str]


class ReceiptOut(Schema):
    receipt: str = Field(
        description="Mã phiếu, chỉ hiện một lần; dùng để tìm phiếu của mình trong danh sách phiếu."
    )


class VoterStatusOut(Schema):
    can_vote: bool
    has_voted: bool
    channel: Channel | None
    reason: str


class IssuedOut(Schema):
    issued: int


class SheetOut(Schema):
    number: int
    status: SheetStatus
    entries: int
    keyed_by_me: bool
    entry_choices: list[list[str]] = Field(
        description="Mã đơn vị của từng lần nhập; chỉ hiện khi phiếu đã nhập đủ (nhập kép, độc lập)."
    )


class SheetStateOut(Schema):
    """A paper ballot after one keying or a resolution; the other entries stay hidden."""

    number: int
    status: SheetStatus
    entries: int
    entries_required: int
    resolution_note: str


class ResultRowOut(Schema):
    candidate_id: int
    unit: UnitRef
    unit_name: str
    votes: int
    share_pct: Decimal
    passes_threshold: bool
    elected: bool
    tied: bool
    decided_by: str = Field(description="Quy tắc quyết định dòng này (VOT-13, GEN-05, VOT-11).")


class ResultOut(Schema):
    poll_id: int
    status: PollStatus
    rows: list[ResultRowOut]
    members: int
    present: int
    issued: int
    cast: int
    valid: int
    blank: int
    spoiled: int
    base: int
    required: int
    threshold_text: str
    rules: dict[str, Any]
    elected_names: list[str]
    tied_names: list[str]
    needs_runoff: bool
    ballot_list_hash: str
    notes: list[str]


class BallotRowOut(Schema):
    receipt: str
    channel: Channel
    status: str = Field(description="`valid`, `blank` hoặc `spoiled`.")
    choices: list[str] = Field(description="Mã các đơn vị được chọn, theo thứ tự chữ cái.")


class BallotListOut(Schema):
    poll_id: int
    rows: list[BallotRowOut]
    hash: str = Field(description="SHA-256 của danh sách phiếu (JSON chuẩn tắc), tính lại lúc đọc.")
    matches: bool = Field(
        description="Mã băm và kết quả kiểm lại trùng với kết quả đã chốt khi đóng cuộc bỏ phiếu."
    )


class AwardTypeOut(Schema):
    code: str
    name: str
    category: str
    subject: str
    level: str
    decided_by: str
    rule_ids: list[str]
    bloc_vote: bool
    order: int


# --- inputs --------------------------------------------------------------------------------


class MeetingIn(Schema):
    held_on: datetime.date
    title: Name = Field("", description="Bỏ trống: đặt theo năm thi đua.")
    place: Name = ""
    place_name: FullName = Field("", description="Địa danh ghi trên văn bản, ví dụ “Yên Bái”.")
    chair_name: Position = ""
    chair_title: Name = ""
    secretary_name: Position = ""
    note: LongText = ""


class MeetingPatch(PatchSchema):
    held_on: datetime.date | None = None
    title: Name | None = None
    place: Name | None = None
    place_name: FullName | None = None
    chair_name: Position | None = None
    chair_title: Name | None = None
    secretary_name: Position | None = None
    note: LongText | None = None


class AttendanceIn(Schema):
    present: StrictBool
    delegate_name: Position = ""
    delegate_title: Name = ""


class CommitteeIn(Schema):
    full_name: Position
    title: Name = ""
    role: CommitteeRole = CommitteeRole.MEMBER
    user_id: Id | None = Field(None, description="Tài khoản dùng để nhập phiếu giấy (nếu có).")


class PollIn(Schema):
    kind: PollKind
    award_type: AwardCode = Field("", description="Mã hình thức khen thưởng (bình xét, suy tôn).")
    seats: Seats = 1
    title: Name = ""
    allow_online: StrictBool = True
    allow_paper: StrictBool = True
    entries_required: EntriesRequired = 2
    tie_policy: TiePolicy | None = None
    override_reason: LongText = Field(
        "", description="Lý do vượt cảnh báo của quy tắc chưa chắc chắn ([U])."
    )


class PollPatch(PatchSchema):
    title: Name | None = None
    seats: Seats | None = None
    allow_online: StrictBool | None = None
    allow_paper: StrictBool | None = None
    entries_required: EntriesRequired | None = None
    tie_policy: TiePolicy | None = None
    override_reason: LongText | None = None


class CandidateIn(Schema):
    unit_id: Id


class OpenIn(Schema):
    override_reason: LongText = Field("", description="Lý do mở khi chưa đủ tỷ lệ có mặt ([U]).")


class CancelIn(Schema):
    reason: Annotated[LongText, Field(min_length=1)]


class BallotIn(Schema):
    choices: Choices = Field(
        description="Mã các ứng viên (candidate id) được chọn; rỗng: phiếu trắng."
    )


class PaperIssueIn(Schema):
    unit_ids: Annotated[list[StrictId], Field(min_length=1, max_length=MAX_CHOICES)]


class PaperEntryIn(Schema):
    number: Annotated[StrictInt, Field(ge=1, le=MAX_SHEET_NUMBER)]
    choices: Choices = Field(default_factory=list)
    marked_spoiled: StrictBool = False


class ResolveIn(Schema):
    choices: Choices = Field(default_factory=list)
    marked_spoiled: StrictBool = False
    note: Annotated[LongText, Field(min_length=1)]


class AwardTypeQuery(Schema):
    bloc_vote: bool | None = Field(None, description="`true`: chỉ các hình thức khối bình xét.")
