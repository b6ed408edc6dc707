"""Input and output schemas. Inputs are bounded and cleaned here; rules live in the services."""

import datetime
from typing import Any, ClassVar

from ninja import Field, Schema
from pydantic import StrictBool, model_validator
from pydantic_core import PydanticCustomError

from thidua.accounts.enums import Role
from thidua.api.types import (
    Code,
    FullName,
    Id,
    LongText,
    Name,
    PageQuery,
    Password,
    Position,
    SearchText,
    ShortName,
    Username,
    Year,
)
from thidua.org.enums import BlocKind, Gender, LineageKind, UnitKind
from thidua.org.models import LineageEvent, Season, Unit
from thidua.org.validators import MAX_YEAR, MIN_YEAR


class PatchSchema(Schema):
    """A partial update: only the fields sent are changed; `null` only where the field allows it."""

    nullable: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="after")
    def _no_null_for_required(self) -> "PatchSchema":
        for name in self.model_fields_set:
            if getattr(self, name) is None and name not in self.nullable:
                raise PydanticCustomError(
                    "null_not_allowed",
                    "Trường “{field}” không được để trống (null).",
                    {"field": name},
                )
        return self

    def changes(self) -> dict[str, Any]:
        return self.model_dump(exclude_unset=True)


# --- auth and me -------------------------------------------------------------------------


class TokenIn(Schema):
    username: Username
    password: Password


class TokenOut(Schema):
    token: str
    expires_at: datetime.datetime


class ProvinceRef(Schema):
    id: int
    code: str
    name: str


class UnitRef(Schema):
    id: int
    code: str
    name: str
    short_name: str


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    role: Role
    is_superuser: bool
    province: ProvinceRef | None
    unit: UnitRef | None


# --- provinces ---------------------------------------------------------------------------


class ProvinceOut(Schema):
    id: int
    code: str
    name: str
    active_from: datetime.date | None
    active_to: datetime.date | None
    merged_into_id: int | None
    allow_multi_bloc_membership: bool


class ProvincePage(Schema):
    count: int
    items: list[ProvinceOut]


class ProvinceSettingsIn(Schema):
    allow_multi_bloc_membership: StrictBool


# --- units and lineage -------------------------------------------------------------------


class UnitOut(Schema):
    id: int
    province_id: int
    code: str
    name: str
    short_name: str
    kind: UnitKind
    parent_id: int | None
    active_from: datetime.date | None
    active_to: datetime.date | None
    is_illustrative: bool


class UnitPage(Schema):
    count: int
    items: list[UnitOut]


class UnitQuery(PageQuery):
    province_id: Id | None = None
    kind: UnitKind | None = None
    q: SearchText | None = Field(None, description="Tìm theo tên, tên viết tắt, mã (bỏ dấu).")
    active_in_year: Year | None = None


class UnitIn(Schema):
    province_id: Id
    code: Code
    name: Name
    kind: UnitKind
    short_name: ShortName = ""
    parent_id: Id | None = None
    active_from: datetime.date | None = None
    active_to: datetime.date | None = None
    is_illustrative: StrictBool = False


class UnitPatch(PatchSchema):
    nullable = frozenset({"parent_id", "active_from", "active_to"})

    code: Code | None = None
    name: Name | None = None
    kind: UnitKind | None = None
    short_name: ShortName | None = None
    parent_id: Id | None = None
    active_from: datetime.date | None = None
    active_to: datetime.date | None = None
    is_illustrative: StrictBool | None = None


class LineageEventOut(Schema):
    id: int
    kind: LineageKind
    date: datetime.date
    predecessor_ids: list[int]
    successor_ids: list[int]
    legal_basis: str
    note: str
    is_illustrative: bool

    @staticmethod
    def resolve_predecessor_ids(obj: LineageEvent) -> list[int]:
        return [u.pk for u in obj.predecessors.all()]

    @staticmethod
    def resolve_successor_ids(obj: LineageEvent) -> list[int]:
        return [u.pk for u in obj.successors.all()]


