"""Input and output schemas of the calendar of deadlines (template, dates, feeds).

Inputs are bounded and cleaned here (no NUL, NFC text); the rules (which kinds a season may
override, dates within the emulation year's reach, the template's consistency) live in the
deadlines services.
"""

import datetime
from typing import Annotated, ClassVar

from ninja import Field, Schema
from pydantic import StrictBool, StrictInt

from thidua.api.schemas import PatchSchema
from thidua.api.types import Id, LongText, Name, Year
from thidua.deadlines.enums import Anchor, Confidence

SmallInt = Annotated[StrictInt, Field(ge=0, le=366)]


class DeadlineQuery(Schema):
    province_id: Id
    year: Year
    bloc_id: Id | None = None
    unit_id: Id | None = None


class DeadlineOut(Schema):
    key: str = Field(description="Mã ổn định của mốc (cũng là UID trong tệp .ics).")
    kind: str
    kind_label: str
    title: str
    due: datetime.date
    year: int = Field(description="Năm thi đua mà mốc thuộc về.")
    scope: str
    audience: str
    source: str = Field(
        description="Ngày lấy từ: covenant, meeting, override, template, default, movement."
    )
    state: str = Field(description="upcoming, due_soon, overdue, passed, done.")
    days_left: int
    done: bool | None
    progress_done: int | None = None
    progress_total: int | None = None
    season_id: int | None = None
    bloc_id: int | None = None
    bloc_name: str = ""
    movement_id: int | None = None
    movement_name: str = ""
    citation: str
    confidence: str
    override_reason: str = ""
    on_day_off: bool


class DeadlineList(Schema):
    count: int
    items: list[DeadlineOut]


class TemplateRowOut(Schema):
    kind: str
    kind_label: str
    scope: str
    audience: str
    title: str
    anchor: str
    month: int | None
    day: int | None
    year_offset: int
    days_before: int | None
    working_days: bool
    description: str
    citation: str
    confidence: str
    active: bool
    from_province: bool = Field(description="false: mặc định của hệ thống (tỉnh chưa sửa).")


class TemplateOut(Schema):
    province_id: int
    reminder_days: list[int]
    rows: list[TemplateRowOut]


class TemplateRowPatch(PatchSchema):
    nullable: ClassVar[frozenset[str]] = frozenset({"month", "day", "days_before"})

    title: Name | None = None
    anchor: Anchor | None = None
    month: SmallInt | None = None
    day: SmallInt | None = None
    year_offset: SmallInt | None = None
    days_before: SmallInt | None = None
    working_days: StrictBool | None = None
    description: LongText | None = None
    citation: Name | None = None
    confidence: Confidence | None = None
    active: StrictBool | None = None


class ReminderDaysIn(Schema):
    days: list[StrictInt] = Field(max_length=10, description="Ví dụ [7, 1].")


class ReminderDaysOut(Schema):
    province_id: int
    reminder_days: list[int]


class OverrideIn(Schema):
    due_on: datetime.date
    reason: LongText


class OverrideOut(Schema):
    id: int
    province_id: int
    year: int
    season_id: int | None
    kind: str
    due_on: datetime.date
    reason: str


class FeedOut(Schema):
    url: str | None = Field(description="Đường dẫn đăng ký (bí mật); null khi chưa tạo.")
    created_at: datetime.datetime | None = None
