"""Schemas of the search across units, people and registry lines (GET /search)."""

import datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError

from thidua.awards.models import AwardRecord
from thidua.awards.selectors import search as search_selectors
from thidua.org.models import Person, Unit


def _reject_nul(value: str) -> str:
    if "\x00" in value:
        raise PydanticCustomError("nul_character", "Chuỗi chứa ký tự NUL không hợp lệ.")
    return value


SearchQ = Annotated[
    str,
    StringConstraints(max_length=search_selectors.MAX_QUERY_LENGTH),
    AfterValidator(_reject_nul),
]


class SearchQuery(Schema):
    """Khi có nhiều kết quả hơn `limit`, trả về `limit` kết quả nhập gần nhất (id lớn nhất),
    xếp theo tên (đơn vị, cá nhân) hoặc năm mới nhất trước (khen thưởng)."""

    q: SearchQ = Field(
        description=(
            "Từ khoá: không phân biệt hoa thường, có dấu hay không dấu (đ = d, hoà = hòa); "
            "mỗi từ phải có mặt, từ một hai chữ cái khớp cả tiếng, cụm trong ngoặc kép khớp "
            "nguyên cụm. Ít nhất 2 ký tự, tối đa 200."
        )
    )
    kind: Literal["unit", "person", "record"] | None = Field(
        None, description="Chỉ tìm một loại: unit (đơn vị), person (cá nhân), record (khen thưởng)."
    )
    limit: int = Field(
        search_selectors.DEFAULT_LIMIT,
        ge=1,
        le=search_selectors.MAX_LIMIT,
        description="Số kết quả tối đa mỗi loại.",
    )


class SearchUnitOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    province_id: int
    province_name: str

    @staticmethod
    def resolve_province_name(obj: Unit) -> str:
        return obj.province.name


class SearchPersonOut(Schema):
    id: int
    full_name: str
    position: str
    unit_id: int
    unit_name: str

    @staticmethod
    def resolve_unit_name(obj: Person) -> str:
        return obj.unit.name


class SearchRecordOut(Schema):
    id: int
    year: int
    award_type: str
    award_name: str
    decision_number: str
    decision_date: datetime.date | None
    issuer: str
    revoked: bool
    unit_id: int | None
    person_id: int | None
    subject_name: str

    @staticmethod
    def resolve_award_name(obj: AwardRecord) -> str:
        return search_selectors.award_name(obj.award_type)

    @staticmethod
    def resolve_subject_name(obj: AwardRecord) -> str:
        subject = obj.unit or obj.person
        return str(subject) if subject is not None else ""


class _Hits(Schema):
    total: int = Field(
        description=(
            "Số kết quả: chính xác khi more = false; khi more = true có ít nhất chừng ấy "
            f"(đếm tối đa {search_selectors.TOTAL_CAP})."
        )
    )
    more: bool = Field(description="Còn kết quả khác ngoài con số total.")


class UnitHits(_Hits):
    items: list[SearchUnitOut]


class PersonHits(_Hits):
    items: list[SearchPersonOut]


class RecordHits(_Hits):
    items: list[SearchRecordOut]


class SearchOut(Schema):
    q: str
    words: list[str] = Field(description="Các từ đã chuẩn hoá (bỏ dấu, chữ thường) được tìm.")
    hint: str = Field(description="Lý do không tìm (từ khoá rỗng, quá ngắn); rỗng khi đã tìm.")
    units: UnitHits
    people: PersonHits
    records: RecordHits
