"""Schemas of the public honour board and its settings."""

import datetime
from typing import Literal

from ninja import Field, Schema

from thidua.api.schemas_registry import AwardCode
from thidua.api.types import Id, LongText, Name, PageQuery

Level = Literal["unit", "province", "national"]


class HonourBoardIn(Schema):
    published: bool
    title: Name = ""
    intro: LongText = ""
    levels: list[Level] = Field(["province", "national"], min_length=1, max_length=3)
    from_year: int | None = Field(None, ge=1945, le=2100)
    show_people: bool = True


class HonourBoardOut(Schema):
    province_id: int
    province_code: str
    province_name: str
    published: bool
    title: str
    intro: str
    levels: list[str]
    from_year: int | None
    show_people: bool


class HonourLineOut(Schema):
    id: int
    year: int
    name: str = Field(description="Tên tập thể hoặc họ tên cá nhân.")
    unit: str = Field(description="Đơn vị của cá nhân (trống với tập thể).")
    collective: bool
    award_type: str
    award_name: str
    decision_number: str
    decision_date: datetime.date | None
    issuer: str


class HonourPage(Schema):
    province_code: str
    province_name: str
    title: str
    intro: str
    count: int
    capped: bool = Field(description="Đúng khi có nhiều hơn `count` dòng (đếm dừng ở mức trần).")
    items: list[HonourLineOut]


class HonourQuery(PageQuery):
    year: int | None = Field(None, ge=1945, le=2100)
    award_type: AwardCode | None = None


class HonourHideIn(Schema):
    record_id: Id
    reason: LongText = Field(min_length=1)
