"""Schemas of eligibility: a scope's list for an award and a year, a person's or a unit's
verdicts, next year's candidates of an award's chain.

The award type and the year are checked by the selectors (422 unknown_award_type,
invalid_year; 400 missing_scope when no province, bloc or unit is given).
"""

from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import StringConstraints

from thidua.api.types import Id, PageQuery

StatusName = Literal["eligible", "needs_check", "not_eligible"]
AwardCode = Annotated[str, StringConstraints(max_length=100)]
STATUS_HELP = (
    "eligible: đủ điều kiện; needs_check: cần người xem xét (điều kiện hệ thống không biết); "
    "not_eligible: chưa đủ điều kiện (decided_by nêu quy tắc)."
)


class ReasonOut(Schema):
    rule_id: str = Field(description="Mã quy tắc trong bộ quy tắc (GET /rulebook).")
    citation: str = Field(description="Căn cứ pháp lý của phiên bản quy tắc có hiệu lực năm đó.")
    text: str = Field(description="Điều đã kiểm tra và điều sổ theo dõi cho thấy (tiếng Việt).")
    met: bool | None = Field(description="true: đạt; false: không đạt; null: cần người kiểm tra.")


class EligibilityRowOut(Schema):
    subject_kind: Literal["individual", "collective"]
    person_id: int | None = Field(description="Cá nhân; null với tập thể.")
    unit_id: int = Field(description="Đơn vị của cá nhân, hoặc chính tập thể.")
    subject_name: str
    unit_name: str
    province_id: int
    status: StatusName = Field(description=STATUS_HELP)
    decided_by: str = Field(description="Quy tắc quyết định kết quả; rỗng khi đủ điều kiện.")
    reasons: list[ReasonOut]
    chain: int | None = Field(
        None,
        description="Ứng viên năm sau: số năm liên tục đạt danh hiệu của chuỗi tính đến năm "
        "`year`; null trong danh sách đủ điều kiện.",
    )


class StatusCounts(Schema):
    eligible: int
    needs_check: int
    not_eligible: int


class EligibilityScopeOut(Schema):
    province_id: int | None
    bloc_id: int | None
    unit_id: int | None


class EligibilityPage(Schema):
    award_type: str
    award_name: str
    subject_kind: Literal["individual", "collective"]
    year: int = Field(description="Năm thành tích được xét.")
    scope: EligibilityScopeOut
    counts: StatusCounts = Field(description="Số đối tượng theo kết quả (không theo `status`).")
    count: int = Field(description="Số dòng phù hợp `status` (trước phân trang).")
    items: list[EligibilityRowOut]


class CandidatePage(EligibilityPage):
    target_year: int = Field(description="Năm được xét: year + 1.")
    chain_rule: str = Field(description="Quy tắc chuỗi danh hiệu (ví dụ IND-03).")
    chain_award: str = Field(description="Danh hiệu của chuỗi, giả định đạt lại năm sau.")
    consecutive: int = Field(description="Số năm liên tục quy tắc yêu cầu.")


class EligibilityQuery(PageQuery):
    award_type: AwardCode = Field(description="Mã hình thức trong danh mục (GET /rulebook).")
    year: int = Field(description="Năm thành tích, từ 1945 đến năm sau năm hiện tại.")
    province_id: Id | None = Field(None, description="Cả tỉnh (đơn vị hoạt động trong năm).")
    bloc_id: Id | None = Field(None, description="Thành viên của khối, cụm năm `year`.")
    unit_id: Id | None = Field(None, description="Đơn vị và các đơn vị trực thuộc.")
    status: StatusName | None = Field(None, description="Chỉ các dòng có kết quả này.")


class SubjectEligibilityQuery(Schema):
    year: int = Field(description="Năm thành tích, từ 1945 đến năm sau năm hiện tại.")


class SubjectVerdictOut(Schema):
    award_type: str
    award_name: str
    level: str = Field(description="Cấp trong danh mục: unit, province, national.")
    year: int
    status: StatusName = Field(description=STATUS_HELP)
    decided_by: str
    reasons: list[ReasonOut]
