"""Schemas of the registry of awards: records, the subjects' timelines, yearly assessments.

Inputs are bounded here; text normalisation, NUL bytes, the catalogue and every rule are the
services' business (422 with a Vietnamese message and `details.field`).
"""

import datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import StrictBool, StrictInt, StringConstraints

from thidua.api.schemas import PatchSchema
from thidua.api.types import Id, PageQuery, SearchText, Year
from thidua.awards.models import AwardRecord
from thidua.awards.rulebook import load_rulebook

SubjectKind = Literal["collective", "individual"]
Level = Literal["unit", "province", "national"]


def _text(max_length: int) -> StringConstraints:
    return StringConstraints(max_length=max_length)


AwardCode = Annotated[str, _text(100)]
ShortText = Annotated[str, _text(1000)]
LongText = Annotated[str, _text(10000)]


class AwardRecordOut(Schema):
    id: int
    subject_kind: SubjectKind = Field(
        description="collective: tập thể (đơn vị); individual: cá nhân."
    )
    unit_id: int | None
    person_id: int | None
    subject_name: str
    province_id: int
    award_type: str = Field(description="Mã hình thức trong danh mục (GET /rulebook).")
    award_name: str
    level: str = Field(description="Cấp trong danh mục: unit, province, national.")
    year: int
    basis: str = Field(
        description="merit, thematic, ad_hoc, long_service; thematic và ad_hoc không tính "
        "vào chuỗi thành tích (GEN-02)."
    )
    decision_number: str
    decision_date: datetime.date | None
    issuer: str
    source: str = Field(description="imported, decided, manual.")
    revoked: bool = Field(description="Đã huỷ (GEN-08): vẫn lưu trong sổ, không được tính.")
    revoked_reason: str
    revoked_at: datetime.datetime | None
    note: str
    is_illustrative: bool
    created_at: datetime.datetime

    @staticmethod
    def resolve_subject_kind(obj: AwardRecord) -> str:
        return "collective" if obj.unit_id is not None else "individual"

    @staticmethod
    def resolve_subject_name(obj: AwardRecord) -> str:
        if obj.unit is not None:
            return obj.unit.name
        return obj.person.full_name if obj.person is not None else ""

    @staticmethod
    def resolve_province_id(obj: AwardRecord) -> int:
        unit = obj.unit if obj.unit is not None else getattr(obj.person, "unit", None)
        return int(unit.province_id) if unit is not None else 0

    @staticmethod
    def resolve_award_name(obj: AwardRecord) -> str:
        try:
            return load_rulebook().award_type(obj.award_type).name
        except KeyError:
            return obj.award_type

    @staticmethod
    def resolve_level(obj: AwardRecord) -> str:
        try:
            return load_rulebook().award_type(obj.award_type).level
        except KeyError:
            return ""


class AwardRecordPage(Schema):
    count: int
    items: list[AwardRecordOut]


class AwardRecordQuery(PageQuery):
    award_type: AwardCode | None = Field(None, description="Mã hình thức.")
    year: Year | None = None
    bloc_id: Id | None = Field(
        None, description="Đơn vị từng là thành viên khối, cụm (và cá nhân)."
    )
    unit_id: Id | None = Field(None, description="Bản ghi của đơn vị và của cá nhân thuộc đơn vị.")
    level: Level | None = None
    subject_kind: SubjectKind | None = None
    include_revoked: bool = Field(False, description="Gồm cả bản ghi đã huỷ.")
    q: SearchText | None = Field(None, description="Tìm theo tên, hình thức, số quyết định.")


class InheritedFrom(Schema):
    id: int
    code: str
    name: str


class AwardTimelineEntryOut(Schema):
    record: AwardRecordOut
    inherited_from: InheritedFrom | None = Field(
        description="Đơn vị trước (hợp nhất, sáp nhập, đổi tên) mà đơn vị kế thừa bản ghi này; "
        "null: bản ghi của chính đối tượng."
    )


class AwardRecordIn(Schema):
    unit_id: Id | None = Field(None, description="Tập thể: đúng một trong unit_id, person_id.")
    person_id: Id | None = Field(None, description="Cá nhân: đúng một trong unit_id, person_id.")
    award_type: AwardCode
    year: StrictInt
    basis: AwardCode = "merit"
    decision_number: ShortText = ""
    decision_date: datetime.date | None = None
    issuer: ShortText = ""
    source: AwardCode = "manual"
    note: LongText = ""
    is_illustrative: StrictBool = False


class AwardRecordPatch(PatchSchema):
    nullable = frozenset({"decision_date"})

    award_type: AwardCode | None = None
    year: StrictInt | None = None
    basis: AwardCode | None = None
    decision_number: ShortText | None = None
    decision_date: datetime.date | None = None
    issuer: ShortText | None = None
    source: AwardCode | None = None
    note: LongText | None = None
    is_illustrative: StrictBool | None = None


class AwardRecordRevokeIn(Schema):
    reason: LongText = Field(description="Lý do huỷ (GEN-08), bắt buộc.")


class AssessmentIn(Schema):
    unit_id: Id | None = Field(None, description="Tập thể: đúng một trong unit_id, person_id.")
    person_id: Id | None = Field(None, description="Cá nhân: đúng một trong unit_id, person_id.")
    year: StrictInt
    rating: AwardCode = Field("", description="htxs, htt, ht, kht hoặc rỗng (GEN-09).")
    initiative_scope: AwardCode = Field("", description="grassroots, province, national hoặc rỗng.")
    science_accepted: StrictBool = False
    disciplined: StrictBool = Field(
        False, description="Bị kỷ luật từ khiển trách trở lên (GEN-03)."
    )
    note: LongText = ""


class AssessmentOut(Schema):
    id: int
    unit_id: int | None
    person_id: int | None
    year: int
    rating: str
    initiative_scope: str
    science_accepted: bool
    disciplined: bool
    source: str
    note: str
    is_illustrative: bool
