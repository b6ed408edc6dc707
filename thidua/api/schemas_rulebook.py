"""Schemas of the rulebook (rules, versions, award catalogue) and of a province's rule settings."""

import datetime
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import StrictInt, StringConstraints

from thidua.awards.models import RuleSetting


def _text(max_length: int) -> StringConstraints:
    # NUL bytes, normalisation and the exact limits are the service's business (422 in Vietnamese).
    return StringConstraints(max_length=max_length)


class RuleVersionOut(Schema):
    title: str
    citation: str
    confidence: str = Field(
        description="C: đã xác nhận; R: nhớ lại; U: chưa xác nhận, chỉ cảnh báo."
    )
    effective_from: datetime.date | None
    effective_to: datetime.date | None = Field(
        description="Ngày cuối có hiệu lực; null: còn hiệu lực."
    )
    params: dict[str, Any]
    applies_to: list[str]
    note: str


class RuleOut(Schema):
    id: str
    title: str
    group: str = Field(description="GEN, VOT, BLK hoặc product (quy tắc của sản phẩm).")
    settable_params: list[str] = Field(description="Tham số tỉnh được đặt cho quy tắc này.")
    versions: list[RuleVersionOut]


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
    quota_rule: str
    note: str


class RulebookOut(Schema):
    rules: list[RuleOut]
    award_types: list[AwardTypeOut]


class RuleSettingOut(Schema):
    id: int
    province_id: int
    rule_id: str
    params: dict[str, Any]
    from_year: int
    citation: str
    note: str
    updated_by: str | None

    @staticmethod
    def resolve_updated_by(obj: RuleSetting) -> str | None:
        user = obj.updated_by
        return None if user is None else str(user.username)


class RuleSettingIn(Schema):
    params: Annotated[dict[str, Any], Field(max_length=30)] = Field(
        description='Giá trị của tỉnh, ví dụ {"seats_quota": 2} hoặc {"share": "4/5", "strict": false}.'
    )
    from_year: StrictInt = Field(description="Áp dụng từ năm (2000–2100).")
    citation: Annotated[str, _text(1000)] = Field(
        description="Văn bản của tỉnh, ví dụ “QĐ 86/2025/QĐ-UBND, Điều 3” (bắt buộc)."
    )
    note: Annotated[str, _text(10000)] = ""
