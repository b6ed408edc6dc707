"""Scorecards, scores, evidence, review, cross-scores, objections and exclusions.

Thin endpoints: reads through the scoring selectors, writes through the scoring services, which
check permissions and states (errors keep the API's one shape).
"""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

from thidua.accounts.models import User
from thidua.accounts.permissions import can, require
from thidua.api.auth import actor
from thidua.api.errors import READ, WRITE, Error
from thidua.api.schemas_scoring import (
    AnswerIn,
    CrossScoreOut,
    EvidenceOut,
    ExclusionIn,
    ExclusionOut,
    ObjectionIn,
    ObjectionOut,
    ObjectionPage,
    ObjectionQuery,
    PointsIn,
    ReasonIn,
    ScorecardDetail,
    ScorecardOut,
    ScorecardPage,
    ScorecardQuery,
    ScoreOut,
    SelfScorePatch,
)
from thidua.api.types import PathId, paginate
from thidua.core.exceptions import NotFound, PermissionDeniedError
from thidua.covenants.models import Criterion
from thidua.org.selectors import season_get_for_user, unit_get_for_user
from thidua.scoring import selectors, services
from thidua.scoring.enums import ScorecardStatus
from thidua.scoring.models import Objection, Score, Scorecard
from thidua.scoring.selectors.scorecard import Totals

router = Router(tags=["scoring"])
S = ScorecardStatus


def _shows_review(user: User, card: Scorecard) -> bool:
    """The unit sees review scores once the card is reviewed; reviewers see them at once."""
    return card.status not in (S.DRAFT, S.SUBMITTED) or (
        card.status == S.SUBMITTED and can(user, "scoring.review_scorecard", card)
    )


def _score_out(score: Score, *, show_review: bool, files: int = 0) -> dict[str, Any]:
    c = score.criterion
    return {
        "id": score.pk,
        "scorecard_id": score.scorecard_id,
        "criterion": {
            "id": c.pk,
            "code": c.code,
            "title": c.title,
            "kind": c.kind,
            "max_points": c.max_points,
            "points_per_item": c.points_per_item,
            "evidence_required": c.evidence_required,
        },
        "self_score": score.self_score,
        "self_comment": score.self_comment,
        "review_score": score.review_score if show_review else None,
        "review_reason": score.review_reason if show_review else "",
        "agreed_points": selectors.agreed_points(score) if show_review else score.self_score,
        "evidence_count": files,
    }


def _card_out(
    user: User, card: Scorecard, *, totals: Totals | None = None, with_scores: bool = False
) -> dict[str, Any]:
    show = _shows_review(user, card)
    if totals is None:
        totals = selectors.scorecard_totals([card])[card.pk]
    data: dict[str, Any] = {
        "id": card.pk,
        "season_id": card.season_id,
        "unit": card.unit,
        "status": card.status,
        "submitted_at": card.submitted_at,
        "reviewed_at": card.reviewed_at,
        "finalized_at": card.finalized_at,
        "reopen_reason": card.reopen_reason,
        "self_total": totals.self_total,
        "agreed_total": totals.agreed_total if show else None,
    }
    if with_scores:
        sheet = selectors.scorecard_sheet(scorecard=card)
        data["scores"] = [
            _score_out(node.score, show_review=show, files=len(node.score.evidence.all()))
            for tab in sheet.tabs
            for node in tab.nodes
            if node.score is not None
        ]
    return data


def _card(user: User, pk: int) -> Scorecard:
    card = selectors.scorecard_get_for_user(user=user, pk=pk)
    require(user, "scoring.view_scorecard", card)
    return card


def _fresh(user: User, card: Scorecard) -> dict[str, Any]:
    return _card_out(user, selectors.scorecard_get_for_user(user=user, pk=card.pk))


def _score_reply(user: User, score: Score) -> dict[str, Any]:
    row = selectors.score_get_for_user(user=user, pk=score.pk)
    return _score_out(row, show_review=_shows_review(user, row.scorecard))


# Scorecards ------------------------------------------------------------------------------------


