from typing import Any

from django.http import HttpRequest
from ninja import Router

from thidua.api.auth import actor
from thidua.api.errors import READ
from thidua.api.schemas_ranking import LeniencyOut, RankingOut
from thidua.api.types import PathId
from thidua.covenants.enums import TieBreak
from thidua.org.selectors import season_get_for_user
from thidua.scoring.ranking import RankedRow
from thidua.scoring.selectors.ranking import leniency_for_season, ranking_for_season

router = Router(tags=["ranking"])


def _unit(row: RankedRow) -> dict[str, Any]:
    return {"id": row.entry.unit_id, "name": row.entry.unit_name}


def _row(row: RankedRow) -> dict[str, Any]:
    e = row.entry
    return {
        "rank": row.rank,
        "unit": _unit(row),
        "base": e.base,
        "bonus": e.bonus,
        "deduction": e.deduction,
        "total": row.total,
        "group_points": list(e.group_points),
        "band": {"code": row.band.code, "label": row.band.label} if row.band else None,
        "card_status": e.card_status or None,
        "unreviewed": e.unreviewed,
        "submitted_at": e.submitted_at,
        "decided_by": row.decided_by,
        "tie_note": row.tie_note,
    }


@router.get(
    "/seasons/{season_id}/ranking",
    response={200: RankingOut, **READ},
    summary="Xếp hạng năm thi đua",
    description=(
        "Tổng điểm = điểm tiêu chí + điểm cộng − điểm trừ; bằng tổng điểm thì xét lần lượt các "
        "quy tắc phụ công bố trong giao ước, vẫn bằng thì đồng hạng. Đơn vị bị loại trừ (ví dụ "
        "GEN-03) nằm trong `excluded`, không có hạng. 404 khi năm thi đua không tồn tại hoặc "
        "ngoài phạm vi của người dùng."
    ),
)
def season_ranking(request: HttpRequest, season_id: PathId) -> dict[str, Any]:
    user = actor(request)
    ranking = ranking_for_season(user=user, season=season_get_for_user(user=user, pk=season_id))
    return {
        "season_id": season_id,
        "table_total": ranking.table_total,
        "tie_breaks": [{"code": r, "label": str(TieBreak(r).label)} for r in ranking.tie_breaks],
        "rows": [_row(r) for r in ranking.ranked],
        "excluded": [
            {
                "unit": _unit(r),
                "rule": r.entry.excluded_rule,
                "reason": r.entry.excluded_reason,
                "total": r.total,
            }
            for r in ranking.excluded
        ],
    }


@router.get(
    "/seasons/{season_id}/leniency",
    response={200: LeniencyOut, **READ},
    summary="Mức chấm chéo của từng đơn vị chấm",
    description=(
        "Chỉ có số liệu khi giao ước chấm chéo (`cross_scoring`); hình thức khác trả danh sách "
        "rỗng. 404 khi năm thi đua không tồn tại hoặc ngoài phạm vi của người dùng."
    ),
)
def season_leniency(request: HttpRequest, season_id: PathId) -> dict[str, Any]:
    user = actor(request)
    result = leniency_for_season(user=user, season=season_get_for_user(user=user, pk=season_id))
    return {
        "season_id": season_id,
        "scoring_mode": result.scoring_mode,
        "median": result.median,
        "mad": result.mad,
        "rows": [
            {
                "unit": {"id": r.unit_id, "name": r.unit_name},
                "mean_deviation": r.mean_deviation,
                "items": r.items,
                "outlier": r.outlier,
            }
            for r in result.rows
        ],
    }
