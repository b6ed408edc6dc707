"""Schemas of the province dashboard (`GET /dashboard`): the blocs' cycle step by step, the
overdue items and the registry's counts, as the home page shows them."""

import datetime
from typing import Literal

from ninja import Field, Schema

from thidua.org.validators import MAX_YEAR, MIN_YEAR

State = Literal["done", "in_progress", "not_started", "overdue"]


class DashboardQuery(Schema):
    province: int | None = Field(
        None, ge=1, le=2**63 - 1, description="Tỉnh; mặc định là tỉnh của người dùng."
    )
    year: int | None = Field(
        None,
        ge=MIN_YEAR,
        le=MAX_YEAR,
        description="Năm thi đua; mặc định là năm nay, hoặc năm gần nhất có năm thi đua.",
    )


class ProvinceRef(Schema):
    id: int
    name: str


class StepOut(Schema):
    key: Literal["covenant", "registration", "scoring", "meeting", "dossiers", "decisions"]
    label: str
    state: State
    state_label: str
    text: str = Field(description="Tình hình của bước, bằng lời.")
    done: int | None = Field(None, description="Số đã xong (đơn vị, cuộc bỏ phiếu, đề nghị).")
    total: int | None = None
    due: datetime.date | None = Field(None, description="Hạn của bước, nếu có.")
    url: str = Field(description="Trang của bước.")


class ProposalStatusCount(Schema):
    status: str
    label: str
    count: int


class BlocCycleOut(Schema):
    bloc_id: int
    name: str
    kind: str
    season_id: int | None = Field(None, description="Không có khi khối chưa mở năm thi đua.")
    leader: str
    deputy: str
    members: int
    steps: list[StepOut]
    proposals: list[ProposalStatusCount]


class OverdueOut(Schema):
    kind: str = Field(description="Bước quá hạn (covenant, registration, …) hoặc `proposal`.")
    title: str
    detail: str
    bloc_id: int | None
    bloc_name: str
    due: datetime.date
    days_late: int
    url: str
    proposal_id: int | None = None


class AwardTypeRef(Schema):
    award_type: str
    name: str


class AwardTypeCountOut(Schema):
    award_type: str
    name: str
    category: str = Field(description="title, commendation, hoặc rỗng khi ngoài danh mục.")
    counts: list[int] = Field(description="Một số cho mỗi năm của `years`.")
    total: int


class BlocAwardCountOut(Schema):
    bloc_id: int
    name: str
    counts: list[int] = Field(description="Một số cho mỗi hình thức của `bloc_columns`.")
    total: int


class AwardsOut(Schema):
    years: list[int]
    by_type: list[AwardTypeCountOut]
    year_totals: list[int]
    bloc_columns: list[AwardTypeRef]
    by_bloc: list[BlocAwardCountOut]


class DashboardOut(Schema):
    province: ProvinceRef
    year: int
    years: list[int] = Field(description="Các năm có thể chọn.")
    today: datetime.date
    blocs: list[BlocCycleOut]
    step_states: dict[str, dict[str, int]] = Field(
        description="Theo từng bước: số khối, cụm ở mỗi tình trạng."
    )
    overdue: list[OverdueOut]
    overdue_proposals_more: bool = Field(
        description="Còn đề nghị quá hạn khác ngoài danh sách (xem hộp hồ sơ đề nghị)."
    )
    awards: AwardsOut
