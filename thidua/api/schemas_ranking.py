"""Output schemas of the ranking endpoints (points are JSON numbers with at most two decimals)."""

import datetime

from ninja import Field, Schema


class RankedUnit(Schema):
    id: int
    name: str


class BandOut(Schema):
    code: str
    label: str


class TieBreakOut(Schema):
    code: str = Field(description="Mã quy tắc, ví dụ `fewer_deductions`.")
    label: str


class RankingRowOut(Schema):
    rank: int = Field(
        description="Hạng kiểu thi đấu: đơn vị đồng hạng cùng số, hạng sau bỏ qua (1, 2, 2, 4)."
    )
    unit: RankedUnit
    base: float = Field(description="Điểm các tiêu chí (điểm thẩm định, chưa có thì điểm tự chấm).")
    bonus: float = Field(description="Điểm cộng, mỗi quy tắc không quá mức tối đa của nó.")
    deduction: float = Field(description="Điểm trừ (số dương), mỗi quy tắc không quá mức tối đa.")
    total: float
    group_points: list[float] = Field(
        description="Điểm từng nhóm tiêu chí cấp 1, theo thứ tự bảng điểm."
    )
    band: BandOut | None
    card_status: str | None = Field(
        description="Trạng thái bảng điểm; null khi đơn vị chưa có bảng điểm."
    )
    unreviewed: bool = Field(description="Điểm còn là điểm tự chấm, chưa thẩm định.")
    submitted_at: datetime.datetime | None
    decided_by: str = Field(
        description="`total` (tổng điểm), `tie` (đồng hạng) hoặc mã quy tắc phụ đã tách đơn vị này khỏi đơn vị xếp trên."
    )
    tie_note: str


class ExcludedOut(Schema):
    unit: RankedUnit
    rule: str = Field(description="Mã quy tắc loại trừ, ví dụ `GEN-03`.")
    reason: str
    total: float


class RankingOut(Schema):
    season_id: int
    table_total: float = Field(description="Tổng điểm của bảng điểm (0 khi chưa có giao ước).")
    tie_breaks: list[TieBreakOut] = Field(
        description="Quy tắc phụ công bố trong giao ước, theo thứ tự áp dụng."
    )
    rows: list[RankingRowOut]
    excluded: list[ExcludedOut]


class LeniencyRowOut(Schema):
    unit: RankedUnit
    mean_deviation: float = Field(
        description="Độ lệch trung bình so với các đơn vị chấm khác (dương: rộng tay hơn)."
    )
    items: int = Field(description="Số điểm có điểm của đơn vị khác để so sánh.")
    outlier: bool = Field(description="Lệch khỏi trung vị quá 1,5 lần độ lệch tuyệt đối trung vị.")


class LeniencyOut(Schema):
    season_id: int
    scoring_mode: str
    median: float
    mad: float = Field(description="Độ lệch tuyệt đối trung vị (MAD) của các mức lệch.")
    rows: list[LeniencyRowOut]
