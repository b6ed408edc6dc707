"""Input and output schemas of the scoring endpoints (scorecards, scores, evidence, objections)."""

import datetime
from decimal import Decimal
from typing import Annotated, ClassVar

from django.urls import reverse
from ninja import Field, Schema

from thidua.api.schemas import PatchSchema, UnitRef
from thidua.api.types import Code, Id, LongText, PageQuery
from thidua.scoring.enums import ObjectionStatus, ScorecardStatus
from thidua.scoring.models import Evidence

# Points are bounded here so that no value reaches the database unchecked; the services check
# the criterion's maximum, the step of bonus/deduction rules and the two decimals.
Points = Annotated[Decimal, Field(ge=-(10**6), le=10**6, allow_inf_nan=False)]


# --- outputs -------------------------------------------------------------------------------


class CriterionRef(Schema):
    id: int
    code: str
    title: str
    kind: str
    max_points: Decimal
    points_per_item: Decimal | None
    evidence_required: bool


class ScoreOut(Schema):
    id: int
    scorecard_id: int
    criterion: CriterionRef
    self_score: Decimal | None
    self_comment: str
    review_score: Decimal | None = Field(
        None, description="Điểm thẩm định; đơn vị chỉ thấy sau khi bảng điểm được thẩm định."
    )
    review_reason: str = ""
    agreed_points: Decimal | None = Field(
        None, description="Điểm được tính: điểm thẩm định nếu có, nếu không là điểm tự chấm."
    )
    evidence_count: int = 0


class ScorecardOut(Schema):
    id: int
    season_id: int
    unit: UnitRef
    status: ScorecardStatus
    submitted_at: datetime.datetime | None
    reviewed_at: datetime.datetime | None
    finalized_at: datetime.datetime | None
    reopen_reason: str
    self_total: Decimal | None = Field(
        None, description="Tổng tự chấm (điểm cộng được cộng, điểm trừ bị trừ)."
    )
    agreed_total: Decimal | None = Field(None, description="Tổng điểm được tính.")


class ScorecardDetail(ScorecardOut):
    scores: list[ScoreOut]


class ScorecardPage(Schema):
    count: int
    items: list[ScorecardOut]


class ScorecardQuery(PageQuery):
    unit_id: Id | None = None
    status: ScorecardStatus | None = None


class EvidenceOut(Schema):
    id: int
    score_id: int
    original_name: str
    content_type: str
    size: int
    uploaded_at: datetime.datetime
    download_url: str

    @staticmethod
    def resolve_download_url(obj: Evidence) -> str:
        return reverse("scoring:evidence_download", args=[obj.pk])


class CrossScoreOut(Schema):
    id: int
    score_id: int
    scorer_unit_id: int
    points: Decimal
    reason: str


class ObjectionOut(Schema):
    id: int
    scorecard_id: int
    unit: UnitRef
    criterion_id: int | None
    criterion_code: str | None
    text: str
    status: ObjectionStatus
    filed_at: datetime.datetime
    answer: str
    answered_at: datetime.datetime | None


class ObjectionPage(Schema):
    count: int
    items: list[ObjectionOut]


class ObjectionQuery(PageQuery):
    status: ObjectionStatus | None = None


class ExclusionOut(Schema):
    id: int
    season_id: int
    unit: UnitRef
    rule_id: str
    reason: str
    recorded_at: datetime.datetime


# --- inputs --------------------------------------------------------------------------------


class SelfScorePatch(PatchSchema):
    """Only the fields sent change; `points: null` clears the self-score."""

    nullable: ClassVar[frozenset[str]] = frozenset({"points"})

    points: Points | None = None
    comment: LongText = ""


class PointsIn(Schema):
    points: Points | None = Field(None, description="`null` xoá điểm (thẩm định hoặc chấm chéo).")
    reason: LongText = ""


class ReasonIn(Schema):
    reason: LongText


class ObjectionIn(Schema):
    criterion_id: Id | None = Field(None, description="Bỏ trống: ý kiến về cả bảng điểm.")
    text: LongText


class AnswerIn(Schema):
    answer: LongText
    points: Points | None = Field(None, description="Điểm thẩm định mới của tiêu chí (nếu đổi).")
    reason: LongText = ""


class ExclusionIn(Schema):
    unit_id: Id
    rule_id: Code = "GEN-03"
    reason: LongText