@router.get(
    "/seasons/{season_id}/scorecards",
    response={200: ScorecardPage, **READ, 400: Error},
    summary="Bảng điểm của các đơn vị trong năm thi đua",
)
def scorecard_list(
    request: HttpRequest, season_id: PathId, filters: Query[ScorecardQuery]
) -> dict[str, Any]:
    user = actor(request)
    season = season_get_for_user(user=user, pk=season_id)
    qs = selectors.scorecard_list_for_user(user=user, season_id=season.pk, unit_id=filters.unit_id)
    if filters.status:
        qs = qs.filter(status=filters.status)
    page = paginate(qs, filters)
    totals = selectors.scorecard_totals(page["items"])
    page["items"] = [_card_out(user, card, totals=totals[card.pk]) for card in page["items"]]
    return page


@router.get(
    "/seasons/{season_id}/scorecards/own",
    response={200: ScorecardDetail, **READ},
    summary="Bảng tự chấm của đơn vị mình",
)
def scorecard_own(request: HttpRequest, season_id: PathId) -> Any:
    user = actor(request)
    season = season_get_for_user(user=user, pk=season_id)
    card = selectors.scorecard_get_own(user=user, season=season)
    if card is None:
        raise NotFound(_("Đơn vị chưa mở bảng tự chấm của năm này."))
    return _card_out(user, card, with_scores=True)


@router.post(
    "/seasons/{season_id}/scorecards/own",
    response={200: ScorecardDetail, 201: ScorecardDetail, **WRITE},
    summary="Mở (hoặc lấy) bảng tự chấm của đơn vị mình",
    description="Chỉ khi bảng điểm của giao ước đang ký kết hoặc đã khoá (`covenant_not_ready`).",
)
def scorecard_own_create(request: HttpRequest, season_id: PathId) -> Status[Any]:
    user = actor(request)
    season = season_get_for_user(user=user, pk=season_id)
    if user.unit is None:
        require(user, "scoring.self_score", Scorecard(season=season))
        raise PermissionDeniedError(_("Bạn không có quyền thực hiện thao tác này."))
    card, created = services.scorecard_get_or_create(actor=user, season=season, unit=user.unit)
    card = selectors.scorecard_get_for_user(user=user, pk=card.pk)
    return Status(201 if created else 200, _card_out(user, card, with_scores=True))


@router.get(
    "/scorecards/{scorecard_id}",
    response={200: ScorecardDetail, **READ},
    summary="Một bảng điểm với điểm từng tiêu chí",
)
def scorecard_get(request: HttpRequest, scorecard_id: PathId) -> Any:
    user = actor(request)
    return _card_out(user, _card(user, scorecard_id), with_scores=True)


def _transition(request: HttpRequest, scorecard_id: int, service: Any, **kwargs: Any) -> Any:
    user = actor(request)
    card = selectors.scorecard_get_for_user(user=user, pk=scorecard_id)
    service(actor=user, scorecard=card, **kwargs)
    return _fresh(user, card)


@router.post(
    "/scorecards/{scorecard_id}/submit",
    response={200: ScorecardOut, **WRITE},
    summary="Nộp bảng tự chấm",
    description="Trước hạn nộp (`deadline_passed`); đủ điểm (`incomplete`) và minh chứng bắt "
    "buộc (`evidence_missing`, danh sách tiêu chí trong `details`).",
)
def scorecard_submit(request: HttpRequest, scorecard_id: PathId) -> Any:
    return _transition(request, scorecard_id, services.scorecard_submit)


@router.post(
    "/scorecards/{scorecard_id}/mark-reviewed",
    response={200: ScorecardOut, **WRITE},
    summary="Chốt thẩm định (điền điểm thẩm định mọi tiêu chí)",
)
def scorecard_mark_reviewed(request: HttpRequest, scorecard_id: PathId) -> Any:
    return _transition(request, scorecard_id, services.scorecard_mark_reviewed)


@router.post(
    "/scorecards/{scorecard_id}/open-objections",
    response={200: ScorecardOut, **WRITE},
    summary="Mở nhận ý kiến về điểm của một bảng",
)
def scorecard_open_objections(request: HttpRequest, scorecard_id: PathId) -> Any:
    return _transition(request, scorecard_id, services.scorecard_open_objections)


@router.post(
    "/scorecards/{scorecard_id}/finalize",
    response={200: ScorecardOut, **WRITE},
    summary="Chốt điểm chính thức",
    description="Bị từ chối khi còn ý kiến chưa trả lời (`objections_open`).",
)
def scorecard_finalize(request: HttpRequest, scorecard_id: PathId) -> Any:
    return _transition(request, scorecard_id, services.scorecard_finalize)


