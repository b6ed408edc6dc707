from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from thidua.accounts.models import User
from thidua.accounts.permissions import require
from thidua.api.auth import actor
from thidua.api.endpoints.units import units_for_ids
from thidua.api.errors import LIST, READ, WRITE
from thidua.api.schemas import (
    HistoryRow,
    MemberIn,
    SeasonIn,
    SeasonOut,
    SeasonPage,
    SeasonPatch,
    SeasonQuery,
)
from thidua.api.types import PathId, paginate
from thidua.core.audit import history_rows
from thidua.core.exceptions import NotFound
from thidua.org.models import Season, Unit
from thidua.org.selectors import (
    bloc_get_for_user,
    season_get_for_user,
    season_list_for_user,
    unit_get_for_user,
)
from thidua.org.services import (
    season_add_member,
    season_create,
    season_delete,
    season_remove_member,
    season_update,
    season_update_note,
)

router = Router(tags=["seasons"])


def _unit_or_none(user: User, pk: int | None) -> Unit | None:
    return None if pk is None else unit_get_for_user(user=user, pk=pk)


def _reloaded(user: User, season: Season) -> Season:
    # Members, leader and deputy are read back through the selector's joins.
    return season_get_for_user(user=user, pk=season.pk)


@router.get("/seasons", response={200: SeasonPage, **LIST}, summary="Danh sách năm thi đua")
def season_list(request: HttpRequest, filters: Query[SeasonQuery]) -> dict[str, Any]:
    qs = season_list_for_user(
        user=actor(request),
        bloc_id=filters.bloc_id,
        year=filters.year,
        province_id=filters.province_id,
    )
    return paginate(qs, filters)


@router.get("/seasons/{season_id}", response={200: SeasonOut, **READ}, summary="Một năm thi đua")
def season_get(request: HttpRequest, season_id: PathId) -> Any:
    return season_get_for_user(user=actor(request), pk=season_id)


@router.post("/seasons", response={201: SeasonOut, **WRITE}, summary="Mở năm thi đua của khối")
def season_add(request: HttpRequest, payload: SeasonIn) -> Status[Any]:
    user = actor(request)
    season = season_create(
        actor=user,
        bloc=bloc_get_for_user(user=user, pk=payload.bloc_id),
        year=payload.year,
        members=units_for_ids(user, payload.member_ids),
        leader=_unit_or_none(user, payload.leader_id),
        deputy=_unit_or_none(user, payload.deputy_id),
        note=payload.note,
        source=payload.source,
        is_illustrative=payload.is_illustrative,
    )
    return Status(201, _reloaded(user, season))


@router.patch(
    "/seasons/{season_id}",
    response={200: SeasonOut, **WRITE},
    summary="Đổi trưởng khối, phó trưởng khối, ghi chú",
    description="Chỉ gửi `note`: trưởng khối (cán bộ đơn vị trưởng khối) cũng được sửa.",
)
def season_change(request: HttpRequest, season_id: PathId, payload: SeasonPatch) -> Any:
    user = actor(request)
    season = season_get_for_user(user=user, pk=season_id)
    values = payload.changes()
    if set(values) == {"note"}:
        season_update_note(actor=user, season=season, note=values["note"])
    elif values:
        leader = season.leader
        deputy = season.deputy
        if "leader_id" in values:
            leader = _unit_or_none(user, values["leader_id"])
        if "deputy_id" in values:
            deputy = _unit_or_none(user, values["deputy_id"])
        season_update(
            actor=user,
            season=season,
            leader=leader,
            deputy=deputy,
            note=values.get("note"),
            source=values.get("source"),
        )
    else:
        require(user, "org.change_season_note", season)
    return _reloaded(user, season)


@router.delete("/seasons/{season_id}", response={204: None, **WRITE}, summary="Xoá năm thi đua")
def season_remove(request: HttpRequest, season_id: PathId) -> Status[None]:
    user = actor(request)
    season_delete(actor=user, season=season_get_for_user(user=user, pk=season_id))
    return Status(204, None)


@router.post(
    "/seasons/{season_id}/members",
    response={200: SeasonOut, **WRITE},
    summary="Thêm đơn vị vào khối trong năm",
)
def season_member_add(request: HttpRequest, season_id: PathId, payload: MemberIn) -> Any:
    user = actor(request)
    season = season_get_for_user(user=user, pk=season_id)
    season_add_member(
        actor=user, season=season, unit=unit_get_for_user(user=user, pk=payload.unit_id)
    )
    return _reloaded(user, season)


@router.delete(
    "/seasons/{season_id}/members/{unit_id}",
    response={204: None, **WRITE},
    summary="Bỏ đơn vị khỏi khối trong năm",
)
def season_member_remove(request: HttpRequest, season_id: PathId, unit_id: PathId) -> Status[None]:
    user = actor(request)
    season = season_get_for_user(user=user, pk=season_id)
    unit = unit_get_for_user(user=user, pk=unit_id)
    if not season.memberships.filter(unit=unit).exists():
        require(user, "org.change_season_members", season)
        raise NotFound(_("Đơn vị không phải thành viên của khối trong năm này."))
    season_remove_member(actor=user, season=season, unit=unit)
    return Status(204, None)


@router.get(
    "/seasons/{season_id}/history",
    response={200: list[HistoryRow], **READ},
    summary="Lịch sử thay đổi của năm thi đua",
)
def season_history(request: HttpRequest, season_id: PathId) -> Any:
    return history_rows(season_get_for_user(user=actor(request), pk=season_id))
