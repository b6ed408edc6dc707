"""Input and output schemas of proposals, dossiers, their files, the workflow's steps and the
generated documents.

Inputs are bounded and cleaned here (NUL bytes refused, text NFC); the rules (who acts at which
step, the checks before submission, the files' content) live in the dossier services.
"""

import datetime
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import AfterValidator, StrictBool, StrictInt, StringConstraints

from thidua.api.schemas import PatchSchema, UnitRef
from thidua.api.types import MAX_ID, FullName, Id, LongText, Name, PageQuery, Year, _clean
from thidua.dossiers.models import ProposalStatus

# A board receives or returns a season's proposals at once: tens, never thousands.
MAX_BULK = 500
# A unit proposes LĐTT for its staff: at most a few hundred people in one request.
MAX_PEOPLE = 500

AwardCode = Annotated[str, StringConstraints(max_length=60, pattern=r"^[a-z0-9_]+$")]
StrictId = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]
BulkIds = Annotated[list[StrictId], Field(min_length=1, max_length=MAX_BULK)]
Summary = Annotated[str, StringConstraints(max_length=20_000), AfterValidator(_clean)]
LetterNumber = Annotated[str, StringConstraints(max_length=20), AfterValidator(_clean)]
LetterSymbol = Annotated[str, StringConstraints(max_length=40), AfterValidator(_clean)]
FileKind = Annotated[str, StringConstraints(max_length=40), AfterValidator(_clean)]
Reason = Annotated[LongText, Field(description="Lý do (bắt buộc, tối đa 4000 ký tự).")]


# --- outputs -------------------------------------------------------------------------------


class PersonRef(Schema):
    id: int
    full_name: str
    unit_id: int


class ProposalOut(Schema):
    id: int
    status: ProposalStatus
    status_label: str
    award_type: str
    award_name: str
    year: int
    subject_kind: str = Field(description="collective: tập thể (đơn vị); individual: cá nhân.")
    subject_name: str
    unit: UnitRef | None
    person: PersonRef | None
    province_id: int
    submitting_unit: UnitRef | None
    season_id: int | None
    bloc_id: int | None
    dossier_id: int | None
    source_poll_id: int | None
    votes: int | None
    vote_share: str | None = Field(description="Tỷ lệ phiếu của cuộc bỏ phiếu, ví dụ `0.7778`.")
    summary: str
    override_reason: str = Field(description="Lý do vẫn trình khi chưa đủ điều kiện.")
    return_reason: str = Field(description="Lý do trả lại gần nhất.")
    created_at: datetime.datetime
    submitted_at: datetime.datetime | None
    received_at: datetime.datetime | None
    appraised_at: datetime.datetime | None
    decided_at: datetime.datetime | None
    due_at: datetime.date | None = Field(description="Hạn xử lý của bước hiện tại (ngày làm việc).")
    overdue: bool = Field(description="Ban đang giữ và đã quá hạn xử lý (§4.2).")
    next_statuses: list[ProposalStatus] = Field(
        description="Các trạng thái quy trình cho phép chuyển sang (chưa xét quyền)."
    )


class ProposalPage(Schema):
    count: int
    items: list[ProposalOut]
    inbox: bool = Field(
        description="`true`: hộp việc của Ban (không gồm dự thảo; mặc định các trạng thái Ban "
        "đang giữ, theo hạn xử lý)."
    )
    counts: dict[str, int] = Field(
        description="Số đề nghị theo từng trạng thái (theo các lọc khác)."
    )
    overdue: int = Field(description="Số đề nghị quá hạn trong các đề nghị đã lọc.")


class EventOut(Schema):
    id: int
    from_status: str
    to_status: ProposalStatus
    actor_name: str
    at: datetime.datetime
    note: str


class FileOut(Schema):
    id: int
    proposal_id: int | None
    dossier_id: int | None
    kind: str
    kind_name: str
    original_name: str
    content_type: str
    size: int
    sha256: str
    by_board: bool = Field(description="Giấy tờ do Ban đính kèm (báo cáo thẩm định, ý kiến).")
    uploaded_by: str
    uploaded_at: datetime.datetime
    url: str = Field(description="Đường dẫn tải tệp (cần mã truy cập).")


class DocumentCheckOut(Schema):
    kind: str
    name: str
    required: bool
    rule_id: str
    citation: str
    present: bool
    generated: bool = Field(description="Hệ thống tự lập được từ dữ liệu (tờ trình, biên bản).")
    missing: bool


class ReasonCheckOut(Schema):
    rule_id: str
    citation: str
    text: str
    met: bool | None
    binding: bool
    blocking: bool


class QuotaCheckOut(Schema):
    rule_id: str
    citation: str
    quota: int
    count: int
    binding: bool
    exceeded: bool