@router.post(
    "/scorecards/{scorecard_id}/reopen",
    response={200: ScorecardOut, **WRITE},
    summary="Mở lại bảng điểm đã chốt (Ban TĐKT, cần lý do)",
)
def scorecard_reopen(request: HttpRequest, scorecard_id: PathId, payload: ReasonIn) -> Any:
    return _transition(request, scorecard_id, services.scorecard_reopen, reason=payload.reason)


@router.post(
    "/seasons/{season_id}/open-objections",
    response={200: list[ScorecardOut], **WRITE},
    summary="Mở nhận ý kiến cho mọi bảng đã thẩm định của năm",
)
def season_open_objections(request: HttpRequest, season_id: PathId) -> Any:
    user = actor(request)
    season = season_get_for_user(user=user, pk=season_id)
    cards = services.season_open_objections(actor=user, season=season)
    return [_fresh(user, card) for card in cards]


# Scores ----------------------------------------------------------------------------------------


@router.patch(
    "/scores/{score_id}",
    response={200: ScoreOut, **WRITE},
    summary="Sửa điểm tự chấm hoặc giải trình của một tiêu chí",
)
def score_patch(request: HttpRequest, score_id: PathId, payload: SelfScorePatch) -> Any:
    user = actor(request)
    score = selectors.score_get_for_user(user=user, pk=score_id)
    values = payload.changes()
    services.score_set_self(
        actor=user,
        score=score,
        points=values.get("points", score.self_score),
        comment=values.get("comment"),
    )
    return _score_reply(user, score)


@router.put(
    "/scores/{score_id}/review",
    response={200: ScoreOut, **WRITE},
    summary="Điểm thẩm định của trưởng khối (khác điểm tự chấm thì cần lý do)",
)
def score_review(request: HttpRequest, score_id: PathId, payload: PointsIn) -> Any:
    user = actor(request)
    score = selectors.score_get_for_user(user=user, pk=score_id)
    services.score_set_review(actor=user, score=score, points=payload.points, reason=payload.reason)
    return _score_reply(user, score)


@router.put(
    "/scores/{score_id}/cross",
    response={200: CrossScoreOut, 204: None, **WRITE},
    summary="Điểm chấm chéo của đơn vị mình cho một tiêu chí của đơn vị khác",
    description="`points: null` rút điểm chấm chéo (204). Không chấm bảng của chính mình "
    "(`cannot_score_self`).",
)
def score_cross(request: HttpRequest, score_id: PathId, payload: PointsIn) -> Any:
    user = actor(request)
    score = selectors.score_get_for_user(user=user, pk=score_id)
    cross = services.cross_score_set(
        actor=user, score=score, points=payload.points, reason=payload.reason
    )
    return Status(204, None) if cross is None else cross


# Evidence --------------------------------------------------------------------------------------


@router.get(
    "/scores/{score_id}/evidence",
    response={200: list[EvidenceOut], **READ},
    summary="Minh chứng của một tiêu chí",
)
def evidence_list(request: HttpRequest, score_id: PathId) -> Any:
    user = actor(request)
    score = selectors.score_get_for_user(user=user, pk=score_id)
    require(user, "scoring.view_scorecard", score.scorecard)
    return list(selectors.evidence_list_for_user(user=user, score_id=score.pk))


@router.post(
    "/scores/{score_id}/evidence",
    response={201: EvidenceOut, **WRITE},
    summary="Tải lên minh chứng (multipart, trường `file`)",
    description="PDF, Word (.docx, .doc), Excel (.xlsx, .xls), PNG, JPEG; nhận diện theo nội "
    "dung tệp; tối đa 10 MB (`evidence_type`, `evidence_too_large`).",
)
def evidence_upload(
    request: HttpRequest, score_id: PathId, file: File[UploadedFile]
) -> Status[Any]:
    user = actor(request)
    score = selectors.score_get_for_user(user=user, pk=score_id)
    return Status(201, services.evidence_upload(actor=user, score=score, file=file))


@router.delete(
    "/evidence/{evidence_id}", response={204: None, **WRITE}, summary="Xoá một minh chứng"
)
def evidence_remove(request: HttpRequest, evidence_id: PathId) -> Status[None]:
    user = actor(request)
    evidence = selectors.evidence_get_for_user(user=user, pk=evidence_id)
    services.evidence_delete(actor=user, evidence=evidence)
    return Status(204, None)


