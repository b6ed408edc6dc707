"""Input and output schemas of movements, covenants, criteria and registrations."""

import datetime
from decimal import Decimal
from typing import Annotated, Any, ClassVar

from ninja import Field, Schema
from pydantic import StrictBool, StringConstraints

from thidua.api.schemas import PatchSchema, UnitRef
from thidua.api.types import Id, LongText, Name, PageQuery, SearchText
from thidua.covenants.enums import (
    CovenantStatus,
    CriterionKind,
    MovementKind,
    RegistrationStatus,
    ScoringMode,
    TieBreak,
)
from thidua.covenants.models import Covenant, Movement, Registration


def _text(max_length: int) -> StringConstraints:
    # NUL bytes and normalisation are the services' business (they answer 422 in Vietnamese).
    return StringConstraints(max_length=max_length)


Points = Annotated[Decimal, Field(ge=0, le=Decimal("999999.99"), max_digits=8, decimal_places=2)]
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
CriterionCode = Annotated[str, _text(20), Field(min_length=1)]
Title = Annotated[str, _text(500)]
BodyText = Annotated[str, _text(20000)]
TitleList = Annotated[list[Annotated[str, _text(255)]], Field(max_length=20)]


# --- movements ---------------------------------------------------------------------------


class MovementOut(Schema):
    id: int
    province_id: int
    name: str
    kind: MovementKind
    counts_toward_chains: bool
    launched_by: str
    launched_by_unit_id: int | None
    start_date: datetime.date
    end_date: datetime.date | None
    goals: str
    bloc_ids: list[int]
    unit_ids: list[int]
    is_illustrative: bool

    @staticmethod
    def resolve_bloc_ids(obj: Movement) -> list[int]:
        return [b.pk for b in obj.blocs.all()]

    @staticmethod
    def resolve_unit_ids(obj: Movement) -> list[int]:
        return [u.pk for u in obj.units.all()]


class MovementPage(Schema):
    count: int
    items: list[MovementOut]


class MovementQuery(PageQuery):
    kind: MovementKind | None = None
    province_id: Id | None = None
    q: SearchText | None = Field(None, description="Tìm theo tên phong trào (bỏ dấu).")


class MovementIn(Schema):
    province_id: Id
    name: Name
    kind: MovementKind
    start_date: datetime.date
    end_date: datetime.date | None = None
    launched_by: Name = ""
    launched_by_unit_id: Id | None = None
    goals: BodyText = ""
    bloc_ids: list[Id] = Field(default_factory=list, max_length=500)
    unit_ids: list[Id] = Field(default_factory=list, max_length=2000)
    is_illustrative: StrictBool = False


class MovementPatch(PatchSchema):
    nullable = frozenset({"end_date", "launched_by_unit_id"})

    name: Name | None = None
    kind: MovementKind | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    launched_by: Name | None = None
    launched_by_unit_id: Id | None = None
    goals: BodyText | None = None
    bloc_ids: list[Id] | None = Field(None, max_length=500)
    unit_ids: list[Id] | None = Field(None, max_length=2000)
    is_illustrative: StrictBool | None = None


# --- covenants ---------------------------------------------------------------------------


class Band(Schema):
    code: Annotated[str, _text(40), Field(min_length=1)]
    label: Annotated[str, _text(100), Field(min_length=1)]
    min_share: Share
    min_criterion_share: Share = 0.0


class CovenantOut(Schema):
    id: int
    season_id: int
    title: str
    body: str
    signing_date: datetime.date | None
    status: CovenantStatus
    total_points: Decimal
    scoring_mode: ScoringMode
    tie_breaks: list[str]
    bands: list[dict[str, Any]]
    registration_deadline: datetime.date | None
    scoring_deadline: datetime.date | None
    objection_deadline: datetime.date | None
    locked_at: datetime.datetime | None
    locked_by: str | None
    unlock_reason: str

    @staticmethod
    def resolve_locked_by(obj: Covenant) -> str | None:
        return obj.locked_by.username if obj.locked_by else None


