"""The province dashboard as JSON: the same data as the home page (`org:dashboard`)."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from thidua.accounts.models import User
from thidua.api.auth import actor
from thidua.api.errors import LIST, Error
from thidua.api.schemas_dashboard import DashboardOut, DashboardQuery
from thidua.core.exceptions import NotFound
from thidua.org.models import Province
from thidua.org.selectors import province_list_for_user
from thidua.org.selectors.pages import default_province_for_user, default_year_for_user
from thidua.reports.selectors.dashboard import BlocCycle, Dashboard, dashboard_for_user

router = Router(tags=["dashboard"])


def _province(user: User, wanted: int | None) -> Province:
    provinces = list(province_list_for_user(user=user))
    if wanted is None:
        province = default_province_for_user(user=user, provinces=provinces)
    else:
        province = next((p for p in provinces if p.pk == wanted), None)
    if province is None:
        raise NotFound()
    return province


@router.get(
    "/dashboard",
    response={200: DashboardOut, **LIST, 404: Error},
    summary="Tổng quan của tỉnh: tiến độ chu kỳ thi đua, việc quá hạn, số khen thưởng",
    description=(
        "Mọi người dùng của tỉnh đều đọc được. Tỉnh ngoài phạm vi, hoặc không có tỉnh nào trong "
        "phạm vi: 404."
    ),
)
def dashboard_get(request: HttpRequest, q: Query[DashboardQuery]) -> dict[str, Any]:
    user = actor(request)
    province = _province(user, q.province)
    year, years = default_year_for_user(user=user, province_id=province.pk)
    if q.year is not None:
        year = q.year
    board = dashboard_for_user(user=user, province=province, year=year)
    return _out(board, years)


def _bloc_out(row: BlocCycle) -> dict[str, Any]:
    return {
        "bloc_id": row.bloc.pk,
        "name": row.bloc.name,
        "kind": row.bloc.kind,
        "season_id": row.season.pk if row.season is not None else None,
        "leader": row.leader_name,
        "deputy": row.deputy_name,
        "members": row.members,
        "steps": [
            {
                "key": s.key,
                "label": s.label,
                "state": s.state,
                "state_label": s.state_label,
                "text": s.text,
                "done": s.done,
                "total": s.total,
                "due": s.due,
                "url": s.url,
            }
            for s in row.steps
        ],
        "proposals": [
            {"status": status, "label": label, "count": count}
            for status, label, count in row.proposal_statuses
        ],
    }


def _out(board: Dashboard, years: list[int]) -> dict[str, Any]:
    awards = board.awards
    return {
        "province": {"id": board.province.pk, "name": board.province.name},
        "year": board.year,
        "years": years,
        "today": board.today,
        "blocs": [_bloc_out(row) for row in board.blocs],
        "step_states": board.step_states,
        "overdue": [
            {
                "kind": item.kind,
                "title": item.title,
                "detail": item.detail,
                "bloc_id": item.bloc.pk if item.bloc is not None else None,
                "bloc_name": item.bloc.name if item.bloc is not None else "",
                "due": item.due,
                "days_late": item.days_late,
                "url": item.url,
                "proposal_id": item.proposal_id,
            }
            for item in board.overdue
        ],
        "overdue_proposals_more": board.overdue_proposals_more,
        "awards": {
            "years": list(awards.years),
            "by_type": [
                {
                    "award_type": row.code,
                    "name": row.name,
                    "category": row.category,
                    "counts": list(row.counts),
                    "total": row.total,
                }
                for row in awards.by_type
            ],
            "year_totals": list(awards.year_totals),
            "bloc_columns": [{"award_type": c, "name": n} for c, n in awards.bloc_columns],
            "by_bloc": [
                {
                    "bloc_id": row.bloc.pk,
                    "name": row.bloc.name,
                    "counts": list(row.counts),
                    "total": row.total,
                }
                for row in awards.by_bloc
            ],
        },
    }
