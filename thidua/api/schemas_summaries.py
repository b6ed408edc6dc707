"""Schemas of a bloc's year-end summary report (`GET /seasons/{season_id}/summary`): the data
`reports.selectors.summary.season_summary` reads, section by section, and the report's options.

Points are JSON numbers with at most two decimals; vote shares are exact fractions of the total
membership ("7/10") with the percentage beside them.
"""

import datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError


class Ref(Schema):
    id: int
    name: str


class MemberOut(Schema):
    id: int
    name: str
    role: str = Field(description="`leader` (trưởng khối), `deputy` (phó trưởng khối) hoặc rỗng.")
    signed_covenant: bool
    present: bool | None = Field(
        description="Có mặt tại hội nghị tổng kết; null khi chưa điểm danh."
    )


class CriteriaGroupOut(Schema):
    code: str
    title: str
    kind: str = Field(description="`group`, `criterion`, `bonus` hoặc `deduction`.")
    max_points: float


class CovenantOut(Schema):
    id: int
    title: str
    status: str
    signing_date: datetime.date | None
    total_points: float
    scoring_mode: str
    items: list[str] = Field(description="Nội dung giao ước, theo thứ tự.")
    groups: list[CriteriaGroupOut] = Field(description="Các dòng cấp 1 của bảng điểm.")
    signed: int = Field(description="Số đơn vị thành viên đã ký trực tuyến.")


class MovementOut(Schema):
    id: int
    name: str
    kind: str = Field(description="`regular`, `thematic` hoặc `ad_hoc`.")
    launched_by: str
    start_date: datetime.date
    end_date: datetime.date | None


class RegistrationOut(Schema):
    unit: Ref
    status: str
    aimed_titles: list[str]


class RankingRowOut(Schema):
    rank: int | None = Field(description="Null: đơn vị không được xếp hạng (quy tắc loại trừ).")
    unit: Ref
    base: float
    bonus: float
    deduction: float
    total: float
    band: str = Field(description="Xếp loại (nhãn), rỗng khi không có.")
    card_status: str
    unreviewed: bool = Field(description="Điểm tự chấm, chưa thẩm định.")
    note: str = Field(description="Ghi chú khi bằng điểm, hoặc lý do không xếp hạng.")
    excluded_rule: str


class RankingOut(Schema):
    table_total: float
    tie_breaks: list[str]
    rows: list[RankingRowOut] = Field(
        description="Các đơn vị đã có bảng chấm điểm theo hạng, sau đó các đơn vị bị loại trừ."
    )


class MeetingOut(Schema):
    id: int
    title: str
    held_on: datetime.date
    place: str
    chair_name: str
    chair_title: str
    secretary_name: str
    status: str
    present: int = Field(description="Số đơn vị thành viên có mặt.")


class VoteRowOut(Schema):
    unit: Ref
    votes: int
    share: str = Field(description="Phân số trên tổng số thành viên, ví dụ `7/10`.")
    share_pct: float = Field(description="Tỷ lệ phần trăm trên tổng số thành viên, 2 chữ số lẻ.")
    passes_threshold: bool
    elected: bool
    tied: bool


class PollOut(Schema):
    id: int
    kind: str = Field(description="`nomination`, `leader` hoặc `deputy`.")
    title: str
    award_type: str
    award_name: str
    status: str
    seats: int
    members: int = Field(description="Tổng số thành viên: cơ sở tính tỷ lệ (VOT-02/03).")
    present: int
    cast: int
    valid: int
    blank: int
    spoiled: int
    base: int = Field(description="Cơ sở của ngưỡng đạt theo quy định của cuộc bỏ phiếu.")
    threshold_base: str
    threshold_share: str = Field(description="Tỷ lệ đạt, phân số, ví dụ `1/2`.")
    threshold_strict: bool = Field(description="Phải vượt quá tỷ lệ (trên), không chỉ đạt (từ).")
    required: int = Field(description="Số phiếu cần đạt.")
    rule_id: str
    rule_citation: str
    rows: list[VoteRowOut] = Field(
        description="Kết quả đã chốt khi kết thúc; rỗng khi chưa kết thúc."
    )


class ProposalOut(Schema):
    id: int
    subject: str
    unit: str
    is_person: bool
    award_type: str
    award_name: str
    status: str
    votes: int | None
    vote_share_pct: float | None
    decision_number: str


class DecisionLineOut(Schema):
    subject: str
    award_name: str


class DecisionOut(Schema):
    id: int
    number: str
    date: datetime.date
    authority: str
    signer_name: str
    signer_title: str
    lines: list[DecisionLineOut]


class AwardLineOut(Schema):
    unit: str
    award_type: str
    award_name: str
    decision_number: str
    decision_date: datetime.date | None
    issuer: str


class AwardCountOut(Schema):
    award_type: str
    award_name: str
    count: int


class NextYearOut(Schema):
    year: int
    season_id: int | None
    leader: Ref | None
    deputy: Ref | None
    leader_poll_id: int | None = Field(description="Cuộc bầu trưởng khối tại hội nghị năm nay.")
    deputy_poll_id: int | None


class SummaryOut(Schema):
    season_id: int
    year: int
    finished: bool = Field(
        description="Hội nghị tổng kết đã kết thúc; false: báo cáo là dự thảo (`DỰ THẢO`)."
    )
    bloc: Ref
    bloc_kind: str
    province: Ref
    leader: Ref | None
    deputy: Ref | None
    members: list[MemberOut]
    covenant: CovenantOut | None
    movements: list[MovementOut]
    registrations: list[RegistrationOut]
    ranking: RankingOut
    meeting: MeetingOut | None
    polls: list[PollOut]
    proposals: list[ProposalOut]
    decisions: list[DecisionOut]
    unit_awards: list[AwardLineOut] = Field(description="Dòng sổ khen thưởng của các đơn vị.")
    person_awards: list[AwardCountOut] = Field(
        description="Dòng sổ khen thưởng của cá nhân thuộc các đơn vị, đếm theo hình thức."
    )
    next_year: NextYearOut
    docx_url: str
    pdf_url: str


def _report_day(value: datetime.date) -> datetime.date:
    if not 2000 <= value.year <= 2100:
        raise PydanticCustomError("date_range", "Ngày báo cáo phải trong khoảng năm 2000 đến 2100.")
    return value


ReportNumber = Annotated[str, StringConstraints(max_length=6, pattern=r"^[0-9]*$")]
ReportDay = Annotated[datetime.date, AfterValidator(_report_day)]


class SummaryFileQuery(Schema):
    number: ReportNumber = Field("", description="Số báo cáo (chữ số); bỏ trống để điền tay.")
    date: ReportDay | None = Field(
        None, description="Ngày báo cáo, mặc định hôm nay; căn cứ pháp lý theo ngày này."
    )


__all__ = ["SummaryFileQuery", "SummaryOut"]
