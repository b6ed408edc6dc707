from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from thidua.accounts.models import User
from thidua.api.auth import actor
from thidua.api.errors import LIST, READ, WRITE
from thidua.api.schemas import (
    HistoryRow,
    LineageEventIn,
    LineageEventOut,
    LineageOut,
    UnitIn,
    UnitOut,
    UnitPage,
    UnitPatch,
    UnitQuery,
)
from thidua.api.types import PathId, paginate
from thidua.core.audit import history_rows
from thidua.org.models import Unit
from thidua.org.selectors import (
    province_get_for_user,
    unit_get_for_user,
    unit_lineage,
    unit_list_for_user,
)
from thidua.org.services import lineage_event_record, unit_create, unit_delete, unit_update

router = Router(tags=["units"])


def units_for_ids(user: User, ids: list[int]) -> list[Unit]:
    """The units named by `ids`, in order; any missing or invisible one answers 404."""
    return [unit_get_for_user(user=user, pk=pk) for pk in dict.fromkeys(ids)]


@router.get("/units", response={200: UnitPage, **LIST}, summary="Danh sách đơn vị")
def unit_list(request: HttpRequest, filters: Query[UnitQuery]) -> dict[str, Any]:
    qs = unit_list_for_user(
        user=actor(request),
        province_id=filters.province_id,
        kind=filters.kind,
        q=filters.q,
        active_in_year=filters.active_in_year,
    )
    return paginate(qs, filters)


@router.get("/units/{unit_id}", response={200: UnitOut, **READ}, summary="Một đơn vị")
def unit_get(request: HttpRequest, unit_id: PathId) -> Any:
    return unit_get_for_user(user=actor(request), pk=unit_id)


@router.post("/units", response={201: UnitOut, **WRITE}, summary="Thêm đơn vị")
def unit_add(request: HttpRequest, payload: UnitIn) -> Status[Any]:
    user = actor(request)
    province = province_get_for_user(user=user, pk=payload.province_id)
    parent = unit_get_for_user(user=user, pk=payload.parent_id) if payload.parent_id else None
    unit = unit_create(
        actor=user,
        province=province,
        code=payload.code,
        name=payload.name,
        kind=payload.kind,
        short_name=payload.short_name,
        parent=parent,
        active_from=payload.active_from,
        active_to=payload.active_to,
        is_illustrative=payload.is_illustrative,
    )
    return Status(201, unit)


@router.patch("/units/{unit_id}", response={200: UnitOut, **WRITE}, summary="Sửa đơn vị")
def unit_change(request: HttpRequest, unit_id: PathId, payload: UnitPatch) -> Any:
    user = actor(request)
    unit = unit_get_for_user(user=user, pk=unit_id)
    values = payload.changes()
    if "parent_id" in values:
        parent_id = values.pop("parent_id")
        values["parent"] = unit_get_for_user(user=user, pk=parent_id) if parent_id else None
    return unit_update(actor=user, unit=unit, **values)


@router.delete("/units/{unit_id}", response={204: None, **WRITE}, summary="Xoá đơn vị")
def unit_remove(request: HttpRequest, unit_id: PathId) -> Status[None]:
    user = actor(request)
    unit_delete(actor=user, unit=unit_get_for_user(user=user, pk=unit_id))
    return Status(204, None)


@router.get(
    "/units/{unit_id}/lineage",
    response={200: LineageOut, **READ},
    summary="Lịch sử sắp xếp: đơn vị trước, đơn vị sau, sự kiện",
)
def unit_lineage_get(request: HttpRequest, unit_id: PathId) -> Any:
    unit = unit_get_for_user(user=actor(request), pk=unit_id)
    lineage = unit_lineage(unit=unit)
    return {
        "unit": unit,
        "ancestors": lineage.ancestors,
        "descendants": lineage.descendants,
        "events": lineage.events,
    }


@router.get(
    "/units/{unit_id}/history",
    response={200: list[HistoryRow], **READ},
    summary="Lịch sử thay đổi của đơn vị",
)
def unit_history(request: HttpRequest, unit_id: PathId) -> Any:
    return history_rows(unit_get_for_user(user=actor(request), pk=unit_id))


@router.post(
    "/lineage-events",
    response={201: LineageEventOut, **WRITE},
    tags=["lineage"],
    summary="Ghi nhận đổi tên, hợp nhất, chia tách, chuyển giao",
)
def lineage_event_add(request: HttpRequest, payload: LineageEventIn) -> Status[Any]:
    user = actor(request)
    province = province_get_for_user(user=user, pk=payload.province_id)
    event = lineage_event_record(
        actor=user,
        province=province,
        kind=payload.kind,
        date=payload.date,
        predecessors=units_for_ids(user, payload.predecessor_ids),
        successors=units_for_ids(user, payload.successor_ids),
        legal_basis=payload.legal_basis,
        note=payload.note,
        is_illustrative=payload.is_illustrative,
    )
    return Status(201, event)