# Objections ------------------------------------------------------------------------------------


def _objection_out(item: Objection) -> dict[str, Any]:
    return {
        "id": item.pk,
        "scorecard_id": item.scorecard_id,
        "unit": item.scorecard.unit,
        "criterion_id": item.criterion_id,
        "criterion_code": item.criterion.code if item.criterion else None,
        "text": item.text,
        "status": item.status,
        "filed_at": item.filed_at,
        "answer": item.answer,
        "answered_at": item.answered_at,
    }


@router.get(
    "/seasons/{season_id}/objections",
    response={200: ObjectionPage, **READ, 400: Error},
    summary="Ý kiến về điểm của năm thi đua",
)
def objection_list(
    request: HttpRequest, season_id: PathId, filters: Query[ObjectionQuery]
) -> dict[str, Any]:
    user = actor(request)
    season = season_get_for_user(user=user, pk=season_id)
    qs = selectors.objection_list_for_user(user=user, season_id=season.pk, status=filters.status)
    page = paginate(qs, filters)
    page["items"] = [_objection_out(item) for item in page["items"]]
    return page


@router.post(
    "/scorecards/{scorecard_id}/objections",
    response={201: ObjectionOut, **WRITE},
    summary="Gửi ý kiến về điểm thẩm định (trong thời hạn)",
)
def objection_create(
    request: HttpRequest, scorecard_id: PathId, payload: ObjectionIn
) -> Status[Any]:
    user = actor(request)
    card = selectors.scorecard_get_for_user(user=user, pk=scorecard_id)
    criterion = None
    if payload.criterion_id is not None:
        criterion = Criterion.objects.filter(
            pk=payload.criterion_id, covenant__season_id=card.season_id
        ).first()
        if criterion is None:
            raise NotFound(_("Không tìm thấy tiêu chí trong bảng điểm."))
    item = services.objection_file(
        actor=user, scorecard=card, text=payload.text, criterion=criterion
    )
    return Status(201, _objection_out(selectors.objection_get_for_user(user=user, pk=item.pk)))


@router.post(
    "/objections/{objection_id}/answer",
    response={200: ObjectionOut, **WRITE},
    summary="Trả lời ý kiến (có thể đổi điểm thẩm định, kèm lý do)",
)
def objection_answer(request: HttpRequest, objection_id: PathId, payload: AnswerIn) -> Any:
    user = actor(request)
    item = selectors.objection_get_for_user(user=user, pk=objection_id)
    services.objection_answer(
        actor=user,
        objection=item,
        answer=payload.answer,
        points=payload.points,
        reason=payload.reason,
    )
    return _objection_out(selectors.objection_get_for_user(user=user, pk=item.pk))


# Exclusions ------------------------------------------------------------------------------------


@router.get(
    "/seasons/{season_id}/exclusions",
    response={200: list[ExclusionOut], **READ},
    summary="Đơn vị không xét trong năm (quy tắc cứng, ví dụ GEN-03)",
)
def exclusion_list(request: HttpRequest, season_id: PathId) -> Any:
    user = actor(request)
    season = season_get_for_user(user=user, pk=season_id)
    return list(selectors.exclusion_list_for_user(user=user, season_id=season.pk))


@router.post(
    "/seasons/{season_id}/exclusions",
    response={201: ExclusionOut, **WRITE},
    summary="Ghi nhận đơn vị không xét (Ban TĐKT)",
)
def exclusion_create(request: HttpRequest, season_id: PathId, payload: ExclusionIn) -> Status[Any]:
    user = actor(request)
    season = season_get_for_user(user=user, pk=season_id)
    unit = unit_get_for_user(user=user, pk=payload.unit_id)
    item = services.exclusion_create(
        actor=user, season=season, unit=unit, rule_id=payload.rule_id, reason=payload.reason
    )
    return Status(201, item)


@router.delete(
    "/exclusions/{exclusion_id}",
    response={204: None, **WRITE},
    summary="Bỏ ghi nhận không xét (cần lý do)",
)
def exclusion_remove(request: HttpRequest, exclusion_id: PathId, payload: ReasonIn) -> Status[None]:
    user = actor(request)
    item = selectors.exclusion_get_for_user(user=user, pk=exclusion_id)
    services.exclusion_delete(actor=user, exclusion=item, reason=payload.reason)
    return Status(204, None)