class ChecksOut(Schema):
    status: str = Field(description="eligible, needs_check, not_eligible hoặc unknown.")
    decided_by: str
    needs_override: bool = Field(
        description="Trình khi chưa đủ điều kiện hoặc thiếu giấy tờ cần ghi lý do "
        "(`override_reason`)."
    )
    documents: list[DocumentCheckOut]
    reasons: list[ReasonCheckOut]
    quotas: list[QuotaCheckOut]
    quota_note: str
    checked_on: datetime.date | None


class ProposalDetail(ProposalOut):
    events: list[EventOut]
    files: list[FileOut]
    checks: ChecksOut = Field(description="Kiểm tra trước khi trình, tính tại thời điểm đọc.")
    eligibility: dict[str, Any] = Field(description="Kết quả kiểm tra lưu lại lúc trình.")


class DossierOut(Schema):
    id: int
    province_id: int
    season_id: int | None
    submitting_unit: UnitRef
    year: int
    title: str
    letter_number: str
    letter_symbol: str
    letter_date: datetime.date | None
    reference: str = Field(description="Số, ký hiệu tờ trình như in sau “Số:”, ví dụ `12/TTr-KTĐ`.")
    simplified: bool
    created_at: datetime.datetime
    submitted_at: datetime.datetime | None
    proposals_count: int


class DossierPage(Schema):
    count: int
    items: list[DossierOut]


class DossierDetail(DossierOut):
    proposals: list[ProposalOut]
    files: list[FileOut]


class DocumentOut(Schema):
    kind: str
    title: str
    docx_url: str
    pdf_url: str


class DocumentListOut(Schema):
    proposal_ids: list[int]
    pack_url: str = Field(description="Cả bộ hồ sơ (mọi văn bản, .docx và PDF) trong một tệp zip.")
    items: list[DocumentOut]


# --- inputs --------------------------------------------------------------------------------


class ProposalQuery(PageQuery):
    status: ProposalStatus | None = Field(
        None, description="Bỏ trống: với Ban, các trạng thái Ban đang giữ; với người khác, tất cả."
    )
    bloc_id: Id | None = Field(None, description="Đề nghị của khối (theo năm thi đua của khối).")
    award_type: AwardCode | None = None
    year: Year | None = None
    overdue: bool = Field(False, description="`true`: chỉ các đề nghị quá hạn xử lý.")
    unit_id: Id | None = Field(
        None,
        description="Đề nghị của đơn vị: cho đơn vị, cho cán bộ của đơn vị, hoặc do đơn vị trình.",
    )


class ProposalIn(Schema):
    unit_id: Id = Field(
        description="Đơn vị đề nghị (tập thể được đề nghị, hoặc đơn vị của cá nhân)."
    )
    award_type: AwardCode
    year: Year
    summary: Summary = ""
    person_ids: Annotated[list[StrictId], Field(max_length=MAX_PEOPLE)] | None = Field(
        None,
        description="Danh sách cá nhân của đơn vị (LĐTT, CSTĐ cơ sở…): mỗi người một đề nghị. "
        "Bỏ trống: đề nghị cho chính đơn vị.",
    )


class ProposalPatch(PatchSchema):
    summary: Summary | None = None
    award_type: AwardCode | None = None


class SubmitIn(Schema):
    override_reason: LongText = Field(
        "",
        description="Lý do vẫn trình khi chưa đủ điều kiện, vượt hạn mức hoặc thiếu giấy tờ; "
        "thiếu lý do: 422 `override_required`, các điểm chưa đạt trong `details`.",
    )


class ReasonIn(Schema):
    reason: Reason


class NoteIn(Schema):
    note: LongText = ""


class BulkIn(Schema):
    ids: BulkIds


class BulkReturnIn(Schema):
    ids: BulkIds
    reason: Reason


class DossierQuery(PageQuery):
    year: Year | None = None
    unit_id: Id | None = Field(None, description="Đơn vị trình.")
    season_id: Id | None = None


class DossierIn(Schema):
    submitting_unit_id: Id
    year: Year
    season_id: Id | None = None
    title: Name = ""
    letter_number: LetterNumber = ""
    letter_symbol: LetterSymbol = ""
    letter_date: datetime.date | None = None
    simplified: StrictBool = False
    proposal_ids: Annotated[list[StrictId], Field(max_length=MAX_BULK)] = Field(
        default_factory=list
    )


class DossierPatch(PatchSchema):
    title: Name | None = None
    letter_number: LetterNumber | None = None
    letter_symbol: LetterSymbol | None = None
    letter_date: datetime.date | None = None
    simplified: StrictBool | None = None


class DocumentsQuery(Schema):
    ids: Annotated[list[Id], Field(min_length=1, max_length=MAX_BULK)] = Field(
        description="Các đề nghị của cùng một khối, cùng một năm (`ids=1&ids=2`)."
    )
    number: LetterNumber = Field("", description="Số tờ trình; bỏ trống để điền tay.")
    date: datetime.date | None = Field(None, description="Ngày ký; mặc định hôm nay.")
    signer: FullName | None = Field(None, description="Người ký; mặc định chủ trì hội nghị.")