class LineageEventIn(Schema):
    province_id: Id
    kind: LineageKind
    date: datetime.date
    predecessor_ids: list[Id] = Field(..., max_length=200)
    successor_ids: list[Id] = Field(..., max_length=200)
    legal_basis: Name = ""
    note: LongText = ""
    is_illustrative: StrictBool = False


class LineageOut(Schema):
    unit: UnitOut
    ancestors: list[UnitOut]
    descendants: list[UnitOut]
    events: list[LineageEventOut]


# --- people ------------------------------------------------------------------------------


class PersonOut(Schema):
    id: int
    full_name: str
    gender: Gender
    birth_year: int | None
    unit_id: int
    position: str
    is_illustrative: bool


class PersonPage(Schema):
    count: int
    items: list[PersonOut]


class PersonQuery(PageQuery):
    unit_id: Id | None = None
    province_id: Id | None = None
    q: SearchText | None = Field(None, description="Tìm theo họ tên (bỏ dấu).")


class PersonIn(Schema):
    unit_id: Id
    full_name: FullName
    gender: Gender
    birth_year: int | None = Field(None, ge=1, le=9999)
    position: Position = ""
    is_illustrative: StrictBool = False


class PersonPatch(PatchSchema):
    nullable = frozenset({"birth_year"})

    unit_id: Id | None = None
    full_name: FullName | None = None
    gender: Gender | None = None
    birth_year: int | None = Field(None, ge=1, le=9999)
    position: Position | None = None
    is_illustrative: StrictBool | None = None


# --- blocs -------------------------------------------------------------------------------


class BlocOut(Schema):
    id: int
    province_id: int
    name: str
    kind: BlocKind
    description: str
    season_count: int | None = None


class BlocPage(Schema):
    count: int
    items: list[BlocOut]


class BlocQuery(PageQuery):
    province_id: Id | None = None
    q: SearchText | None = Field(None, description="Tìm theo tên khối, cụm (bỏ dấu).")


class BlocIn(Schema):
    province_id: Id
    name: Name
    kind: BlocKind = BlocKind.BLOC
    description: LongText = ""


class BlocPatch(PatchSchema):
    name: Name | None = None
    kind: BlocKind | None = None
    description: LongText | None = None


# --- seasons -----------------------------------------------------------------------------


class SeasonOut(Schema):
    id: int
    bloc_id: int
    bloc_name: str
    province_id: int
    year: int
    leader: UnitRef | None
    deputy: UnitRef | None
    members: list[UnitRef]
    note: str
    source: str
    is_illustrative: bool

    @staticmethod
    def resolve_bloc_name(obj: Season) -> str:
        return obj.bloc.name

    @staticmethod
    def resolve_province_id(obj: Season) -> int:
        return obj.bloc.province_id

    @staticmethod
    def resolve_members(obj: Season) -> list[Unit]:
        return [m.unit for m in obj.memberships.all()]


class SeasonPage(Schema):
    count: int
    items: list[SeasonOut]


class SeasonQuery(PageQuery):
    bloc_id: Id | None = None
    year: Year | None = None
    province_id: Id | None = None


class SeasonIn(Schema):
    bloc_id: Id
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR)
    member_ids: list[Id] = Field(default_factory=list, max_length=1000)
    leader_id: Id | None = None
    deputy_id: Id | None = None
    note: LongText = ""
    source: Name = ""
    is_illustrative: StrictBool = False


class SeasonPatch(PatchSchema):
    nullable = frozenset({"leader_id", "deputy_id"})

    leader_id: Id | None = None
    deputy_id: Id | None = None
    note: LongText | None = None
    source: Name | None = None


class MemberIn(Schema):
    unit_id: Id


# --- history -----------------------------------------------------------------------------


class FieldChange(Schema):
    field: str
    old: Any
    new: Any


class HistoryRow(Schema):
    date: datetime.datetime
    user: str | None
    type: str
    type_code: str
    reason: str
    changes: list[FieldChange]

    @staticmethod
    def resolve_user(obj: dict[str, Any]) -> str | None:
        user = obj["user"]
        return None if user is None else str(user.username)
