"""Input types shared by the API schemas: bounded ids, clean Vietnamese text, pagination."""

from typing import Annotated, Any

from django.db.models import QuerySet
from ninja import Field, P, PathEx, Schema
from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError

from thidua.core.text import nfc

# Ids are 64-bit (BigAutoField); anything outside that range cannot name a record.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]

# Years in filters are bounded so that date lookups (`__year`) stay valid dates.
Year = Annotated[int, Field(ge=1, le=9999)]

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_OFFSET = 10**9


def _reject_nul(value: str) -> str:
    if "\x00" in value:
        raise PydanticCustomError("nul_character", "Chuỗi chứa ký tự NUL không hợp lệ.")
    return value


def _clean(value: str) -> str:
    """NUL bytes are refused (PostgreSQL cannot store them); text is stored NFC-normalised."""
    return nfc(_reject_nul(value))


def _text(max_length: int) -> Any:
    return StringConstraints(max_length=max_length)


Code = Annotated[str, _text(40), AfterValidator(_clean)]
Name = Annotated[str, _text(255), AfterValidator(_clean)]
ShortName = Annotated[str, _text(80), AfterValidator(_clean)]
FullName = Annotated[str, _text(120), AfterValidator(_clean)]
Position = Annotated[str, _text(160), AfterValidator(_clean)]
LongText = Annotated[str, _text(4000), AfterValidator(_clean)]
Username = Annotated[str, _text(150), AfterValidator(_reject_nul)]
Password = Annotated[str, _text(1024), AfterValidator(_reject_nul)]
SearchText = Annotated[str, _text(255), AfterValidator(_clean)]


class PageQuery(Schema):
    limit: int = Field(
        DEFAULT_LIMIT,
        ge=1,
        description=f"Số bản ghi tối đa (mặc định {DEFAULT_LIMIT}, tối đa {MAX_LIMIT}).",
    )
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Bỏ qua bấy nhiêu bản ghi đầu.")


def paginate(qs: QuerySet[Any], page: PageQuery) -> dict[str, Any]:
    """One COUNT and one page query; a limit above MAX_LIMIT is lowered to MAX_LIMIT."""
    limit = min(page.limit, MAX_LIMIT)
    return {"count": qs.count(), "items": list(qs[page.offset : page.offset + limit])}


# Path ids carry the same bounds as body ids (an out-of-range id is a 422, never a DB error).
PathId = PathEx[int, P(ge=1, le=MAX_ID, description="Mã bản ghi (số nguyên dương).")]