class _CovenantFields(Schema):
    body: BodyText | None = None
    signing_date: datetime.date | None = None
    total_points: Points | None = None
    scoring_mode: ScoringMode | None = None
    tie_breaks: list[TieBreak] | None = Field(None, max_length=10)
    bands: list[Band] | None = Field(None, max_length=10)
    registration_deadline: datetime.date | None = None
    scoring_deadline: datetime.date | None = None
    objection_deadline: datetime.date | None = None


class CovenantIn(_CovenantFields):
    title: Name
    copy_previous: StrictBool = Field(
        False, description="Sao chép quy tắc, nội dung và bảng điểm của giao ước năm trước."
    )


class CovenantPatch(PatchSchema, _CovenantFields):
    nullable: ClassVar[frozenset[str]] = frozenset(
        {"signing_date", "registration_deadline", "scoring_deadline", "objection_deadline"}
    )

    title: Name | None = None


class UnlockIn(Schema):
    reason: LongText = Field(..., min_length=1)


class SignatureOut(Schema):
    unit: UnitRef
    signed: bool
    signed_by: str | None
    signed_at: datetime.datetime | None


class ItemOut(Schema):
    id: int
    order: int
    text: str


class ItemIn(Schema):
    text: LongText
    order: int | None = Field(None, ge=0, le=32767)


class ItemPatch(PatchSchema):
    text: LongText | None = None
    order: int | None = Field(None, ge=0, le=32767)


class ItemOrderIn(Schema):
    item_ids: list[Id] = Field(..., max_length=500)


# --- criteria ----------------------------------------------------------------------------


class CriterionOut(Schema):
    id: int
    parent_id: int | None
    depth: int = 0
    order: int
    code: str
    title: str
    kind: CriterionKind
    max_points: Decimal
    points_per_item: Decimal | None
    guidance: str
    evidence_required: bool
    children_total: Decimal | None = None


class CriterionIn(Schema):
    code: CriterionCode
    title: Title
    kind: CriterionKind = CriterionKind.CRITERION
    max_points: Points
    parent_id: Id | None = None
    points_per_item: Points | None = None
    guidance: BodyText = ""
    evidence_required: StrictBool = False
    order: int | None = Field(None, ge=0, le=32767)


class CriterionPatch(PatchSchema):
    nullable = frozenset({"parent_id", "points_per_item"})

    code: CriterionCode | None = None
    title: Title | None = None
    kind: CriterionKind | None = None
    max_points: Points | None = None
    parent_id: Id | None = None
    points_per_item: Points | None = None
    guidance: BodyText | None = None
    evidence_required: StrictBool | None = None
    order: int | None = Field(None, ge=0, le=32767)


class ValidationOut(Schema):
    valid: bool
    problems: list[str]
    scored_total: Decimal
    total_points: Decimal


# --- registrations -----------------------------------------------------------------------


class RegistrationOut(Schema):
    id: int
    season_id: int
    unit: UnitRef
    targets: str
    aimed_titles: list[str]
    status: RegistrationStatus
    submitted_at: datetime.datetime | None
    decided_at: datetime.datetime | None
    decided_by: str | None
    return_reason: str

    @staticmethod
    def resolve_decided_by(obj: Registration) -> str | None:
        return obj.decided_by.username if obj.decided_by else None


class RegistrationPage(Schema):
    count: int
    items: list[RegistrationOut]


class RegistrationQuery(PageQuery):
    status: RegistrationStatus | None = None


class RegistrationIn(Schema):
    targets: BodyText
    aimed_titles: TitleList = Field(default_factory=list)


class RegistrationPatch(PatchSchema):
    targets: BodyText | None = None
    aimed_titles: TitleList | None = None


class ReturnIn(Schema):
    reason: LongText = Field(..., min_length=1)
